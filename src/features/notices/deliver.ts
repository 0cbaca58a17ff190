import { type RawBuilder, sql } from 'kysely';
import type { AfterCommit, Trx } from '../../db/transaction';
import { announceCommitted } from '../notifications/bus';

/**
 * Puts a notice in the notification inbox of the accounts that read it for its recipients: the parent
 * accounts linked to the students, the staff members' own accounts. `onlyPending` narrows it to the
 * recipients who have not acknowledged (a reminder). One statement (insert … select), however large
 * the audience, and the (account, key) uniqueness makes a repeated send or round reach nobody twice.
 * Returns how many accounts were notified.
 */
export async function deliverNotice(
  trx: Trx,
  o: { noticeId: number; title: string; round: 'sent' | number; onlyPending: boolean; personScope?: RawBuilder<boolean>; now: Date },
  afterCommit: AfterCommit,
): Promise<number> {
  const reminder = o.round !== 'sent';
  const key = reminder ? `notice:${o.noticeId}:reminder:${o.round}` : `notice:${o.noticeId}`;
  const titleZh = reminder ? `提醒：请阅读并确认《${o.title}》` : `新通知：${o.title}`;
  const titleEn = reminder ? `Reminder: please read and acknowledge "${o.title}"` : `New notice: ${o.title}`;
  const r = await sql<{ account_id: number }>`
    with readers as (
      select ac.account_id, nr.person_id from notice_recipients nr join account_children ac on ac.person_id = nr.person_id
        where nr.notice_id = ${o.noticeId} ${o.onlyPending ? sql`and nr.acknowledged_at is null` : sql``}
      union
      select a.id, nr.person_id from notice_recipients nr join accounts a on a.person_id = nr.person_id
        where nr.notice_id = ${o.noticeId} ${o.onlyPending ? sql`and nr.acknowledged_at is null` : sql``}
    )
    insert into notifications (account_id, kind, dedupe_key, title_zh, title_en, body_zh, body_en, link, created_at)
    select distinct r.account_id, ${reminder ? 'notice.reminder' : 'notice.sent'}::text, ${key}::text, ${titleZh}::text, ${titleEn}::text, '', '', '/notices/mine', ${o.now}::timestamptz
    from readers r join accounts a on a.id = r.account_id join persons p on p.id = r.person_id
    where a.disabled_at is null ${o.personScope ? sql`and ${o.personScope}` : sql``}
    on conflict (account_id, dedupe_key) do nothing
    returning account_id`.execute(trx);
  const ids = r.rows.map((x) => Number(x.account_id));
  if (ids.length) afterCommit(() => announceCommitted(ids));
  return ids.length;
}
