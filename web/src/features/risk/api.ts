import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export type RiskColour = 'green' | 'yellow' | 'red';

/** Why a person has a colour (src/domain/risk/rules.ts RiskReason); `ref` is a case id, a date, an isolation kind or an area name. */
export interface RiskReason {
  code: string;
  status: RiskColour;
  ref?: number | string;
  reason?: string;
}

export interface RiskRow {
  personId: number;
  name: string;
  kind: string;
  schoolId: number;
  className: string | null;
  status: RiskColour;
  computedStatus: RiskColour;
  reasons: RiskReason[];
  overridden: boolean;
  updatedAt: string;
}

export interface PersonRisk {
  personId: number;
  status: RiskColour;
  computedStatus: RiskColour;
  reasons: RiskReason[];
  override: { reason: string; by: number | null } | null;
  history: { status: RiskColour; previous: RiskColour | null; reasons: RiskReason[]; manual: boolean; reason: string | null; at: string; by: string | null }[];
}

export interface RiskArea {
  id: number;
  regionCode: string;
  regionName: string;
  name: string;
  level: 'lockdown' | 'controlled';
  startsOn: string;
  endsOn: string | null;
}

export const riskKeys = {
  all: ['risk'] as const,
  list: (q: object) => ['risk', 'list', q] as const,
  areas: ['risk', 'areas'] as const,
  person: (id: number) => ['risk', 'person', id] as const,
};

export const useRiskList = (q: { status?: 'yellow' | 'red'; schoolId?: number }) =>
  useQuery({ queryKey: riskKeys.list(q), queryFn: () => get<{ items: RiskRow[] }>('/api/risk', q).then((r) => r.items) });
export const useRiskAreas = () => useQuery({ queryKey: riskKeys.areas, queryFn: () => get<{ items: RiskArea[] }>('/api/risk-areas').then((r) => r.items) });
export const usePersonRisk = (personId: number) => useQuery({ queryKey: riskKeys.person(personId), queryFn: () => get<PersonRisk>(`/api/people/${personId}/risk`) });

export interface AreaBody { regionCode: string; name: string; level: 'lockdown' | 'controlled'; startsOn: string; endsOn?: string }
export interface TravelBody { regionCode: string; place: string; fromDate: string; toDate: string; residence?: boolean }

/** Every write changes someone's colour, so each one refreshes all risk views and the person file (travel history). */
export function useRiskMutations() {
  const qc = useQueryClient();
  const done = () => {
    void qc.invalidateQueries({ queryKey: riskKeys.all });
    void qc.invalidateQueries({ queryKey: ['people', 'file'] });
  };
  return {
    declare: useMutation({ mutationFn: (b: AreaBody) => post<{ id: number; changed: number }>('/api/risk-areas', b), onSuccess: done }),
    end: useMutation({ mutationFn: (b: { id: number; endsOn: string }) => post(`/api/risk-areas/${b.id}/end`, { endsOn: b.endsOn }), onSuccess: done }),
    recompute: useMutation({ mutationFn: (b: { regionCode?: string; schoolId?: number }) => post<{ evaluated: number; changed: number }>('/api/risk/recompute', b), onSuccess: done }),
    travel: useMutation({ mutationFn: (b: TravelBody & { personId: number }) => { const { personId, ...body } = b; return post<{ id: number; status: RiskColour | null }>(`/api/people/${personId}/travel`, body); }, onSuccess: done }),
    override: useMutation({ mutationFn: (b: { personId: number; status: RiskColour; reason: string }) => post(`/api/people/${b.personId}/risk/override`, { status: b.status, reason: b.reason }), onSuccess: done }),
    clear: useMutation({ mutationFn: (b: { personId: number; reason: string }) => post(`/api/people/${b.personId}/risk/clear-override`, { reason: b.reason }), onSuccess: done }),
  };
}
