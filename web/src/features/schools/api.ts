import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from '../../shared/api/client';

export interface SchoolSummary {
  id: number;
  code: string;
  name: string;
  type: string;
  boarding: boolean;
  regionCode: string;
  regionName: string;
  studentCount: number;
  classCount: number;
}

export interface ClassSummary {
  id: number;
  name: string;
  gradeId: number;
  gradeName: string;
  studentCount: number;
  teacherName: string | null;
}

export interface SchoolDetail {
  school: {
    id: number;
    code: string;
    name: string;
    type: string;
    boarding: boolean;
    address: string;
    regionCode: string;
    regionName: string;
    lng: number | null;
    lat: number | null;
    hospitalName: string | null;
  };
  grades: { id: number; name: string; entryYear: number }[];
  classes: ClassSummary[];
  dorms: { id: number; building: string; room: string; capacity: number; occupants: number }[];
  counts: { students: number; staff: number; coResidents: number };
  can: { edit: boolean; importRoster: boolean };
}

export interface SchoolQuery {
  regionCode?: string;
  type?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export const schoolKeys = {
  list: (q: SchoolQuery) => ['schools', 'list', q] as const,
  detail: (id: number) => ['schools', 'detail', id] as const,
};

export function useSchools(query: SchoolQuery, enabled = true) {
  return useQuery({
    queryKey: schoolKeys.list(query),
    queryFn: () => get<{ items: SchoolSummary[]; total: number }>('/api/schools', { ...query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSchool(id: number | undefined) {
  return useQuery({
    queryKey: schoolKeys.detail(id ?? 0),
    queryFn: () => get<SchoolDetail>(`/api/schools/${id}`),
    enabled: !!id,
  });
}
