import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface IsolationRow {
  id: number;
  personId: number;
  personName: string;
  personKind: string;
  schoolId: number;
  className: string | null;
  kind: string;
  siteId: number | null;
  siteName: string | null;
  caseId: number | null;
  reason: string;
  disease: string;
  startsOn: string;
  plannedEnd: string;
  monitoringEnd: string | null;
  testDays: number[];
  status: string;
  releasedOn: string | null;
  logistics: string | null;
}

export interface IsolationDetail extends IsolationRow {
  checkins: { day: string; symptomatic: boolean; temperature: number | null; symptoms: string[] }[];
  tests: { day: number; date: string; result: string | null; due: boolean }[];
  release: { met: boolean; problems: { code: string; date?: string }[] };
}

export interface IsolationCounts {
  total: number;
  byKind: Record<string, number>;
  homeOrOnCampus: number;
  bySite: { siteId: number; name: string; capacity: number; occupied: number }[];
  byRegion: { regionCode: string; name: string; home: number; on_campus: number; site: number }[];
}

export const isolationKeys = { all: ['isolations'] as const, list: (q: object) => ['isolations', 'list', q] as const, counts: ['isolations', 'counts'] as const, one: (id: number) => ['isolations', 'one', id] as const };

export const useIsolations = (q: { kind?: string; siteId?: number; status?: string }) =>
  useQuery({ queryKey: isolationKeys.list(q), queryFn: () => get<{ items: IsolationRow[] }>('/api/isolations', { ...q }) });
export const useIsolationCounts = () => useQuery({ queryKey: isolationKeys.counts, queryFn: () => get<IsolationCounts>('/api/isolations/counts') });
export const useIsolation = (id: number) => useQuery({ queryKey: isolationKeys.one(id), queryFn: () => get<IsolationDetail>(`/api/isolations/${id}`) });

export interface CheckinItem {
  id: number;
  personName: string;
  className: string | null;
  kind: string;
  startsOn: string;
  plannedEnd: string;
  monitoringEnd: string | null;
  checkins: { day: string; temperature: number | null; note: string }[];
}
/** The isolations the user may check in for (a parent: their children's), with their check-ins. */
export const useCheckinDesk = () => useQuery({ queryKey: [...isolationKeys.all, 'checkins'], queryFn: () => get<{ items: CheckinItem[] }>('/api/isolations/checkins') });

export function useIsolationMutations(id: number) {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: isolationKeys.all });
  return {
    checkin: useMutation({ mutationFn: (b: { day: string; temperature?: number; note?: string }) => post<{ ok: boolean }>(`/api/isolations/${id}/checkins`, b), onSuccess: done }),
    release: useMutation({ mutationFn: (b: { overrideReason?: string }) => post<{ ok: boolean; criteriaMet: boolean }>(`/api/isolations/${id}/release`, b), onSuccess: done }),
  };
}
