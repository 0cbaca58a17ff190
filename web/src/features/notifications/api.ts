import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface NotificationItem {
  id: number;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  /** An address inside the app (`/alerts/12`, `/people/3`), or null. */
  link: string | null;
  alertId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: NotificationItem[];
  unread: number;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  latest: ['notifications', 'latest'] as const,
  list: (unread: boolean) => ['notifications', 'list', unread] as const,
};

const PAGE = 30;

/** The newest few and the unread count, for the bell; polled only when the live stream is down. */
export function useLatestNotifications(pollMs: number | false) {
  return useQuery({
    queryKey: notificationKeys.latest,
    queryFn: () => get<NotificationList>('/api/notifications', { limit: 8 }),
    refetchInterval: pollMs,
    staleTime: 10_000,
  });
}

export function useNotificationPages(unread: boolean) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(unread),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => get<NotificationList>('/api/notifications', { limit: PAGE, unread: unread || undefined, before: pageParam }),
    getNextPageParam: (last) => (last.items.length === PAGE ? last.items[last.items.length - 1].id : undefined),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => post<{ ok: boolean }>(`/api/notifications/${id}/read`),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => post<{ updated: number }>('/api/notifications/read-all'),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
