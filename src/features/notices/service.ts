import { sql } from 'kysely';
import type { Static } from 'typebox';
import { personInScope, regionInScope, schoolInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { deliverNotice } from './deliver';
import type { SendNoticeBody } from './schema';
import { resolveTarget } from './target';

const rate = (ack: number, total: number) => (total ? Math.round((ack / total) * 1000) / 10 : 0);

/**
 * Sends a notice: the recipients (students for letters to parents and students, staff for staff
 * notices) are fixed in the same transaction. An empty audience is an error and writes nothing;
 * a retried submission with the same key returns the first notice.
 */
export async function sendNotice(ctx: AppContext, actor: Actor, body: Static<typeof SendNoticeBody>, ip: string) {
  if (body.audience === 'staff' && (body.target.type === 'grade' || body.target.type === 'class')) throw new AppError('notice.staff_target', 400, { field: 'target/type' });
  const target = await resolveTarget(ctx, actor, body.target.type, body.target.key);
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const existing = await trx.selectFrom('notices').select(['id', 'title']).where('idempotency_key', '=', body.idempotencyKey).executeTakeFirst();
    if (existing) {
      if (existing.title !== body.title) throw new AppError('notice.key_reused', 409, { field: 'idempotencyKey' });
      const n = await trx.selectFrom('notice_recipients').select((eb) => eb.fn.countAll<number>().as('n')).where('notice_id', '=', existing.id).executeTakeFirstOrThrow();
      return { id: existing.id, recipients: Number(n.n), duplicate: true };
    }
    const notice = await trx
      .insertInto('notices')
      .values({ title: body.title.trim(), body: body.body, audience: body.audience, target_type: body.target.type, target_key: body.target.key, region_code: target.regionCode, school_id: target.schoolId, created_by: actor.accountId, created_at: ctx.now(), idempotency_key: body.idempotencyKey })
      .returning('id')
      .executeTakeFirstOrThrow();
    const kind = body.audience === 'staff' ? 'staff' : 'student';
    const inserted = await sql<{ n: number }>`
      with added as (
        insert into notice_recipients (notice_id, person_id, school_id, class_id)
        select ${notice.id}, p.id, p.school_id, p.class_id from persons p where p.kind = ${kind} and p.active and ${target.covers}
        returning 1)
      select count(*)::int as n from added`.execute(trx);
    const recipients = Number(inserted.rows[0].n);
    // Rolls the notice back: a letter that reaches nobody is a mistake in the target, not a send.
    if (!recipients) throw new AppError('notice.no_audience', 400, { field: 'target' });
    const notified = await deliverNotice(trx, { noticeId: notice.id, title: body.title.trim(), round: 'sent', onlyPending: false, now: ctx.now() }, afterCommit);
    await writeAudit(trx, actor, { action: 'notice.send', objectType: 'notice', objectId: notice.id, detail: { audience: body.audience, target: body.target, recipients, notified }, ip });
    return { id: notice.id, recipients, notified, duplicate: false };
  });
}

function visibleNotices(ctx: AppContext, actor: Actor) {
  return ctx.db
    .selectFrom('notices')
    .where((eb) =>
      eb.or([
        eb('notices.created_by', '=', actor.accountId),
        sql<boolean>`(notices.school_id is not null and ${schoolInScope(actor.scope, 'notices.school_id')})`,
        sql<boolean>`(notices.school_id is null and ${regionInScope(actor.scope, 'notices.region_code')})`,
      ]),
    );
}

const summaryColumns = [
  'notices.id', 'notices.title', 'notices.audience', 'notices.target_type', 'notices.target_key', 'notices.created_at', 'notices.body',
  sql<string>`coalesce((select r.name from regions r where r.code = notices.target_key and notices.target_type = 'region'), (select s.name from schools s where s.id = notices.school_id), '')`.as('target_name'),
] as const;

/** Counts over the recipients the caller may see: a class teacher's rate is the own class's. */
function counts(actor: Actor) {
  const visible = sql<boolean>`exists (select 1 from persons p where p.id = nr.person_id and ${personInScope(actor.scope, 'p')})`;
  return [
    sql<number>`(select count(*)::int from notice_recipients nr where nr.notice_id = notices.id and ${visible})`.as('recipients'),
    sql<number>`(select count(*)::int from notice_recipients nr where nr.notice_id = notices.id and nr.acknowledged_at is not null and ${visible})`.as('acknowledged'),
  ];
}

type SummaryRaw = { id: number; title: string; audience: string; target_type: string; target_key: string; created_at: Date; target_name: string; recipients: number; acknowledged: number };
const toSummary = (r: SummaryRaw) => ({
  id: r.id, title: r.title, audience: r.audience, targetType: r.target_type, targetKey: r.target_key, targetName: r.target_name, createdAt: new Date(r.created_at).toISOString(),
  recipients: Number(r.recipients), acknowledged: Number(r.acknowledged), rate: rate(Number(r.acknowledged), Number(r.recipients)),
});

export async function listNotices(ctx: AppContext, actor: Actor, limit = 100) {
  const rows = await visibleNotices(ctx, actor).select([...summaryColumns, ...counts(actor)]).orderBy('notices.created_at', 'desc').orderBy('notices.id', 'desc').limit(limit).execute();
  return rows.map((r) => toSummary(r as SummaryRaw));
}

/** One notice with its acknowledgement rate per class and who has not read it yet (audited: names). */
export async function noticeDetail(ctx: AppContext, actor: Actor, id: number, ip: string) {
  const row = await visibleNotices(ctx, actor).select([...summaryColumns, ...counts(actor)]).where('notices.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  const base = ctx.db
    .selectFrom('notice_recipients as nr')
    .innerJoin('persons as p', 'p.id', 'nr.person_id')
    .leftJoin('classes as c', 'c.id', 'nr.class_id')
    .leftJoin('grades as g', 'g.id', 'c.grade_id')
    .where('nr.notice_id', '=', id)
    .where(personInScope(actor.scope, 'p'));
  const byClass = await base
    .select(['nr.class_id', sql<string>`coalesce(g.name || c.name, '')`.as('class_name'), sql<number>`count(*)::int`.as('n'), sql<number>`count(nr.acknowledged_at)::int`.as('ack')])
    .groupBy(['nr.class_id', 'g.name', 'c.name', 'g.sort_order', 'c.sort_order'])
    .orderBy('g.sort_order')
    .orderBy('c.sort_order')
    .execute();
  const pending = await base
    .select(['p.id', 'p.name', sql<string | null>`g.name || c.name`.as('class_name'), 'nr.reminders'])
    .where('nr.acknowledged_at', 'is', null)
    .orderBy('nr.class_id')
    .orderBy('p.id')
    .limit(2000)
    .execute();
  await writeAudit(ctx.db, actor, { action: 'notice.read', objectType: 'notice', objectId: id, detail: { pending: pending.length }, ip });
  return {
    notice: { ...toSummary(row as SummaryRaw), body: row.body },
    byClass: byClass.map((c) => ({ classId: c.class_id, className: c.class_name, recipients: Number(c.n), acknowledged: Number(c.ack), rate: rate(Number(c.ack), Number(c.n)) })),
    pending: pending.map((p) => ({ personId: p.id, name: p.name, className: p.class_name, reminders: Number(p.reminders) })),
  };
}

/**
 * Reminds everyone in the caller's scope who has not acknowledged: the reminder is counted on the
 * recipient and lands in the inbox of their parents' (or their own) accounts as a new notification.
 */
export async function remind(ctx: AppContext, actor: Actor, id: number, ip: string) {
  const visible = await visibleNotices(ctx, actor).select(['notices.id', 'notices.title']).where('notices.id', '=', id).executeTakeFirst();
  if (!visible) throw new AppError('error.not_found', 404);
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const r = await trx
      .updateTable('notice_recipients')
      .set((eb) => ({ reminded_at: ctx.now(), reminders: eb('reminders', '+', 1) }))
      .where('notice_id', '=', id)
      .where('acknowledged_at', 'is', null)
      .where(sql<boolean>`exists (select 1 from persons p where p.id = notice_recipients.person_id and ${personInScope(actor.scope, 'p')})`)
      .executeTakeFirst();
    const reminded = Number(r.numUpdatedRows);
    // Each press of the button is a new round; two presses in the same instant are one.
    const notified = reminded
      ? await deliverNotice(trx, { noticeId: id, title: visible.title, round: ctx.now().getTime(), onlyPending: true, personScope: personInScope(actor.scope, 'p'), now: ctx.now() }, afterCommit)
      : 0;
    await writeAudit(trx, actor, { action: 'notice.remind', objectType: 'notice', objectId: id, detail: { reminded, notified }, ip });
    return { reminded, notified };
  });
}

/** The people on whose behalf the caller reads notices: a parent's children, or the staff member. */
async function selfIds(ctx: AppContext, actor: Actor): Promise<number[]> {
  if (actor.scope.kind === 'children') return actor.scope.personIds;
  const account = await ctx.db.selectFrom('accounts').select('person_id').where('id', '=', actor.accountId).executeTakeFirstOrThrow();
  return account.person_id ? [account.person_id] : [];
}

export async function myNotices(ctx: AppContext, actor: Actor) {
  const ids = await selfIds(ctx, actor);
  if (!ids.length) return { items: [] };
  const rows = await ctx.db
    .selectFrom('notice_recipients as nr')
    .innerJoin('notices as n', 'n.id', 'nr.notice_id')
    .innerJoin('persons as p', 'p.id', 'nr.person_id')
    .select(['n.id', 'n.title', 'n.body', 'n.created_at', 'p.id as person_id', 'p.name', 'nr.acknowledged_at'])
    .where('nr.person_id', 'in', ids)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(500)
    .execute();
  const items = new Map<number, { id: number; title: string; body: string; createdAt: string; for: { personId: number; name: string; acknowledgedAt: string | null }[] }>();
  for (const r of rows) {
    let item = items.get(r.id);
    if (!item) items.set(r.id, (item = { id: r.id, title: r.title, body: r.body, createdAt: new Date(r.created_at).toISOString(), for: [] }));
    item.for.push({ personId: r.person_id, name: r.name, acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null });
  }
  return { items: [...items.values()] };
}

/** Acknowledges a notice for every one of the caller's children (or the staff member) it reached; repeating it changes nothing. */
export async function acknowledge(ctx: AppContext, actor: Actor, id: number, ip: string) {
  const ids = await selfIds(ctx, actor);
  const mine = ids.length ? await ctx.db.selectFrom('notice_recipients').select(['person_id', 'acknowledged_at']).where('notice_id', '=', id).where('person_id', 'in', ids).execute() : [];
  if (!mine.length) throw new AppError('notice.not_recipient', 404);
  return inTransaction(ctx.db, async (trx) => {
    const r = await trx
      .updateTable('notice_recipients')
      .set({ acknowledged_at: ctx.now(), acknowledged_by: actor.accountId })
      .where('notice_id', '=', id)
      .where('person_id', 'in', ids)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    const acknowledged = Number(r.numUpdatedRows);
    if (acknowledged) await writeAudit(trx, actor, { action: 'notice.acknowledge', objectType: 'notice', objectId: id, detail: { persons: mine.map((m) => m.person_id) }, ip });
    return { acknowledged, already: mine.length - acknowledged };
  });
}
