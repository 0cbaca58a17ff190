import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface VaccineSpec {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Recommended age of each dose in months. */
  doses: number[];
  alternative?: { nameZh: string; doses: number[] };
}

export interface Schedule {
  name: string;
  nameEn: string;
  source: string;
  vaccines: VaccineSpec[];
}

export interface MissingDose {
  code: string;
  required?: number;
  received?: number;
  missing: number;
}

export interface CheckResult {
  id: number;
  ageMonths: number;
  complete: boolean;
  missing: MissingDose[];
}

export interface ClassCoverage {
  classId: number;
  className: string;
  students: number;
  checked: number;
  complete: number;
  rate: number;
}

export interface MissingStudent {
  checkId: number;
  personId: number;
  name: string;
  className: string;
  missing: MissingDose[];
  followUp: 'none' | 'referred' | 'caught_up';
}

export interface Coverage {
  school: { students: number; checked: number; complete: number; rate: number };
  classes: ClassCoverage[];
  missing: MissingStudent[];
}

export interface DoseInput {
  vaccine: string;
  doseNumber: number;
  givenOn: string;
  source?: 'certificate' | 'catch_up';
}

export const vaccinationKeys = {
  all: ['vaccination'] as const,
  schedule: ['vaccination', 'schedule'] as const,
  coverage: (schoolId: number) => ['vaccination', 'coverage', schoolId] as const,
};

export const useSchedule = () => useQuery({ queryKey: vaccinationKeys.schedule, queryFn: () => get<Schedule>('/api/vaccination/schedule'), staleTime: Number.POSITIVE_INFINITY });

export const fetchCoverage = (schoolId: number) => get<Coverage>('/api/vaccination/coverage', { schoolId });

export const useCoverage = (schoolId?: number) => useQuery({ queryKey: vaccinationKeys.coverage(schoolId ?? 0), queryFn: () => fetchCoverage(schoolId!), enabled: !!schoolId });

export function useVaccinationMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ['vaccination', 'coverage'] });
  return {
    /** The certificate's doses first (kept, never doubled), then the check against the schedule on the day. */
    check: useMutation({
      mutationFn: async (b: { personId: number; doses: DoseInput[]; checkedOn?: string }) => {
        if (b.doses.length) await post<{ added: number; alreadyRecorded: number }>('/api/vaccination/doses', { personId: b.personId, doses: b.doses });
        return post<CheckResult>('/api/vaccination/checks', { personId: b.personId, ...(b.checkedOn ? { checkedOn: b.checkedOn } : {}) });
      },
      onSuccess: done,
    }),
    followUp: useMutation({
      mutationFn: (b: { checkId: number; followUp: 'referred' | 'caught_up'; note?: string }) => post(`/api/vaccination/checks/${b.checkId}/follow-up`, { followUp: b.followUp, note: b.note || undefined }),
      onSuccess: done,
    }),
  };
}
