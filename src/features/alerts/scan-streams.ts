// The daily scan's input: new illnesses per unit and school day, and the default detector's tests run on
// them one by one (so an alert can say which window fired and name the children behind it). A new
// illness is a child's first report of an illness: an illness-absence episode opening, or symptoms seen
// at a check while the child stayed at school (`illnessOnsets`); a child absent three days is one case,
// not three, and a child caught with a fever on Monday and absent from Tuesday counts on Monday. That is
// the event stream the detection benchmark's detectors were tuned on.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/tables';
import { defaultDetector, type DetectionLevel, type IllnessOnset, illnessOnsets, levelAlarms, NEW_ILLNESS_GAP_DAYS, seriesOnDates, type Syndrome, syndromeOf } from '../../domain/alerts';
import { addDays, type SchoolCalendar, schoolDaysBetween } from '../../domain/calendar';

/** Syndromes watched at school and county level, beside the total of new illnesses. */
export const SCAN_SYNDROMES = ['respiratory', 'gastrointestinal', 'rash', 'fever'] as const;
/** The streams scanned at school and county level ('absence': all new illnesses). The class level runs per syndrome. */
export const SCAN_STREAMS = ['absence', ...SCAN_SYNDROMES] as const;
export type Stream = 'absence' | Syndrome;

/** Sparse counts of new illnesses: day -> stream -> count. */
export type DayCounts = Map<string, Map<Stream, number>>;

export interface OnsetStreams {
  /** Per class (children with a class): counts by syndrome only, as the 2006 rule groups them. */
  classes: Map<number, { schoolId: number; days: DayCounts }>;
  /** Per school and for the county: the total ('absence') and by syndrome. */
  schools: Map<number, DayCounts>;
  county: DayCounts;
}

/** Calendar days before the range whose episodes may still cover its first reports (longer absences are rare). */
const EPISODE_LOOKBACK_DAYS = 60;

interface ReportRow {
  person_id: number;
  school_id: number;
  class_id: number | null;
  from: string;
  to: string;
  symptoms: string[] | null;
}

/**
 * New illnesses of the schools `where` selects (a condition on `schools` aliased s) with their first
 * day in [from, to]: illness episodes (index absence_episodes_onset) and symptomatic checks (index
 * check_exceptions_school_cases), with the reports just before the range that may continue into it.
 */
export async function readOnsets(db: Kysely<Database>, where: RawBuilder<boolean>, from: string, to: string): Promise<IllnessOnset[]> {
  const schools = sql`select s.id from schools s where ${where}`;
  const r = await sql<ReportRow>`
    select e.person_id, e.school_id, e.class_id, e.opened_on::text as from, e.last_absent_on::text as to, e.symptoms
    from absence_episodes e
    where e.school_id in (${schools}) and e.kind = 'illness' and e.opened_on between ${addDays(from, -EPISODE_LOOKBACK_DAYS)}::date and ${to}::date
    union all
    select x.person_id, x.school_id, c.class_id, x.check_date::text, x.check_date::text, x.symptoms
    from check_exceptions x join class_checks c on c.id = x.check_id
    where x.school_id in (${schools}) and x.status = 'present_symptomatic'
      and x.check_date between ${addDays(from, -NEW_ILLNESS_GAP_DAYS)}::date and ${to}::date`.execute(db);
  const reports = r.rows.map((row) => ({
    personId: Number(row.person_id), schoolId: Number(row.school_id), classId: row.class_id == null ? null : Number(row.class_id),
    from: row.from, to: row.to, symptoms: row.symptoms ?? [],
  }));
  return illnessOnsets(reports, from, to);
}

/** A county's new illnesses as sparse counts per class, school and the county; syndromes by `syndromeOf`, as the check-time rules decide them. */
export async function readOnsetStreams(db: Kysely<Database>, county: string, from: string, to: string): Promise<OnsetStreams> {
  const onsets = await readOnsets(db, sql<boolean>`s.region_code = ${county}`, from, to);
  const out: OnsetStreams = { classes: new Map(), schools: new Map(), county: new Map() };
  for (const o of onsets) {
    const syndrome = syndromeOf({ symptoms: o.symptoms });
    let school = out.schools.get(o.schoolId);
    if (!school) out.schools.set(o.schoolId, (school = new Map()));
    for (const days of [school, out.county]) {
      add(days, o.day, 'absence', 1);
      add(days, o.day, syndrome, 1);
    }
    if (o.classId == null) continue;
    let cls = out.classes.get(o.classId);
    if (!cls) out.classes.set(o.classId, (cls = { schoolId: o.schoolId, days: new Map() }));
    add(cls.days, o.day, syndrome, 1);
  }
  return out;
}

function add(days: DayCounts, day: string, stream: Stream, n: number) {
  let d = days.get(day);
  if (!d) days.set(day, (d = new Map()));
  d.set(stream, (d.get(stream) ?? 0) + n);
}

/** The streams present in a unit's counts (a stream without any new illness cannot alarm). */
export function streamsIn(days: DayCounts): Stream[] {
  const s = new Set<Stream>();
  for (const d of days.values()) for (const k of d.keys()) s.add(k);
  return [...s].sort();
}

interface Test {
  name: string;
  window: number;
  alarms: (counts: ArrayLike<number>) => Uint8Array;
}

/**
 * The level's default tests one by one (the 2006 rule as its one-day and its window condition): the
 * alarm is any of them, and its window the narrowest that fired — the span that alone makes the alarm,
 * whose new illnesses are the cluster's children (the queue widens the alert as later days add to it).
 */
function testsOf(level: DetectionLevel): Test[] {
  const config = defaultDetector[level];
  const out: Test[] = [];
  const never = Number.MAX_SAFE_INTEGER;
  if (config.rule) {
    const r = config.rule;
    out.push({ name: 'cluster-2006:day', window: 1, alarms: levelAlarms({ rule: { ...r, casesInWindow: never } }) });
    out.push({ name: `cluster-2006:${r.windowDays}d`, window: r.windowDays, alarms: levelAlarms({ rule: { ...r, casesInDay: never } }) });
  }
  for (const d of config.detectors ?? []) {
    const window = Number((d.params as { window?: number }).window ?? 1);
    out.push({ name: `${d.method}:${window}d`, window, alarms: levelAlarms({ detectors: [d] }) });
  }
  return out;
}

const TESTS: Record<DetectionLevel, Test[]> = { class: testsOf('class'), school: testsOf('school'), county: testsOf('county') };

/**
 * School days a level looks back over on the day of an alarm. Every test needs at least one case in
 * its window (the 2006 rule's counts, the Poisson tests' minCount >= 1), so a unit without a new
 * illness in this many school days cannot alarm and is skipped before any series is built.
 */
export const REACH: Record<DetectionLevel, number> = {
  class: Math.max(...TESTS.class.map((t) => t.window)),
  school: Math.max(...TESTS.school.map((t) => t.window)),
  county: Math.max(...TESTS.county.map((t) => t.window)),
};

/**
 * The last school day before the level's reach on `date` (illnesses starting after it fall in the window;
 * those starting on a weekend or holiday count on the next school day), or null when `date` is not a
 * school day under this calendar.
 */
export function reachStart(level: DetectionLevel, calendar: SchoolCalendar, from: string, date: string): { openedAfter: string } | null {
  const dates = schoolDates(calendar, from, date);
  const n = dates.length;
  if (!n || dates[n - 1] !== date) return null;
  const w = REACH[level];
  return { openedAfter: n > w ? dates[n - w - 1] : addDays(from, -1) };
}

/** Whether the unit had a new illness after `openedAfter` (else it cannot alarm today). */
export function activeSince(days: DayCounts, openedAfter: string): boolean {
  for (const d of days.keys()) if (d > openedAfter) return true;
  return false;
}

export interface ScanAlarm {
  stream: Stream;
  /** School days of the narrowest test that fired. */
  window: { from: string; to: string };
  /** Illnesses starting after this day and up to `window.to` are the alarm's cases (weekend onsets included). */
  openedAfter: string;
  count: number;
  tests: string[];
  recent: Array<[string, number]>;
}

const datesOf = new WeakMap<SchoolCalendar, Map<string, string[]>>();

/**
 * The school days of a range under a calendar, listed once per calendar object and range: a province's
 * scan builds a series for every active class and every stream of every school, and listing the same
 * hundred days for each took most of its time. Callers share calendar objects (scan.ts).
 */
export function schoolDates(calendar: SchoolCalendar, from: string, to: string): string[] {
  let byRange = datesOf.get(calendar);
  if (!byRange) datesOf.set(calendar, (byRange = new Map()));
  const key = `${from}/${to}`;
  let dates = byRange.get(key);
  if (!dates) byRange.set(key, (dates = schoolDaysBetween(from, to, calendar, { allowUncovered: true })));
  return dates;
}

/** Runs the level's tests on each stream of a unit; returns the streams alarming on `date` (a school day). */
export function alarmsOn(level: DetectionLevel, days: DayCounts, streams: readonly Stream[], from: string, date: string, calendar: SchoolCalendar): ScanAlarm[] {
  const out: ScanAlarm[] = [];
  for (const stream of streams) {
    const counts = [...days].map(([d, c]) => ({ date: d, count: c.get(stream) ?? 0 }));
    const series = seriesOnDates(counts, schoolDates(calendar, from, date), from, date);
    const n = series.dates.length;
    if (!n || series.dates[n - 1] !== date) return out; // not a school day for this unit
    const fired = TESTS[level].filter((t) => t.alarms(series.counts)[n - 1]);
    if (!fired.length) continue;
    const w = Math.min(n, ...fired.map((t) => t.window));
    let count = 0;
    for (let i = n - w; i < n; i++) count += series.counts[i];
    const recent = series.dates.slice(-10).map((d, i) => [d, series.counts[n - Math.min(10, n) + i]] as [string, number]);
    out.push({
      stream, window: { from: series.dates[n - w], to: date }, openedAfter: n > w ? series.dates[n - w - 1] : addDays(from, -1),
      count, tests: fired.map((t) => t.name), recent,
    });
  }
  return out;
}
