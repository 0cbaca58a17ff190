import { useQuery } from '@tanstack/react-query';
import { loadHenanRegions } from '../../shared/henan-regions';
import { useI18n } from '../../shared/i18n';

export type { RegionOption } from '../../shared/henan-regions';

/** Henan's cities and counties, under 河南省, for a travel record (a trip goes anywhere, not only within the scope). */
export function useTravelRegions() {
  const { locale } = useI18n();
  return useQuery({ queryKey: ['risk', 'travel-regions', locale], staleTime: Number.POSITIVE_INFINITY, queryFn: () => loadHenanRegions(locale, { withProvince: true }) });
}
