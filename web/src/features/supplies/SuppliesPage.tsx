import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { get, post } from '../../shared/api/client';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';

interface StockRow { storeId: number; storeName: string; item: string; stock: number; usedLast14Days: number; daysOfCover: number | null; low: boolean }
interface Store { id: number; name: string; schoolId: number | null; regionCode: string | null }

const TEXT = {
  'zh-CN': {
    title: '防疫物资', lowOnly: '只看不足', store: '物资库', item: '物资', stock: '库存', used: '近14天消耗', cover: '可用天数', low: '不足', record: '登记',
    kind: '类型', quantity: '数量', saved: '已登记', unlimited: '—', kinds: { receipt: '入库', consumption: '领用消耗', adjustment: '盘点调整' },
    items: { mask: '口罩', thermometer: '体温计', disinfectant: '消毒剂', test_kit: '检测试剂' },
  },
  en: {
    title: 'Supplies', lowOnly: 'Low only', store: 'Store', item: 'Item', stock: 'Stock', used: 'Used (14 days)', cover: 'Days of cover', low: 'Low', record: 'Record',
    kind: 'Kind', quantity: 'Quantity', saved: 'Recorded', unlimited: '—', kinds: { receipt: 'Receipt', consumption: 'Consumption', adjustment: 'Stocktake adjustment' },
    items: { mask: 'Masks', thermometer: 'Thermometers', disinfectant: 'Disinfectant', test_kit: 'Test kits' },
  },
};
const newKey = () => `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

/** Stock and days of cover per store, low stock first; receipts, consumption and stocktakes from the phone. */
export function SuppliesPage() {
  const { locale } = useI18n();
  const s = TEXT[locale === 'en' ? 'en' : 'zh-CN'];
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [lowOnly, setLowOnly] = useState(false);
  const stock = useQuery({ queryKey: ['supplies', 'stock', lowOnly], queryFn: () => get<{ minDays: number; items: StockRow[] }>('/api/supplies/stock', { lowOnly }) });
  const stores = useQuery({ queryKey: ['supplies', 'stores'], queryFn: () => get<{ items: Store[] }>('/api/supplies/stores') });
  const record = useMutation({ mutationFn: (b: unknown) => post('/api/supplies/movements', b), onSuccess: () => void qc.invalidateQueries({ queryKey: ['supplies'] }) });
  const [form] = Form.useForm();
  const items = Object.entries(s.items).map(([value, label]) => ({ value, label }));

  async function onRecord() {
    const v = await form.validateFields();
    record.mutate({ ...v, idempotencyKey: newKey() }, { onSuccess: () => { message.success(s.saved); form.resetFields(['quantity']); }, onError: notifyError });
  }

  const rows = [...(stock.data?.items ?? [])].sort((a, b) => Number(b.low) - Number(a.low));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{s.title}</Typography.Title>
        <Space><Switch checked={lowOnly} onChange={setLowOnly} /> {s.lowOnly}</Space>
      </Space>
      <ErrorAlert error={stock.error} />
      <Table<StockRow>
        rowKey={(r) => `${r.storeId}-${r.item}`}
        size="small"
        scroll={{ x: 600 }}
        dataSource={rows}
        data-testid="supplies-stock"
        columns={[
          { title: s.store, dataIndex: 'storeName' },
          { title: s.item, dataIndex: 'item', render: (i: string) => s.items[i as keyof typeof s.items] ?? i },
          { title: s.stock, dataIndex: 'stock' },
          { title: s.used, dataIndex: 'usedLast14Days' },
          { title: s.cover, dataIndex: 'daysOfCover', render: (d: number | null, r) => <Space>{d ?? s.unlimited}{r.low && <Tag color="red">{s.low}</Tag>}</Space> },
        ]}
      />
      {can('supply.write') && (stores.data?.items.length ?? 0) > 0 && (
        <Card size="small" title={s.record}>
          <Form form={form} layout="vertical" initialValues={{ kind: 'consumption', item: 'mask', storeId: stores.data?.items[0]?.id }}>
            <Form.Item name="storeId" label={s.store} rules={[{ required: true }]}><Select options={(stores.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} /></Form.Item>
            <Form.Item name="item" label={s.item}><Select options={items} /></Form.Item>
            <Form.Item name="kind" label={s.kind}><Select options={Object.entries(s.kinds).map(([value, label]) => ({ value, label }))} /></Form.Item>
            <Form.Item name="quantity" label={s.quantity} rules={[{ required: true }]}><InputNumber style={{ width: '100%' }} /></Form.Item>
            <Button type="primary" block onClick={() => void onRecord()} loading={record.isPending}>{s.record}</Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
