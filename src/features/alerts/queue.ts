import { sql } from 'kysely';
import type { AfterCommit, Trx } from '../../db/transaction';
import type { SignalLevel, Syndrome } from '../../domain/alerts';
import { addDays } from '../../domain/calendar';
import { writeAudit } from '../audit/write-audit';
import { notifyAlertEvent } from '../notifications/alert-notifications';
import { againstClosed, following } from './closed-clusters';
import { deadlineMs, tighterDeadline } from './lifecycle';
import { linksOf, personLinkCtes } from './person-links';
import { raiseNewAlerts } from './raise-new';
import type { AlertDeadline, AlertUnitKind } from './tables';

/** A rule alert or statistical signal on its way into the queue, with database ids. */
export interface AlertSignal {
  source: 'rule' | 'scan';
  rule: string;
  method?: string | null;
  unitKind: AlertUnitKind;
  unitId: string;
  schoolId: number | null;
  classId?: number | null;
  dormId?: number | null;
  /** County of the unit (its own code for a region unit). */
  regionCode: string;
  level: SignalLevel;
  deadline: AlertDeadline;
  disease?: string | null;
  syndrome?: Syndrome | string | null;
  window: { from: string; to: string };
  personIds: number[];
  /**
   * For a signal evaluated on check data, per person (parallel to personIds): the latest report in
   * that data, and whether the person must be linked again even when already linked (reported by the
   * checks evaluated, or returned within the window: a new illness has a new episode). A grow skips a
   * person already linked, not fresh and not reported since the alert's window: its episodes
   * overlapping the window were linked with it.
   */
  reports?: { last: string[]; fresh: boolean[] };
  /**
   * Per person (parallel to personIds): the first day of the case the signal counts. Whether a signal
   * brings a new case over a closed alert of its cluster is judged on these (closed-clusters.ts).
   */
  caseDates?: string[];
  /** Cases behind a signal without named persons (statistical counts). */
  count?: number;
  detail?: Record<string, unknown>;
}

export interface QueueResult {
  alertId: number;
  created: boolean;
  grew: boolean;
  upgraded: boolean;
}

/**
 * Signals of one cluster follow each other: the day rule fires Monday, the three-day rule Wednesday.
 * An open alert for the same unit and rule takes a signal whose window overlaps its own, or starts
 * within this many days after it ends (a weekend between Friday and Monday).
 */
export const MERGE_GAP_DAYS = 3;

/**
 * Puts a signal into the queue in the caller's transaction: a new alert, or the open alert of the same
 * cluster (unit, rule, syndrome and disease) grown by the new persons and episodes (and raised to
 * emergency when the signal is one); nothing when a closed alert of the cluster already holds all
 * its cases (closed-clusters.ts).
 * Evaluating the same data again changes nothing. Serialised per cluster with an advisory lock, so two
 * checks of one class at the same moment cannot both open an alert.
 */
export async function raiseOrMerge(trx: Trx, now: Date, s: AlertSignal, afterCommit?: AfterCommit): Promise<QueueResult> {
  await sql`select pg_advisory_xact_lock(hashtext(${`alert:${s.unitKind}:${s.unitId}:${s.rule}:${s.syndrome ?? ''}:${s.disease ?? ''}`}))`.execute(trx);
  const existing = await trx.selectFrom('alerts').selectAll()
    .where('unit_kind', '=', s.unitKind).where('unit_id', '=', s.unitId).where('rule', '=', s.rule).where('status', '<>', 'closed')
    // One cluster is one syndrome (or disease): a rash cluster beside a diarrhoea cluster is another alert.
    .where(sql<boolean>`syndrome is not distinct from ${s.syndrome ?? null}`).where(sql<boolean>`disease is not distinct from ${s.disease ?? null}`)
    .where('window_from', '<=', s.window.to).where('window_to', '>=', addDays(s.window.from, -MERGE_GAP_DAYS))
    .orderBy('id', 'desc').limit(1).forUpdate().executeTakeFirst();

  if (!existing) {
    // Nothing new over a closed alert of the cluster raises nothing; new cases open an alert that follows it.
    const closed = await againstClosed(trx, [s]);
    const cover = closed.covered.get(s);
    if (cover != null) return { alertId: cover, created: false, grew: false, upgraded: false };
    const [alertId] = await raiseNewAlerts(trx, now, [following(s, closed.follows.get(s))], afterCommit);
    return { alertId, created: true, grew: false, upgraded: false };
  }

  const added = await linkPersons(trx, existing.id, s, now);
  const from = s.window.from < existing.window_from ? s.window.from : existing.window_from;
  const to = s.window.to > existing.window_to ? s.window.to : existing.window_to;
  const upgraded = s.level === 'emergency' && existing.level === 'report';
  const persons = await trx.selectFrom('alert_persons').select((eb) => eb.fn.countAll<number>().as('n')).where('alert_id', '=', existing.id).executeTakeFirstOrThrow();
  const count = Math.max(Number(persons.n), s.count ?? 0, existing.case_count);
  const grew = added > 0 || from !== existing.window_from || to !== existing.window_to || count !== existing.case_count;
  if (!grew && !upgraded) return { alertId: existing.id, created: false, grew: false, upgraded: false };

  const deadline = tighterDeadline(existing.deadline, s.deadline);
  const dueNow = new Date(now.getTime() + deadlineMs(s.deadline));
  await trx.updateTable('alerts').set({
    window_from: from, window_to: to, case_count: count, updated_at: now, version: existing.version + 1,
    ...(upgraded ? { level: 'emergency' as const, deadline, due_at: dueNow < existing.due_at ? dueNow : existing.due_at } : {}),
    ...(upgraded && existing.escalation_level === 'school' ? { escalation_level: 'county' as const, escalated_at: now } : {}),
  }).where('id', '=', existing.id).execute();
  await trx.insertInto('alert_events').values({
    alert_id: existing.id, at: now, actor_id: null, action: upgraded ? 'upgraded' : 'grew', from_status: null, to_status: null, note: null,
    detail: JSON.stringify({ addedPersons: added, count, window: { from, to } }),
  }).execute();
  await writeAudit(trx, null, { action: upgraded ? 'alert.upgrade' : 'alert.grow', objectType: 'alert', objectId: existing.id, detail: { addedPersons: added, count } });
  if (upgraded) await notifyAlertEvent(trx, existing.id, 'emergency', now, afterCommit);
  return { alertId: existing.id, created: false, grew, upgraded };
}

/** Links the signal's persons and their illness episodes around the window; returns the persons added. */
async function linkPersons(trx: Trx, alertId: number, s: AlertSignal, now: Date): Promise<number> {
  const links = linksOf([{ s, alertId }]);
  if (!links.length) return 0;
  const r = await sql<{ added: number }>`with ${personLinkCtes(links, now)} select (select count(*) from ins)::int as added, (select count(*) from eps) as episodes`.execute(trx);
  return Number(r.rows[0].added);
}
