import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';
import type { Locale } from '../../shared/i18n';

/** What `GET /api/public/screening/:token` returns: the campaign's questions and the household, names masked. */
export interface PublicLink {
  campaign: {
    name: string;
    deadline: string;
    status: 'open' | 'closed' | 'template' | string;
    questions: { travel: boolean; riskAreaResidence: boolean; occupation: boolean; symptoms: boolean; travelFrom?: string; travelTo?: string };
  };
  persons: PublicPerson[];
}

export interface PublicPerson {
  personId: number;
  name: string;
  kind: 'student' | 'staff' | 'co_resident' | string;
  relation: string | null;
  answered: boolean;
}

export interface PublicAnswer {
  personId: number;
  answers: {
    returned: boolean;
    travel: { regionCode: string; place: string; fromDate: string; toDate: string }[];
    riskAreaResidence: boolean;
    residenceRegionCode?: string;
    residencePlace?: string;
    occupation?: string;
    symptoms: string[];
  };
}

// The token is in the path, so no cookie and no CSRF token are involved: the link alone is the parent's authority.
const path = (token: string) => `/api/public/screening/${encodeURIComponent(token)}`;
const key = (token: string, locale: Locale) => ['public-screening', token, locale] as const;

/**
 * Keyed by locale too: the server words its errors (expired, invalid) in the language of the cookie.
 * The previous answer stays on screen while the other language loads, so a half-filled form survives the switch.
 */
export const usePublicLink = (token: string, locale: Locale) =>
  useQuery({ queryKey: key(token, locale), queryFn: () => get<PublicLink>(path(token)), staleTime: Number.POSITIVE_INFINITY, placeholderData: keepPreviousData });

/**
 * The server keeps one answer per campaign and person and replaces it on a retry, so sending again
 * (a double tap, a lost response, a change of mind) never counts the person twice.
 */
export function usePublicAnswer(token: string, locale: Locale) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicAnswer) => post<{ ok: boolean; personId: number; persons: PublicPerson[] }>(path(token), body),
    onSuccess: (r) => qc.setQueryData<PublicLink>(key(token, locale), (old) => (old ? { ...old, persons: r.persons } : old)),
  });
}
