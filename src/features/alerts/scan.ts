import { sql } from 'kysely';
import { inTransaction, type Trx } from '../../db/transaction';
import { DEFAULT_RULE_SET, type DetectionLevel, defaultDetector, syndromeOf } from '../../domain/alerts';
import { addDays } from '../../domain/calendar';
import type { AppContext } from '../../http/context';
import { countyCalendars, defaultCalendarAround } from './calendar';
import { type QueueResult, raiseOrMerge } from './queue';
import { activeSince, alarmsOn, reachStart, readOnsetStreams, readOnsets, SCAN_STREAMS, type ScanAlarm, streamsIn } from './scan-streams';

export { SCAN_STREAMS } from './scan-streams';

/** Calendar days of history read: the detectors' 40-school-day baseline, guard and window, with holidays. */
const HISTORY_DAYS = 100;

interface Unit {
  level: DetectionLevel;
  id: string;
  schoolId: number | null;
  classId: number | null;
  regionCode: string;
}

/**
 * The daily statistical scan: the default detector per class, school and county on *new* illnesses
 * (illness-absence episodes opened and children first seen with symptoms at a check, per school day, in
 * total and by syndrome; see scan-streams.ts), school days only, signals into the alert queue. Classes
 * and schools without a new illness within the detector's reach are skipped:
 * they cannot alarm. Running it again for the same day changes nothing. `regionCode` limits it to a
 * bureau's area (on-demand scans).
 */
export async function runDailyScan(ctx: AppContext, date: string, o: { regionCode?: string } = {}) {
  const from = addDays(date, -HISTORY_DAYS);
  const within = o.regionCode ? sql<boolean>`region_code in (select code from region_closure where ancestor_code = ${o.regionCode})` : sql<boolean>`true`;
  const counties = await sql<{ region_code: string }>`select distinct region_code from schools where ${within} order by region_code`.execute(ctx.db);
  const results: QueueResult[] = [];
  let schoolsScanned = 0;
  let classesScanned = 0;
  const countyCalendar = defaultCalendarAround(date);
  for (const { region_code: county } of counties.rows) {
    const streams = await readOnsetStreams(ctx.db, county, from, date);
    const calendarOf = await countyCalendars(ctx.db, county, date);
    const classesOf = new Map<number, number[]>();
    for (const [classId, c] of streams.classes) {
      let list = classesOf.get(c.schoolId);
      if (!list) classesOf.set(c.schoolId, (list = []));
      list.push(classId);
    }
    for (const [schoolId, days] of streams.schools) {
      const calendar = calendarOf(schoolId);
      const reach = reachStart('class', calendar, from, date);
      if (!reach) continue; // not a school day for this school
      schoolsScanned++;
      const school: Unit = { level: 'school', id: String(schoolId), schoolId, classId: null, regionCode: county };
      for (const alarm of alarmsOn('school', days, SCAN_STREAMS, from, date, calendar)) results.push(await raise(ctx, school, alarm));
      for (const classId of classesOf.get(schoolId) ?? []) {
        const cls = streams.classes.get(classId)!;
        if (!activeSince(cls.days, reach.openedAfter)) continue;
        classesScanned++;
        const unit: Unit = { level: 'class', id: String(classId), schoolId, classId, regionCode: county };
        for (const alarm of alarmsOn('class', cls.days, streamsIn(cls.days), from, date, calendar)) results.push(await raise(ctx, unit, alarm));
      }
    }
    const countyUnit: Unit = { level: 'county', id: county, schoolId: null, classId: null, regionCode: county };
    for (const alarm of alarmsOn('county', streams.county, SCAN_STREAMS, from, date, countyCalendar)) results.push(await raise(ctx, countyUnit, alarm));
  }
  return {
    date, schools: schoolsScanned, classes: classesScanned, counties: counties.rows.length, signals: results.length,
    raised: results.filter((r) => r.created).length, alertIds: [...new Set(results.map((r) => r.alertId))],
  };
}

/** The children behind a class or school signal, with the first day of each: the new illnesses of its stream that started in its window. */
async function personsOf(trx: Trx, unit: Unit, alarm: ScanAlarm): Promise<{ personIds: number[]; caseDates?: string[] }> {
  if (unit.schoolId == null) return { personIds: [] }; // a county signal is a count; its schools' alerts name the children
  const onsets = await readOnsets(trx, sql<boolean>`s.id = ${unit.schoolId}`, addDays(alarm.openedAfter, 1), alarm.window.to);
  const found = onsets
    .filter((o) => (unit.classId == null || o.classId === unit.classId) && (alarm.stream === 'absence' || syndromeOf({ symptoms: o.symptoms }) === alarm.stream))
    .sort((a, b) => a.personId - b.personId);
  return { personIds: found.map((o) => o.personId), caseDates: found.map((o) => o.day) };
}

async function raise(ctx: AppContext, unit: Unit, alarm: ScanAlarm) {
  const method = defaultDetector[unit.level].detectors?.[0]?.method ?? null;
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    // The case dates let the queue see that a later, wider test window holds no case a closed alert lacks.
    const persons = await personsOf(trx, unit, alarm);
    const common = {
      source: 'scan' as const, method, schoolId: unit.schoolId, regionCode: unit.regionCode, level: 'report' as const, syndrome: alarm.stream,
      window: alarm.window, ...persons, count: alarm.count, detail: { recent: alarm.recent, tests: alarm.tests },
    };
    if (unit.level === 'class') {
      // A class cluster is one alert whoever sees it first: the scan's class signal takes the cluster key
      // of the check-time 2006 rule (class, 'cluster-2006', syndrome), so the queue merges the two either
      // way round; source and method of a new alert, and detail.tests, say it came from the scan.
      return raiseOrMerge(trx, ctx.now(), {
        ...common, rule: 'cluster-2006', unitKind: 'class', unitId: unit.id, classId: unit.classId, deadline: DEFAULT_RULE_SET.cluster.deadline,
      }, afterCommit);
    }
    return raiseOrMerge(trx, ctx.now(), {
      ...common, rule: `scan:${unit.level}:${alarm.stream}`, unitKind: unit.level === 'school' ? 'school' : 'region', unitId: unit.id, deadline: '24h',
    }, afterCommit);
  });
}
