// Public holidays and official make-up working days (调休) from the State Council General Office's
// yearly notices (国务院办公厅关于…年部分节假日安排的通知). Schools follow these arrangements: a holiday is
// no school day, a make-up working day on a weekend is one. Years outside this table are "uncovered":
// callers must flag them rather than guess.
import type { IsoDate } from './dates';

export interface HolidayPeriod {
  name: 'new-year' | 'spring-festival' | 'qingming' | 'labour-day' | 'dragon-boat' | 'mid-autumn' | 'national-day';
  /** Inclusive first and last day off. */
  from: IsoDate;
  to: IsoDate;
}

export interface HolidayYear {
  year: number;
  holidays: HolidayPeriod[];
  /** Weekend days that are official working days (and so school days in term). */
  makeUpWorkdays: IsoDate[];
  note?: string;
}

export const HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2020,
    holidays: [
      { name: 'new-year', from: '2020-01-01', to: '2020-01-01' },
      // Extended from 30 Jan to 2 Feb by the 2020-01-26 notice (COVID-19); the 1 Feb make-up day lapsed.
      { name: 'spring-festival', from: '2020-01-24', to: '2020-02-02' },
      { name: 'qingming', from: '2020-04-04', to: '2020-04-06' },
      { name: 'labour-day', from: '2020-05-01', to: '2020-05-05' },
      { name: 'dragon-boat', from: '2020-06-25', to: '2020-06-27' },
      { name: 'national-day', from: '2020-10-01', to: '2020-10-08' },
    ],
    makeUpWorkdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
    note: 'Mid-Autumn (1 Oct) fell inside the National Day holiday.',
  },
  {
    year: 2021,
    holidays: [
      { name: 'new-year', from: '2021-01-01', to: '2021-01-03' },
      { name: 'spring-festival', from: '2021-02-11', to: '2021-02-17' },
      { name: 'qingming', from: '2021-04-03', to: '2021-04-05' },
      { name: 'labour-day', from: '2021-05-01', to: '2021-05-05' },
      { name: 'dragon-boat', from: '2021-06-12', to: '2021-06-14' },
      { name: 'mid-autumn', from: '2021-09-19', to: '2021-09-21' },
      { name: 'national-day', from: '2021-10-01', to: '2021-10-07' },
    ],
    makeUpWorkdays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  {
    year: 2022,
    holidays: [
      { name: 'new-year', from: '2022-01-01', to: '2022-01-03' },
      { name: 'spring-festival', from: '2022-01-31', to: '2022-02-06' },
      { name: 'qingming', from: '2022-04-03', to: '2022-04-05' },
      { name: 'labour-day', from: '2022-04-30', to: '2022-05-04' },
      { name: 'dragon-boat', from: '2022-06-03', to: '2022-06-05' },
      { name: 'mid-autumn', from: '2022-09-10', to: '2022-09-12' },
      { name: 'national-day', from: '2022-10-01', to: '2022-10-07' },
      // The 2023 New Year holiday began on Saturday 31 Dec 2022 (2023 notice).
      { name: 'new-year', from: '2022-12-31', to: '2022-12-31' },
    ],
    makeUpWorkdays: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  {
    year: 2023,
    holidays: [
      { name: 'new-year', from: '2023-01-01', to: '2023-01-02' },
      { name: 'spring-festival', from: '2023-01-21', to: '2023-01-27' },
      { name: 'qingming', from: '2023-04-05', to: '2023-04-05' },
      { name: 'labour-day', from: '2023-04-29', to: '2023-05-03' },
      { name: 'dragon-boat', from: '2023-06-22', to: '2023-06-24' },
      { name: 'mid-autumn', from: '2023-09-29', to: '2023-09-29' },
      { name: 'national-day', from: '2023-09-30', to: '2023-10-06' },
    ],
    makeUpWorkdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024,
    holidays: [
      { name: 'new-year', from: '2024-01-01', to: '2024-01-01' },
      { name: 'spring-festival', from: '2024-02-10', to: '2024-02-17' },
      { name: 'qingming', from: '2024-04-04', to: '2024-04-06' },
      { name: 'labour-day', from: '2024-05-01', to: '2024-05-05' },
      { name: 'dragon-boat', from: '2024-06-08', to: '2024-06-10' },
      { name: 'mid-autumn', from: '2024-09-15', to: '2024-09-17' },
      { name: 'national-day', from: '2024-10-01', to: '2024-10-07' },
    ],
    makeUpWorkdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  {
    year: 2025,
    holidays: [
      { name: 'new-year', from: '2025-01-01', to: '2025-01-01' },
      { name: 'spring-festival', from: '2025-01-28', to: '2025-02-04' },
      { name: 'qingming', from: '2025-04-04', to: '2025-04-06' },
      { name: 'labour-day', from: '2025-05-01', to: '2025-05-05' },
      { name: 'dragon-boat', from: '2025-05-31', to: '2025-06-02' },
      { name: 'national-day', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    note: 'Mid-Autumn (6 Oct) fell inside the National Day holiday.',
  },
  {
    year: 2026,
    holidays: [
      { name: 'new-year', from: '2026-01-01', to: '2026-01-03' },
      { name: 'spring-festival', from: '2026-02-15', to: '2026-02-23' },
      { name: 'qingming', from: '2026-04-04', to: '2026-04-06' },
      { name: 'labour-day', from: '2026-05-01', to: '2026-05-05' },
      { name: 'dragon-boat', from: '2026-06-19', to: '2026-06-21' },
      { name: 'mid-autumn', from: '2026-09-25', to: '2026-09-27' },
      { name: 'national-day', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

export const FIRST_COVERED_YEAR = 2020;
export const LAST_COVERED_YEAR = 2026;

export function holidayYear(year: number): HolidayYear | undefined {
  return HOLIDAY_YEARS.find((h) => h.year === year);
}

export function springFestival(year: number): HolidayPeriod | undefined {
  return holidayYear(year)?.holidays.find((h) => h.name === 'spring-festival');
}
