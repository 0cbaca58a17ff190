import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, post } from '../../shared/api/client';

export interface Finding {
  id: number; schoolId: number; schoolName: string; source: string; inspectionId: number | null; itemKey: string | null; title: string; severity: string; ownerAccountId: number; ownerName: string;
  deadline: string; requiredEvidence: string; status: string; overdue: boolean; escalationLevel: number; escalatedToName: string | null; reopenCount: number; evidenceCount: number;
}
export interface FindingDetail {
  finding: Finding; description: string;
  evidence: { id: number; fileName: string; contentType: string; size: number; note: string; uploadedBy: string | null; uploadedAt: string }[];
  events: { kind: string; accountName: string | null; note: string; at: string }[];
  can: { uploadEvidence: boolean; recheck: boolean };
}

export const useFindings = (q: Record<string, string | undefined>) => useQuery({ queryKey: ['findings', q], queryFn: () => get<{ items: Finding[] }>('/api/findings', q) });
export const useFinding = (id: number) => useQuery({ queryKey: ['findings', 'one', id], queryFn: () => get<FindingDetail>(`/api/findings/${id}`) });

export function useFindingMutations(id: number) {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ['findings'] });
  return {
    upload: useMutation({
      mutationFn: (b: { file: File; note?: string }) => api<{ id: number; duplicate: boolean }>(`/api/findings/${id}/evidence`, { method: 'POST', body: b.file, query: { fileName: b.file.name.slice(0, 120), note: b.note || undefined } }),
      onSuccess: done,
    }),
    recheck: useMutation({ mutationFn: (b: { outcome: 'close' | 'reopen'; note: string }) => post(`/api/findings/${id}/recheck`, b), onSuccess: done }),
  };
}
