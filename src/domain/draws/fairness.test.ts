// Statistical properties over many seeded draws: selection frequencies follow the weights, and every
// stratum gets the floor or the ceiling of its expected share.
import { describe, expect, it } from 'vitest';
import { drawSchools } from './draw';
import type { CountLimits, DrawParameters } from './input';
import { makeSchools, mulberry32, testSeed } from './test-fixtures';

const params: DrawParameters = { drawId: 'fairness', kind: 'daily_self_report', drawDate: '2022-05-09', count: 5 };

describe('draw fairness', () => {
  it('selects each school with frequency count × weight / total weight (chi-square-like check)', () => {
    const schools = makeSchools(60, 4, 3, 11);
    const runs = 3000;
    const hits = new Map<string, number>();
    let expected = new Map<string, number>();
    for (let r = 0; r < runs; r++) {
      const out = drawSchools({ seed: testSeed(`fair-${r}`), params, schools });
      for (const s of out.selected) hits.set(s.schoolId, (hits.get(s.schoolId) ?? 0) + 1);
      if (r === 0) {
        const total = out.totalWeight;
        expected = new Map(schools.map((s) => [s.id, 0]));
        // Recompute every school's probability from the published weights (no certainty schools here).
        expect(out.selected.every((s) => s.method === 'systematic')).toBe(true);
        for (const s of schools) {
          const days = s.lastDrawnOn === null ? 28 : Math.round((Date.parse('2022-05-09') - Date.parse(s.lastDrawnOn)) / 86_400_000);
          expected.set(s.id, (5 * (7 + Math.min(days, 28))) / total);
        }
      }
    }
    let chi = 0;
    let worst = 0;
    for (const s of schools) {
      const p = expected.get(s.id)!;
      const z = ((hits.get(s.id) ?? 0) - runs * p) / Math.sqrt(runs * p * (1 - p));
      chi += z * z;
      worst = Math.max(worst, Math.abs(z));
    }
    // Each count is binomial(runs, p); the sum of 60 squared z-scores has mean ≈ 60.
    expect(chi).toBeLessThan(60 + 5 * Math.sqrt(120));
    expect(worst).toBeLessThan(4.5);
  });

  it('favours schools not drawn recently in the stated ratio', () => {
    const schools = Array.from({ length: 40 }, (_, i) => ({
      id: `T${i}`,
      county: 'c',
      schoolType: 'primary',
      lastDrawnOn: i < 20 ? null : '2022-05-09',
    }));
    let never = 0;
    let justNow = 0;
    for (let r = 0; r < 2000; r++) {
      for (const s of drawSchools({ seed: testSeed(`ratio-${r}`), params, schools }).selected) {
        if (Number(s.schoolId.slice(1)) < 20) never++;
        else justNow++;
      }
    }
    // weight 35 against 7: never-drawn schools should take 5/6 of the picks.
    expect(never / (never + justNow)).toBeGreaterThan(0.81);
    expect(never / (never + justNow)).toBeLessThan(0.86);
  });

  it('gives every county, and every school type within a county, the floor or ceiling of its share', () => {
    const limits: CountLimits = { weekly_spot_check: { min: 1, max: 40 }, daily_self_report: { min: 1, max: 40 } };
    const rnd = mulberry32(5);
    for (let t = 0; t < 200; t++) {
      const schools = makeSchools(20 + Math.floor(rnd() * 150), 1 + Math.floor(rnd() * 8), 1 + Math.floor(rnd() * 5), t);
      const count = 1 + Math.floor(rnd() * Math.min(20, schools.length));
      const out = drawSchools({ seed: testSeed(`strata-${t}`), params: { ...params, count }, schools }, limits);
      expect(out.selected).toHaveLength(count);
      for (const s of out.strata) {
        expect(s.drawn).toBeGreaterThanOrEqual(Math.floor(s.expected + 1e-9));
        expect(s.drawn).toBeLessThanOrEqual(Math.ceil(s.expected - 1e-9));
      }
      const byCounty = out.strata.filter((s) => s.depth === 1).reduce((a, s) => a + s.drawn, 0);
      expect(byCounty).toBe(count);
    }
  });
});
