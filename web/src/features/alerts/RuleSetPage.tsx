import { RadarChartOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, InputNumber, Select, Space, Spin, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../shared/api/client';
import { useCan, useMe } from '../../shared/auth';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { useRegions } from '../regions/api';
import { type RuleSetResponse, useRuleSet, useSaveRuleSet } from './api';
import { DISEASES } from './RaiseAlertPage';

type Flat = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{ cluster: { casesInDay: 3 } }` → `{ 'cluster.casesInDay': 3 }`; arrays and scalars are leaves. */
export function flatten(value: unknown, prefix = '', out: Flat = {}): Flat {
  if (!isObject(value)) {
    if (prefix) out[prefix] = value;
    return out;
  }
  for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

export function unflatten(flat: Flat): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, v] of Object.entries(flat)) {
    const parts = path.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] = isObject(node[p]) ? node[p] : {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = v;
  }
  return out;
}

function sectionOf(path: string): { section: string; field: string[] } {
  const parts = path.split('.');
  const depth = parts[0] === 'cluster' ? 1 : 2;
  return { section: parts.slice(0, depth).join('.'), field: parts.slice(depth) };
}

const DEADLINES = ['immediate', '2h', '24h'];

interface Row {
  path: string;
  field: string[];
  value: unknown;
  source: { kind: 'own' | 'inherited' | 'default' | 'reset'; name?: string };
  changed: boolean;
  error?: string;
}

/** Where a value comes from: this level's override, the nearest level above that sets it, or the defaults. */
function sourceOf(path: string, own: Flat, inherited: { name: string; flat: Flat }[]): Row['source'] {
  if (path in own) return { kind: 'own' };
  for (let i = inherited.length - 1; i >= 0; i--) if (path in inherited[i].flat) return { kind: 'inherited', name: inherited[i].name };
  return { kind: 'default' };
}

function ValueEditor({ path, value, disabled, error, onChange }: { path: string; value: unknown; disabled: boolean; error?: boolean; onChange: (v: unknown) => void }) {
  const { tv } = useI18n();
  const key = path.split('.').pop() ?? '';
  const status = error ? ('error' as const) : undefined;
  if (key === 'enabled' || typeof value === 'boolean') return <Switch checked={!!value} disabled={disabled} onChange={onChange} size="small" />;
  if (key === 'dayMode' || key === 'caseDefinition') {
    const values = key === 'dayMode' ? ['school', 'calendar'] : ['diagnosis', 'ili'];
    return <Select status={status} disabled={disabled} value={value as string} style={{ width: 170 }} onChange={onChange} options={values.map((v) => ({ value: v, label: tv('ruleValue', v) }))} />;
  }
  if (key.endsWith('eadline')) {
    return <Select status={status} disabled={disabled} value={value as string} style={{ width: 140 }} onChange={onChange} options={DEADLINES.map((v) => ({ value: v, label: tv('alertDeadline', v) }))} />;
  }
  if (key === 'units') {
    return <Select status={status} mode="multiple" disabled={disabled} value={value as string[]} style={{ minWidth: 170 }} onChange={onChange} options={['class', 'dorm'].map((v) => ({ value: v, label: tv('ruleValue', v) }))} />;
  }
  if (key === 'diseases') {
    return (
      <Select status={status} mode="multiple" disabled={disabled} value={value as string[]} style={{ width: '100%', minWidth: 240 }} onChange={onChange} maxTagCount="responsive"
        options={DISEASES.map((v) => ({ value: v, label: tv('disease', v) }))} />
    );
  }
  return (
    <InputNumber status={status} disabled={disabled} value={value as number} step={key === 'currentlyIllShare' ? 0.05 : 1} style={{ width: 120 }}
      onChange={(v) => onChange(v ?? null)} data-testid={`rules-input-${path}`} />
  );
}

function RuleEditor({ regionCode, data, editable }: { regionCode: string; data: RuleSetResponse; editable: boolean }) {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const save = useSaveRuleSet(regionCode);
  const saved = useMemo(() => flatten(data.override), [data.override]);
  const [draft, setDraft] = useState<Flat>(saved);
  const [minutes, setMinutes] = useState<number | null>(data.escalateAfterMinutes);
  const [open, setOpen] = useState<string[]>(['cluster']);
  useEffect(() => {
    setDraft(saved);
    setMinutes(data.escalateAfterMinutes);
  }, [saved, data.escalateAfterMinutes]);

  const effective = useMemo(() => flatten(data.effective), [data.effective]);
  const inherited = useMemo(() => data.inherited.map((i) => ({ name: i.name, flat: flatten(i.override) })), [data.inherited]);

  // Field errors from the server: the first names its field and carries the message; `details.problems` lists all.
  const errors = new Map<string, string>();
  const err = save.error;
  if (err instanceof ApiError && err.field) {
    const problems = (err.details as { problems?: { field: string }[] } | undefined)?.problems ?? [];
    for (const p of problems) errors.set(p.field, t('alertRules.fieldError'));
    errors.set(err.field.replace(/^override\./, ''), err.message);
  }

  const rows: Row[] = Object.keys({ ...effective, ...draft }).map((path) => {
    const inDraft = path in draft;
    const inSaved = path in saved;
    const source = inDraft ? { kind: 'own' as const } : inSaved ? { kind: 'reset' as const } : sourceOf(path, {}, inherited);
    const changed = inDraft !== inSaved || (inDraft && JSON.stringify(draft[path]) !== JSON.stringify(saved[path]));
    return { path, ...sectionOf(path), value: inDraft ? draft[path] : effective[path], source, changed, error: errors.get(path) };
  });
  const dirty = rows.some((r) => r.changed) || minutes !== data.escalateAfterMinutes;
  const sections = [...new Set(rows.map((r) => sectionOf(r.path).section))];
  const sectionTitle = (s: string) =>
    s === 'cluster' ? t('alertRules.sectionCluster') : s.startsWith('singleCase.') ? t(`ruleField.${s.split('.')[1]}` as MessageKey) : tv('disease', s.split('.')[1]);
  const fieldLabel = (field: string[]) => field.map((f) => tv('ruleField', f)).join(' · ');

  const onSave = () =>
    save.mutate(
      { override: unflatten(draft), escalateAfterMinutes: minutes },
      { onSuccess: () => message.success(t('alertRules.saved')) },
    );

  const sourceTag = (r: Row) => {
    if (r.source.kind === 'own') return <Tag color="blue">{t('alertRules.own')}</Tag>;
    if (r.source.kind === 'reset') return <Tag color="orange">{t('alertRules.changed')}</Tag>;
    if (r.source.kind === 'inherited') return <Tag color="purple">{t('alertRules.inheritedFrom', { name: r.source.name ?? '' })}</Tag>;
    return <Tag>{t('alertRules.defaultValue')}</Tag>;
  };

  const columns = [
    { title: t('alertRules.field'), key: 'field', width: '32%', render: (_: unknown, r: Row) => fieldLabel(r.field) },
    {
      title: t('alertRules.effective'),
      key: 'value',
      render: (_: unknown, r: Row) => (
        <Space orientation="vertical" size={0}>
          <ValueEditor path={r.path} value={r.value} disabled={!editable} error={!!r.error} onChange={(v) => setDraft((d) => ({ ...d, [r.path]: v }))} />
          {r.error && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="rules-field-error">
              {r.error}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('alertRules.source'),
      key: 'source',
      render: (_: unknown, r: Row) => (
        <Space size={4}>
          {sourceTag(r)}
          {r.changed && r.source.kind === 'own' && <Tag color="orange">{t('alertRules.changed')}</Tag>}
          {editable && r.path in draft && (
            <Tooltip title={t('alertRules.reset')}>
              <Button size="small" type="text" icon={<UndoOutlined />} aria-label={t('alertRules.reset')}
                onClick={() => setDraft((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== r.path)))} />
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  const errorSections = new Set(rows.filter((r) => r.error).map((r) => sectionOf(r.path).section));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {!editable && <Alert type="info" showIcon title={t('alertRules.readOnly')} />}
      {save.error && !(save.error instanceof ApiError && save.error.field?.startsWith('override.')) ? <ErrorAlert error={save.error} /> : null}
      {save.error instanceof ApiError && save.error.field?.startsWith('override.') && (
        <Alert type="error" showIcon title={save.error.message} data-testid="rules-error" />
      )}
      <Space wrap>
        <Typography.Text>{t('alertRules.escalateAfter')}</Typography.Text>
        <InputNumber value={minutes} placeholder={String(data.effectiveEscalateAfterMinutes)} disabled={!editable} onChange={(v) => setMinutes(v ?? null)} style={{ width: 120 }}
          status={save.error instanceof ApiError && save.error.field === 'escalateAfterMinutes' ? 'error' : undefined} data-testid="rules-escalate-minutes" />
        <Tag color={data.escalateAfterMinutes != null ? 'blue' : undefined}>{data.escalateAfterMinutes != null ? t('alertRules.own') : `${t('alertRules.effective')} ${data.effectiveEscalateAfterMinutes}`}</Tag>
      </Space>
      <Collapse
        activeKey={[...new Set([...open, ...errorSections])]}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
        items={sections.map((s) => ({
          key: s,
          label: (
            <Space>
              {sectionTitle(s)}
              {rows.some((r) => r.path.startsWith(`${s}.`) && r.source.kind === 'own') && <Tag color="blue">{t('alertRules.own')}</Tag>}
              {errorSections.has(s) && <Tag color="red">!</Tag>}
            </Space>
          ),
          children: (
            <Table<Row>
              rowKey="path"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={rows.filter((r) => sectionOf(r.path).section === s)}
              onRow={(r) => ({ 'data-testid': `rules-row-${r.path}`, style: r.error ? { background: '#fff1f0' } : undefined }) as React.HTMLAttributes<HTMLElement>}
              scroll={{ x: 'max-content' }}
            />
          ),
        }))}
      />
      {editable && (
        <Space>
          <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={save.isPending} onClick={onSave} data-testid="rules-save">
            {t('alertRules.save')}
          </Button>
          <Button
            disabled={!dirty}
            onClick={() => {
              setDraft(saved);
              setMinutes(data.escalateAfterMinutes);
              save.reset();
            }}
          >
            {t('alertRules.discard')}
          </Button>
        </Space>
      )}
    </Space>
  );
}

export function RuleSetPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const can = useCan();
  const regions = useRegions();
  const [regionCode, setRegionCode] = useState<string | undefined>(me.account.scope.regionCode);
  const code = regionCode ?? regions.data?.[0]?.code;
  const rules = useRuleSet(code);
  const options = (regions.data ?? []).map((r) => ({ value: r.code, label: `${locale === 'en' ? r.nameEn || r.name : r.name} (${r.code})` }));
  return (
    <Card
      title={
        <Space>
          <RadarChartOutlined />
          {t('alertRules.title')}
        </Space>
      }
      extra={
        <Select showSearch={{ optionFilterProp: 'label' }} value={code} onChange={setRegionCode} options={options} style={{ width: 260, maxWidth: '60vw' }} loading={regions.isLoading}
          data-testid="rules-region" aria-label={t('alertRules.region')} />
      }
    >
      <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
      {rules.isLoading && <Spin />}
      {rules.data && code && <RuleEditor key={code} regionCode={code} data={rules.data} editable={can('alert_rules.manage')} />}
    </Card>
  );
}
