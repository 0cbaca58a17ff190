import { sql } from 'kysely';
import { schoolInScope, regionInScope } from '../../db/scope';
import type { Actor } from '../../domain/access/scope';
import { addDays } from '../../domain/calendar/dates';
import { deadlineInstant, shanghaiDate, sessionsOf } from '../../domain/checks/sessions';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';
import { childRegions, rates, regionTrend, schoolsOfRegion } from './queries';
import { openWindow } from './window';

type SortKey = 'illnessRate' | 'completeness';

async function regionOf(ctx: AppContext, actor: Actor, regionCode: string | undefined) {
  const code = regionCode ?? (actor.scope.kind === 'region' ? actor.scope.regionCode : undefined);
  if (!code) throw new AppError('validation.required', 400, { field: 'regionCode' });
  const row = await ctx.db.selectFrom('regions').select(['code', 'name', 'level', sql<boolean>`${regionInScope(actor.scope, 'regions.code')}`.as('allowed')]).where('code', '=', code).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  if (!row.allowed) throw new AppError('error.out_of_scope', 403);
  return row;
}

/** Opens the roll-up rows of the schools expected on the window's school days (see window.ts); never a future day. */
async function ensureWindow(ctx: AppContext, regionCode: string, from: string, to: string, session: string) {
  const today = shanghaiDate(ctx.now());
  return openWindow(ctx.db, regionCode, from, to < today ? to : today, session);
}

const sortBy = (key: SortKey) => (a: { illnessRate: number | null; completeness: number | null }, b: typeof a) =>
  key === 'completeness' ? (a.completeness ?? -1) - (b.completeness ?? -1) : (b.illnessRate ?? -1) - (a.illnessRate ?? -1);

/** The bureau dashboard: trend of the region, its child regions (or schools for a county), sorted. */
export async function regionDashboard(ctx: AppContext, actor: Actor, q: { regionCode?: string; date?: string; days?: number; session?: string; sort?: SortKey }) {
  const region = await regionOf(ctx, actor, q.regionCode);
  const date = q.date ?? shanghaiDate(ctx.now());
  const session = q.session ?? 'morning';
  const from = addDays(date, -((q.days ?? 30) - 1));
  const { schoolDays } = await ensureWindow(ctx, region.code, from, date, session);
  // A day nobody was expected on (a weekend, a holiday) is left out, unless someone reported anyway.
  const trend = (await regionTrend(ctx.db, region.code, from, date, session)).filter((t) => schoolDays.has(t.date) || t.classesReported > 0);
  const children = region.level === 'county' ? [] : await childRegions(ctx.db, region.code, date, session);
  const schools = await schoolsOfRegion(ctx.db, region.code, date, session, region.level === 'county' ? 1000 : 50);
  const sort = sortBy(q.sort ?? 'illnessRate');
  await writeAudit(ctx.db, actor, { action: 'dashboard.region', objectType: 'region', objectId: region.code, detail: { date, session } });
  const today = trend.find((t) => t.date === date) ?? null;
  return { region: { code: region.code, name: region.name, level: region.level }, date, session, today, trend, children: children.sort(sort), schools: schools.sort(sort) };
}

/** Completeness (R8): who has not reported a session, rolled up with completeness and timeliness rates. */
export async function completeness(ctx: AppContext, actor: Actor, q: { regionCode?: string; date?: string; session?: string }) {
  const region = await regionOf(ctx, actor, q.regionCode);
  const date = q.date ?? shanghaiDate(ctx.now());
  const session = q.session ?? 'morning';
  await ensureWindow(ctx, region.code, date, date, session);
  const total = await sql<Parameters<typeof rates>[0]>`select coalesce(sum(schools), 0)::int as schools, coalesce(sum(enrolled), 0)::int as enrolled,
    coalesce(sum(classes_expected), 0)::int as classes_expected, coalesce(sum(classes_reported), 0)::int as classes_reported, coalesce(sum(classes_on_time), 0)::int as classes_on_time,
    coalesce(sum(expected), 0)::int as expected, coalesce(sum(present), 0)::int as present, coalesce(sum(absent_ill), 0)::int as absent_ill,
    coalesce(sum(absent_other), 0)::int as absent_other, coalesce(sum(symptomatic), 0)::int as symptomatic
    from region_day_summary where region_code in (select code from region_closure where ancestor_code = ${region.code}) and check_date = ${date} and session = ${session}`.execute(ctx.db);
  const missing = await sql<{ school_id: number; name: string; region_code: string; classes_expected: number; classes_reported: number }>`
    select s.id as school_id, s.name, s.region_code, x.classes_expected, x.classes_reported from school_day_summary x join schools s on s.id = x.school_id
    where x.region_code = any(array(select code from region_closure where ancestor_code = ${region.code})) and x.check_date = ${date} and x.session = ${session}
      and x.classes_reported < x.classes_expected order by (x.classes_reported::float / nullif(x.classes_expected, 0)) nulls first, s.id limit 500`.execute(ctx.db);
  const children = region.level === 'county' ? [] : await childRegions(ctx.db, region.code, date, session);
  await writeAudit(ctx.db, actor, { action: 'dashboard.completeness', objectType: 'region', objectId: region.code, detail: { date, session } });
  return {
    region: { code: region.code, name: region.name, level: region.level }, date, session, totals: rates(total.rows[0]),
    children: children.sort(sortBy('completeness')),
    schoolsMissing: missing.rows.map((m) => ({ schoolId: m.school_id, name: m.name, regionCode: m.region_code, classesExpected: m.classes_expected, classesReported: m.classes_reported })),
  };
}

/** The school dashboard: today's sessions, classes not reported (past their deadline or not), open episodes, returns due. */
export async function schoolDashboard(ctx: AppContext, actor: Actor, schoolId: number, dateParam?: string) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const date = dateParam ?? shanghaiDate(ctx.now());
  const school = await ctx.db.selectFrom('schools').select(['id', 'name', 'boarding']).where('id', '=', schoolId).executeTakeFirstOrThrow();
  const configured = await ctx.db.selectFrom('check_sessions').select(['session', 'deadline']).where('school_id', '=', schoolId).execute();
  const sessions = sessionsOf(configured, school.boarding);
  const summary = await ctx.db.selectFrom('school_day_summary').selectAll().where('school_id', '=', schoolId).where('check_date', '=', date).execute();
  const classes = await ctx.db.selectFrom('classes').innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select(['classes.id', sql<string>`grades.name || classes.name`.as('name')]).where('classes.school_id', '=', schoolId).orderBy('grades.sort_order').orderBy('classes.sort_order').orderBy('classes.id').execute();
  const reported = await ctx.db.selectFrom('class_checks').select(['class_id', 'session']).where('school_id', '=', schoolId).where('check_date', '=', date).execute();
  const now = ctx.now();
  const perSession = sessions.map((s) => {
    const row = summary.find((r) => r.session === s.session);
    const done = new Set(reported.filter((r) => r.session === s.session && r.class_id != null).map((r) => r.class_id));
    return {
      session: s.session, deadline: s.deadline, deadlinePassed: now >= deadlineInstant(date, s.deadline),
      figures: row ? rates({ ...row, schools: 1, classes_expected: Math.max(row.classes_expected, classes.length) }) : null,
      staffReported: reported.some((r) => r.session === s.session && r.class_id == null),
      classesNotReported: classes.filter((c) => !done.has(c.id)).map((c) => ({ classId: c.id, name: c.name })),
    };
  });
  const open = await sql<{ id: number; person_id: number; name: string; opened_on: string; diagnosis_code: string | null; diagnosis_text: string | null; expected_return: string | null }>`
    select e.id, e.person_id, p.name, e.opened_on, e.diagnosis_code, e.diagnosis_text, e.expected_return from absence_episodes e join persons p on p.id = e.person_id
    where e.school_id = ${schoolId} and e.status = 'open' and ${schoolInScope(actor.scope, 'e.school_id')} order by e.opened_on, e.id`.execute(ctx.db);
  await writeAudit(ctx.db, actor, { action: 'dashboard.school', objectType: 'school', objectId: schoolId, detail: { date } });
  const episodes = open.rows.map((e) => ({ id: e.id, personId: e.person_id, name: e.name, openedOn: e.opened_on, causeKnown: !!(e.diagnosis_code || e.diagnosis_text), expectedReturn: e.expected_return }));
  return {
    school: { id: school.id, name: school.name }, date, sessions: perSession,
    openEpisodes: episodes, returnsDue: episodes.filter((e) => e.expectedReturn != null && e.expectedReturn <= addDays(date, 1)),
  };
}
