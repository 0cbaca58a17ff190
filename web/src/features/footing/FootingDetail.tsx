import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../shared/auth';
import { formatChinaTime } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useErrorText } from '../../shared/ui/errors';
import { useRegions } from '../regions/api';
import { showFieldError } from '../vaccination/form-errors';
import { type Adjustments, type FootingMode, type FootingTarget, type HistoryEntry, type Proposal, type SchoolEffective, useFooting, useFootingMutations } from './api';
import { ModeTag } from './ModeTag';

const at = (iso: string) => formatChinaTime(iso, 'YYYY-MM-DD HH:mm');

/** One region's or school's footing: what is in force, the proposals waiting, the switch, the history. */
export function FootingDetail({ target, label }: { target: FootingTarget; label: string }) {
  const { t } = useI18n();
  const can = useCan();
  const view = useFooting(target);
  const regions = useRegions();
  const regionName = (code: string) => regions.data?.find((r) => r.code === code)?.name ?? code;
  const data = view.data;
  const school = data?.scopeType === 'school' ? (data.effective as SchoolEffective) : null;
  return (
    <Flex vertical gap={12}>
      <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />
      {data && (
        <Card size="small" title={label} data-testid="footing-detail" data-scope={`${data.scopeType}:${data.scopeKey}`}>
          <Flex vertical gap={8}>
            <Space wrap>
              <Typography.Text>{t(data.scopeType === 'school' ? 'footing.ownSchool' : 'footing.ownRegion')}</Typography.Text>
              <ModeTag mode={data.mode} testId="footing-mode" />
            </Space>
            {school && (
              <Space wrap>
                <Typography.Text>{t('footing.effective')}</Typography.Text>
                <ModeTag mode={school.mode} testId="footing-effective" />
                {school.source && <Typography.Text type="secondary">{t(school.source.scopeType === 'school' ? 'footing.fromSchool' : 'footing.fromRegion', { code: regionName(school.source.scopeKey) })}</Typography.Text>}
              </Space>
            )}
            {school?.adjustments && <AdjustmentList adjustments={school.adjustments} />}
          </Flex>
        </Card>
      )}
      {data && data.proposals.length > 0 && <Proposals proposals={data.proposals} canDecide={can('footing.configure')} />}
      {data && can('footing.manage') && <SwitchForm key={`${data.scopeType}:${data.scopeKey}:${data.mode}`} target={target} current={data.mode} />}
      {data && <History entries={data.history} />}
    </Flex>
  );
}

export function AdjustmentList({ adjustments }: { adjustments: Adjustments }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={1} bordered title={t('footing.tightens')}>
      <Descriptions.Item label={t('footing.checkSessions')}>{adjustments.checkSessions.map((s) => t(`footing.session.${s}`)).join('、')}</Descriptions.Item>
      <Descriptions.Item label={t('footing.testsPerWeek')}>{adjustments.testsPerWeek}</Descriptions.Item>
      <Descriptions.Item label={t('footing.gateRules')}>{adjustments.gateRules.map((r) => <Tag key={r}>{gateRuleLabel(t, r)}</Tag>)}</Descriptions.Item>
      <Descriptions.Item label={t('footing.deadlineHours')}>{adjustments.reportingDeadlineHours}</Descriptions.Item>
    </Descriptions>
  );
}

export function gateRuleLabel(t: ReturnType<typeof useI18n>['t'], rule: string): string {
  return rule === 'no_visitors' || rule === 'travel_record_required' ? t(`footing.gateRule.${rule}`) : rule;
}

function triggerLabel(t: ReturnType<typeof useI18n>['t'], trigger: string): string {
  return trigger === 'confirmed_case' || trigger === 'emergency_alert' || trigger === 'decision' ? t(`footing.trigger.${trigger}`) : trigger;
}

/** Switches proposed by a trigger (a confirmed case, an emergency alert): the bureau approves or refuses, with a reason. */
function Proposals({ proposals, canDecide }: { proposals: Proposal[]; canDecide: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const m = useFootingMutations();
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const decide = (id: number, accept: boolean) => {
    const reason = (reasons[id] ?? '').trim();
    if (reason.length < 2) return setErrors({ ...errors, [id]: t('footing.reasonRequired') });
    setErrors({ ...errors, [id]: '' });
    m.decide.mutate({ id, accept, reason }, { onSuccess: () => message.success(accept ? t('footing.approved') : t('footing.refused')), onError: (err) => setErrors({ ...errors, [id]: errorText(err) }) });
  };
  return (
    <Card size="small" title={t('footing.proposals')}>
      <List
        dataSource={proposals}
        data-testid="footing-proposals"
        renderItem={(p) => (
          <List.Item style={{ display: 'block' }} data-testid="footing-proposal" data-id={p.id}>
            <Space wrap>
              <Tag color="orange">{triggerLabel(t, p.trigger)}</Tag>
              <Typography.Text>{t('footing.proposeTo')}</Typography.Text>
              <ModeTag mode={p.mode} />
              <Typography.Text type="secondary">{at(p.at)}</Typography.Text>
            </Space>
            <Typography.Paragraph style={{ margin: '6px 0' }}>{p.reason}</Typography.Paragraph>
            {canDecide && (
              <Flex vertical gap={6}>
                <Input maxLength={300} status={errors[p.id] ? 'error' : undefined} placeholder={t('footing.decisionReason')} value={reasons[p.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [p.id]: e.target.value })} data-testid="footing-decide-reason" />
                {errors[p.id] && <Typography.Text type="danger" data-testid="footing-decide-error">{t('footing.fieldReason')}：{errors[p.id]}</Typography.Text>}
                <Space wrap>
                  <Button type="primary" danger loading={m.decide.isPending} onClick={() => decide(p.id, true)} data-testid="footing-approve">{t('footing.approve')}</Button>
                  <Button loading={m.decide.isPending} onClick={() => decide(p.id, false)} data-testid="footing-refuse">{t('footing.refuse')}</Button>
                </Space>
              </Flex>
            )}
          </List.Item>
        )}
      />
    </Card>
  );
}

/** A switch to the other footing, always with a reason (it is on record and told to the task forces). */
function SwitchForm({ target, current }: { target: FootingTarget; current: FootingMode }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const m = useFootingMutations();
  const [form] = Form.useForm<{ reason: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const next: FootingMode = current === 'emergency' ? 'normal' : 'emergency';
  async function submit() {
    const v = await form.validateFields();
    setFailure(null);
    m.switch.mutate(
      { ...target, mode: next, reason: v.reason.trim() },
      {
        onSuccess: () => message.success(t('footing.switched')),
        onError: (err) => {
          showFieldError(form, err, ['reason']);
          setFailure(errorText(err));
        },
      },
    );
  }
  return (
    <Card size="small" title={t('footing.switchTitle')}>
      <Form form={form} layout="vertical">
        <Typography.Paragraph>
          {t('footing.switchTo')} <ModeTag mode={next} />
        </Typography.Paragraph>
        <Form.Item name="reason" label={t('footing.fieldReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('footing.reasonRequired') }]}>
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2 }} data-testid="footing-switch-reason" />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="footing-switch-error" />}
        <Button type="primary" danger={next === 'emergency'} block loading={m.switch.isPending} onClick={() => void submit()} data-testid="footing-switch">
          {next === 'emergency' ? t('footing.toEmergency') : t('footing.toNormal')}
        </Button>
      </Form>
    </Card>
  );
}

function History({ entries }: { entries: HistoryEntry[] }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('footing.history')}>
      <Table<HistoryEntry>
        size="small"
        rowKey="id"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        dataSource={entries}
        data-testid="footing-history"
        locale={{ emptyText: t('footing.noHistory') }}
        columns={[
          { title: t('footing.at'), render: (_, h) => at(h.at), width: 140 },
          { title: t('footing.current'), render: (_, h) => <ModeTag mode={h.mode} /> },
          { title: t('footing.status'), render: (_, h) => t(`footing.statusName.${h.status}`) },
          { title: t('footing.triggerName'), render: (_, h) => triggerLabel(t, h.trigger) },
          { title: t('footing.fieldReason'), dataIndex: 'reason' },
          { title: t('footing.by'), dataIndex: 'by', render: (v: string | null) => v ?? t('footing.automatic') },
        ]}
      />
    </Card>
  );
}
