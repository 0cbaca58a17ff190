import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import type { Scope } from '../../domain/access/scope';
import { ruleLabel } from './labels';
import { secondsToDeadline } from './lifecycle';
import { alertInScope } from './scope';
import type { AlertStatus } from './tables';

export interface AlertFilter {
  status?: AlertStatus | 'open';
  level?: 'report' | 'emergency';
  escalation?: 'school' | 'county' | 'city' | 'province';
  unitKind?: 'class' | 'dorm' | 'school' | 'region';
  schoolId?: number;
  regionCode?: string;
  source?: 'rule' | 'scan';
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** Alerts with the names of their unit, school and region. */
export function alertRows(db: Kysely<Database>) {
  return db.selectFrom('alerts').leftJoin('schools', 'schools.id', 'alerts.school_id').leftJoin('classes', 'classes.id', 'alerts.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id').leftJoin('dorms', 'dorms.id', 'alerts.dorm_id').innerJoin('regions', 'regions.code', 'alerts.region_code')
    .selectAll('alerts')
    .select(['schools.name as school_name', 'grades.name as grade_name', 'classes.name as class_name', 'dorms.building as dorm_building', 'dorms.room as dorm_room', 'regions.name as region_name']);
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof alertRows>['execute']>>[number];

export function toAlertSummary(r: AlertRow, now: Date) {
  const unitName = r.unit_kind === 'class' ? `${r.grade_name ?? ''}${r.class_name ?? ''}` : r.unit_kind === 'dorm' ? `${r.dorm_building ?? ''}${r.dorm_room ?? ''}` : r.unit_kind === 'school' ? (r.school_name ?? '') : r.region_name;
  return {
    id: r.id, source: r.source, rule: r.rule, ruleLabel: ruleLabel(r.rule, r.disease, r.syndrome), method: r.method,
    unit: { kind: r.unit_kind, id: r.unit_id, name: unitName }, schoolId: r.school_id, schoolName: r.school_name, classId: r.class_id, dormId: r.dorm_id,
    regionCode: r.region_code, regionName: r.region_name, level: r.level, deadline: r.deadline, disease: r.disease, syndrome: r.syndrome,
    window: { from: r.window_from, to: r.window_to }, caseCount: r.case_count, status: r.status, outcome: r.outcome, escalationLevel: r.escalation_level,
    raisedAt: r.raised_at.toISOString(), dueAt: r.due_at.toISOString(), secondsToDeadline: secondsToDeadline(r.status, r.due_at, now),
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null, reportedAt: r.reported_at?.toISOString() ?? null, closedAt: r.closed_at?.toISOString() ?? null,
    closeNote: r.close_note, version: r.version,
  };
}

function filtered(db: Kysely<Database>, scope: Scope, f: AlertFilter) {
  let q = alertRows(db).where(alertInScope(scope, 'alerts'));
  if (f.status === 'open') q = q.where('alerts.status', '<>', 'closed');
  else if (f.status) q = q.where('alerts.status', '=', f.status);
  if (f.level) q = q.where('alerts.level', '=', f.level);
  if (f.escalation) q = q.where('alerts.escalation_level', '=', f.escalation);
  if (f.unitKind) q = q.where('alerts.unit_kind', '=', f.unitKind);
  if (f.schoolId) q = q.where('alerts.school_id', '=', f.schoolId);
  if (f.source) q = q.where('alerts.source', '=', f.source);
  if (f.regionCode) q = q.where(sql<boolean>`alerts.region_code in (select code from region_closure where ancestor_code = ${f.regionCode})`);
  if (f.from) q = q.where('alerts.window_to', '>=', f.from);
  if (f.to) q = q.where('alerts.window_from', '<=', f.to);
  return q;
}

/** One page of alerts in scope, newest first, with the total and counts by status under the same filter (status aside). */
export async function listAlerts(db: Kysely<Database>, scope: Scope, f: AlertFilter, now: Date) {
  const rows = await filtered(db, scope, f).orderBy('alerts.raised_at', 'desc').orderBy('alerts.id', 'desc').limit(f.limit ?? 50).offset(f.offset ?? 0).execute();
  const total = await filtered(db, scope, f).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const byStatus = await filtered(db, scope, { ...f, status: undefined }).clearSelect().select(['alerts.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('alerts.status').execute();
  const counts = { new: 0, acknowledged: 0, investigating: 0, reported_to_cdc: 0, closed: 0 };
  for (const c of byStatus) counts[c.status] = Number(c.n);
  return { items: rows.map((r) => toAlertSummary(r, now)), total: Number(total.n), countsByStatus: counts };
}

/** Open alerts by level and by escalation level, for dashboards. */
export async function openAlertCounts(db: Kysely<Database>, scope: Scope) {
  const rows = await db.selectFrom('alerts').select(['level', 'escalation_level', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '<>', 'closed').where(alertInScope(scope, 'alerts')).groupBy(['level', 'escalation_level', 'status']).execute();
  const byLevel = { report: 0, emergency: 0 };
  const byEscalation = { school: 0, county: 0, city: 0, province: 0 };
  let unacknowledged = 0;
  for (const r of rows) {
    byLevel[r.level] += Number(r.n);
    byEscalation[r.escalation_level] += Number(r.n);
    if (r.status === 'new') unacknowledged += Number(r.n);
  }
  return { open: byLevel.report + byLevel.emergency, unacknowledged, byLevel, byEscalation };
}
