import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, put } from '../../shared/api/client';

/** Mirrors src/domain/policies/types.ts (PolicyRules): the server validates every number again. */
export type IsolationRole = 'case' | 'close_contact' | 'returning_household' | 'risk_area';
export const ISOLATION_ROLES: IsolationRole[] = ['case', 'close_contact', 'returning_household', 'risk_area'];
export const ISOLATION_KINDS = ['home', 'on_campus', 'site'] as const;
export const CONTACT_VIAS = ['class', 'dorm', 'dining', 'bus', 'arrival', 'household', 'teacher'] as const;

export interface IsolationRule {
  kind: (typeof ISOLATION_KINDS)[number];
  days: number;
  monitoringDays: number;
  testDays: number[];
}

export interface PolicyRules {
  name: { zh: string; en: string };
  isolation: Partial<Record<IsolationRole, IsolationRule>>;
  release: { periodComplete: boolean; allTestsNegative: boolean; symptomFreeDays: number };
  contacts: { via: string[]; lookbackDays: number; status: 'red' | 'yellow'; statusDays: number };
  returnMinDaysFromOnset: number;
  riskAreaTravel: { lockdownStatus: 'red' | 'yellow'; controlledStatus: 'yellow' | 'green'; lookbackDays: number };
  testing: { keyPositionsPerWeek: number };
}

export interface Policy {
  id: number;
  disease: string;
  regionCode: string | null;
  version: number;
  rules: PolicyRules;
}

export interface PolicyVersion {
  id: number;
  regionCode: string | null;
  regionName: string | null;
  version: number;
  note: string;
  createdAt: string;
  createdBy: string | null;
}

export const policyKeys = {
  all: ['policies'] as const,
  list: (region?: string) => ['policies', 'list', region ?? ''] as const,
  one: (disease: string, region?: string) => ['policies', 'one', disease, region ?? ''] as const,
};

/** The policies in force for a region (enabled once the account's region is known). */
export const usePolicy = (disease: string, regionCode: string | undefined, enabled: boolean) =>
  useQuery({ queryKey: policyKeys.one(disease, regionCode), queryFn: () => get<{ current: Policy; versions: PolicyVersion[] }>(`/api/policies/${disease}`, { regionCode }), enabled });
export const usePolicies = (regionCode: string | undefined, enabled: boolean) =>
  useQuery({ queryKey: policyKeys.list(regionCode), queryFn: () => get<{ items: Policy[] }>('/api/policies', { regionCode }).then((r) => r.items), enabled });

export function useSavePolicy(disease: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { regionCode: string; rules: PolicyRules; note: string }) => put<{ id: number; version: number }>(`/api/policies/${disease}`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: policyKeys.all }),
  });
}
