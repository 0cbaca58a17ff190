import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, put } from '../../shared/api/client';

export type FootingMode = 'normal' | 'emergency';
export type Session = 'morning' | 'noon' | 'evening';

export interface Adjustments {
  checkSessions: Session[];
  testsPerWeek: number;
  gateRules: string[];
  reportingDeadlineHours: number;
}

/** A region's `effective`: the settings of the nearest region that has any. */
export interface RegionSettings {
  regionCode: string | null;
  autoSwitch: boolean;
  adjustments: Adjustments;
  campaignTemplateId: number | null;
}

/** A school's `effective`: the strictest footing above or at the school, and what it tightens. */
export interface SchoolEffective {
  mode: FootingMode;
  source: { scopeType: string; scopeKey: string } | null;
  adjustments: Adjustments | null;
}

export interface Proposal {
  id: number;
  mode: FootingMode;
  trigger: string;
  reason: string;
  at: string;
}

export interface HistoryEntry extends Proposal {
  status: 'in_force' | 'superseded' | 'dismissed';
  by: string | null;
}

export interface FootingView {
  scopeType: 'region' | 'school';
  scopeKey: string;
  mode: FootingMode;
  effective: RegionSettings | SchoolEffective;
  proposals: Proposal[];
  history: HistoryEntry[];
}

export type FootingTarget = { regionCode: string } | { schoolId: number };

export const footingKeys = {
  all: ['footing'] as const,
  one: (t: FootingTarget) => ['footing', t] as const,
};

export const fetchFooting = (t: FootingTarget) => get<FootingView>('/api/footing', t);
export const useFooting = (t: FootingTarget | null) => useQuery({ queryKey: footingKeys.one(t ?? { regionCode: '' }), queryFn: () => fetchFooting(t!), enabled: !!t });

export function useFootingMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: footingKeys.all });
  return {
    switch: useMutation({ mutationFn: (b: FootingTarget & { mode: FootingMode; reason: string }) => post<{ id: number; campaignId: number | null }>('/api/footing/switch', b), onSuccess: done }),
    decide: useMutation({ mutationFn: (b: { id: number; accept: boolean; reason: string }) => post<{ id: number; campaignId: number | null }>(`/api/footing/proposals/${b.id}/decide`, { accept: b.accept, reason: b.reason }), onSuccess: done }),
    settings: useMutation({
      mutationFn: (b: { code: string; autoSwitch: boolean; emergencyAdjustments: Adjustments; campaignTemplateId: number | null }) =>
        put<{ ok: true }>(`/api/footing/settings/${b.code}`, { autoSwitch: b.autoSwitch, emergencyAdjustments: b.emergencyAdjustments, campaignTemplateId: b.campaignTemplateId }),
      onSuccess: done,
    }),
  };
}
