import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { scoreAnswers, unansweredItems } from '../../domain/inspections/methods';
import { evidenceProblem, sniffEvidenceType } from '../../domain/rectification/evidence-type';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { ensureGuidanceChecklist, versionItems } from '../checklists/guidance';
import { liveFiguresFor } from '../checklists/live-figures';
import { insertFinding } from '../rectification/create-finding';
import { findingQuery, toFindingSummary } from '../rectification/queries';
import { assertSchoolInScope } from '../scope-guard';
import { schoolDateOf } from '../governance-dashboard/shared';
import { inspectionQuery, inspectionVisible, toInspectionSummary } from './queries';
import type { AnswersBody, CompleteBody, CreateInspectionBody } from './schema';

const OFFICER_ROLES = ['province_officer', 'city_officer', 'county_officer'];
const isSchoolAccount = (actor: Actor) => !OFFICER_ROLES.includes(actor.role);

/** Visible to the caller or 404: a hidden visit answers exactly like one that does not exist. */
async function visibleInspection(ctx: AppContext, actor: Actor, id: number) {
  const row = await ctx.db
    .selectFrom('inspections as i')
    .select(['i.id', 'i.school_id', 'i.level', 'i.status', 'i.checklist_version_id', sql<boolean>`${inspectionVisible(actor.scope, 'i')}`.as('visible')])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row || !row.visible) {
    if (row) await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: 'inspection', objectId: id, result: 'denied' });
    throw new AppError('error.not_found', 404);
  }
  return row;
}

function assertCanWork(actor: Actor, ins: { level: string; status: string }) {
  if (isSchoolAccount(actor) && ins.level !== 'school') throw new AppError('inspection.not_yours', 403);
  if (ins.status === 'completed' || ins.status === 'cancelled') throw new AppError('inspection.closed', 409);
}

export async function createInspection(ctx: AppContext, actor: Actor, body: Static<typeof CreateInspectionBody>, ip: string) {
  await assertSchoolInScope(ctx, actor, body.schoolId);
  const hidden = body.method === 'covert' || body.unannounced === true;
  if (isSchoolAccount(actor) && (body.level !== 'school' || hidden)) throw new AppError('inspection.level_not_allowed', 400, { field: body.level !== 'school' ? 'level' : 'method' });
  const school = await ctx.db.selectFrom('schools').select('region_code').where('id', '=', body.schoolId).executeTakeFirstOrThrow();
  // Inspectors: bureau officers whose region contains the school, or for a school-level check the school's own administrators.
  const inspectors = await sql<{ id: number; ok: boolean }>`
    select a.id, (a.disabled_at is null and (
      (a.role in ('province_officer', 'city_officer', 'county_officer') and a.region_code in (select ancestor_code from region_closure where code = ${school.region_code}))
      or (${body.level} = 'school' and a.role = 'school_admin' and a.school_id = ${body.schoolId}))) as ok
    from accounts a where a.id = any(${sql.val(body.inspectorIds)}::bigint[])`.execute(ctx.db);
  for (const [i, id] of body.inspectorIds.entries()) {
    if (!inspectors.rows.find((r) => Number(r.id) === id && r.ok)) throw new AppError('inspection.inspector_invalid', 400, { field: `inspectorIds/${i}` });
  }
  return inTransaction(ctx.db, async (trx) => {
    let versionId = body.checklistVersionId;
    if (versionId) {
      const v = await trx.selectFrom('checklist_versions').select('id').where('id', '=', versionId).executeTakeFirst();
      if (!v) throw new AppError('inspection.checklist_unknown', 400, { field: 'checklistVersionId' });
    } else versionId = await ensureGuidanceChecklist(trx, ctx.now());
    const row = await trx
      .insertInto('inspections')
      .values({ school_id: body.schoolId, region_code: actor.scope.kind === 'region' ? actor.scope.regionCode : school.region_code, level: body.level, method: body.method, unannounced: hidden, status: 'planned', scheduled_on: body.scheduledOn, checklist_version_id: versionId, draw_id: null, score: null, created_by: actor.accountId, created_at: ctx.now(), started_at: null, completed_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('inspection_inspectors').values([...new Set(body.inspectorIds)].map((account_id) => ({ inspection_id: row.id, account_id }))).execute();
    await writeAudit(trx, actor, { action: 'inspection.create', objectType: 'inspection', objectId: row.id, detail: { schoolId: body.schoolId, method: body.method, hidden }, ip });
    return { id: row.id };
  });
}

export async function inspectionDetail(ctx: AppContext, actor: Actor, id: number) {
  const ins = await visibleInspection(ctx, actor, id);
  const row = await inspectionQuery(ctx).where('i.id', '=', id).executeTakeFirstOrThrow();
  const items = await versionItems(ctx.db, ins.checklist_version_id);
  const version = await ctx.db.selectFrom('checklist_versions as v').innerJoin('checklist_templates as t', 't.id', 'v.template_id').select(['v.id', 't.name', 'v.version']).where('v.id', '=', ins.checklist_version_id).executeTakeFirstOrThrow();
  const answers = await ctx.db.selectFrom('inspection_answers').select(['item_key', 'result', 'note']).where('inspection_id', '=', id).execute();
  const photos = await ctx.db.selectFrom('inspection_photos').select(['id', 'item_key']).where('inspection_id', '=', id).orderBy('id').execute();
  const live = await liveFiguresFor(ctx, items, ins.school_id);
  const findings = await findingQuery(ctx, schoolDateOf(ctx.now())).where('f.inspection_id', '=', id).orderBy('f.id').execute();
  await writeAudit(ctx.db, actor, { action: 'inspection.read', objectType: 'inspection', objectId: id });
  return {
    inspection: toInspectionSummary(row),
    summary: row.summary,
    checklist: { versionId: version.id, name: version.name, version: version.version },
    items: items.map((item) => {
      const a = answers.find((x) => x.item_key === item.key);
      return { ...item, answer: a ? { result: a.result, note: a.note } : null, liveFigure: live[item.key] ?? null, photoIds: photos.filter((p) => p.item_key === item.key).map((p) => p.id) };
    }),
    findings: findings.map(toFindingSummary),
    can: { work: !(isSchoolAccount(actor) && ins.level !== 'school') && ins.status !== 'completed' && ins.status !== 'cancelled' },
  };
}

/** Answers are saved item by item as the inspector walks the site; saving again overwrites the item. */
export async function recordAnswers(ctx: AppContext, actor: Actor, id: number, body: Static<typeof AnswersBody>, ip: string) {
  const ins = await visibleInspection(ctx, actor, id);
  assertCanWork(actor, ins);
  const keys = new Set((await versionItems(ctx.db, ins.checklist_version_id)).map((i) => i.key));
  body.answers.forEach((a, i) => {
    if (!keys.has(a.itemKey)) throw new AppError('inspection.item_unknown', 400, { field: `answers/${i}/itemKey` });
  });
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const locked = await trx.selectFrom('inspections').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status === 'completed' || locked.status === 'cancelled') throw new AppError('inspection.closed', 409);
    for (const a of body.answers) {
      await trx
        .insertInto('inspection_answers')
        .values({ inspection_id: id, item_key: a.itemKey, result: a.result, note: a.note ?? '', answered_by: actor.accountId, answered_at: now })
        .onConflict((oc) => oc.columns(['inspection_id', 'item_key']).doUpdateSet({ result: a.result, note: a.note ?? '', answered_by: actor.accountId, answered_at: now }))
        .execute();
    }
    await trx.updateTable('inspections').set({ status: 'in_progress', started_at: sql`coalesce(started_at, ${now})`, version: sql`version + 1` }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'inspection.answer', objectType: 'inspection', objectId: id, detail: { items: body.answers.map((a) => a.itemKey) }, ip });
    return { ok: true };
  });
}

export async function uploadPhoto(ctx: AppContext, actor: Actor, id: number, file: Buffer, declared: string | undefined, itemKey: string | undefined, ip: string) {
  const ins = await visibleInspection(ctx, actor, id);
  assertCanWork(actor, ins);
  const problem = evidenceProblem(file, declared, true);
  if (problem) throw new AppError(problem, problem === 'evidence.too_large' ? 413 : 400, { field: 'file' });
  if (itemKey && !(await versionItems(ctx.db, ins.checklist_version_id)).some((i) => i.key === itemKey)) throw new AppError('inspection.item_unknown', 400, { field: 'itemKey' });
  const sha = createHash('sha256').update(file).digest('hex');
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('inspection_photos')
      .values({ inspection_id: id, item_key: itemKey ?? null, content_type: sniffEvidenceType(file)!, size: file.length, sha256: sha, data: file, uploaded_by: actor.accountId, uploaded_at: ctx.now() })
      .onConflict((oc) => oc.columns(['inspection_id', 'sha256']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return { id: (await trx.selectFrom('inspection_photos').select('id').where('inspection_id', '=', id).where('sha256', '=', sha).executeTakeFirstOrThrow()).id };
    await writeAudit(trx, actor, { action: 'inspection.photo', objectType: 'inspection', objectId: id, detail: { photoId: row.id, size: file.length }, ip });
    return { id: row.id };
  });
}

export async function inspectionPhoto(ctx: AppContext, actor: Actor, id: number, photoId: number) {
  await visibleInspection(ctx, actor, id);
  const row = await ctx.db.selectFrom('inspection_photos').select(['content_type', 'data']).where('id', '=', photoId).where('inspection_id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  return row;
}

/** Completing needs every item answered; the score follows from the answers; findings are written with it. */
export async function completeInspection(ctx: AppContext, actor: Actor, id: number, body: Static<typeof CompleteBody>, ip: string) {
  const ins = await visibleInspection(ctx, actor, id);
  assertCanWork(actor, ins);
  const items = await versionItems(ctx.db, ins.checklist_version_id);
  return inTransaction(ctx.db, async (trx) => {
    const locked = await trx.selectFrom('inspections').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status === 'completed' || locked.status === 'cancelled') throw new AppError('inspection.closed', 409);
    const answers = (await trx.selectFrom('inspection_answers').select(['item_key', 'result']).where('inspection_id', '=', id).execute()).map((a) => ({ itemKey: a.item_key, result: a.result }));
    const missing = unansweredItems(items, answers);
    if (missing.length) throw new AppError('inspection.unanswered', 400, { field: 'answers', count: missing.length }, { missing });
    const score = scoreAnswers(items, answers);
    const findingIds: number[] = [];
    for (const [i, f] of (body.findings ?? []).entries()) {
      findingIds.push(await insertFinding(trx, ctx, actor, { schoolId: ins.school_id, source: 'inspection', inspectionId: id, itemKeys: items.map((x) => x.key) }, f, `findings/${i}/`, ip));
    }
    await trx.updateTable('inspections').set({ status: 'completed', score, summary: body.summary, completed_at: ctx.now(), started_at: sql`coalesce(started_at, ${ctx.now()})`, version: sql`version + 1` }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'inspection.complete', objectType: 'inspection', objectId: id, detail: { score, findings: findingIds }, ip });
    return { id, score, findingIds };
  });
}
