import { sql } from 'kysely';
import type { AfterCommit, Trx } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import { alertRecipients, type Candidate, ESCALATION_ORDER, type EscalationLevel } from '../../domain/notifications';
import type { Role } from '../../db/tables';
import { deadlineLabel, ruleLabel } from '../alerts/labels';
import { enqueueNotifications } from './enqueue';

export type AlertEvent = 'raised' | 'emergency' | `escalated:${EscalationLevel}`;

/** The alerts' places: school, class, unit name and region codes by level, read for all at once. */
async function alertPlaces(trx: Trx, alertIds: number[]) {
  const rows = await trx.selectFrom('alerts').leftJoin('schools', 'schools.id', 'alerts.school_id').leftJoin('classes', 'classes.id', 'alerts.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id').leftJoin('dorms', 'dorms.id', 'alerts.dorm_id').innerJoin('regions', 'regions.code', 'alerts.region_code')
    .select(['alerts.id', 'alerts.unit_kind', 'alerts.school_id', 'alerts.class_id', 'alerts.region_code', 'alerts.rule', 'alerts.disease', 'alerts.syndrome', 'alerts.level',
      'alerts.deadline', 'alerts.case_count', 'alerts.window_from', 'alerts.window_to', 'alerts.escalation_level', 'schools.name as school_name', 'grades.name as grade_name',
      'classes.name as class_name', 'dorms.building', 'dorms.room', 'regions.name as region_name'])
    .where('alerts.id', 'in', alertIds).execute();
  const codes = [...new Set(rows.map((a) => a.region_code))];
  const ancestors = codes.length
    ? await trx.selectFrom('region_closure').innerJoin('regions', 'regions.code', 'region_closure.ancestor_code')
      .select(['region_closure.code as of', 'regions.code', 'regions.level']).where('region_closure.code', 'in', codes).execute()
    : [];
  const byId = new Map(rows.map((a) => [Number(a.id), a]));
  return alertIds.map((id) => {
    const a = byId.get(id);
    if (!a) throw new Error(`alert ${id} not found`);
    const regions: Partial<Record<'county' | 'city' | 'province', string>> = {};
    for (const r of ancestors) if (r.of === a.region_code) regions[r.level] = r.code;
    const unit = a.unit_kind === 'class' ? `${a.school_name} ${a.grade_name ?? ''}${a.class_name}`
      : a.unit_kind === 'dorm' ? `${a.school_name} ${a.building}${a.room}`
      : a.unit_kind === 'school' ? (a.school_name ?? '') : a.region_name;
    return { a, regions, unit };
  });
}

/**
 * Accounts that might hear about alerts at these places, with their grid units, read once for all:
 * for each place, the school's accounts, the liaisons of hospitals paired with it, and the accounts
 * of its regions.
 */
async function candidatesFor(trx: Trx, places: Array<{ schoolId: number | null; regionCodes: string[] }>): Promise<Candidate[][]> {
  const schoolIds = [...new Set(places.map((p) => p.schoolId).filter((id) => id != null))];
  const regionCodes = [...new Set(places.flatMap((p) => p.regionCodes))];
  const pairings = schoolIds.length
    ? await trx.selectFrom('school_hospital_pairings').select(['school_id', 'hospital_id']).where('school_id', 'in', schoolIds).execute()
    : [];
  const hospitals = [...new Set(pairings.map((p) => p.hospital_id))];
  const rows = await trx.selectFrom('accounts').select(['id', 'role', 'school_id', 'class_id', 'region_code', 'hospital_id']).where('disabled_at', 'is', null)
    .where((eb) => eb.or([
      ...(schoolIds.length ? [eb('school_id', 'in', schoolIds)] : []),
      ...(hospitals.length ? [eb('hospital_id', 'in', hospitals)] : []),
      ...(regionCodes.length ? [eb('region_code', 'in', regionCodes)] : []),
      sql<boolean>`false`,
    ])).orderBy('id').execute();
  const grid = new Map<number, string[]>();
  if (rows.length) {
    for (const g of await trx.selectFrom('grid_responsibilities').select(['account_id', 'unit_type', 'unit_key']).where('account_id', 'in', rows.map((r) => r.id)).execute()) {
      grid.set(g.account_id, [...(grid.get(g.account_id) ?? []), `${g.unit_type}:${g.unit_key}`]);
    }
  }
  return places.map(({ schoolId, regionCodes: codes }) => {
    const paired = new Set(pairings.filter((p) => p.school_id === schoolId).map((p) => p.hospital_id));
    return rows
      .filter((r) => (schoolId != null && (r.school_id === schoolId || (r.hospital_id != null && paired.has(r.hospital_id)))) || (r.region_code != null && codes.includes(r.region_code)))
      .map((r) => ({
        accountId: r.id, role: r.role, schoolId: r.school_id, classId: r.class_id, regionCode: r.region_code,
        pairedSchoolIds: r.role === 'hospital_liaison' && schoolId != null ? [schoolId] : [],
        grid: grid.get(r.id) ?? [],
        mayRead: can({ role: r.role as Role, canUnmask: false }, 'alert.read'),
      }));
  });
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
  return notifyAlertEvents(trx, [alertId], event, now, afterCommit);
}

/** The same event of several alerts (those one drain of the rule queue raised), with the statements of one. */
export async function notifyAlertEvents(trx: Trx, alertIds: number[], event: AlertEvent, now: Date, afterCommit?: AfterCommit) {
  if (!alertIds.length) return { inApp: 0, outbox: 0 };
  const places = await alertPlaces(trx, alertIds);
  const candidates = await candidatesFor(trx, places.map(({ a, regions }) => ({ schoolId: a.school_id, regionCodes: Object.values(regions) })));
  const head = EVENT_TEXT[event.split(':')[0]];
  const list = places.map(({ a, regions, unit }, i) => {
    const reach = ESCALATION_ORDER.indexOf(a.escalation_level);
    const regionCodes = (['county', 'city', 'province'] as const).filter((l) => ESCALATION_ORDER.indexOf(l) <= reach).map((l) => regions[l]).filter((c): c is string => !!c);
    const people = alertRecipients({ unitKind: a.unit_kind, schoolId: a.school_id, classId: a.class_id, regions, escalation: a.escalation_level }, candidates[i]);
    const rule = ruleLabel(a.rule, a.disease, a.syndrome);
    const dl = deadlineLabel(a.deadline);
    const emergency = a.level === 'emergency';
    const title = { zh: `${head.zh}${emergency ? '（紧急）' : ''}：${unit} ${rule.zh}`, en: `${head.en}${emergency ? ' (emergency)' : ''}: ${unit}, ${rule.en}` };
    const window = a.window_from === a.window_to ? a.window_from : `${a.window_from} – ${a.window_to}`;
    const body = { zh: `${a.case_count} 例，${window}，${dl.zh}。`, en: `${a.case_count} case(s), ${window}, ${dl.en}.` };
    return {
      kind: `alert.${event.split(':')[0]}`, dedupeKey: `alert:${a.id}:${event}`, recipients: [...people.keys()], title, body, link: `/alerts/${a.id}`, alertId: a.id,
      webhooks: { schoolId: a.school_id, regionCodes, message: { title: title.zh, lines: [`${unit}：${rule.zh}`, `病例数：${a.case_count}（${window}）`, `时限：${dl.zh}`] } },
    };
  });
  return enqueueNotifications(trx, list, now, afterCommit);
}
