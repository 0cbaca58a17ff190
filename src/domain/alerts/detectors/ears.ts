// EARS C1, C2, C3 (Hutwagner et al.). C1: baseline t-7…t-1; C2: t-9…t-3 (two-day guard band);
// C3: sum over t-2…t of max(0, C2 - 1). `minSigma` floors the sd so that an all-zero baseline does not
// turn any single case into an alarm. Variant 'surveillance' mirrors R's surveillance::earsC: the C3
// alarm adds only the two previous days' C2 excess to today's C2 (defaults z = 3.09 / 1.96 are set
// by the registry).
import { baselineMoments, zScore } from './baseline';
import { ALARM, type DetectorSeries, emptySeries, NO_ALARM } from './types';

export interface EarsParams {
  baseline: number;
  guard: number;
  minSigma: number;
  threshold: number;
  minCount: number;
}

/** C1/C2 share one form; they differ only in the guard band. */
export function earsZ(y: ArrayLike<number>, p: EarsParams): DetectorSeries {
  const out = emptySeries(y.length);
  for (let t = 0; t < y.length; t++) {
    const m = baselineMoments(y, t, p.baseline, p.guard);
    if (!m) continue;
    const z = zScore(y[t], m.mean, m.sd, p.minSigma);
    out.statistic[t] = z;
    out.threshold[t] = p.threshold;
    out.alarm[t] = z > p.threshold && y[t] >= p.minCount ? ALARM : NO_ALARM;
  }
  return out;
}

export function earsC3(y: ArrayLike<number>, p: EarsParams, variant: 'published' | 'surveillance'): DetectorSeries {
  const c2 = earsZ(y, { ...p, threshold: Number.POSITIVE_INFINITY, minCount: 0 }).statistic;
  const out = emptySeries(y.length);
  const excess = (v: number) => Math.max(0, v - 1);
  for (let t = 2; t < y.length; t++) {
    if (Number.isNaN(c2[t]) || Number.isNaN(c2[t - 1]) || Number.isNaN(c2[t - 2])) continue;
    const past = excess(c2[t - 1]) + excess(c2[t - 2]);
    const stat = variant === 'published' ? past + excess(c2[t]) : past + c2[t];
    out.statistic[t] = stat;
    out.threshold[t] = p.threshold;
    out.alarm[t] = stat > p.threshold && y[t] >= p.minCount ? ALARM : NO_ALARM;
  }
  return out;
}
