/**
 * The pairing proposal: every school to one hospital, minimising total distance under hospital capacities,
 * keeping current pairings unless a change saves more than `marginMeters` per changed school.
 *
 * Speed without giving up exactness: the solver first sees only each school's k nearest hospitals (and its
 * current one). Its potentials then give LP dual values u (schools) and v ≥ 0 (hospitals); the solution is
 * optimal on the complete graph iff u_s − v_h ≤ cost(s, h) for every school–hospital pair, with equality on
 * the chosen pairs and v_h > 0 only at full hospitals (complementary slackness). We check every pair; any
 * pair that breaks it is added to the candidates and the problem solved again, until the check passes.
 */
import { PairingError } from './errors';
import { type AssignmentProblem, type AssignmentSolution, NoAugmentingPath, solveAssignment } from './min-cost-assignment';
import { type PairingModel, type PairingRequest, buildModel, cost, evaluate } from './model';

export interface ProposedPair {
  schoolId: string;
  hospitalId: string;
  distanceMeters: number;
  previousHospitalId: string | null;
  previousDistanceMeters: number | null;
  change: 'kept' | 'moved' | 'new';
}

export interface PairingProposal {
  pairs: ProposedPair[];
  totalDistanceMeters: number;
  kept: number;
  moved: number;
  added: number;
  hospitals: { hospitalId: string; capacity: number; load: number }[];
  ignoredCurrent: { schoolId: string; hospitalId: string }[];
  optimality: {
    /** The dual check passed on all school × hospital pairs: the proposal is optimal. */
    certified: boolean;
    solveRounds: number;
    candidateEdges: number;
    addedEdges: number;
  };
}

const DEFAULT_K = 16;

export function proposePairings(req: PairingRequest): PairingProposal {
  const m = buildModel(req);
  const k = Math.min(m.H, Math.max(1, Math.floor(req.candidatesPerSchool ?? DEFAULT_K)));
  const candidates = nearestCandidates(m, k);
  const { solution, rounds, addedEdges, edges } = solveCertified(m, candidates, k);

  const { schools, hospitals } = req;
  let kept = 0;
  let moved = 0;
  let added = 0;
  const load = new Int32Array(m.H);
  const pairs = schools.map((school, s): ProposedPair => {
    const h = solution.assigned[s];
    load[h]++;
    const prev = m.current[s];
    const change = prev < 0 ? 'new' : prev === h ? 'kept' : 'moved';
    if (change === 'kept') kept++;
    else if (change === 'moved') moved++;
    else added++;
    return {
      schoolId: school.id,
      hospitalId: hospitals[h].id,
      distanceMeters: m.dist[s * m.H + h],
      previousHospitalId: prev < 0 ? null : hospitals[prev].id,
      previousDistanceMeters: prev < 0 ? null : m.dist[s * m.H + prev],
      change,
    };
  });
  return {
    pairs,
    totalDistanceMeters: evaluate(m, solution.assigned).distance,
    kept,
    moved,
    added,
    hospitals: hospitals.map((h, i) => ({ hospitalId: h.id, capacity: h.capacity, load: load[i] })),
    ignoredCurrent: m.ignoredCurrent,
    optimality: { certified: true, solveRounds: rounds, candidateEdges: edges, addedEdges },
  };
}

/** Each school's k nearest hospitals plus its current hospital, as per-school sorted lists. */
export function nearestCandidates(m: PairingModel, k: number): number[][] {
  const keys = new Float64Array(m.H);
  const out: number[][] = [];
  for (let s = 0; s < m.S; s++) {
    for (let h = 0; h < m.H; h++) keys[h] = m.dist[s * m.H + h] * m.H + h;
    keys.sort();
    const list: number[] = [];
    for (let i = 0; i < k; i++) list.push(keys[i] % m.H);
    if (m.current[s] >= 0 && !list.includes(m.current[s])) list.push(m.current[s]);
    out.push(list);
  }
  return out;
}

function toProblem(m: PairingModel, candidates: number[][]): AssignmentProblem {
  const edgeStart = new Int32Array(m.S + 1);
  for (let s = 0; s < m.S; s++) edgeStart[s + 1] = edgeStart[s] + candidates[s].length;
  const edgeCol = new Int32Array(edgeStart[m.S]);
  const edgeCost = new Float64Array(edgeStart[m.S]);
  for (let s = 0; s < m.S; s++) {
    candidates[s].forEach((h, i) => {
      edgeCol[edgeStart[s] + i] = h;
      edgeCost[edgeStart[s] + i] = cost(m, s, h);
    });
  }
  return { rows: m.S, cols: m.H, capacity: m.capacity, edgeStart, edgeCol, edgeCost };
}

function solveCertified(m: PairingModel, candidates: number[][], k: number) {
  let rounds = 0;
  let addedEdges = 0;
  for (;;) {
    rounds++;
    let solution: AssignmentSolution;
    try {
      solution = solveAssignment(toProblem(m, candidates));
    } catch (e) {
      if (!(e instanceof NoAugmentingPath)) throw e;
      // Some school's candidates are all full with no way round: widen everyone's list and retry.
      if (k >= m.H) throw new PairingError('pairing.capacity_insufficient', 'hospitals', 'no feasible pairing');
      k = Math.min(m.H, k * 2);
      candidates = widen(m, candidates, k);
      continue;
    }
    const violations = dualViolations(m, solution);
    if (violations.length === 0) {
      return { solution, rounds, addedEdges, edges: candidates.reduce((n, c) => n + c.length, 0) };
    }
    for (const [s, h] of violations) candidates[s].push(h);
    addedEdges += violations.length;
    // Each round re-solves from scratch; after a few, widen every list too so rounds stay O(log H).
    if (rounds >= 4 && k < m.H) {
      k = Math.min(m.H, k * 2);
      candidates = widen(m, candidates, k);
    }
  }
}

function widen(m: PairingModel, candidates: number[][], k: number): number[][] {
  const wider = nearestCandidates(m, k);
  candidates.forEach((list, s) => {
    for (const h of list) if (!wider[s].includes(h)) wider[s].push(h);
  });
  return wider;
}

/**
 * Pairs (s, h) outside the candidates whose dual constraint fails. Failures on chosen pairs or hospitals
 * would mean a solver bug, and throw.
 */
export function dualViolations(m: PairingModel, sol: AssignmentSolution): [number, number][] {
  const v = new Float64Array(m.H);
  const load = new Int32Array(m.H);
  for (let s = 0; s < m.S; s++) load[sol.assigned[s]]++;
  for (let h = 0; h < m.H; h++) {
    v[h] = Math.max(0, sol.sinkPotential - sol.colPotential[h]);
    if (v[h] > 0 && load[h] < m.capacity[h]) throw new Error(`dual check: hospital ${h} priced but not full`);
    if (load[h] > m.capacity[h]) throw new Error(`dual check: hospital ${h} over capacity`);
  }
  const out: [number, number][] = [];
  for (let s = 0; s < m.S; s++) {
    const u = sol.sinkPotential - sol.rowPotential[s];
    const own = sol.assigned[s];
    if (u - v[own] !== cost(m, s, own)) throw new Error(`dual check: chosen pair of school ${s} not tight`);
    for (let h = 0; h < m.H; h++) if (u - v[h] > cost(m, s, h)) out.push([s, h]);
  }
  return out;
}
