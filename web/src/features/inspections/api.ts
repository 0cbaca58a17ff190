import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, put } from '../../shared/api/client';

export interface InspectionSummary {
  id: number; schoolId: number; schoolName: string; regionCode: string | null; level: string; method: string; unannounced: boolean; status: string; scheduledOn: string; score: number | null; drawId: number | null;
  inspectors: { id: number; name: string }[];
}
type Text2 = { 'zh-CN': string; en: string };
export interface Item { key: string; section: string; title: Text2; evidence: Text2; weight: number; answer: { result: string; note: string } | null; liveFigure: { value: string; ok: boolean | null; detail: string; available: boolean } | null }
export interface InspectionDetail { inspection: InspectionSummary; summary: string; checklist: { versionId: number; name: string; version: number }; items: (Item & { photoIds: number[] })[]; findings: { id: number; title: string; status: string; deadline: string; ownerName: string }[]; can: { work: boolean } }
export interface FindingDraft { itemKey?: string; title: string; deadline: string; requiredEvidence: string; severity?: string; description?: string }

export const useInspections = (q: Record<string, string | undefined>) => useQuery({ queryKey: ['inspections', q], queryFn: () => get<{ items: InspectionSummary[]; can: { create: boolean; planBureauInspections: boolean } }>('/api/inspections', q) });
export const useInspection = (id: number) => useQuery({ queryKey: ['inspections', 'one', id], queryFn: () => get<InspectionDetail>(`/api/inspections/${id}`) });

export function useInspectionMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ['inspections'] });
  return {
    create: useMutation({ mutationFn: (b: { schoolId: number; level: string; method: string; scheduledOn: string; inspectorIds: number[] }) => post<{ id: number }>('/api/inspections', b), onSuccess: done }),
    answers: useMutation({ mutationFn: (b: { id: number; answers: { itemKey: string; result: string; note?: string }[] }) => put(`/api/inspections/${b.id}/answers`, { answers: b.answers }), onSuccess: done }),
    complete: useMutation({ mutationFn: (b: { id: number; summary: string; findings: FindingDraft[] }) => post<{ score: number | null; findingIds: number[] }>(`/api/inspections/${b.id}/complete`, { summary: b.summary, findings: b.findings }), onSuccess: done }),
  };
}

export interface SelfReport { id: number; schoolName: string; dueAt: string; status: string; overdue: boolean; riskLevel: string | null; submittedAt: string | null }
export const useSelfReports = (q: Record<string, string | undefined>) => useQuery({ queryKey: ['self-reports', q], queryFn: () => get<{ items: SelfReport[] }>('/api/self-reports', q) });
export const useSelfReport = (id: number) => useQuery({ queryKey: ['self-reports', 'one', id], queryFn: () => get<{ report: SelfReport; riskAssessment: string | null; reviewNote: string | null; items: Item[]; findings: { id: number; title: string; status: string }[]; can: { submit: boolean; review: boolean } }>(`/api/self-reports/${id}`) });
export function useSelfReportMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ['self-reports'] });
  return {
    submit: useMutation({ mutationFn: (b: { id: number; answers: { itemKey: string; result: string; note?: string }[]; riskLevel: string; riskAssessment: string; submitKey: string }) => put(`/api/self-reports/${b.id}`, { answers: b.answers, riskLevel: b.riskLevel, riskAssessment: b.riskAssessment, submitKey: b.submitKey }), onSuccess: done }),
    review: useMutation({ mutationFn: (b: { id: number; note: string; findings: FindingDraft[] }) => post(`/api/self-reports/${b.id}/review`, { note: b.note, findings: b.findings }), onSuccess: done }),
  };
}
