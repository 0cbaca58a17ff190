// Who hears about an alert. From the grid (网格化管理): class → the class teacher, school → the principal
// (school responsible), region → the bureau officer responsible for it; plus every school doctor of the
// school and the liaison accounts of the school's paired hospital. Bureau levels join as the alert
// escalates: a region unit starts at county level, a school unit at school level.
export type EscalationLevel = 'school' | 'county' | 'city' | 'province';
export const ESCALATION_ORDER: EscalationLevel[] = ['school', 'county', 'city', 'province'];

export interface AlertPlace {
  unitKind: 'class' | 'dorm' | 'school' | 'region';
  schoolId: number | null;
  classId: number | null;
  /** The alert's region codes by level (the county of the school, its city, its province). */
  regions: Partial<Record<'county' | 'city' | 'province', string>>;
  escalation: EscalationLevel;
}

export interface Candidate {
  accountId: number;
  role: string;
  schoolId: number | null;
  classId: number | null;
  regionCode: string | null;
  /** The school ids this account reaches through its hospital's pairing (liaisons only). */
  pairedSchoolIds?: number[];
  /** Grid units this account answers for, as "type:key". */
  grid: string[];
  /** The role may read alerts at all (a gate guard named in the grid may not). */
  mayRead: boolean;
}

export type Reason = 'class_teacher' | 'principal' | 'school_doctor' | 'hospital_liaison' | 'bureau_officer';

const levelIndex = (l: EscalationLevel) => ESCALATION_ORDER.indexOf(l);

/** Account ids to notify, each with why; an account appears once. Accounts outside the unit never do. */
export function alertRecipients(place: AlertPlace, candidates: Candidate[]): Map<number, Reason> {
  const out = new Map<number, Reason>();
  const add = (id: number, r: Reason) => {
    if (!out.has(id)) out.set(id, r);
  };
  for (const c of candidates) {
    if (!c.mayRead) continue;
    if (place.schoolId != null) {
      if (place.classId != null && c.grid.includes(`class:${place.classId}`) && c.role === 'class_teacher' && c.classId === place.classId) add(c.accountId, 'class_teacher');
      if (c.grid.includes(`school:${place.schoolId}`) && c.schoolId === place.schoolId) add(c.accountId, 'principal');
      if (c.role === 'school_doctor' && c.schoolId === place.schoolId) add(c.accountId, 'school_doctor');
      if (c.role === 'hospital_liaison' && c.pairedSchoolIds?.includes(place.schoolId)) add(c.accountId, 'hospital_liaison');
    }
    for (const level of ['county', 'city', 'province'] as const) {
      const code = place.regions[level];
      if (!code || levelIndex(level) > levelIndex(place.escalation)) continue;
      if (c.grid.includes(`region:${code}`) && c.regionCode === code) add(c.accountId, 'bureau_officer');
    }
  }
  return out;
}

/** The bureau level an unacknowledged alert moves to: school → county → city, then it stays. */
export function nextEscalation(level: EscalationLevel): EscalationLevel | null {
  if (level === 'school') return 'county';
  if (level === 'county') return 'city';
  return null;
}
