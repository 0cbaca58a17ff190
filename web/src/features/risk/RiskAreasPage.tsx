import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../shared/auth';
import { chinaToday } from '../../shared/china-time';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { showServerError } from '../policies/server-errors';
import { useRegions } from '../regions/api';
import { type RiskArea, useRiskAreas, useRiskMutations } from './api';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const AREA_FIELDS = ['regionCode', 'name', 'level', 'startsOn', 'endsOn'];

/** Declared lockdown and controlled areas; declaring or ending one recomputes everyone who stayed there. */
export function RiskAreasPage() {
  const { t, locale } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const areas = useRiskAreas();
  const regions = useRegions();
  const m = useRiskMutations();
  const [form] = Form.useForm();
  const [endForm] = Form.useForm();
  const [ending, setEnding] = useState<RiskArea | null>(null);
  const today = chinaToday();
  const required = (field: string) => [{ required: true, message: t('risk.required', { field: t(`risk.area.${field}` as MessageKey) }) }];

  async function declare() {
    const v = await form.validateFields();
    m.declare.mutate(
      { regionCode: v.regionCode, name: v.name.trim(), level: v.level, startsOn: day(v.startsOn), endsOn: v.endsOn ? day(v.endsOn) : undefined },
      {
        onSuccess: (r) => {
          message.success(t('risk.area.declared', { n: r.changed }));
          form.resetFields(['name', 'startsOn', 'endsOn']);
        },
        onError: (err) => showServerError(form, err, (p) => AREA_FIELDS.includes(String(p[0])), { label: (p) => t(`risk.area.${p[0]}` as MessageKey) }),
      },
    );
  }
  async function end() {
    if (!ending) return;
    const v = await endForm.validateFields();
    m.end.mutate({ id: ending.id, endsOn: day(v.endsOn) }, { onSuccess: () => { message.success(t('risk.area.ended')); setEnding(null); }, onError: (err) => showServerError(endForm, err, (p) => p[0] === 'endsOn', { label: () => t('risk.area.endsOn') }) });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {can('risk_area.manage') && (
        <Card size="small" title={t('risk.area.declare')}>
          <ErrorAlert error={m.declare.error} />
          <Form form={form} name="area" layout="vertical" initialValues={{ level: 'lockdown' }} data-testid="area-form">
            <Space wrap align="start">
              <Form.Item name="regionCode" label={t('risk.area.regionCode')} rules={required('regionCode')} style={{ minWidth: 200 }}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={regions.isPending}
                  options={(regions.data ?? []).map((r) => ({ value: r.code, label: locale === 'en' ? r.nameEn || r.name : r.name }))}
                  data-testid="area-region"
                />
              </Form.Item>
              <Form.Item name="name" label={t('risk.area.name')} rules={required('name')}>
                <Input maxLength={60} data-testid="area-name" />
              </Form.Item>
              <Form.Item name="level" label={t('risk.area.level')} rules={required('level')}>
                <Select style={{ width: 120 }} options={(['lockdown', 'controlled'] as const).map((l) => ({ value: l, label: t(`risk.levels.${l}`) }))} data-testid="area-level" />
              </Form.Item>
              <Form.Item name="startsOn" label={t('risk.area.startsOn')} rules={required('startsOn')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="endsOn" label={t('risk.area.endsOn')}>
                <DatePicker />
              </Form.Item>
            </Space>
            <Typography.Paragraph type="secondary">{t('risk.area.nameHint')}</Typography.Paragraph>
            <Button type="primary" onClick={() => void declare()} loading={m.declare.isPending} data-testid="area-declare">{t('risk.area.declare')}</Button>
          </Form>
        </Card>
      )}
      <Card size="small" title={t('risk.area.title')}>
        <ErrorAlert error={areas.error} onRetry={() => void areas.refetch()} />
        <Table<RiskArea>
          size="small"
          rowKey="id"
          loading={areas.isPending}
          dataSource={areas.data ?? []}
          scroll={{ x: true }}
          data-testid="areas-table"
          onRow={(a) => ({ 'data-testid': 'area-row', 'data-name': a.name }) as object}
          columns={[
            { title: t('risk.area.name'), dataIndex: 'name' },
            { title: t('risk.area.regionCode'), dataIndex: 'regionName' },
            { title: t('risk.area.level'), dataIndex: 'level', render: (v: string) => <Tag color={v === 'lockdown' ? 'red' : 'orange'}>{t(`risk.levels.${v}` as MessageKey)}</Tag> },
            { title: t('risk.area.startsOn'), dataIndex: 'startsOn' },
            { title: t('risk.area.endsOn'), dataIndex: 'endsOn', render: (v: string | null) => v ?? '—' },
            {
              title: t('risk.area.state'),
              key: 'state',
              render: (_: unknown, a) => (a.endsOn && a.endsOn < today ? <Tag>{t('risk.area.over')}</Tag> : <Tag color="red">{t('risk.area.active')}</Tag>),
            },
            ...(can('risk_area.manage')
              ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, a: RiskArea) => (!a.endsOn || a.endsOn >= today ? <Button size="small" onClick={() => setEnding(a)} data-testid="area-end">{t('risk.area.end')}</Button> : null) }]
              : []),
          ]}
        />
      </Card>
      <Modal open={!!ending} title={t('risk.area.endTitle', { name: ending?.name ?? '' })} onCancel={() => setEnding(null)} onOk={() => void end()} confirmLoading={m.end.isPending} okButtonProps={{ 'data-testid': 'area-end-save' }} destroyOnHidden>
        <ErrorAlert error={m.end.error} />
        <Form form={endForm} name="areaEnd" layout="vertical" initialValues={{ endsOn: dayjs(chinaToday()) }}>
          <Form.Item name="endsOn" label={t('risk.area.endsOn')} rules={required('endsOn')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
