import type { Locale } from './i18n';

interface Division {
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
}

export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

/**
 * Henan's cities and counties as a cascader tree, for pickers of places anywhere in the province (a trip,
 * a residence). Such a place need not be in the account's scope (all /api/regions lists), and the public
 * screening page has no session at all, so this reads the reference file the server loads into
 * `regions` (every code offered is one the server knows), in a chunk of its own. `withProvince` puts
 * 河南省 itself at the root; otherwise the cities are the first level.
 */
export async function loadHenanRegions(locale: Locale, o: { withProvince: boolean }): Promise<RegionOption[]> {
  const { divisions } = (await import('../../../reference/henan-divisions.json')).default as { divisions: Division[] };
  const byParent = new Map<string, Division[]>();
  for (const d of divisions) if (d.parentCode) byParent.set(d.parentCode, [...(byParent.get(d.parentCode) ?? []), d]);
  const build = (d: Division): RegionOption => {
    const kids = byParent.get(d.code) ?? [];
    return { value: d.code, label: locale === 'en' ? d.nameEn || d.name : d.name, ...(kids.length ? { children: kids.map(build) } : {}) };
  };
  const province = divisions.find((d) => d.parentCode === null);
  if (!province) return [];
  return o.withProvince ? [build(province)] : (byParent.get(province.code) ?? []).map(build);
}
