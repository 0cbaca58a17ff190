import { sql } from 'kysely';
import { chunked } from '../../db/chunked';
import type { AfterCommit, Trx } from '../../db/transaction';
import type { RobotMessage } from '../../domain/notifications';
import { announceCommitted } from './bus';
import { absoluteLink, notificationConfig } from './config';

export interface Texts {
  zh: string;
  en: string;
}

export interface NotificationInput {
  /** What happened, e.g. 'alert.raised', 'check.missing_report', 'risk.changed'. */
  kind: string;
  /** One event, one key: enqueuing the same key again reaches nobody twice on any channel. */
  dedupeKey: string;
  recipients: number[];
  title: Texts;
  body?: Texts;
  /** A path in the web app, e.g. `/alerts/12`. */
  link?: string | null;
  alertId?: number | null;
  /** Also e-mail the recipients who have an address (default true when SMTP is configured). */
  email?: boolean;
  /** Group robots of this school and these regions hear it too, with this message (no personal data). */
  webhooks?: { schoolId?: number | null; regionCodes?: string[]; message: RobotMessage };
}

/** Rows per multi-row insert: about a dozen columns each, well under 65,535 bind parameters. */
const ROWS_PER_INSERT = 2000;

/**
 * Queues a notification in the caller's transaction: one in-app row per recipient, an outbox row per
 * e-mail address and per robot endpoint. Nothing leaves the process before the transaction commits —
 * the dispatcher and the live streams read only committed rows — so a rollback sends nothing.
 * Pass the transaction's `afterCommit` to wake live streams at once instead of at their next poll.
 */
export async function enqueueNotification(trx: Trx, n: NotificationInput, now: Date, afterCommit?: AfterCommit): Promise<{ inApp: number; outbox: number }> {
  return enqueueNotifications(trx, [n], now, afterCommit);
}

/**
 * Several notifications at once (the alerts one drain of the rule queue raised), with the statements of
 * one: the in-app rows of all in one insert (per 2,000 rows), the e-mail addresses and robot endpoints
 * read once, the outbox rows likewise. Each keeps its own dedupe key.
 */
export async function enqueueNotifications(trx: Trx, list: NotificationInput[], now: Date, afterCommit?: AfterCommit): Promise<{ inApp: number; outbox: number }> {
  const each = list.map((n) => ({ n, recipients: [...new Set(n.recipients)] }));
  const everyone = [...new Set(each.flatMap((e) => e.recipients))];
  const inAppRows = each.flatMap(({ n, recipients }) => recipients.map((account_id) => ({
    account_id, kind: n.kind, dedupe_key: n.dedupeKey, title_zh: n.title.zh, title_en: n.title.en, body_zh: n.body?.zh ?? '', body_en: n.body?.en ?? '',
    link: n.link ?? null, alert_id: n.alertId ?? null, created_at: now, read_at: null,
  })));
  // A morning of an outbreak can notify thousands at once: parts of ROWS_PER_INSERT keep each insert
  // under the bind-parameter limit.
  const inApp = (await chunked(inAppRows, ROWS_PER_INSERT, (part) =>
    trx.insertInto('notifications').values(part).onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).doNothing()).returning('id').execute())).length;
  type Outbox = { channel: 'email' | 'dingtalk' | 'wecom'; target: string; account_id: number | null; endpoint_id: number | null; payload: unknown; dedupe_key: string };
  const outbox: Outbox[] = [];
  const mailing = each.filter(({ n, recipients }) => (n.email ?? true) && recipients.length);
  if (mailing.length && notificationConfig().smtpUrl) {
    const accounts = await trx.selectFrom('accounts').select(['id', 'email', 'locale'])
      .where('id', 'in', [...new Set(mailing.flatMap((e) => e.recipients))]).where('email', 'is not', null).where('disabled_at', 'is', null).execute();
    const byId = new Map(accounts.map((a) => [a.id, a]));
    for (const { n, recipients } of mailing) {
      const link = absoluteLink(n.link);
      for (const a of recipients.map((id) => byId.get(id)).filter((a) => a !== undefined)) {
        const en = a.locale === 'en';
        const text = [en ? n.body?.en : n.body?.zh, link ? `${en ? 'Details' : '详情'}: ${link}` : null].filter(Boolean).join('\n\n');
        outbox.push({ channel: 'email', target: a.email!.toLowerCase(), account_id: a.id, endpoint_id: null, payload: { subject: en ? n.title.en : n.title.zh, text }, dedupe_key: n.dedupeKey });
      }
    }
  }
  const robots = each.filter(({ n }) => n.webhooks);
  if (robots.length) {
    const schoolIds = [...new Set(robots.map(({ n }) => n.webhooks!.schoolId).filter((id) => id != null))];
    const regionCodes = [...new Set(robots.flatMap(({ n }) => n.webhooks!.regionCodes ?? []))];
    const endpoints = await trx.selectFrom('notification_endpoints').select(['id', 'kind', 'school_id', 'region_code']).where('enabled', '=', true)
      .where((eb) => eb.or([
        ...(schoolIds.length ? [eb('school_id', 'in', schoolIds)] : []),
        ...(regionCodes.length ? [eb('region_code', 'in', regionCodes)] : []),
        sql<boolean>`false`,
      ])).orderBy('id').execute();
    for (const { n } of robots) {
      const { schoolId, regionCodes: codes = [], message } = n.webhooks!;
      const link = absoluteLink(n.link);
      for (const e of endpoints) {
        const hears = (schoolId != null && e.school_id === schoolId) || (e.region_code != null && codes.includes(e.region_code));
        if (hears) outbox.push({ channel: e.kind, target: `endpoint:${e.id}`, account_id: null, endpoint_id: e.id, payload: { ...message, link }, dedupe_key: n.dedupeKey });
      }
    }
  }
  const queued = (await chunked(outbox, ROWS_PER_INSERT, (part) =>
    trx.insertInto('notification_outbox').values(part.map((o) => ({
      ...o, payload: JSON.stringify(o.payload), status: 'pending' as const, next_attempt_at: now, created_at: now, last_error: null, locked_until: null, sent_at: null,
    }))).onConflict((oc) => oc.columns(['channel', 'target', 'dedupe_key']).doNothing()).returning('id').execute())).length;
  afterCommit?.(() => announceCommitted(everyone));
  return { inApp, outbox: queued };
}
