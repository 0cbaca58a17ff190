import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { CONTACT_VIAS, ISOLATION_KINDS, ISOLATION_ROLES, type IsolationRole, type Policy, type PolicyRules, useSavePolicy } from './api';
import { type FieldPath, showServerError } from './server-errors';

/** Form values: the API body's shape, except test days typed as "1, 3, 5" and a switch per isolated role. */
interface Values {
  rules: Omit<PolicyRules, 'isolation'> & { isolation: Partial<Record<IsolationRole, { kind: string; days: number; monitoringDays: number; testDays: string }>> };
  isolate: Partial<Record<IsolationRole, boolean>>;
  note: string;
}

const LEAVES = ['days', 'monitoringDays', 'testDays', 'kind'] as const;
/** Every field the form shows, as the server names it (so a refusal lands under the right input). */
const FIELDS: string[] = [
  'rules/name/zh', 'rules/name/en', 'rules/returnMinDaysFromOnset', 'rules/release/periodComplete', 'rules/release/allTestsNegative', 'rules/release/symptomFreeDays',
  'rules/contacts/via', 'rules/contacts/lookbackDays', 'rules/contacts/status', 'rules/contacts/statusDays',
  'rules/riskAreaTravel/lockdownStatus', 'rules/riskAreaTravel/controlledStatus', 'rules/riskAreaTravel/lookbackDays', 'rules/testing/keyPositionsPerWeek', 'note',
  ...ISOLATION_ROLES.flatMap((r) => LEAVES.map((l) => `rules/isolation/${r}/${l}`)),
];

const parseDays = (text: string) => text.split(/[,，\s]+/).filter(Boolean).map(Number);

function toValues(rules: PolicyRules): Values {
  const isolation: Values['rules']['isolation'] = {};
  const isolate: Values['isolate'] = {};
  for (const role of ISOLATION_ROLES) {
    const r = rules.isolation[role];
    isolate[role] = !!r;
    isolation[role] = r ? { ...r, testDays: r.testDays.join(', ') } : { kind: 'home', days: 7, monitoringDays: 0, testDays: '' };
  }
  return { rules: { ...rules, isolation }, isolate, note: '' };
}

function toRules(v: Values): PolicyRules {
  const isolation: PolicyRules['isolation'] = {};
  for (const role of ISOLATION_ROLES) {
    const r = v.rules.isolation[role];
    if (v.isolate[role] && r) isolation[role] = { kind: r.kind as never, days: r.days, monitoringDays: r.monitoringDays, testDays: parseDays(r.testDays) };
  }
  return { ...v.rules, isolation };
}

/**
 * Edits a policy by saving a new version for one province or city. Ranges are not enforced here:
 * the server checks them, and the cross-field rules (a test day inside the isolation), and names the
 * field it refuses, which is then shown under that input.
 */
export function PolicyForm({ policy, regionCode, regionName, onDone }: { policy: Policy; regionCode: string; regionName: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSavePolicy(policy.disease);
  const [refused, setRefused] = useState<string | null>(null);
  const initial = useMemo(() => toValues(policy.rules), [policy.rules]);
  const isolate = Form.useWatch('isolate', form) ?? initial.isolate;

  const label = (path: string): string => {
    const parts = path.split('/');
    const last = parts[parts.length - 1];
    // Two look-back periods share a JSON name; the travel one reads differently from the contacts' one.
    const leaf = last === 'zh' || last === 'en' ? `name_${last}` : parts[1] === 'riskAreaTravel' && last === 'lookbackDays' ? 'travelLookbackDays' : last;
    const text = t(`policies.fields.${leaf}` as MessageKey);
    return parts[1] === 'isolation' ? `${t(`policies.roles.${parts[2]}` as MessageKey)} · ${text}` : text;
  };
  const item = (path: string, input: React.ReactNode, extra?: { valuePropName?: string; required?: boolean }) => (
    <Form.Item
      name={path.split('/')}
      label={label(path)}
      valuePropName={extra?.valuePropName}
      rules={extra?.required === false ? [] : [{ required: true, message: t('policies.required', { field: label(path) }) }]}
    >
      {input}
    </Form.Item>
  );
  const days = (path: string) => item(path, <InputNumber style={{ width: '100%' }} precision={0} data-testid={`policy-${path.split('/').slice(1).join('-')}`} />);
  const colour = (values: string[]) => values.map((v) => ({ value: v, label: t(`risk.colours.${v}` as MessageKey) }));

  async function submit(v: Values) {
    setRefused(null);
    try {
      const r = await save.mutateAsync({ regionCode, rules: toRules(v), note: v.note.trim() });
      message.success(t('policies.saved', { n: r.version }));
      onDone();
    } catch (err) {
      const shown = showServerError(form, err, (p: FieldPath) => FIELDS.includes(p.join('/')), { label: (p) => label(p.join('/')), join: (field, message) => t('policies.fieldError', { field, message }) });
      if (shown) setRefused(shown.text);
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} data-testid="policy-form">
      <Typography.Paragraph type="secondary">{t('policies.saveHint', { region: regionName })}</Typography.Paragraph>
      {refused ? <Alert type="error" showIcon title={refused} style={{ marginBottom: 16 }} data-testid="policy-refused" /> : <ErrorAlert error={save.error} />}
      <Row gutter={16}>
        <Col xs={24} md={12}>{item('rules/name/zh', <Input />)}</Col>
        <Col xs={24} md={12}>{item('rules/name/en', <Input />)}</Col>
      </Row>
      <Card size="small" title={t('policies.returnTitle')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>{days('rules/returnMinDaysFromOnset')}</Col>
          <Col xs={24} md={8}>{days('rules/release/symptomFreeDays')}</Col>
          <Col xs={12} md={4}>{item('rules/release/periodComplete', <Switch />, { valuePropName: 'checked', required: false })}</Col>
          <Col xs={12} md={4}>{item('rules/release/allTestsNegative', <Switch />, { valuePropName: 'checked', required: false })}</Col>
        </Row>
      </Card>
      <Card size="small" title={t('policies.isolationTitle')} style={{ marginBottom: 16 }}>
        {ISOLATION_ROLES.map((role) => (
          <div key={role} data-testid={`policy-isolation-${role}`}>
            <Form.Item name={['isolate', role]} valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox>{t(`policies.roles.${role}` as MessageKey)}</Checkbox>
            </Form.Item>
            {isolate[role] && (
              <Row gutter={16}>
                <Col xs={24} md={6}>{item(`rules/isolation/${role}/kind`, <Select options={ISOLATION_KINDS.map((k) => ({ value: k, label: t(`policies.kinds.${k}` as MessageKey) }))} />)}</Col>
                <Col xs={12} md={5}>{days(`rules/isolation/${role}/days`)}</Col>
                <Col xs={12} md={5}>{days(`rules/isolation/${role}/monitoringDays`)}</Col>
                <Col xs={24} md={8}>{item(`rules/isolation/${role}/testDays`, <Input placeholder="1, 3, 7" />, { required: false })}</Col>
              </Row>
            )}
          </div>
        ))}
      </Card>
      <Card size="small" title={t('policies.contactsTitle')} style={{ marginBottom: 16 }}>
        {item('rules/contacts/via', <Select mode="multiple" options={CONTACT_VIAS.map((v) => ({ value: v, label: t(`policies.vias.${v}` as MessageKey) }))} />, { required: false })}
        <Row gutter={16}>
          <Col xs={24} md={8}>{days('rules/contacts/lookbackDays')}</Col>
          <Col xs={12} md={8}>{item('rules/contacts/status', <Select options={colour(['red', 'yellow'])} />)}</Col>
          <Col xs={12} md={8}>{days('rules/contacts/statusDays')}</Col>
        </Row>
      </Card>
      <Card size="small" title={t('policies.travelTitle')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={12} md={8}>{item('rules/riskAreaTravel/lockdownStatus', <Select options={colour(['red', 'yellow'])} />)}</Col>
          <Col xs={12} md={8}>{item('rules/riskAreaTravel/controlledStatus', <Select options={colour(['yellow', 'green'])} />)}</Col>
          <Col xs={24} md={8}>{days('rules/riskAreaTravel/lookbackDays')}</Col>
        </Row>
        {days('rules/testing/keyPositionsPerWeek')}
      </Card>
      {item('note', <Input.TextArea rows={2} maxLength={200} placeholder={t('policies.notePlaceholder')} data-testid="policy-note" />)}
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">{t('policies.saveVersion')}</Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
