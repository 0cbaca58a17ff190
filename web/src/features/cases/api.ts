import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface CaseRow {
  id: number;
  personId: number;
  personName: string;
  personKind: string;
  schoolId: number;
  schoolName: string;
  className: string | null;
  disease: string;
  status: string;
  onsetDate: string | null;
  foundBy: string;
  outbreakId: number | null;
  note: string;
  createdAt: string;
}

export interface ContactRow {
  id: number;
  caseId: number;
  personId: number;
  personName: string;
  personKind: string;
  className: string | null;
  via: string[];
  exposureFrom: string;
  exposureTo: string;
  status: string;
  note: string;
  riskStatus: string;
  isolationId: number | null;
}

/** `created` and `skipped` are counts; `skippedPersons` says who was left out and why; `outOfScope` counts contacts outside the caller's scope (never named). */
export interface IsolateContactsResult {
  created: number;
  skipped: number;
  isolationIds: number[];
  skippedPersons?: { personId: number; personName: string; isolationId: number; reason: 'already_isolated' | 'overlapping_isolation' }[];
  outOfScope?: number;
}

export interface Site {
  id: number;
  name: string;
  capacity: number;
}

export const caseKeys = { all: ['cases'] as const, list: ['cases', 'list'] as const, one: (id: number) => ['cases', 'one', id] as const, contacts: (id: number) => ['cases', 'contacts', id] as const };

export const useCases = () => useQuery({ queryKey: caseKeys.list, queryFn: () => get<{ items: CaseRow[]; can: { manage: boolean } }>('/api/cases') });
export const useCase = (id: number) => useQuery({ queryKey: caseKeys.one(id), queryFn: () => get<CaseRow>(`/api/cases/${id}`) });
/** `withheld`: contacts of the case outside the caller's scope, left out of `items` and only counted. */
export const useContacts = (id: number) => useQuery({ queryKey: caseKeys.contacts(id), queryFn: () => get<{ items: ContactRow[]; withheld?: number }>(`/api/cases/${id}/contacts`) });
export const useSites = (enabled: boolean) => useQuery({ queryKey: ['isolation-sites'], queryFn: () => get<{ items: Site[] }>('/api/isolation-sites'), enabled });

export function useCaseMutations(id: number) {
  const qc = useQueryClient();
  const done = () => {
    void qc.invalidateQueries({ queryKey: caseKeys.all });
    void qc.invalidateQueries({ queryKey: ['isolations'] });
  };
  return {
    propose: useMutation({ mutationFn: () => post<{ items: ContactRow[]; proposed?: number }>(`/api/cases/${id}/contacts/propose`), onSuccess: done }),
    decideOne: useMutation({ mutationFn: ({ contactId, decision }: { contactId: number; decision: 'confirmed' | 'dismissed' }) => post<{ updated: number }>(`/api/contacts/${contactId}/decision`, { decision }), onSuccess: done }),
    decideMany: useMutation({ mutationFn: (b: { contactIds: number[]; decision: 'confirmed' | 'dismissed' }) => post<{ updated: number }>(`/api/cases/${id}/contacts/decide`, b), onSuccess: done }),
    isolate: useMutation({
      mutationFn: (b: { kind?: string; siteId?: number; startsOn: string; logistics?: string }) => post<IsolateContactsResult>(`/api/cases/${id}/isolations`, b),
      onSuccess: done,
    }),
  };
}
