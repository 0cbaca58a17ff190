import { Space, Steps, Tag, Typography } from 'antd';
import { formatChinaTime } from '../../shared/china-time';
import type { Leave } from './api';
import { useLeaveText } from './strings';

const statusColor: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error', returned: 'default' };

export function LeaveStatus({ leave }: { leave: Leave }) {
  const { l } = useLeaveText();
  return (
    <Tag color={statusColor[leave.status] ?? 'default'} data-testid="leave-status">
      {l.statuses[leave.status] ?? leave.status}
    </Tag>
  );
}

/** One request: who, when, where, its status and the approval chain step by step. */
export function LeaveSummary({ leave }: { leave: Leave }) {
  const { l, fmt } = useLeaveText();
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>{leave.personName}</Typography.Text>
        {leave.className && <Typography.Text type="secondary">{leave.className}</Typography.Text>}
        <LeaveStatus leave={leave} />
      </Space>
      <Typography.Text>
        {leave.fromDate} – {leave.toDate}（{fmt(l.days, { n: leave.days })}）· {leave.destination}
      </Typography.Text>
      <Typography.Text type="secondary">{leave.reason}</Typography.Text>
      {leave.nextApprover && leave.status === 'pending' && (
        <Typography.Text type="warning" data-testid="leave-next">
          {fmt(l.next, { name: leave.nextApprover.name, label: leave.nextApprover.label })}
        </Typography.Text>
      )}
      {leave.chain.length > 0 && (
        <Steps
          size="small"
          direction="vertical"
          items={leave.chain.map((s) => ({
            title: `${s.label} · ${s.name}`,
            description: [s.decision ? (l.statuses[s.decision] ?? s.decision) : '', s.decidedAt ? formatChinaTime(s.decidedAt, 'YYYY-MM-DD HH:mm') : '', s.note ?? ''].filter(Boolean).join(' · '),
            status: s.decision === 'approved' ? 'finish' : s.decision === 'rejected' ? 'error' : leave.nextApprover?.step === s.step ? 'process' : 'wait',
          }))}
        />
      )}
    </Space>
  );
}
