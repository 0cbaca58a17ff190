import { describe, expect, it } from 'vitest';
import { computeRisk, DEFAULT_RISK_RULES, type RiskFacts } from './rules';

const none: RiskFacts = { cases: [], contacts: [], positives: [], isolation: null, riskAreas: [] };
const today = '2022-05-08';

describe('risk status rules', () => {
  it.each([
    ['no facts', {}, 'green', []],
    ['a confirmed case', { cases: [{ caseId: 1, status: 'confirmed', disease: 'covid19' }] }, 'red', ['case_confirmed']],
    ['a suspected case', { cases: [{ caseId: 1, status: 'suspected', disease: 'covid19' }] }, 'yellow', ['case_suspected']],
    ['a recent close contact (COVID: red)', { contacts: [{ caseId: 1, exposureTo: '2022-05-05', status: 'red', statusDays: 7 }] }, 'red', ['close_contact']],
    ['an old close contact', { contacts: [{ caseId: 1, exposureTo: '2022-04-20', status: 'red', statusDays: 7 }] }, 'green', []],
    ['a positive test last week', { positives: [{ sampledOn: '2022-05-01' }] }, 'red', ['test_positive']],
    ['a positive test a month ago', { positives: [{ sampledOn: '2022-04-01' }] }, 'green', []],
    ['a home isolation', { isolation: { kind: 'home', plannedEnd: '2022-05-10' } }, 'yellow', ['isolation']],
    ['lives in the lockdown zone', { riskAreas: [{ areaId: 1, name: '邵原镇', level: 'lockdown', lastDay: '2022-05-01', residence: true }] }, 'yellow', ['risk_area_lockdown']],
    ['visited the zone 3 days ago', { riskAreas: [{ areaId: 1, name: '邵原镇', level: 'lockdown', lastDay: '2022-05-05', residence: false }] }, 'yellow', ['risk_area_lockdown']],
    ['visited the zone 10 days ago', { riskAreas: [{ areaId: 1, name: '邵原镇', level: 'lockdown', lastDay: '2022-04-28', residence: false }] }, 'green', []],
    ['contact and isolation: red first', { isolation: { kind: 'site', plannedEnd: '2022-05-12' }, contacts: [{ caseId: 3, exposureTo: '2022-05-06', status: 'red', statusDays: 7 }] }, 'red', ['close_contact', 'isolation']],
  ] as [string, Partial<RiskFacts>, string, string[]][])('%s → %s', (_label, facts, status, codes) => {
    const r = computeRisk({ ...none, ...facts }, DEFAULT_RISK_RULES, today);
    expect(r.status).toBe(status);
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
  });
});
