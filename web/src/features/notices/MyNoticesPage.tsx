import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { formatChinaTime } from '../../shared/china-time';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { useMyNotices, useNoticeMutations } from './api';
import { useNoticeText } from './strings';

/** A parent's (or staff member's) notices on the phone: read, then acknowledge with one tap. */
export function MyNoticesPage() {
  const { n, fmt } = useNoticeText();
  const mine = useMyNotices();
  const { ack } = useNoticeMutations();
  const notifyError = useNotifyError();
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 640 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{n.mine}</Typography.Title>
      <ErrorAlert error={mine.error} />
      {mine.data && mine.data.items.length === 0 && <Empty description={n.none} />}
      <List
        dataSource={mine.data?.items ?? []}
        data-testid="my-notices"
        renderItem={(item) => {
          const open = item.for.some((f) => !f.acknowledgedAt);
          return (
            <Card size="small" style={{ marginBottom: 12 }} data-testid="my-notice" title={item.title} extra={<Typography.Text type="secondary">{formatChinaTime(item.createdAt, 'MM-DD HH:mm')}</Typography.Text>}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.body}</Typography.Paragraph>
              <Space wrap style={{ marginBottom: 8 }}>
                {item.for.map((f) => (
                  <Tag key={f.personId} color={f.acknowledgedAt ? 'green' : 'orange'}>{fmt(n.forChild, { name: f.name })} · {f.acknowledgedAt ? n.acknowledged : n.pending}</Tag>
                ))}
              </Space>
              {open ? (
                <Button type="primary" block size="large" loading={ack.isPending} onClick={() => ack.mutate(item.id, { onError: notifyError })} data-testid="notice-ack">{n.acknowledge}</Button>
              ) : (
                <Tag color="green" data-testid="notice-acknowledged">{n.acknowledged}</Tag>
              )}
            </Card>
          );
        }}
      />
    </Space>
  );
}
