import { addDays, toDayNumber } from '../calendar/dates';
import type { IsolationRole, IsolationRule, PolicyRules } from './types';

export interface IsolationPlan {
  kind: IsolationRule['kind'];
  startsOn: string;
  /** Last day of isolation (start + days − 1). */
  plannedEnd: string;
  /** Last day of home monitoring after the isolation, or null when none. */
  monitoringEnd: string | null;
  testDays: number[];
  testDates: string[];
}

/** The isolation a policy prescribes for a role starting on a date, or null when the disease does not isolate that role. */
export function isolationPlan(rules: PolicyRules, role: IsolationRole, startsOn: string): IsolationPlan | null {
  const rule = rules.isolation[role];
  if (!rule) return null;
  const days = Math.max(rule.days, 1);
  const plannedEnd = addDays(startsOn, days - 1);
  return {
    kind: rule.kind,
    startsOn,
    plannedEnd,
    monitoringEnd: rule.monitoringDays > 0 ? addDays(plannedEnd, rule.monitoringDays) : null,
    testDays: [...rule.testDays],
    testDates: rule.testDays.map((d) => addDays(startsOn, d - 1)),
  };
}

/** The test dates of an isolation that are due on or before `today` (day numbers 1-based). */
export function testDatesDue(startsOn: string, testDays: number[], today: string): string[] {
  return testDays.map((d) => addDays(startsOn, d - 1)).filter((date) => date <= today);
}

export interface ReleaseFacts {
  startsOn: string;
  plannedEnd: string;
  testDays: number[];
  /** Results by sampling date. */
  results: { sampledOn: string; result: 'negative' | 'positive' }[];
  /** Check-ins by day with whether the person reported symptoms. */
  checkins: { day: string; symptomatic: boolean }[];
}

export type ReleaseProblem = 'period_not_complete' | 'test_missing' | 'test_positive' | 'symptoms_recent';

/** Whether an isolation may end on `today` under the policy's release criteria, and what is missing. */
export function releaseCheck(rules: PolicyRules, facts: ReleaseFacts, today: string): { met: boolean; problems: { code: ReleaseProblem; date?: string }[] } {
  const problems: { code: ReleaseProblem; date?: string }[] = [];
  const c = rules.release;
  if (c.periodComplete && today <= facts.plannedEnd) problems.push({ code: 'period_not_complete', date: facts.plannedEnd });
  if (c.allTestsNegative) {
    for (const date of testDatesDue(facts.startsOn, facts.testDays, today)) {
      const onDay = facts.results.filter((r) => r.sampledOn === date);
      if (!onDay.length) problems.push({ code: 'test_missing', date });
    }
  }
  const positive = facts.results.find((r) => r.result === 'positive' && r.sampledOn >= facts.startsOn);
  if (positive) problems.push({ code: 'test_positive', date: positive.sampledOn });
  if (c.symptomFreeDays > 0) {
    const from = addDays(today, -c.symptomFreeDays);
    const recent = facts.checkins.find((k) => k.symptomatic && k.day >= from);
    if (recent) problems.push({ code: 'symptoms_recent', date: recent.day });
  }
  return { met: problems.length === 0, problems };
}

/** The day an exposure window starts for a case: lookback days before onset (or before the report date). */
export function exposureWindow(rules: PolicyRules, onset: string | null, reportedOn: string): { from: string; to: string } {
  const anchor = onset && onset < reportedOn ? onset : reportedOn;
  return { from: addDays(anchor, -rules.contacts.lookbackDays), to: reportedOn };
}

/** Days between two school dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}
