import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface ChainStep {
  step: number;
  accountId: number;
  name: string;
  label: string;
  decision: string | null;
  decidedAt: string | null;
  note: string | null;
}

export interface Leave {
  id: number;
  personId: number;
  personName: string;
  personKind: string;
  schoolId: number;
  className: string | null;
  fromDate: string;
  toDate: string;
  days: number;
  reason: string;
  destination: string;
  destinationRegionCode: string | null;
  status: string;
  chain: ChainStep[];
  nextApprover: ChainStep | null;
  returnedOn: string | null;
  requestedAt: string;
  can: { decide: boolean; return: boolean };
}

export interface LeaveQuery {
  awaitingMe?: boolean;
  status?: string;
  personId?: number;
}

export const leaveKeys = { all: ['leave'] as const, list: (q: LeaveQuery) => ['leave', 'list', q] as const };

export const useLeaveList = (q: LeaveQuery) => useQuery({ queryKey: leaveKeys.list(q), queryFn: () => get<{ items: Leave[] }>('/api/leave', { ...q }) });

export function useLeaveMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: leaveKeys.all });
  return {
    request: useMutation({
      mutationFn: (b: { personId: number; fromDate: string; toDate: string; reason: string; destination: string; idempotencyKey: string }) => post<Leave>('/api/leave', b),
      onSuccess: done,
    }),
    decide: useMutation({
      mutationFn: ({ id, ...b }: { id: number; decision: 'approved' | 'rejected'; note?: string }) => post<Leave>(`/api/leave/${id}/decision`, b),
      onSuccess: done,
    }),
  };
}
