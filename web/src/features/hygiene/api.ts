import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface Area {
  id: number;
  name: string;
  areaType: string;
  lastVentilation: string | null;
  lastDisinfection: string | null;
  lastInspection: string | null;
}

export interface OverdueItem {
  areaId: number;
  areaName: string;
  areaType: string;
  kind: 'ventilation' | 'disinfection' | 'inspection';
  requiredHours: number;
  lastAt: string | null;
  dueAt: string;
  overdueHours: number;
}

export const hygieneKeys = { all: ['hygiene'] as const, areas: (s: number) => ['hygiene', 'areas', s] as const, overdue: (s: number) => ['hygiene', 'overdue', s] as const };

export const useAreas = (schoolId?: number) => useQuery({ queryKey: hygieneKeys.areas(schoolId ?? 0), queryFn: () => get<{ items: Area[] }>('/api/hygiene/areas', { schoolId }), enabled: !!schoolId });
export const useOverdue = (schoolId?: number) => useQuery({ queryKey: hygieneKeys.overdue(schoolId ?? 0), queryFn: () => get<{ footing: string; items: OverdueItem[] }>('/api/hygiene/overdue', { schoolId }), enabled: !!schoolId });

export function useHygieneMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: hygieneKeys.all });
  return {
    area: useMutation({ mutationFn: (b: { schoolId: number; name: string; areaType: string }) => post<{ id: number }>('/api/hygiene/areas', b), onSuccess: done }),
    log: useMutation({
      mutationFn: (b: { areaId: number; kind: string; method: string; agent?: string; doneBy: string; result?: string; idempotencyKey: string }) => post<{ id: number; duplicate: boolean }>('/api/hygiene/logs', b),
      onSuccess: done,
    }),
  };
}
