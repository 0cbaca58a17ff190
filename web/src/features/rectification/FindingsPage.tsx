import { Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../shared/ui/errors';
import { useText } from '../governance-dashboard/text';
import { useFindings } from './api';
import { FINDING_TEXT } from './text';

export function FindingsPage() {
  const f = useText(FINDING_TEXT);
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const q = useFindings({ regionCode: params.get('regionCode') ?? undefined, status: status || undefined });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{f.title}</Typography.Title>
      <Segmented value={status} onChange={(v) => { const p = new URLSearchParams(params); if (v) p.set('status', String(v)); else p.delete('status'); setParams(p); }}
        options={[{ value: '', label: f.all }, ...['mine', 'open', 'submitted', 'overdue', 'closed'].map((s) => ({ value: s, label: f.statuses[s] }))]} data-testid="findings-filter" />
      <ErrorAlert error={q.error} />
      <Table rowKey="id" size="small" loading={q.isLoading} dataSource={q.data?.items ?? []} scroll={{ x: true }} data-testid="findings-table"
        columns={[
          { title: f.finding, render: (_, r) => <Link to={`/findings/${r.id}`} data-testid="finding-link">{r.title}</Link> },
          { title: f.school, dataIndex: 'schoolName' },
          { title: f.owner, dataIndex: 'ownerName' },
          { title: f.deadline, render: (_, r) => <span style={{ color: r.overdue ? '#cf1322' : undefined }}>{r.deadline}</span> },
          { title: f.status, render: (_, r) => <Tag color={r.status === 'closed' ? 'green' : r.overdue ? 'red' : 'orange'}>{f.statuses[r.status]}</Tag> },
          { title: f.escalated, render: (_, r) => r.escalatedToName ?? '—' },
        ]} />
    </Space>
  );
}
