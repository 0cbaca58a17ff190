import { App, Button, Card, Input, List, Popconfirm, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { type Leave, useLeaveList, useLeaveMutations } from './api';
import { LeaveSummary } from './LeaveItem';
import { useLeaveText } from './strings';

function Decide({ leave }: { leave: Leave }) {
  const { l } = useLeaveText();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { decide } = useLeaveMutations();
  const [note, setNote] = useState('');
  if (!leave.can.decide) return null;
  const go = (decision: 'approved' | 'rejected') =>
    decide.mutate({ id: leave.id, decision, note: note.trim() || undefined }, { onSuccess: () => void message.success(l.decided), onError: (e) => notifyError(e) });
  return (
    <Space wrap>
      <Input size="small" placeholder={l.note} value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} style={{ width: 180 }} />
      <Button type="primary" size="small" loading={decide.isPending} onClick={() => go('approved')} data-testid="leave-approve">
        {l.approve}
      </Button>
      <Popconfirm title={l.refuse} onConfirm={() => go('rejected')}>
        <Button danger size="small" loading={decide.isPending} data-testid="leave-refuse">
          {l.refuse}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** Requests waiting for the signed-in approver, and the others in scope. */
export function LeaveApprovalsPage() {
  const { l } = useLeaveText();
  const [view, setView] = useState<'mine' | 'all'>('mine');
  const list = useLeaveList(view === 'mine' ? { awaitingMe: true } : {});
  return (
    <Card size="small" title={l.approvals} extra={<Segmented value={view} onChange={(v) => setView(v as 'mine' | 'all')} options={[{ value: 'mine', label: l.awaitingMe }, { value: 'all', label: l.all }]} data-testid="leave-view" />}>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <List
        loading={list.isPending}
        locale={{ emptyText: <Typography.Text type="secondary">{l.none}</Typography.Text> }}
        dataSource={list.data?.items ?? []}
        data-testid="leave-approvals"
        renderItem={(x) => (
          <List.Item key={x.id} data-testid="leave-row" data-leave-id={x.id}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <LeaveSummary leave={x} />
              <Decide leave={x} />
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
