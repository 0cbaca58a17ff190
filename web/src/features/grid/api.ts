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

/** A grid unit as the server names it. */
export interface GridUnit {
  unitType: UnitType;
  unitKey: string;
}

export const gridKeys = {
  coverage: ['grid', 'coverage'] as const,
  candidates: (q: string, unit?: GridUnit) => ['grid', 'candidates', q, unit?.unitType ?? null, unit?.unitKey ?? null] as const,
};

export function useGridCoverage(enabled = true) {
  return useQuery({
    queryKey: gridKeys.coverage,
    queryFn: () => get<{ levels: CoverageLevel[] }>('/api/grid/coverage').then((r) => r.levels),
    enabled,
  });
}

/**
 * Who can be made responsible (needs grid.manage); `q` matches username or display name on the server.
 * With a unit, only the accounts the server would accept for that unit.
 */
export function useGridCandidates(q: string, unit?: GridUnit, enabled = true) {
  return useQuery({
    queryKey: gridKeys.candidates(q, unit),
    queryFn: () => get<{ items: GridCandidate[] }>('/api/grid/candidates', { ...(q ? { q } : {}), ...(unit ? { unitType: unit.unitType, unitKey: unit.unitKey } : {}) }).then((r) => r.items),
    // While a new search loads, the last list stays; never another unit's list.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey.slice(3).join() === gridKeys.candidates(q, unit).slice(3).join() ? keepPreviousData(previous) : undefined),
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
