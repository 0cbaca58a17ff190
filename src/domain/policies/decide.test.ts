import { describe, expect, it } from 'vitest';
import { exposureWindow, isolationPlan, releaseCheck } from './decide';
import { SHIPPED_PROFILES } from './profiles';
import { policyProblem } from './validate';

const covid = SHIPPED_PROFILES.covid19;

describe('isolation plans from the policy', () => {
  it.each([
    // disease, role, start, kind, planned end, monitoring end, test dates
    ['covid19', 'close_contact', '2022-05-03', 'site', '2022-05-09', '2022-05-12', ['2022-05-03', '2022-05-04', '2022-05-05', '2022-05-07', '2022-05-09']],
    ['covid19', 'returning_household', '2022-05-06', 'home', '2022-05-12', null, ['2022-05-06', '2022-05-09', '2022-05-12']],
    ['covid19', 'case', '2022-05-01', 'site', '2022-05-10', '2022-05-17', ['2022-05-01', '2022-05-03', '2022-05-05', '2022-05-07', '2022-05-09', '2022-05-10']],
    ['varicella', 'case', '2026-03-02', 'home', '2026-03-15', null, []],
    ['mumps', 'case', '2026-02-27', 'home', '2026-03-07', null, []],
    ['influenza', 'case', '2026-12-30', 'home', '2027-01-03', null, []],
  ] as const)('%s %s from %s', (disease, role, start, kind, end, monitoring, tests) => {
    const plan = isolationPlan(SHIPPED_PROFILES[disease], role, start)!;
    expect(plan).toMatchObject({ kind, plannedEnd: end, monitoringEnd: monitoring });
    expect(plan.testDates).toEqual(tests);
  });

  it('has no plan for a role the disease does not isolate', () => {
    expect(isolationPlan(SHIPPED_PROFILES.influenza, 'close_contact', '2026-01-01')).toBeNull();
  });

  it('ships every disease of the issue and each profile passes validation', () => {
    expect(Object.keys(SHIPPED_PROFILES).sort()).toEqual(['covid19', 'hfmd', 'influenza', 'measles', 'mumps', 'norovirus', 'tuberculosis', 'varicella']);
    for (const rules of Object.values(SHIPPED_PROFILES)) expect(policyProblem(rules)).toBeNull();
  });
});

describe('release criteria', () => {
  const plan = isolationPlan(covid, 'close_contact', '2022-05-03')!;
  const negatives = plan.testDates.map((d) => ({ sampledOn: d, result: 'negative' as const }));
  it.each([
    ['before the end of the period', '2022-05-09', negatives, [], ['period_not_complete']],
    ['after the period with every test negative', '2022-05-10', negatives, [], []],
    ['with the day-5 test missing', '2022-05-10', negatives.filter((r) => r.sampledOn !== '2022-05-07'), [], ['test_missing']],
    ['with a positive test', '2022-05-10', [...negatives, { sampledOn: '2022-05-08', result: 'positive' as const }], [], ['test_positive']],
    ['with symptoms two days ago', '2022-05-10', negatives, [{ day: '2022-05-08', symptomatic: true }], ['symptoms_recent']],
    ['with symptoms long ago', '2022-05-10', negatives, [{ day: '2022-05-04', symptomatic: true }], []],
  ])('%s', (_label, today, results, checkins, codes) => {
    const r = releaseCheck(covid, { startsOn: plan.startsOn, plannedEnd: plan.plannedEnd, testDays: plan.testDays, results, checkins }, today);
    expect(r.problems.map((p) => p.code)).toEqual(codes);
    expect(r.met).toBe(codes.length === 0);
  });
});

describe('exposure window', () => {
  it.each([
    ['covid19', '2022-05-05', '2022-05-06', '2022-05-01'],
    ['covid19', null, '2022-05-06', '2022-05-02'],
    ['influenza', '2026-11-28', '2026-11-30', '2026-11-27'],
  ] as const)('%s onset %s reported %s starts %s', (disease, onset, reported, from) => {
    expect(exposureWindow(SHIPPED_PROFILES[disease], onset, reported)).toEqual({ from, to: reported });
  });
});

describe('policy validation names the field', () => {
  it('refuses a test day after the isolation and monitoring', () => {
    const bad = structuredClone(covid);
    bad.isolation.close_contact!.testDays = [1, 2, 11];
    expect(policyProblem(bad)).toEqual({ field: 'rules/isolation/close_contact/testDays/2', code: 'range' });
  });
});
