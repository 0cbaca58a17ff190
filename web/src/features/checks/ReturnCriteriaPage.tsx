import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Modal, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { get, put } from '../../shared/api/client';
import { useCan, useMe } from '../../shared/auth';
import { ErrorAlert, useErrorText } from '../../shared/ui/errors';
import { usePolicyRegion } from '../policies/region';
import { showServerError } from '../policies/server-errors';
import { useReturnCriteriaText } from './return-criteria-strings';

interface Criteria {
  diseaseCode: string;
  nameZh: string;
  nameEn: string;
  textZh: string;
  textEn: string;
  minDaysFromOnset: number | null;
  feverFreeHours: number | null;
  symptomFreeHours: number | null;
  requiresLesionsCrusted: boolean;
  requiresTestNegative: boolean;
  overridden: boolean;
}
/** The form's fields, as the server names them, with the key of their label. */
const LABELS: Record<string, 'minDays' | 'feverFree' | 'symptomFree' | 'crusted' | 'testNegative'> = {
  minDaysFromOnset: 'minDays', feverFreeHours: 'feverFree', symptomFreeHours: 'symptomFree', requiresLesionsCrusted: 'crusted', requiresTestNegative: 'testNegative',
};
type Values = Pick<Criteria, 'minDaysFromOnset' | 'feverFreeHours' | 'symptomFreeHours' | 'requiresLesionsCrusted' | 'requiresTestNegative'>;

/** The return-to-class criteria in force for the user's region; province and city bureaus adjust them. */
export function ReturnCriteriaPage() {
  const { s, fmt, locale } = useReturnCriteriaText();
  const me = useMe();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const region = me.account.scope.regionCode;
  const policyRegion = usePolicyRegion();
  const list = useQuery({ queryKey: ['return-criteria', region ?? 'own'], queryFn: () => get<{ regionCode: string | null; items: Criteria[] }>('/api/absences/policies', region ? { regionCode: region } : undefined) });
  const [editing, setEditing] = useState<Criteria | null>(null);
  const [form] = Form.useForm<Values>();
  const [refused, setRefused] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) => put<{ ok: boolean }>(`/api/absences/policies/${region}/${editing!.diseaseCode}`, v),
    // The refusal goes under the field it names, quoting the field's label rather than its API name.
    onError: (err) => setRefused(showServerError(form, err, (path) => path.length === 1 && String(path[0]) in LABELS, { label: (path) => s[LABELS[String(path[0])]] })?.text ?? null),
    onSuccess: () => {
      setEditing(null);
      void message.success(s.saved);
      void qc.invalidateQueries({ queryKey: ['return-criteria'] });
    },
  });
  // Counties and schools read; the server refuses a county-level policy, so only province and city may adjust.
  const mayEdit = can('return_policy.manage') && policyRegion.editable(region);
  const name = (c: Criteria) => (locale === 'en' ? c.nameEn : c.nameZh);
  const num = (v: number | null, unit: string) => (v == null ? s.none : fmt(unit, { n: v }));
  const open = (c: Criteria) => {
    save.reset();
    setRefused(null);
    form.setFieldsValue(c);
    setEditing(c);
  };
  return (
    <Card size="small" title={s.title}>
      <Typography.Paragraph type="secondary">{s.intro}</Typography.Paragraph>
      {!mayEdit && <Alert type="info" showIcon title={s.countyHint} style={{ marginBottom: 12 }} />}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table
        size="small"
        rowKey="diseaseCode"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="return-criteria"
        onRow={(c) => ({ 'data-testid': `return-criteria-${c.diseaseCode}` }) as object}
        columns={[
          { title: s.disease, render: (_: unknown, c: Criteria) => <>{name(c)} {c.overridden ? <Tag color="blue">{s.overridden}</Tag> : <Tag>{s.national}</Tag>}</> },
          { title: s.minDays, render: (_: unknown, c: Criteria) => <span data-testid="min-days">{num(c.minDaysFromOnset, s.days)}</span> },
          { title: s.feverFree, render: (_: unknown, c: Criteria) => num(c.feverFreeHours, s.hours) },
          { title: s.symptomFree, render: (_: unknown, c: Criteria) => num(c.symptomFreeHours, s.hours) },
          { title: s.crusted, render: (_: unknown, c: Criteria) => (c.requiresLesionsCrusted ? s.yes : s.none) },
          { title: s.testNegative, render: (_: unknown, c: Criteria) => (c.requiresTestNegative ? s.yes : s.none) },
          { title: s.text, render: (_: unknown, c: Criteria) => <Typography.Text type="secondary">{locale === 'en' ? c.textEn : c.textZh}</Typography.Text> },
          ...(mayEdit ? [{ title: '', render: (_: unknown, c: Criteria) => <Button size="small" onClick={() => open(c)} data-testid="return-criteria-edit">{s.edit}</Button> }] : []),
        ]}
      />
      <Modal open={!!editing} title={editing ? fmt(s.editTitle, { name: name(editing) }) : ''} okText={s.save} cancelText={s.cancel} confirmLoading={save.isPending} onCancel={() => setEditing(null)} onOk={() => void form.validateFields().then((v) => save.mutate(v))}>
        {save.error && <Alert type="error" showIcon title={refused ?? errorText(save.error)} style={{ marginBottom: 12 }} data-testid="return-criteria-error" />}
        <Form form={form} layout="vertical">
          <Form.Item name="minDaysFromOnset" label={s.minDays}><InputNumber min={0} style={{ width: 160 }} data-testid="return-criteria-min-days" /></Form.Item>
          <Form.Item name="feverFreeHours" label={s.feverFree}><InputNumber min={0} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="symptomFreeHours" label={s.symptomFree}><InputNumber min={0} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="requiresLesionsCrusted" label={s.crusted} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="requiresTestNegative" label={s.testNegative} valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
