import { sql } from 'kysely';
import type { AfterCommit, Trx } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import { alertRecipients, type Candidate, ESCALATION_ORDER, type EscalationLevel } from '../../domain/notifications';
import type { Role } from '../../db/tables';
import { deadlineLabel, ruleLabel } from '../alerts/labels';
import { enqueueNotification } from './enqueue';

export type AlertEvent = 'raised' | 'emergency' | `escalated:${EscalationLevel}`;

/** The alert's place: its school, class, unit name and region codes by level. */
async function alertPlace(trx: Trx, alertId: number) {
  const a = await trx.selectFrom('alerts').leftJoin('schools', 'schools.id', 'alerts.school_id').leftJoin('classes', 'classes.id', 'alerts.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id').leftJoin('dorms', 'dorms.id', 'alerts.dorm_id').innerJoin('regions', 'regions.code', 'alerts.region_code')
    .select(['alerts.id', 'alerts.unit_kind', 'alerts.school_id', 'alerts.class_id', 'alerts.region_code', 'alerts.rule', 'alerts.disease', 'alerts.syndrome', 'alerts.level',
      'alerts.deadline', 'alerts.case_count', 'alerts.window_from', 'alerts.window_to', 'alerts.escalation_level', 'schools.name as school_name', 'grades.name as grade_name',
      'classes.name as class_name', 'dorms.building', 'dorms.room', 'regions.name as region_name'])
    .where('alerts.id', '=', alertId).executeTakeFirstOrThrow();
  const ancestors = await trx.selectFrom('region_closure').innerJoin('regions', 'regions.code', 'region_closure.ancestor_code')
    .select(['regions.code', 'regions.level']).where('region_closure.code', '=', a.region_code).execute();
  const regions: Partial<Record<'county' | 'city' | 'province', string>> = {};
  for (const r of ancestors) regions[r.level] = r.code;
  const unit = a.unit_kind === 'class' ? `${a.school_name} ${a.grade_name ?? ''}${a.class_name}`
    : a.unit_kind === 'dorm' ? `${a.school_name} ${a.building}${a.room}`
    : a.unit_kind === 'school' ? (a.school_name ?? '') : a.region_name;
  return { a, regions, unit };
}

/** Accounts that might hear about an alert at this place, with their grid units. */
async function candidates(trx: Trx, schoolId: number | null, regionCodes: string[]): Promise<Candidate[]> {
  const rows = await trx.selectFrom('accounts').select(['id', 'role', 'school_id', 'class_id', 'region_code', 'hospital_id']).where('disabled_at', 'is', null)
    .where((eb) => eb.or([
      ...(schoolId != null ? [eb('school_id', '=', schoolId), eb('hospital_id', 'in', eb.selectFrom('school_hospital_pairings').select('hospital_id').where('school_id', '=', schoolId))] : []),
      ...(regionCodes.length ? [eb('region_code', 'in', regionCodes)] : []),
      sql<boolean>`false`,
    ])).execute();
  if (!rows.length) return [];
  const grid = await trx.selectFrom('grid_responsibilities').select(['account_id', 'unit_type', 'unit_key']).where('account_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => ({
    accountId: r.id, role: r.role, schoolId: r.school_id, classId: r.class_id, regionCode: r.region_code,
    pairedSchoolIds: r.role === 'hospital_liaison' && schoolId != null ? [schoolId] : [],
    grid: grid.filter((g) => g.account_id === r.id).map((g) => `${g.unit_type}:${g.unit_key}`),
    mayRead: can({ role: r.role as Role, canUnmask: false }, 'alert.read'),
  }));
}

const EVENT_TEXT: Record<string, { zh: string; en: string }> = {
  raised: { zh: '新预警', en: 'New alert' },
  emergency: { zh: '预警升级为紧急', en: 'Alert now at emergency level' },
  escalated: { zh: '预警未确认，已上报上级', en: 'Alert unacknowledged, escalated' },
};

/**
 * Notifies everyone responsible for an alert about one event of it, in the caller's transaction. The
 * dedupe key is the alert and the event, so re-evaluating the same data never notifies twice.
 */
export async function notifyAlertEvent(trx: Trx, alertId: number, event: AlertEvent, now: Date, afterCommit?: AfterCommit) {
  const { a, regions, unit } = await alertPlace(trx, alertId);
  const reach = ESCALATION_ORDER.indexOf(a.escalation_level);
  const regionCodes = (['county', 'city', 'province'] as const).filter((l) => ESCALATION_ORDER.indexOf(l) <= reach).map((l) => regions[l]).filter((c): c is string => !!c);
  const people = alertRecipients({ unitKind: a.unit_kind, schoolId: a.school_id, classId: a.class_id, regions, escalation: a.escalation_level },
    await candidates(trx, a.school_id, Object.values(regions)));
  const rule = ruleLabel(a.rule, a.disease, a.syndrome);
  const dl = deadlineLabel(a.deadline);
  const head = EVENT_TEXT[event.split(':')[0]];
  const emergency = a.level === 'emergency';
  const title = { zh: `${head.zh}${emergency ? '（紧急）' : ''}：${unit} ${rule.zh}`, en: `${head.en}${emergency ? ' (emergency)' : ''}: ${unit}, ${rule.en}` };
  const window = a.window_from === a.window_to ? a.window_from : `${a.window_from} – ${a.window_to}`;
  const body = { zh: `${a.case_count} 例，${window}，${dl.zh}。`, en: `${a.case_count} case(s), ${window}, ${dl.en}.` };
  const link = `/alerts/${a.id}`;
  return enqueueNotification(trx, {
    kind: `alert.${event.split(':')[0]}`, dedupeKey: `alert:${a.id}:${event}`, recipients: [...people.keys()], title, body, link, alertId: a.id,
    webhooks: { schoolId: a.school_id, regionCodes, message: { title: title.zh, lines: [`${unit}：${rule.zh}`, `病例数：${a.case_count}（${window}）`, `时限：${dl.zh}`] } },
  }, now, afterCommit);
}
