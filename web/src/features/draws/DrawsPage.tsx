import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan, useMe } from '../../shared/auth';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { fmtTime, useText } from '../governance-dashboard/text';
import { useDraw, useDrawMutations, useDraws } from './api';
import { useI18n } from '../../shared/i18n';
import { joinList } from '../../shared/i18n/punctuation';

const TEXT = {
  'zh-CN': {
    title: '随机抽查抽签', create: '发布承诺值', kind: '类别', count: '抽取数量', region: '行政区划代码', reason: '重抽理由（本期已抽过时必填）',
    kinds: { weekly_spot_check: '每周随机抽查', daily_self_report: '每日点名自查' } as Record<string, string>,
    status: { committed: '已发布承诺，待抽签', revealed: '已抽签并公开' } as Record<string, string>,
    period: '期次', attempt: '第几次', eligible: '可抽学校', selected: '抽中学校', perform: '执行抽签并公开种子', performed: '抽签完成', created: '承诺值已发布',
    commitment: '承诺值（种子的 SHA-256）', inputHash: '名单哈希', seed: '种子', record: '公开核验记录', open: '查看',
    how: '如何核验', howText: '下载公开记录（JSON），运行 campusguard verify-draw <记录文件>：检查种子的 SHA-256 等于事先公布的承诺值、名单哈希一致、按种子重新抽签得到相同学校和顺序。手工核对承诺值：printf %s "$SEED" | xxd -r -p | sha256sum',
    repeats: '本期全部抽签（重抽均留痕）', weight: '权重', chance: '入选概率',
  },
  en: {
    title: 'Random draws', create: 'Publish commitment', kind: 'Kind', count: 'Schools', region: 'Region code', reason: 'Reason for a repeat (required when this period was drawn)',
    kinds: { weekly_spot_check: 'Weekly spot check', daily_self_report: 'Daily self-report' } as Record<string, string>,
    status: { committed: 'Committed, not drawn', revealed: 'Drawn and revealed' } as Record<string, string>,
    period: 'Period', attempt: 'Attempt', eligible: 'Eligible', selected: 'Drawn schools', perform: 'Draw and reveal the seed', performed: 'Draw performed', created: 'Commitment published',
    commitment: 'Commitment (SHA-256 of the seed)', inputHash: 'Input hash', seed: 'Seed', record: 'Public verification record', open: 'Open',
    how: 'How to verify', howText: 'Download the public record (JSON) and run campusguard verify-draw <record file>: it checks that SHA-256 of the seed equals the commitment published beforehand, that the list hashes to the input hash, and that re-running the draw from the seed gives the same schools in the same order. Check the commitment by hand: printf %s "$SEED" | xxd -r -p | sha256sum',
    repeats: 'Every draw of this period (repeats stay on record)', weight: 'Weight', chance: 'Chance',
  },
};

export function DrawsPage() {
  const d = useText(TEXT);
  const { locale } = useI18n();
  const me = useMe();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const draws = useDraws();
  const m = useDrawMutations();
  const [open, setOpen] = useState<number>();
  const [form] = Form.useForm();

  async function onCreate() {
    const v = await form.validateFields();
    m.create.mutate({ ...v, reason: v.reason || undefined }, { onSuccess: (r) => { message.success(d.created); setOpen(r.id); }, onError: notifyError });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{d.title}</Typography.Title>
      {can('draw.manage') && (
        <Card size="small" title={d.create}>
          <Form form={form} layout="inline" initialValues={{ regionCode: me.account.scope.regionCode, kind: 'weekly_spot_check', count: 6 }} data-testid="draw-form">
            <Form.Item name="regionCode" label={d.region} rules={[{ required: true, pattern: /^\d{6}$/ }]}><Input style={{ width: 110 }} data-testid="draw-region" /></Form.Item>
            <Form.Item name="kind" label={d.kind}><Select style={{ width: 160 }} options={Object.entries(d.kinds).map(([value, label]) => ({ value, label }))} data-testid="draw-kind" /></Form.Item>
            <Form.Item name="count" label={d.count}><InputNumber min={1} max={10} data-testid="draw-count" /></Form.Item>
            <Form.Item name="reason" label={d.reason}><Input style={{ width: 220 }} data-testid="draw-reason" /></Form.Item>
            <Button type="primary" onClick={onCreate} loading={m.create.isPending} data-testid="draw-create">{d.create}</Button>
          </Form>
        </Card>
      )}
      <ErrorAlert error={draws.error} />
      <Table
        rowKey="id"
        size="small"
        loading={draws.isLoading}
        dataSource={draws.data?.items ?? []}
        data-testid="draws-table"
        onRow={(r) => ({ onClick: () => setOpen(r.id), 'data-testid': 'draw-row' }) as never}
        columns={[
          { title: d.period, render: (_, r) => `${r.regionName} ${r.period}` },
          { title: d.kind, render: (_, r) => d.kinds[r.kind] ?? r.kind },
          { title: d.attempt, dataIndex: 'attempt' },
          { title: d.eligible, dataIndex: 'eligible' },
          { title: d.selected, render: (_, r) => joinList(locale, r.selected.map((s) => s.schoolName)) || '—' },
          { title: '', render: (_, r) => <Tag color={r.status === 'revealed' ? 'green' : 'blue'}>{d.status[r.status]}</Tag> },
        ]}
      />
      <DrawDrawer id={open} onClose={() => setOpen(undefined)} />
    </Space>
  );
}

function DrawDrawer({ id, onClose }: { id?: number; onClose: () => void }) {
  const d = useText(TEXT);
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const detail = useDraw(id);
  const m = useDrawMutations();
  const x = detail.data;
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={x ? `${x.draw.regionName} ${x.draw.period} · ${d.kinds[x.draw.kind]}` : ''}>
      <ErrorAlert error={detail.error} />
      {x && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="draw-detail">
          <Tag color={x.draw.status === 'revealed' ? 'green' : 'blue'} data-testid="draw-status">{d.status[x.draw.status]}</Tag>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={d.commitment}><Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{x.draw.commitment}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={d.inputHash}><Typography.Text code style={{ wordBreak: 'break-all' }}>{x.draw.inputHash}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={d.seed}>{x.seed ? <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="draw-seed">{x.seed}</Typography.Text> : '—'}</Descriptions.Item>
            <Descriptions.Item label={d.record}><a href={`/api/public/draws/${x.draw.publicId}`} target="_blank" rel="noreferrer" data-testid="draw-record">{x.draw.publicId}.json</a></Descriptions.Item>
            <Descriptions.Item label={d.repeats}>{x.samePeriod.map((s) => `#${s.attempt} ${d.status[s.status]}${s.reason ? `（${s.reason}）` : ''}`).join('；')}</Descriptions.Item>
            <Descriptions.Item label={fmtTime(x.draw.createdAt)}>{x.draw.revealedAt ? fmtTime(x.draw.revealedAt) : ''}</Descriptions.Item>
          </Descriptions>
          {x.can.perform && (
            <Button type="primary" data-testid="draw-perform" loading={m.perform.isPending} onClick={() => m.perform.mutate({ id: x.draw.id }, { onSuccess: () => { message.success(d.performed); void detail.refetch(); }, onError: notifyError })}>
              {d.perform}
            </Button>
          )}
          {x.explanations.length > 0 && (
            <Table rowKey="schoolId" size="small" pagination={false} dataSource={x.explanations} data-testid="draw-selected"
              columns={[{ title: '#', dataIndex: 'rank' }, { title: d.selected, dataIndex: 'schoolName' }, { title: d.weight, dataIndex: 'weight' }, { title: d.chance, render: (_, r) => `${(r.probability * 100).toFixed(1)}%` }]} />
          )}
          <Alert type="info" showIcon title={d.how} description={d.howText} />
        </Space>
      )}
    </Drawer>
  );
}
