import { Alert, App, Button, Card, DatePicker, Form, Input, Segmented, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { chinaToday } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { useErrorText } from '../../shared/ui/errors';
import { useSchool } from '../schools/api';
import { newIdempotencyKey, showFieldError } from '../vaccination/form-errors';
import { type ScopeType, type Trigger, useOnlineMutations } from './api';

interface Values {
  scopeId?: number;
  fromDate: Dayjs;
  toDate?: Dayjs;
  reason?: string;
  trigger: Trigger;
}

const FIELDS = ['scopeId', 'fromDate', 'toDate', 'reason', 'trigger'] as const;

/** Switches a class, grade or the whole school to online teaching for a period, with the reason. */
export function StartForm({ schoolId }: { schoolId: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const school = useSchool(schoolId);
  const [form] = Form.useForm<Values>();
  const [scopeType, setScopeType] = useState<ScopeType>('class');
  const [failure, setFailure] = useState<string | null>(null);
  // One key per intended switch: a double tap or a retry after a lost answer does not start two periods.
  const [key, setKey] = useState(() => newIdempotencyKey('online'));
  const m = useOnlineMutations();

  const scopeOptions =
    scopeType === 'class'
      ? (school.data?.classes ?? []).map((c) => ({ value: c.id, label: `${c.gradeName}${c.name}（${t('onlineTeaching.studentsN', { n: c.studentCount })}）` }))
      : scopeType === 'grade'
        ? (school.data?.grades ?? []).map((g) => ({ value: g.id, label: g.name }))
        : school.data ? [{ value: school.data.school.id, label: school.data.school.name }] : [];

  async function submit() {
    const v = await form.validateFields();
    setFailure(null);
    m.start.mutate(
      { scopeType, scopeId: v.scopeId!, fromDate: v.fromDate.format('YYYY-MM-DD'), toDate: v.toDate!.format('YYYY-MM-DD'), reason: v.reason!.trim(), trigger: v.trigger, idempotencyKey: key },
      {
        onSuccess: () => {
          message.success(t('onlineTeaching.started'));
          form.resetFields(['scopeId', 'reason']);
          setKey(newIdempotencyKey('online'));
        },
        onError: (err) => {
          showFieldError(form, err, FIELDS);
          setFailure(errorText(err));
          setKey(newIdempotencyKey('online'));
        },
      },
    );
  }

  return (
    <Card size="small" title={t('onlineTeaching.start')}>
      <Segmented<ScopeType>
        block
        value={scopeType}
        data-testid="online-scope-type"
        onChange={(v) => {
          setScopeType(v);
          form.setFieldsValue({ scopeId: v === 'school' ? schoolId : undefined });
        }}
        options={(['class', 'grade', 'school'] as const).map((s) => ({ value: s, label: t(`onlineTeaching.scope.${s}`) }))}
      />
      <Form form={form} layout="vertical" style={{ marginTop: 12 }} initialValues={{ fromDate: dayjs(chinaToday()), trigger: 'decision' }}>
        <Form.Item name="scopeId" label={t(`onlineTeaching.scope.${scopeType}`)} rules={[{ required: true, message: t('onlineTeaching.scopeRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={scopeOptions} loading={school.isLoading} data-testid="online-scope" />
        </Form.Item>
        <Form.Item name="fromDate" label={t('onlineTeaching.fromDate')} rules={[{ required: true, message: t('onlineTeaching.dateRequired') }]}>
          <DatePicker allowClear={false} style={{ width: '100%' }} data-testid="online-from" />
        </Form.Item>
        <Form.Item name="toDate" label={t('onlineTeaching.toDate')} rules={[{ required: true, message: t('onlineTeaching.dateRequired') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="online-to" />
        </Form.Item>
        <Form.Item name="trigger" label={t('onlineTeaching.trigger')}>
          <Select options={(['decision', 'alert', 'footing'] as const).map((x) => ({ value: x, label: t(`onlineTeaching.triggers.${x}`) }))} data-testid="online-trigger" />
        </Form.Item>
        <Form.Item name="reason" label={t('onlineTeaching.reason')} rules={[{ required: true, whitespace: true, message: t('onlineTeaching.reasonRequired') }]}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} data-testid="online-reason" />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="online-error" />}
        <Button type="primary" block size="large" loading={m.start.isPending} onClick={() => void submit()} data-testid="online-submit">
          {t('onlineTeaching.submit')}
        </Button>
      </Form>
    </Card>
  );
}
