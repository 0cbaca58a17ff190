import { useQuery } from '@tanstack/react-query';
import { get } from '../../shared/api/client';

export interface RegionNode {
  code: string;
  parentCode: string | null;
  level: 'province' | 'city' | 'county' | string;
  name: string;
  nameEn: string;
  schoolCount: number;
  lng: number | null;
  lat: number | null;
}

export const regionKeys = {
  all: ['regions'] as const,
};

/** The regions the account may see (its own and everything below), with school counts. */
export function useRegions() {
  return useQuery({
    queryKey: regionKeys.all,
    queryFn: () => get<{ items: RegionNode[] }>('/api/regions').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}
