import { describe, expect, it } from 'vitest';
import type { SchoolCalendar } from '../calendar';
import { createDetector, detectorOrThrow, toDayOutputs } from './detectors';
import { defaultDetector, type DetectionLevel, levelAlarms } from './default-detector';
import { schoolDaySeries } from './series';

const zeros = (n: number) => Array.from({ length: n }, () => 0);
/** 40 baseline days holding `cases` single cases, spread out (none in the last 10). */
const baseline40 = (cases: number) => zeros(40).map((_, i) => (i < 30 && i % Math.floor(30 / Math.max(cases, 1)) === 0 && i / Math.floor(30 / Math.max(cases, 1)) < cases ? 1 : 0));

/** One component of the default, picked by its Poisson window and baseline, run on its own. */
function component(level: DetectionLevel, window: number, baseline: number) {
  const d = defaultDetector[level].detectors?.find((x) => x.params.window === window && x.params.baseline === baseline);
  if (!d) throw new Error(`no ${level} component with window ${window} and baseline ${baseline}`);
  const detector = detectorOrThrow(d.method, d.params);
  return (y: number[]) => toDayOutputs(detector.run(y));
}
const lastOf = <T>(xs: T[]) => xs[xs.length - 1];

describe('defaultDetector', () => {
  it('holds only valid detector configurations', () => {
    for (const level of Object.values(defaultDetector)) {
      for (const d of level.detectors ?? []) expect(createDetector(d.method, d.params).ok).toBe(true);
    }
  });

  it('school level keeps the three-day window first (the scan reports its window as the alert window)', () => {
    expect(defaultDetector.school.detectors?.[0].params.window).toBe(3);
  });

  it('class level: the 2006 rule fires on 3 cases in a day even on a short history', () => {
    expect([...levelAlarms(defaultDetector.class)([0, 3])]).toEqual([0, 1]);
  });

  it('class level: two cases in a quiet class alarm, one does not', () => {
    const quiet = zeros(45);
    const run = levelAlarms(defaultDetector.class);
    expect(run([...quiet, 1])[45]).toBe(0);
    expect(run([...quiet, 2])[45]).toBe(1);
    expect(run([...quiet, 1, 1])[46]).toBe(1);
  });

  it('school level: a usual day in a busy school stays quiet', () => {
    // About 3 a day: 11 over three days is usual, 23 is not (three-day window, 40-day baseline).
    const busy = Array.from({ length: 45 }, (_, i) => 2 + (i % 3));
    expect(levelAlarms(defaultDetector.school)([...busy, 4])[45]).toBe(0);
    expect(levelAlarms(defaultDetector.school)([...busy, 16])[45]).toBe(1);
  });
});

describe('class level, two cases in one day (p <= 10^-2 against the 40-day rate)', () => {
  // P(Y >= 2 | mu) = 1 - e^-mu (1 + mu); the baseline ends two days before today.
  it.each([
    ['all-zero baseline (floor 0.03)', 0, 2, 3.355463, true],
    ['4 cases in 40 days (0.10/day)', 4, 2, 2.329862, true],
    ['6 cases in 40 days (0.15/day): two is usual enough', 6, 2, 1.992004, false],
    ['one case never alarms on its own (minCount 2)', 0, 1, 1.529377, false],
  ])('%s', (_, cases, today, stat, alarm) => {
    const o = lastOf(component('class', 1, 40)([...baseline40(cases as number), 0, 0, today as number]));
    expect(o.statistic).toBeCloseTo(stat as number, 3);
    expect(o.alarm).toBe(alarm);
  });
});

describe('class level, five-day trickle (window 5, guard 4, floor 0.05/day, p <= 10^-3)', () => {
  // mu = max(rate, 0.05) * 5; P(Y >= k | mu) summed by hand.
  it.each([
    ['all-zero baseline, 1 1 0 1 1 (4 vs 0.25)', 0, [1, 1, 0, 1, 1], 3.874943, true],
    ['all-zero baseline, 1 0 1 0 1 (3 vs 0.25)', 0, [1, 0, 1, 0, 1], 2.665245, false],
    ['all-zero baseline, 1 1 1 1 0: nothing today, no alarm', 0, [1, 1, 1, 1, 0], 3.874943, false],
    ['4 cases in 40 days, 1 1 1 1 1 (5 vs 0.5)', 4, [1, 1, 1, 1, 1], 3.764180, true],
    ['4 cases in 40 days, 1 1 0 1 1 (4 vs 0.5)', 4, [1, 1, 0, 1, 1], 2.756559, false],
  ])('%s', (_, cases, window, stat, alarm) => {
    const o = lastOf(component('class', 5, 40)([...baseline40(cases as number), ...(window as number[])]));
    expect(o.statistic).toBeCloseTo(stat as number, 5);
    expect(o.alarm).toBe(alarm);
  });

  it('short history: not evaluable before 20 baseline days (minBaseline) and the 4-day guard', () => {
    const out = component('class', 5, 40)([...zeros(19), 1, 1, 1, 1, 1]);
    expect(out.every((o) => o.alarm === null)).toBe(true);
    // 20 all-zero days: floor 0.05/day, 5 vs 0.25.
    const o = lastOf(component('class', 5, 40)([...zeros(20), 1, 1, 1, 1, 1]));
    expect(o.statistic).toBeCloseTo(5.179686, 5);
    expect(o.alarm).toBe(true);
  });

  it('counts school days: the National Day week inside the window does not dilute it', () => {
    // Term from July so that 40 school days of history precede the holiday (a test calendar).
    const cal: SchoolCalendar = { terms: [{ start: '2024-07-01', end: '2025-01-16' }] };
    const cases = ['2024-09-27', '2024-09-29', '2024-10-08', '2024-10-09'].map((date) => ({ date, count: 1 }));
    const s = schoolDaySeries(cases, '2024-07-01', '2024-10-09', cal);
    // The last five school days are 09-27, 09-29 (make-up Sunday), 09-30, 10-08, 10-09: 4 vs 0.25.
    expect(s.dates.slice(-5)).toEqual(['2024-09-27', '2024-09-29', '2024-09-30', '2024-10-08', '2024-10-09']);
    const o = lastOf(component('class', 5, 40)([...s.counts]));
    expect(o.statistic).toBeCloseTo(3.874943, 5);
    expect(o.alarm).toBe(true);
  });
});

describe('school level, today against the last 10 school days (floor 0.2/day, >= 2, p <= 10^-2.5)', () => {
  it.each([
    ['all-zero baseline, 2 today (vs 0.2)', zeros(10), 2, 1.756389, false],
    ['all-zero baseline, 3 today (vs 0.2)', zeros(10), 3, 2.939876, true],
    ['0.5 a day, 3 today', [1, 0, 1, 0, 1, 0, 1, 0, 1, 0], 3, 1.842009, false],
    ['0.5 a day, 4 today', [1, 0, 1, 0, 1, 0, 1, 0, 1, 0], 4, 2.756559, true],
    ['3 a day, 8 today', Array.from({ length: 10 }, () => 3), 8, 1.924289, false],
    ['3 a day, 10 today', Array.from({ length: 10 }, () => 3), 10, 2.957626, true],
  ])('%s', (_, history, today, stat, alarm) => {
    const o = lastOf(component('school', 1, 10)([...(history as number[]), today as number]));
    expect(o.statistic).toBeCloseTo(stat as number, 5);
    expect(o.alarm).toBe(alarm);
  });

  it('short history: nothing evaluable with fewer than 10 school days', () => {
    expect(component('school', 1, 10)([0, 0, 0, 9]).every((o) => o.alarm === null)).toBe(true);
    expect([...levelAlarms(defaultDetector.school)([0, 0, 0, 9])]).toEqual([0, 0, 0, 0]);
  });

  it('counts school days: a quiet fortnight across the National Day week is still ten days', () => {
    const cal: SchoolCalendar = { terms: [{ start: '2024-09-01', end: '2025-01-16' }] };
    const s = schoolDaySeries([{ date: '2024-10-10', count: 3 }], '2024-09-20', '2024-10-10', cal);
    expect(s.dates.length).toBe(11); // 09-20, 09-23 … 09-30 with the make-up Sunday, then 10-08 … 10-10
    const o = lastOf(component('school', 1, 10)([...s.counts]));
    expect(o.statistic).toBeCloseTo(2.939876, 5);
    expect(o.alarm).toBe(true);
  });
});

describe('short histories: the 40-day tests run on the days there are, from 20 on (minBaseline 20)', () => {
  // P(Y >= 2 | mu) = 1 - e^-mu (1 + mu); baseline = days 0 … t-3 (guard 2), at most 40 of them.
  it.each([
    ['all-zero, 20 days (floor 0.03)', zeros(20), 3.355463, true],
    ['2 cases in 20 days (0.10/day)', [...zeros(18), 1, 1], 2.329862, true],
    ['3 cases in 20 days (0.15/day): two is usual enough', [...zeros(17), 1, 1, 1], 1.992004, false],
    // Cases on days 0, 7, 14, 21 of 28: the rate is 4/28, not 2/20 (last 20 days) or 4/40.
    ['4 cases in 28 days: the whole history counts', zeros(28).map((_, i) => (i % 7 === 0 ? 1 : 0)), 2.032340, true],
  ])('class, two cases today: %s', (_, history, stat, alarm) => {
    const o = lastOf(component('class', 1, 40)([...(history as number[]), 0, 0, 2]));
    expect(o.statistic).toBeCloseTo(stat as number, 5);
    expect(o.alarm).toBe(alarm);
  });

  it('19 days of history: only the 2006 rule can fire', () => {
    expect(component('class', 1, 40)([...zeros(19), 0, 0, 2]).every((o) => o.alarm === null)).toBe(true);
    expect(component('class', 2, 40)([...zeros(19), 0, 1, 1]).every((o) => o.alarm === null)).toBe(true);
    expect(lastOf([...levelAlarms(defaultDetector.class)([...zeros(19), 0, 0, 2])])).toBe(0);
    expect(lastOf([...levelAlarms(defaultDetector.class)([...zeros(19), 0, 0, 3])])).toBe(1);
  });

  it('school, three days over the National Day week from the first day of term', () => {
    // 2024-09-02 … 2024-10-09: 21 September school days (Mid-Autumn 16–17 off, make-up 09-14 and 09-29)
    // and 10-08, 10-09; the window 09-30, 10-08, 10-09 holds 1 + 2 + 2 = 5 against the floor 0.1 × 3.
    const cal: SchoolCalendar = { terms: [{ start: '2024-09-02', end: '2025-01-16' }] };
    const cases = [{ date: '2024-09-30', count: 1 }, { date: '2024-10-08', count: 2 }, { date: '2024-10-09', count: 2 }];
    const s = schoolDaySeries(cases, '2024-09-02', '2024-10-09', cal);
    expect(s.dates.length).toBe(23);
    expect(s.dates.slice(-3)).toEqual(['2024-09-30', '2024-10-08', '2024-10-09']);
    const o = lastOf(component('school', 3, 40)([...s.counts]));
    expect(o.statistic).toBeCloseTo(4.801754, 5);
    expect(o.alarm).toBe(true);
    // One school day less (the series from 09-03): 19 baseline days, not evaluable.
    const shorter = schoolDaySeries(cases, '2024-09-03', '2024-10-09', cal);
    expect(lastOf(component('school', 3, 40)([...shorter.counts])).alarm).toBeNull();
  });
});
