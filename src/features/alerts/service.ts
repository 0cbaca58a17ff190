import { sql } from 'kysely';
import { inTransaction } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { allowedTransitions, type TransitionRequest, transitionProblem } from './lifecycle';
import { alertRows, toAlertSummary } from './queries';
import { alertInScope } from './scope';

/** 404 when the alert does not exist, 403 (audited) when it is outside the caller's scope. */
async function assertAlertInScope(ctx: AppContext, actor: Actor, alertId: number) {
  const row = await ctx.db.selectFrom('alerts').select(['id', sql<boolean>`${alertInScope(actor.scope, 'alerts')}`.as('allowed')]).where('id', '=', alertId).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  if (!row.allowed) {
    await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: 'alert', objectId: alertId, result: 'denied' });
    throw new AppError('error.out_of_scope', 403);
  }
}

function canHandle(actor: Actor, unitKind: string) {
  // Region-level signals belong to the bureaus; school staff work their school's alerts.
  if (!can(actor, 'alert.handle')) return false;
  return unitKind !== 'region' || actor.scope.kind === 'region' || actor.scope.kind === 'all';
}

/** One alert with its persons, episodes and timeline. Names of ill children: audited as a personal-data read. */
export async function alertDetail(ctx: AppContext, actor: Actor, alertId: number, ip?: string) {
  await assertAlertInScope(ctx, actor, alertId);
  const row = await alertRows(ctx.db).where('alerts.id', '=', alertId).executeTakeFirstOrThrow();
  const persons = await ctx.db.selectFrom('alert_persons').innerJoin('persons', 'persons.id', 'alert_persons.person_id').leftJoin('classes', 'classes.id', 'persons.class_id')
    .select(['persons.id', 'persons.name', 'persons.kind', 'classes.name as class_name', 'alert_persons.added_at']).where('alert_persons.alert_id', '=', alertId).orderBy('alert_persons.added_at').orderBy('persons.id').execute();
  const episodes = await ctx.db.selectFrom('alert_episodes').innerJoin('absence_episodes', 'absence_episodes.id', 'alert_episodes.episode_id')
    .select(['absence_episodes.id', 'absence_episodes.person_id', 'absence_episodes.status', 'absence_episodes.opened_on', 'absence_episodes.last_absent_on', 'absence_episodes.symptoms', 'absence_episodes.diagnosis_code', 'absence_episodes.closed_on'])
    .where('alert_episodes.alert_id', '=', alertId).orderBy('absence_episodes.id').execute();
  const events = await ctx.db.selectFrom('alert_events').leftJoin('accounts', 'accounts.id', 'alert_events.actor_id')
    .select(['alert_events.id', 'alert_events.at', 'alert_events.action', 'alert_events.from_status', 'alert_events.to_status', 'alert_events.note', 'accounts.display_name'])
    .where('alert_events.alert_id', '=', alertId).orderBy('alert_events.id').execute();
  await writeAudit(ctx.db, actor, { action: 'alert.read', objectType: 'alert', objectId: alertId, detail: { persons: persons.length }, ip });
  const handle = canHandle(actor, row.unit_kind);
  return {
    alert: toAlertSummary(row, ctx.now()),
    persons: persons.map((p) => ({ id: p.id, name: p.name, kind: p.kind, className: p.class_name, addedAt: p.added_at.toISOString() })),
    episodes: episodes.map((e) => ({ id: e.id, personId: e.person_id, status: e.status, openedOn: e.opened_on, lastAbsentOn: e.last_absent_on, symptoms: e.symptoms, diagnosisCode: e.diagnosis_code, closedOn: e.closed_on })),
    events: events.map((e) => ({ id: e.id, at: e.at.toISOString(), action: e.action, fromStatus: e.from_status, toStatus: e.to_status, note: e.note, actorName: e.display_name })),
    can: { transitions: handle ? allowedTransitions(row.status) : [] },
  };
}

/**
 * One step of the life cycle, validated by the pure rule and written with its event and audit row in
 * one transaction. Asking again for the state the alert is already in changes nothing (a retried
 * click), so a step is never recorded twice.
 */
export async function transitionAlert(ctx: AppContext, actor: Actor, alertId: number, req: TransitionRequest, ip?: string) {
  await assertAlertInScope(ctx, actor, alertId);
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const a = await trx.selectFrom('alerts').select(['id', 'status', 'unit_kind', 'version', 'outcome']).where('id', '=', alertId).forUpdate().executeTakeFirstOrThrow();
    if (!canHandle(actor, a.unit_kind)) throw new AppError('error.forbidden', 403);
    if (a.status === req.to && (req.to !== 'closed' || a.outcome === req.outcome)) return { id: a.id, status: a.status, version: a.version, unchanged: true };
    const problem = transitionProblem(a.status, req);
    if (problem) throw new AppError(problem.code, problem.code === 'validation.required' ? 400 : 409, { field: problem.field, from: a.status, to: req.to });
    const note = req.note?.trim() || null;
    const stamp =
      req.to === 'acknowledged' ? { acknowledged_at: now, acknowledged_by: actor.accountId }
      : req.to === 'reported_to_cdc' ? { reported_at: now, reported_by: actor.accountId }
      : req.to === 'closed' ? { closed_at: now, closed_by: actor.accountId, outcome: req.outcome!, close_note: note }
      : {};
    const updated = await trx.updateTable('alerts').set({ status: req.to, updated_at: now, version: a.version + 1, ...stamp }).where('id', '=', alertId).returning(['status', 'version']).executeTakeFirstOrThrow();
    await trx.insertInto('alert_events').values({ alert_id: alertId, at: now, actor_id: actor.accountId, action: 'status', from_status: a.status, to_status: req.to, note, detail: JSON.stringify(req.outcome ? { outcome: req.outcome } : {}) }).execute();
    await writeAudit(trx, actor, { action: `alert.${req.to}`, objectType: 'alert', objectId: alertId, detail: { from: a.status, to: req.to, outcome: req.outcome ?? null }, ip });
    return { id: alertId, status: updated.status, version: updated.version, unchanged: false };
  });
}

/** The person file's section: alerts the person is part of, as far as the reader's scope reaches. */
export async function alertsOfPerson(ctx: AppContext, actor: Actor, personId: number) {
  if (!can(actor, 'alert.read')) return [];
  const rows = await alertRows(ctx.db).innerJoin('alert_persons', 'alert_persons.alert_id', 'alerts.id')
    .where('alert_persons.person_id', '=', personId).where(alertInScope(actor.scope, 'alerts')).orderBy('alerts.raised_at', 'desc').limit(100).execute();
  return rows.map((r) => toAlertSummary(r, ctx.now()));
}
