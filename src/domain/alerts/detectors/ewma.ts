// EWMA: Z_t = lambda*y_t + (1-lambda)*Z_{t-1}, started at the first evaluable day's baseline mean;
// UCL_t = mu_t + L*sigma_t*sqrt(lambda/(2-lambda)*(1-(1-lambda)^(2j))) with j days since that start,
// so the limit is tight while Z has seen few days (the exact time-varying limit, not the asymptote).
import { baselineMoments } from './baseline';
import { ALARM, type DetectorSeries, emptySeries, NO_ALARM } from './types';

export interface EwmaParams {
  baseline: number;
  guard: number;
  minSigma: number;
  lambda: number;
  L: number;
  minCount: number;
}

export function ewma(y: ArrayLike<number>, p: EwmaParams): DetectorSeries {
  const out = emptySeries(y.length);
  let z = Number.NaN;
  let j = 0;
  for (let t = 0; t < y.length; t++) {
    const m = baselineMoments(y, t, p.baseline, p.guard);
    if (!m) continue;
    if (j === 0) z = m.mean;
    j++;
    z = p.lambda * y[t] + (1 - p.lambda) * z;
    const sigma = Math.max(m.sd, p.minSigma);
    const ucl = m.mean + p.L * sigma * Math.sqrt((p.lambda / (2 - p.lambda)) * (1 - (1 - p.lambda) ** (2 * j)));
    out.statistic[t] = z;
    out.threshold[t] = ucl;
    out.alarm[t] = z > ucl && y[t] >= p.minCount ? ALARM : NO_ALARM;
  }
  return out;
}
