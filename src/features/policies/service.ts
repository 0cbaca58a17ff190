import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { SHIPPED_DISEASES } from '../../domain/policies/profiles';
import type { PolicyRules } from '../../domain/policies/types';
import { policyProblem } from '../../domain/policies/validate';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertRegionInScope } from '../cases/school-date';
import { effectivePolicy, policyVersions } from './queries';
import type { SavePolicyBody } from './schema';

/** Policies are public rules, not personal data: any reader may look at any region's, which must exist. */
async function knownRegion(ctx: AppContext, regionCode: string) {
  const row = await ctx.db.selectFrom('regions').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!row) throw new AppError('response.region_unknown', 400, { field: 'regionCode' });
}

/** The policies in force for a region (the caller's own region when none is given). */
export async function listPolicies(ctx: AppContext, actor: Actor, regionCode: string | undefined) {
  const region = regionCode ?? (actor.scope.kind === 'region' ? actor.scope.regionCode : null);
  if (region) await knownRegion(ctx, region);
  const items = [];
  for (const disease of SHIPPED_DISEASES) items.push(await effectivePolicy(ctx.db, disease, region));
  return { items };
}

export async function policyDetail(ctx: AppContext, _actor: Actor, disease: string, regionCode: string | undefined) {
  if (regionCode) await knownRegion(ctx, regionCode);
  const current = await effectivePolicy(ctx.db, disease, regionCode ?? null);
  return { current, versions: await policyVersions(ctx.db, disease) };
}

/**
 * A province or city edits a policy by adding a version for its region; earlier versions stay, so
 * every isolation, contact and release keeps pointing at the rules it was decided under.
 */
export async function savePolicy(ctx: AppContext, actor: Actor, disease: string, body: Static<typeof SavePolicyBody>, ip: string) {
  const region = await assertRegionInScope(ctx, actor, body.regionCode);
  if (region.level === 'county') throw new AppError('policy.region_level', 400, { field: 'regionCode' });
  const problem = policyProblem(body.rules as PolicyRules);
  if (problem) throw new AppError(`policy.rule_${problem.code}`, 400, { field: problem.field });
  await effectivePolicy(ctx.db, disease, null);
  return inTransaction(ctx.db, async (trx) => {
    const last = await trx
      .selectFrom('disease_policies')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('disease', '=', disease)
      .where('region_code', '=', body.regionCode)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = await trx
      .insertInto('disease_policies')
      .values({ disease, region_code: body.regionCode, version, rules: JSON.stringify(body.rules), note: body.note, created_by: actor.accountId, created_at: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'policy.save', objectType: 'disease_policy', objectId: row.id, detail: { disease, regionCode: body.regionCode, version }, ip });
    return { id: row.id, version };
  });
}
