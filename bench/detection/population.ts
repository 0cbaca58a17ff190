// A synthetic county: schools of three kinds with grades, classes and (for boarding schools) dorms,
// sized after the Henan statistics in reference/henan-education-stats.json.
import { defaultCalendar, type IsoDate, isSchoolDay, toDayNumber, fromDayNumber, isoWeekday } from '../../src/domain/calendar';
import { gamma, type Random, randInt } from '../../src/domain/random/prng';

export type SchoolKind = 'kindergarten' | 'primary' | 'middle';

export interface County {
  schools: number;
  kind: SchoolKind[];
  boarding: boolean[];
  /** Per-school multiplier of baseline illness (over-dispersion between schools). */
  schoolFactor: Float64Array;
  /** First class index of school s is classStart[s]; classes of s are classStart[s] .. classStart[s+1]-1. */
  classStart: Int32Array;
  classes: number;
  classSchool: Int32Array;
  classGrade: Int32Array;
  classSize: Int32Array;
  /** Grade units (年级: one grade of one school), numbered across the county; classes of a grade are consecutive. */
  grades: number;
  /** Grade unit of each class and school of each grade unit. */
  classGradeUnit: Int32Array;
  gradeSchool: Int32Array;
}

const KIND_SPEC: Record<SchoolKind, { grades: number; classesPerGrade: [number, number]; size: [number, number] }> = {
  kindergarten: { grades: 3, classesPerGrade: [1, 3], size: [22, 35] },
  primary: { grades: 6, classesPerGrade: [1, 4], size: [35, 50] },
  middle: { grades: 3, classesPerGrade: [4, 9], size: [40, 50] },
};

export function makeCounty(rng: Random, nSchools: number): County {
  const kind: SchoolKind[] = [];
  const boarding: boolean[] = [];
  const schoolFactor = new Float64Array(nSchools);
  const cs: number[] = [];
  const cg: number[] = [];
  const sz: number[] = [];
  const classStart = new Int32Array(nSchools + 1);
  for (let s = 0; s < nSchools; s++) {
    const u = rng();
    const k: SchoolKind = u < 0.2 ? 'kindergarten' : u < 0.7 ? 'primary' : 'middle';
    kind.push(k);
    boarding.push(k === 'middle' ? rng() < 0.4 : k === 'primary' ? rng() < 0.1 : false);
    schoolFactor[s] = gamma(rng, 5) / 5; // mean 1, CV 0.45
    classStart[s] = cs.length;
    const spec = KIND_SPEC[k];
    const perGrade = randInt(rng, spec.classesPerGrade[0], spec.classesPerGrade[1]);
    for (let g = 0; g < spec.grades; g++) {
      for (let c = 0; c < perGrade; c++) {
        cs.push(s);
        cg.push(g);
        sz.push(randInt(rng, spec.size[0], spec.size[1]));
      }
    }
  }
  classStart[nSchools] = cs.length;
  // Derived after the draws, so adding grade units leaves every seeded county unchanged.
  const gu: number[] = [];
  const gs: number[] = [];
  for (let c = 0; c < cs.length; c++) {
    if (c === 0 || cs[c] !== cs[c - 1] || cg[c] !== cg[c - 1]) gs.push(cs[c]);
    gu.push(gs.length - 1);
  }
  return {
    schools: nSchools,
    kind,
    boarding,
    schoolFactor,
    classStart,
    classes: cs.length,
    classSchool: Int32Array.from(cs),
    classGrade: Int32Array.from(cg),
    classSize: Int32Array.from(sz),
    grades: gs.length,
    classGradeUnit: Int32Array.from(gu),
    gradeSchool: Int32Array.from(gs),
  };
}

/** The county's school days (one shared calendar), with what the baseline model needs per day. */
export interface SchoolDays {
  dates: IsoDate[];
  /** Day number of each school day. */
  day: Int32Array;
  month: Int8Array;
  /** 1 on the first school day after two or more days off (Monday excess). */
  afterBreak: Uint8Array;
  /** School-day index of each calendar day from day[0] (the next school day on or after it). */
  nextSchoolDay: (dayNumber: number) => number;
}

export function makeSchoolDays(fromYear: number, years: number): SchoolDays {
  const cal = defaultCalendar(fromYear, fromYear + years - 1);
  const first = toDayNumber(cal.terms[0].start);
  const last = toDayNumber(cal.terms[cal.terms.length - 1].end);
  const dates: IsoDate[] = [];
  const days: number[] = [];
  for (let d = first; d <= last; d++) {
    const date = fromDayNumber(d);
    if (isSchoolDay(date, cal).schoolDay) {
      dates.push(date);
      days.push(d);
    }
  }
  const day = Int32Array.from(days);
  const month = Int8Array.from(dates.map((d) => Number(d.slice(5, 7))));
  const afterBreak = Uint8Array.from(days.map((d, i) => (i === 0 || d - days[i - 1] >= 3 || isoWeekday(dates[i]) === 1 ? 1 : 0)));
  const lookup = new Int32Array(last - first + 2);
  let j = days.length;
  for (let d = last + 1; d >= first; d--) {
    if (j > 0 && days[j - 1] === d) j--;
    lookup[d - first] = j;
  }
  return { dates, day, month, afterBreak, nextSchoolDay: (dn) => (dn < first ? 0 : dn > last ? days.length : lookup[dn - first]) };
}
