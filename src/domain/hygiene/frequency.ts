/**
 * Required ventilation, disinfection and inspection frequencies per area type, as the longest
 * allowed gap between two records, under normal and emergency footing. The figures follow the
 * usual school guidance (classrooms aired at every break — at least every 4 hours, twice as often
 * under emergency; canteens disinfected after every meal; toilets and dormitories daily, more often
 * in an emergency; a hygiene inspection weekly, daily in an emergency). Data, not code paths: a
 * region can publish its own table in the same shape.
 */
export type AreaType = 'classroom' | 'dormitory' | 'canteen' | 'toilet' | 'library' | 'gym' | 'office' | 'other';
export type HygieneKind = 'ventilation' | 'disinfection' | 'inspection';
export type Footing = 'normal' | 'emergency';

export const AREA_TYPES: readonly AreaType[] = ['classroom', 'dormitory', 'canteen', 'toilet', 'library', 'gym', 'office', 'other'];
export const HYGIENE_KINDS: readonly HygieneKind[] = ['ventilation', 'disinfection', 'inspection'];

type Table = Record<AreaType, Record<HygieneKind, Record<Footing, number | null>>>;

/** Hours between records; null means the kind is not required for the area type. */
export const REQUIRED_INTERVAL_HOURS: Table = {
  classroom: { ventilation: { normal: 4, emergency: 2 }, disinfection: { normal: 24, emergency: 12 }, inspection: { normal: 168, emergency: 24 } },
  dormitory: { ventilation: { normal: 12, emergency: 6 }, disinfection: { normal: 24, emergency: 12 }, inspection: { normal: 168, emergency: 24 } },
  canteen: { ventilation: { normal: 8, emergency: 4 }, disinfection: { normal: 8, emergency: 4 }, inspection: { normal: 168, emergency: 24 } },
  toilet: { ventilation: { normal: 12, emergency: 6 }, disinfection: { normal: 24, emergency: 8 }, inspection: { normal: 168, emergency: 24 } },
  library: { ventilation: { normal: 8, emergency: 4 }, disinfection: { normal: 48, emergency: 24 }, inspection: { normal: 168, emergency: 24 } },
  gym: { ventilation: { normal: 8, emergency: 4 }, disinfection: { normal: 48, emergency: 24 }, inspection: { normal: 168, emergency: 24 } },
  office: { ventilation: { normal: 8, emergency: 4 }, disinfection: { normal: 72, emergency: 24 }, inspection: { normal: 336, emergency: 72 } },
  other: { ventilation: { normal: null, emergency: 8 }, disinfection: { normal: null, emergency: 24 }, inspection: { normal: 336, emergency: 72 } },
};

export interface AreaRecord {
  areaId: number;
  areaType: AreaType;
  /** When the area was set up: an area never logged is overdue one interval after it. */
  since: Date;
  last: Partial<Record<HygieneKind, Date>>;
}

export interface Overdue {
  areaId: number;
  kind: HygieneKind;
  requiredHours: number;
  lastAt: Date | null;
  dueAt: Date;
  overdueHours: number;
}

/** Every (area, kind) whose last record is older than the footing allows at `now`, most overdue first. */
export function overdueAreas(areas: AreaRecord[], footing: Footing, now: Date): Overdue[] {
  const out: Overdue[] = [];
  for (const a of areas) {
    for (const kind of HYGIENE_KINDS) {
      const hours = REQUIRED_INTERVAL_HOURS[a.areaType][kind][footing];
      if (hours === null) continue;
      const last = a.last[kind] ?? null;
      const dueAt = new Date((last ?? a.since).getTime() + hours * 3_600_000);
      if (dueAt < now) out.push({ areaId: a.areaId, kind, requiredHours: hours, lastAt: last, dueAt, overdueHours: Math.round(((now.getTime() - dueAt.getTime()) / 3_600_000) * 10) / 10 });
    }
  }
  return out.sort((x, y) => y.overdueHours - x.overdueHours || x.areaId - y.areaId);
}
