import { App, Button, Card, Form, Input, Progress, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../shared/auth';
import { formatChinaTime } from '../../shared/china-time';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { type NoticeSummary, useNotice, useNoticeMutations, useNotices } from './api';
import { useNoticeText } from './strings';

const newKey = () => `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

/** Send notices to a region, school, grade or class; follow the acknowledgement rate per class and remind. */
export function NoticesPage() {
  const { n, fmt } = useNoticeText();
  const me = useMe();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const list = useNotices();
  const [selected, setSelected] = useState<number | null>(null);
  const detail = useNotice(selected);
  const m = useNoticeMutations();
  const [form] = Form.useForm();
  const scope = me.account.scope;
  const defaults = scope.classId ? { type: 'class', key: String(scope.classId) } : scope.schoolId ? { type: 'school', key: String(scope.schoolId) } : { type: 'region', key: scope.regionCode ?? '' };
  // Only the targets the server accepts from this account: a class teacher their class, school staff their school's units.
  const targetTypes = scope.classId ? (['class'] as const) : scope.schoolId ? (['school', 'grade', 'class'] as const) : (['region', 'school', 'grade', 'class'] as const);

  async function onSend() {
    const v = await form.validateFields();
    m.send.mutate({ title: v.title, body: v.body, audience: v.audience, target: { type: v.targetType, key: String(v.targetKey) }, idempotencyKey: newKey() }, {
      onSuccess: (r) => { message.success(fmt(n.sent, { n: r.recipients })); form.resetFields(['title', 'body']); setSelected(r.id); },
      onError: notifyError,
    });
  }

  const columns = [
    { title: n.title, dataIndex: 'title' },
    { title: n.target, dataIndex: 'targetName' },
    { title: n.audience, dataIndex: 'audience', render: (a: NoticeSummary['audience']) => n.audiences[a] },
    { title: n.sentAt, dataIndex: 'createdAt', render: (d: string) => formatChinaTime(d, 'MM-DD HH:mm') },
    { title: n.rate, dataIndex: 'rate', render: (r: number, row: NoticeSummary) => <Progress percent={r} size="small" format={() => `${row.acknowledged}/${row.recipients}`} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{n.notices}</Typography.Title>
      {list.data?.can.send && (
        <Card size="small" title={n.send}>
          <Form form={form} layout="vertical" initialValues={{ audience: 'parents', targetType: defaults.type, targetKey: defaults.key }}>
            <Form.Item name="title" label={n.title} rules={[{ required: true }]}><Input data-testid="notice-title" /></Form.Item>
            <Form.Item name="body" label={n.body} rules={[{ required: true }]}><Input.TextArea rows={4} data-testid="notice-body" /></Form.Item>
            <Space wrap>
              <Form.Item name="audience" label={n.audience}><Select style={{ width: 120 }} options={(['parents', 'students', 'staff'] as const).map((a) => ({ value: a, label: n.audiences[a] }))} /></Form.Item>
              <Form.Item name="targetType" label={n.target}><Select style={{ width: 160 }} options={targetTypes.map((a) => ({ value: a, label: n.targets[a] }))} /></Form.Item>
              <Form.Item name="targetKey" label={n.targetKey} rules={[{ required: true }]}><Input style={{ width: 120 }} /></Form.Item>
            </Space>
            <Button type="primary" onClick={() => void onSend()} loading={m.send.isPending} data-testid="notice-send">{n.send}</Button>
          </Form>
        </Card>
      )}
      <ErrorAlert error={list.error} />
      <Table<NoticeSummary> rowKey="id" size="small" scroll={{ x: 700 }} dataSource={list.data?.items ?? []} columns={columns} onRow={(r) => ({ onClick: () => setSelected(r.id) })} data-testid="notices-table" />
      {detail.data && (
        <Card size="small" title={detail.data.notice.title} extra={list.data?.can.send && <Button size="small" onClick={() => m.remind.mutate(detail.data!.notice.id, { onSuccess: (r) => message.success(fmt(n.reminded, { n: r.reminded, accounts: r.notified })), onError: notifyError })}>{n.remind}</Button>}>
          <Typography.Text strong>{n.byClass}</Typography.Text>
          <Table rowKey={(r) => String(r.classId)} size="small" pagination={false} dataSource={detail.data.byClass} columns={[
            { title: '', dataIndex: 'className' },
            { title: n.recipients, dataIndex: 'recipients' },
            { title: n.rate, dataIndex: 'rate', render: (r: number) => <Progress percent={r} size="small" /> },
          ]} />
          <Typography.Text strong>{n.pending} ({detail.data.pending.length})</Typography.Text>
          <div>{detail.data.pending.slice(0, 200).map((p) => `${p.name}${p.className ? `（${p.className}）` : ''}`).join('、')}</div>
        </Card>
      )}
    </Space>
  );
}
