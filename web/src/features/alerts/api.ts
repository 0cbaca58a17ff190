import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, put } from '../../shared/api/client';

export type AlertStatus = 'new' | 'acknowledged' | 'investigating' | 'reported_to_cdc' | 'closed';
export type TransitionTarget = Exclude<AlertStatus, 'new'>;
export type UnitKind = 'class' | 'dorm' | 'school' | 'region';
export type Texts = { zh: string; en: string };

export interface AlertSummary {
  id: number;
  source: 'rule' | 'scan' | string;
  rule: string;
  ruleLabel: Texts;
  method: string | null;
  unit: { kind: UnitKind | string; id: string; name: string };
  schoolId: number | null;
  schoolName: string | null;
  classId: number | null;
  dormId: number | null;
  regionCode: string;
  regionName: string;
  level: 'report' | 'emergency' | string;
  deadline: 'immediate' | '2h' | '24h' | string;
  disease: string | null;
  syndrome: string | null;
  window: { from: string; to: string };
  caseCount: number;
  status: AlertStatus;
  outcome: string | null;
  escalationLevel: string;
  raisedAt: string;
  dueAt: string;
  /** Seconds left when the server answered (negative when overdue); null once reported or closed. */
  secondsToDeadline: number | null;
  acknowledgedAt: string | null;
  reportedAt: string | null;
  closedAt: string | null;
  closeNote: string | null;
  version: number;
}

export interface AlertList {
  items: AlertSummary[];
  total: number;
  countsByStatus: Record<AlertStatus, number>;
  can: { handle: boolean; scan: boolean; manageRules: boolean };
}

export interface AlertEvent {
  id: number;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  actorName: string | null;
}

export interface AlertDetail {
  alert: AlertSummary;
  persons: { id: number; name: string; kind: string; className: string | null; addedAt: string }[];
  episodes: { id: number; personId: number; status: string; openedOn: string; lastAbsentOn: string; symptoms: string[]; diagnosisCode: string | null; closedOn: string | null }[];
  events: AlertEvent[];
  can: { transitions: TransitionTarget[] };
}

export interface AlertQuery {
  status?: AlertStatus | 'open';
  level?: 'report' | 'emergency';
  escalation?: 'school' | 'county' | 'city' | 'province';
  unitKind?: UnitKind;
  source?: 'rule' | 'scan';
  schoolId?: number;
  regionCode?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface RuleSetResponse {
  regionCode: string;
  override: Record<string, unknown>;
  escalateAfterMinutes: number | null;
  effective: Record<string, unknown>;
  effectiveEscalateAfterMinutes: number;
  inherited: { regionCode: string; name: string; override: Record<string, unknown> }[];
}

export interface ScanResult {
  date: string;
  schools: number;
  counties: number;
  signals: number;
  raised: number;
  alertIds: number[];
}

export const alertKeys = {
  all: ['alerts'] as const,
  list: (q: AlertQuery) => ['alerts', 'list', q] as const,
  detail: (id: number) => ['alerts', 'detail', id] as const,
  rules: (regionCode: string) => ['alert-rules', regionCode] as const,
};

/** How often the queue asks again: new alerts arrive from other people's checks. */
const QUEUE_REFRESH_MS = 60_000;

export function useAlerts(query: AlertQuery) {
  return useQuery({
    queryKey: alertKeys.list(query),
    queryFn: () => get<AlertList>('/api/alerts', { ...query }),
    placeholderData: keepPreviousData,
    refetchInterval: QUEUE_REFRESH_MS,
  });
}

export const UNIT_KINDS: UnitKind[] = ['class', 'dorm', 'school', 'region'];

/** Totals per unit level under the other filters (the list endpoint counts by status only). */
export function useUnitKindTotals(query: AlertQuery) {
  const results = useQueries({
    queries: UNIT_KINDS.map((unitKind) => {
      const q = { ...query, unitKind, limit: 1, offset: 0 };
      return { queryKey: alertKeys.list(q), queryFn: () => get<AlertList>('/api/alerts', { ...q }), refetchInterval: QUEUE_REFRESH_MS };
    }),
  });
  return Object.fromEntries(UNIT_KINDS.map((k, i) => [k, results[i].data?.total])) as Record<UnitKind, number | undefined>;
}

export function useAlert(id: number) {
  return useQuery({ queryKey: alertKeys.detail(id), queryFn: () => get<AlertDetail>(`/api/alerts/${id}`), refetchInterval: QUEUE_REFRESH_MS });
}

export interface TransitionInput {
  to: TransitionTarget;
  outcome?: 'outbreak_confirmed' | 'not_outbreak';
  note?: string;
}

export function useTransition(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionInput) => post<{ id: number; status: AlertStatus; version: number; unchanged: boolean }>(`/api/alerts/${id}/transition`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export interface ManualAlertInput {
  schoolId: number;
  classId?: number;
  personIds?: number[];
  level?: 'report' | 'emergency';
  deadline?: 'immediate' | '2h' | '24h';
  disease?: string;
  note: string;
}

export function useRaiseAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ManualAlertInput) => post<{ id: number; created: boolean }>('/api/alerts', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export function useScan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { date: string; regionCode?: string }) => post<ScanResult>('/api/alerts/scan', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export function useRuleSet(regionCode: string | undefined) {
  return useQuery({
    queryKey: alertKeys.rules(regionCode ?? ''),
    queryFn: () => get<RuleSetResponse>(`/api/alert-rules/${regionCode}`),
    enabled: !!regionCode,
  });
}

export function useSaveRuleSet(regionCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { override: Record<string, unknown>; escalateAfterMinutes: number | null }) => put<RuleSetResponse>(`/api/alert-rules/${regionCode}`, body),
    onSuccess: (data) => qc.setQueryData(alertKeys.rules(regionCode), data),
  });
}
