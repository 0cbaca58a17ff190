// Delay against false alarms over a range of thresholds (detection.md §4), for what a school sees:
// our default with every class-level Poisson threshold shifted by the same amount (the tests have
// different thresholds, so a shift of 0 is the default itself), and EARS C1 with its z threshold varied.
import { defaultDetector, type LevelDetectorConfig, levelAlarms } from '../../src/domain/alerts/default-detector';
import { evaluateLevel, type Summary, summarise } from './evaluate';
import type { Dataset } from './generate';
import { type LevelSeries, registryMethod, runLevel } from './methods';

export interface CurvePoint {
  method: string;
  /** z for EARS C1; for our default, the shift added to every class-level threshold. */
  threshold: number;
  summary: Summary;
}

function withClassShift(shift: number): Record<'class' | 'school', LevelDetectorConfig> {
  const c = defaultDetector.class;
  return {
    class: { ...c, detectors: (c.detectors ?? []).map((d) => ({ ...d, params: { ...d.params, threshold: (d.params.threshold as number) + shift } })) },
    school: defaultDetector.school,
  };
}

export function curve(datasets: Dataset[], series: LevelSeries[]): CurvePoint[] {
  const points: CurvePoint[] = [];
  const view = (cls: (y: Int32Array) => Uint8Array, sch: (y: Int32Array) => Uint8Array) =>
    summarise(
      datasets.map((ds, i) => {
        const T = ds.days.dates.length;
        return { ds, results: [evaluateLevel('class', ds, runLevel(cls, series[i].class, T)), evaluateLevel('school', ds, runLevel(sch, series[i].school, T))] };
      }),
    );
  for (const shift of [-0.5, -0.25, 0, 0.5, 1, 1.5]) {
    const cfg = withClassShift(shift);
    points.push({ method: 'our-default', threshold: shift, summary: view(levelAlarms(cfg.class), levelAlarms(cfg.school)) });
  }
  for (const threshold of [2, 2.5, 3, 3.5, 4, 5]) {
    const m = registryMethod('ears-c1', { threshold });
    points.push({ method: 'ears-c1', threshold, summary: view(m.levels.class!, m.levels.school!) });
  }
  return points;
}
