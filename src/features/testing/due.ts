import { sql } from 'kysely';
import type { Static } from 'typebox';
import { personInScope } from '../../db/scope';
import type { Actor } from '../../domain/access/scope';
import { addDays } from '../../domain/calendar/dates';
import { inGroup, isolationTestDates, lastScheduledDate, type Obligation, type TestGroup, testState } from '../../domain/testing/schedule';
import type { AppContext } from '../../http/context';
import { writeAudit } from '../audit/write-audit';
import { schoolToday } from '../cases/school-date';
import { assertClassInScope, assertSchoolInScope } from '../scope-guard';
import type { DueQuery } from './schema';

/** How far back a missed test stays on the overdue list: one week of schedule. */
const LOOKBACK_DAYS = 7;

/**
 * Due and overdue tests for the persons in scope (optionally one school or class): every schedule
 * in force for the person's school (its own or its region's) and every active isolation's test
 * dates and every test ordered on a re-entry proposal, against the results on record. Counts per class come with the list.
 */
export async function dueList(ctx: AppContext, actor: Actor, q: Static<typeof DueQuery>, ip: string) {
  if (q.schoolId) await assertSchoolInScope(ctx, actor, q.schoolId);
  if (q.classId) await assertClassInScope(ctx, actor, q.classId);
  const today = schoolToday(ctx);
  let persons = ctx.db
    .selectFrom('persons')
    .leftJoin('classes as cl', 'cl.id', 'persons.class_id')
    .leftJoin('grades as g', 'g.id', 'cl.grade_id')
    .select(['persons.id', 'persons.name', 'persons.kind', 'persons.key_position', 'persons.school_id', 'persons.class_id', sql<string | null>`g.name || cl.name`.as('class_name')])
    .where('persons.active', '=', true)
    .where('persons.kind', '<>', 'co_resident')
    .where(personInScope(actor.scope, 'persons'));
  if (q.schoolId) persons = persons.where('persons.school_id', '=', q.schoolId);
  if (q.classId) persons = persons.where('persons.class_id', '=', q.classId);
  const people = await persons.execute();
  const schoolIds = [...new Set(people.map((p) => p.school_id))];
  const ids = people.map((p) => p.id);
  const schedules = schoolIds.length
    ? await sql<{ school_id: number; name: string; test_group: TestGroup; weekdays: number[]; starts_on: string; ends_on: string | null }>`
        select s.id as school_id, ts.name, ts.test_group, ts.weekdays, ts.starts_on::text as starts_on, ts.ends_on::text as ends_on
        from schools s join test_schedules ts on ts.school_id = s.id
          or ts.region_code in (select rc.ancestor_code from region_closure rc where rc.code = s.region_code)
        where s.id = any(${sql.val(schoolIds)}::bigint[]) and ts.starts_on <= ${today}::date and (ts.ends_on is null or ts.ends_on >= ${addDays(today, -LOOKBACK_DAYS)}::date)`.execute(ctx.db)
    : { rows: [] };
  const isolations = ids.length
    ? await ctx.db.selectFrom('isolations').select(['id', 'person_id', 'starts_on', 'test_days']).where('status', '=', 'active').where('person_id', 'in', ids).execute()
    : [];
  // Tests the school ordered on a re-entry proposal (a return from elsewhere, symptoms at screening).
  const reentry = ids.length
    ? await ctx.db.selectFrom('reentry_decisions').select(['id', 'person_id', 'test_dates']).where('decision', '=', 'ordered').where('person_id', 'in', ids).where(sql<boolean>`jsonb_array_length(test_dates) > 0`).execute()
    : [];
  const results = ids.length
    ? await ctx.db.selectFrom('test_results').select(['person_id', 'sampled_on']).where('person_id', 'in', ids).where('sampled_on', '>=', addDays(today, -30)).execute()
    : [];
  const sampled = new Map<number, string[]>();
  for (const r of results) sampled.set(r.person_id, [...(sampled.get(r.person_id) ?? []), r.sampled_on]);
  const isoBy = new Map<number, typeof isolations>();
  for (const i of isolations) isoBy.set(i.person_id, [...(isoBy.get(i.person_id) ?? []), i]);
  const items = [];
  const byClass = new Map<string, { classId: number | null; className: string | null; schoolId: number; due: number; overdue: number }>();
  for (const p of people) {
    const obligations: Obligation[] = [];
    for (const s of schedules.rows) {
      if (Number(s.school_id) !== p.school_id || !inGroup(s.test_group, { kind: p.kind, keyPosition: p.key_position })) continue;
      const date = lastScheduledDate(s.weekdays.map(Number), s.starts_on, s.ends_on, today);
      if (date && date >= addDays(today, -LOOKBACK_DAYS)) obligations.push({ source: 'schedule', ref: s.name, date, exact: false });
    }
    for (const i of isoBy.get(p.id) ?? []) for (const date of isolationTestDates(i.starts_on, i.test_days.map(Number), today)) obligations.push({ source: 'isolation', ref: String(i.id), date, exact: true });
    for (const r of reentry) {
      if (r.person_id !== p.id) continue;
      for (const date of r.test_dates) if (date <= today && date >= addDays(today, -LOOKBACK_DAYS)) obligations.push({ source: 'reentry', ref: String(r.id), date, exact: false });
    }
    const state = testState(obligations, sampled.get(p.id) ?? [], today);
    if (!state || (q.status && state.status !== q.status)) continue;
    items.push({ personId: p.id, name: p.name, kind: p.kind, schoolId: p.school_id, classId: p.class_id, className: p.class_name, status: state.status, since: state.since, missing: state.missing });
    const key = `${p.school_id}:${p.class_id ?? 'staff'}`;
    const c = byClass.get(key) ?? { classId: p.class_id, className: p.class_name, schoolId: p.school_id, due: 0, overdue: 0 };
    c[state.status]++;
    byClass.set(key, c);
  }
  items.sort((a, b) => (a.status === b.status ? a.since.localeCompare(b.since) || a.personId - b.personId : a.status === 'overdue' ? -1 : 1));
  await writeAudit(ctx.db, actor, { action: 'testing.due', objectType: 'person', detail: { filter: q, count: items.length }, ip });
  const totals = { due: items.filter((i) => i.status === 'due').length, overdue: items.filter((i) => i.status === 'overdue').length };
  return { date: today, items, byClass: [...byClass.values()].sort((a, b) => a.schoolId - b.schoolId || (a.className ?? '').localeCompare(b.className ?? '')), totals };
}
