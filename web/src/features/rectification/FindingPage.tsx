import { App, Button, Card, Descriptions, Input, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { fmtTime, useText } from '../governance-dashboard/text';
import { useFinding, useFindingMutations } from './api';
import { FINDING_TEXT } from './text';

/** The owner uploads evidence; the inspector re-checks (回头看) and closes or sends it back. */
export function FindingPage() {
  const f = useText(FINDING_TEXT);
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const q = useFinding(id);
  const m = useFindingMutations(id);
  const [note, setNote] = useState('');
  const d = q.data;
  if (!d) return <ErrorAlert error={q.error} />;
  const x = d.finding;
  const recheck = (outcome: 'close' | 'reopen') => m.recheck.mutate({ outcome, note }, { onSuccess: () => { message.success(f.rechecked); setNote(''); }, onError: notifyError });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }} data-testid="finding-page">
      <Typography.Title level={4} style={{ margin: 0 }}>{x.title}</Typography.Title>
      <Tag color={x.status === 'closed' ? 'green' : x.overdue ? 'red' : 'orange'} data-testid="finding-status">{f.statuses[x.status]}</Tag>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={f.school}>{x.schoolName} · {f.sources[x.source]}</Descriptions.Item>
        <Descriptions.Item label={f.owner}>{x.ownerName}</Descriptions.Item>
        <Descriptions.Item label={f.deadline}>{x.deadline}</Descriptions.Item>
        <Descriptions.Item label={f.requiredEvidence}>{x.requiredEvidence}</Descriptions.Item>
        {x.escalatedToName && <Descriptions.Item label={f.escalated}>{x.escalatedToName}</Descriptions.Item>}
      </Descriptions>
      {d.description && <Typography.Paragraph>{d.description}</Typography.Paragraph>}
      <Card size="small" title={f.evidence} data-testid="finding-evidence-list">
        {d.evidence.map((e) => <div key={e.id}><a href={`/api/findings/${id}/evidence/${e.id}`} target="_blank" rel="noreferrer">{e.fileName}</a> · {e.uploadedBy} · {fmtTime(e.uploadedAt)}</div>)}
        {d.can.uploadEvidence && (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
            <Input placeholder={f.note} value={note} onChange={(e) => setNote(e.target.value)} data-testid="evidence-note" />
            <Upload accept="image/jpeg,image/png,image/webp,application/pdf" showUploadList={false}
              beforeUpload={(file) => { m.upload.mutate({ file, note }, { onSuccess: (r) => message.success(r.duplicate ? f.duplicate : f.uploaded), onError: notifyError }); return false; }}>
              <Button icon={<UploadOutlined />} loading={m.upload.isPending} data-testid="evidence-upload">{f.upload}</Button>
            </Upload>
          </Space>
        )}
      </Card>
      {d.can.recheck && (
        <Card size="small" title={f.recheck} data-testid="finding-recheck">
          <Input.TextArea rows={2} placeholder={f.note} value={note} onChange={(e) => setNote(e.target.value)} data-testid="recheck-note" />
          <Space style={{ marginTop: 8 }}>
            <Button type="primary" onClick={() => recheck('close')} loading={m.recheck.isPending} data-testid="recheck-close">{f.close}</Button>
            <Button danger onClick={() => recheck('reopen')} loading={m.recheck.isPending} data-testid="recheck-reopen">{f.reopen}</Button>
          </Space>
        </Card>
      )}
      <Card size="small" title={f.events}>
        <Timeline items={d.events.map((e) => ({ content: `${fmtTime(e.at)} ${f.kinds[e.kind] ?? e.kind} · ${e.accountName ?? ''} ${e.note}` }))} />
      </Card>
    </Space>
  );
}
