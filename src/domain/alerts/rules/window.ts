// Rule windows: "n consecutive days" ending today, counted in school days or calendar days.
import { addDays, type IsoDate, isSchoolDay, previousSchoolDays, type SchoolCalendar } from '../../calendar';
import type { DayMode } from './types';

export interface DayWindow {
  from: IsoDate;
  to: IsoDate;
}

/**
 * The window of `days` days ending today. In school-day mode it spans the last `days` school days
 * (today included when it is one) and every calendar day between them, so an onset on a Sunday still
 * counts with the Friday and Monday around it.
 */
export function ruleWindow(today: IsoDate, days: number, mode: DayMode, calendar: SchoolCalendar): DayWindow {
  if (mode === 'calendar') return { from: addDays(today, -(days - 1)), to: today };
  const todayCounts = isSchoolDay(today, calendar).schoolDay;
  const before = previousSchoolDays(today, todayCounts ? days - 1 : days, calendar, { allowUncovered: true });
  return { from: before.length > 0 ? before[0] : today, to: today };
}

export function inWindow(date: IsoDate, w: DayWindow): boolean {
  return date >= w.from && date <= w.to;
}
