// Moving percentile (Shenzhen's P80 rule): alarm when today's count exceeds the given percentile of
// the unit's previous `baseline` school days. Linear interpolation between order statistics (R type 7).
import { ALARM, type DetectorSeries, emptySeries, NO_ALARM } from './types';

export interface PercentileParams {
  baseline: number;
  guard: number;
  percentile: number;
  minCount: number;
}

export function quantile7(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function movingPercentile(y: ArrayLike<number>, p: PercentileParams): DetectorSeries {
  const out = emptySeries(y.length);
  const buf = new Float64Array(p.baseline);
  for (let t = p.baseline + p.guard; t < y.length; t++) {
    const start = t - p.guard - p.baseline;
    for (let i = 0; i < p.baseline; i++) buf[i] = y[start + i];
    buf.sort();
    const thr = quantile7(buf, p.percentile / 100);
    out.statistic[t] = y[t];
    out.threshold[t] = thr;
    out.alarm[t] = y[t] > thr && y[t] >= p.minCount ? ALARM : NO_ALARM;
  }
  return out;
}
