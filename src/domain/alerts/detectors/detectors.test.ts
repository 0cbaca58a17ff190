import { describe, expect, it } from 'vitest';
import { ALARM, createDetector, defaultParams, detectorOrThrow, METHODS, poissonUpperTail, resolveParams, toDayOutputs } from './index';
import { type PoissonParams, poissonAlarms } from './poisson';

const zeros = (n: number) => Array.from({ length: n }, () => 0);
const last = (method: string, params: Record<string, unknown>, y: number[]) => {
  const out = toDayOutputs(detectorOrThrow(method, params).run(y));
  return out[out.length - 1];
};

describe('EARS C1', () => {
  it('hand-computed z-score with sample sd', () => {
    // baseline 1..7: mean 4, sd sqrt(28/6) = 2.160247
    const y = [1, 2, 3, 4, 5, 6, 7, 10];
    const out = toDayOutputs(detectorOrThrow('ears-c1').run(y));
    expect(out.slice(0, 7).every((o) => o.statistic === null && o.alarm === null)).toBe(true);
    expect(out[7].statistic).toBeCloseTo(2.777460, 5);
    expect(out[7].alarm).toBe(false);
    expect(last('ears-c1', {}, [1, 2, 3, 4, 5, 6, 7, 12]).statistic).toBeCloseTo(3.703280, 5);
    expect(last('ears-c1', {}, [1, 2, 3, 4, 5, 6, 7, 12]).alarm).toBe(true);
  });

  it.each([
    [0.5, 1, 2, false],
    [0.5, 2, 4, true],
    [1, 3, 3, false], // 3 is not above 3
    [1, 4, 4, true],
    [0, 1, Number.POSITIVE_INFINITY, true], // no floor: the all-zero baseline alarms on one case
    [0, 0, 0, false],
  ])('all-zero baseline, minSigma %s, count %s -> C1 %s, alarm %s', (minSigma, count, stat, alarm) => {
    const o = last('ears-c1', { minSigma }, [...zeros(7), count]);
    expect(o.statistic).toBe(stat);
    expect(o.alarm).toBe(alarm);
  });

  it('short history: nothing evaluable, no alarm invented', () => {
    const out = toDayOutputs(detectorOrThrow('ears-c1').run([5, 9, 30]));
    expect(out.every((o) => o.alarm === null)).toBe(true);
    expect(toDayOutputs(detectorOrThrow('ears-c1').run([]))).toEqual([]);
  });

  it('minCount suppresses an alarm below the count floor', () => {
    expect(last('ears-c1', { minCount: 3 }, [...zeros(7), 2]).alarm).toBe(false);
  });
});

describe('EARS C2 and C3', () => {
  it('C2 skips the two guard days', () => {
    const y = [...zeros(7), 5, 5, 2];
    const out = toDayOutputs(detectorOrThrow('ears-c2').run(y));
    expect(out[8].alarm).toBe(null);
    expect(out[9].statistic).toBe(4); // baseline 0..6 all zero, sd floored to 0.5
    expect(out[9].alarm).toBe(true);
  });

  it('C3 sums the excess of three C2 values', () => {
    const y = [...zeros(9), 2, 3, 1];
    const out = toDayOutputs(detectorOrThrow('ears-c3', { minSigma: 1 }).run(y));
    expect(out[10].statistic).toBe(null); // C2 of day 8 is not evaluable
    expect(out[11].statistic).toBe(3); // (2-1) + (3-1) + max(0, 1-1)
    expect(out[11].alarm).toBe(true);
    const r = toDayOutputs(detectorOrThrow('ears-c3', { minSigma: 1, variant: 'surveillance' }).run(y));
    expect(r[11].statistic).toBe(4); // (2-1) + (3-1) + today's C2 of 1
    expect(r[11].threshold).toBe(1.96);
  });

  it('surveillance variant uses z = 3.09 for C1 and C2', () => {
    expect(resolveParams('ears-c1', { variant: 'surveillance' }).params.threshold).toBe(3.09);
    expect(resolveParams('ears-c2', { variant: 'surveillance', threshold: 2.5 }).params.threshold).toBe(2.5);
  });
});

describe('standardised CUSUM', () => {
  const y = [...zeros(7), 1, 2, 0, 3];
  it('accumulates, alarms at h and resets', () => {
    const out = toDayOutputs(detectorOrThrow('cusum', { guard: 0, minSigma: 1, k: 0.5, h: 2 }).run(y));
    expect(out[7].statistic).toBeCloseTo(0.5, 6);
    expect(out[8].statistic).toBeCloseTo(1.857143, 5);
    expect(out[9].statistic).toBeCloseTo(0.928571, 5);
    expect(out[10].statistic).toBeCloseTo(3.0, 5);
    expect(out.map((o) => o.alarm)).toEqual([...Array(7).fill(null), false, false, false, true]);
  });

  it('resets after an alarm, unless the surveillance variant is chosen', () => {
    const y2 = [...zeros(7), 3, 1];
    const reset = toDayOutputs(detectorOrThrow('cusum', { guard: 0, minSigma: 1, h: 2 }).run(y2));
    const noReset = toDayOutputs(detectorOrThrow('cusum', { guard: 0, minSigma: 1, h: 2, variant: 'surveillance' }).run(y2));
    expect(reset[7].alarm).toBe(true);
    // day 8: baseline [0 x6, 3] mean 3/7, sd 1.133893; z = (1 - 0.428571)/1.133893 = 0.503953
    expect(reset[8].statistic).toBeCloseTo(0.003953, 5);
    expect(noReset[8].statistic).toBeCloseTo(2.5 + 0.003953, 5);
  });
});

describe('Chinese CUSUM C1′/C2′/C3′', () => {
  it('C1′ on raw counts with threshold h·sigma', () => {
    const y = [...zeros(7), 1, 2, 0, 3];
    const out = toDayOutputs(detectorOrThrow('cusum-cn-c1', { minSigma: 0.5, k: 0.5, h: 2 }).run(y));
    expect(out[7]).toEqual({ statistic: 0.75, threshold: 1, alarm: false });
    expect(out[8].statistic).toBeCloseTo(2.357143, 5);
    expect(out[8].alarm).toBe(true);
    expect(out[9].statistic).toBe(0); // reset, then below the reference value
    expect(out[9].threshold).toBeCloseTo(1.573592, 5);
    expect(out[10].statistic).toBeCloseTo(2.178031, 5);
    expect(out[10].alarm).toBe(true);
  });

  it('C2′ uses the guarded baseline and C3′ sums three days of C2′', () => {
    const y = [...zeros(9), 1, 1, 1];
    const c2 = toDayOutputs(detectorOrThrow('cusum-cn-c2', { minSigma: 1, k: 0.5, h: 3 }).run(y));
    expect(c2.slice(9).map((o) => o.statistic)).toEqual([0.5, 1, 1.5]);
    const c3 = toDayOutputs(detectorOrThrow('cusum-cn-c3', { minSigma: 1, k: 0.5, h: 3 }).run(y));
    expect(c3[10].statistic).toBe(null);
    expect(c3[11]).toEqual({ statistic: 3, threshold: 3, alarm: true });
  });

  it('all-zero history never alarms', () => {
    for (const m of ['cusum', 'cusum-cn-c1', 'cusum-cn-c2', 'cusum-cn-c3', 'ewma', 'ears-c3']) {
      const out = toDayOutputs(detectorOrThrow(m).run(zeros(30)));
      expect(out.some((o) => o.alarm === true), m).toBe(false);
    }
  });
});

describe('EWMA with the time-varying limit', () => {
  it('hand-computed', () => {
    const out = toDayOutputs(detectorOrThrow('ewma', { guard: 0, minSigma: 1, lambda: 0.5, L: 2 }).run([...zeros(7), 2, 2]));
    expect(out[7]).toEqual({ statistic: 1, threshold: 1, alarm: false });
    expect(out[8].statistic).toBe(1.5);
    expect(out[8].threshold).toBeCloseTo(1.403748, 5);
    expect(out[8].alarm).toBe(true);
  });
});

describe('moving percentile', () => {
  it.each([
    [5, true],
    [4, false],
  ])('count %s against P80 of 1..5 (4.2)', (count, alarm) => {
    const o = last('percentile', { baseline: 5, percentile: 80 }, [1, 2, 3, 4, 5, count]);
    expect(o.threshold).toBeCloseTo(4.2, 9);
    expect(o.alarm).toBe(alarm);
  });
});

describe('Poisson exceedance', () => {
  it('upper tail', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 1)).toBeCloseTo(0.632121, 6);
    expect(poissonUpperTail(2, 5)).toBeCloseTo(0.959572, 6);
    expect(poissonUpperTail(3, 0.5)).toBeCloseTo(0.014388, 6);
    // tail(k) - tail(k+1) = pmf(k), in both branches
    for (const [k, mu] of [[120, 100], [80, 100], [3, 0.01]]) {
      const pmf = Math.exp(-mu + k * Math.log(mu) - lnFact(k));
      expect(poissonUpperTail(k, mu) - poissonUpperTail(k + 1, mu)).toBeCloseTo(pmf, 10);
    }
  });

  it('judges small counts as counts', () => {
    // baseline mean 0.1: P(Y >= 3 | 0.1) = 1.5e-4 -> -log10 = 3.8 >= 3
    const y = [...Array(20).fill(0).map((_, i) => (i % 10 === 0 ? 1 : 0)), 0, 0, 3];
    const o = last('poisson', {}, y);
    expect(o.statistic).toBeCloseTo(-Math.log10(poissonUpperTail(3, 0.1)), 6);
    expect(o.alarm).toBe(true);
    expect(last('poisson', {}, [...y.slice(0, -1), 2]).alarm).toBe(false);
  });
});

function lnFact(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

describe('registry', () => {
  it('knows every method and its defaults', () => {
    for (const m of METHODS) expect(createDetector(m).ok, m).toBe(true);
    expect(defaultParams('ears-c2')).toMatchObject({ baseline: 7, guard: 2, threshold: 3 });
  });

  it.each([
    ['ears-c9', {}, 'method', 'unknown_method'],
    ['ears-c1', { baseline: 1 }, 'baseline', 'out_of_range'],
    ['ears-c1', { baseline: 6.5 }, 'baseline', 'not_an_integer'],
    ['ears-c1', { threshold: 'abc' }, 'threshold', 'not_a_number'],
    ['ears-c1', { minSigma: -1 }, 'minSigma', 'out_of_range'],
    ['ears-c1', { k: 1 }, 'k', 'not_allowed'],
    ['ewma', { lambda: 0 }, 'lambda', 'out_of_range'],
    ['ewma', { lambda: 1.5 }, 'lambda', 'out_of_range'],
    ['cusum', { h: 0 }, 'h', 'out_of_range'],
    ['percentile', { percentile: 101 }, 'percentile', 'out_of_range'],
    ['cusum', { variant: 'r' }, 'variant', 'out_of_range'],
    ['poisson', { window: 3, guard: 1 }, 'guard', 'inconsistent'],
    ['poisson', { baseline: 20, minBaseline: 21 }, 'minBaseline', 'inconsistent'],
    ['poisson', { minBaseline: 2.5 }, 'minBaseline', 'not_an_integer'],
  ])('%s %j -> %s %s', (method, params, field, code) => {
    const r = createDetector(method, params);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field, code });
  });
});

describe('Poisson running sums', () => {
  it('equal a direct recomputation on random series', async () => {
    const { mulberry32, poisson } = await import('../../random/prng');
    const r = mulberry32(7);
    for (let it = 0; it < 200; it++) {
      const n = 5 + Math.floor(r() * 60);
      const y = Array.from({ length: n }, () => poisson(r, r() * 3));
      const baseline = 1 + Math.floor(r() * 20);
      const window = 1 + Math.floor(r() * 4);
      const guard = window - 1 + Math.floor(r() * 3);
      const dispersion = 1 + r();
      // Half the runs with a shorter minimum baseline: the baseline then grows before it slides.
      const minBaseline = r() < 0.5 ? 0 : 1 + Math.floor(r() * baseline);
      const detector = detectorOrThrow('poisson', { baseline, minBaseline, window, guard, minMean: 0.05, dispersion, threshold: 0.5 + r() * 2, minCount: Math.floor(r() * 3) });
      const series = detector.run(y);
      const got = series.statistic;
      // The scan's alarms-only path gives the same alarms.
      expect([...poissonAlarms(y, detector.params as unknown as PoissonParams)]).toEqual([...series.alarm].map((a) => (a === ALARM ? 1 : 0)));
      for (let t = 0; t < n; t++) {
        if (t < (minBaseline || baseline) + guard) {
          expect(got[t]).toBeNaN();
          continue;
        }
        const days = Math.min(baseline, t - guard);
        let b = 0;
        for (let i = t - guard - days; i < t - guard; i++) b += y[i];
        let o = 0;
        for (let i = Math.max(0, t - window + 1); i <= t; i++) o += y[i];
        const p = poissonUpperTail(o / dispersion, (Math.max(b / days, 0.05) * window) / dispersion);
        expect(got[t]).toBeCloseTo(p > 0 ? -Math.log10(p) : 300, 9);
      }
    }
  });
});
