import { CONTACT_VIAS, ISOLATION_ROLES, type PolicyRules } from './types';

export interface RuleProblem {
  field: string;
  code: 'invalid' | 'range';
}

const isInt = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * Checks an edited policy beyond its JSON shape: periods and test days must make sense together
 * (a test on day 9 of a 7-day isolation is a typo that would never fall due). Returns the first problem.
 */
export function policyProblem(rules: PolicyRules): RuleProblem | null {
  for (const role of ISOLATION_ROLES) {
    const r = rules.isolation[role];
    if (!r) continue;
    const base = `rules/isolation/${role}`;
    if (!isInt(r.days, 0, 365)) return { field: `${base}/days`, code: 'range' };
    if (!isInt(r.monitoringDays, 0, 365)) return { field: `${base}/monitoringDays`, code: 'range' };
    const span = r.days + r.monitoringDays;
    for (const [i, d] of r.testDays.entries()) {
      if (!isInt(d, 1, Math.max(span, 1))) return { field: `${base}/testDays/${i}`, code: 'range' };
      if (i > 0 && d <= r.testDays[i - 1]) return { field: `${base}/testDays/${i}`, code: 'invalid' };
    }
  }
  if (rules.contacts.via.some((v) => !CONTACT_VIAS.includes(v))) return { field: 'rules/contacts/via', code: 'invalid' };
  if (!isInt(rules.contacts.lookbackDays, 0, 120)) return { field: 'rules/contacts/lookbackDays', code: 'range' };
  if (!isInt(rules.returnMinDaysFromOnset, 0, 365)) return { field: 'rules/returnMinDaysFromOnset', code: 'range' };
  if (!isInt(rules.release.symptomFreeDays, 0, 60)) return { field: 'rules/release/symptomFreeDays', code: 'range' };
  return null;
}
