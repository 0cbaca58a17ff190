// Default term dates when a school has not entered its own: autumn term from 1 September to mid
// January (ending before the Spring Festival), spring term from the first Monday at least a week after
// the Spring Festival holiday (never before 10 February) to 5 July. Local education bureaus publish
// their own 校历; these defaults only make a calendar usable before that is entered.
import { addDays, type IsoDate, isoWeekday } from './dates';
import type { SchoolCalendar, Term } from './calendar';
import { springFestival } from './holidays';

function latest(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}
function earliest(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
function mondayOnOrAfter(date: IsoDate): IsoDate {
  const wd = isoWeekday(date);
  return wd === 1 ? date : addDays(date, 8 - wd);
}

/** Autumn term of school year `year`/`year+1`. */
export function defaultAutumnTerm(year: number): Term {
  const sf = springFestival(year + 1);
  const end = sf ? earliest(`${year + 1}-01-16`, addDays(sf.from, -5)) : `${year + 1}-01-16`;
  return { name: `${year}-autumn`, start: `${year}-09-01`, end };
}

/** Spring term in calendar year `year`. */
export function defaultSpringTerm(year: number): Term {
  const sf = springFestival(year);
  const earliestStart = sf ? latest(`${year}-02-10`, addDays(sf.to, 7)) : `${year}-02-17`;
  return { name: `${year}-spring`, start: mondayOnOrAfter(earliestStart), end: `${year}-07-05` };
}

/** Terms of the school years starting in autumn `fromYear` through autumn `toYear`, in date order. */
export function defaultCalendar(fromYear: number, toYear: number): SchoolCalendar {
  const terms: Term[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    terms.push(defaultAutumnTerm(y), defaultSpringTerm(y + 1));
  }
  return { terms };
}
