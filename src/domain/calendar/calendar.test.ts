import { describe, expect, it } from 'vitest';
import {
  addSchoolDays,
  coverage,
  defaultCalendar,
  HOLIDAY_YEARS,
  isSchoolDay,
  isoWeekday,
  parseIsoDate,
  previousSchoolDays,
  type SchoolCalendar,
  schoolDaysBetween,
  toDayNumber,
  UncoveredDateError,
} from './index';

// A calendar where every day of 2019-2027 is in term, so only weekends and the holiday table matter.
const allYear: SchoolCalendar = { terms: [{ start: '2019-01-01', end: '2027-12-31' }] };

describe('official days', () => {
  it.each([
    ['2024-02-04', true, 'make-up working Sunday before Spring Festival'],
    ['2024-02-18', true, 'make-up working Sunday after Spring Festival'],
    ['2024-02-10', false, 'Spring Festival'],
    ['2024-02-17', false, 'Spring Festival, last day'],
    ['2024-02-09', true, "New Year's Eve 2024 was not an official holiday"],
    ['2024-10-01', false, 'National Day'],
    ['2024-10-04', false, 'National Day'],
    ['2024-10-07', false, 'National Day, last day'],
    ['2024-10-08', true, 'first day back'],
    ['2024-10-12', true, 'make-up Saturday'],
    ['2024-09-29', true, 'make-up Sunday'],
    ['2024-04-07', true, 'make-up Sunday after Qingming'],
    ['2024-06-10', false, 'Dragon Boat Monday'],
    ['2025-01-26', true, 'make-up Sunday'],
    ['2025-02-04', false, 'Spring Festival 2025'],
    ['2025-02-08', true, 'make-up Saturday'],
    ['2025-10-08', false, 'National Day + Mid-Autumn 2025'],
    ['2025-10-11', true, 'make-up Saturday'],
    ['2026-01-04', true, 'make-up Sunday after New Year 2026'],
    ['2026-02-15', false, 'Spring Festival 2026, first day'],
    ['2026-02-23', false, 'Spring Festival 2026, Monday, last day'],
    ['2026-02-14', true, 'make-up Saturday'],
    ['2026-02-28', true, 'make-up Saturday'],
    ['2026-02-24', true, 'first day back'],
    ['2023-06-25', true, 'make-up Sunday after Dragon Boat 2023'],
    ['2023-04-05', false, 'Qingming 2023'],
    ['2022-12-31', false, 'New Year 2023 began on Saturday 31 Dec'],
    ['2023-01-02', false, 'New Year 2023 Monday'],
    ['2020-02-01', false, 'the cancelled 2020 make-up day, inside the extended holiday'],
    ['2020-02-03', true, 'first working day after the extended 2020 Spring Festival'],
    ['2021-09-18', true, 'make-up Saturday before Mid-Autumn 2021'],
    ['2024-03-02', false, 'ordinary Saturday'],
    ['2024-03-04', true, 'ordinary Monday'],
  ])('%s school day = %s (%s)', (date, expected) => {
    const info = isSchoolDay(date, allYear);
    expect(info.schoolDay).toBe(expected);
    expect(info.covered).toBe(true);
  });

  it('every make-up working day is a weekend day and no holiday overlaps one', () => {
    for (const y of HOLIDAY_YEARS) {
      for (const m of y.makeUpWorkdays) {
        expect(isoWeekday(m), m).toBeGreaterThanOrEqual(6);
        expect(isSchoolDay(m, allYear).kind, m).toBe('school-day');
      }
      for (const h of y.holidays) expect(toDayNumber(h.to) >= toDayNumber(h.from), h.from).toBe(true);
    }
  });

  it('reports the holiday name and the make-up flag', () => {
    expect(isSchoolDay('2024-10-03', allYear)).toMatchObject({ kind: 'holiday', holiday: 'national-day' });
    expect(isSchoolDay('2024-02-18', allYear)).toMatchObject({ kind: 'school-day', makeUpWorkday: true });
  });
});

describe('coverage', () => {
  it('flags years without holiday data', () => {
    expect(coverage('2019-10-01')).toBe('uncovered');
    expect(coverage('2027-10-01')).toBe('uncovered');
    expect(coverage('2026-10-01')).toBe('covered');
    const info = isSchoolDay('2027-10-01', allYear);
    expect(info.covered).toBe(false);
    expect(info.schoolDay).toBe(true); // a weekday by the weekend rule, but flagged
  });

  it('list functions refuse uncovered dates unless allowed', () => {
    expect(() => schoolDaysBetween('2026-12-28', '2027-01-05', allYear)).toThrow(UncoveredDateError);
    expect(schoolDaysBetween('2026-12-28', '2027-01-05', allYear, { allowUncovered: true })).toHaveLength(7);
    expect(() => addSchoolDays('2026-12-31', 1, allYear)).toThrow(/2027/);
  });
});

describe('terms and vacations', () => {
  const cal = defaultCalendar(2023, 2025);

  it.each([
    ['2023-09-01', true],
    ['2024-01-16', true],
    ['2024-01-25', false], // winter vacation
    ['2024-02-26', true], // spring term 2024 starts the Monday a week after Spring Festival
    ['2024-02-19', false],
    ['2024-07-15', false], // summer vacation
    ['2025-02-17', true],
    ['2026-03-02', true], // 2026 Spring Festival ends 23 Feb
    ['2026-02-28', false], // make-up Saturday, but still in winter vacation
  ])('%s school day = %s', (date, expected) => {
    expect(isSchoolDay(date, cal).schoolDay).toBe(expected);
  });

  it('autumn term ends before an early Spring Festival', () => {
    const c = defaultCalendar(2022, 2022);
    expect(c.terms[0].end).toBe('2023-01-16');
    expect(isSchoolDay('2023-01-20', c).kind).toBe('vacation');
  });

  it('school closures and extra days override', () => {
    const c: SchoolCalendar = { terms: allYear.terms, closures: ['2024-03-04'], extraSchoolDays: ['2024-03-02'] };
    expect(isSchoolDay('2024-03-04', c).kind).toBe('closure');
    expect(isSchoolDay('2024-03-02', c).schoolDay).toBe(true);
  });
});

describe('counting school days', () => {
  it('schoolDaysBetween skips the National Day week and keeps the make-up Saturday', () => {
    const days = schoolDaysBetween('2024-09-28', '2024-10-13', allYear);
    expect(days).toEqual(['2024-09-29', '2024-09-30', '2024-10-08', '2024-10-09', '2024-10-10', '2024-10-11', '2024-10-12']);
  });

  it('previousSchoolDays looks back across a holiday', () => {
    expect(previousSchoolDays('2024-10-09', 3, allYear)).toEqual(['2024-09-29', '2024-09-30', '2024-10-08']);
    expect(previousSchoolDays('2024-02-19', 2, allYear)).toEqual(['2024-02-09', '2024-02-18']);
  });

  it('addSchoolDays forwards and backwards', () => {
    expect(addSchoolDays('2024-09-30', 1, allYear)).toBe('2024-10-08');
    expect(addSchoolDays('2024-10-08', -1, allYear)).toBe('2024-09-30');
    expect(addSchoolDays('2024-03-01', 1, allYear)).toBe('2024-03-04');
    expect(addSchoolDays('2024-03-04', 0, allYear)).toBe('2024-03-04');
    expect(addSchoolDays('2024-03-04', 5, allYear)).toBe('2024-03-11');
  });

  it('previousSchoolDays returns fewer days when a calendar has fewer', () => {
    const c: SchoolCalendar = { terms: [{ start: '2024-03-04', end: '2024-03-08' }] };
    expect(previousSchoolDays('2024-03-06', 5, c)).toEqual(['2024-03-04', '2024-03-05']);
  });
});

describe('parseIsoDate', () => {
  it.each(['2024-02-30', '2024-13-01', '24-01-01', '2024/01/01', ''])('rejects %s', (s) => {
    expect(parseIsoDate(s)).toBeNull();
  });
  it('accepts a leap day', () => {
    expect(parseIsoDate('2024-02-29')).not.toBeNull();
  });
});
