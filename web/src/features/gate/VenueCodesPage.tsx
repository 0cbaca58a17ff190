import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatChinaTime } from '../../shared/china-time';
import { useNotifyError } from '../../shared/ui/errors';
import { useVenueCodes, useVenueMutations, type VenueCode } from './api';
import { useGateText } from './strings';
import { useSchoolChoice } from './useSchoolChoice';

/** Venue codes of a school: issue, print, revoke and re-issue. */
export function VenueCodesPage() {
  const { g } = useGateText();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { schoolId, picker } = useSchoolChoice();
  const [inactive, setInactive] = useState(false);
  const [reason, setReason] = useState('');
  const codes = useVenueCodes({ schoolId, includeInactive: inactive });
  const m = useVenueMutations();
  const [form] = Form.useForm();

  async function onIssue() {
    const v = await form.validateFields();
    m.issue.mutate({ schoolId, kind: v.kind, name: v.name, validDays: v.validDays }, { onSuccess: () => { message.success(g.issued); form.resetFields(); }, onError: notifyError });
  }

  const columns = [
    { title: g.venueName, dataIndex: 'name', render: (n: string, r: VenueCode) => <span>{n} <Typography.Text type="secondary">{r.schoolName}</Typography.Text></span> },
    { title: g.venueKind, dataIndex: 'kind', render: (k: VenueCode['kind']) => g.venueKinds[k] },
    { title: g.status, dataIndex: 'status', render: (s: VenueCode['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{g.statuses[s]}</Tag> },
    { title: g.expiresAt, dataIndex: 'expiresAt', render: (d: string) => formatChinaTime(d, 'YYYY-MM-DD') },
    {
      title: '',
      render: (_: unknown, r: VenueCode) =>
        r.status === 'active' && (
          <Space wrap>
            <Link to={`/venue-codes/${r.id}/print`} data-testid="venue-print">{g.print}</Link>
            {codes.data?.can.manage && (
              <>
                <Popconfirm title={<Input placeholder={g.revokeReason} onChange={(e) => setReason(e.target.value)} />} onConfirm={() => m.revoke.mutate({ id: r.id, reason: reason || '-' }, { onError: notifyError })}>
                  <Button size="small" danger>{g.revoke}</Button>
                </Popconfirm>
                <Button size="small" onClick={() => m.reissue.mutate(r.id, { onError: notifyError })}>{g.reissue}</Button>
              </>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{g.venueCodes}</Typography.Title>
        <Space wrap>
          {picker}
          <Switch checked={inactive} onChange={setInactive} /> {g.showInactive}
        </Space>
      </Space>
      {codes.data?.can.manage && schoolId && (
        <Card size="small" title={g.issue}>
          <Form form={form} layout="inline" initialValues={{ kind: 'gate', validDays: 365 }}>
            <Form.Item name="name" rules={[{ required: true }]}><Input placeholder={g.venueName} data-testid="venue-name" /></Form.Item>
            <Form.Item name="kind"><Select style={{ width: 140 }} options={(['gate', 'site'] as const).map((k) => ({ value: k, label: g.venueKinds[k] }))} /></Form.Item>
            <Form.Item name="validDays" label={g.validDays}><InputNumber min={1} max={1095} /></Form.Item>
            <Button type="primary" onClick={() => void onIssue()} loading={m.issue.isPending} data-testid="venue-issue">{g.issue}</Button>
          </Form>
        </Card>
      )}
      <Table<VenueCode> rowKey="id" size="small" scroll={{ x: 700 }} loading={codes.isFetching} dataSource={codes.data?.items ?? []} columns={columns} data-testid="venue-table" />
    </Space>
  );
}
