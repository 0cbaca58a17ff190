/**
 * Exact minimum-cost assignment of rows (schools) to columns (hospitals) with column capacities, on a
 * sparse set of allowed edges with integer costs. It is min-cost flow source → row → column → sink,
 * solved by successive shortest paths: rows are added one at a time and each is routed along a shortest
 * augmenting path (Dijkstra on reduced costs with node potentials, stopped as soon as the sink is
 * reached). After each row the assignment of the rows placed so far is optimal for them, so the final one
 * is optimal.
 *
 * Potentials are returned because they are a dual certificate: the caller checks them against edges the
 * solver was not shown (see propose.ts) to prove optimality on the complete graph.
 */
import { MinHeap } from './heap';

export interface AssignmentProblem {
  rows: number;
  cols: number;
  capacity: ArrayLike<number>;
  /** Allowed edges in compressed rows: row r owns edges edgeStart[r] .. edgeStart[r + 1] − 1. */
  edgeStart: Int32Array;
  edgeCol: Int32Array;
  /** Integer costs (exact in float64); negative costs are allowed. */
  edgeCost: Float64Array;
}

export interface AssignmentSolution {
  assigned: Int32Array;
  assignedCost: Float64Array;
  /** Node potentials (rows, then columns, then the sink) for the dual certificate. */
  rowPotential: Float64Array;
  colPotential: Float64Array;
  sinkPotential: number;
  stats: { popped: number; relaxed: number };
}

/** Thrown when the allowed edges leave some row with no route to spare capacity. */
export class NoAugmentingPath extends Error {
  constructor(readonly row: number) {
    super(`no augmenting path for row ${row}`);
  }
}

export function solveAssignment(p: AssignmentProblem): AssignmentSolution {
  const R = p.rows;
  const C = p.cols;
  const T = R + C;
  const N = T + 1;
  // Only differences of potentials matter. The textbook update adds min(dist, D) to every node; we add
  // min(dist, D) − D instead, which changes no difference and touches only the nodes the search finalised.
  const pot = new Float64Array(N);
  const assigned = new Int32Array(R).fill(-1);
  const assignedCost = new Float64Array(R);
  const cap = new Int32Array(C);
  const colOffset = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) {
    cap[c] = Math.min(p.capacity[c], R);
    colOffset[c + 1] = colOffset[c] + cap[c];
  }
  const members = new Int32Array(colOffset[C]);
  const memberCount = new Int32Array(C);
  const memberPos = new Int32Array(R);

  const dist = new Float64Array(N);
  const seen = new Int32Array(N);
  const done = new Int32Array(N);
  const prev = new Int32Array(N);
  const viaCost = new Float64Array(N);
  const finalized: number[] = [];
  const heap = new MinHeap();
  let stamp = 0;
  let popped = 0;
  let relaxed = 0;

  const relax = (node: number, d: number, from: number, cost: number) => {
    relaxed++;
    if (seen[node] !== stamp || d < dist[node]) {
      seen[node] = stamp;
      dist[node] = d;
      prev[node] = from;
      viaCost[node] = cost;
      heap.push(d, node);
    }
  };

  const place = (row: number, to: number, cost: number) => {
    memberPos[row] = memberCount[to];
    members[colOffset[to] + memberCount[to]++] = row;
    assigned[row] = to;
    assignedCost[row] = cost;
  };

  // Warm start: with all potentials 0, a row on its cheapest edge has reduced cost 0 and every other edge
  // ≥ 0, so rows whose cheapest column still has room can take it without any search.
  for (let r = 0; r < R; r++) {
    let best = -1;
    for (let e = p.edgeStart[r]; e < p.edgeStart[r + 1]; e++) if (best < 0 || p.edgeCost[e] < p.edgeCost[best]) best = e;
    if (best < 0) throw new NoAugmentingPath(r);
    const c = p.edgeCol[best];
    if (memberCount[c] < cap[c]) {
      place(r, c, p.edgeCost[best]);
      pot[r] = -p.edgeCost[best];
    }
  }

  for (let r = 0; r < R; r++) {
    if (assigned[r] >= 0) continue;
    const e0 = p.edgeStart[r];
    const e1 = p.edgeStart[r + 1];
    // The new row's potential makes its cheapest reduced edge exactly 0 and none negative.
    let best = Number.NEGATIVE_INFINITY;
    for (let e = e0; e < e1; e++) best = Math.max(best, pot[R + p.edgeCol[e]] - p.edgeCost[e]);
    pot[r] = best;

    stamp++;
    heap.clear();
    finalized.length = 0;
    seen[r] = stamp;
    dist[r] = 0;
    prev[r] = -1;
    heap.push(0, r);
    let D = -1;
    while (heap.size > 0) {
      const d = heap.peekKey();
      const v = heap.popNode();
      if (done[v] === stamp || d > dist[v]) continue;
      done[v] = stamp;
      finalized.push(v);
      popped++;
      if (v === T) {
        D = d;
        break;
      }
      if (v < R) {
        const own = assigned[v];
        for (let e = p.edgeStart[v], end = p.edgeStart[v + 1]; e < end; e++) {
          const c = p.edgeCol[e];
          if (c === own) continue;
          const node = R + c;
          if (done[node] === stamp) continue;
          relax(node, d + p.edgeCost[e] + pot[v] - pot[node], v, p.edgeCost[e]);
        }
      } else {
        const c = v - R;
        for (let i = colOffset[c], end = colOffset[c] + memberCount[c]; i < end; i++) {
          const m = members[i];
          if (done[m] === stamp) continue;
          relax(m, d - assignedCost[m] + pot[v] - pot[m], v, 0);
        }
        if (memberCount[c] < cap[c]) relax(T, d + pot[v] - pot[T], v, 0);
      }
    }
    if (D < 0) throw new NoAugmentingPath(r);

    for (const v of finalized) pot[v] -= D - dist[v];

    // Walk the path back from the sink: each row on it moves to the column that follows it.
    let colNode = prev[T];
    for (;;) {
      const row = prev[colNode];
      const to = colNode - R;
      const from = assigned[row];
      if (from >= 0) {
        const last = members[colOffset[from] + --memberCount[from]];
        members[colOffset[from] + memberPos[row]] = last;
        memberPos[last] = memberPos[row];
      }
      place(row, to, viaCost[colNode]);
      if (row === r) break;
      colNode = R + from;
    }
  }

  return {
    assigned,
    assignedCost,
    rowPotential: pot.slice(0, R),
    colPotential: pot.slice(R, T),
    sinkPotential: pot[T],
    stats: { popped, relaxed },
  };
}
