import type { Trx } from '../../db/transaction';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import type { EmergencyAdjustments, FootingMode } from '../../domain/footing/footing';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { notifyResponse } from '../cases/notify';
import { schoolToday } from '../cases/school-date';
import { startCampaignFromTemplate } from '../screening/from-template';
import { footingSettingsFor } from './queries';

export type Trigger = 'confirmed_case' | 'emergency_alert' | 'decision';
export interface FootingScope {
  scopeType: 'region' | 'school';
  scopeKey: string;
}

async function regionOfScope(trx: Trx, s: FootingScope): Promise<string> {
  if (s.scopeType === 'region') return s.scopeKey;
  const school = await trx.selectFrom('schools').select('region_code').where('id', '=', Number(s.scopeKey)).executeTakeFirstOrThrow();
  return school.region_code;
}

/**
 * Puts a footing in force inside the caller's transaction: the previous record is superseded (one
 * in force per scope, held by a unique index), a switch to emergency starts the region's campaign
 * template, and the task forces hear about it after commit.
 */
export async function applySwitch(
  ctx: AppContext,
  trx: Trx,
  afterCommit: (hook: () => Promise<void>) => void,
  o: FootingScope & { mode: FootingMode; trigger: Trigger; reason: string; actor: Actor | null; ip?: string; proposalId?: number },
) {
  const now = ctx.now();
  await trx.updateTable('footings').set({ status: 'superseded' }).where('scope_type', '=', o.scopeType).where('scope_key', '=', o.scopeKey).where('status', '=', 'in_force').execute();
  let others = trx.updateTable('footings').set({ status: 'dismissed' }).where('scope_type', '=', o.scopeType).where('scope_key', '=', o.scopeKey).where('status', '=', 'proposed');
  if (o.proposalId) others = others.where('id', '<>', o.proposalId);
  await others.execute();
  // An accepted proposal becomes the record in force (its trigger and time stay as proposed).
  const row = o.proposalId
    ? await trx.updateTable('footings').set({ status: 'in_force', reason: o.reason, decided_by: o.actor?.accountId ?? null }).where('id', '=', o.proposalId).returning('id').executeTakeFirstOrThrow()
    : await trx
        .insertInto('footings')
        .values({ scope_type: o.scopeType, scope_key: o.scopeKey, mode: o.mode, status: 'in_force', trigger: o.trigger, reason: o.reason, decided_by: o.actor?.accountId ?? null, at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
  let campaignId: number | null = null;
  const regionCode = await regionOfScope(trx, o);
  if (o.mode === 'emergency') {
    const settings = await footingSettingsFor(trx, regionCode);
    if (settings.campaignTemplateId && o.scopeType === 'region') {
      campaignId = await startCampaignFromTemplate(trx, { templateId: settings.campaignTemplateId, regionCode, today: schoolToday(ctx), now, actorId: o.actor?.accountId ?? null });
    }
  }
  await writeAudit(trx, o.actor, { action: 'footing.switch', objectType: 'footing', objectId: row.id, detail: { scopeType: o.scopeType, scopeKey: o.scopeKey, mode: o.mode, trigger: o.trigger, campaignId }, ip: o.ip });
  afterCommit(() => notifyResponse(ctx.db, [{ kind: 'footing_switched', regionCode, ...(o.scopeType === 'school' ? { schoolId: Number(o.scopeKey) } : {}), audience: ['task_force', 'school_health'], payload: { mode: o.mode, trigger: o.trigger, reason: o.reason, campaignId } }]));
  return { id: row.id, campaignId };
}

export async function switchFooting(ctx: AppContext, actor: Actor, s: FootingScope & { mode: FootingMode; reason: string }, ip: string) {
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const current = await trx.selectFrom('footings').select('mode').where('scope_type', '=', s.scopeType).where('scope_key', '=', s.scopeKey).where('status', '=', 'in_force').executeTakeFirst();
    if ((current?.mode ?? 'normal') === s.mode) throw new AppError('footing.already', 409, { field: 'mode' });
    return applySwitch(ctx, trx, afterCommit, { ...s, trigger: 'decision', actor, ip });
  });
}

/** Accepts or dismisses a switch a trigger proposed; either way the decision is on record. */
export async function decideProposal(ctx: AppContext, actor: Actor, id: number, accept: boolean, reason: string, ip: string) {
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const p = await trx.selectFrom('footings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!p) throw new AppError('error.not_found', 404);
    if (p.status !== 'proposed') throw new AppError('footing.not_proposed', 409, { field: 'id' });
    if (!accept) {
      await trx.updateTable('footings').set({ status: 'dismissed', decided_by: actor.accountId }).where('id', '=', id).execute();
      await writeAudit(trx, actor, { action: 'footing.dismiss', objectType: 'footing', objectId: id, detail: { reason }, ip });
      return { id, campaignId: null };
    }
    return applySwitch(ctx, trx, afterCommit, { scopeType: p.scope_type, scopeKey: p.scope_key, mode: p.mode, trigger: p.trigger, reason: `${p.reason}; ${reason}`, actor, ip, proposalId: id });
  });
}

export async function saveFootingSettings(ctx: AppContext, actor: Actor, regionCode: string, body: { autoSwitch: boolean; emergencyAdjustments: EmergencyAdjustments; campaignTemplateId?: number | null }, ip: string) {
  return inTransaction(ctx.db, async (trx) => {
    if (body.campaignTemplateId) {
      const t = await trx.selectFrom('screening_campaigns').select('id').where('id', '=', body.campaignTemplateId).where('status', '=', 'template').executeTakeFirst();
      if (!t) throw new AppError('footing.template_unknown', 400, { field: 'campaignTemplateId' });
    }
    const values = { auto_switch: body.autoSwitch, emergency_adjustments: JSON.stringify(body.emergencyAdjustments), campaign_template_id: body.campaignTemplateId ?? null };
    await trx.insertInto('footing_settings').values({ region_code: regionCode, ...values }).onConflict((oc) => oc.column('region_code').doUpdateSet(values)).execute();
    await writeAudit(trx, actor, { action: 'footing.settings', objectType: 'region', objectId: regionCode, detail: body as unknown as Record<string, unknown>, ip });
    return { ok: true };
  });
}
