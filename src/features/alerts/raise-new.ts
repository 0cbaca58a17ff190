import { sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { AfterCommit, Trx } from '../../db/transaction';
import { notifyAlertEvents } from '../notifications/alert-notifications';
import { deadlineMs } from './lifecycle';
import { linksOf, personLinkCtes } from './person-links';
import type { AlertSignal } from './queue';

/**
 * Opens alerts, one per signal: the alerts, their persons and episodes, the 'raised' events, the audit
 * rows and the notifications in six statements or so, however many alerts a drain of the rule queue
 * raises (a morning of an outbreak raises hundreds); raiseOrMerge (queue.ts) opens its one alert here too.
 * The caller holds the clusters' advisory locks and has found no open alert for any of them; each
 * signal is of its own cluster. Returns the new alerts' ids in the order of the signals.
 */
export async function raiseNewAlerts(trx: Trx, now: Date, signals: AlertSignal[], afterCommit?: AfterCommit): Promise<number[]> {
  if (!signals.length) return [];
  const rows = signals.map((s, ord) => ({
    ord, source: s.source, rule: s.rule, method: s.method ?? null, unit_kind: s.unitKind, unit_id: s.unitId, school_id: s.schoolId, class_id: s.classId ?? null,
    dorm_id: s.dormId ?? null, region_code: s.regionCode, level: s.level, deadline: s.deadline, disease: s.disease ?? null, syndrome: s.syndrome ?? null,
    window_from: s.window.from, window_to: s.window.to, case_count: Math.max(s.personIds.length, s.count ?? 0),
    // An emergency, and any region-level signal, goes to the county at once.
    escalation_level: s.level === 'emergency' || s.unitKind === 'region' ? 'county' : 'school',
    due_at: new Date(now.getTime() + deadlineMs(s.deadline)).toISOString(), detail: s.detail ?? {},
  }));
  // Matched back by cluster (unit, rule, syndrome, disease), which is unique among the signals.
  const inserted = await sql<{ id: number; ord: number }>`${prepared}
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(ord int, source text, rule text, method text, unit_kind text, unit_id text,
        school_id bigint, class_id bigint, dorm_id bigint, region_code text, level text, deadline text, disease text, syndrome text, window_from date,
        window_to date, case_count int, escalation_level text, due_at timestamptz, detail jsonb)
    ), ins as (
      insert into alerts (source, rule, method, unit_kind, unit_id, school_id, class_id, dorm_id, region_code, level, deadline, disease, syndrome,
        window_from, window_to, case_count, status, outcome, escalation_level, raised_at, due_at, updated_at, detail)
      select source, rule, method, unit_kind, unit_id, school_id, class_id, dorm_id, region_code, level, deadline, disease, syndrome,
        window_from, window_to, case_count, 'new', null, escalation_level, ${now}, due_at, ${now}, detail
      from input order by ord
      returning id, unit_kind, unit_id, rule, syndrome, disease
    )
    select ins.id, input.ord from ins join input on input.unit_kind = ins.unit_kind and input.unit_id = ins.unit_id and input.rule = ins.rule
      and input.syndrome is not distinct from ins.syndrome and input.disease is not distinct from ins.disease
    order by input.ord`.execute(trx);
  if (inserted.rows.length !== signals.length) throw new Error('raiseNewAlerts: two signals of one cluster');
  const ids = inserted.rows.map((r) => Number(r.id));

  const links = linksOf(signals.map((s, i) => ({ s, alertId: ids[i] })));
  if (links.length) await sql`${prepared}with ${personLinkCtes(links, now)} select (select count(*) from ins) as persons, (select count(*) from eps) as episodes`.execute(trx);

  const events = signals.map((s) => JSON.stringify({ persons: s.personIds.length, count: s.count ?? null }));
  const audits = signals.map((s) => JSON.stringify({ rule: s.rule, unit: `${s.unitKind}:${s.unitId}`, level: s.level, persons: s.personIds.length }));
  await sql`${prepared}
    with g as (
      select * from unnest(${sql.val(ids)}::bigint[], ${sql.val(events)}::jsonb[], ${sql.val(audits)}::jsonb[]) with ordinality as g(id, event, audit, i)
    ), ev as (
      insert into alert_events (alert_id, at, actor_id, action, from_status, to_status, note, detail)
      select id, ${now}, null, 'raised', null, 'new', null, event from g order by i returning 1
    )
    insert into audit_log (actor_id, actor_name, actor_role, action, object_type, object_id, scope, result, detail, ip)
    select null, null, null, 'alert.raise', 'alert', id::text, null, 'ok', audit, null from g order by i`.execute(trx);

  await notifyAlertEvents(trx, ids, 'raised', now, afterCommit);
  return ids;
}
