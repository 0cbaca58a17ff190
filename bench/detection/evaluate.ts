// Metrics of detection.md §4 for alarms at one level (class, school or county), plus the combination
// of levels a school sees (class + grade + school alarms).
import type { Dataset, OutbreakTruth } from './generate';

export type Level = 'class' | 'grade' | 'school' | 'county';

/** Outbreaks smaller than this are not counted as outbreaks (alarms on them are neither true nor false). */
export const MIN_OUTBREAK_SIZE = 5;
/** A unit's alarms within this many school days of its previous alarm belong to the same alert. */
export const MERGE_DAYS = 5;
/** Alarms up to this many school days after an outbreak's last absence still belong to it. */
export const TAIL_DAYS = 5;
export const DETECTION_HORIZON = 14;

export interface LevelResult {
  level: Level;
  /** First alarm day per outbreak (index in ds.outbreaks), -1 when not detected in time. */
  detectDay: Int32Array;
  trueAlarms: number;
  falseAlarms: number;
  /** False alarms per school (class and school levels), for the school-month figure. */
  falseBySchool: Int32Array;
  quietUnitDays: number;
  quietAlarmDays: number;
}

export function eligible(o: OutbreakTruth): boolean {
  return o.size >= MIN_OUTBREAK_SIZE;
}

function unitsOf(level: Level, o: OutbreakTruth, ds: Dataset): number[] {
  if (level === 'grade') return [...new Set(o.classes.map((c) => ds.county.classGradeUnit[c]))];
  return level === 'class' ? o.classes : level === 'school' ? [o.school] : [0];
}

export function unitCount(level: Level, ds: Dataset): number {
  return level === 'class' ? ds.county.classes : level === 'grade' ? ds.county.grades : level === 'school' ? ds.county.schools : 1;
}

function schoolOf(level: Level, ds: Dataset, u: number): number {
  return level === 'class' ? ds.county.classSchool[u] : level === 'grade' ? ds.county.gradeSchool[u] : level === 'school' ? u : -1;
}

/** `alarms[k][unit * T + t]` = 1 when the detector alarms on syndrome k. */
export function evaluateLevel(level: Level, ds: Dataset, alarms: Uint8Array[]): LevelResult {
  const T = ds.days.dates.length;
  const units = unitCount(level, ds);
  // 2 = inside an outbreak's window, 1 = inside a too-small outbreak's window, 0 = quiet.
  const mask = new Uint8Array(units * T);
  for (const o of ds.outbreaks) {
    const v = eligible(o) ? 2 : 1;
    for (const u of unitsOf(level, o, ds)) {
      for (let t = Math.max(0, o.start); t <= Math.min(T - 1, o.end + TAIL_DAYS); t++) mask[u * T + t] = Math.max(mask[u * T + t], v);
    }
  }
  const detectDay = new Int32Array(ds.outbreaks.length).fill(-1);
  ds.outbreaks.forEach((o, i) => {
    if (!eligible(o)) return;
    const a = alarms[o.syndrome];
    const last = Math.min(T - 1, o.firstAbsence + DETECTION_HORIZON);
    for (let t = o.start; t <= last && detectDay[i] < 0; t++) {
      for (const u of unitsOf(level, o, ds)) if (a[u * T + t] === 1) detectDay[i] = t;
    }
  });
  let trueAlarms = 0;
  let falseAlarms = 0;
  let quietUnitDays = 0;
  let quietAlarmDays = 0;
  const falseBySchool = new Int32Array(ds.county.schools);
  for (let u = 0; u < units; u++) {
    const school = schoolOf(level, ds, u);
    for (let t = 0; t < T; t++) {
      const m = mask[u * T + t];
      let anyAlarm = false;
      for (let k = 0; k < alarms.length; k++) {
        const a = alarms[k];
        if (a[u * T + t] !== 1) continue;
        anyAlarm = true;
        let merged = false;
        for (let s = Math.max(0, t - MERGE_DAYS); s < t; s++) if (a[u * T + s] === 1) merged = true;
        if (merged) continue;
        if (m === 2) trueAlarms++;
        else if (m === 0) {
          falseAlarms++;
          if (school >= 0) falseBySchool[school]++;
        }
      }
      if (m === 0) {
        quietUnitDays++;
        if (anyAlarm) quietAlarmDays++;
      }
    }
  }
  return { level, detectDay, trueAlarms, falseAlarms, falseBySchool, quietUnitDays, quietAlarmDays };
}

export interface Summary {
  outbreaks: number;
  detected: number;
  medianDelay: number | null;
  meanDelay: number | null;
  /** Share of outbreaks detected on or before their first absence day (delay <= 0): median delay is a
   * whole number of school days, so this shows which side of 0/1 it sits on. */
  firstDayShare: number;
  medianLead: number | null;
  falseAlarms: number;
  /** Per 1,000 class-days, per school-month or per county-week, by level. */
  falseRate: number;
  falsePerSchoolMonth: number;
  specificity: number;
  ppv: number | null;
}

const SCHOOL_DAYS_PER_MONTH = 21;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Run {
  ds: Dataset;
  /** Results of the levels to combine: earliest alarm wins, false alarms add up. */
  results: LevelResult[];
}

/** Summary over replicate counties; medians are over all their outbreaks together. */
export function summarise(runs: Run[], filter: (o: OutbreakTruth) => boolean = () => true): Summary {
  const delays: number[] = [];
  const leads: number[] = [];
  let n = 0;
  let falseAlarms = 0;
  let trueAlarms = 0;
  let schoolFalse = 0;
  let denom = 0;
  let schoolMonths = 0;
  let quiet = 0;
  let quietAlarm = 0;
  for (const { ds, results } of runs) {
    const T = ds.days.dates.length;
    ds.outbreaks.forEach((o, i) => {
      if (!eligible(o) || !filter(o)) return;
      n++;
      const days = results.map((r) => r.detectDay[i]).filter((d) => d >= 0);
      if (days.length === 0) return;
      const d = Math.min(...days);
      delays.push(d - o.firstAbsence);
      if (o.ruleDay >= 0) leads.push(o.ruleDay - d);
    });
    const sm = (ds.county.schools * T) / SCHOOL_DAYS_PER_MONTH;
    schoolMonths += sm;
    // Grade level and combined views are counted per school-month, like the school level.
    const level = results.length === 1 ? results[0].level : 'school';
    denom += level === 'class' ? (ds.county.classes * T) / 1000 : level === 'county' ? T / 5 : sm;
    for (const r of results) {
      falseAlarms += r.falseAlarms;
      trueAlarms += r.trueAlarms;
      if (r.level !== 'county') schoolFalse += r.falseAlarms;
      quiet += r.quietUnitDays;
      quietAlarm += r.quietAlarmDays;
    }
  }
  return {
    outbreaks: n,
    detected: n ? delays.length / n : 0,
    medianDelay: median(delays),
    meanDelay: delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : null,
    firstDayShare: n ? delays.filter((d) => d <= 0).length / n : 0,
    medianLead: median(leads),
    falseAlarms,
    falseRate: denom ? falseAlarms / denom : 0,
    falsePerSchoolMonth: schoolMonths ? schoolFalse / schoolMonths : 0,
    specificity: quiet ? 1 - quietAlarm / quiet : 1,
    ppv: trueAlarms + falseAlarms ? trueAlarms / (trueAlarms + falseAlarms) : null,
  };
}
