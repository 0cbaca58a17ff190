import type { Locale } from '../../shared/i18n';

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
 * Henan's cities and counties for the trip and residence pickers. The public page has no session,
 * so it cannot ask the authenticated regions API; it reads the same reference file the server loads
 * into `regions` (so every code offered is one the server knows), in a chunk of its own.
 */
export async function loadRegionOptions(locale: Locale): Promise<RegionOption[]> {
  const { divisions } = (await import('../../../../reference/henan-divisions.json')).default as { divisions: Division[] };
  const byParent = new Map<string, Division[]>();
  for (const d of divisions) if (d.parentCode) byParent.set(d.parentCode, [...(byParent.get(d.parentCode) ?? []), d]);
  const build = (d: Division): RegionOption => {
    const kids = byParent.get(d.code) ?? [];
    return { value: d.code, label: locale === 'en' ? d.nameEn || d.name : d.name, ...(kids.length ? { children: kids.map(build) } : {}) };
  };
  const province = divisions.find((d) => d.parentCode === null);
  return province ? (byParent.get(province.code) ?? []).map(build) : [];
}
