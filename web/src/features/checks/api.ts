import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, patch, post } from '../../shared/api/client';
import { useI18n } from '../../shared/i18n';

export type Session = 'morning' | 'noon' | 'evening';
export type ExceptionStatus = 'absent_ill' | 'absent_other' | 'present_symptomatic';

export interface RosterEntry {
  personId: number;
  name: string;
  number: string | null;
  /** present, one of the exception statuses, or a status another capability set (on_leave, isolated). */
  status: string;
  symptoms: string[];
  temperature: number | null;
  note: string | null;
}

export interface StoredCheck {
  id: number;
  version: number;
  late: boolean;
  zeroReport: boolean;
  flags: string[];
  submittedAt: string;
  counts: { expected: number; present: number; absentIll: number; absentOther: number; symptomatic: number };
}

export interface CheckForm {
  schoolId: number;
  classId: number | null;
  date: string;
  session: Session;
  schoolDay: boolean;
  sessions: Array<{ session: Session; deadline: string }>;
  deadline: string | null;
  lateIfSubmittedNow: boolean;
  roster: RosterEntry[];
  check: StoredCheck | null;
  symptoms: Array<{ code: string; nameZh: string; nameEn: string }>;
  can: { submit: boolean };
}

export interface CheckException {
  personId: number;
  status: ExceptionStatus;
  symptoms?: string[];
  temperature?: number | null;
  note?: string | null;
}

export interface SubmitBody {
  date: string;
  session: Session;
  version?: number;
  zeroReport?: boolean;
  exceptions?: CheckException[];
  entryMs?: number;
  online?: boolean;
}

export const formKey = (classId: number, date: string, session: string) => ['checks', 'form', classId, date, session] as const;

export const useCheckForm = (classId: number, date: string, session: Session) =>
  useQuery({ queryKey: formKey(classId, date, session), queryFn: () => get<CheckForm>(`/api/checks/classes/${classId}/form`, { date, session }) });

export const sendCheck = (classId: number, key: string, body: SubmitBody) =>
  api<{ check: StoredCheck; replayed: boolean }>(`/api/checks/classes/${classId}`, { method: 'POST', body, headers: { 'idempotency-key': key } });

export interface Episode {
  id: number;
  schoolId: number;
  personId: number;
  personName: string;
  classId: number | null;
  className: string | null;
  status: string;
  openedOn: string;
  lastAbsentOn: string;
  absentSessions: number;
  symptoms: string[];
  onsetDate: string | null;
  guardianContactedAt: string | null;
  guardianContactMethod: string | null;
  doctorVisit: boolean | null;
  hospital: string | null;
  diagnosisCode: string | null;
  diagnosisText: string | null;
  feverFreeSince: string | null;
  expectedReturn: string | null;
  closedOn: string | null;
  causeKnown: boolean;
  version: number;
  overdue?: boolean;
}

export interface Certificate {
  id: number;
  hospital: string;
  issuedOn: string;
  returnOn: string;
  decision: 'accepted' | 'refused' | string;
  reasonTexts: string[];
  earliestReturn: string | null;
  recordedAt: string;
}

export const useFollowUpQueue = (schoolId: number | null) =>
  useQuery({ queryKey: ['absences', 'queue', schoolId], enabled: schoolId != null, queryFn: () => get<{ date: string; items: Episode[] }>('/api/absences/queue', { schoolId: schoolId! }) });

export const useEpisode = (id: number) =>
  useQuery({ queryKey: ['absences', 'episode', id], queryFn: () => get<{ episode: Episode; certificates: Certificate[]; earliestReturn: string; can: { followUp: boolean } }>(`/api/absences/episodes/${id}`) });

export function useFollowUp(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => patch<{ ok: boolean; version: number }>(`/api/absences/episodes/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['absences'] }),
  });
}

export function useRecordReturn(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => post<{ certificate: Certificate; episode: Episode }>(`/api/absences/episodes/${id}/returns`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['absences'] }),
  });
}

/** The disease list for a diagnosis, named in the user's language (from the return-criteria policies). */
export function useDiseaseOptions(): Array<{ value: string; label: string }> {
  const { locale } = useI18n();
  const q = useQuery({
    queryKey: ['return-criteria', 'own'],
    queryFn: () => get<{ items: Array<{ diseaseCode: string; nameZh: string; nameEn: string }> }>('/api/absences/policies'),
    staleTime: 10 * 60_000,
  });
  return (q.data?.items ?? []).map((d) => ({ value: d.diseaseCode, label: locale === 'en' ? d.nameEn : d.nameZh }));
}
