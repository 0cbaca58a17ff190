import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { download, get } from '../../shared/api/client';

export interface AuditRow {
  id: number;
  seq: number | null;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  scope: string | null;
  result: 'ok' | 'denied' | 'failed' | string;
  ip: string | null;
  detail: unknown;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  firstBrokenSeq: number | null;
}

export const auditKeys = {
  list: (q: AuditQuery) => ['audit', 'list', q] as const,
};

export function useAuditLog(query: AuditQuery, enabled = true) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: () => get<{ items: AuditRow[]; total: number }>('/api/audit', { ...query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Re-computes the hash chain on the server; a mutation because each press is a fresh check. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => get<AuditVerification>('/api/audit/verify') });
}

export function exportAudit(query: AuditQuery) {
  const { limit: _limit, offset: _offset, ...filter } = query;
  return download('/api/audit/export', { ...filter }, 'audit-log.xlsx');
}
