import { type RawBuilder, sql } from 'kysely';
import type { AlertSignal } from './queue';

/** One person of a signal to link to an alert, with the signal's window. */
export interface PersonLink {
  alertId: number;
  personId: number;
  from: string;
  to: string;
}

/** The links of signals to their alerts: each signal's persons (once each) with its window. */
export const linksOf = (pairs: Array<{ s: AlertSignal; alertId: number }>): PersonLink[] =>
  pairs.flatMap(({ s, alertId }) => [...new Set(s.personIds)].map((personId) => ({ alertId, personId, from: s.window.from, to: s.window.to })));

/**
 * CTEs `u`, `ins` and `eps` linking persons to alerts, for the caller's statement: each person once per
 * alert (`ins` returns the alert of every person added), and each person's illness episodes that
 * overlap the window (open, or ended on or after its first day; opened by its last). Linking again
 * adds nothing. Every path that opens or grows an alert links through here.
 */
export function personLinkCtes(links: PersonLink[], now: Date): RawBuilder<unknown> {
  return sql`u as (
      select * from unnest(${sql.val(links.map((l) => l.alertId))}::bigint[], ${sql.val(links.map((l) => l.personId))}::bigint[],
        ${sql.val(links.map((l) => l.from))}::date[], ${sql.val(links.map((l) => l.to))}::date[]) as u(a, p, f, t)
    ), ins as (
      insert into alert_persons (alert_id, person_id, added_at) select distinct a, p, ${now}::timestamptz from u order by a, p
      on conflict (alert_id, person_id) do nothing returning alert_id
    ), eps as (
      -- Each person's episodes through the person's index (the lateral's offset keeps it a probe per
      -- person): joined as a set, the planner, its statistics behind a busy morning, read every
      -- illness episode of the table for a few persons. The kind is tested outside the probe: inside,
      -- a generic plan took the partial index absence_episodes_onset (kind = 'illness') and read a
      -- range of all the table's opening days for each person.
      insert into alert_episodes (alert_id, episode_id)
      select distinct u.a, e.id from u cross join lateral (
        select e.id, e.kind from absence_episodes e
        where e.person_id = u.p and (e.status = 'open' or e.last_absent_on >= u.f) and e.opened_on <= u.t
        offset 0) e
      where e.kind = 'illness'
      on conflict do nothing returning 1
    )`;
}
