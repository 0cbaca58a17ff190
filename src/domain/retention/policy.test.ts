import { describe, expect, it } from 'vitest';
import { AUDIT_MINIMUM_DAYS, cutoffDate, DATA_CLASSES, retentionDays } from './policy';

describe('retention policy', () => {
  it('keeps each class for its default unless the environment says otherwise', () => {
    const days = retentionDays({ RETENTION_TRAVEL_RECORDS_DAYS: '200' });
    expect(days.get('travel_records')).toBe(200);
    expect(days.get('check_details')).toBe(365);
    expect(days.get('notifications')).toBe(184);
    expect([...days.keys()]).toEqual(DATA_CLASSES.map((c) => c.key));
  });

  it.each([['183'], ['-1'], ['1.5'], ['a year']])('refuses %s days, naming the variable', (value) => {
    expect(() => retentionDays({ RETENTION_CHECK_DETAILS_DAYS: value })).toThrow(/RETENTION_CHECK_DETAILS_DAYS.*184/);
  });

  it('never defaults below the audit minimum', () => {
    for (const c of DATA_CLASSES) expect(c.defaultDays).toBeGreaterThanOrEqual(AUDIT_MINIMUM_DAYS);
  });

  it.each([
    ['2026-11-30', 365, '2025-11-30'],
    ['2024-03-01', 1, '2024-02-29'],
    ['2026-01-01', 184, '2025-07-01'],
  ])('from %s keeping %i days the first date kept is %s', (today, days, first) => {
    expect(cutoffDate(today, days)).toBe(first);
  });
});
