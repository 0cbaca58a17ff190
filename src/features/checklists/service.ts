import { sql } from 'kysely';
import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { type ChecklistItem, checklistProblems } from '../../domain/checklists/items';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';
import { assertRegionInScope } from '../governance-dashboard/shared';
import { ensureGuidanceChecklist, versionItems } from './guidance';
import { liveFiguresFor } from './live-figures';
import type { CreateChecklistBody, NewVersionBody } from './schema';

function assertItems(items: ChecklistItem[]) {
  const problems = checklistProblems(items);
  if (problems.length) throw new AppError(problems[0].code, 400, { field: problems[0].field }, problems);
}

export async function listChecklists(ctx: AppContext) {
  await ensureGuidanceChecklist(ctx.db, ctx.now());
  const rows = await sql<{ id: number; key: string; name: string; region_code: string | null; version_id: number; version: number; items: number; created_at: Date }>`
    select t.id, t.key, t.name, t.region_code, v.id as version_id, v.version, jsonb_array_length(v.items) as items, v.created_at
    from checklist_templates t join lateral (select * from checklist_versions cv where cv.template_id = t.id order by cv.version desc limit 1) v on true
    order by t.id`.execute(ctx.db);
  return { items: rows.rows.map((r) => ({ id: r.id, key: r.key, name: r.name, regionCode: r.region_code, latestVersionId: r.version_id, latestVersion: r.version, itemCount: Number(r.items), updatedAt: new Date(r.created_at).toISOString() })) };
}

/** One version with its items; with a school, the live figures beside the items that have one. */
export async function checklistVersion(ctx: AppContext, actor: Actor, versionId: number, schoolId?: number) {
  const row = await ctx.db.selectFrom('checklist_versions as v').innerJoin('checklist_templates as t', 't.id', 'v.template_id').select(['v.id', 'v.template_id', 't.key', 't.name', 'v.version', 'v.note']).where('v.id', '=', versionId).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  const items = await versionItems(ctx.db, versionId);
  let liveFigures = {};
  if (schoolId) {
    await assertSchoolInScope(ctx, actor, schoolId);
    liveFigures = await liveFiguresFor(ctx, items, schoolId);
  }
  return { id: row.id, templateId: row.template_id, templateKey: row.key, name: row.name, version: row.version, note: row.note, items, liveFigures };
}

export async function createChecklist(ctx: AppContext, actor: Actor, body: Static<typeof CreateChecklistBody>, ip: string) {
  if (body.regionCode) await assertRegionInScope(ctx, actor, body.regionCode);
  assertItems(body.items as ChecklistItem[]);
  return inTransaction(ctx.db, async (trx) => {
    const dup = await trx.selectFrom('checklist_templates').select('id').where('key', '=', body.key).executeTakeFirst();
    if (dup) throw new AppError('checklist.key_taken', 409, { field: 'key' });
    const t = await trx.insertInto('checklist_templates').values({ key: body.key, name: body.name, region_code: body.regionCode ?? null, created_by: actor.accountId, created_at: ctx.now() }).returning('id').executeTakeFirstOrThrow();
    const v = await trx.insertInto('checklist_versions').values({ template_id: t.id, version: 1, items: JSON.stringify(body.items), note: '', created_by: actor.accountId, created_at: ctx.now() }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'checklist.create', objectType: 'checklist', objectId: t.id, ip });
    return { id: t.id, versionId: v.id, version: 1 };
  });
}

/** Versions are never edited: answers and inspections keep pointing at the version they used. */
export async function addChecklistVersion(ctx: AppContext, actor: Actor, templateId: number, body: Static<typeof NewVersionBody>, ip: string) {
  assertItems(body.items as ChecklistItem[]);
  // The scope check reads through ctx.db, so it runs before the transaction: inside it, it would wait
  // for the transaction's own connection (PGlite has one) and never return. A template's region never changes.
  const owner = await ctx.db.selectFrom('checklist_templates').select('region_code').where('id', '=', templateId).executeTakeFirst();
  if (!owner) throw new AppError('error.not_found', 404);
  if (owner.region_code) await assertRegionInScope(ctx, actor, owner.region_code);
  return inTransaction(ctx.db, async (trx) => {
    const t = await trx.selectFrom('checklist_templates').select('id').where('id', '=', templateId).forUpdate().executeTakeFirst();
    if (!t) throw new AppError('error.not_found', 404);
    const last = await trx.selectFrom('checklist_versions').select((eb) => eb.fn.max('version').as('v')).where('template_id', '=', templateId).executeTakeFirstOrThrow();
    const version = Number(last.v ?? 0) + 1;
    const v = await trx.insertInto('checklist_versions').values({ template_id: templateId, version, items: JSON.stringify(body.items), note: body.note, created_by: actor.accountId, created_at: ctx.now() }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'checklist.version', objectType: 'checklist', objectId: templateId, detail: { version }, ip });
    return { id: templateId, versionId: v.id, version };
  });
}
