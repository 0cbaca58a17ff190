import { describe, expect, it } from 'vitest';
import type { SchoolCalendar } from '../calendar';
import { detectorOrThrow, toDayOutputs } from './detectors';
import { schoolDaySeries } from './series';

const cal: SchoolCalendar = { terms: [{ start: '2024-09-01', end: '2025-01-16' }] };

describe('schoolDaySeries', () => {
  it('skips the National Day holiday and keeps the make-up Saturday', () => {
    const s = schoolDaySeries([{ date: '2024-10-12', count: 2 }], '2024-09-26', '2024-10-14', cal);
    expect(s.dates).toEqual(['2024-09-26', '2024-09-27', '2024-09-29', '2024-09-30', '2024-10-08', '2024-10-09', '2024-10-10', '2024-10-11', '2024-10-12', '2024-10-14']);
    expect([...s.counts]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 2, 0]);
  });

  it('moves a count dated on a holiday to the next school day', () => {
    const s = schoolDaySeries([{ date: '2024-10-03', count: 1 }, { date: '2024-10-08', count: 1 }], '2024-09-30', '2024-10-09', cal);
    expect([...s.counts]).toEqual([0, 2, 0]);
  });

  it('a detector sees the same baseline whether or not a holiday sits in the window', () => {
    // Seven school days of 1 then 4: across the National Day week, and in an ordinary fortnight.
    const across = ['2024-09-25', '2024-09-26', '2024-09-27', '2024-09-29', '2024-09-30', '2024-10-08', '2024-10-09'];
    const plain = ['2024-11-04', '2024-11-05', '2024-11-06', '2024-11-07', '2024-11-08', '2024-11-11', '2024-11-12'];
    const run = (days: string[], today: string, to: string) => {
      const s = schoolDaySeries([...days.map((date) => ({ date, count: 1 })), { date: today, count: 4 }], days[0], to, cal);
      const out = toDayOutputs(detectorOrThrow('ears-c1').run(s.counts));
      return out[out.length - 1];
    };
    expect(run(across, '2024-10-10', '2024-10-10')).toEqual(run(plain, '2024-11-13', '2024-11-13'));
    expect(run(across, '2024-10-10', '2024-10-10')).toMatchObject({ statistic: 6, alarm: true }); // (4-1)/0.5
  });
});
