import { App, Button, Card, Input, List, Modal, Popconfirm, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatChinaTime } from '../../shared/china-time';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { type ProposalRow, useDecide, useIsolationSites, useProposals } from './api';
import { useReentryText } from './strings';

type View = 'pending' | 'decided' | 'all';

function ProposalText({ row }: { row: ProposalRow }) {
  const { s, fmt } = useReentryText();
  const p = row.proposal;
  if (p.kind === 'tests') return <span data-testid="reentry-proposal">{fmt(s.tests, { dates: p.dates.join('、') })}</span>;
  return (
    <span data-testid="reentry-proposal">
      {fmt(s.isolation, { kind: s.kinds[p.isolationKind] ?? p.isolationKind, role: s.roles[p.role] ?? p.role, from: p.startsOn, to: p.plannedEnd })}
      {p.testDates.length > 0 && ` · ${fmt(s.testDates, { dates: p.testDates.join('、') })}`}
    </span>
  );
}

function Why({ row }: { row: ProposalRow }) {
  const { s, fmt } = useReentryText();
  const parts: string[] = [];
  if (row.riskAreas.length) parts.push(fmt(s.riskArea, { names: row.riskAreas.map((a) => a.name).join('、') }));
  if (row.symptoms) parts.push(s.symptoms);
  if (!parts.length) parts.push(s.fromElsewhere);
  return <Typography.Text type="secondary">{parts.join('；')}</Typography.Text>;
}

/** The decision buttons of one proposal: follow it (with a site when the plan is a site isolation) or decline it with a reason. */
function Decide({ row }: { row: ProposalRow }) {
  const { s } = useReentryText();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const decide = useDecide();
  const needsSite = row.proposal.kind === 'isolation' && row.proposal.isolationKind === 'site';
  const sites = useIsolationSites(needsSite);
  const [siteId, setSiteId] = useState<number>();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const key = { source: row.source, sourceRef: row.sourceRef, index: row.index };
  const done = () => void message.success(s.done);
  return (
    <Space wrap>
      {needsSite && (
        <Select style={{ minWidth: 160 }} placeholder={s.sitePlaceholder} value={siteId} onChange={setSiteId} loading={sites.isPending} options={(sites.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
      )}
      <Popconfirm title={s.orderConfirm} okText={s.submit} cancelText={s.cancel} onConfirm={() => decide.mutate({ ...key, decision: 'order', siteId }, { onSuccess: done, onError: notifyError })}>
        <Button type="primary" size="small" loading={decide.isPending} disabled={needsSite && !siteId} data-testid="reentry-order">
          {s.order}
        </Button>
      </Popconfirm>
      <Button size="small" danger onClick={() => setDeclining(true)} data-testid="reentry-dismiss">
        {s.dismiss}
      </Button>
      <Modal
        open={declining}
        title={s.dismiss}
        okText={s.submit}
        cancelText={s.cancel}
        confirmLoading={decide.isPending}
        onCancel={() => setDeclining(false)}
        onOk={() => decide.mutate({ ...key, decision: 'dismiss', reason }, { onSuccess: () => { setDeclining(false); done(); }, onError: notifyError })}
      >
        <Typography.Paragraph>{s.reason}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={s.reasonPlaceholder} data-testid="reentry-reason" />
      </Modal>
    </Space>
  );
}

function Outcome({ row }: { row: ProposalRow }) {
  const { s } = useReentryText();
  const d = row.decision!;
  return (
    <Space wrap data-testid="reentry-outcome">
      <Tag color={d.decision === 'ordered' ? 'red' : 'default'}>{d.decision === 'ordered' ? s.ordered : s.dismissed}</Tag>
      {d.reason && <span>{d.reason}</span>}
      <Typography.Text type="secondary">
        {d.decidedBy} {formatChinaTime(d.decidedAt, 'YYYY-MM-DD HH:mm')}
      </Typography.Text>
      {d.isolationId != null && <Link to={`/isolation/${d.isolationId}`}>{s.openIsolation}</Link>}
    </Space>
  );
}

/** The school doctor's worklist of re-entry proposals (返校返岗研判), newest first. */
export function ReentryPage() {
  const { s } = useReentryText();
  const [view, setView] = useState<View>('pending');
  const list = useProposals(view);
  return (
    <Card
      size="small"
      title={s.title}
      extra={<Segmented size="small" value={view} onChange={(v) => setView(v as View)} options={(['pending', 'decided', 'all'] as const).map((v) => ({ value: v, label: s.views[v] }))} />}
    >
      <Typography.Paragraph type="secondary">{s.intro}</Typography.Paragraph>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: s.empty }}
        data-testid="reentry-list"
        renderItem={(row) => (
          <List.Item key={`${row.source}:${row.sourceRef}:${row.index}`} data-testid="reentry-row">
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{row.personName}</Typography.Text>
                {row.className && <span>{row.className}</span>}
                <Tag>{s.sources[row.source]}</Tag>
                <Typography.Text type="secondary">{row.raisedOn}</Typography.Text>
              </Space>
              <Why row={row} />
              <ProposalText row={row} />
              {row.decision ? <Outcome row={row} /> : <Decide row={row} />}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
