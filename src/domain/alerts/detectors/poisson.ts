// Count-aware exceedance test (ours): the expected count comes from a longer school-day baseline,
// floored so a quiet unit still has a plausible rate, and today's count (or the sum of the last
// `window` days) is judged by its Poisson upper-tail probability, optionally with a quasi-Poisson
// dispersion factor. Small counts are judged as counts instead of as z-scores, which is where
// EARS-type charts over-alarm.
import { ALARM, type DetectorSeries, emptySeries, NO_ALARM } from './types';

export interface PoissonParams {
  baseline: number;
  /** Fewest baseline days to evaluate on (0 = the full baseline): with a short history the expected
   * count comes from the days there are, so a unit is not blind for its first `baseline` days. */
  minBaseline?: number;
  guard: number;
  window: number;
  /** Floor on the expected count per day. */
  minMean: number;
  /** Variance / mean; 1 = Poisson. Counts and mean are divided by it (quasi-Poisson). */
  dispersion: number;
  /** Alarm when -log10(p) >= threshold (3 = p <= 0.001). */
  threshold: number;
  minCount: number;
}

// Lanczos approximation of ln Γ(x), x > 0.
const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = 0.9999999999998099;
  const t = x + 7.5;
  for (let i = 0; i < 8; i++) a += LANCZOS[i] / (x + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(Y >= y) for Y ~ Poisson(mu); y may be fractional (quasi-Poisson), rounded up. */
export function poissonUpperTail(y: number, mu: number): number {
  const k0 = Math.ceil(y - 1e-9);
  if (k0 <= 0) return 1;
  if (mu <= 0) return 0;
  const logTerm = (k: number) => -mu + k * Math.log(mu) - lnGamma(k + 1);
  if (k0 > mu) {
    let term = Math.exp(logTerm(k0));
    let sum = 0;
    for (let k = k0; term > 1e-16 * sum || k === k0; k++) {
      sum += term;
      term *= mu / (k + 1);
      if (k > k0 + 10_000) break;
    }
    return Math.min(1, sum);
  }
  // Below the mean: 1 - P(Y <= k0-1), summed downwards from the largest term.
  let term = Math.exp(logTerm(k0 - 1));
  let cdf = 0;
  for (let k = k0 - 1; k >= 0; k--) {
    cdf += term;
    term *= k / mu;
    if (term < 1e-16 * cdf) break;
  }
  return Math.max(0, 1 - cdf);
}

export function poissonExceedance(y: ArrayLike<number>, p: PoissonParams): DetectorSeries {
  const out = emptySeries(y.length);
  sweep(y, p, out);
  return out;
}

/**
 * Alarms only (1 = alarm, 0 = none or not evaluable), as the daily scan needs them: days under
 * `minCount` cannot alarm, so their tail probability is skipped — most class-days hold no case.
 */
export function poissonAlarms(y: ArrayLike<number>, p: PoissonParams): Uint8Array {
  return sweep(y, p, null);
}

function sweep(y: ArrayLike<number>, p: PoissonParams, out: DetectorSeries | null): Uint8Array {
  const alarms = out ? out.alarm : new Uint8Array(y.length);
  // Running sums of the baseline and of the observed window: the scan runs this on every class.
  let base = 0;
  let obs = 0;
  const minBaseline = p.minBaseline ? Math.min(p.minBaseline, p.baseline) : p.baseline;
  const first = minBaseline + p.guard;
  for (let i = 0; i < minBaseline && i < y.length; i++) base += y[i];
  for (let i = Math.max(0, first - p.window + 1); i < first && i < y.length; i++) obs += y[i];
  for (let t = first; t < y.length; t++) {
    if (t > first) {
      // The baseline grows by one day until it holds `baseline` days, then slides.
      base += y[t - p.guard - 1];
      if (t - p.guard - 1 - p.baseline >= 0) base -= y[t - p.guard - 1 - p.baseline];
      if (t - p.window >= 0) obs -= y[t - p.window];
    }
    obs += y[t];
    if (!out && y[t] < p.minCount) continue;
    const days = Math.min(p.baseline, t - p.guard);
    const mu = Math.max(base / days, p.minMean) * p.window;
    const pValue = poissonUpperTail(obs / p.dispersion, mu / p.dispersion);
    const stat = pValue > 0 ? -Math.log10(pValue) : 300;
    const alarm = stat >= p.threshold && y[t] >= p.minCount;
    if (out) {
      out.statistic[t] = stat;
      out.threshold[t] = p.threshold;
      out.alarm[t] = alarm ? ALARM : NO_ALARM;
    } else if (alarm) alarms[t] = 1;
  }
  return alarms;
}
