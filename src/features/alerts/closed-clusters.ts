import { sql } from 'kysely';
import type { Trx } from '../../db/transaction';
import { addDays } from '../../domain/calendar';
import { type AlertSignal, MERGE_GAP_DAYS } from './queue';

/**
 * What a closed alert of a signal's cluster means for a signal that finds no open alert to join.
 *
 * The rules are re-evaluated on every edit of a check, every drain and every daily scan, and see the
 * cases of an outbreak that was handled and closed as long as they stay in the rule's window. Such a
 * signal brings nothing new over the closed alert and raises nothing (`covered`): same cluster key,
 * no more serious than it, every person already linked to it with the case dated within its window
 * (without named persons: its window within the closed one and no more cases).
 *
 * A signal with a new case after the closure opens a new alert that names the closed one
 * (`detail.followsClosedAlert`): as outbreak-reporting systems treat an event concluded (结案) and
 * new cases after it, the closed alert's record — deadline met, CDC report, outcome — stays as it was
 * decided, and the new cases get a legal deadline and notifications of their own; reopening would
 * rewrite a concluded, reported event and hide the new deadline behind an old one.
 *
 * A manual alert is a person's decision and is never held back here. Serialised by the caller's
 * advisory locks of the clusters.
 */
export async function againstClosed(trx: Trx, signals: AlertSignal[]): Promise<{ covered: Map<AlertSignal, number>; follows: Map<AlertSignal, number> }> {
  const covered = new Map<AlertSignal, number>();
  const follows = new Map<AlertSignal, number>();
  const probed = signals.filter((s) => s.rule !== 'manual');
  if (!probed.length) return { covered, follows };
  const input = probed.map((s, i) => ({
    i, kind: s.unitKind, unit: s.unitId, rule: s.rule, syndrome: s.syndrome ?? null, disease: s.disease ?? null, school: s.schoolId, region: s.regionCode,
    f: earliest(s), t: s.window.to, reach: addDays(earliest(s), -MERGE_GAP_DAYS), persons: [...new Set(s.personIds)],
  }));
  // Rare (only signals that would open an alert get here), so a probe per signal through the school's
  // (or, for a region signal, the county's) alerts; alerts_cluster only holds alerts not closed.
  const r = await sql<{ i: number; id: number; level: string; window_from: string; window_to: string; case_count: number; linked: number[] }>`
    select c.i, a.id, a.level, a.window_from::text as window_from, a.window_to::text as window_to, a.case_count,
      array(select x.person_id from alert_persons x where x.alert_id = a.id and x.person_id = any(c.persons)) as linked
    from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as c(i int, kind text, unit text, rule text, syndrome text, disease text, school bigint, region text,
      f date, t date, reach date, persons bigint[])
    cross join lateral (
      select * from alerts a
      where ((c.school is not null and a.school_id = c.school) or (c.school is null and a.school_id is null and a.region_code = c.region))
        and a.status = 'closed' and a.unit_kind = c.kind and a.unit_id = c.unit and a.rule = c.rule
        and a.syndrome is not distinct from c.syndrome and a.disease is not distinct from c.disease
        and a.window_from <= c.t and a.window_to >= c.reach) a
    order by c.i, a.id desc`.execute(trx);
  for (const row of r.rows) {
    const s = probed[row.i];
    if (covered.has(s)) continue;
    const a = { id: Number(row.id), level: row.level, from: row.window_from, to: row.window_to, count: Number(row.case_count), linked: new Set(row.linked.map(Number)) };
    if (covers(a, s)) {
      covered.set(s, a.id);
      follows.delete(s);
    } else if (!follows.has(s)) follows.set(s, a.id); // the newest closed alert of the cluster
  }
  return { covered, follows };
}

/** The signal's earliest day: its window's first, or an earlier case it counts (a person still ill). */
function earliest(s: AlertSignal): string {
  return (s.caseDates ?? []).reduce((m, d) => (d < m ? d : m), s.window.from);
}

function covers(a: { level: string; from: string; to: string; count: number; linked: Set<number> }, s: AlertSignal): boolean {
  if (s.level === 'emergency' && a.level !== 'emergency') return false;
  const within = (d: string) => d >= a.from && d <= a.to;
  if (!s.personIds.length) return within(s.window.from) && within(s.window.to) && (s.count ?? 0) <= a.count;
  // Without case dates, the signal's window stands for them.
  return s.personIds.every((p, i) => a.linked.has(p) && (s.caseDates ? within(s.caseDates[i]) : within(s.window.from) && within(s.window.to)));
}

/** The signal as it opens a new alert: naming the closed alert of its cluster it follows, if any. */
export function following(s: AlertSignal, closedId: number | undefined): AlertSignal {
  return closedId == null ? s : { ...s, detail: { ...(s.detail ?? {}), followsClosedAlert: closedId } };
}
