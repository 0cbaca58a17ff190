// The daily scan's input: new illness-absence episodes per unit and school day, and the default
// detector's tests run on them one by one (so an alert can say which window fired and name the children
// whose episodes opened in it). Counts are episodes *opened* on a day: a child absent three days is one
// case, not three, which is what the benchmark's detectors were tuned on.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import { defaultDetector, type DetectionLevel, levelAlarms, schoolDaySeries, type Syndrome, syndromeOf } from '../../domain/alerts';
import { addDays, type SchoolCalendar } from '../../domain/calendar';

/** Syndromes watched at school and county level, beside the total of illness absences. */
export const SCAN_SYNDROMES = ['respiratory', 'gastrointestinal', 'rash', 'fever'] as const;
/** The streams scanned at school and county level. The class level runs per syndrome of its episodes. */
export const SCAN_STREAMS = ['absence', ...SCAN_SYNDROMES] as const;
export type Stream = 'absence' | Syndrome;

/** Sparse counts of new episodes: day -> stream -> count. */
export type DayCounts = Map<string, Map<Stream, number>>;

export interface OnsetStreams {
  /** Per class (episodes with a class): counts by syndrome only, as the 2006 rule groups them. */
  classes: Map<number, { schoolId: number; days: DayCounts }>;
  /** Per school and for the county: the total ('absence') and by syndrome. */
  schools: Map<number, DayCounts>;
  county: DayCounts;
}

interface OnsetRow {
  school_id: number;
  class_id: number | null;
  day: string;
  symptoms: string[] | null;
  n: number;
}

/**
 * One grouped statement per county: illness episodes opened per school, class, day and symptom set
 * (index absence_episodes_onset), sparse; the syndrome of a symptom set is decided here, in memory, by
 * the same `syndromeOf` the check-time rules use.
 */
export async function readOnsetStreams(db: Kysely<Database>, county: string, from: string, to: string): Promise<OnsetStreams> {
  const r = await sql<OnsetRow>`select e.school_id, e.class_id, e.opened_on::text as day, e.symptoms, count(*)::int as n
    from absence_episodes e
    where e.school_id in (select id from schools where region_code = ${county}) and e.kind = 'illness'
      and e.opened_on between ${from}::date and ${to}::date
    group by e.school_id, e.class_id, e.opened_on, e.symptoms`.execute(db);
  const out: OnsetStreams = { classes: new Map(), schools: new Map(), county: new Map() };
  for (const row of r.rows) {
    const n = Number(row.n);
    const syndrome = syndromeOf({ symptoms: row.symptoms ?? [] });
    const schoolId = Number(row.school_id);
    let school = out.schools.get(schoolId);
    if (!school) out.schools.set(schoolId, (school = new Map()));
    for (const days of [school, out.county]) {
      add(days, row.day, 'absence', n);
      add(days, row.day, syndrome, n);
    }
    if (row.class_id == null) continue;
    const classId = Number(row.class_id);
    let cls = out.classes.get(classId);
    if (!cls) out.classes.set(classId, (cls = { schoolId, days: new Map() }));
    add(cls.days, row.day, syndrome, n);
  }
  return out;
}

function add(days: DayCounts, day: string, stream: Stream, n: number) {
  let d = days.get(day);
  if (!d) days.set(day, (d = new Map()));
  d.set(stream, (d.get(stream) ?? 0) + n);
}

/** The streams present in a unit's counts (a stream without any episode cannot alarm). */
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
 * whose episodes are the cluster's children (the queue widens the alert as later days add to it).
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
 * episode in this many school days cannot alarm and is skipped before any series is built.
 */
export const REACH: Record<DetectionLevel, number> = {
  class: Math.max(...TESTS.class.map((t) => t.window)),
  school: Math.max(...TESTS.school.map((t) => t.window)),
  county: Math.max(...TESTS.county.map((t) => t.window)),
};

/**
 * The last school day before the level's reach on `date` (episodes opened after it fall in the window;
 * those opened on a weekend or holiday count on the next school day), or null when `date` is not a
 * school day under this calendar.
 */
export function reachStart(level: DetectionLevel, calendar: SchoolCalendar, from: string, date: string): { openedAfter: string } | null {
  const { dates } = schoolDaySeries([], from, date, calendar, { allowUncovered: true });
  const n = dates.length;
  if (!n || dates[n - 1] !== date) return null;
  const w = REACH[level];
  return { openedAfter: n > w ? dates[n - w - 1] : addDays(from, -1) };
}

/** Whether the unit had a new episode after `openedAfter` (else it cannot alarm today). */
export function activeSince(days: DayCounts, openedAfter: string): boolean {
  for (const d of days.keys()) if (d > openedAfter) return true;
  return false;
}

export interface ScanAlarm {
  stream: Stream;
  /** School days of the narrowest test that fired. */
  window: { from: string; to: string };
  /** Episodes opened after this day and up to `window.to` are the alarm's cases (weekend onsets included). */
  openedAfter: string;
  count: number;
  tests: string[];
  recent: Array<[string, number]>;
}

/** Runs the level's tests on each stream of a unit; returns the streams alarming on `date` (a school day). */
export function alarmsOn(level: DetectionLevel, days: DayCounts, streams: readonly Stream[], from: string, date: string, calendar: SchoolCalendar): ScanAlarm[] {
  const out: ScanAlarm[] = [];
  for (const stream of streams) {
    const counts = [...days].map(([d, c]) => ({ date: d, count: c.get(stream) ?? 0 }));
    const series = schoolDaySeries(counts, from, date, calendar, { allowUncovered: true });
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
