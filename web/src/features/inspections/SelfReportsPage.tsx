import { App, Button, Card, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { fmtTime, useText } from '../governance-dashboard/text';
import { type FindingDraft, useSelfReport, useSelfReportMutations, useSelfReports } from './api';
import { type Answers, ChecklistAnswers } from './ChecklistAnswers';
import { FindingDrafts } from './FindingDrafts';
import { INSPECTION_TEXT } from './text';

export function SelfReportsPage() {
  const x = useText(INSPECTION_TEXT);
  const [params] = useSearchParams();
  const q = useSelfReports({ regionCode: params.get('regionCode') ?? undefined, status: params.get('status') ?? undefined });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{x.selfReports}</Typography.Title>
      <ErrorAlert error={q.error} />
      <Table rowKey="id" size="small" loading={q.isLoading} dataSource={q.data?.items ?? []} data-testid="self-reports-table"
        columns={[
          { title: x.school, render: (_, r) => <Link to={`/self-reports/${r.id}`}>{r.schoolName}</Link> },
          { title: x.dueAt, render: (_, r) => fmtTime(r.dueAt) },
          { title: x.status, render: (_, r) => <Tag color={r.overdue || r.status === 'missing' ? 'red' : undefined}>{x.statuses[r.status]}</Tag> },
          { title: x.riskLevel, render: (_, r) => (r.riskLevel ? x.risks[r.riskLevel] : '—') },
        ]} />
    </Space>
  );
}

const newKey = () => `sr-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

/** The drawn school answers and assesses its risk; the bureau reviews and turns answers into findings. */
export function SelfReportPage() {
  const x = useText(INSPECTION_TEXT);
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const q = useSelfReport(id);
  const m = useSelfReportMutations();
  const [answers, setAnswers] = useState<Answers>({});
  const [risk, setRisk] = useState('low');
  const [assessment, setAssessment] = useState('');
  const [note, setNote] = useState('');
  const [drafts, setDrafts] = useState<FindingDraft[]>([]);
  const [submitKey] = useState(newKey);
  useEffect(() => {
    if (q.data) setAnswers(Object.fromEntries(q.data.items.filter((i) => i.answer).map((i) => [i.key, i.answer!])));
  }, [q.data]);
  const d = q.data;
  if (!d) return <ErrorAlert error={q.error} />;
  const list = Object.entries(answers).map(([itemKey, a]) => ({ itemKey, result: a.result, note: a.note || undefined }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{d.report.schoolName} · {x.selfReports}</Typography.Title>
      <Space><Tag>{x.statuses[d.report.status]}</Tag><span>{x.dueAt} {fmtTime(d.report.dueAt)}</span></Space>
      <ChecklistAnswers items={d.items} answers={answers} onChange={setAnswers} disabled={!d.can.submit} />
      <Card size="small" title={x.riskAssessment}>
        <Segmented disabled={!d.can.submit} value={d.report.riskLevel ?? risk} onChange={(v) => setRisk(String(v))} options={Object.entries(x.risks).map(([value, label]) => ({ value, label }))} />
        <Input.TextArea disabled={!d.can.submit} rows={3} style={{ marginTop: 8 }} value={d.can.submit ? assessment : (d.riskAssessment ?? '')} onChange={(e) => setAssessment(e.target.value)} />
        {d.can.submit && <Button type="primary" block style={{ marginTop: 8 }} loading={m.submit.isPending} onClick={() => m.submit.mutate({ id, answers: list, riskLevel: risk, riskAssessment: assessment, submitKey }, { onSuccess: () => message.success(x.submitted), onError: notifyError })}>{x.submit}</Button>}
      </Card>
      {d.can.review && (
        <Card size="small" title={x.review}>
          <FindingDrafts items={d.items} drafts={drafts} onChange={setDrafts} />
          <Input.TextArea rows={2} style={{ marginTop: 8 }} placeholder={x.reviewNote} value={note} onChange={(e) => setNote(e.target.value)} />
          <Button type="primary" style={{ marginTop: 8 }} loading={m.review.isPending} onClick={() => m.review.mutate({ id, note, findings: drafts }, { onSuccess: () => message.success(x.review), onError: notifyError })}>{x.review}</Button>
        </Card>
      )}
      {d.reviewNote && <Typography.Paragraph>{x.reviewNote}: {d.reviewNote}</Typography.Paragraph>}
      {d.findings.map((f) => <Link key={f.id} to={`/findings/${f.id}`}>{f.title} · {f.status}</Link>)}
    </Space>
  );
}
