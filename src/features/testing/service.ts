import { sql } from 'kysely';
import type { Static } from 'typebox';
import { personInScope, regionInScope, schoolInScope } from '../../db/scope';
import { inTransaction, type Trx } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertRegionInScope, schoolToday } from '../cases/school-date';
import { createCase, notifyRiskChanges } from '../cases/service';
import { recomputeRisk, type RiskChange } from '../risk/recompute';
import { assertPersonInScope, assertSchoolInScope } from '../scope-guard';
import type { ResultBody, ResultsQuery, ScheduleBody } from './schema';

export async function createSchedule(ctx: AppContext, actor: Actor, body: Static<typeof ScheduleBody>, ip: string) {
  if ((body.regionCode == null) === (body.schoolId == null)) throw new AppError('testing.schedule_target', 400, { field: body.regionCode ? 'schoolId' : 'regionCode' });
  if (body.regionCode) await assertRegionInScope(ctx, actor, body.regionCode);
  if (body.schoolId) await assertSchoolInScope(ctx, actor, body.schoolId);
  if (body.endsOn && body.endsOn < body.startsOn) throw new AppError('testing.schedule_dates', 400, { field: 'endsOn' });
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('test_schedules')
      .values({
        name: body.name, region_code: body.regionCode ?? null, school_id: body.schoolId ?? null, test_group: body.group, weekdays: [...body.weekdays].sort(), test_kind: body.testKind,
        starts_on: body.startsOn, ends_on: body.endsOn ?? null, created_by: actor.accountId, created_at: ctx.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'test_schedule.create', objectType: 'test_schedule', objectId: row.id, detail: body, ip });
    return { id: row.id };
  });
}

/** Schedules that reach the caller: its regions' and schools', and those of the regions above its schools. */
export async function listSchedules(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db
    .selectFrom('test_schedules as ts')
    .leftJoin('regions as r', 'r.code', 'ts.region_code')
    .leftJoin('schools as s', 's.id', 'ts.school_id')
    .select(['ts.id', 'ts.name', 'ts.region_code', 'r.name as region_name', 'ts.school_id', 's.name as school_name', 'ts.test_group', 'ts.weekdays', 'ts.test_kind', 'ts.starts_on', 'ts.ends_on'])
    .where((eb) =>
      eb.or([
        regionInScope(actor.scope, 'ts.region_code'),
        sql<boolean>`ts.school_id is not null and ${schoolInScope(actor.scope, 'ts.school_id')}`,
        sql<boolean>`ts.region_code in (select rc.ancestor_code from region_closure rc join schools sc on sc.region_code = rc.code where ${schoolInScope(actor.scope, 'sc.id')})`,
      ]),
    )
    .orderBy('ts.starts_on', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id, name: r.name, regionCode: r.region_code, regionName: r.region_name, schoolId: r.school_id, schoolName: r.school_name, group: r.test_group, weekdays: r.weekdays.map(Number),
      testKind: r.test_kind, startsOn: r.starts_on, endsOn: r.ends_on,
    })),
  };
}

export interface NewResult {
  personId: number;
  schoolId: number;
  testKind: 'pcr' | 'antigen';
  sampledOn: string;
  result: 'negative' | 'positive';
  lab: string;
}

/**
 * Writes results inside the caller's transaction. A result already on record for the same person,
 * test and day counts once (a retry or a re-imported file); a different result for that day is a
 * conflict the caller reports. Risk status is recomputed for everyone written.
 */
export async function writeResults(ctx: AppContext, trx: Trx, actor: Actor, rows: NewResult[], source: 'manual' | 'import') {
  const now = ctx.now();
  const written: { id: number; personId: number; positive: boolean; sampledOn: string; testKind: string; repeated: boolean }[] = [];
  const conflicts: number[] = [];
  for (const [i, r] of rows.entries()) {
    const prior = await trx.selectFrom('test_results').select(['id', 'result']).where('person_id', '=', r.personId).where('test_kind', '=', r.testKind).where('sampled_on', '=', r.sampledOn).executeTakeFirst();
    if (prior) {
      if (prior.result !== r.result) conflicts.push(i);
      else written.push({ id: prior.id, personId: r.personId, positive: r.result === 'positive', sampledOn: r.sampledOn, testKind: r.testKind, repeated: true });
      continue;
    }
    const row = await trx
      .insertInto('test_results')
      .values({ person_id: r.personId, school_id: r.schoolId, test_kind: r.testKind, sampled_on: r.sampledOn, result: r.result, lab: r.lab, source, entered_by: actor.accountId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    written.push({ id: row.id, personId: r.personId, positive: r.result === 'positive', sampledOn: r.sampledOn, testKind: r.testKind, repeated: false });
  }
  if (conflicts.length) return { written, conflicts, risk: { changes: [] as RiskChange[] } };
  const risk = await recomputeRisk(trx, { personIds: [...new Set(written.map((w) => w.personId))] }, { now, today: schoolToday(ctx) });
  return { written, conflicts, risk };
}

/** Case notes are read by Chinese users, as the other services' notes (isolation reasons) are written. */
const TEST_KIND_ZH: Record<string, string> = { pcr: '核酸检测', antigen: '抗原检测' };
export function positiveNote(p: { id: number; testKind: string; sampledOn: string }): string {
  return `${TEST_KIND_ZH[p.testKind] ?? '检测'}阳性（${p.sampledOn} 采样，检测记录 #${p.id}）`;
}

/**
 * A positive opens a case through the cases service once the result is committed (a PCR positive
 * is confirmed, an antigen positive suspected). The key ties the case to the result, so a retried
 * entry or a re-imported file never opens a second case, and a failed first attempt is made good.
 */
export async function openCasesForPositives(ctx: AppContext, actor: Actor, positives: { id: number; personId: number; sampledOn: string; testKind: string }[], ip: string): Promise<number[]> {
  const ids: number[] = [];
  for (const p of positives) {
    const c = await createCase(ctx, actor, {
      personId: p.personId, disease: 'covid19', status: (p.testKind === 'pcr' ? 'confirmed' : 'suspected') as never, onsetDate: p.sampledOn, foundBy: 'test' as never, note: positiveNote(p), idempotencyKey: `test-result-${p.id}`,
    }, ip);
    ids.push(c.id);
  }
  return ids;
}

export async function recordResult(ctx: AppContext, actor: Actor, body: Static<typeof ResultBody>, ip: string) {
  const exists = await ctx.db.selectFrom('persons').select(['id', 'kind']).where('id', '=', body.personId).executeTakeFirst();
  if (!exists) throw new AppError('testing.person_unknown', 400, { field: 'personId' });
  const { schoolId } = await assertPersonInScope(ctx, actor, body.personId);
  if (exists.kind === 'co_resident') throw new AppError('testing.person_kind', 400, { field: 'personId' });
  if (body.sampledOn > schoolToday(ctx)) throw new AppError('testing.date_future', 400, { field: 'sampledOn' });
  const out = await inTransaction(ctx.db, async (trx, afterCommit) => {
    const r = await writeResults(ctx, trx, actor, [{ ...body, schoolId, lab: body.lab ?? '' }], 'manual');
    if (r.conflicts.length) throw new AppError('testing.result_conflict', 409, { field: 'result' });
    const w = r.written[0];
    if (!w.repeated) await writeAudit(trx, actor, { action: 'test_result.record', objectType: 'person', objectId: body.personId, detail: { resultId: w.id, testKind: body.testKind, sampledOn: body.sampledOn, result: body.result }, ip });
    afterCommit(() => notifyRiskChanges(ctx, r.risk.changes));
    return w;
  });
  const caseIds = out.positive ? await openCasesForPositives(ctx, actor, [out], ip) : [];
  const status = await ctx.db.selectFrom('risk_statuses').select('status').where('person_id', '=', body.personId).executeTakeFirst();
  return { id: out.id, repeated: out.repeated, caseId: caseIds[0] ?? null, riskStatus: status?.status ?? 'green' };
}

export async function listResults(ctx: AppContext, actor: Actor, q: Static<typeof ResultsQuery>, ip: string) {
  let query = ctx.db
    .selectFrom('test_results as t')
    .innerJoin('persons', 'persons.id', 't.person_id')
    .leftJoin('classes as cl', 'cl.id', 'persons.class_id')
    .leftJoin('grades as g', 'g.id', 'cl.grade_id')
    .select(['t.id', 't.person_id', 'persons.name', 't.school_id', sql<string | null>`g.name || cl.name`.as('class_name'), 't.test_kind', 't.sampled_on', 't.result', 't.lab', 't.source'])
    .where(personInScope(actor.scope, 'persons'));
  if (q.schoolId) query = query.where('t.school_id', '=', q.schoolId);
  if (q.classId) query = query.where('persons.class_id', '=', q.classId);
  if (q.personId) query = query.where('t.person_id', '=', q.personId);
  if (q.from) query = query.where('t.sampled_on', '>=', q.from);
  if (q.to) query = query.where('t.sampled_on', '<=', q.to);
  const rows = await query.orderBy('t.sampled_on', 'desc').orderBy('t.id', 'desc').limit(q.limit ?? 500).execute();
  await writeAudit(ctx.db, actor, { action: 'test_result.list', objectType: 'person', detail: { filter: q, count: rows.length }, ip });
  return {
    items: rows.map((r) => ({ id: r.id, personId: r.person_id, name: r.name, schoolId: r.school_id, className: r.class_name, testKind: r.test_kind, sampledOn: r.sampled_on, result: r.result, lab: r.lab, source: r.source })),
  };
}
