import { Alert, App, Button, Card, Form, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../shared/auth';
import { formatChinaTime } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { useSchoolChoice } from '../gate/useSchoolChoice';
import { useAreas, useHygieneMutations, useOverdue } from './api';

const TEXT = {
  'zh-CN': {
    title: '通风消毒与环境卫生', overdue: '逾期未做', none: '没有逾期的区域', emergency: '应急状态（频次加密）', normal: '平时状态', record: '登记',
    area: '区域', kind: '类型', method: '方式', agent: '消毒剂', doneBy: '执行人', result: '检查结果', pass: '合格', fail: '不合格', saved: '已登记',
    kinds: { ventilation: '通风', disinfection: '消毒', inspection: '环境卫生检查' }, every: '每 {h} 小时', last: '上次', never: '从未',
    newArea: '新增区域', areaName: '区域名称', areaType: '区域类型',
    types: { classroom: '教室', dormitory: '宿舍', canteen: '食堂', toilet: '卫生间', library: '图书馆', gym: '体育馆', office: '办公室', other: '其他' },
  },
  en: {
    title: 'Ventilation, disinfection, hygiene', overdue: 'Overdue', none: 'Nothing overdue', emergency: 'Emergency footing (tighter)', normal: 'Normal footing', record: 'Record',
    area: 'Area', kind: 'Kind', method: 'Method', agent: 'Agent', doneBy: 'Done by', result: 'Result', pass: 'Pass', fail: 'Fail', saved: 'Recorded',
    kinds: { ventilation: 'Ventilation', disinfection: 'Disinfection', inspection: 'Hygiene inspection' }, every: 'every {h} h', last: 'last', never: 'never',
    newArea: 'New area', areaName: 'Area name', areaType: 'Area type',
    types: { classroom: 'Classroom', dormitory: 'Dormitory', canteen: 'Canteen', toilet: 'Toilet', library: 'Library', gym: 'Gym', office: 'Office', other: 'Other' },
  },
};

type Kind = 'ventilation' | 'disinfection' | 'inspection';
const newKey = () => `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

/** Phone-first: the overdue list on top, then one form to record what was just done. */
export function HygienePage() {
  const { locale } = useI18n();
  const h = TEXT[locale === 'en' ? 'en' : 'zh-CN'];
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { schoolId, picker } = useSchoolChoice();
  const areas = useAreas(schoolId);
  const overdue = useOverdue(schoolId);
  const m = useHygieneMutations();
  const [kind, setKind] = useState<Kind>('ventilation');
  const [form] = Form.useForm();
  const [areaForm] = Form.useForm();

  async function onRecord() {
    const v = await form.validateFields();
    m.log.mutate({ ...v, kind, idempotencyKey: newKey() }, { onSuccess: () => { message.success(h.saved); form.resetFields(['method', 'agent', 'result']); }, onError: notifyError });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 640 }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{h.title}</Typography.Title>
        {picker}
      </Space>
      <ErrorAlert error={overdue.error ?? areas.error} />
      {overdue.data && (
        <Card size="small" title={h.overdue} extra={<Tag color={overdue.data.footing === 'emergency' ? 'red' : 'default'}>{overdue.data.footing === 'emergency' ? h.emergency : h.normal}</Tag>}>
          {overdue.data.items.length === 0 ? <Alert type="success" showIcon title={h.none} /> : (
            <List
              size="small"
              data-testid="hygiene-overdue"
              dataSource={overdue.data.items}
              renderItem={(o) => (
                <List.Item>
                  <Space wrap size={4}>
                    <strong>{o.areaName}</strong>
                    <Tag color="red">{h.kinds[o.kind]}</Tag>
                    <Typography.Text type="secondary">{h.every.replace('{h}', String(o.requiredHours))} · {h.last} {o.lastAt ? formatChinaTime(o.lastAt, 'MM-DD HH:mm') : h.never}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      {can('hygiene.write') && schoolId && (
        <Card size="small" title={h.record}>
          <Segmented<Kind> block value={kind} onChange={setKind} options={(['ventilation', 'disinfection', 'inspection'] as const).map((k) => ({ value: k, label: h.kinds[k] }))} />
          <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
            <Form.Item name="areaId" label={h.area} rules={[{ required: true }]}>
              <Select options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${h.types[a.areaType as keyof typeof h.types] ?? a.areaType}）` }))} data-testid="hygiene-area" />
            </Form.Item>
            <Form.Item name="method" label={h.method} rules={[{ required: true }]}><Input /></Form.Item>
            {kind === 'disinfection' && <Form.Item name="agent" label={h.agent}><Input /></Form.Item>}
            {kind === 'inspection' && (
              <Form.Item name="result" label={h.result} rules={[{ required: true }]}>
                <Select options={[{ value: 'pass', label: h.pass }, { value: 'fail', label: h.fail }]} />
              </Form.Item>
            )}
            <Form.Item name="doneBy" label={h.doneBy} rules={[{ required: true }]}><Input /></Form.Item>
            <Button type="primary" block size="large" onClick={() => void onRecord()} loading={m.log.isPending} data-testid="hygiene-record">{h.record}</Button>
          </Form>
        </Card>
      )}
      {can('hygiene.write') && schoolId && (
        <Card size="small" title={h.newArea}>
          <Form form={areaForm} layout="inline" initialValues={{ areaType: 'classroom' }}>
            <Form.Item name="name" rules={[{ required: true }]}><Input placeholder={h.areaName} /></Form.Item>
            <Form.Item name="areaType"><Select style={{ width: 130 }} options={Object.entries(h.types).map(([value, label]) => ({ value, label }))} /></Form.Item>
            <Button onClick={() => void areaForm.validateFields().then((v) => m.area.mutate({ schoolId, ...v }, { onSuccess: () => areaForm.resetFields(['name']), onError: notifyError }))}>{h.newArea}</Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
