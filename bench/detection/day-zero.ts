// What the observed counts show of each outbreak by its first absence day (day 0), for the median-delay
// question: a median of 0 needs an alarm by day 0 on more than half of the outbreaks, so this says
// which signals there are to alarm on. Over days −2…0 of the outbreak's syndrome:
//   A: a class of the outbreak has two or more cases on one day;
//   B: otherwise, a class of the outbreak has two or more over the three days;
//   C: otherwise, the school has two or more on one day (in different classes, baseline included);
//   D: the rest: at most one case a class over the three days and at most one a day in the school,
//      which no count test can tell from a school's usual single cases.

import { eligible } from './evaluate';
import type { Dataset } from './generate';

export interface DayZeroSignals {
  outbreaks: number;
  sameDayInClass: number;
  threeDaysInClass: number;
  sameDayInSchool: number;
  singlesOnly: number;
}

export function dayZeroSignals(datasets: Dataset[]): DayZeroSignals {
  const out: DayZeroSignals = { outbreaks: 0, sameDayInClass: 0, threeDaysInClass: 0, sameDayInSchool: 0, singlesOnly: 0 };
  for (const ds of datasets) {
    const T = ds.days.dates.length;
    const { classStart } = ds.county;
    for (const o of ds.outbreaks) {
      if (!eligible(o)) continue;
      out.outbreaks++;
      const y = ds.counts[o.syndrome];
      const t0 = o.firstAbsence;
      const from = Math.max(0, t0 - 2);
      let sameDay = false;
      let threeDays = false;
      for (const c of o.classes) {
        let sum = 0;
        for (let t = from; t <= t0; t++) {
          sum += y[c * T + t];
          if (y[c * T + t] >= 2) sameDay = true;
        }
        if (sum >= 2) threeDays = true;
      }
      let school = false;
      for (let t = from; t <= t0 && !school; t++) {
        let sum = 0;
        for (let c = classStart[o.school]; c < classStart[o.school + 1]; c++) sum += y[c * T + t];
        school = sum >= 2;
      }
      if (sameDay) out.sameDayInClass++;
      else if (threeDays) out.threeDaysInClass++;
      else if (school) out.sameDayInSchool++;
      else out.singlesOnly++;
    }
  }
  return out;
}

export function dayZeroTable(s: DayZeroSignals): string {
  const share = (n: number) => `${n} (${((100 * n) / Math.max(1, s.outbreaks)).toFixed(1)} %)`;
  return [
    `\nwhat the counts show by the first absence day (days -2..0, the outbreak's syndrome; ${s.outbreaks} outbreaks)`,
    `  A  two or more cases in one class on one day        ${share(s.sameDayInClass)}`,
    `  B  else two or more in one class over the three days ${share(s.threeDaysInClass)}`,
    `  C  else two or more in the school on one day        ${share(s.sameDayInSchool)}`,
    `  D  else single cases only                           ${share(s.singlesOnly)}`,
  ].join('\n');
}
