import { describe, expect, it } from 'vitest';
import { makeCommitment } from './commitment';
import { drawSchools } from './draw';
import { type DrawParameters, drawInputCanonicalJson, drawInputHash } from './input';
import { makeSchools, testSeed } from './test-fixtures';

const params: DrawParameters = { drawId: 'zz-daily-2022-05-09', kind: 'daily_self_report', drawDate: '2022-05-09', count: 5 };
const schools = makeSchools(120, 6, 4, 7);
const seed = testSeed('draw-test');

describe('drawSchools', () => {
  it('is reproducible and independent of the order the list is given in', () => {
    const a = drawSchools({ seed, params, schools });
    const b = drawSchools({ seed, params, schools: [...schools].reverse() });
    expect(b).toEqual(a);
    expect(a.selected.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(a.selected.map((s) => s.schoolId)).size).toBe(5);
    expect(a.inputHash).toBe(drawInputHash({ params, schools }));
    expect(a.commitment).toBe(makeCommitment(seed));
  });

  it('gives a different draw for a different seed', () => {
    const ids = (s: string) => drawSchools({ seed: testSeed(s), params, schools }).selected.map((x) => x.schoolId).join();
    const distinct = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map(ids));
    expect(distinct.size).toBeGreaterThan(4);
  });

  it('keeps a known answer, so an independent implementation can test itself against it', () => {
    const small = makeSchools(12, 2, 2, 1);
    const out = drawSchools({ seed: '00'.repeat(32), params: { ...params, drawId: 'example' }, schools: small });
    expect(out.selected.map((s) => s.schoolId)).toMatchInlineSnapshot(`
      [
        "S0009",
        "S0007",
        "S0011",
        "S0005",
        "S0002",
      ]
    `);
    expect(out.start).toMatchInlineSnapshot(`"4105329705474019"`);
    expect(out.inputHash).toMatchInlineSnapshot(`"02eb50c1cac30b96f28eecb09e2f44b349ce8fabcaeb095fc44dc441bcc108b8"`);
  });

  it('canonical input JSON has sorted keys and the list sorted by id, with defaults filled in', () => {
    const json = drawInputCanonicalJson({ params, schools: schools.slice(0, 6).reverse() });
    expect(json.startsWith('{"params":{"count":5,"drawDate":"2022-05-09","drawId":"zz-daily-2022-05-09","kind":"daily_self_report","stratifyBy":["county","schoolType"],"weighting":{"capDays":28,"scaleDays":7}},"schools":[{"county"')).toBe(true);
    expect(json.indexOf('"S0000"')).toBeLessThan(json.indexOf('"S0001"'));
  });

  it('explains every pick', () => {
    const out = drawSchools({ seed, params, schools });
    for (const s of out.selected) {
      expect(s.method).toBe('systematic');
      expect(s.point!).toBeGreaterThanOrEqual(s.interval![0]);
      expect(s.point!).toBeLessThan(s.interval![1]);
      expect(s.explanation).toContain(`weight ${s.weight}`);
    }
  });

  it('takes heavy schools with certainty when the list is short', () => {
    const few = makeSchools(7, 2, 2, 3).map((s, i) => ({ ...s, lastDrawnOn: i < 3 ? null : '2022-05-08' }));
    const out = drawSchools({ seed, params: { ...params, kind: 'weekly_spot_check', count: 6 }, schools: few });
    expect(out.selected).toHaveLength(6);
    expect(out.selected.filter((s) => s.method === 'certainty').length).toBeGreaterThanOrEqual(3);
    const all = drawSchools({ seed, params: { ...params, kind: 'weekly_spot_check', count: 7 }, schools: few });
    expect(all.selected.map((s) => s.schoolId).sort()).toEqual(few.map((s) => s.id).sort());
  });

  it('refuses bad input with a typed error', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return { code: (e as { code: string }).code, field: (e as { field: string }).field };
      }
      return null;
    };
    expect(err(() => drawSchools({ seed, params, schools: schools.slice(0, 4) }))).toEqual({ code: 'draw.too_few_eligible', field: 'schools' });
    expect(err(() => drawSchools({ seed, params: { ...params, count: 6 }, schools }))).toEqual({ code: 'draw.count_out_of_range', field: 'params.count' });
    expect(err(() => drawSchools({ seed, params: { ...params, count: 2.5 }, schools }))).toEqual({ code: 'draw.count_invalid', field: 'params.count' });
    expect(err(() => drawSchools({ seed, params: { ...params, kind: 'weekly_spot_check', count: 11 }, schools }))).toMatchObject({ code: 'draw.count_out_of_range' });
    expect(err(() => drawSchools({ seed, commitment: makeCommitment(testSeed('other')), params, schools }))).toEqual({ code: 'draw.seed_commitment_mismatch', field: 'seed' });
    expect(err(() => drawSchools({ seed, params, schools: [...schools, schools[3]] }))).toMatchObject({ code: 'draw.school_duplicate' });
    const future = schools.map((s, i) => (i === 9 ? { ...s, lastDrawnOn: '2022-05-10' } : s));
    expect(err(() => drawSchools({ seed, params, schools: future }))).toMatchObject({ code: 'draw.last_drawn_after_draw_date', field: 'schools[9].lastDrawnOn' });
    expect(err(() => drawSchools({ seed, params: { ...params, drawDate: '2022-02-30' }, schools }))).toMatchObject({ code: 'draw.date_invalid' });
  });

  it('accepts a policy override of the count limits', () => {
    const out = drawSchools({ seed, params: { ...params, count: 3 }, schools }, { weekly_spot_check: { min: 6, max: 10 }, daily_self_report: { min: 1, max: 10 } });
    expect(out.selected).toHaveLength(3);
  });
});
