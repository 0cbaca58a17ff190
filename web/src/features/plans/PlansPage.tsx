import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { get, post } from '../../shared/api/client';
import { useCan, useMe } from '../../shared/auth';
import { chinaToday } from '../../shared/china-time';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { fmtTime, useText } from '../governance-dashboard/text';
import { PLAN_TEXT } from './text';

interface Place { regionName: string; schoolName: string | null }
interface Plan extends Place { id: number; kind: string; title: string; latestVersion: number; updatedAt: string }
interface PlanDetail { plan: Plan; version: { version: number; body: string; note: string; createdBy: string | null; createdAt: string }; versions: { version: number; note: string; createdAt: string }[]; drills: { id: number; heldOn: string; scenario: string }[]; can: { manage: boolean } }

/** A school account creates for its own school; a bureau account for its region. */
function usePlace() {
  const me = useMe();
  const own = me.account.scope.schoolId;
  return (v: { regionCode?: string }) => (own ? { schoolId: own } : { regionCode: v.regionCode ?? me.account.scope.regionCode });
}

const listQuery = <T,>(path: string) => ({ queryKey: ['plans', path], queryFn: () => get<{ items: T[] }>(path) });

export function PlansPage() {
  const t = useText(PLAN_TEXT);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t.title}</Typography.Title>
      <Tabs items={[
        { key: 'plans', label: t.plans, children: <PlansTab /> },
        { key: 'drills', label: t.drills, children: <DrillsTab /> },
        { key: 'teams', label: t.teams, children: <TeamsTab /> },
        { key: 'incidents', label: t.incidents, children: <IncidentsTab /> },
      ]} />
    </Space>
  );
}

function PlansTab() {
  const t = useText(PLAN_TEXT);
  const can = useCan();
  const place = usePlace();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const q = useQuery(listQuery<Plan>('/api/plans'));
  const create = useMutation({ mutationFn: (b: object) => post('/api/plans', b), onSuccess: () => void qc.invalidateQueries({ queryKey: ['plans'] }) });
  const [open, setOpen] = useState<number>();
  const [form] = Form.useForm();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={q.error} />
      <Table rowKey="id" size="small" dataSource={q.data?.items ?? []} data-testid="plans-table" onRow={(r) => ({ onClick: () => setOpen(r.id) })}
        columns={[{ title: t.planTitle, render: (_, r) => <a>{r.title}</a> }, { title: t.kind, render: (_, r) => t.kinds[r.kind] }, { title: '', render: (_, r) => r.schoolName ?? r.regionName }, { title: t.version, render: (_, r) => `v${r.latestVersion}` }, { title: t.updated, render: (_, r) => fmtTime(r.updatedAt) }]} />
      {can('plan.manage') && (
        <Card size="small" title={t.newPlan}>
          <Form form={form} layout="vertical" initialValues={{ kind: 'emergency_response' }}>
            <Space wrap>
              <Form.Item name="kind" label={t.kind}><Select style={{ width: 160 }} options={Object.entries(t.kinds).map(([value, label]) => ({ value, label }))} /></Form.Item>
              <Form.Item name="title" label={t.planTitle} rules={[{ required: true, min: 2 }]}><Input style={{ width: 280 }} /></Form.Item>
            </Space>
            <Form.Item name="body" label={t.body} rules={[{ required: true, min: 10 }]}><Input.TextArea rows={6} /></Form.Item>
            <Button type="primary" loading={create.isPending} onClick={async () => { const v = await form.validateFields(); create.mutate({ ...place(v), kind: v.kind, title: v.title, body: v.body }, { onSuccess: () => form.resetFields(), onError: notifyError }); }}>{t.save}</Button>
          </Form>
        </Card>
      )}
      <PlanDrawer id={open} onClose={() => setOpen(undefined)} />
    </Space>
  );
}

function PlanDrawer({ id, onClose }: { id?: number; onClose: () => void }) {
  const t = useText(PLAN_TEXT);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [version, setVersion] = useState<number>();
  const q = useQuery({ queryKey: ['plans', 'one', id, version], queryFn: () => get<PlanDetail>(`/api/plans/${id}`, { version }), enabled: !!id });
  const add = useMutation({ mutationFn: (b: object) => post(`/api/plans/${id}/versions`, b), onSuccess: () => void qc.invalidateQueries({ queryKey: ['plans'] }) });
  const [body, setBody] = useState<string>();
  const [note, setNote] = useState('');
  const d = q.data;
  return (
    <Drawer open={!!id} onClose={() => { onClose(); setVersion(undefined); setBody(undefined); }} size="large" title={d?.plan.title}>
      <ErrorAlert error={q.error} />
      {d && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select value={d.version.version} style={{ width: 260 }} onChange={setVersion} options={d.versions.map((v) => ({ value: v.version, label: `v${v.version} ${v.note} ${fmtTime(v.createdAt)}` }))} />
          <Input.TextArea autoSize={{ minRows: 8 }} readOnly={!d.can.manage} value={body ?? d.version.body} onChange={(e) => setBody(e.target.value)} />
          {d.can.manage && body !== undefined && (
            <Space><Input placeholder={t.versionNote} value={note} onChange={(e) => setNote(e.target.value)} /><Button type="primary" onClick={() => add.mutate({ body, note }, { onSuccess: () => { message.success(t.saved); setBody(undefined); setVersion(undefined); }, onError: notifyError })}>{t.newVersion}</Button></Space>
          )}
          {d.drills.length > 0 && <Typography.Text>{t.drills}: {d.drills.map((x) => `${x.heldOn} ${x.scenario}`).join('；')}</Typography.Text>}
        </Space>
      )}
    </Drawer>
  );
}

function DrillsTab() {
  const t = useText(PLAN_TEXT);
  const can = useCan();
  const place = usePlace();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const q = useQuery(listQuery<Place & { id: number; heldOn: string; scenario: string; participants: number; planTitle: string | null; summary: string }>('/api/drills'));
  const create = useMutation({ mutationFn: (b: object) => post('/api/drills', b), onSuccess: () => void qc.invalidateQueries({ queryKey: ['plans'] }) });
  const [form] = Form.useForm();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table rowKey="id" size="small" dataSource={q.data?.items ?? []} columns={[{ title: t.heldOn, dataIndex: 'heldOn' }, { title: t.scenario, dataIndex: 'scenario' }, { title: t.participants, dataIndex: 'participants' }, { title: '', render: (_, r) => r.schoolName ?? r.regionName }, { title: t.plans, render: (_, r) => r.planTitle ?? '—' }, { title: t.summary, dataIndex: 'summary' }]} />
      {can('plan.manage') && (
        <Form form={form} layout="inline" initialValues={{ heldOn: dayjs(chinaToday()), participants: 0 }}>
          <Form.Item name="heldOn" label={t.heldOn}><DatePicker allowClear={false} /></Form.Item>
          <Form.Item name="scenario" label={t.scenario} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
          <Form.Item name="participants" label={t.participants} rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
          <Form.Item name="summary" label={t.summary}><Input /></Form.Item>
          <Button onClick={async () => { const v = await form.validateFields(); create.mutate({ ...place(v), heldOn: v.heldOn.format('YYYY-MM-DD'), scenario: v.scenario, participants: v.participants, summary: v.summary || undefined }, { onSuccess: () => form.resetFields(), onError: notifyError }); }}>{t.record}</Button>
        </Form>
      )}
    </Space>
  );
}

function TeamsTab() {
  const t = useText(PLAN_TEXT);
  const q = useQuery(listQuery<{ id: number; regionName: string; kind: string; name: string; area: string; members: string; visits: number; lastVisitOn: string | null }>('/api/guidance-teams'));
  return (
    <Table rowKey="id" size="small" dataSource={q.data?.items ?? []} columns={[{ title: t.teamName, dataIndex: 'name' }, { title: t.kind, render: (_, r) => t.teamKinds[r.kind] }, { title: t.area, render: (_, r) => `${r.regionName} ${r.area}` }, { title: t.members, dataIndex: 'members' }, { title: t.visits, dataIndex: 'visits' }, { title: t.lastVisit, render: (_, r) => r.lastVisitOn ?? '—' }]} />
  );
}

function IncidentsTab() {
  const t = useText(PLAN_TEXT);
  const can = useCan();
  const place = usePlace();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const q = useQuery(listQuery<Place & { id: number; source: string; summary: string; severity: string; status: string; reportedAt: string; responses: number }>('/api/opinion-incidents'));
  const create = useMutation({ mutationFn: (b: object) => post('/api/opinion-incidents', b), onSuccess: () => void qc.invalidateQueries({ queryKey: ['plans'] }) });
  const respond = useMutation({ mutationFn: (b: { id: number; body: string; close: boolean }) => post(`/api/opinion-incidents/${b.id}/responses`, { body: b.body, close: b.close }), onSuccess: () => void qc.invalidateQueries({ queryKey: ['plans'] }) });
  const [form] = Form.useForm();
  const [reply, setReply] = useState<Record<number, string>>({});
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table rowKey="id" size="small" dataSource={q.data?.items ?? []} columns={[
        { title: t.reportedAt, render: (_, r) => fmtTime(r.reportedAt) }, { title: t.source, dataIndex: 'source' }, { title: t.summary, dataIndex: 'summary' },
        { title: t.severity, render: (_, r) => <Tag color={r.severity === 'high' ? 'red' : r.severity === 'medium' ? 'orange' : undefined}>{t.severities[r.severity]}</Tag> },
        { title: t.status, render: (_, r) => `${t.statuses[r.status]} · ${r.responses}` },
        { title: t.respond, render: (_, r) => r.status === 'open' && can('plan.manage') ? (
          <Space.Compact><Input size="small" value={reply[r.id] ?? ''} onChange={(e) => setReply({ ...reply, [r.id]: e.target.value })} /><Button size="small" onClick={() => respond.mutate({ id: r.id, body: reply[r.id] ?? '', close: false }, { onError: notifyError })}>{t.respond}</Button><Button size="small" onClick={() => respond.mutate({ id: r.id, body: reply[r.id] ?? '', close: true }, { onError: notifyError })}>{t.closeIt}</Button></Space.Compact>
        ) : null },
      ]} />
      {can('plan.manage') && (
        <Form form={form} layout="inline" initialValues={{ severity: 'medium' }}>
          <Form.Item name="source" label={t.source} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
          <Form.Item name="summary" label={t.summary} rules={[{ required: true, min: 2 }]}><Input style={{ width: 260 }} /></Form.Item>
          <Form.Item name="severity" label={t.severity}><Select style={{ width: 90 }} options={Object.entries(t.severities).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Button onClick={async () => { const v = await form.validateFields(); create.mutate({ ...place(v), ...v }, { onSuccess: () => form.resetFields(), onError: notifyError }); }}>{t.report}</Button>
        </Form>
      )}
    </Space>
  );
}
