import { Alert, App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCan } from '../../shared/auth';
import { useT } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { useText } from '../governance-dashboard/text';
import { type FindingDraft, useInspection, useInspectionMutations } from './api';
import { type Answers, ChecklistAnswers } from './ChecklistAnswers';
import { FindingDrafts } from './FindingDrafts';
import { INSPECTION_TEXT } from './text';

/** The inspector's form on site: answer item by item (saved as they go), write findings, complete. */
export function InspectionPage() {
  const x = useText(INSPECTION_TEXT);
  const t = useT();
  const can = useCan();
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const q = useInspection(id);
  const m = useInspectionMutations();
  const [answers, setAnswers] = useState<Answers>({});
  const [drafts, setDrafts] = useState<FindingDraft[]>([]);
  const [summary, setSummary] = useState('');
  useEffect(() => {
    if (q.data) setAnswers(Object.fromEntries(q.data.items.filter((i) => i.answer).map((i) => [i.key, i.answer!])));
  }, [q.data]);
  const d = q.data;
  if (!d) return <ErrorAlert error={q.error} />;
  const ins = d.inspection;
  const total = d.items.length;
  const answered = Object.keys(answers).length;
  const work = d.can.work;
  const list = () => Object.entries(answers).map(([itemKey, a]) => ({ itemKey, result: a.result, note: a.note || undefined }));

  async function save() {
    if (!answered) return;
    await m.answers.mutateAsync({ id, answers: list() });
    message.success(x.saved);
  }
  async function complete() {
    try {
      await m.answers.mutateAsync({ id, answers: list() });
      await m.complete.mutateAsync({ id, summary, findings: drafts });
      message.success(x.completed);
      await q.refetch();
    } catch (e) {
      notifyError(e);
    }
  }
  function allPass() {
    setAnswers(Object.fromEntries(d!.items.map((i) => [i.key, answers[i.key] ?? { result: 'pass', note: '' }])));
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }} data-testid="inspection-page">
      <Typography.Title level={4} style={{ margin: 0 }}>{ins.schoolName}</Typography.Title>
      <Space wrap>
        <Tag>{x.levels[ins.level]}</Tag>
        <Tag color={ins.method === 'covert' ? 'purple' : 'blue'}>{x.methods[ins.method]}</Tag>
        <Tag data-testid="inspection-status">{x.statuses[ins.status]}</Tag>
        {ins.score !== null && <Tag color="gold">{x.score} {ins.score.toFixed(1)}</Tag>}
        <span>{ins.scheduledOn}</span>
        {can('checklist.read') && <Link to={`/checklists/versions/${d.checklist.versionId}`} data-testid="inspection-checklist">{t('checklists.usedIn', { name: d.checklist.name, n: d.checklist.version })}</Link>}
      </Space>
      {(ins.method === 'covert' || ins.unannounced) && ins.status !== 'completed' && <Alert type="warning" showIcon title={x.hidden} />}
      <Space wrap>
        <Typography.Text data-testid="answered-count">{x.answered.replace('{n}', String(answered)).replace('{total}', String(total))}</Typography.Text>
        {work && <Button onClick={allPass} data-testid="answer-all-pass">{x.allPass}</Button>}
        {work && <Button onClick={() => void save().catch(notifyError)} loading={m.answers.isPending} data-testid="answers-save">{x.save}</Button>}
      </Space>
      <ChecklistAnswers items={d.items} answers={answers} onChange={setAnswers} disabled={!work} />
      {work && (
        <Card size="small" title={x.findings}>
          <FindingDrafts items={d.items} drafts={drafts} onChange={setDrafts} />
        </Card>
      )}
      {work && (
        <Card size="small" title={x.summary}>
          <Input.TextArea rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} data-testid="inspection-summary" />
          <Button type="primary" block style={{ marginTop: 8 }} onClick={() => void complete()} loading={m.complete.isPending} data-testid="inspection-complete">{x.complete}</Button>
        </Card>
      )}
      {d.findings.length > 0 && (
        <Card size="small" title={x.findings} data-testid="inspection-findings">
          {d.findings.map((f) => <div key={f.id}><Link to={`/findings/${f.id}`}>{f.title}</Link> · {f.ownerName} · {f.deadline} · {f.status}</div>)}
        </Card>
      )}
      {d.summary && <Typography.Paragraph>{d.summary}</Typography.Paragraph>}
    </Space>
  );
}
