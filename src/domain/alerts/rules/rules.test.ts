import { describe, expect, it } from 'vitest';
import type { SchoolCalendar } from '../../calendar';
import {
  type CaseRecord,
  clusterRuleSeries,
  clusterSignals,
  DEFAULT_RULE_SET,
  diseaseSignals,
  evaluateRules,
  mergeRuleSets,
  type RuleSet,
  singleCaseSignals,
  validateRuleSet,
} from './index';

const calendar: SchoolCalendar = { terms: [{ start: '2024-02-26', end: '2024-07-05' }, { start: '2024-09-01', end: '2025-01-16' }] };
let seq = 0;
const mk = (over: Partial<CaseRecord>): CaseRecord => ({
  personId: `p${++seq}`,
  schoolId: 's1',
  classId: 'c1',
  date: '2024-03-13',
  symptoms: ['fever', 'cough'],
  temperature: 38.5,
  ...over,
});

describe('2006 cluster rule', () => {
  const rule = DEFAULT_RULE_SET.cluster;

  it('3 similar cases in one class on one day', () => {
    const cases = [mk({}), mk({}), mk({})];
    const s = clusterSignals({ today: '2024-03-13', cases, calendar }, rule);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ rule: 'cluster-2006', unit: { kind: 'class', id: 'c1' }, count: 3, deadline: '24h', level: 'report', syndrome: 'respiratory' });
    expect(s[0].window).toEqual({ from: '2024-03-13', to: '2024-03-13' });
  });

  it('different syndromes are not similar symptoms', () => {
    const cases = [mk({}), mk({}), mk({ symptoms: ['vomiting'] })];
    expect(clusterSignals({ today: '2024-03-13', cases, calendar }, rule)).toHaveLength(0);
  });

  it('5 cases over 3 school days spanning a weekend (school-day default)', () => {
    // Fri 15, Mon 18, Tue 19 March 2024 are three consecutive school days.
    const cases = [mk({ date: '2024-03-15' }), mk({ date: '2024-03-15' }), mk({ date: '2024-03-18' }), mk({ date: '2024-03-18' }), mk({ date: '2024-03-19' })];
    const s = clusterSignals({ today: '2024-03-19', cases, calendar }, rule);
    expect(s).toHaveLength(1);
    expect(s[0].window).toEqual({ from: '2024-03-15', to: '2024-03-19' });
    expect(s[0].count).toBe(5);
    // In calendar-day mode the window is 17–19 March and holds only 3.
    expect(clusterSignals({ today: '2024-03-19', cases, calendar }, { ...rule, dayMode: 'calendar' })).toHaveLength(0);
  });

  it('4 cases in 3 days do not fire; the same person twice counts once', () => {
    const p = mk({ date: '2024-03-12' });
    const cases = [p, { ...p, date: '2024-03-13' }, mk({ date: '2024-03-12' }), mk({ date: '2024-03-11' }), mk({ date: '2024-03-13' })];
    expect(clusterSignals({ today: '2024-03-13', cases, calendar }, rule)).toHaveLength(0);
  });

  it('per dormitory across classes', () => {
    const cases = [mk({ classId: 'a', dormId: 'd1' }), mk({ classId: 'b', dormId: 'd1' }), mk({ classId: 'c', dormId: 'd1' })];
    const s = clusterSignals({ today: '2024-03-13', cases, calendar }, rule);
    expect(s.map((x) => x.unit)).toEqual([{ kind: 'dorm', id: 'd1' }]);
  });

  it('series form on school-day counts', () => {
    expect([...clusterRuleSeries([0, 3, 0, 2, 2, 1, 0, 0], rule)]).toEqual([0, 1, 0, 1, 0, 1, 0, 0]);
  });
});

describe('single-case rules', () => {
  it('suspected notifiable disease -> immediate; severe symptoms -> 24 h', () => {
    const cases = [mk({ disease: 'measles' }), mk({ severe: { shortnessOfBreath: true } }), mk({ disease: 'varicella' }), mk({ disease: 'measles', date: '2024-03-12' })];
    const s = singleCaseSignals({ today: '2024-03-13', cases, calendar }, DEFAULT_RULE_SET);
    expect(s.map((x) => [x.rule, x.deadline])).toEqual([
      ['notifiable-case', 'immediate'],
      ['severe-case', '24h'],
    ]);
  });
});

describe('disease thresholds', () => {
  const d = DEFAULT_RULE_SET.diseases;
  const today = '2024-03-13';
  const n = (k: number, over: Partial<CaseRecord>) => Array.from({ length: k }, () => mk(over));

  it.each([
    ['influenza', n(5, {}), 'disease:influenza:class-day', 'report', '24h'],
    ['influenza', n(4, { temperature: 37.6 }), null, null, null], // not ILI
    ['hfmd', n(2, { disease: 'hfmd', date: '2024-03-08' }), 'disease:hfmd:class-window', 'report', '24h'],
    ['varicella', n(5, { disease: 'varicella', classId: 'x' }).map((c, i) => ({ ...c, classId: `k${i}` })), 'disease:varicella:school', 'report', '24h'],
    ['varicella', n(4, { disease: 'varicella' }), null, null, null],
    ['measles', [mk({ disease: 'measles', date: '2024-03-04' }), mk({ disease: 'measles', classId: 'c2' })], 'disease:measles:school', 'report', '24h'],
    ['norovirus', n(20, { disease: 'norovirus' }).map((c, i) => ({ ...c, classId: `k${i}` })), 'disease:norovirus:school', 'emergency', '2h'],
    ['ahc', n(3, { disease: 'ahc' }).map((c, i) => ({ ...c, classId: `k${i}` })), 'disease:ahc:school', 'report', '24h'],
    ['covid19', [mk({ disease: 'covid19' }), mk({ disease: 'covid19', classId: 'c9', date: '2024-03-08' })], 'disease:covid19:school', 'report', '2h'],
  ])('%s', (code, cases, rule, level, deadline) => {
    const s = diseaseSignals({ today, cases: cases as CaseRecord[], calendar }, code as string, d[code as string]);
    if (rule === null) expect(s).toHaveLength(0);
    else expect(s.find((x) => x.rule === rule)).toMatchObject({ level, deadline });
  });

  it('ILI school: 10 in a week -> report, 30 -> emergency within 2 h', () => {
    const spread = (k: number) => Array.from({ length: k }, (_, i) => mk({ classId: `k${i}`, date: i % 2 ? '2024-03-11' : '2024-03-13' }));
    const report = diseaseSignals({ today, cases: spread(10), calendar }, 'influenza', d.influenza);
    expect(report.find((x) => x.unit.kind === 'school')).toMatchObject({ level: 'report', count: 10 });
    const emergency = diseaseSignals({ today, cases: spread(30), calendar }, 'influenza', d.influenza);
    expect(emergency.filter((x) => x.unit.kind === 'school')).toEqual([expect.objectContaining({ level: 'emergency', deadline: '2h', count: 30 })]);
  });

  it('ILI class: 30 % currently ill', () => {
    const cases = Array.from({ length: 12 }, (_, i) => mk({ date: `2024-03-1${i % 4}`, returnedOn: i < 2 ? '2024-03-10' : null }));
    const s = diseaseSignals({ today, cases, calendar, classSizes: { c1: 40 } }, 'influenza', d.influenza);
    // 10 of 40 still ill = 25 %: no share signal; with a class of 30 it is 33 %.
    expect(s.find((x) => x.rule.endsWith('class-share'))).toBeUndefined();
    const s2 = diseaseSignals({ today, cases, calendar, classSizes: { c1: 30 } }, 'influenza', d.influenza);
    expect(s2.find((x) => x.rule.endsWith('class-share'))?.count).toBe(10);
  });
});

describe('rule-set validation and inheritance', () => {
  it('accepts the defaults', () => {
    expect(validateRuleSet(DEFAULT_RULE_SET)).toEqual([]);
  });

  it.each([
    [{ diseases: { ebola: DEFAULT_RULE_SET.diseases.measles } }, 'diseases.ebola', 'unknown_disease'],
    [{ diseases: { measles: { school: { report: -1 } } } }, 'diseases.measles.school.report', 'negative'],
    [{ cluster: { casesInDay: -3 } }, 'cluster.casesInDay', 'negative'],
    [{ cluster: { casesInWindow: 2.5 } }, 'cluster.casesInWindow', 'not_integer'],
    [{ diseases: { influenza: { class: { currentlyIllShare: 1.5 } } } }, 'diseases.influenza.class.currentlyIllShare', 'out_of_range'],
    [{ singleCase: { notifiable: { diseases: ['plague-x'] } } }, 'singleCase.notifiable.diseases.0', 'unknown_disease'],
    [{ cluster: { dayMode: 'weekly' } }, 'cluster.dayMode', 'invalid_value'],
    // Wrong shapes from an override (a bureau's JSON): named, not thrown.
    [{ cluster: null }, 'cluster', 'invalid_value'],
    [{ cluster: { units: 'class' } }, 'cluster.units', 'invalid_value'],
    [{ singleCase: { notifiable: 'all' } }, 'singleCase.notifiable', 'invalid_value'],
    [{ singleCase: { notifiable: { diseases: 'measles' } } }, 'singleCase.notifiable.diseases', 'invalid_value'],
    [{ diseases: { measles: 5 } }, 'diseases.measles', 'invalid_value'],
    [{ diseases: { measles: { school: 'many' } } }, 'diseases.measles.school', 'invalid_value'],
    [{ diseases: [] }, 'diseases', 'invalid_value'],
  ])('%j -> %s %s', (override, field, code) => {
    const rs = mergeRuleSets(DEFAULT_RULE_SET, override as never);
    expect(validateRuleSet(rs)).toContainEqual({ field, code });
  });

  it('merges province → city → county → school', () => {
    const province = { cluster: { dayMode: 'calendar' as const } };
    const city = { diseases: { varicella: { school: { report: 3 } } } };
    const county = { diseases: { influenza: { school: { emergency: null } } } };
    const school = { cluster: { casesInDay: 2 } };
    const rs = mergeRuleSets(DEFAULT_RULE_SET, province, city, county, school);
    expect(rs.cluster).toMatchObject({ dayMode: 'calendar', casesInDay: 2, casesInWindow: 5 });
    expect(rs.diseases.varicella.school).toEqual({ report: 3, emergency: 10 });
    expect(rs.diseases.influenza.school).toEqual({ report: 10, emergencyHospitalised: 5, emergencyDeaths: 2 });
    expect(DEFAULT_RULE_SET.cluster.casesInDay).toBe(3); // the base is not mutated
    expect(validateRuleSet(rs)).toEqual([]);
  });

  it('evaluateRules returns every kind of signal', () => {
    const cases = [mk({}), mk({}), mk({}), mk({}), mk({}), mk({ disease: 'measles' })];
    const rules = new Set(evaluateRules({ today: '2024-03-13', cases, calendar }, DEFAULT_RULE_SET).map((s) => s.rule));
    expect(rules).toEqual(new Set(['cluster-2006', 'notifiable-case', 'disease:influenza:class-day']));
  });
});

// ---- Property: evaluator equals a brute-force oracle on random histories ---------------------------

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAYS = ['2024-03-07', '2024-03-08', '2024-03-09', '2024-03-10', '2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15', '2024-03-18'];
const SCHOOL_DAYS = new Set(['2024-03-07', '2024-03-08', '2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15', '2024-03-18']);

/** Oracle: walk back day by day; count distinct persons per unit and syndrome with plain loops. */
function oracle(cases: CaseRecord[], today: string, rule: RuleSet['cluster']): string[] {
  const idx = DAYS.indexOf(today);
  const win: string[] = [];
  let schoolSeen = 0;
  for (let i = idx; i >= 0; i--) {
    const d = DAYS[i];
    if (rule.dayMode === 'calendar') {
      if (idx - i >= rule.windowDays) break;
      win.push(d);
    } else {
      if (schoolSeen >= rule.windowDays) break;
      win.push(d);
      if (SCHOOL_DAYS.has(d)) schoolSeen++;
    }
  }
  // In school mode the window starts at the earliest counted school day.
  while (rule.dayMode === 'school' && win.length > 0 && !SCHOOL_DAYS.has(win[win.length - 1])) win.pop();
  const out: string[] = [];
  for (const kind of rule.units) {
    const units = new Set(cases.map((c) => (kind === 'class' ? c.classId : c.dormId)).filter(Boolean) as string[]);
    for (const u of units) {
      for (const syn of ['respiratory', 'gastrointestinal', 'rash']) {
        const day = new Set<string>();
        const all = new Set<string>();
        for (const c of cases) {
          const unit = kind === 'class' ? c.classId : c.dormId;
          if (unit !== u || c.syndrome !== syn) continue;
          if (c.date === today) day.add(c.personId);
          if (win.includes(c.date)) all.add(c.personId);
        }
        if (day.size >= rule.casesInDay) out.push(`${kind}:${u}:${syn}:${[...day].sort().join(',')}`);
        else if (all.size >= rule.casesInWindow) out.push(`${kind}:${u}:${syn}:${[...all].sort().join(',')}`);
      }
    }
  }
  return out.sort();
}

describe('property: cluster rule equals the brute-force oracle', () => {
  const cal: SchoolCalendar = { terms: [{ start: '2024-03-01', end: '2024-03-31' }] };
  it('on 400 random histories in both day modes', () => {
    const r = rng(20240313);
    let fired = 0;
    for (let iter = 0; iter < 400; iter++) {
      const n = Math.floor(r() * 25);
      const cases: CaseRecord[] = [];
      for (let i = 0; i < n; i++) {
        cases.push({
          personId: `p${Math.floor(r() * 15)}`,
          schoolId: 's',
          classId: `c${Math.floor(r() * 3)}`,
          dormId: r() < 0.5 ? `d${Math.floor(r() * 2)}` : null,
          date: DAYS[Math.floor(r() * DAYS.length)],
          symptoms: [],
          syndrome: (['respiratory', 'gastrointestinal', 'rash'] as const)[Math.floor(r() * 3)],
        });
      }
      // Person ids must map to one class and dorm to be realistic; re-key duplicates by unit.
      for (const c of cases) c.personId = `${c.classId}/${c.dormId}/${c.personId}`;
      const today = DAYS[4 + Math.floor(r() * 6)];
      for (const dayMode of ['school', 'calendar'] as const) {
        const rule = { ...DEFAULT_RULE_SET.cluster, dayMode, casesInDay: 2 + Math.floor(r() * 2), casesInWindow: 3 + Math.floor(r() * 3) };
        const got = clusterSignals({ today, cases, calendar: cal }, rule)
          .map((s) => `${s.unit.kind}:${s.unit.id}:${s.syndrome}:${s.persons.join(',')}`)
          .sort();
        const want = oracle(cases, today, rule);
        expect(got, `iter ${iter} ${dayMode}`).toEqual(want);
        fired += got.length;
      }
    }
    expect(fired).toBeGreaterThan(50); // the generator does exercise the rule
  });
});
