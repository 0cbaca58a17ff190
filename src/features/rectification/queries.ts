import { sql } from 'kysely';
import type { Static } from 'typebox';
import { schoolInScope } from '../../db/scope';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { schoolDateOf } from '../governance-dashboard/shared';
import type { FindingListQuery } from './schema';

export function findingQuery(ctx: AppContext, today: string) {
  return ctx.db
    .selectFrom('findings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('accounts as o', 'o.id', 'f.owner_account_id')
    .leftJoin('accounts as e', 'e.id', 'f.escalated_to')
    .select([
      'f.id', 'f.school_id', 's.name as school_name', 's.region_code', 'f.source', 'f.inspection_id', 'f.item_key', 'f.title', 'f.severity', 'f.owner_account_id',
      'o.display_name as owner_name', 'f.deadline', 'f.required_evidence', 'f.status', 'f.escalation_level', 'e.display_name as escalated_to_name', 'f.reopen_count', 'f.description',
      sql<boolean>`f.status <> 'closed' and f.deadline < ${today}`.as('overdue'),
      sql<number>`(select count(*) from finding_evidence fe where fe.finding_id = f.id)`.as('evidence_count'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof findingQuery>['executeTakeFirstOrThrow']>>;

export function toFindingSummary(r: Row) {
  return {
    id: r.id, schoolId: r.school_id, schoolName: r.school_name, regionCode: r.region_code, source: r.source, inspectionId: r.inspection_id, itemKey: r.item_key, title: r.title,
    severity: r.severity, ownerAccountId: r.owner_account_id, ownerName: r.owner_name, deadline: r.deadline, requiredEvidence: r.required_evidence, status: r.status,
    overdue: r.overdue, escalationLevel: r.escalation_level, escalatedToName: r.escalated_to_name, reopenCount: r.reopen_count, evidenceCount: Number(r.evidence_count),
  };
}

/** Findings in the caller's scope; 'overdue' and 'mine' are filters a dashboard and an owner need. */
export async function listFindings(ctx: AppContext, actor: Actor, q: Static<typeof FindingListQuery>) {
  const today = schoolDateOf(ctx.now());
  let query = findingQuery(ctx, today).where(schoolInScope(actor.scope, 'f.school_id'));
  if (q.schoolId) query = query.where('f.school_id', '=', q.schoolId);
  if (q.regionCode) query = query.where(sql<boolean>`s.region_code in (select code from region_closure where ancestor_code = ${q.regionCode})`);
  if (q.status === 'overdue') query = query.where('f.status', '<>', 'closed').where('f.deadline', '<', today);
  else if (q.status === 'mine') query = query.where('f.owner_account_id', '=', actor.accountId).where('f.status', '<>', 'closed');
  else if (q.status) query = query.where('f.status', '=', q.status);
  const rows = await query.orderBy('f.status').orderBy('f.deadline').orderBy('f.id').limit(q.limit ?? 200).execute();
  return { items: rows.map(toFindingSummary) };
}
