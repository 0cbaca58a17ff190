import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, Table, Tag } from 'antd';
import { ErrorAlert, useErrorText } from '../../shared/ui/errors';
import { type CheckinItem, useCheckinDesk, useIsolationMutations } from './api';
import { useIsolationText } from './strings';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The daily health check-in of an isolation, for those who check in without managing isolations:
 * a parent sees their child's active isolation, records today's temperature and sees what was sent.
 */
export function IsolationCheckinPage() {
  const { s } = useIsolationText();
  const q = useCheckinDesk();
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Card loading />;
  return (
    <Flex vertical gap={16} data-testid="isolation-checkin-desk">
      <Card title={s.checkinDesk}>{q.data.items.length === 0 && <Empty description={s.checkinDeskEmpty} />}</Card>
      {q.data.items.map((item) => <CheckinCard key={item.id} item={item} />)}
    </Flex>
  );
}

function CheckinCard({ item }: { item: CheckinItem }) {
  const { s } = useIsolationText();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const m = useIsolationMutations(item.id);
  const done = item.checkins.some((c) => c.day === today());
  return (
    <Card
      size="small"
      data-testid="isolation-checkin-card"
      title={`${item.personName}${item.className ? `（${item.className}）` : ''}`}
      extra={<Tag color={done ? 'green' : 'orange'}>{done ? s.checkedToday : s.notCheckedToday}</Tag>}
    >
      <div style={{ marginBottom: 12 }}>
        {s.kinds[item.kind] ?? item.kind} · {s.period} {item.startsOn} – {item.plannedEnd}
        {item.monitoringEnd && item.monitoringEnd !== item.plannedEnd ? ` · ${s.monitoringEnd} ${item.monitoringEnd}` : ''}
      </div>
      <Form
        layout="inline"
        style={{ rowGap: 8, marginBottom: 12 }}
        initialValues={{ day: today(), temperature: 36.5 }}
        onFinish={(v: { day: string; temperature?: number; note?: string }) =>
          m.checkin.mutate({ day: v.day, temperature: v.temperature ?? undefined, note: v.note?.trim() || undefined }, { onSuccess: () => void message.success(s.saved), onError: (e) => void message.error(errorText(e)) })
        }
      >
        <Form.Item name="day" label={s.day}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="temperature" label={s.temperature}>
          <InputNumber min={34} max={43} step={0.1} data-testid="isolation-checkin-temperature" />
        </Form.Item>
        <Form.Item name="note" label={s.note}>
          <Input maxLength={300} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.checkin.isPending} data-testid="isolation-checkin-submit">
          {s.checkin}
        </Button>
      </Form>
      <Table
        size="small"
        rowKey="day"
        pagination={false}
        dataSource={item.checkins}
        columns={[
          { title: s.day, dataIndex: 'day' },
          { title: s.temperature, dataIndex: 'temperature', render: (v: number | null) => (v == null ? '—' : v) },
          { title: s.note, dataIndex: 'note' },
        ]}
      />
    </Card>
  );
}
