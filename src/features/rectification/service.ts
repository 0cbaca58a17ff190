import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Static } from 'typebox';
import { schoolInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import { evidenceProblem, sniffEvidenceType } from '../../domain/rectification/evidence-type';
import { transitionProblem } from '../../domain/rectification/rules';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';
import { schoolDateOf } from '../governance-dashboard/shared';
import { insertFinding } from './create-finding';
import { findingQuery, toFindingSummary } from './queries';
import type { CreateFindingBody, RecheckBody } from './schema';

/** 404 when missing, 403 (audited by the guard) when its school is outside the caller's scope. */
async function findingInScope(ctx: AppContext, actor: Actor, id: number) {
  const row = await ctx.db.selectFrom('findings').select(['id', 'school_id', 'status', 'inspection_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  await assertSchoolInScope(ctx, actor, row.school_id);
  return row;
}

export async function createFinding(ctx: AppContext, actor: Actor, body: Static<typeof CreateFindingBody>, ip: string) {
  await assertSchoolInScope(ctx, actor, body.schoolId);
  const { schoolId, inspectionId, ...input } = body;
  return inTransaction(ctx.db, async (trx) => {
    if (inspectionId) {
      const ins = await trx.selectFrom('inspections').select(['school_id', 'status']).where('id', '=', inspectionId).executeTakeFirst();
      if (!ins || ins.school_id !== schoolId) throw new AppError('error.not_found', 404, { field: 'inspectionId' });
      // Findings of a covert visit must not reach the school before the visit is complete.
      if (ins.status !== 'completed') throw new AppError('finding.inspection_open', 409, { field: 'inspectionId' });
    }
    const id = await insertFinding(trx, ctx, actor, { schoolId, source: inspectionId ? 'inspection' : 'manual', inspectionId }, input, '', ip);
    return { id };
  });
}

export async function findingDetail(ctx: AppContext, actor: Actor, id: number) {
  await findingInScope(ctx, actor, id);
  const row = await findingQuery(ctx, schoolDateOf(ctx.now())).where('f.id', '=', id).executeTakeFirstOrThrow();
  const evidence = await ctx.db.selectFrom('finding_evidence as fe').leftJoin('accounts as a', 'a.id', 'fe.uploaded_by').select(['fe.id', 'fe.file_name', 'fe.content_type', 'fe.size', 'fe.note', 'a.display_name', 'fe.uploaded_at']).where('fe.finding_id', '=', id).orderBy('fe.id').execute();
  const events = await ctx.db.selectFrom('finding_events as ev').leftJoin('accounts as a', 'a.id', 'ev.account_id').select(['ev.kind', 'a.display_name', 'ev.note', 'ev.at']).where('ev.finding_id', '=', id).orderBy('ev.at').orderBy('ev.id').execute();
  const open = row.status !== 'closed';
  return {
    finding: toFindingSummary(row),
    description: row.description,
    evidence: evidence.map((e) => ({ id: e.id, fileName: e.file_name, contentType: e.content_type, size: e.size, note: e.note, uploadedBy: e.display_name, uploadedAt: e.uploaded_at.toISOString() })),
    events: events.map((e) => ({ kind: e.kind, accountName: e.display_name, note: e.note, at: e.at.toISOString() })),
    can: { uploadEvidence: open && can(actor, 'finding.evidence'), recheck: row.status === 'submitted' && can(actor, 'finding.manage') },
  };
}

/**
 * The owner's side: evidence checked by content and size; the same file sent twice (a retry) is kept
 * once. The finding moves to "submitted" for the inspector's re-check.
 */
export async function uploadEvidence(ctx: AppContext, actor: Actor, id: number, file: Buffer, declaredType: string | undefined, meta: { fileName?: string; note?: string }, ip: string) {
  const f = await findingInScope(ctx, actor, id);
  const problem = evidenceProblem(file, declaredType);
  if (problem) throw new AppError(problem, problem === 'evidence.too_large' ? 413 : 400, { field: 'file' });
  const status = transitionProblem(f.status, 'evidence');
  if (status) throw new AppError(status, 409);
  const sha = createHash('sha256').update(file).digest('hex');
  const type = sniffEvidenceType(file)!;
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.now();
    const inserted = await trx
      .insertInto('finding_evidence')
      .values({ finding_id: id, file_name: meta.fileName ?? `evidence.${type.split('/')[1]}`, content_type: type, size: file.length, sha256: sha, data: file, note: meta.note ?? '', uploaded_by: actor.accountId, uploaded_at: now })
      .onConflict((oc) => oc.columns(['finding_id', 'sha256']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const same = await trx.selectFrom('finding_evidence').select('id').where('finding_id', '=', id).where('sha256', '=', sha).executeTakeFirstOrThrow();
      return { id: same.id, duplicate: true };
    }
    await trx.updateTable('findings').set({ status: 'submitted', version: sql`version + 1` }).where('id', '=', id).execute();
    await trx.insertInto('finding_events').values({ finding_id: id, kind: 'evidence', account_id: actor.accountId, note: meta.note ?? meta.fileName ?? '', at: now }).execute();
    await writeAudit(trx, actor, { action: 'finding.evidence', objectType: 'finding', objectId: id, detail: { evidenceId: inserted.id, size: file.length, type }, ip });
    return { id: inserted.id, duplicate: false };
  });
}

export async function evidenceFile(ctx: AppContext, actor: Actor, findingId: number, evidenceId: number, ip: string) {
  await findingInScope(ctx, actor, findingId);
  const row = await ctx.db.selectFrom('finding_evidence').select(['file_name', 'content_type', 'data']).where('id', '=', evidenceId).where('finding_id', '=', findingId).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  await writeAudit(ctx.db, actor, { action: 'finding.evidence_read', objectType: 'finding', objectId: findingId, detail: { evidenceId }, ip });
  return row;
}

/** 回头看: the inspector closes the finding or sends it back to the owner. */
export async function recheckFinding(ctx: AppContext, actor: Actor, id: number, body: Static<typeof RecheckBody>, ip: string) {
  await findingInScope(ctx, actor, id);
  return inTransaction(ctx.db, async (trx) => {
    const f = await trx.selectFrom('findings').select(['status']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const problem = transitionProblem(f.status, body.outcome);
    if (problem) throw new AppError(problem, 409, { field: 'outcome' });
    const now = ctx.now();
    if (body.outcome === 'close') {
      await trx.updateTable('findings').set({ status: 'closed', closed_by: actor.accountId, closed_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
    } else {
      await trx.updateTable('findings').set({ status: 'open', reopen_count: sql`reopen_count + 1`, version: sql`version + 1` }).where('id', '=', id).execute();
    }
    await trx.insertInto('finding_events').values({ finding_id: id, kind: body.outcome === 'close' ? 'closed' : 'reopened', account_id: actor.accountId, note: body.note, at: now }).execute();
    await writeAudit(trx, actor, { action: `finding.${body.outcome}`, objectType: 'finding', objectId: id, ip });
    return { ok: true };
  });
}

/** Open, overdue and closed findings per school within a region (for dashboards). */
export async function findingCounts(ctx: AppContext, actor: Actor, regionCode: string) {
  const today = schoolDateOf(ctx.now());
  const r = await sql<{ open: number; overdue: number; closed: number }>`
    select count(*) filter (where f.status <> 'closed') as open, count(*) filter (where f.status <> 'closed' and f.deadline < ${today}) as overdue,
      count(*) filter (where f.status = 'closed') as closed
    from findings f join schools s on s.id = f.school_id join region_closure rc on rc.code = s.region_code
    where rc.ancestor_code = ${regionCode} and ${schoolInScope(actor.scope, 'f.school_id')}`.execute(ctx.db);
  return { open: Number(r.rows[0].open), overdue: Number(r.rows[0].overdue), closed: Number(r.rows[0].closed) };
}
