import { describe, expect, it } from 'vitest';
import { nextPart } from '../../src/features/alerts/check-rule-queue';

const schools = (...checks: number[]) => checks.map((n, i) => ({ schoolId: i + 1, checks: n }));

describe('the parts of a rule drain', () => {
  it('takes one school when schools have been costing about a part each', () => {
    expect(nextPart(schools(8, 8, 8), 0, { msPerSchool: 14, partChecks: 100 })).toBe(1);
    expect(nextPart(schools(8, 8, 8), 2, { msPerSchool: 14, partChecks: 100 })).toBe(3);
  });

  it('takes quiet schools together, as many as fit the part time, at most twenty', () => {
    expect(nextPart(schools(...Array(30).fill(1)), 0, { msPerSchool: 3, partChecks: 100 })).toBe(5);
    expect(nextPart(schools(...Array(30).fill(1)), 0, { msPerSchool: 0.5, partChecks: 100 })).toBe(20);
    expect(nextPart(schools(...Array(30).fill(1)), 25, { msPerSchool: 0.5, partChecks: 100 })).toBe(30);
  });

  it('never splits a school and stops before the part would pass its checks', () => {
    expect(nextPart(schools(150, 1), 0, { msPerSchool: 1, partChecks: 100 })).toBe(1);
    expect(nextPart(schools(60, 30, 20), 0, { msPerSchool: 1, partChecks: 100 })).toBe(2);
    expect(nextPart(schools(1, 1, 1), 0, { msPerSchool: 1, partChecks: 1 })).toBe(1);
  });
});
