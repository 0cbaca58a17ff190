// Pure evaluators of a rule set on plain case data, "as of today". They return every signal whose
// condition holds today; merging repeated signals of one cluster into one alert is the alert queue's
// job, not theirs.
import type { IsoDate, SchoolCalendar } from '../../calendar';
import { isIli, syndromeOf } from './syndrome';
import type { CaseRecord, ClusterRule, DiseaseRule, RuleSet, Signal, Syndrome } from './types';
import { type DayWindow, inWindow, ruleWindow } from './window';

export interface RuleInput {
  today: IsoDate;
  cases: CaseRecord[];
  calendar: SchoolCalendar;
  /** Enrolled students per class, for "share currently ill" rules. */
  classSizes?: Record<string, number>;
}

/** One record per person (their earliest), so a person reported twice is counted once. */
function distinctPersons(cases: CaseRecord[]): CaseRecord[] {
  const byPerson = new Map<string, CaseRecord>();
  for (const c of cases) {
    const seen = byPerson.get(c.personId);
    if (!seen || c.date < seen.date) byPerson.set(c.personId, c);
  }
  return [...byPerson.values()];
}

function groupBy<T>(items: T[], key: (t: T) => string | null | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === null || k === undefined) continue;
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

const persons = (cs: CaseRecord[]) => cs.map((c) => c.personId).sort();

/** The 2006 rule: per class and dorm, same syndrome, n in one day or m within the window. */
export function clusterSignals(input: RuleInput, rule: ClusterRule): Signal[] {
  if (!rule.enabled) return [];
  const { today } = input;
  const w = ruleWindow(today, rule.windowDays, rule.dayMode, input.calendar);
  const recent = input.cases.filter((c) => inWindow(c.date, w));
  const out: Signal[] = [];
  for (const kind of rule.units) {
    const groups = groupBy(recent, (c) => {
      const unit = kind === 'class' ? c.classId : c.dormId;
      return unit ? `${unit}\u0000${syndromeOf(c)}` : null;
    });
    for (const [key, cs] of groups) {
      const [unitId, syndrome] = key.split('\u0000') as [string, Syndrome];
      const inWin = distinctPersons(cs);
      const onDay = distinctPersons(cs.filter((c) => c.date === today));
      const base = { rule: 'cluster-2006', unit: { kind, id: unitId }, deadline: rule.deadline, level: 'report' as const, syndrome };
      if (onDay.length >= rule.casesInDay) {
        out.push({ ...base, window: { from: today, to: today }, persons: persons(onDay), count: onDay.length });
      } else if (inWin.length >= rule.casesInWindow) {
        out.push({ ...base, window: w, persons: persons(inWin), count: inWin.length });
      }
    }
  }
  return out;
}

/** Single-case rules: a (suspected) notifiable disease now; severe unexplained illness within 24 h. */
export function singleCaseSignals(input: RuleInput, rs: RuleSet): Signal[] {
  const out: Signal[] = [];
  const { notifiable, severe } = rs.singleCase;
  const day: DayWindow = { from: input.today, to: input.today };
  for (const c of input.cases) {
    if (c.date !== input.today) continue;
    const unit = { kind: 'class' as const, id: c.classId };
    if (notifiable.enabled && c.disease && notifiable.diseases.includes(c.disease)) {
      out.push({ rule: 'notifiable-case', unit, window: day, persons: [c.personId], count: 1, deadline: notifiable.deadline, level: 'report', disease: c.disease });
    }
    const s = c.severe;
    if (severe.enabled && s && (s.unexplainedHighFever || s.shortnessOfBreath || s.severeVomitingDiarrhoea)) {
      out.push({ rule: 'severe-case', unit, window: day, persons: [c.personId], count: 1, deadline: severe.deadline, level: 'report' });
    }
  }
  return out;
}

function matches(c: CaseRecord, code: string, d: DiseaseRule): boolean {
  return d.caseDefinition === 'ili' ? isIli(c) : c.disease === code;
}

/** Disease-specific class, dorm and school thresholds. */
export function diseaseSignals(input: RuleInput, code: string, d: DiseaseRule): Signal[] {
  if (!d.enabled) return [];
  const { today, calendar } = input;
  const w = ruleWindow(today, d.windowDays, d.dayMode, calendar);
  const reportW = d.reportWindowDays ? ruleWindow(today, d.reportWindowDays, d.dayMode, calendar) : w;
  const all = input.cases.filter((c) => c.date <= today && matches(c, code, d));
  const inW = all.filter((c) => inWindow(c.date, w));
  const rule = (suffix: string) => `disease:${code}:${suffix}`;
  const report = { deadline: d.reportDeadline, level: 'report' as const, disease: code };
  const out: Signal[] = [];

  if (d.class) {
    const { casesInDay, casesInWindow, currentlyIllShare } = d.class;
    for (const [classId, cs] of groupBy(all, (c) => c.classId)) {
      const unit = { kind: 'class' as const, id: classId };
      const win = distinctPersons(cs.filter((c) => inWindow(c.date, w)));
      const day = distinctPersons(cs.filter((c) => c.date === today));
      if (casesInDay !== undefined && day.length >= casesInDay) {
        out.push({ rule: rule('class-day'), unit, window: { from: today, to: today }, persons: persons(day), count: day.length, ...report });
      }
      if (casesInWindow !== undefined && win.length >= casesInWindow) {
        out.push({ rule: rule('class-window'), unit, window: w, persons: persons(win), count: win.length, ...report });
      }
      const size = input.classSizes?.[classId];
      if (currentlyIllShare !== undefined && size) {
        // Without a return date a case counts as ill for the rule's window only.
        const ill = distinctPersons(cs.filter((c) => (c.returnedOn ? c.returnedOn > today : inWindow(c.date, w))));
        if (ill.length / size >= currentlyIllShare) {
          out.push({ rule: rule('class-share'), unit, window: w, persons: persons(ill), count: ill.length, ...report });
        }
      }
    }
  }
  if (d.dorm?.casesInWindow !== undefined) {
    for (const [dormId, cs] of groupBy(inW, (c) => c.dormId)) {
      const ps = distinctPersons(cs);
      if (ps.length >= d.dorm.casesInWindow) {
        out.push({ rule: rule('dorm-window'), unit: { kind: 'dorm', id: dormId }, window: w, persons: persons(ps), count: ps.length, ...report });
      }
    }
  }
  if (d.school) {
    const s = d.school;
    for (const [schoolId, cs] of groupBy(all, (c) => c.schoolId)) {
      const unit = { kind: 'school' as const, id: schoolId };
      const win = distinctPersons(cs.filter((c) => inWindow(c.date, w)));
      const hosp = win.filter((c) => c.hospitalised).length;
      const deaths = win.filter((c) => c.died).length;
      const emergency =
        (s.emergency !== undefined && win.length >= s.emergency) ||
        (s.emergencyHospitalised !== undefined && hosp >= s.emergencyHospitalised) ||
        (s.emergencyDeaths !== undefined && deaths >= s.emergencyDeaths);
      if (emergency) {
        out.push({ rule: rule('school'), unit, window: w, persons: persons(win), count: win.length, deadline: d.emergencyDeadline, level: 'emergency', disease: code });
        continue;
      }
      const rep = distinctPersons(cs.filter((c) => inWindow(c.date, reportW)));
      if (s.report !== undefined && rep.length >= s.report) {
        out.push({ rule: rule('school'), unit, window: reportW, persons: persons(rep), count: rep.length, ...report });
      }
    }
  }
  return out;
}

export function evaluateRules(input: RuleInput, rs: RuleSet): Signal[] {
  const out = [...clusterSignals(input, rs.cluster), ...singleCaseSignals(input, rs)];
  for (const [code, d] of Object.entries(rs.diseases)) out.push(...diseaseSignals(input, code, d));
  return out;
}

/**
 * The 2006 cluster rule on a unit's daily counts over consecutive school days (one syndrome): 1 on
 * the days it holds. Used by the daily scan and the benchmark, where cases are already counted.
 */
export function clusterRuleSeries(counts: ArrayLike<number>, rule: Pick<ClusterRule, 'casesInDay' | 'casesInWindow' | 'windowDays'>): Uint8Array {
  const out = new Uint8Array(counts.length);
  let sum = 0;
  for (let t = 0; t < counts.length; t++) {
    sum += counts[t];
    if (t >= rule.windowDays) sum -= counts[t - rule.windowDays];
    if (counts[t] >= rule.casesInDay || sum >= rule.casesInWindow) out[t] = 1;
  }
  return out;
}
