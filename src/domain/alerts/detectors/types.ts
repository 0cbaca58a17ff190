// The common shape of every statistical detector. Input: counts on consecutive school days (the
// caller has already removed weekends, holidays and vacations). Output per day: statistic, threshold
// and alarm, or "not evaluable" while the baseline is too short. Results are typed arrays because the
// daily scan runs these over hundreds of thousands of units.
export const METHODS = [
  'ears-c1',
  'ears-c2',
  'ears-c3',
  'cusum',
  'cusum-cn-c1',
  'cusum-cn-c2',
  'cusum-cn-c3',
  'ewma',
  'percentile',
  'poisson',
] as const;
export type MethodName = (typeof METHODS)[number];

/** Alarm codes in `DetectorSeries.alarm`. */
export const NO_ALARM = 0;
export const ALARM = 1;
export const NOT_EVALUABLE = 2;

export interface DetectorSeries {
  /** NaN where not evaluable. */
  statistic: Float64Array;
  /** NaN where not evaluable. */
  threshold: Float64Array;
  /** NO_ALARM, ALARM or NOT_EVALUABLE per day. */
  alarm: Uint8Array;
}

export interface DayOutput {
  statistic: number | null;
  threshold: number | null;
  alarm: boolean | null;
}

export interface Detector {
  readonly method: MethodName;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  run(counts: ArrayLike<number>): DetectorSeries;
}

export function emptySeries(n: number): DetectorSeries {
  const statistic = new Float64Array(n).fill(Number.NaN);
  const threshold = new Float64Array(n).fill(Number.NaN);
  const alarm = new Uint8Array(n).fill(NOT_EVALUABLE);
  return { statistic, threshold, alarm };
}

export function toDayOutputs(s: DetectorSeries): DayOutput[] {
  const out: DayOutput[] = [];
  for (let i = 0; i < s.alarm.length; i++) {
    const evaluable = s.alarm[i] !== NOT_EVALUABLE;
    out.push({
      statistic: evaluable ? s.statistic[i] : null,
      threshold: evaluable ? s.threshold[i] : null,
      alarm: evaluable ? s.alarm[i] === ALARM : null,
    });
  }
  return out;
}
