import { Card, Empty, Flex, Table, Tag } from 'antd';
import { chinaToday } from '../../shared/china-time';
import { ErrorAlert } from '../../shared/ui/errors';
import { type CheckinItem, useCheckinDesk } from './api';
import { CheckinForm } from './CheckinForm';
import { useIsolationText } from './strings';

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
  const done = item.checkins.some((c) => c.day === chinaToday());
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
      <CheckinForm isolationId={item.id} submitTestId="isolation-checkin-submit" />
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
