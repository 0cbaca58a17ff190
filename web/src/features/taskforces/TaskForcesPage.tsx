import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { get, post, put } from '../../shared/api/client';
import { useCan, useMe } from '../../shared/auth';
import { instantOfChinaPickerValue } from '../../shared/china-time';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { fmtTime, useText } from '../governance-dashboard/text';

interface TaskForce { id: number; regionName: string; schoolName: string | null; name: string; remit: string; active: boolean; memberCount: number; onDutyNow: number }
interface Detail { taskForce: TaskForce; discipline: string; members: { id: number; accountId: number | null; name: string; duty: string; phone: string }[]; shifts: { id: number; name: string; post: string; startsAt: string; endsAt: string }[]; can: { manage: boolean } }
interface Duty { date: string; items: { taskForce: string; name: string; phone: string; post: string; startsAt: string; endsAt: string; onDutyNow: boolean }[] }

const TEXT = {
  'zh-CN': {
    title: '应急专班与值班', today: '今日值班', create: '成立专班', name: '名称', remit: '职责', region: '行政区划代码', members: '成员', onDuty: '在岗', discipline: '纪律要求', save: '保存', saved: '已保存',
    member: '成员', duty: '分工', phone: '电话', account: '账号 ID（可排班）', addMember: '添加成员', shifts: '值班表', addShift: '排班', who: '值班人', time: '时间', post: '岗位', now: '在岗', created: '专班已成立', added: '已排班 {n} 个班次',
  },
  en: {
    title: 'Task forces and duty', today: 'On duty today', create: 'Set up a task force', name: 'Name', remit: 'Remit', region: 'Region code', members: 'Members', onDuty: 'On duty', discipline: 'Discipline requirements', save: 'Save', saved: 'Saved',
    member: 'Member', duty: 'Duty', phone: 'Phone', account: 'Account ID (for shifts)', addMember: 'Add member', shifts: 'Duty roster', addShift: 'Add shift', who: 'Who', time: 'Time', post: 'Post', now: 'On duty', created: 'Task force set up', added: '{n} shifts added',
  },
};

export function TaskForcesPage() {
  const t = useText(TEXT);
  const me = useMe();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [open, setOpen] = useState<number>();
  const list = useQuery({ queryKey: ['taskforces'], queryFn: () => get<{ items: TaskForce[] }>('/api/taskforces') });
  const duty = useQuery({ queryKey: ['taskforces', 'duty'], queryFn: () => get<Duty>('/api/duty/today') });
  const create = useMutation({ mutationFn: (b: object) => post<{ id: number }>('/api/taskforces', b), onSuccess: () => void qc.invalidateQueries({ queryKey: ['taskforces'] }) });
  const [form] = Form.useForm();
  const own = me.account.scope.schoolId;
  async function onCreate() {
    const v = await form.validateFields();
    create.mutate(own ? { schoolId: own, name: v.name, remit: v.remit } : { regionCode: v.regionCode, name: v.name, remit: v.remit }, { onSuccess: (r) => { message.success(t.created); setOpen(r.id); }, onError: notifyError });
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t.title}</Typography.Title>
      <Card size="small" title={`${t.today} ${duty.data?.date ?? ''}`}>
        <Table rowKey={(r) => `${r.taskForce}-${r.name}-${r.startsAt}`} size="small" pagination={false} dataSource={duty.data?.items ?? []} data-testid="duty-today"
          columns={[{ title: '', render: (_, r) => (r.onDutyNow ? <Tag color="green">{t.now}</Tag> : null) }, { title: t.who, dataIndex: 'name' }, { title: t.phone, dataIndex: 'phone' }, { title: t.post, dataIndex: 'post' }, { title: t.time, render: (_, r) => `${fmtTime(r.startsAt)} – ${fmtTime(r.endsAt)}` }, { title: t.name, dataIndex: 'taskForce' }]} />
      </Card>
      <ErrorAlert error={list.error} />
      <Table rowKey="id" size="small" dataSource={list.data?.items ?? []} data-testid="taskforces-table" onRow={(r) => ({ onClick: () => setOpen(r.id) })}
        columns={[{ title: t.name, render: (_, r) => <a>{r.name}</a> }, { title: '', render: (_, r) => r.schoolName ?? r.regionName }, { title: t.remit, dataIndex: 'remit' }, { title: t.members, dataIndex: 'memberCount' }, { title: t.onDuty, dataIndex: 'onDutyNow' }]} />
      {open && <TaskForceCard id={open} />}
      {can('taskforce.manage') && (
        <Card size="small" title={t.create}>
          <Form form={form} layout="inline" initialValues={{ regionCode: me.account.scope.regionCode }}>
            {!own && <Form.Item name="regionCode" label={t.region} rules={[{ required: true, pattern: /^\d{6}$/ }]}><Input style={{ width: 110 }} /></Form.Item>}
            <Form.Item name="name" label={t.name} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
            <Form.Item name="remit" label={t.remit} rules={[{ required: true, min: 2 }]}><Input style={{ width: 260 }} /></Form.Item>
            <Button type="primary" onClick={onCreate} loading={create.isPending}>{t.create}</Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}

function TaskForceCard({ id }: { id: number }) {
  const t = useText(TEXT);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const q = useQuery({ queryKey: ['taskforces', id], queryFn: () => get<Detail>(`/api/taskforces/${id}`) });
  const done = () => void qc.invalidateQueries({ queryKey: ['taskforces'] });
  const save = useMutation({ mutationFn: (discipline: string) => put(`/api/taskforces/${id}`, { discipline }), onSuccess: done });
  const member = useMutation({ mutationFn: (b: object) => post(`/api/taskforces/${id}/members`, b), onSuccess: done });
  const shift = useMutation({ mutationFn: (b: object) => post<{ added: number }>(`/api/taskforces/${id}/shifts`, b), onSuccess: done });
  const [discipline, setDiscipline] = useState<string>();
  const [mForm] = Form.useForm();
  const [sForm] = Form.useForm();
  const d = q.data;
  if (!d) return <ErrorAlert error={q.error} />;
  const manage = d.can.manage;
  return (
    <Card size="small" title={d.taskForce.name} data-testid="taskforce-detail">
      <Typography.Paragraph type="secondary">{d.taskForce.remit}</Typography.Paragraph>
      <Typography.Text strong>{t.discipline}</Typography.Text>
      <Input.TextArea autoSize={{ minRows: 3 }} readOnly={!manage} value={discipline ?? d.discipline} onChange={(e) => setDiscipline(e.target.value)} />
      {manage && discipline !== undefined && <Button style={{ marginTop: 4 }} onClick={() => save.mutate(discipline, { onSuccess: () => message.success(t.saved), onError: notifyError })}>{t.save}</Button>}
      <Table rowKey="id" size="small" pagination={false} style={{ marginTop: 12 }} dataSource={d.members} columns={[{ title: t.member, dataIndex: 'name' }, { title: t.duty, dataIndex: 'duty' }, { title: t.phone, dataIndex: 'phone' }]} />
      {manage && (
        <Form form={mForm} layout="inline" style={{ marginTop: 8 }}>
          <Form.Item name="name"><Input placeholder={t.member} /></Form.Item>
          <Form.Item name="accountId"><Input placeholder={t.account} style={{ width: 150 }} /></Form.Item>
          <Form.Item name="duty" rules={[{ required: true }]}><Input placeholder={t.duty} /></Form.Item>
          <Form.Item name="phone"><Input placeholder={t.phone} /></Form.Item>
          <Button onClick={async () => { const v = await mForm.validateFields(); member.mutate({ duty: v.duty, name: v.name || undefined, phone: v.phone || undefined, accountId: v.accountId ? Number(v.accountId) : undefined }, { onSuccess: () => mForm.resetFields(), onError: notifyError }); }}>{t.addMember}</Button>
        </Form>
      )}
      <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>{t.shifts}</Typography.Text>
      <Table rowKey="id" size="small" pagination={false} dataSource={d.shifts} columns={[{ title: t.who, dataIndex: 'name' }, { title: t.post, dataIndex: 'post' }, { title: t.time, render: (_, s) => `${fmtTime(s.startsAt)} – ${fmtTime(s.endsAt)}` }]} />
      {manage && (
        <Form form={sForm} layout="inline" style={{ marginTop: 8 }}>
          <Form.Item name="accountId" rules={[{ required: true }]}><Select style={{ width: 160 }} placeholder={t.who} options={d.members.filter((m) => m.accountId).map((m) => ({ value: m.accountId, label: m.name }))} /></Form.Item>
          <Form.Item name="range" rules={[{ required: true }]}><DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
          <Form.Item name="post"><Input placeholder={t.post} /></Form.Item>
          <Button onClick={async () => {
            const v = await sForm.validateFields();
            shift.mutate({ shifts: [{ accountId: v.accountId, startsAt: instantOfChinaPickerValue(v.range[0]), endsAt: instantOfChinaPickerValue(v.range[1]), post: v.post || undefined }] }, { onSuccess: (r) => message.success(t.added.replace('{n}', String(r.added))), onError: notifyError });
          }}>{t.addShift}</Button>
        </Form>
      )}
    </Card>
  );
}
