import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface NoticeSummary {
  id: number;
  title: string;
  audience: 'parents' | 'students' | 'staff';
  targetType: string;
  targetKey: string;
  targetName: string;
  createdAt: string;
  recipients: number;
  acknowledged: number;
  rate: number;
}

export interface NoticeDetail {
  notice: NoticeSummary & { body: string };
  byClass: { classId: number | null; className: string; recipients: number; acknowledged: number; rate: number }[];
  pending: { personId: number; name: string; className: string | null; reminders: number }[];
}

export interface MyNotice {
  id: number;
  title: string;
  body: string;
  createdAt: string;
  for: { personId: number; name: string; acknowledgedAt: string | null }[];
}

export const noticeKeys = { all: ['notices'] as const, list: ['notices', 'list'] as const, mine: ['notices', 'mine'] as const, one: (id: number) => ['notices', 'one', id] as const };

export const useNotices = () => useQuery({ queryKey: noticeKeys.list, queryFn: () => get<{ items: NoticeSummary[]; can: { send: boolean } }>('/api/notices') });
export const useNotice = (id: number | null) => useQuery({ queryKey: noticeKeys.one(id ?? 0), queryFn: () => get<NoticeDetail>(`/api/notices/${id}`), enabled: !!id });
export const useMyNotices = () => useQuery({ queryKey: noticeKeys.mine, queryFn: () => get<{ items: MyNotice[] }>('/api/notices/mine') });

export function useNoticeMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: noticeKeys.all });
  return {
    send: useMutation({
      mutationFn: (b: { title: string; body: string; audience: string; target: { type: string; key: string }; idempotencyKey: string }) => post<{ id: number; recipients: number }>('/api/notices', b),
      onSuccess: done,
    }),
    remind: useMutation({ mutationFn: (id: number) => post<{ reminded: number; notified: number }>(`/api/notices/${id}/remind`), onSuccess: done }),
    ack: useMutation({ mutationFn: (id: number) => post<{ acknowledged: number }>(`/api/notices/${id}/ack`), onSuccess: done }),
  };
}
