import { useMe } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { useRegions } from '../regions/api';

/**
 * The region whose policies the account works under: a bureau's own region; for school staff the
 * county of their school (the regions API lists a school account's ancestors), so a province's or
 * city's edits show instead of the national defaults.
 */
export function usePolicyRegion() {
  const me = useMe();
  const { locale } = useI18n();
  const regions = useRegions();
  const items = regions.data ?? [];
  const own = me.account.scope.regionCode ?? items.find((r) => r.level === 'county')?.code;
  const byCode = new Map(items.map((r) => [r.code, locale === 'en' ? r.nameEn || r.name : r.name]));
  return {
    own,
    /** False until a school account's county is known (null scope region otherwise means national). */
    ready: !!me.account.scope.regionCode || !regions.isPending,
    options: items.map((r) => ({ value: r.code, label: `${byCode.get(r.code)}（${r.code}）` })),
    name: (code: string | null | undefined) => (code ? (byCode.get(code) ?? code) : null),
    /** Only a bureau, for a province or a city, may edit (the server refuses a county with policy.region_level). */
    editable: (code: string | undefined) => me.account.scope.kind === 'region' && !!code && ['province', 'city'].includes(items.find((r) => r.code === code)?.level ?? ''),
  };
}
