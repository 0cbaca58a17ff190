import { App, Button, Card, Form, Input, List, Select, Space, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { chinaToday } from '../../shared/china-time';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { usePeople } from '../people/api';
import { useLeaveList, useLeaveMutations } from './api';
import { LeaveSummary } from './LeaveItem';
import { useLeaveText } from './strings';

interface Values {
  personId: number;
  fromDate: string;
  toDate: string;
  reason: string;
  destination: string;
}


/** A parent (or staff member) asks for leave for a child and follows its approval. */
export function MyLeavePage() {
  const { l, fmt } = useLeaveText();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const children = usePeople({ kind: 'student', limit: 20 });
  const list = useLeaveList({});
  const { request } = useLeaveMutations();
  const idempotencyKey = useMemo(() => `leave-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, []);
  const options = (children.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.className ? ` · ${p.className}` : ''}` }));

  const only = options.length === 1 ? options[0].value : undefined;
  useEffect(() => {
    if (only && !form.getFieldValue('personId')) form.setFieldsValue({ personId: only });
  }, [only, form]);

  const submit = (v: Values) =>
    request.mutate(
      { ...v, reason: v.reason.trim(), destination: v.destination.trim(), idempotencyKey: `${idempotencyKey}-${v.personId}-${v.fromDate}` },
      {
        onSuccess: (r) => {
          void message.success(fmt(l.submitted, { name: r.nextApprover?.name ?? '' }));
          form.resetFields(['reason', 'destination']);
        },
        onError: (err) => notifyError(err),
      },
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={l.mine}>
        <ErrorAlert error={children.error} />
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          data-testid="leave-form"
          initialValues={{ fromDate: chinaToday(), toDate: chinaToday() }}
        >
          <Form.Item name="personId" label={l.child} rules={[{ required: true, message: l.required }]}>
            <Select options={options} loading={children.isPending} data-testid="leave-child" />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="fromDate" label={l.fromDate} rules={[{ required: true, message: l.required }]} style={{ flex: 1 }}>
              <Input type="date" data-testid="leave-from" />
            </Form.Item>
            <Form.Item name="toDate" label={l.toDate} rules={[{ required: true, message: l.required }]} style={{ flex: 1 }}>
              <Input type="date" data-testid="leave-to" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="reason" label={l.reason} rules={[{ required: true, min: 2, message: l.required }]}>
            <Input.TextArea rows={2} maxLength={200} data-testid="leave-reason" />
          </Form.Item>
          <Form.Item name="destination" label={l.destination} rules={[{ required: true, message: l.required }]}>
            <Input maxLength={100} data-testid="leave-destination" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={request.isPending} data-testid="leave-submit">
            {l.request}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={l.myRequests}>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        <List
          loading={list.isPending}
          locale={{ emptyText: <Typography.Text type="secondary">{l.none}</Typography.Text> }}
          dataSource={list.data?.items ?? []}
          data-testid="leave-mine"
          renderItem={(x) => (
            <List.Item key={x.id} data-testid="leave-row">
              <LeaveSummary leave={x} />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
