import { sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { AfterCommit, Trx } from '../../db/transaction';
import { addDays } from '../../domain/calendar';
import { againstClosed, following } from './closed-clusters';
import { linksOf, personLinkCtes } from './person-links';
import { type AlertSignal, MERGE_GAP_DAYS, type QueueResult, raiseOrMerge } from './queue';
import { raiseNewAlerts } from './raise-new';

/**
 * raiseOrMerge (queue.ts) for the many signals of one drain of the rule queue, in rounds of a few
 * set-based statements each, whatever the number of signals: take the clusters' advisory locks (in key
 * order, once); then per round read and lock the clusters' open alerts, and walk each cluster's signals
 * in order while they join an open alert (those are grown together: persons, episodes, counts, one
 * 'grew' event per alert, audit). A cluster stops at its first signal that opens an alert (all such
 * alerts are opened together, raise-new.ts, unless a closed alert of the cluster already holds all
 * their cases) or raises one to emergency (raiseOrMerge, with its notification); its later signals
 * wait for the next round, which sees what this one wrote. The outcome is what the signals one after
 * another would leave, except that an alert that grows through several signals of a round gets one
 * 'grew' event for them.
 */
export async function raiseOrMergeMany(trx: Trx, now: Date, signals: AlertSignal[], afterCommit?: AfterCommit): Promise<QueueResult[]> {
  if (!signals.length) return [];
  const keys = [...new Set(signals.map(keyOf))].sort();
  await sql`${prepared}select pg_advisory_xact_lock(hashtext(k)) from unnest(${sql.val(keys)}::text[]) with ordinality as u(k, i) order by i`.execute(trx);
  const results = new Map<AlertSignal, QueueResult>();
  let pending = signals;
  while (pending.length) {
    const open = await openAlerts(trx, pending);
    // Which open alert each signal joins, with the alerts' windows as the signals before it leave them.
    const windows = new Map<number, { from: string; to: string }>();
    const target = new Map<AlertSignal, number>();
    const stopped = new Set<string>();
    const openers: AlertSignal[] = [];
    const upgrades: AlertSignal[] = [];
    const later: AlertSignal[] = [];
    for (const s of pending) {
      const k = keyOf(s);
      if (stopped.has(k)) {
        later.push(s);
        continue;
      }
      const found = (open.get(k) ?? []).find((a) => {
        const w = windows.get(a.id) ?? { from: a.window_from, to: a.window_to };
        return w.from <= s.window.to && w.to >= addDays(s.window.from, -MERGE_GAP_DAYS);
      });
      if (!found || (s.level === 'emergency' && found.level === 'report')) {
        stopped.add(k);
        (found ? upgrades : openers).push(s);
        continue;
      }
      const w = windows.get(found.id) ?? { from: found.window_from, to: found.window_to };
      windows.set(found.id, { from: [s.window.from, w.from].sort()[0], to: [s.window.to, w.to].sort()[1] });
      target.set(s, found.id);
    }
    const growing = pending.filter((s) => target.has(s));
    if (growing.length) {
      const alerts = [...open.values()].flat().filter((a) => growing.some((s) => target.get(s) === a.id));
      const grown = await growMany(trx, now, growing.map((s) => ({ s, alertId: target.get(s)! })), alerts);
      for (const s of growing) results.set(s, { alertId: target.get(s)!, created: false, grew: grown.has(target.get(s)!), upgraded: false });
    }
    for (const s of upgrades) results.set(s, await raiseOrMerge(trx, now, s, afterCommit));
    // A signal with nothing new over a closed alert of its cluster raises nothing (closed-clusters.ts).
    const closed = await againstClosed(trx, openers);
    for (const [s, alertId] of closed.covered) results.set(s, { alertId, created: false, grew: false, upgraded: false });
    const opening = openers.filter((s) => !closed.covered.has(s));
    const ids = await raiseNewAlerts(trx, now, opening.map((s) => following(s, closed.follows.get(s))), afterCommit);
    for (const [i, s] of opening.entries()) results.set(s, { alertId: ids[i], created: true, grew: false, upgraded: false });
    pending = later;
  }
  return signals.map((s) => results.get(s)!);
}

const keyOf = (s: { unitKind: string; unitId: string; rule: string; syndrome?: string | null; disease?: string | null }) =>
  `alert:${s.unitKind}:${s.unitId}:${s.rule}:${s.syndrome ?? ''}:${s.disease ?? ''}`;

/**
 * The open alerts of the signals' clusters that a signal could join, locked, newest first per cluster:
 * those whose window reaches the earliest signal of their cluster (less MERGE_GAP_DAYS). An older
 * open alert can take none of them: a window grows only by the signals it takes. Alerts left open for
 * weeks are thus not read and locked again on every drain. Of each alert's persons, only those the
 * signals name are read (whether they are linked already), with the number of all: a school's alert of
 * a long outbreak has hundreds, and every drain of the school read them all again.
 */
async function openAlerts(trx: Trx, signals: AlertSignal[]) {
  // Each cluster once, with its earliest signal's first day.
  const byKey = new Map<string, { s: AlertSignal; from: string }>();
  for (const s of signals) {
    const c = byKey.get(keyOf(s));
    if (!c) byKey.set(keyOf(s), { s, from: s.window.from });
    else if (s.window.from < c.from) c.from = s.window.from;
  }
  const clusters = [...byKey.values()].map((c) => c.s);
  const reach = [...byKey.values()].map((c) => addDays(c.from, -MERGE_GAP_DAYS));
  const named = [...new Set(signals.flatMap((s) => s.personIds))];
  const open = await sql<{ id: number; unit_kind: string; unit_id: string; rule: string; syndrome: string | null; disease: string | null; level: string; window_from: string; window_to: string; case_count: number; version: number; linked: number[]; person_count: number }>`${prepared}
    select a.id, a.unit_kind, a.unit_id, a.rule, a.syndrome, a.disease, a.level, a.window_from::text as window_from, a.window_to::text as window_to, a.case_count, a.version,
      array(select x.person_id from alert_persons x where x.alert_id = a.id and x.person_id = any(${sql.val(named)}::bigint[])) as linked,
      (select count(*)::int from alert_persons x where x.alert_id = a.id) as person_count
    from unnest(${sql.val(clusters.map((s) => s.unitKind))}::text[], ${sql.val(clusters.map((s) => s.unitId))}::text[], ${sql.val(clusters.map((s) => s.rule))}::text[],
      ${sql.val(clusters.map((s) => s.syndrome ?? null))}::text[], ${sql.val(clusters.map((s) => s.disease ?? null))}::text[], ${sql.val(reach)}::date[]) as c(kind, unit, rule, syndrome, disease, reach)
    -- A probe per cluster through alerts_cluster: joined as a set, the plan read every open alert
    -- (hundreds, with the dead versions their grows leave) on each round.
    cross join lateral (
      select * from alerts a
      where a.unit_kind = c.kind and a.unit_id = c.unit and a.rule = c.rule and a.status <> 'closed'
        and a.syndrome is not distinct from c.syndrome and a.disease is not distinct from c.disease and a.window_to >= c.reach
      for update) a
    order by a.id desc`.execute(trx);
  const byCluster = new Map<string, Array<(typeof open.rows)[number]>>();
  for (const a of open.rows) {
    const k = keyOf({ unitKind: a.unit_kind, unitId: a.unit_id, rule: a.rule, syndrome: a.syndrome, disease: a.disease });
    const list = byCluster.get(k) ?? [];
    list.push({ ...a, id: Number(a.id), case_count: Number(a.case_count), linked: a.linked.map(Number), person_count: Number(a.person_count) });
    byCluster.set(k, list);
  }
  return byCluster;
}

/** The grow branch of raiseOrMerge for many (signal, alert) pairs, in two statements; returns the alerts that grew. */
async function growMany(trx: Trx, now: Date, pairs: Array<{ s: AlertSignal; alertId: number }>, alerts: OpenAlert[]): Promise<Set<number>> {
  const ids = [...new Set(pairs.map((p) => p.alertId))];
  const byId = new Map(alerts.map((a) => [a.id, a]));
  // Persons and their episodes linked; each alert's persons are those counted with it plus those added.
  const links = newLinks(pairs, byId);
  const linked = links.length
    ? await sql<{ id: number; added: number }>`${prepared}with ${personLinkCtes(links, now)} select alert_id as id, count(*)::int as added from ins group by alert_id`.execute(trx)
    : { rows: [] };
  const added = new Map(linked.rows.map((r) => [Number(r.id), Number(r.added)]));
  const persons = new Map(ids.map((id) => [id, (byId.get(id)?.person_count ?? 0) + (added.get(id) ?? 0)]));
  const signalsOf = new Map<number, AlertSignal[]>();
  for (const p of pairs) {
    const list = signalsOf.get(p.alertId);
    if (list) list.push(p.s);
    else signalsOf.set(p.alertId, [p.s]);
  }
  const grown: Array<{ id: number; from: string; to: string; count: number; version: number; added: number }> = [];
  for (const a of alerts) {
    const mine = signalsOf.get(Number(a.id)) ?? [];
    let from = a.window_from;
    let to = a.window_to;
    let count = Math.max(persons.get(Number(a.id)) ?? 0, Number(a.case_count));
    for (const s of mine) {
      if (s.window.from < from) from = s.window.from;
      if (s.window.to > to) to = s.window.to;
      count = Math.max(count, s.count ?? 0);
    }
    const n = added.get(Number(a.id)) ?? 0;
    if (n > 0 || from !== a.window_from || to !== a.window_to || count !== Number(a.case_count)) grown.push({ id: Number(a.id), from, to, count, version: Number(a.version), added: n });
  }
  if (!grown.length) return new Set();
  const event = (g: (typeof grown)[number]) => JSON.stringify({ addedPersons: g.added, count: g.count, window: { from: g.from, to: g.to } });
  await sql`${prepared}
    with g as (
      select * from unnest(${sql.val(grown.map((g) => g.id))}::bigint[], ${sql.val(grown.map((g) => g.from))}::date[], ${sql.val(grown.map((g) => g.to))}::date[],
        ${sql.val(grown.map((g) => g.count))}::int[], ${sql.val(grown.map((g) => g.version))}::int[], ${sql.val(grown.map(event))}::jsonb[],
        ${sql.val(grown.map((g) => JSON.stringify({ addedPersons: g.added, count: g.count })))}::jsonb[]) as g(id, f, t, n, v, event, audit)
    ), up as (
      update alerts set window_from = g.f, window_to = g.t, case_count = g.n, updated_at = ${now}, version = g.v + 1 from g where alerts.id = g.id returning 1
    ), ev as (
      insert into alert_events (alert_id, at, actor_id, action, from_status, to_status, note, detail)
      select id, ${now}, null, 'grew', null, null, null, event from g order by id returning 1
    )
    insert into audit_log (actor_id, actor_name, actor_role, action, object_type, object_id, scope, result, detail, ip)
    select null, null, null, 'alert.grow', 'alert', id::text, null, 'ok', audit, null from g order by id`.execute(trx);
  return new Set(grown.map((g) => g.id));
}

/** An open alert as a round reads it: `linked` are those of the signals' persons it has already, of `person_count` in all. */
type OpenAlert = { id: number; window_from: string; window_to: string; case_count: number; version: number; linked: number[]; person_count: number };

/**
 * The links a grow must make: every person of a signal, except those already linked to the alert who
 * are not fresh (see AlertSignal.reports) and not reported after the alert's window. Such a person's
 * episodes overlapping the window were linked with it (an episode opens with a report), and linking
 * again would add nothing; on a busy morning they are nearly all of a grow's persons.
 */
function newLinks(pairs: Array<{ s: AlertSignal; alertId: number }>, alerts: Map<number, OpenAlert>) {
  const linked = new Map<number, Set<number>>();
  const kept = pairs.map(({ s, alertId }) => {
    const a = alerts.get(alertId);
    if (!s.reports || !a) return { s, alertId };
    let set = linked.get(alertId);
    if (!set) linked.set(alertId, (set = new Set(a.linked)));
    const { last, fresh } = s.reports;
    const personIds = s.personIds.filter((p, i) => !set.has(p) || fresh[i] || last[i] > a.window_to);
    return { s: { ...s, personIds }, alertId };
  });
  return linksOf(kept);
}
