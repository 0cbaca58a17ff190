import { Button, Card, Empty, List, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { useMarkAllRead, useNotificationPages } from './api';
import { NotificationRow } from './parts';

export function NotificationsPage() {
  const { t } = useI18n();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const pages = useNotificationPages(onlyUnread);
  const markAll = useMarkAllRead();
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = pages.data?.pages[0]?.unread ?? 0;
  return (
    <Card
      title={
        <Space>
          {t('notifications.title')}
          {unread > 0 && <Typography.Text type="secondary">{t('notifications.unread', { n: unread })}</Typography.Text>}
        </Space>
      }
      extra={
        <Space wrap>
          <Space size={4}>
            <Switch size="small" checked={onlyUnread} onChange={setOnlyUnread} />
            {t('notifications.onlyUnread')}
          </Space>
          <Button size="small" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('notifications.markAllRead')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={pages.error} onRetry={() => void pages.refetch()} />
      <List
        data-testid="notification-list"
        loading={pages.isLoading}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('notifications.empty')} /> }}
        renderItem={(n) => <NotificationRow n={n} />}
      />
      {pages.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            {t('notifications.more')}
          </Button>
        </div>
      )}
    </Card>
  );
}
