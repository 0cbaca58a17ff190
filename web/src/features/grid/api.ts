import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, put } from '../../shared/api/client';

export type UnitType = 'region' | 'school' | 'grade' | 'class' | 'student';

export interface CoverageLevel {
  unitType: UnitType;
  total: number;
  covered: number;
  missing: { unitKey: string; name: string; schoolId: number | null }[];
}

export const gridKeys = {
  coverage: ['grid', 'coverage'] as const,
};

export function useGridCoverage(enabled = true) {
  return useQuery({
    queryKey: gridKeys.coverage,
    queryFn: () => get<{ levels: CoverageLevel[] }>('/api/grid/coverage').then((r) => r.levels),
    enabled,
  });
}

export function useAssignGrid() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { unitType: UnitType; unitKey: string; accountId: number }) => put<{ id: number }>('/api/grid', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['grid'] }),
  });
}
