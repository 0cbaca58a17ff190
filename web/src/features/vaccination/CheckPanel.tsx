import { Alert, App, Button, Card, DatePicker, Flex, Form, List, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../shared/api/client';
import { useMe } from '../../shared/auth';
import { chinaToday } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useErrorText } from '../../shared/ui/errors';
import { usePeople } from '../people/api';
import { useSchool } from '../schools/api';
import { type CheckResult, type DoseInput, type Schedule, useVaccinationMutations, type VaccineSpec } from './api';
import { FollowUpActions, MissingDoses } from './MissingDoses';

/** Every dose the schedule (or its alternative product) allows for a vaccine. */
const doseCount = (v: VaccineSpec) => Math.max(v.doses.length, v.alternative?.doses.length ?? 0);
const doseKey = (code: string, n: number) => `${code}-${n}`;

/**
 * The school doctor's check at entry: a student picked from the school's classes, the certificate's
 * doses entered one date per dose, the check run against the schedule on the day and its result
 * (missing doses) shown with the follow-up.
 */
export function CheckPanel({ schoolId, schedule }: { schoolId: number; schedule: Schedule }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ classId?: number; personId?: number; checkedOn: Dayjs }>();
  const school = useSchool(schoolId);
  const classId = Form.useWatch('classId', form);
  const personId = Form.useWatch('personId', form);
  const students = usePeople({ schoolId, classId, kind: 'student', limit: 1000 }, !!classId);
  const [dates, setDates] = useState<Record<string, string>>({});
  const [doseErrors, setDoseErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<{ personId: number; name: string; check: CheckResult } | null>(null);
  const m = useVaccinationMutations();
  const vaccineName = (v: VaccineSpec) => (locale === 'en' ? v.nameEn : v.nameZh);

  const classes = (school.data?.classes ?? []).filter((c) => !me.account.scope.classId || c.id === me.account.scope.classId);

  async function submit() {
    const v = await form.validateFields();
    const doses: DoseInput[] = [];
    for (const vaccine of schedule.vaccines) {
      for (let n = 1; n <= doseCount(vaccine); n++) {
        const on = dates[doseKey(vaccine.code, n)];
        if (on) doses.push({ vaccine: vaccine.code, doseNumber: n, givenOn: on, source: 'certificate' });
      }
    }
    setDoseErrors({});
    setFailure(null);
    const name = students.data?.items.find((s) => s.id === v.personId)?.name ?? '';
    m.check.mutate(
      { personId: v.personId!, doses, checkedOn: v.checkedOn.format('YYYY-MM-DD') },
      {
        onSuccess: (check) => {
          setResult({ personId: v.personId!, name, check });
          message.success(t('vaccination.recorded'));
        },
        onError: (err) => {
          // `doses/3/givenOn`: the fourth dose sent; the message goes under that dose's date.
          const at = err instanceof ApiError ? /^doses\/(\d+)\//.exec(err.field ?? '') : null;
          const dose = at ? doses[Number(at[1])] : undefined;
          if (dose) {
            const spec = schedule.vaccines.find((x) => x.code === dose.vaccine);
            setDoseErrors({ [doseKey(dose.vaccine, dose.doseNumber)]: errorText(err) });
            setFailure(t('vaccination.doseError', { vaccine: spec ? vaccineName(spec) : dose.vaccine, n: dose.doseNumber, message: errorText(err) }));
          } else if (err instanceof ApiError && (err.field === 'personId' || err.field === 'checkedOn')) {
            form.setFields([{ name: err.field, errors: [errorText(err)] }]);
            setFailure(errorText(err));
          } else setFailure(errorText(err));
        },
      },
    );
  }

  return (
    <Flex vertical gap={12}>
      <ErrorAlert error={school.error ?? students.error} />
      <Form form={form} layout="vertical" initialValues={{ checkedOn: dayjs(chinaToday()), classId: me.account.scope.classId }}>
        <Form.Item name="classId" label={t('vaccination.class')} rules={[{ required: true, message: t('vaccination.classRequired') }]}>
          <Select
            data-testid="vacc-class"
            showSearch={{ optionFilterProp: 'label' }}
            options={classes.map((c) => ({ value: c.id, label: `${c.gradeName}${c.name}` }))}
            onChange={() => {
              form.setFieldsValue({ personId: undefined });
              setResult(null);
            }}
          />
        </Form.Item>
        <Form.Item name="personId" label={t('vaccination.student')} rules={[{ required: true, message: t('vaccination.studentRequired') }]}>
          <Select
            data-testid="vacc-student"
            showSearch={{ optionFilterProp: 'label' }}
            loading={students.isFetching}
            options={(students.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}${s.studentNumber ? `（${s.studentNumber}）` : ''}` }))}
            onChange={() => {
              setDates({});
              setDoseErrors({});
              setFailure(null);
              setResult(null);
            }}
          />
        </Form.Item>
        <Form.Item name="checkedOn" label={t('vaccination.checkedOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} data-testid="vacc-checked-on" disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()} />
        </Form.Item>
      </Form>
      {personId && (
        <Card size="small" title={t('vaccination.doses')} data-testid="vacc-doses">
          <Typography.Paragraph type="secondary">{t('vaccination.dosesHint')}</Typography.Paragraph>
          <List
            size="small"
            dataSource={schedule.vaccines}
            renderItem={(v) => (
              <List.Item style={{ display: 'block' }}>
                <Typography.Text strong>{vaccineName(v)}</Typography.Text>
                {v.alternative && <Typography.Text type="secondary"> · {t('vaccination.alternative', { name: v.alternative.nameZh, n: v.alternative.doses.length })}</Typography.Text>}
                <Flex wrap gap={8} style={{ marginTop: 6 }}>
                  {Array.from({ length: doseCount(v) }, (_, i) => i + 1).map((n) => {
                    const key = doseKey(v.code, n);
                    return (
                      <Flex vertical key={key} style={{ minWidth: 150 }}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('vaccination.dose', { n })}
                          {v.doses[n - 1] !== undefined ? ` · ${t('vaccination.ageAt', { months: v.doses[n - 1] })}` : ''}
                        </Typography.Text>
                        <DatePicker
                          size="small"
                          data-testid={`vacc-dose-${key}`}
                          status={doseErrors[key] ? 'error' : undefined}
                          value={dates[key] ? dayjs(dates[key]) : null}
                          disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()}
                          onChange={(d) => setDates((prev) => ({ ...prev, [key]: d ? d.format('YYYY-MM-DD') : '' }))}
                        />
                        {doseErrors[key] && <Typography.Text type="danger" style={{ fontSize: 12 }}>{doseErrors[key]}</Typography.Text>}
                      </Flex>
                    );
                  })}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
      {failure && <Alert type="error" showIcon title={failure} data-testid="vacc-error" />}
      <Button type="primary" size="large" block loading={m.check.isPending} onClick={() => void submit()} data-testid="vacc-submit">
        {t('vaccination.submit')}
      </Button>
      {result && (
        <Card size="small" title={`${t('vaccination.result')} · ${result.name}`} data-testid="vacc-result" data-complete={result.check.complete}>
          <Flex vertical gap={8}>
            <Flex wrap gap={8} align="center">
              <Tag color={result.check.complete ? 'green' : 'red'}>{result.check.complete ? t('vaccination.complete') : t('vaccination.incomplete')}</Tag>
              <Typography.Text type="secondary">{t('vaccination.age', { n: result.check.ageMonths })}</Typography.Text>
            </Flex>
            {!result.check.complete && <MissingDoses missing={result.check.missing} schedule={schedule} detailed />}
            {!result.check.complete && <FollowUpActions checkId={result.check.id} />}
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
