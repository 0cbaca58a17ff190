import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface DueItem {
  personId: number;
  name: string;
  kind: string;
  schoolId: number;
  classId: number | null;
  className: string | null;
  status: 'due' | 'overdue';
  since: string;
  missing: { source: string; ref: string; date: string; exact: boolean }[];
}

export interface DueList {
  date: string;
  items: DueItem[];
  byClass: { classId: number | null; className: string | null; schoolId: number; due: number; overdue: number }[];
  totals: { due: number; overdue: number };
}

export const useDue = (status?: string) => useQuery({ queryKey: ['testing', 'due', status ?? ''], queryFn: () => get<DueList>('/api/testing/due', { status }) });

export function useRecordResult() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { personId: number; testKind: 'pcr' | 'antigen'; sampledOn: string; result: 'negative' | 'positive'; lab?: string }) =>
      post<{ id: number; repeated: boolean; caseId: number | null; riskStatus: string | null }>('/api/test-results', b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['testing'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}
