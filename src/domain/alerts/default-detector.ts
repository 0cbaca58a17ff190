// Our default early-warning configuration, chosen with `npm run bench -- detection` (figures and the
// reasoning in docs/early-warning.md; thresholds tuned on seeds 1000–1005, reported on 2000–2002).
// Class level: the 2006 regulatory rule plus count-aware Poisson tests on one, two and five days
// against the class's own 40-day rate; school level: Poisson on three days against the school's 40-day
// rate and on today against its last 10 days; county level: over-dispersed Poisson on a 20-school-day
// baseline (the community flu season moves the baseline). Thresholds differ per level because counts do.
// The 40-day tests already run on 20 days of history (minBaseline), so a school new to CampusGuard, or
// a series starting after a data gap, is not left to the 2006 rule alone for its first two months.
import { detectorOrThrow } from './detectors/registry';
import { ALARM, type MethodName } from './detectors/types';
import { type PoissonParams, poissonAlarms } from './detectors/poisson';
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
      // p <= 10^-2 rather than 10^-2.5: the lower threshold buys earlier alarms in kindergartens, whose
      // rates of 0.1–0.2 a day put "two today" just under 10^-2.5.
      { method: 'poisson', params: { baseline: 40, minBaseline: 20, guard: 2, window: 1, minMean: 0.03, dispersion: 1, threshold: 2, minCount: 2 } },
      // A case today with another in the same class yesterday, judged the same way.
      { method: 'poisson', params: { baseline: 40, minBaseline: 20, guard: 2, window: 2, minMean: 0.03, dispersion: 1, threshold: 2.5, minCount: 1 } },
      // A slow trickle in one class (a case every day or two for a week) that no one- or two-day window
      // sees; the guard keeps the five days out of the baseline. Costs about 0.005 false alarms per
      // school-month on the tuning seeds.
      { method: 'poisson', params: { baseline: 40, minBaseline: 20, guard: 4, window: 5, minMean: 0.05, dispersion: 1, threshold: 3, minCount: 1 } },
    ],
  },
  school: {
    // Kept first: the scan reports this detector's window as the alert's window.
    detectors: [
      // Three days together against the school's 40-day rate: catches spread across classes that no
      // single class shows (mumps, varicella), at a small share of the false-alarm budget.
      { method: 'poisson', params: { baseline: 40, minBaseline: 20, guard: 2, window: 3, minMean: 0.1, dispersion: 1, threshold: 2.5, minCount: 2 } },
      // Today against the school's last 10 days (no guard): on an outbreak's first absence day the
      // school total often jumps because cases start in several classes at once; a short baseline judges
      // that jump against the school's recent quiet, as EARS does, but as a count (floor 0.2/day, >= 2).
      { method: 'poisson', params: { baseline: 10, guard: 0, window: 1, minMean: 0.2, dispersion: 1, threshold: 2.5, minCount: 2 } },
    ],
  },
  county: { detectors: [{ method: 'poisson', params: { baseline: 20, guard: 2, window: 1, minMean: 1, dispersion: 2, threshold: 4, minCount: 5 } }] },
};

/** A runnable form of a level's configuration: counts on consecutive school days in, 1 = alarm out. */
export function levelAlarms(config: LevelDetectorConfig): (counts: ArrayLike<number>) => Uint8Array {
  const detectors = (config.detectors ?? []).map((d) => detectorOrThrow(d.method, d.params));
  // Poisson tests take the alarms-only path (same alarms, no statistic for days that cannot alarm):
  // the scan runs every test on every class.
  const runs = detectors.map((d): ((y: ArrayLike<number>) => ArrayLike<number>) => {
    if (d.method !== 'poisson') return (y) => d.run(y).alarm;
    const p = d.params as unknown as PoissonParams;
    return (y) => poissonAlarms(y, p);
  });
  return (counts) => {
    const out = config.rule ? clusterRuleSeries(counts, config.rule) : new Uint8Array(counts.length);
    for (const run of runs) {
      const a = run(counts);
      for (let t = 0; t < a.length; t++) if (a[t] === ALARM) out[t] = 1;
    }
    return out;
  };
}
