import { useQuery } from '@tanstack/react-query';
import { get } from '../../shared/api/client';

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
