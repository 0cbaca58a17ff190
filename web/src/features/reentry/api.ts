import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export type Proposal =
  | { kind: 'isolation'; role: 'risk_area' | 'returning_household'; isolationKind: 'home' | 'on_campus' | 'site'; startsOn: string; plannedEnd: string; testDates: string[] }
  | { kind: 'tests'; dates: string[] };

export interface ProposalRow {
  source: 'leave' | 'screening';
  sourceRef: string;
  index: number;
  proposal: Proposal;
  personId: number;
  personName: string;
  personKind: string;
  schoolId: number;
  className: string | null;
  raisedOn: string;
  riskAreas: { areaId: number; name: string; level: string }[];
  symptoms: boolean;
  decision: null | { decision: 'ordered' | 'dismissed'; isolationId: number | null; reason: string; decidedBy: string; decidedAt: string };
}

export interface DecideInput {
  source: ProposalRow['source'];
  sourceRef: string;
  index: number;
  decision: 'order' | 'dismiss';
  siteId?: number;
  reason?: string;
}

export const reentryKeys = { all: ['reentry'] as const, list: (status: string) => ['reentry', status] as const };

export const useProposals = (status: 'pending' | 'decided' | 'all') =>
  useQuery({ queryKey: reentryKeys.list(status), queryFn: () => get<{ items: ProposalRow[] }>('/api/reentry/proposals', { status }) });

export const useIsolationSites = (enabled: boolean) =>
  useQuery({ queryKey: ['isolation-sites'], enabled, queryFn: () => get<{ items: { id: number; name: string; capacity: number; occupied?: number }[] }>('/api/isolation-sites') });

export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: DecideInput) => post<{ id: number; decision: string; isolationId: number | null; testDates: string[] }>('/api/reentry/proposals/decide', b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: reentryKeys.all });
      void qc.invalidateQueries({ queryKey: ['isolations'] });
    },
  });
}
