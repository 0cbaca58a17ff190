import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { defaultPolicy, effectivePolicy } from '../../domain/absences/policies';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { schoolDiseases } from '../../reference';
import { writeAudit } from '../audit/write-audit';
import type { PolicyBody } from './schema';

/** Return criteria in force for a region: each disease's default under the nearest province/city override. */
export async function listPolicies(ctx: AppContext, actor: Actor, regionCode: string | undefined) {
  // School staff see the criteria their school's certificates are checked against: those of its county.
  const schoolId = actor.scope.kind === 'school' || actor.scope.kind === 'class' ? actor.scope.schoolId : null;
  const schoolRegion = !regionCode && schoolId ? (await ctx.db.selectFrom('schools').select('region_code').where('id', '=', schoolId).executeTakeFirst())?.region_code ?? null : null;
  const region = regionCode ?? (actor.scope.kind === 'region' ? actor.scope.regionCode : schoolRegion);
  const overrides = region
    ? await ctx.db.selectFrom('region_closure as rc').innerJoin('return_policies as rp', 'rp.region_code', 'rc.ancestor_code').selectAll('rp').select('rc.depth')
      .where('rc.code', '=', region).orderBy('rc.depth').execute()
    : [];
  return {
    regionCode: region,
    items: schoolDiseases().diseases.map((d) => {
      const own = overrides.filter((o) => o.disease_code === d.code).map((o) => ({
        minDaysFromOnset: o.min_days_from_onset, feverFreeHours: o.fever_free_hours, symptomFreeHours: o.symptom_free_hours,
        requiresLesionsCrusted: o.requires_lesions_crusted, requiresTestNegative: o.requires_test_negative,
      }));
      return { ...effectivePolicy(defaultPolicy(d), own), nameZh: d.nameZh, nameEn: d.nameEn, textZh: d.returnZh, textEn: d.returnEn, overridden: own.length > 0 };
    }),
  };
}

/** A province or city bureau sets its own criteria for a disease, within its own region. */
export async function setPolicy(ctx: AppContext, actor: Actor, regionCode: string, diseaseCode: string, b: Static<typeof PolicyBody>, ip?: string) {
  if (!schoolDiseases().diseases.some((d) => d.code === diseaseCode)) throw new AppError('absence.diagnosis_unknown', 400, { field: 'diseaseCode' });
  const region = await ctx.db.selectFrom('regions').select('level').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw new AppError('error.not_found', 404);
  if (region.level === 'county') throw new AppError('absence.region_not_policy_level', 400, { field: 'regionCode' });
  const inside = actor.scope.kind === 'all' || (actor.scope.kind === 'region' && !!(await ctx.db.selectFrom('region_closure').select('code').where('ancestor_code', '=', actor.scope.regionCode).where('code', '=', regionCode).executeTakeFirst()));
  if (!inside) throw new AppError('error.out_of_scope', 403);
  await inTransaction(ctx.db, async (trx) => {
    const values = {
      min_days_from_onset: b.minDaysFromOnset, fever_free_hours: b.feverFreeHours, symptom_free_hours: b.symptomFreeHours,
      requires_lesions_crusted: b.requiresLesionsCrusted, requires_test_negative: b.requiresTestNegative, updated_by: actor.accountId, updated_at: ctx.now(),
    };
    await trx.insertInto('return_policies').values({ region_code: regionCode, disease_code: diseaseCode, ...values })
      .onConflict((oc) => oc.columns(['region_code', 'disease_code']).doUpdateSet(values)).execute();
    await writeAudit(trx, actor, { action: 'return_policy.set', objectType: 'return_policy', objectId: `${regionCode}/${diseaseCode}`, detail: b, ip });
  });
  return { ok: true };
}
