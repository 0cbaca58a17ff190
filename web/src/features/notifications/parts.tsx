import { Badge, List, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { formatChinaTime } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { type NotificationItem, useMarkRead } from './api';

/** One notification: opening it marks it read and goes to the object it is about. */
export function NotificationRow({ n, onOpen, compact }: { n: NotificationItem; onOpen?: () => void; compact?: boolean }) {
  const { locale, t } = useI18n();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const pick = (x: { zh: string; en: string }) => (locale === 'en' ? x.en : x.zh);
  const unread = !n.readAt;
  const open = () => {
    if (unread) markRead.mutate(n.id);
    onOpen?.();
    if (n.link?.startsWith('/')) navigate(n.link);
  };
  return (
    <List.Item
      data-testid="notification-item"
      data-unread={unread}
      style={{ cursor: n.link ? 'pointer' : 'default', background: unread ? '#f0f7ff' : undefined, paddingInline: 8 }}
      onClick={open}
      actions={
        unread && !compact
          ? [
              <Typography.Link
                key="read"
                data-testid="notification-mark-read"
                onClick={(e) => {
                  e.stopPropagation();
                  markRead.mutate(n.id);
                }}
              >
                {t('notifications.markRead')}
              </Typography.Link>,
            ]
          : undefined
      }
    >
      <List.Item.Meta
        avatar={<Badge status={unread ? 'processing' : 'default'} />}
        title={<span style={{ fontWeight: unread ? 600 : 400 }}>{pick(n.title)}</span>}
        description={
          <>
            <div>{pick(n.body)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatChinaTime(n.createdAt, 'YYYY-MM-DD HH:mm')}
            </Typography.Text>
          </>
        }
      />
    </List.Item>
  );
}
