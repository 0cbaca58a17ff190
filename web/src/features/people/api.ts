import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { download, get, post } from '../../shared/api/client';

export interface PersonRow {
  id: number;
  kind: 'student' | 'staff' | 'co_resident' | string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  schoolId: number;
  schoolName: string;
  classId: number | null;
  className: string | null;
  studentNumber: string | null;
  staffRole: string | null;
  keyPosition: string | null;
  householdOf: number | null;
  relation: string | null;
  occupation: string | null;
  highRiskOccupation: boolean;
  dormLabel: string | null;
}

export interface PersonList {
  items: PersonRow[];
  total: number;
  can: { create: boolean; export: boolean; unmask: boolean };
}

export interface PersonFileSection {
  key: string;
  title: { zh: string; en: string };
  items: unknown[];
}

export interface PersonFile {
  person: PersonRow;
  /** Absent, like any section, when the account's permissions do not open it (the gate guard). */
  guardians?: { id: number; name: string; relation: string; phoneMasked: string | null }[];
  household?: PersonRow[];
  /** Only the sections the account may read. */
  sections: PersonFileSection[];
  can: { edit: boolean; unmask: boolean };
}

export interface PeopleQuery {
  schoolId?: number;
  classId?: number;
  kind?: string;
  keyPosition?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export const peopleKeys = {
  list: (q: PeopleQuery) => ['people', 'list', q] as const,
  file: (id: number) => ['people', 'file', id] as const,
};

export function usePeople(query: PeopleQuery, enabled = true) {
  return useQuery({
    queryKey: peopleKeys.list(query),
    queryFn: () => get<PersonList>('/api/people', { ...query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePersonFile(id: number) {
  return useQuery({ queryKey: peopleKeys.file(id), queryFn: () => get<PersonFile>(`/api/people/${id}`), enabled: id > 0 });
}

/** What can be shown in full: the person's own ID number or phone, or one guardian's phone. */
export type UnmaskField = 'idNumber' | 'phone' | 'guardianPhone';

/** Shows one identifier in full; the server checks the permission and writes an audit row. */
export function useUnmask(personId: number) {
  return useMutation({
    mutationFn: ({ field, guardianId }: { field: UnmaskField; guardianId?: number }) =>
      post<{ value: string | null }>(`/api/people/${personId}/unmask`, field === 'guardianPhone' ? { field, guardianId } : { field }),
  });
}

export function exportPeople(query: PeopleQuery) {
  const { limit: _limit, offset: _offset, ...filter } = query;
  return download('/api/people/export', { ...filter }, 'people.xlsx');
}
