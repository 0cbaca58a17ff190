import { describe, expect, it } from 'vitest';
import { lastScheduledDate, testState } from './schedule';

describe('test schedules', () => {
  it.each([
    // 2022-05-05 is a Thursday
    { weekdays: [1, 4], today: '2022-05-05', expected: '2022-05-05' },
    { weekdays: [1, 4], today: '2022-05-07', expected: '2022-05-05' },
    { weekdays: [2, 5], today: '2022-05-05', expected: '2022-05-03' },
    { weekdays: [1], today: '2022-04-24', expected: null },
  ])('$weekdays on $today → $expected', ({ weekdays, today, expected }) => expect(lastScheduledDate(weekdays, '2022-04-25', null, today)).toBe(expected));

  it('meets a schedule with any later result but an isolation test only on its day', () => {
    const s = { source: 'schedule' as const, ref: 'x', date: '2022-05-02', exact: false };
    const i = { source: 'isolation' as const, ref: '1', date: '2022-05-03', exact: true };
    expect(testState([s], ['2022-05-04'], '2022-05-05')).toBeNull();
    expect(testState([s, i], ['2022-05-04'], '2022-05-05')).toMatchObject({ status: 'overdue', since: '2022-05-03' });
    expect(testState([{ ...s, date: '2022-05-05' }], [], '2022-05-05')).toMatchObject({ status: 'due' });
  });
});
