import { sql } from 'kysely';
import { inTransaction } from '../../db/transaction';
import { defaultDetector, type DetectionLevel, levelAlarms, schoolDaySeries, syndromeOf } from '../../domain/alerts';
import { addDays, type SchoolCalendar } from '../../domain/calendar';
import type { AppContext } from '../../http/context';
import { alertCalendar, defaultCalendarAround } from './calendar';
import { type QueueResult, raiseOrMerge } from './queue';

/** The streams scanned at each level: illness absence, and children with symptoms by syndrome. */
export const SCAN_STREAMS = ['absence', 'respiratory', 'gastrointestinal', 'rash', 'fever'] as const;
type Stream = (typeof SCAN_STREAMS)[number];

/** Calendar days of history read: the detectors' 40-school-day baseline, guard and window, with holidays. */
const HISTORY_DAYS = 100;

interface DayRow {
  unit: string;
  check_date: string;
  session: string;
  absent_ill: number;
  symptoms: Record<string, number> | string;
}

/** Per unit and day: illness absences and symptomatic children by syndrome, the largest session of the day. */
function dailyCounts(rows: DayRow[]): Map<string, Map<string, Record<Stream, number>>> {
  const out = new Map<string, Map<string, Record<Stream, number>>>();
  for (const r of rows) {
    const days = out.get(r.unit) ?? new Map<string, Record<Stream, number>>();
    out.set(r.unit, days);
    const day = days.get(r.check_date) ?? { absence: 0, respiratory: 0, gastrointestinal: 0, rash: 0, fever: 0 };
    days.set(r.check_date, day);
    const bySyndrome: Record<string, number> = {};
    const symptoms = typeof r.symptoms === 'string' ? (JSON.parse(r.symptoms) as Record<string, number>) : (r.symptoms ?? {});
    // A symptom count is per child; children with two symptoms of one syndrome are counted once by
    // taking the largest symptom count of the syndrome (a lower bound of the syndrome's children).
    for (const [code, n] of Object.entries(symptoms)) {
      const s = syndromeOf({ symptoms: [code] });
      bySyndrome[s] = Math.max(bySyndrome[s] ?? 0, Number(n));
    }
    day.absence = Math.max(day.absence, Number(r.absent_ill));
    for (const s of ['respiratory', 'gastrointestinal', 'rash', 'fever'] as const) day[s] = Math.max(day[s], bySyndrome[s] ?? 0);
  }
  return out;
}

interface Unit {
  level: Exclude<DetectionLevel, 'class'>;
  id: string;
  schoolId: number | null;
  regionCode: string;
  calendar: SchoolCalendar;
}

/** Runs the level's default detector on each stream of a unit; returns the streams alarming on `date`. */
function alarmsOn(unit: Unit, days: Map<string, Record<Stream, number>>, from: string, date: string) {
  const config = defaultDetector[unit.level];
  const run = levelAlarms(config);
  const window = config.detectors?.[0]?.params.window;
  const out: Array<{ stream: Stream; window: { from: string; to: string }; count: number; recent: Array<[string, number]> }> = [];
  for (const stream of SCAN_STREAMS) {
    const counts = [...days].map(([d, c]) => ({ date: d, count: c[stream] }));
    const series = schoolDaySeries(counts, from, date, unit.calendar, { allowUncovered: true });
    const n = series.dates.length;
    if (!n || series.dates[n - 1] !== date) return out; // not a school day for this unit
    if (!run(series.counts)[n - 1]) continue;
    const w = Math.min(n, typeof window === 'number' ? window : 1);
    let count = 0;
    for (let i = n - w; i < n; i++) count += series.counts[i];
    const recent = series.dates.slice(-10).map((d, i) => [d, series.counts[n - Math.min(10, n) + i]] as [string, number]);
    out.push({ stream, window: { from: series.dates[n - w], to: date }, count, recent });
  }
  return out;
}

/**
 * The daily statistical scan: the default detector per school and per county on illness absences and
 * syndrome counts from the daily roll-ups, school days only, signals into the alert queue. Running it
 * again for the same day changes nothing. `regionCode` limits it to a bureau's area (on-demand scans).
 */
export async function runDailyScan(ctx: AppContext, date: string, o: { regionCode?: string } = {}) {
  const from = addDays(date, -HISTORY_DAYS);
  const within = o.regionCode ? sql<boolean>`region_code in (select code from region_closure where ancestor_code = ${o.regionCode})` : sql<boolean>`true`;
  const counties = await sql<{ region_code: string }>`select distinct region_code from schools where ${within} order by region_code`.execute(ctx.db);
  const results: QueueResult[] = [];
  let schoolsScanned = 0;
  const countyCalendar = defaultCalendarAround(date);
  for (const { region_code: county } of counties.rows) {
    const schoolRows = await sql<DayRow>`select school_id::text as unit, check_date::text as check_date, session, absent_ill, symptoms from school_day_summary
      where region_code = ${county} and check_date between ${from}::date and ${date}::date`.execute(ctx.db);
    for (const [schoolId, days] of dailyCounts(schoolRows.rows)) {
      schoolsScanned++;
      const unit: Unit = { level: 'school', id: schoolId, schoolId: Number(schoolId), regionCode: county, calendar: await alertCalendar(ctx.db, Number(schoolId), date) };
      for (const alarm of alarmsOn(unit, days, from, date)) results.push(await raise(ctx, unit, alarm));
    }
    const countyRows = await sql<DayRow>`select region_code as unit, check_date::text as check_date, session, absent_ill, symptoms from region_day_summary
      where region_code = ${county} and check_date between ${from}::date and ${date}::date`.execute(ctx.db);
    for (const [, days] of dailyCounts(countyRows.rows)) {
      const unit: Unit = { level: 'county', id: county, schoolId: null, regionCode: county, calendar: countyCalendar };
      for (const alarm of alarmsOn(unit, days, from, date)) results.push(await raise(ctx, unit, alarm));
    }
  }
  return { date, schools: schoolsScanned, counties: counties.rows.length, signals: results.length, raised: results.filter((r) => r.created).length, alertIds: [...new Set(results.map((r) => r.alertId))] };
}

async function raise(ctx: AppContext, unit: Unit, alarm: ReturnType<typeof alarmsOn>[number]) {
  const method = defaultDetector[unit.level].detectors?.[0]?.method ?? null;
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    // The children behind a school's absence signal: illness episodes opened in its window.
    const persons = unit.schoolId != null && alarm.stream === 'absence'
      ? (await trx.selectFrom('absence_episodes').select('person_id').where('school_id', '=', unit.schoolId).where('kind', '=', 'illness')
        .where('opened_on', '>=', alarm.window.from).where('opened_on', '<=', alarm.window.to).execute()).map((r) => r.person_id)
      : [];
    return raiseOrMerge(trx, ctx.now(), {
      source: 'scan', rule: `scan:${unit.level}:${alarm.stream}`, method, unitKind: unit.level === 'school' ? 'school' : 'region', unitId: unit.id,
      schoolId: unit.schoolId, regionCode: unit.regionCode, level: 'report', deadline: '24h', syndrome: alarm.stream, window: alarm.window,
      personIds: persons, count: alarm.count, detail: { recent: alarm.recent },
    }, afterCommit);
  });
}
