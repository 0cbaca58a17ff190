import { useQuery } from '@tanstack/react-query';
import { get } from '../../shared/api/client';

export interface Figures {
  schools: number;
  enrolled: number;
  classesExpected: number;
  classesReported: number;
  classesOnTime: number;
  expected: number;
  present: number;
  absentIll: number;
  absentOther: number;
  symptomatic: number;
  illnessRate: number | null;
  completeness: number | null;
  timeliness: number | null;
}

export interface RegionDashboard {
  region: { code: string; name: string; level: string };
  date: string;
  session: string;
  today: (Figures & { date: string }) | null;
  trend: Array<Figures & { date: string }>;
  children: Array<Figures & { code: string; name: string; level: string }>;
  schools: Array<Figures & { schoolId: number; name: string; regionCode: string }>;
}

export interface SchoolDashboard {
  school: { id: number; name: string };
  date: string;
  sessions: Array<{ session: string; deadline: string; deadlinePassed: boolean; figures: Figures | null; staffReported: boolean; classesNotReported: Array<{ classId: number; name: string }> }>;
  openEpisodes: Array<{ id: number; personId: number; name: string; openedOn: string; causeKnown: boolean; expectedReturn: string | null }>;
  returnsDue: Array<{ id: number; personId: number; name: string; openedOn: string; causeKnown: boolean; expectedReturn: string | null }>;
}

export const useRegionDashboard = (q: { regionCode?: string; date?: string; sort: 'illnessRate' | 'completeness' }) =>
  useQuery({ queryKey: ['dashboards', 'region', q], queryFn: () => get<RegionDashboard>('/api/dashboards/region', { regionCode: q.regionCode, date: q.date, sort: q.sort }) });

export const useSchoolDashboard = (schoolId: number, date?: string) =>
  useQuery({ queryKey: ['dashboards', 'school', schoolId, date], queryFn: () => get<SchoolDashboard>(`/api/dashboards/schools/${schoolId}`, { date }) });

export const percent = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
