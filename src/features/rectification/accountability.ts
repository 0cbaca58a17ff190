import { sql } from 'kysely';
import type { Static } from 'typebox';
import { regionInScope, schoolInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';
import { assertRegionInScope } from '../governance-dashboard/shared';
import type { AccountabilityBody, AccountabilityQuery } from './schema';

/**
 * 问责 records attach to a person (an account) and to the school or region where it happened. A record
 * tied to a finding takes the finding's school; otherwise the person's school or bureau region.
 */
export async function recordAccountability(ctx: AppContext, actor: Actor, body: Static<typeof AccountabilityBody>, ip: string) {
  let schoolId = body.schoolId ?? null;
  if (body.findingId) {
    const f = await ctx.db.selectFrom('findings').select('school_id').where('id', '=', body.findingId).executeTakeFirst();
    if (!f) throw new AppError('error.not_found', 404, { field: 'findingId' });
    schoolId = f.school_id;
  }
  const person = await ctx.db.selectFrom('accounts').select(['id', 'school_id', 'region_code']).where('id', '=', body.accountId).executeTakeFirst();
  if (!person) throw new AppError('accountability.account_unknown', 400, { field: 'accountId' });
  schoolId ??= person.school_id;
  let regionCode: string;
  if (schoolId) {
    await assertSchoolInScope(ctx, actor, schoolId);
    regionCode = (await ctx.db.selectFrom('schools').select('region_code').where('id', '=', schoolId).executeTakeFirstOrThrow()).region_code;
  } else if (person.region_code) {
    regionCode = (await assertRegionInScope(ctx, actor, person.region_code, 'accountId')).code;
  } else throw new AppError('accountability.account_unknown', 400, { field: 'accountId' });
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('accountability_records')
      .values({ account_id: body.accountId, school_id: schoolId, region_code: regionCode, finding_id: body.findingId ?? null, measure: body.measure as never, reason: body.reason, decided_on: body.decidedOn, decided_by: actor.accountId, created_at: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'accountability.record', objectType: 'account', objectId: body.accountId, detail: { recordId: row.id, measure: body.measure, findingId: body.findingId ?? null }, ip });
    return { id: row.id };
  });
}

export async function listAccountability(ctx: AppContext, actor: Actor, q: Static<typeof AccountabilityQuery>) {
  let query = ctx.db
    .selectFrom('accountability_records as r')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .leftJoin('schools as s', 's.id', 'r.school_id')
    .select(['r.id', 'r.account_id', 'a.display_name', 'r.school_id', 's.name as school_name', 'r.region_code', 'r.finding_id', 'r.measure', 'r.reason', 'r.decided_on'])
    .where((eb) => eb.or([eb.and([eb('r.school_id', 'is not', null), schoolInScope(actor.scope, 'r.school_id')]), eb.and([eb('r.school_id', 'is', null), regionInScope(actor.scope, 'r.region_code')])]));
  if (q.schoolId) query = query.where('r.school_id', '=', q.schoolId);
  if (q.regionCode) query = query.where(sql<boolean>`r.region_code in (select code from region_closure where ancestor_code = ${q.regionCode})`);
  const rows = await query.orderBy('r.decided_on', 'desc').limit(500).execute();
  return {
    items: rows.map((r) => ({ id: r.id, accountId: r.account_id, name: r.display_name, schoolId: r.school_id, schoolName: r.school_name, regionCode: r.region_code, findingId: r.finding_id, measure: r.measure, reason: r.reason, decidedOn: r.decided_on })),
  };
}
