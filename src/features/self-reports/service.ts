import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import type { ChecklistItem } from '../../domain/checklists/items';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { versionItems } from '../checklists/guidance';
import { liveFiguresFor } from '../checklists/live-figures';
import { schoolDateOf } from '../governance-dashboard/shared';
import { insertFinding } from '../rectification/create-finding';
import { findingQuery, toFindingSummary } from '../rectification/queries';
import { assertSchoolInScope } from '../scope-guard';
import { selfReportQuery, toSelfReportSummary } from './queries';
import type { ReviewSelfReportBody, SubmitSelfReportBody } from './schema';

type Answer = { itemKey: string; result: string; note: string };

/** 404 when missing, 403 (audited by the guard) when the school lies outside the caller's scope. */
async function reportInScope(ctx: AppContext, actor: Actor, id: number) {
  const row = await ctx.db.selectFrom('self_reports').select(['id', 'school_id', 'checklist_version_id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  await assertSchoolInScope(ctx, actor, row.school_id);
  return row;
}

function parseAnswers(raw: unknown): Answer[] {
  if (!raw) return [];
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as Answer[];
}

export async function selfReportDetail(ctx: AppContext, actor: Actor, id: number) {
  const base = await reportInScope(ctx, actor, id);
  const row = await selfReportQuery(ctx, ctx.now()).where('r.id', '=', id).executeTakeFirstOrThrow();
  const items = await versionItems(ctx.db, base.checklist_version_id);
  const version = await ctx.db.selectFrom('checklist_versions as v').innerJoin('checklist_templates as t', 't.id', 'v.template_id').select(['v.id', 't.name', 'v.version']).where('v.id', '=', base.checklist_version_id).executeTakeFirstOrThrow();
  const answers = parseAnswers(row.answers);
  const live = await liveFiguresFor(ctx, items, base.school_id);
  const findings = await findingQuery(ctx, schoolDateOf(ctx.now())).where('f.self_report_id', '=', id).orderBy('f.id').execute();
  return {
    report: toSelfReportSummary(row),
    riskAssessment: row.risk_assessment,
    reviewNote: row.review_note,
    checklist: { versionId: version.id, name: version.name, version: version.version },
    items: items.map((item) => {
      const a = answers.find((x) => x.itemKey === item.key);
      return { key: item.key, section: item.section, title: item.title, evidence: item.evidence, weight: item.weight, answer: a ? { result: a.result, note: a.note } : null, liveFigure: live[item.key] ?? null };
    }),
    findings: findings.map(toFindingSummary),
    can: {
      submit: can(actor, 'self_report.submit') && (row.status === 'pending' || row.status === 'missing'),
      review: can(actor, 'self_report.review') && (row.status === 'submitted' || row.status === 'late'),
    },
  };
}

/** Every item answered once, each key on the checklist; the field names the offending answer. */
function checkAnswers(items: ChecklistItem[], answers: Static<typeof SubmitSelfReportBody>['answers']): Answer[] {
  const keys = new Set(items.map((i) => i.key));
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (!keys.has(a.itemKey)) throw new AppError('self_report.item_unknown', 400, { field: `answers/${i}/itemKey` });
    if (seen.has(a.itemKey)) throw new AppError('self_report.item_duplicate', 400, { field: `answers/${i}/itemKey` });
    seen.add(a.itemKey);
  });
  const missing = items.filter((i) => !seen.has(i.key)).map((i) => i.key);
  if (missing.length) throw new AppError('self_report.unanswered', 400, { field: 'answers', count: missing.length }, { missing });
  return answers.map((a) => ({ itemKey: a.itemKey, result: a.result, note: a.note?.trim() ?? '' }));
}

/**
 * The drawn school answers the checklist and assesses its risk. After the deadline the report is still
 * taken but marked late (the escalation stays on record). A retry with the same key changes nothing.
 */
export async function submitSelfReport(ctx: AppContext, actor: Actor, id: number, body: Static<typeof SubmitSelfReportBody>, ip: string) {
  const base = await reportInScope(ctx, actor, id);
  const answers = checkAnswers(await versionItems(ctx.db, base.checklist_version_id), body.answers);
  return inTransaction(ctx.db, async (trx) => {
    const r = await trx.selectFrom('self_reports').select(['status', 'due_at', 'submit_key']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (r.status === 'submitted' || r.status === 'late') {
      if (r.submit_key === body.submitKey) return { id, status: r.status, duplicate: true };
      throw new AppError('self_report.already_submitted', 409);
    }
    if (r.status === 'reviewed') throw new AppError('self_report.reviewed', 409);
    const now = ctx.now();
    const status = now.getTime() > new Date(r.due_at).getTime() ? ('late' as const) : ('submitted' as const);
    await trx
      .updateTable('self_reports')
      .set({ status, answers: JSON.stringify(answers), risk_level: body.riskLevel, risk_assessment: body.riskAssessment.trim(), submitted_by: actor.accountId, submitted_at: now, submit_key: body.submitKey })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, actor, { action: 'self_report.submit', objectType: 'self_report', objectId: id, detail: { status, riskLevel: body.riskLevel, items: answers.length }, ip });
    return { id, status, duplicate: false };
  });
}

/** The bureau reads the report and turns answers into findings, each with an owner and a deadline. */
export async function reviewSelfReport(ctx: AppContext, actor: Actor, id: number, body: Static<typeof ReviewSelfReportBody>, ip: string) {
  const base = await reportInScope(ctx, actor, id);
  const itemKeys = (await versionItems(ctx.db, base.checklist_version_id)).map((i) => i.key);
  return inTransaction(ctx.db, async (trx) => {
    const r = await trx.selectFrom('self_reports').select(['status']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (r.status === 'reviewed') throw new AppError('self_report.reviewed', 409);
    if (r.status !== 'submitted' && r.status !== 'late') throw new AppError('self_report.not_submitted', 409);
    const findingIds: number[] = [];
    for (const [i, f] of (body.findings ?? []).entries()) {
      findingIds.push(await insertFinding(trx, ctx, actor, { schoolId: base.school_id, source: 'self_report', selfReportId: id, itemKeys }, f, `findings/${i}/`, ip));
    }
    await trx.updateTable('self_reports').set({ status: 'reviewed', reviewed_by: actor.accountId, reviewed_at: ctx.now(), review_note: body.note.trim() }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'self_report.review', objectType: 'self_report', objectId: id, detail: { findings: findingIds }, ip });
    return { id, findingIds };
  });
}
