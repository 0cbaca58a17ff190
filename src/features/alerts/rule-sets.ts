import { type Kysely, sql } from 'kysely';
import { regionInScope } from '../../db/scope';
import type { Database } from '../../db/tables';
import { inTransaction } from '../../db/transaction';
import { DEFAULT_RULE_SET, mergeRuleSets, type RuleSet, type RuleSetOverride, validateRuleSet } from '../../domain/alerts';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';

/** Minutes a new alert may wait for acknowledgement before it escalates, unless a region says otherwise. */
export const DEFAULT_ESCALATE_AFTER_MINUTES = 60;

/** A region's effective rules: the defaults, overridden province → city → county. */
export async function effectiveRules(db: Kysely<Database>, regionCode: string) {
  const chain = await db.selectFrom('region_closure').innerJoin('regions', 'regions.code', 'region_closure.ancestor_code')
    .leftJoin('alert_rule_sets', 'alert_rule_sets.region_code', 'region_closure.ancestor_code')
    .select(['regions.code', 'regions.name', 'regions.level', 'region_closure.depth', 'alert_rule_sets.override', 'alert_rule_sets.escalate_after_minutes'])
    .where('region_closure.code', '=', regionCode).orderBy('region_closure.depth', 'desc').execute();
  const overrides = chain.map((c) => (c.override ?? null) as RuleSetOverride | null);
  const minutes = [...chain].reverse().find((c) => c.escalate_after_minutes != null)?.escalate_after_minutes ?? DEFAULT_ESCALATE_AFTER_MINUTES;
  return { ruleSet: mergeRuleSets(DEFAULT_RULE_SET, ...overrides), escalateAfterMinutes: minutes, chain };
}

// Every key an override may name; disease entries share one template (the disease code itself is
// checked by the domain validator, which knows the disease list).
const DISEASE_KEYS = {
  enabled: 1, caseDefinition: 1, windowDays: 1, dayMode: 1, reportWindowDays: 1, reportDeadline: 1, emergencyDeadline: 1,
  class: { casesInWindow: 1, casesInDay: 1, currentlyIllShare: 1 }, dorm: { casesInWindow: 1 }, school: { report: 1, emergency: 1, emergencyHospitalised: 1, emergencyDeaths: 1 },
};
const TEMPLATE = {
  cluster: { enabled: 1, casesInDay: 1, casesInWindow: 1, windowDays: 1, dayMode: 1, units: 1, deadline: 1 },
  singleCase: { notifiable: { enabled: 1, deadline: 1, diseases: 1 }, severe: { enabled: 1, deadline: 1 } },
  diseases: '*',
};

function unknownField(value: unknown, template: unknown, path: string): string | null {
  if (template === 1 || value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const t = template === '*' ? DISEASE_KEYS : (template as Record<string, unknown>)[k];
    if (t === undefined) return `${path}.${k}`;
    const deeper = unknownField(v, t, `${path}.${k}`);
    if (deeper) return deeper;
  }
  return null;
}

async function assertRegionInScope(ctx: AppContext, actor: Actor, regionCode: string) {
  const row = await ctx.db.selectFrom('regions').select(sql<boolean>`${regionInScope(actor.scope, 'regions.code')}`.as('allowed')).where('code', '=', regionCode).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  if (!row.allowed) throw new AppError('error.out_of_scope', 403);
}

export async function getRuleSet(ctx: AppContext, actor: Actor, regionCode: string) {
  await assertRegionInScope(ctx, actor, regionCode);
  const { ruleSet, escalateAfterMinutes, chain } = await effectiveRules(ctx.db, regionCode);
  const own = chain.find((c) => c.code === regionCode);
  return {
    regionCode, override: (own?.override ?? {}) as Record<string, unknown>, escalateAfterMinutes: own?.escalate_after_minutes ?? null,
    effective: ruleSet as unknown as Record<string, unknown>, effectiveEscalateAfterMinutes: escalateAfterMinutes,
    inherited: chain.filter((c) => c.code !== regionCode && c.override).map((c) => ({ regionCode: c.code, name: c.name, override: c.override as Record<string, unknown> })),
  };
}

/**
 * Saves a region's override after checking it: known keys only, and the merged result must be a valid
 * rule set for this region (an unknown disease or a negative threshold is refused, naming the field).
 */
export async function putRuleSet(ctx: AppContext, actor: Actor, regionCode: string, body: { override: Record<string, unknown>; escalateAfterMinutes?: number | null }, ip?: string) {
  await assertRegionInScope(ctx, actor, regionCode);
  const unknown = unknownField(body.override, TEMPLATE, 'override');
  if (unknown) throw new AppError('validation.unknown_field', 400, { field: unknown });
  const above = await effectiveRules(ctx.db, regionCode);
  const own = above.chain.find((c) => c.code === regionCode);
  const parents = above.chain.filter((c) => c.code !== regionCode).map((c) => (c.override ?? null) as RuleSetOverride | null);
  const merged: RuleSet = mergeRuleSets(DEFAULT_RULE_SET, ...parents, body.override as RuleSetOverride);
  const problems = validateRuleSet(merged);
  if (problems.length) throw new AppError(`alert_rules.${problems[0].code}`, 400, { field: `override.${problems[0].field}` }, { problems });
  await inTransaction(ctx.db, async (trx) => {
    const values = { override: JSON.stringify(body.override), escalate_after_minutes: body.escalateAfterMinutes ?? null, updated_by: actor.accountId, updated_at: ctx.now() };
    await trx.insertInto('alert_rule_sets').values({ region_code: regionCode, ...values })
      .onConflict((oc) => oc.column('region_code').doUpdateSet(values)).execute();
    await writeAudit(trx, actor, { action: 'alert_rules.update', objectType: 'region', objectId: regionCode, detail: { before: own?.override ?? null, after: body.override, escalateAfterMinutes: body.escalateAfterMinutes ?? null }, ip });
  });
  return getRuleSet(ctx, actor, regionCode);
}
