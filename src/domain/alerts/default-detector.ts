// Our default early-warning configuration, chosen with `npm run bench -- detection` (figures and the
// reasoning in docs/early-warning.md). Class level: the 2006 regulatory rule plus count-aware Poisson
// tests on one and two days against the class's own 40-day rate; school and county level: Poisson
// exceedance on a 20-school-day baseline (over-dispersed at county level, where the community flu
// season moves the baseline). Thresholds differ per level because counts do.
import { detectorOrThrow } from './detectors/registry';
import { ALARM, type MethodName } from './detectors/types';
import type { DetectorParams } from './detectors/registry';
import { clusterRuleSeries } from './rules/evaluate';
import { DEFAULT_RULE_SET } from './rules/defaults';

export type DetectionLevel = 'class' | 'school' | 'county';

export interface LevelDetectorConfig {
  /** The 2006 cluster rule on the unit's daily counts (class level). */
  rule?: { casesInDay: number; casesInWindow: number; windowDays: number };
  /** Statistical detectors on the unit's daily counts; any of them alarming raises the level's alarm. */
  detectors?: Array<{ method: MethodName; params: DetectorParams }>;
}

export const defaultDetector: Readonly<Record<DetectionLevel, LevelDetectorConfig>> = {
  class: {
    rule: { casesInDay: DEFAULT_RULE_SET.cluster.casesInDay, casesInWindow: DEFAULT_RULE_SET.cluster.casesInWindow, windowDays: DEFAULT_RULE_SET.cluster.windowDays },
    detectors: [
      // Two same-syndrome cases in one class on one day, unless the class's own 40-day rate makes that usual.
      { method: 'poisson', params: { baseline: 40, guard: 2, window: 1, minMean: 0.03, dispersion: 1, threshold: 2.5, minCount: 2 } },
      // A case today with another in the same class yesterday, judged the same way.
      { method: 'poisson', params: { baseline: 40, guard: 2, window: 2, minMean: 0.03, dispersion: 1, threshold: 2.5, minCount: 1 } },
    ],
  },
  school: {
    // Three days together against the school's 40-day rate: catches spread across classes that no single
    // class shows (mumps, varicella), at a small share of the false-alarm budget.
    detectors: [{ method: 'poisson', params: { baseline: 40, guard: 2, window: 3, minMean: 0.1, dispersion: 1, threshold: 2.5, minCount: 2 } }],
  },
  county: { detectors: [{ method: 'poisson', params: { baseline: 20, guard: 2, window: 1, minMean: 1, dispersion: 2, threshold: 4, minCount: 5 } }] },
};

/** A runnable form of a level's configuration: counts on consecutive school days in, 1 = alarm out. */
export function levelAlarms(config: LevelDetectorConfig): (counts: ArrayLike<number>) => Uint8Array {
  const detectors = (config.detectors ?? []).map((d) => detectorOrThrow(d.method, d.params));
  return (counts) => {
    const out = config.rule ? clusterRuleSeries(counts, config.rule) : new Uint8Array(counts.length);
    for (const d of detectors) {
      const a = d.run(counts).alarm;
      for (let t = 0; t < a.length; t++) if (a[t] === ALARM) out[t] = 1;
    }
    return out;
  };
}
