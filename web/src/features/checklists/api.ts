import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

// The item shape and the live figures come from the domain itself (pure, no I/O), so the editor offers
// exactly what the server accepts; the server checks keys, weights and live figures again.
import { type ChecklistItem, LIVE_FIGURES } from '../../../../src/domain/checklists/items';

export type { ChecklistItem };
export { LIVE_FIGURES };

export interface ChecklistSummary {
  id: number;
  key: string;
  name: string;
  regionCode: string | null;
  latestVersionId: number;
  latestVersion: number;
  itemCount: number;
  updatedAt: string;
}

export interface ChecklistVersion {
  id: number;
  templateId: number;
  templateKey: string;
  name: string;
  version: number;
  note: string;
  items: ChecklistItem[];
}

export const checklistKeys = { all: ['checklists'] as const, list: ['checklists', 'list'] as const, version: (id: number) => ['checklists', 'version', id] as const };

export const useChecklists = () => useQuery({ queryKey: checklistKeys.list, queryFn: () => get<{ items: ChecklistSummary[] }>('/api/checklists').then((r) => r.items) });
export const useChecklistVersion = (id: number) => useQuery({ queryKey: checklistKeys.version(id), queryFn: () => get<ChecklistVersion>(`/api/checklists/versions/${id}`), enabled: id > 0 });

export function useChecklistMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: checklistKeys.all });
  return {
    create: useMutation({ mutationFn: (b: { key: string; name: string; regionCode?: string; items: ChecklistItem[] }) => post<{ id: number; versionId: number; version: number }>('/api/checklists', b), onSuccess: done }),
    publish: useMutation({ mutationFn: (b: { id: number; items: ChecklistItem[]; note: string }) => post<{ id: number; versionId: number; version: number }>(`/api/checklists/${b.id}/versions`, { items: b.items, note: b.note }), onSuccess: done }),
  };
}
