import { inTransaction } from '../../db/transaction';
import { triggerAction } from '../../domain/footing/footing';
import type { AppContext } from '../../http/context';
import { notifyResponse } from '../cases/notify';
import { footingSettingsFor } from './queries';
import { applySwitch, type Trigger } from './service';

/**
 * "Two triggers" (两触发): a confirmed case in a county, or an emergency-level alert, either switches
 * the county to emergency footing (when its settings say so) or proposes the switch to the bureau.
 * Runs after the case or alert has committed; a failure here never undoes the case.
 */
export async function regionTrigger(ctx: AppContext, o: { regionCode: string; trigger: Trigger; reason: string }) {
  const settings = await footingSettingsFor(ctx.db, o.regionCode);
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const current = await trx.selectFrom('footings').select('mode').where('scope_type', '=', 'region').where('scope_key', '=', o.regionCode).where('status', '=', 'in_force').executeTakeFirst();
    const pending = await trx.selectFrom('footings').select('id').where('scope_type', '=', 'region').where('scope_key', '=', o.regionCode).where('status', '=', 'proposed').executeTakeFirst();
    const action = triggerAction(current?.mode ?? 'normal', settings.autoSwitch, !!pending);
    if (action === 'switch') await applySwitch(ctx, trx, afterCommit, { scopeType: 'region', scopeKey: o.regionCode, mode: 'emergency', trigger: o.trigger, reason: o.reason, actor: null });
    if (action === 'propose') {
      const row = await trx
        .insertInto('footings')
        .values({ scope_type: 'region', scope_key: o.regionCode, mode: 'emergency', status: 'proposed', trigger: o.trigger, reason: o.reason, decided_by: null, at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      afterCommit(() => notifyResponse(ctx.db, [{ kind: 'footing_proposed', regionCode: o.regionCode, audience: ['task_force'], payload: { proposalId: row.id, trigger: o.trigger, reason: o.reason } }]));
    }
    return action;
  });
}

export async function confirmedCaseTrigger(ctx: AppContext, o: { schoolId: number; caseId: number; disease: string }) {
  const school = await ctx.db.selectFrom('schools').select(['region_code', 'name']).where('id', '=', o.schoolId).executeTakeFirstOrThrow();
  return regionTrigger(ctx, { regionCode: school.region_code, trigger: 'confirmed_case', reason: `confirmed ${o.disease} case #${o.caseId} at ${school.name}` });
}

/** For the early-warning capability: call when an alert reaches emergency level. */
export async function emergencyAlertTrigger(ctx: AppContext, o: { regionCode: string; alertId: number; summary: string }) {
  return regionTrigger(ctx, { regionCode: o.regionCode, trigger: 'emergency_alert', reason: `emergency alert #${o.alertId}: ${o.summary}` });
}
