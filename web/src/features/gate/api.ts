import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { download, get, post } from '../../shared/api/client';

export type Reason = 'real_name_not_verified' | 'no_mask' | 'venue_code_not_scanned' | 'travel_record_not_shown' | 'risk_red' | 'risk_yellow' | 'isolated' | 'test_overdue' | 'leave_unreturned' | 'fever';

export interface VerifiedVenue {
  codeId: number;
  schoolId: number | null;
  schoolName: string | null;
  name: string;
  kind: string;
  expiresAt: string;
}

export interface GatePerson {
  personId: number | null;
  visitorId: number | null;
  kind: string;
  name: string;
  className: string | null;
  idNumberMasked: string | null;
}

export interface Lookup {
  person: GatePerson;
  state: { riskStatus: 'green' | 'yellow' | 'red' | 'unknown'; isolated: boolean; testOverdue: boolean; leaveUnreturned: boolean };
  stateReasons: Reason[];
  insideNow: boolean;
  gate: { codeId: number; name: string; schoolId: number; schoolName: string };
}

export interface EntryResult {
  entryId: number;
  decision: 'allow' | 'refuse';
  reasons: Reason[];
  notifyDoctor: boolean;
  direction: 'in' | 'out';
  at: string;
  person: GatePerson;
  duplicate: boolean;
}

export interface Subject {
  studentNumber?: string;
  idNumber?: string;
  personCode?: string;
  personId?: number;
  visitorId?: number;
  visitor?: { name: string; idNumber: string; phone: string; organisation?: string; host: string; purpose: string };
}

export interface Checks {
  realNameVerified: boolean;
  maskWorn: boolean;
  venueCodeScanned: boolean;
  travelRecordShown: boolean;
}

export interface Headcount {
  schoolId: number;
  date: string;
  inside: number;
  insidePersons: number;
  insideVisitors: number;
  entries: number;
  exits: number;
  refused: number;
  openDoctorNotices: number;
}

export interface LedgerRow {
  id: number;
  at: string;
  gateName: string;
  direction: 'in' | 'out';
  kind: string;
  personId: number | null;
  visitorId: number | null;
  name: string;
  className: string | null;
  idNumberMasked: string | null;
  temperature: number | null;
  riskStatus: string | null;
  decision: 'allow' | 'refuse';
  reasons: Reason[];
  guardName: string | null;
  noticeId: number | null;
  noticeAcknowledged: boolean | null;
}

export interface LedgerList {
  items: LedgerRow[];
  total: number;
  can: { export: boolean; acknowledge: boolean };
}

export interface VisitorRow {
  id: number;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  organisation: string;
  host: string;
  purpose: string;
  registeredAt: string;
  entryDecision: string | null;
  insideNow: boolean;
}

export interface VenueCode {
  id: number;
  schoolId: number | null;
  schoolName: string | null;
  regionCode: string | null;
  kind: 'gate' | 'site' | 'bureau_building';
  name: string;
  status: 'active' | 'revoked' | 'expired';
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
  replacesId: number | null;
  token: string | null;
  link: string | null;
}

export const gateKeys = {
  headcount: (schoolId: number) => ['gate', 'headcount', schoolId] as const,
  ledger: (q: object) => ['gate', 'ledger', q] as const,
  refusals: (q: object) => ['gate', 'refusals', q] as const,
  visitors: (q: object) => ['gate', 'visitors', q] as const,
  venueCodes: (q: object) => ['venue-codes', q] as const,
  venueCode: (id: number) => ['venue-codes', 'one', id] as const,
};

export const verifyVenue = (venueToken: string) => post<VerifiedVenue>('/api/venue-codes/verify', { venueToken });

export function useLookup() {
  return useMutation({ mutationFn: (b: { venueToken: string; subject: Subject }) => post<Lookup>('/api/gate/lookup', b) });
}

export function useRecordEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { venueToken: string; direction: 'in' | 'out'; subject: Subject; checks?: Checks; temperature?: number; idempotencyKey: string }) => post<EntryResult>('/api/gate/entries', b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['gate'] }),
  });
}

export function useHeadcount(schoolId: number | undefined) {
  return useQuery({ queryKey: gateKeys.headcount(schoolId ?? 0), queryFn: () => get<Headcount>('/api/gate/headcount', { schoolId }), enabled: !!schoolId, refetchInterval: 15_000 });
}

export function useLedger(q: { schoolId?: number; date?: string; decision?: string; limit?: number }) {
  return useQuery({ queryKey: gateKeys.ledger(q), queryFn: () => get<LedgerList>('/api/gate/entries', q), enabled: !!q.schoolId, placeholderData: keepPreviousData });
}

/** Refused entries: the school doctor's list, refreshed often so a fever at the gate shows at once. */
export function useRefusals(q: { schoolId?: number; date?: string }) {
  return useQuery({ queryKey: gateKeys.refusals(q), queryFn: () => get<LedgerList>('/api/gate/refusals', q), enabled: !!q.schoolId, refetchInterval: 10_000 });
}

export function useVisitors(q: { schoolId?: number; date?: string }) {
  return useQuery({ queryKey: gateKeys.visitors(q), queryFn: () => get<{ date: string; items: VisitorRow[] }>('/api/gate/visitors', q), enabled: !!q.schoolId });
}

export function useAcknowledge() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: number) => post<{ ok: boolean }>(`/api/gate/doctor-notices/${id}/ack`), onSuccess: () => void qc.invalidateQueries({ queryKey: ['gate'] }) });
}

export const exportLedger = (schoolId: number, date?: string) => download('/api/gate/entries/export', { schoolId, date }, '出入台账.xlsx');

export function useVenueCodes(q: { schoolId?: number; includeInactive?: boolean }) {
  return useQuery({ queryKey: gateKeys.venueCodes(q), queryFn: () => get<{ items: VenueCode[]; can: { manage: boolean } }>('/api/venue-codes', q) });
}

export function useVenueCode(id: number) {
  return useQuery({ queryKey: gateKeys.venueCode(id), queryFn: () => get<VenueCode>(`/api/venue-codes/${id}`) });
}

export function useVenueMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ['venue-codes'] });
  return {
    issue: useMutation({ mutationFn: (b: { schoolId?: number; regionCode?: string; kind: string; name: string; validDays?: number }) => post<{ id: number }>('/api/venue-codes', b), onSuccess: done }),
    revoke: useMutation({ mutationFn: (b: { id: number; reason: string }) => post(`/api/venue-codes/${b.id}/revoke`, { reason: b.reason }), onSuccess: done }),
    reissue: useMutation({ mutationFn: (id: number) => post<{ id: number }>(`/api/venue-codes/${id}/reissue`, {}), onSuccess: done }),
  };
}
