import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { chinaPickerValue, chinaToday, instantOfChinaPickerValue } from '../../shared/china-time';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert, useErrorText } from '../../shared/ui/errors';
import { type Certificate, useDiseaseOptions, useEpisode, useFollowUp, useRecordReturn } from './api';
import { useSymptomName } from './symptom-names';

const METHODS = ['phone', 'wechat', 'sms', 'visit', 'other'];
const day = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** One illness absence: the follow-up record and the return-to-class certificate check. */
export function EpisodePage() {
  const id = Number(useParams().id);
  const { t } = useI18n();
  const errorText = useErrorText();
  const symptomName = useSymptomName();
  const q = useEpisode(id);
  const followUp = useFollowUp(id);
  const recordReturn = useRecordReturn(id);
  const [saved, setSaved] = useState(false);
  const [decision, setDecision] = useState<Certificate | null>(null);
  const diseases = useDiseaseOptions();
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Card loading />;
  const { episode: e, certificates, earliestReturn, can } = q.data;
  const open = e.status === 'open';
  return (
    <Flex vertical gap={16} data-testid="episode-page">
      <Card title={t('checks.episode.title', { name: e.personName })}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('checks.episode.status')}><Tag data-testid="episode-status" color={open ? 'orange' : 'green'}>{open ? t('checks.episode.open') : t('checks.episode.closed')}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('checks.episode.openedOn')}>{e.openedOn}</Descriptions.Item>
          <Descriptions.Item label={t('checks.episode.absentSessions')}>{e.absentSessions}</Descriptions.Item>
          <Descriptions.Item label={t('checks.queue.symptoms')}>{e.symptoms.map(symptomName).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('checks.episode.earliestReturn')}>{earliestReturn}</Descriptions.Item>
        </Descriptions>
      </Card>
      {open && can.followUp && (
        <Card title={t('checks.episode.followUp')}>
          <Form layout="vertical" data-testid="episode-followup" initialValues={{
            guardianContactMethod: e.guardianContactMethod, hospital: e.hospital, diagnosisCode: e.diagnosisCode, diagnosisText: e.diagnosisText, doctorVisit: e.doctorVisit ?? false,
            onsetDate: e.onsetDate ? dayjs(e.onsetDate) : null, expectedReturn: e.expectedReturn ? dayjs(e.expectedReturn) : null,
            guardianContactedAt: e.guardianContactedAt ? chinaPickerValue(e.guardianContactedAt) : null,
          }} onFinish={(v) => {
            setSaved(false);
            // An expected return left empty is not sent: the server then keeps the policy's earliest date as the estimate.
            const expectedReturn = day(v.expectedReturn);
            followUp.mutate({
              version: e.version, guardianContactMethod: v.guardianContactMethod ?? null, hospital: v.hospital || null, diagnosisCode: v.diagnosisCode || null, diagnosisText: v.diagnosisText || null,
              doctorVisit: !!v.doctorVisit, onsetDate: day(v.onsetDate), ...(expectedReturn || e.expectedReturn ? { expectedReturn } : {}),
              guardianContactedAt: v.guardianContactedAt ? instantOfChinaPickerValue(v.guardianContactedAt) : null,
            }, { onSuccess: () => setSaved(true) });
          }}>
            <Flex wrap gap={12}>
              <Form.Item name="guardianContactedAt" label={t('checks.episode.guardianContactedAt')}><DatePicker showTime data-testid="episode-contacted-at" /></Form.Item>
              <Form.Item name="guardianContactMethod" label={t('checks.episode.guardianContactMethod')}>
                <Select style={{ width: 140 }} data-testid="episode-contact-method" options={METHODS.map((m) => ({ value: m, label: t(`checks.episode.method.${m}` as MessageKey) }))} />
              </Form.Item>
              <Form.Item name="onsetDate" label={t('checks.episode.onsetDate')}><DatePicker data-testid="episode-onset" /></Form.Item>
              <Form.Item name="doctorVisit" label={t('checks.episode.doctorVisit')} valuePropName="checked"><Checkbox data-testid="episode-doctor-visit" /></Form.Item>
              <Form.Item name="hospital" label={t('checks.episode.hospital')}><Input id="episode-hospital" data-testid="episode-hospital" /></Form.Item>
              <Form.Item name="diagnosisCode" label={t('checks.episode.diagnosisCode')}><Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} options={diseases} data-testid="episode-diagnosis-code" /></Form.Item>
              <Form.Item name="diagnosisText" label={t('checks.episode.diagnosisText')}><Input data-testid="episode-diagnosis-text" /></Form.Item>
              <Form.Item name="expectedReturn" label={t('checks.episode.expectedReturn')}><DatePicker data-testid="episode-expected-return" /></Form.Item>
            </Flex>
            {followUp.error && <Alert type="error" showIcon message={errorText(followUp.error)} style={{ marginBottom: 12 }} />}
            {saved && <Alert type="success" showIcon message={<span data-testid="episode-saved">{t('checks.episode.saved')}</span>} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" loading={followUp.isPending} data-testid="episode-save">{t('checks.episode.save')}</Button>
          </Form>
        </Card>
      )}
      {open && can.followUp && (
        <Card title={t('checks.episode.returnTitle')}>
          <Form layout="vertical" data-testid="episode-return" initialValues={{ issuedOn: dayjs(chinaToday()), returnOn: dayjs(chinaToday()), symptomsResolved: true, hospital: e.hospital }}
            onFinish={(v) => {
              recordReturn.mutate({
                hospital: v.hospital, issuedOn: day(v.issuedOn), returnOn: day(v.returnOn), diagnosisCode: v.diagnosisCode || null, diagnosisText: v.diagnosisText || null,
                feverFreeHours: v.feverFreeHours ?? null, symptomsResolved: !!v.symptomsResolved, lesionsCrusted: !!v.lesionsCrusted, testNegative: !!v.testNegative,
              }, { onSuccess: (r) => setDecision(r.certificate) });
            }}>
            <Flex wrap gap={12}>
              <Form.Item name="hospital" label={t('checks.episode.hospital')} rules={[{ required: true }]}><Input data-testid="return-hospital" /></Form.Item>
              <Form.Item name="issuedOn" label={t('checks.episode.issuedOn')} rules={[{ required: true }]}><DatePicker data-testid="return-issued-on" /></Form.Item>
              <Form.Item name="returnOn" label={t('checks.episode.returnOn')} rules={[{ required: true }]}><DatePicker data-testid="return-on" /></Form.Item>
              <Form.Item name="diagnosisCode" label={t('checks.episode.diagnosisCode')}><Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} options={diseases} data-testid="return-diagnosis-code" /></Form.Item>
              <Form.Item name="feverFreeHours" label={t('checks.episode.feverFreeHours')}><InputNumber min={0} data-testid="return-fever-free-hours" /></Form.Item>
              <Form.Item name="symptomsResolved" label={t('checks.episode.symptomsResolved')} valuePropName="checked"><Checkbox /></Form.Item>
              <Form.Item name="lesionsCrusted" label={t('checks.episode.lesionsCrusted')} valuePropName="checked"><Checkbox /></Form.Item>
              <Form.Item name="testNegative" label={t('checks.episode.testNegative')} valuePropName="checked"><Checkbox /></Form.Item>
            </Flex>
            {recordReturn.error && <Alert type="error" showIcon message={errorText(recordReturn.error)} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" loading={recordReturn.isPending} data-testid="return-check">{t('checks.episode.check')}</Button>
          </Form>
        </Card>
      )}
      {decision && <DecisionAlert c={decision} />}
      {certificates.length > 0 && (
        <Card title={t('checks.episode.certificates')}>
          <Table<Certificate> rowKey="id" size="small" pagination={false} dataSource={certificates} scroll={{ x: true }} columns={[
            { title: t('checks.episode.hospital'), dataIndex: 'hospital' },
            { title: t('checks.episode.issuedOn'), dataIndex: 'issuedOn' },
            { title: t('checks.episode.returnOn'), dataIndex: 'returnOn' },
            { title: t('checks.episode.decision'), key: 'd', render: (_: unknown, c) => <><Tag color={c.decision === 'accepted' ? 'green' : 'red'}>{c.decision === 'accepted' ? t('checks.episode.accepted') : t('checks.episode.refused')}</Tag>{c.reasonTexts.join('；')}{c.earliestReturn ? ` ${t('checks.episode.earliest', { date: c.earliestReturn })}` : ''}</> },
          ]} />
        </Card>
      )}
    </Flex>
  );
}

function DecisionAlert({ c }: { c: Certificate }) {
  const { t } = useI18n();
  if (c.decision === 'accepted') return <Alert type="success" showIcon message={<span data-testid="return-decision" data-decision="accepted">{t('checks.episode.accepted')}</span>} />;
  return (
    <Alert type="error" showIcon message={<span data-testid="return-decision" data-decision="refused">{t('checks.episode.refused')}</span>}
      description={<>{c.reasonTexts.map((r) => <div key={r}>{r}</div>)}{c.earliestReturn && <div>{t('checks.episode.earliest', { date: c.earliestReturn })}</div>}</>} />
  );
}
