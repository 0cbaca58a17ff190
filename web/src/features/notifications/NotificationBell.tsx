import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Grid, List, Popover, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../shared/i18n';
import { type NotificationItem, notificationKeys, useLatestNotifications, useMarkAllRead } from './api';
import { NotificationRow } from './parts';
import { useNotificationStream } from './stream';

/** How often the bell asks when the live stream is down. */
const POLL_MS = 30_000;

/** The header's bell: unread count, live through server-sent events, polling when the stream is down. */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const { notification } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  // On a phone the header is full: the bell takes no more room than its icon.
  const narrow = !(Grid.useBreakpoint().sm ?? true);

  const onNotification = useCallback(
    (n: NotificationItem) => {
      void qc.invalidateQueries({ queryKey: notificationKeys.all });
      if (n.alertId) void qc.invalidateQueries({ queryKey: ['alerts'] });
      notification.info({ key: `n${n.id}`, title: locale === 'en' ? n.title.en : n.title.zh, description: locale === 'en' ? n.body.en : n.body.zh, placement: 'topRight' });
    },
    [qc, notification, locale],
  );
  const onReady = useCallback(() => void qc.invalidateQueries({ queryKey: notificationKeys.latest }), [qc]);
  const mode = useNotificationStream(onNotification, onReady);
  const latest = useLatestNotifications(mode === 'live' ? false : POLL_MS);
  const markAll = useMarkAllRead();
  const unread = latest.data?.unread ?? 0;

  const content = (
    <div style={{ width: 340, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-panel">
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 4 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        {unread > 0 && (
          <Typography.Link onClick={() => markAll.mutate()} data-testid="notification-read-all">
            {t('notifications.markAllRead')}
          </Typography.Link>
        )}
      </Space>
      <List
        size="small"
        style={{ maxHeight: 380, overflowY: 'auto' }}
        dataSource={latest.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
        renderItem={(n) => <NotificationRow n={n} compact onOpen={() => setOpen(false)} />}
      />
      <div style={{ textAlign: 'center', marginTop: 6 }}>
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="notification-all">
          {t('notifications.viewAll')}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Button
        type="text"
        size={narrow ? 'small' : 'middle'}
        style={narrow ? { width: 24, paddingInline: 0 } : undefined}
        aria-label={`${t('notifications.bell')} (${t('notifications.unread', { n: unread })})`}
        title={mode === 'live' ? t('notifications.live') : t('notifications.polling')}
        data-testid="notification-bell"
        data-mode={mode}
        icon={
          <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count" data-count={unread}>
            <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
