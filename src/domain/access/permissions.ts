import type { Role } from '../../db/tables';
import type { Actor } from './scope';

const OFFICERS: Role[] = ['province_officer', 'city_officer', 'county_officer'];
const SCHOOL_HEALTH: Role[] = ['school_admin', 'school_doctor', 'class_teacher'];

/**
 * Which roles hold each permission. Capabilities add their own entries; scope is checked
 * separately (a permission never widens what an account may see).
 */
export const PERMISSIONS = {
  'structure.read': [...OFFICERS, ...SCHOOL_HEALTH, 'gate_guard', 'hospital_liaison', 'parent', 'sysadmin', 'auditor'],
  'structure.write': ['county_officer', 'city_officer', 'province_officer', 'school_admin', 'sysadmin'],
  'person.read': [...OFFICERS, ...SCHOOL_HEALTH, 'gate_guard', 'hospital_liaison', 'parent'],
  'person.write': ['school_admin', 'class_teacher', 'school_doctor'],
  'person.unmask': [...OFFICERS, ...SCHOOL_HEALTH],
  'person.export': [...OFFICERS, ...SCHOOL_HEALTH],
  'roster.import': ['school_admin', 'county_officer'],
  'account.read': ['sysadmin', 'school_admin'],
  'account.manage': ['sysadmin', 'school_admin'],
  'audit.read': ['auditor'],
  'grid.read': [...OFFICERS, 'school_admin', 'sysadmin'],
  'grid.manage': [...OFFICERS, 'school_admin'],
  'hospital.read': [...OFFICERS, ...SCHOOL_HEALTH, 'hospital_liaison', 'sysadmin'],
  'check.submit': ['class_teacher', 'school_admin', 'school_doctor'],
  'check.read': [...OFFICERS, ...SCHOOL_HEALTH],
  'absence.read': [...OFFICERS, ...SCHOOL_HEALTH],
  'absence.followup': ['school_doctor', 'class_teacher', 'school_admin'],
  'return_policy.manage': ['province_officer', 'city_officer'],
  'dashboard.read': [...OFFICERS, 'school_admin', 'school_doctor'],
  // Campus operations: venue codes, the gate and its ledger.
  'venue_code.read': [...OFFICERS, 'school_admin', 'school_doctor', 'gate_guard'],
  'venue_code.manage': [...OFFICERS, 'school_admin'],
  'gate.record': ['gate_guard', 'school_admin'],
  'gate.read': [...OFFICERS, 'school_admin', 'school_doctor', 'gate_guard'],
  'gate.export': [...OFFICERS, 'school_admin', 'school_doctor'],
  'gate.doctor': ['school_doctor', 'school_admin'],
  'hygiene.read': [...OFFICERS, 'school_admin', 'school_doctor'],
  'hygiene.write': ['school_admin', 'school_doctor'],
  'notice.read': [...OFFICERS, 'school_admin', 'school_doctor', 'class_teacher'],
  'notice.send': [...OFFICERS, 'school_admin', 'class_teacher'],
  'notice.receive': ['parent', 'class_teacher', 'school_doctor', 'school_admin', 'gate_guard'],
  'stagger.read': [...OFFICERS, ...SCHOOL_HEALTH, 'gate_guard'],
  'stagger.manage': ['school_admin'],
  'online_teaching.read': [...OFFICERS, ...SCHOOL_HEALTH],
  'online_teaching.manage': [...OFFICERS, 'school_admin'],
  'supply.read': [...OFFICERS, 'school_admin', 'school_doctor'],
  'supply.write': [...OFFICERS, 'school_admin', 'school_doctor'],
  'vaccination.read': [...OFFICERS, ...SCHOOL_HEALTH],
  'vaccination.write': ['school_doctor', 'school_admin', 'class_teacher'],
  // Response: policies, cases and contacts, risk status, isolation, testing, screening, leave, footing.
  'policy.read': [...OFFICERS, ...SCHOOL_HEALTH, 'hospital_liaison', 'sysadmin'],
  'policy.manage': ['province_officer', 'city_officer'],
  'case.read': [...OFFICERS, ...SCHOOL_HEALTH, 'hospital_liaison'],
  'case.manage': [...OFFICERS, 'school_admin', 'school_doctor'],
  'exposure.manage': ['school_admin', 'school_doctor'],
  'risk.read': [...OFFICERS, ...SCHOOL_HEALTH, 'gate_guard', 'parent', 'hospital_liaison'],
  'risk.override': [...OFFICERS, 'school_admin', 'school_doctor'],
  'risk_area.manage': [...OFFICERS],
  'travel.record': [...OFFICERS, ...SCHOOL_HEALTH, 'parent'],
  'isolation.read': [...OFFICERS, ...SCHOOL_HEALTH, 'hospital_liaison'],
  'isolation.manage': [...OFFICERS, 'school_admin', 'school_doctor'],
  'isolation.checkin': [...SCHOOL_HEALTH, 'parent'],
  'isolation_site.manage': [...OFFICERS],
  'test.read': [...OFFICERS, ...SCHOOL_HEALTH, 'hospital_liaison'],
  'test.record': [...OFFICERS, 'school_admin', 'school_doctor', 'hospital_liaison'],
  'test_schedule.manage': [...OFFICERS, 'school_admin'],
  'screening.read': [...OFFICERS, ...SCHOOL_HEALTH],
  'screening.manage': [...OFFICERS],
  'screening.answer': [...SCHOOL_HEALTH, 'parent'],
  // Parents' links of a whole class: school staff only (a parent gets the link, never the class list).
  'screening.links': [...SCHOOL_HEALTH],
  'leave.read': [...OFFICERS, ...SCHOOL_HEALTH, 'parent'],
  'leave.request': [...SCHOOL_HEALTH, 'parent'],
  'leave.approve': ['school_admin', 'school_doctor', 'class_teacher'],
  'leave.configure': ['school_admin'],
  'footing.read': [...OFFICERS, ...SCHOOL_HEALTH, 'sysadmin'],
  'footing.manage': [...OFFICERS, 'school_admin'],
  'footing.configure': [...OFFICERS],
  // Governance: draws, inspections, checklists, self-reports, rectification, pairing, task forces, plans, dashboard.
  'draw.read': [...OFFICERS],
  'draw.manage': [...OFFICERS],
  'inspection.read': [...OFFICERS, 'school_admin', 'school_doctor'],
  'inspection.conduct': [...OFFICERS, 'school_admin'],
  'checklist.read': [...OFFICERS, 'school_admin', 'school_doctor'],
  'checklist.manage': [...OFFICERS],
  'self_report.read': [...OFFICERS, 'school_admin', 'school_doctor'],
  'self_report.submit': ['school_admin', 'school_doctor'],
  'self_report.review': [...OFFICERS],
  'finding.read': [...OFFICERS, 'school_admin', 'school_doctor'],
  'finding.manage': [...OFFICERS],
  'finding.evidence': ['school_admin', 'school_doctor'],
  'accountability.read': [...OFFICERS, 'school_admin'],
  'accountability.manage': [...OFFICERS],
  'pairing.read': [...OFFICERS, 'school_admin', 'school_doctor', 'hospital_liaison'],
  'pairing.manage': [...OFFICERS],
  'taskforce.read': [...OFFICERS, 'school_admin'],
  'taskforce.manage': [...OFFICERS, 'school_admin'],
  'plan.read': [...OFFICERS, 'school_admin', 'school_doctor'],
  'plan.manage': [...OFFICERS, 'school_admin'],
  'guidance.manage': [...OFFICERS],
  'governance.dashboard': [...OFFICERS],
  // Early warning: the alert queue, rule sets, scans; notification endpoints for group robots.
  'alert.read': [...OFFICERS, ...SCHOOL_HEALTH, 'hospital_liaison'],
  'alert.handle': [...OFFICERS, 'school_admin', 'school_doctor'],
  'alert.scan': [...OFFICERS],
  'alert_rules.read': [...OFFICERS, 'sysadmin'],
  'alert_rules.manage': [...OFFICERS],
  'notification_endpoint.manage': ['sysadmin', 'school_admin'],
} satisfies Record<string, Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Pick<Actor, 'role' | 'canUnmask'> | null, permission: Permission): boolean {
  if (!actor) return false;
  if (permission === 'person.unmask' && !actor.canUnmask) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/** Every permission the actor holds: the UI shows and hides actions from this list, never from its own rules. */
export function permissionsOf(actor: Pick<Actor, 'role' | 'canUnmask'>): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(actor, p));
}

/** Roles an account manager may create: a school administrator only the school's own roles. */
export function assignableRoles(manager: Role): Role[] {
  if (manager === 'sysadmin') {
    return ['province_officer', 'city_officer', 'county_officer', 'school_admin', 'school_doctor', 'class_teacher', 'gate_guard', 'parent', 'hospital_liaison', 'auditor', 'sysadmin'];
  }
  if (manager === 'school_admin') return ['school_doctor', 'class_teacher', 'gate_guard', 'parent'];
  return [];
}
