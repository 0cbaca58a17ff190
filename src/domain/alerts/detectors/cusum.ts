// Two CUSUM families that share a name in the literature but not a statistic.
// Standardised (Page): S_t = max(0, S_{t-1} + (y_t - mu_t)/sigma_t - k), alarm when S_t >= h, then
// S restarts from 0 (R's surveillance::cusum does not restart: variant 'surveillance').
// Chinese-literature C1'/C2'/C3' (Wang 2010): C'_t = max(0, y_t - (mu + k*sigma) + C'_{t-1}) on raw
// counts, alarm when C'_t >= h*sigma. C1' uses the C1 baseline (t-7…t-1), C2' the C2 baseline
// (t-9…t-3); C3' sums the C2' values of t-2…t, mirroring how EARS C3 builds on C2.
import { baselineMoments } from './baseline';
import { ALARM, type DetectorSeries, emptySeries, NO_ALARM } from './types';

export interface CusumParams {
  baseline: number;
  guard: number;
  minSigma: number;
  k: number;
  h: number;
  minCount: number;
}

export function standardCusum(y: ArrayLike<number>, p: CusumParams, reset: boolean): DetectorSeries {
  const out = emptySeries(y.length);
  let s = 0;
  for (let t = 0; t < y.length; t++) {
    const m = baselineMoments(y, t, p.baseline, p.guard);
    if (!m) continue;
    const sigma = Math.max(m.sd, p.minSigma);
    // sigma 0 only when minSigma is 0: any excess is then unbounded evidence.
    const z = sigma > 0 ? (y[t] - m.mean) / sigma : y[t] > m.mean ? Number.POSITIVE_INFINITY : 0;
    s = Math.max(0, s + z - p.k);
    out.statistic[t] = s;
    out.threshold[t] = p.h;
    const alarm = s >= p.h && y[t] >= p.minCount;
    out.alarm[t] = alarm ? ALARM : NO_ALARM;
    if (alarm && reset) s = 0;
  }
  return out;
}

export function chineseCusum(y: ArrayLike<number>, p: CusumParams, form: 'c1' | 'c2' | 'c3', reset: boolean): DetectorSeries {
  const out = emptySeries(y.length);
  const raw = new Float64Array(y.length).fill(Number.NaN); // C'_t before any C3' summing
  let c = 0;
  for (let t = 0; t < y.length; t++) {
    const m = baselineMoments(y, t, p.baseline, p.guard);
    if (!m) continue;
    const sigma = Math.max(m.sd, p.minSigma);
    c = Math.max(0, y[t] - (m.mean + p.k * sigma) + c);
    raw[t] = c;
    let stat = c;
    if (form === 'c3') {
      if (t < 2 || Number.isNaN(raw[t - 1]) || Number.isNaN(raw[t - 2])) continue;
      stat = raw[t] + raw[t - 1] + raw[t - 2];
    }
    const thr = p.h * sigma;
    out.statistic[t] = stat;
    out.threshold[t] = thr;
    const alarm = stat > 0 && stat >= thr && y[t] >= p.minCount;
    out.alarm[t] = alarm ? ALARM : NO_ALARM;
    if (alarm && reset) c = 0;
  }
  return out;
}
