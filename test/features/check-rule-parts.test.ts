import { describe, expect, it } from 'vitest';
import { nextPart } from '../../src/features/alerts/check-rule-queue';
import { caseRowsOf } from '../../src/features/alerts/check-rules';

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

describe("a drain's case rows", () => {
  it("pool one person's reports of a day, symptoms distinct and sorted, the highest temperature", () => {
    const row = (school_id: number, person_id: number, day: string, symptoms: string[] | null, temperature: number | null) =>
      ({ school_id, person_id, class_id: 7, dorm_id: null, day, symptoms, temperature });
    const rows = caseRowsOf([
      row(1, 10, '2026-11-30', ['fever', 'cough'], 37.8),
      row(1, 10, '2026-11-30', ['rash', 'cough'], 38.4),
      row(1, 10, '2026-12-01', null, null),
      row(1, 11, '2026-11-30', ['vomiting'], null),
      row(2, 10, '2026-11-30', ['fever'], 38),
    ]);
    expect([...rows.keys()]).toEqual([1, 2]);
    expect(rows.get(1)!.map(({ person_id, day, symptoms, temperature }) => ({ person_id, day, symptoms, temperature }))).toEqual([
      { person_id: 10, day: '2026-11-30', symptoms: ['cough', 'fever', 'rash'], temperature: 38.4 },
      { person_id: 10, day: '2026-12-01', symptoms: [], temperature: null },
      { person_id: 11, day: '2026-11-30', symptoms: ['vomiting'], temperature: null },
    ]);
    expect(rows.get(2)).toHaveLength(1);
  });
});
