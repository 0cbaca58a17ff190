import { describe, expect, it } from 'vitest';
import { createDetector } from './detectors';
import { defaultDetector, levelAlarms } from './default-detector';

describe('defaultDetector', () => {
  it('holds only valid detector configurations', () => {
    for (const level of Object.values(defaultDetector)) {
      for (const d of level.detectors ?? []) expect(createDetector(d.method, d.params).ok).toBe(true);
    }
  });

  it('class level: the 2006 rule fires on 3 cases in a day even on a short history', () => {
    expect([...levelAlarms(defaultDetector.class)([0, 3])]).toEqual([0, 1]);
  });

  it('class level: two cases in a quiet class alarm, one does not', () => {
    const quiet = Array.from({ length: 45 }, () => 0);
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
