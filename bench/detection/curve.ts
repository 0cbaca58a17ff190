// Delay against false alarms over a range of thresholds (detection.md §4), for what a school sees:
// our default with its class-level Poisson threshold varied, and EARS C1 with its z threshold varied.
import { defaultDetector, type LevelDetectorConfig, levelAlarms } from '../../src/domain/alerts/default-detector';
import { evaluateLevel, type Summary, summarise } from './evaluate';
import type { Dataset } from './generate';
import { type LevelSeries, registryMethod, runLevel } from './methods';

export interface CurvePoint {
  method: string;
  threshold: number;
  summary: Summary;
}

function withClassThreshold(threshold: number): Record<'class' | 'school', LevelDetectorConfig> {
  const c = defaultDetector.class;
  return {
    class: { ...c, detectors: (c.detectors ?? []).map((d) => ({ ...d, params: { ...d.params, threshold } })) },
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
  for (const threshold of [1.6, 2, 2.5, 3, 3.5, 4]) {
    const cfg = withClassThreshold(threshold);
    points.push({ method: 'our-default', threshold, summary: view(levelAlarms(cfg.class), levelAlarms(cfg.school)) });
  }
  for (const threshold of [2, 2.5, 3, 3.5, 4, 5]) {
    const m = registryMethod('ears-c1', { threshold });
    points.push({ method: 'ears-c1', threshold, summary: view(m.levels.class!, m.levels.school!) });
  }
  return points;
}
