import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export type ScopeType = 'school' | 'grade' | 'class';
export type Trigger = 'alert' | 'footing' | 'decision';

export interface Period {
  id: number;
  schoolId: number;
  schoolName: string;
  scopeType: ScopeType;
  scopeId: number;
  scopeName: string;
  fromDate: string;
  toDate: string;
  /** The last day taught online (earlier than toDate when the period was ended). */
  lastDay: string;
  activeOnDate: boolean;
  reason: string;
  trigger: Trigger;
  classes: number;
  students: number;
}

export interface OnlineCoverage {
  date: string;
  schools: { schoolId: number; schoolName: string; classesTotal: number; classesOnline: number; studentsCovered: number }[];
  totals: { schools: number; classesOnline: number; studentsCovered: number };
}

export interface StartInput {
  scopeType: ScopeType;
  scopeId: number;
  fromDate: string;
  toDate: string;
  reason: string;
  trigger: Trigger;
  idempotencyKey: string;
}

export const onlineKeys = {
  all: ['online-teaching'] as const,
  periods: (q: { schoolId?: number; classId?: number; date: string }) => ['online-teaching', 'periods', q] as const,
  coverage: (date: string) => ['online-teaching', 'coverage', date] as const,
};

/** Periods still running or to come on the date (those that can be ended), in the account's scope. */
export const usePeriods = (q: { schoolId?: number; classId?: number; date: string }, enabled = true) =>
  useQuery({ queryKey: onlineKeys.periods(q), queryFn: () => get<{ date: string; items: Period[] }>('/api/online-teaching/periods', q), enabled });

export const useOnlineCoverage = (date: string) => useQuery({ queryKey: onlineKeys.coverage(date), queryFn: () => get<OnlineCoverage>('/api/online-teaching/coverage', { date }) });

export function useOnlineMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: onlineKeys.all });
  return {
    start: useMutation({ mutationFn: (b: StartInput) => post<{ id: number; duplicate: boolean }>('/api/online-teaching', b), onSuccess: done }),
    end: useMutation({ mutationFn: (id: number) => post<{ ok: true }>(`/api/online-teaching/${id}/end`), onSuccess: done }),
  };
}
