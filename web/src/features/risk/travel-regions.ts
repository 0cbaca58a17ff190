import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../shared/i18n';

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
 * Henan's cities and counties for a travel record. A trip goes anywhere, not only within the
 * account's scope (which is all /api/regions lists), so the picker reads the reference file the
 * server loads into `regions`, in a chunk of its own.
 */
export function useTravelRegions() {
  const { locale } = useI18n();
  return useQuery({
    queryKey: ['risk', 'travel-regions', locale],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const { divisions } = (await import('../../../../reference/henan-divisions.json')).default as { divisions: Division[] };
      const byParent = new Map<string, Division[]>();
      for (const d of divisions) if (d.parentCode) byParent.set(d.parentCode, [...(byParent.get(d.parentCode) ?? []), d]);
      const build = (d: Division): RegionOption => {
        const kids = byParent.get(d.code) ?? [];
        return { value: d.code, label: locale === 'en' ? d.nameEn || d.name : d.name, ...(kids.length ? { children: kids.map(build) } : {}) };
      };
      const province = divisions.find((d) => d.parentCode === null);
      return province ? [build(province)] : [];
    },
  });
}
