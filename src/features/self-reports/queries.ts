import { sql } from 'kysely';
import type { Static } from 'typebox';
import { schoolInScope } from '../../db/scope';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import type { SelfReportListQuery } from './schema';

export function selfReportQuery(ctx: AppContext, now: Date) {
  return ctx.db
    .selectFrom('self_reports as r')
    .innerJoin('schools as s', 's.id', 'r.school_id')
    .leftJoin('accounts as sub', 'sub.id', 'r.submitted_by')
    .select([
      'r.id', 'r.draw_id', 'r.school_id', 's.name as school_name', 's.region_code', 'r.due_at', 'r.status', 'r.risk_level', 'r.risk_assessment', 'r.review_note',
      'r.submitted_at', 'sub.display_name as submitted_by_name', 'r.escalated_at', 'r.reviewed_at', 'r.checklist_version_id', 'r.answers', 'r.submit_key',
      sql<boolean>`r.status in ('pending', 'missing') and r.due_at < ${now}`.as('overdue'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selfReportQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toSelfReportSummary(r: Row) {
  return {
    id: r.id, drawId: r.draw_id, schoolId: r.school_id, schoolName: r.school_name, regionCode: r.region_code, dueAt: iso(r.due_at)!, status: r.status, overdue: !!r.overdue,
    riskLevel: r.risk_level, submittedAt: iso(r.submitted_at), submittedBy: r.submitted_by_name, escalatedAt: iso(r.escalated_at), reviewedAt: iso(r.reviewed_at),
  };
}

/** Self-reports of the schools in the caller's scope: a school sees its own tasks, a bureau its region's. */
export async function listSelfReports(ctx: AppContext, actor: Actor, q: Static<typeof SelfReportListQuery>) {
  let query = selfReportQuery(ctx, ctx.now()).where(schoolInScope(actor.scope, 'r.school_id'));
  if (q.schoolId) query = query.where('r.school_id', '=', q.schoolId);
  if (q.regionCode) query = query.where(sql<boolean>`s.region_code in (select code from region_closure where ancestor_code = ${q.regionCode})`);
  if (q.status) query = query.where('r.status', '=', q.status);
  const rows = await query.orderBy('r.due_at', 'desc').orderBy('r.id', 'desc').limit(q.limit ?? 200).execute();
  return { items: rows.map(toSelfReportSummary) };
}
