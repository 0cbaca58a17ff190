// Seeded generator of school-day syndrome counts with known outbreaks (detection.md §4): a calibrated
// baseline per class, stochastic SEIR outbreaks on the class/grade/school/dorm structure, observation
// noise, and the ground truth of every outbreak.
import { clusterRuleSeries } from '../../src/domain/alerts/rules';
import { DEFAULT_RULE_SET } from '../../src/domain/alerts/rules/defaults';
import { gamma, mulberry32, poisson, type Random, randInt } from '../../src/domain/random/prng';
import { type DiseaseCode, DISEASES, type DiseaseModel, type Scenario, type SyndromeIndex } from './diseases';
import { type County, makeCounty, makeSchoolDays, type SchoolDays } from './population';

export interface Observation {
  /** Share of report events missing entirely / arriving one school day late. */
  missing: number;
  late: number;
  /** Share of events given a wrong syndrome. */
  mislabel: number;
  /** Probability a symptomatic child who attends is caught at a morning/noon check. */
  caught: number;
}

export interface GenerateOptions {
  seed: number;
  schools?: number;
  years: number;
  outbreaksPerYear: number;
  scenario: Scenario;
  observation?: Partial<Observation>;
}

export interface OutbreakTruth {
  id: number;
  disease: DiseaseCode;
  syndrome: SyndromeIndex;
  school: number;
  indexClass: number;
  pointSource: boolean;
  R: number;
  /** School-day indices. */
  start: number;
  firstAbsence: number;
  peak: number;
  end: number;
  /** Day the 2006 rule fires on noise-free data in a class or dorm; -1 if never. */
  ruleDay: number;
  classes: number[];
  /** Symptomatic cases / all infections. */
  size: number;
  infections: number;
}

export interface Dataset {
  county: County;
  days: SchoolDays;
  /** Observed new illness events per class and school day, one array per syndrome: [class * T + t]. */
  counts: Int32Array[];
  outbreaks: OutbreakTruth[];
}

// Illness-absence share of student-days and the share of illness absences per watched syndrome.
const ABSENCE_RATE = { kindergarten: 0.0177, primary: 0.0030, middle: 0.0015 };
const MEAN_ABSENCE_DAYS = 2;
const SYNDROME_SHARE = [0.3, 0.09, 0.03];
// Monthly seasonality (index = month 1..12): winter respiratory peak, spring rash (HFMD/varicella).
const SEASON: number[][] = [
  [0, 1.6, 1.3, 1.1, 1, 0.9, 0.7, 0.6, 0.6, 0.8, 1, 1.3, 1.6],
  [0, 1.3, 1.2, 1, 1, 0.9, 0.8, 0.8, 0.8, 0.9, 1, 1.2, 1.3],
  [0, 0.7, 0.8, 1, 1.5, 1.8, 1.6, 1, 0.8, 0.9, 0.9, 0.8, 0.7],
];

export function generate(opts: GenerateOptions): Dataset {
  const rng = mulberry32(opts.seed);
  const obs: Observation = { missing: 0.1, late: 0.1, mislabel: 0.15, caught: 0.6, ...opts.observation };
  const county = makeCounty(rng, opts.schools ?? randInt(rng, 60, 120));
  const days = makeSchoolDays(2023, opts.years);
  const T = days.dates.length;
  const counts = [0, 1, 2].map(() => new Int32Array(county.classes * T));
  baseline(rng, county, days, counts);
  const outbreaks = injectOutbreaks(rng, county, days, counts, opts, obs);
  return { county, days, counts, outbreaks };
}

function baseline(rng: Random, county: County, days: SchoolDays, counts: Int32Array[]): void {
  const T = days.dates.length;
  // A community flu season each winter, shared by all schools: a bump peaking in Dec–Jan.
  const flu = new Float64Array(T).fill(1);
  for (let y = 0; y * 365 < days.day[T - 1] - days.day[0]; y++) {
    const peak = days.day[0] + y * 365 + 92 + Math.floor(rng() * 60);
    const amp = 0.8 + rng() * 1.2;
    for (let t = 0; t < T; t++) flu[t] += amp * Math.exp(-(((days.day[t] - peak) / 14) ** 2) / 2);
  }
  for (let s = 0; s < county.schools; s++) {
    const rate = ABSENCE_RATE[county.kind[s]] / MEAN_ABSENCE_DAYS;
    for (let t = 0; t < T; t++) {
      const dayEffect = (gamma(rng, 8) / 8) * county.schoolFactor[s] * (days.afterBreak[t] ? 1.3 : 1);
      for (let c = county.classStart[s]; c < county.classStart[s + 1]; c++) {
        const base = county.classSize[c] * rate * dayEffect;
        for (let k = 0; k < 3; k++) {
          const mean = base * SYNDROME_SHARE[k] * SEASON[k][days.month[t]] * (k === 0 ? flu[t] : 1);
          counts[k][c * T + t] = poisson(rng, mean);
        }
      }
    }
  }
}

function pickDisease(rng: Random, mix: Scenario['mix']): DiseaseCode {
  const entries = Object.entries(mix) as Array<[DiseaseCode, number]>;
  let u = rng() * entries.reduce((a, [, w]) => a + w, 0);
  for (const [code, w] of entries) if ((u -= w) < 0) return code;
  return entries[0][0];
}

function injectOutbreaks(rng: Random, county: County, days: SchoolDays, counts: Int32Array[], opts: GenerateOptions, obs: Observation): OutbreakTruth[] {
  const T = days.dates.length;
  const n = Math.round(opts.outbreaksPerYear * opts.years);
  const busyUntil = new Int32Array(county.schools).fill(-1);
  const out: OutbreakTruth[] = [];
  for (let i = 0, tries = 0; out.length < n && tries < n * 50; tries++) {
    const disease = pickDisease(rng, opts.scenario.mix);
    const model = DISEASES[disease];
    const start = randInt(rng, 25, T - 40);
    const school = Math.floor(rng() * county.schools);
    if (busyUntil[school] >= start - 10) continue;
    // HFMD is a disease of small children; keep it out of middle schools.
    if (disease === 'hfmd' && county.kind[school] === 'middle') continue;
    const pointSource = disease === 'norovirus' && rng() < opts.scenario.pointSourceShare;
    const truth = simulate(rng, county, days, counts, model, school, start, pointSource, obs, i);
    busyUntil[school] = truth.end + 10;
    out.push(truth);
    i++;
  }
  return out;
}

/** Expected infectious days spent in school per case, used to turn R into a transmission rate. */
function attendedInfectiousDays(m: DiseaseModel): number {
  const symp = (m.symptomatic[0] + m.symptomatic[1]) / 2;
  const symptomatic = m.preSymptomatic + (1 - m.absentShare) * symp + m.absentShare * 0.5;
  const asymptomatic = 0.5 * (m.preSymptomatic + symp);
  return (5 / 7) * ((1 - m.asymptomaticShare) * symptomatic + m.asymptomaticShare * asymptomatic);
}

function simulate(
  rng: Random,
  county: County,
  days: SchoolDays,
  counts: Int32Array[],
  m: DiseaseModel,
  school: number,
  start: number,
  pointSource: boolean,
  obs: Observation,
  id: number,
): OutbreakTruth {
  const T = days.dates.length;
  const c0 = county.classStart[school];
  const c1 = county.classStart[school + 1];
  // Students of the school: class, grade, dorm (boarders only, 8 to a room within a grade).
  const cls: number[] = [];
  for (let c = c0; c < c1; c++) for (let k = 0; k < county.classSize[c]; k++) cls.push(c);
  const N = cls.length;
  const grade = Int32Array.from(cls.map((c) => county.classGrade[c]));
  const dorm = new Int32Array(N).fill(-1);
  let dorms = 0;
  if (county.boarding[school]) {
    const byGrade = new Map<number, number[]>();
    for (let p = 0; p < N; p++) if (rng() < 0.8) (byGrade.get(grade[p]) ?? byGrade.set(grade[p], []).get(grade[p])!).push(p);
    for (const list of byGrade.values()) {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [list[i], list[j]] = [list[j], list[i]];
      }
      for (let i = 0; i < list.length; i++) dorm[list[i]] = dorms + Math.floor(i / 8);
      dorms += Math.ceil(list.length / 8);
    }
  }
  const R = m.R[0] + rng() * (m.R[1] - m.R[0]);
  const beta = R / ((1 - m.immune) * attendedInfectiousDays(m));
  const [bc, bg, bs, bd] = [0.9 * beta, 0.07 * beta, 0.03 * beta, 0.3 * beta];

  // Natural history drawn at infection: [infectious from, to], onset, absence [from, to] (day numbers).
  const state = new Uint8Array(N); // 0 susceptible, 1 infected, 2 immune
  const infFrom = new Int32Array(N);
  const infTo = new Int32Array(N);
  const onset = new Int32Array(N).fill(-1);
  const absFrom = new Int32Array(N).fill(-1);
  const absTo = new Int32Array(N).fill(-1);
  for (let p = 0; p < N; p++) if (rng() < m.immune) state[p] = 2;
  const infected: number[] = [];
  const infect = (p: number, day: number) => {
    state[p] = 1;
    infected.push(p);
    const latent = randInt(rng, m.latent[0], m.latent[1]);
    const symp = randInt(rng, m.symptomatic[0], m.symptomatic[1]);
    infFrom[p] = day + latent;
    infTo[p] = day + latent + m.preSymptomatic + symp - 1;
    if (rng() >= m.asymptomaticShare) {
      onset[p] = day + latent + m.preSymptomatic;
      if (rng() < m.absentShare) {
        absFrom[p] = onset[p] + (rng() < 0.5 ? 0 : 1);
        absTo[p] = absFrom[p] + randInt(rng, m.absence[0], m.absence[1]) - 1;
      }
    }
  };
  const day0 = days.day[start];
  const indexClass = c0 + Math.floor(rng() * (c1 - c0));
  if (pointSource) {
    const share = 0.05 + rng() * 0.1;
    for (let p = 0; p < N; p++) if (state[p] === 0 && rng() < share) infect(p, day0 - 1);
  } else {
    const members = cls.map((c, p) => (c === indexClass ? p : -1)).filter((p) => p >= 0);
    // The index case was infected outside school and is infectious from the outbreak's first day.
    const p = members[Math.floor(rng() * members.length)];
    infect(p, day0 - m.latent[0]);
  }

  const nClass = new Float64Array(c1 - c0);
  const nGrade = new Float64Array(10);
  for (let p = 0; p < N; p++) {
    nClass[cls[p] - c0]++;
    nGrade[grade[p]]++;
  }
  const nDorm = new Float64Array(dorms);
  for (let p = 0; p < N; p++) if (dorm[p] >= 0) nDorm[dorm[p]]++;
  const iClass = new Float64Array(c1 - c0);
  const iGrade = new Float64Array(10);
  const iDorm = new Float64Array(dorms);
  const lastDay = days.day[T - 1];
  for (let d = day0; d <= lastDay; d++) {
    const t = days.nextSchoolDay(d);
    if (t >= T) break;
    const active = infected.some((p) => infTo[p] >= d || absTo[p] >= d);
    if (!active) break;
    if (days.day[t] !== d) continue; // no school, no school transmission
    iClass.fill(0);
    iGrade.fill(0);
    iDorm.fill(0);
    let iSchool = 0;
    for (const p of infected) {
      if (d < infFrom[p] || d > infTo[p] || (absFrom[p] >= 0 && d >= absFrom[p] && d <= absTo[p])) continue;
      const w = onset[p] < 0 ? 0.5 : 1;
      iClass[cls[p] - c0] += w;
      iGrade[grade[p]] += w;
      iSchool += w;
      if (dorm[p] >= 0) iDorm[dorm[p]] += w;
    }
    if (iSchool === 0) continue;
    for (let p = 0; p < N; p++) {
      if (state[p] !== 0) continue;
      let force = bc * (iClass[cls[p] - c0] / nClass[cls[p] - c0]) + bg * (iGrade[grade[p]] / nGrade[grade[p]]) + bs * (iSchool / N);
      if (dorm[p] >= 0) force += bd * (iDorm[dorm[p]] / nDorm[dorm[p]]);
      if (force > 0 && rng() < 1 - Math.exp(-force)) infect(p, d);
    }
  }
  return observe(rng, counts, T, days, m, school, indexClass, pointSource, R, obs, id, { cls, dorm, onset, absFrom, infected, start });
}

interface SimResult {
  cls: number[];
  dorm: Int32Array;
  onset: Int32Array;
  absFrom: Int32Array;
  infected: number[];
  start: number;
}

/** Turns cases into reported events (with noise) added to the counts, and records the truth. */
function observe(
  rng: Random,
  counts: Int32Array[],
  T: number,
  days: SchoolDays,
  m: DiseaseModel,
  school: number,
  indexClass: number,
  pointSource: boolean,
  R: number,
  obs: Observation,
  id: number,
  sim: SimResult,
): OutbreakTruth {
  const { cls, dorm, onset, absFrom, infected } = sim;
  let firstAbsence = T;
  let first = T;
  let end = sim.start;
  const perDay = new Map<number, number>();
  const classes = new Set<number>();
  // Noise-free counts per class and per dorm for the regulatory rule, keyed by unit.
  const trueCounts = new Map<string, Int32Array>();
  const addTrue = (key: string, t: number) => {
    let a = trueCounts.get(key);
    if (!a) trueCounts.set(key, (a = new Int32Array(T)));
    a[t]++;
  };
  let size = 0;
  for (const p of infected) {
    if (onset[p] < 0) continue;
    const tOnset = days.nextSchoolDay(onset[p]);
    if (tOnset >= T) continue;
    size++;
    classes.add(cls[p]);
    addTrue(`c${cls[p]}`, tOnset);
    if (dorm[p] >= 0) addTrue(`d${dorm[p]}`, tOnset);
    first = Math.min(first, tOnset);
    perDay.set(tOnset, (perDay.get(tOnset) ?? 0) + 1);
    let reported = -1;
    if (absFrom[p] >= 0) {
      const tAbs = days.nextSchoolDay(absFrom[p]);
      firstAbsence = Math.min(firstAbsence, tAbs);
      end = Math.max(end, tAbs);
      // Attending on the onset day: a check may catch the symptoms before the absence starts.
      reported = days.day[tOnset] === onset[p] && tAbs > tOnset && rng() < obs.caught ? tOnset : tAbs;
    } else if (rng() < obs.caught) {
      reported = tOnset;
      end = Math.max(end, tOnset);
    }
    if (reported < 0) continue;
    const u = rng();
    if (u < obs.missing) continue;
    if (u < obs.missing + obs.late) reported++;
    if (reported >= T) continue;
    let syn: number = m.syndrome;
    if (rng() < obs.mislabel) syn = (syn + 1 + Math.floor(rng() * 2)) % 3;
    counts[syn][cls[p] * T + reported]++;
  }
  let ruleDay = -1;
  const rule = DEFAULT_RULE_SET.cluster;
  for (const a of trueCounts.values()) {
    const fired = clusterRuleSeries(a, rule).indexOf(1);
    if (fired >= 0 && (ruleDay < 0 || fired < ruleDay)) ruleDay = fired;
  }
  let peak = first;
  for (const [t, k] of perDay) if (k > (perDay.get(peak) ?? 0)) peak = t;
  return {
    id,
    disease: m.code,
    syndrome: m.syndrome,
    school,
    indexClass,
    pointSource,
    R,
    start: Math.min(first, firstAbsence, sim.start),
    firstAbsence: firstAbsence < T ? firstAbsence : first,
    peak,
    end: Math.max(end, first),
    ruleDay,
    classes: [...classes].sort((a, b) => a - b),
    size,
    infections: infected.length,
  };
}
