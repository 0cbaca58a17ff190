import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface Campaign {
  id: number;
  regionCode: string;
  name: string;
  population: string[];
  deadline: string;
  status: string;
}

export interface CoverageRow {
  key: string;
  name: string;
  schoolId: number | null;
  population: number;
  answered: number;
  percent: number;
}

export interface Coverage {
  campaign: Campaign;
  level: string;
  items: CoverageRow[];
  total: { population: number; answered: number; percent: number };
}

export interface Summary {
  campaign: Campaign;
  population: number;
  answered: number;
  percent: number;
  returned: number;
  fromRegions: { regionCode: string; name: string; count: number }[];
  riskArea: number;
  symptoms: number;
  highRiskOccupations: number;
  withProposals: number;
}

export const useCampaigns = () => useQuery({ queryKey: ['screening', 'list'], queryFn: () => get<{ items: Campaign[] }>('/api/screening/campaigns') });
export const useSummary = (id: number) => useQuery({ queryKey: ['screening', 'summary', id], queryFn: () => get<Summary>(`/api/screening/campaigns/${id}/summary`) });
export const useCoverage = (id: number, level: string, schoolId?: number) =>
  useQuery({ queryKey: ['screening', 'coverage', id, level, schoolId ?? null], queryFn: () => get<Coverage>(`/api/screening/campaigns/${id}/coverage`, { level, schoolId }) });

export interface ClassLink {
  personId: number;
  name: string;
  answered: boolean;
  token: string;
  /** The web app's path of the parent's page, as the server signs it (`/s/<token>`). */
  path: string;
}

export interface NewCampaign {
  regionCode: string;
  name: string;
  population: string[];
  questions: { travel: boolean; riskAreaResidence: boolean; occupation: boolean; symptoms: boolean; travelFrom?: string; travelTo?: string };
  deadline: string;
}

export const useClassLinks = (id: number, classId: number | undefined) =>
  useQuery({ queryKey: ['screening', 'links', id, classId], queryFn: () => get<{ items: ClassLink[] }>(`/api/screening/campaigns/${id}/links`, { classId }), enabled: classId != null });

export function useCreateCampaign() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (b: NewCampaign) => post<{ id: number }>('/api/screening/campaigns', b), onSuccess: () => void qc.invalidateQueries({ queryKey: ['screening', 'list'] }) });
}
