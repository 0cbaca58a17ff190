import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, put } from '../../shared/api/client';

export type UnitType = 'region' | 'school' | 'grade' | 'class' | 'student';

export interface CoverageLevel {
  unitType: UnitType;
  total: number;
  covered: number;
  missing: { unitKey: string; name: string; schoolId: number | null }[];
}

/** An active account inside the caller's scope that may be made responsible for a unit. */
export interface GridCandidate {
  id: number;
  username: string;
  displayName: string;
  role: string;
}

export const gridKeys = {
  coverage: ['grid', 'coverage'] as const,
  candidates: (q: string) => ['grid', 'candidates', q] as const,
};

export function useGridCoverage(enabled = true) {
  return useQuery({
    queryKey: gridKeys.coverage,
    queryFn: () => get<{ levels: CoverageLevel[] }>('/api/grid/coverage').then((r) => r.levels),
    enabled,
  });
}

/** Who can be made responsible (needs grid.manage); `q` matches username or display name on the server. */
export function useGridCandidates(q: string, enabled = true) {
  return useQuery({
    queryKey: gridKeys.candidates(q),
    queryFn: () => get<{ items: GridCandidate[] }>('/api/grid/candidates', q ? { q } : {}).then((r) => r.items),
    placeholderData: keepPreviousData,
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
