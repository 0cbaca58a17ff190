import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

/*
 * China time (Asia/Shanghai, UTC+8 all year, no daylight saving).
 * Users and schools are in China and the server counts school days there, so the product's dates and
 * times are China dates and times whatever the browser's own time zone: "today" is today in China and
 * an instant is shown on the Chinese wall clock. Date pickers work in the browser's zone, so a picked
 * wall-clock time is read here as China time.
 */

dayjs.extend(utc);

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today's date in China as 'YYYY-MM-DD' (the school date the server uses). */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The 'YYYY-MM-DD' date `n` days after `date` (before it when `n` is negative). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** An instant (ISO text from the server) on the Chinese wall clock, in a dayjs pattern such as 'YYYY-MM-DD HH:mm'. */
export function formatChinaTime(instant: string, pattern: string): string {
  return dayjs.utc(Date.parse(instant) + CHINA_OFFSET_MS).format(pattern);
}

/** A date-time picker value that shows an instant as Chinese wall-clock time. */
export function chinaPickerValue(instant: string): Dayjs {
  return dayjs(formatChinaTime(instant, 'YYYY-MM-DDTHH:mm:ss.SSS'));
}

/** The instant (ISO text) of a picker value's wall-clock time read as China time. */
export function instantOfChinaPickerValue(value: Dayjs): string {
  return new Date(`${value.format('YYYY-MM-DDTHH:mm:ss.SSS')}+08:00`).toISOString();
}
