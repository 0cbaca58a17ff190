import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface DrawSummary {
  id: number; publicId: string; regionCode: string; regionName: string; kind: string; period: string; attempt: number; drawDate: string; count: number; eligible: number;
  status: string; commitment: string; inputHash: string; reason: string | null; createdAt: string; revealedAt: string | null; selected: { schoolId: number; schoolName: string; rank: number }[];
}
export interface DrawDetail {
  draw: DrawSummary; seed: string | null; seedSource: string;
  explanations: { rank: number; schoolId: number; schoolName: string; weight: number; probability: number; explanation: string }[];
  samePeriod: { id: number; attempt: number; status: string; reason: string | null }[];
  can: { perform: boolean };
}

export const useDraws = () => useQuery({ queryKey: ['draws'], queryFn: () => get<{ items: DrawSummary[] }>('/api/draws') });
export const useDraw = (id?: number) => useQuery({ queryKey: ['draws', id], queryFn: () => get<DrawDetail>(`/api/draws/${id}`), enabled: !!id });

export function useDrawMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ['draws'] });
  return {
    create: useMutation({ mutationFn: (b: { regionCode: string; kind: string; count: number; reason?: string; commitment?: string }) => post<{ id: number; publicId: string }>('/api/draws', b), onSuccess: done }),
    perform: useMutation({ mutationFn: (b: { id: number; seed?: string }) => post<{ id: number }>(`/api/draws/${b.id}/perform`, b.seed ? { seed: b.seed } : {}), onSuccess: done }),
  };
}
