/**
 * The draw: systematic PPS sampling (probability proportional to weight) over a line on which schools are
 * laid out stratum by stratum, in an order fixed by the seed. Why this and not a per-stratum quota:
 * - every school's chance of being drawn is exactly count × weight / total weight (certainty schools
 *   aside), which a fairness test can check;
 * - each stratum (county, and school type within county) is a contiguous stretch of the line, so it gets
 *   either the floor or the ceiling of its quota count × stratum weight / total weight — the largest-
 *   remainder allocation, with the leftover seats going to strata with probability equal to their
 *   remainders instead of always to the biggest strata (with 5 schools a day over ~100 strata a fixed
 *   largest-remainder rule would pick the same few strata every day).
 * See docs/draws.md for the exact steps an independent verifier follows.
 */
import { canonicalJson, sha256Hex } from './canonical';
import { assertCommitment, makeCommitment, seedBytes, streamInteger53, streamKey } from './commitment';
import { type CountLimits, DRAW_COUNT_LIMITS, type DrawInput, type EligibleSchool, normaliseDrawInput } from './input';
import { dayNumber, daysSinceDrawn, recencyWeight } from './weights';

export interface DrawRequest extends DrawInput {
  seed: string;
  /** When given, the seed must open it, or the draw is refused. */
  commitment?: string;
}

export interface DrawnSchool {
  rank: number;
  schoolId: string;
  county: string;
  schoolType: string;
  weight: number;
  daysSinceLastDrawn: number | null;
  stratum: string[];
  inclusionProbability: number;
  method: 'certainty' | 'systematic';
  /** The school's stretch [from, to) of the weight line (systematic only). */
  interval: [number, number] | null;
  /** Which of the equally spaced points hit it, and where (systematic only). */
  pointIndex: number | null;
  point: number | null;
  /** HMAC key that fixed the school's place inside its stratum. */
  orderKey: string;
  explanation: string;
}

export interface StratumSummary {
  /** Depth 1 = outermost field (county), depth 2 = county and school type. */
  depth: number;
  stratum: string[];
  schools: number;
  weight: number;
  /** Sum of inclusion probabilities: the stratum's expected share of the draw. */
  expected: number;
  drawn: number;
}

export interface DrawOutcome {
  drawId: string;
  kind: string;
  drawDate: string;
  count: number;
  commitment: string;
  inputHash: string;
  totalWeight: number;
  /** The integer U in [0, 2^53) that placed the first point, as a decimal string. */
  start: string;
  selected: DrawnSchool[];
  strata: StratumSummary[];
}

interface Entry {
  school: EligibleSchool;
  weight: number;
  daysSince: number | null;
  stratum: string[];
  sortKeys: string[];
}

const TWO_POW_53 = 2n ** 53n;

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

export function drawSchools(request: DrawRequest, limits: CountLimits = DRAW_COUNT_LIMITS): DrawOutcome {
  const key = seedBytes(request.seed);
  if (request.commitment !== undefined) assertCommitment(request.seed, request.commitment);
  const input = normaliseDrawInput({ params: request.params, schools: request.schools }, limits);
  const { params } = input;
  const drawDay = dayNumber(params.drawDate)!;

  const entries: Entry[] = input.schools.map((school, i) => {
    const daysSince = daysSinceDrawn(school.lastDrawnOn, drawDay, `schools[${i}].lastDrawnOn`);
    const stratum = params.stratifyBy.map((f) => school[f]);
    // One key per nesting level, then the school's own: strata and schools in seed-given order.
    const sortKeys = stratum.map((_, d) => streamKey(key, `stratum:${JSON.stringify(stratum.slice(0, d + 1))}`));
    sortKeys.push(streamKey(key, `school:${school.id}`));
    return { school, weight: recencyWeight(daysSince, params.weighting), daysSince, stratum, sortKeys };
  });
  const totalWeight = entries.reduce((s, e) => s + e.weight, 0);

  // Certainty: a school with count × weight ≥ remaining weight would be hit twice; take it outright.
  const certain: Entry[] = [];
  let rest = entries;
  let n = params.count;
  for (;;) {
    const w = rest.reduce((s, e) => s + e.weight, 0);
    const sure = rest.filter((e) => n * e.weight >= w);
    if (sure.length === 0 || n === 0) break;
    sure.sort((a, b) => b.weight - a.weight || (a.school.id < b.school.id ? -1 : 1));
    certain.push(...sure);
    n -= sure.length;
    rest = rest.filter((e) => !sure.includes(e));
  }

  const selected: DrawnSchool[] = certain.map((e, i) => ({
    ...describe(e, i + 1, 1, 'certainty'),
    explanation: `${weightText(e)}; drawn with certainty: its weight is at least the remaining total weight divided by the seats left`,
  }));

  const probability = new Map<Entry, number>(certain.map((e) => [e, 1]));
  const U = streamInteger53(key, 'start');
  if (n > 0) {
    rest = [...rest].sort((a, b) => compareKeys(a.sortKeys, b.sortKeys) || (a.school.id < b.school.id ? -1 : 1));
    const starts: number[] = [];
    let W = 0;
    for (const e of rest) {
      starts.push(W);
      W += e.weight;
    }
    const bigN = BigInt(n);
    const bigW = BigInt(W);
    for (const e of rest) probability.set(e, (n * e.weight) / W);
    for (let k = 0; k < n; k++) {
      // Point k sits at (U/2^53 + k) × W / n on the line; exact integer arithmetic decides the stretch.
      const scaled = (U + BigInt(k) * TWO_POW_53) * bigW;
      const pos = Number(scaled / (bigN * TWO_POW_53));
      const i = lastStartAtOrBefore(starts, pos);
      const e = rest[i];
      const point = (Number(U) / 2 ** 53 + k) * (W / n);
      const p = probability.get(e)!;
      selected.push({
        ...describe(e, selected.length + 1, p, 'systematic'),
        interval: [starts[i], starts[i] + e.weight],
        pointIndex: k,
        point,
        explanation:
          `${weightText(e)}; stratum ${e.stratum.join(' / ') || '(none)'}; occupies [${starts[i]}, ${starts[i] + e.weight}) ` +
          `of a line of ${W}; point ${k + 1} of ${n} at ${point.toFixed(3)} (spacing ${(W / n).toFixed(3)}) fell in it; ` +
          `chance of being drawn ${(p * 100).toFixed(2)}%`,
      });
    }
  }

  return {
    drawId: params.drawId,
    kind: params.kind,
    drawDate: params.drawDate,
    count: params.count,
    commitment: makeCommitment(request.seed),
    inputHash: sha256Hex(canonicalJson(input)),
    totalWeight,
    start: U.toString(),
    selected,
    strata: summariseStrata(entries, probability, new Set(selected.map((s) => s.schoolId)), params.stratifyBy.length),
  };
}

function lastStartAtOrBefore(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function weightText(e: Entry): string {
  const since = e.daysSince === null ? 'never drawn' : `last drawn ${e.daysSince} days before`;
  return `weight ${e.weight} (${since})`;
}

function describe(e: Entry, rank: number, p: number, method: DrawnSchool['method']): DrawnSchool {
  return {
    rank,
    schoolId: e.school.id,
    county: e.school.county,
    schoolType: e.school.schoolType,
    weight: e.weight,
    daysSinceLastDrawn: e.daysSince,
    stratum: e.stratum,
    inclusionProbability: p,
    method,
    interval: null,
    pointIndex: null,
    point: null,
    orderKey: e.sortKeys[e.sortKeys.length - 1],
    explanation: '',
  };
}

function summariseStrata(entries: Entry[], probability: Map<Entry, number>, drawn: Set<string>, depth: number): StratumSummary[] {
  const out = new Map<string, StratumSummary>();
  for (const e of entries) {
    for (let d = 1; d <= depth; d++) {
      const stratum = e.stratum.slice(0, d);
      const id = JSON.stringify(stratum);
      let s = out.get(id);
      if (!s) out.set(id, (s = { depth: d, stratum, schools: 0, weight: 0, expected: 0, drawn: 0 }));
      s.schools += 1;
      s.weight += e.weight;
      s.expected += probability.get(e) ?? 0;
      if (drawn.has(e.school.id)) s.drawn += 1;
    }
  }
  return [...out.values()].sort((a, b) => a.depth - b.depth || compareKeys(a.stratum, b.stratum));
}
