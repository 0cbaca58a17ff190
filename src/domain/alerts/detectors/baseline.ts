// Moving baseline over the `n` school days ending `guard` days before day t: t-guard-n … t-guard-1.

export interface Moments {
  mean: number;
  sd: number;
}

// One scratch result: the daily scan calls this hundreds of millions of times, and callers read the
// fields at once, so allocating a fresh object per call would only feed the garbage collector.
const scratch: Moments = { mean: 0, sd: 0 };

/**
 * Mean and sample sd (n-1) of the baseline window of day t, or null when the window is incomplete.
 * The returned object is reused by the next call: read it before calling again.
 */
export function baselineMoments(y: ArrayLike<number>, t: number, n: number, guard: number): Readonly<Moments> | null {
  const end = t - guard; // exclusive
  const start = end - n;
  if (start < 0) return null;
  let sum = 0;
  for (let i = start; i < end; i++) sum += y[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = start; i < end; i++) {
    const d = y[i] - mean;
    ss += d * d;
  }
  scratch.mean = mean;
  scratch.sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return scratch;
}

/** Standardised excess (y - mean) / max(sd, floor); ±Infinity or 0 when the divisor is 0. */
export function zScore(y: number, mean: number, sd: number, minSigma: number): number {
  const sigma = Math.max(sd, minSigma);
  const diff = y - mean;
  if (sigma > 0) return diff / sigma;
  return diff > 0 ? Number.POSITIVE_INFINITY : diff < 0 ? Number.NEGATIVE_INFINITY : 0;
}
