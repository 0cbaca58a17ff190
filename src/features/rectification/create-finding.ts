import type { Static } from 'typebox';
import type { Trx } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { schoolDateOf } from '../governance-dashboard/shared';
import type { FindingInput } from './schema';

export interface FindingSource {
  schoolId: number;
  source: 'inspection' | 'self_report' | 'manual';
  inspectionId?: number | null;
  selfReportId?: number | null;
  /** Item keys the source's checklist holds (when the finding names one). */
  itemKeys?: string[];
}

/**
 * Writes one finding inside the caller's transaction. The owner comes from the grid (网格): given, it
 * must hold a responsibility in the school; not given, it is the school's responsible person. No owner
 * or a deadline in the past is refused with the field named (prefixed for findings inside a list).
 */
export async function insertFinding(trx: Trx, ctx: AppContext, actor: Actor, src: FindingSource, input: Static<typeof FindingInput>, prefix = '', ip?: string): Promise<number> {
  const field = (f: string) => `${prefix}${f}`;
  if (input.deadline < schoolDateOf(ctx.now())) throw new AppError('finding.deadline_past', 400, { field: field('deadline') });
  if (input.itemKey && src.itemKeys && !src.itemKeys.includes(input.itemKey)) throw new AppError('finding.item_unknown', 400, { field: field('itemKey') });
  let owner = input.ownerAccountId ?? null;
  if (owner) {
    const inGrid = await trx.selectFrom('grid_responsibilities').select('id').where('account_id', '=', owner).where('school_id', '=', src.schoolId).executeTakeFirst();
    if (!inGrid) throw new AppError('finding.owner_not_in_grid', 400, { field: field('ownerAccountId') });
  } else {
    const g = await trx.selectFrom('grid_responsibilities').select('account_id').where('unit_type', '=', 'school').where('unit_key', '=', String(src.schoolId)).executeTakeFirst();
    if (!g) throw new AppError('finding.owner_required', 400, { field: field('ownerAccountId') });
    owner = g.account_id;
  }
  const now = ctx.now();
  const row = await trx
    .insertInto('findings')
    .values({
      school_id: src.schoolId, source: src.source, inspection_id: src.inspectionId ?? null, self_report_id: src.selfReportId ?? null, item_key: input.itemKey ?? null,
      title: input.title.trim(), description: input.description?.trim() ?? '', severity: input.severity ?? 'medium', owner_account_id: owner, deadline: input.deadline,
      required_evidence: input.requiredEvidence.trim(), escalated_to: null, escalated_at: null, created_by: actor.accountId, created_at: now, closed_by: null, closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('finding_events').values({ finding_id: row.id, kind: 'created', account_id: actor.accountId, note: input.title, at: now }).execute();
  await writeAudit(trx, actor, { action: 'finding.create', objectType: 'finding', objectId: row.id, detail: { schoolId: src.schoolId, source: src.source, owner }, ip });
  return row.id;
}
