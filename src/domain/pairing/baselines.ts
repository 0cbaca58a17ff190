/** Baselines and a brute force, to measure the exact solver against (bench) and to test it (tests). */
import { type PairingModel, cost } from './model';

/** Schools in list order, each to its nearest hospital with room left: what a clerk does by hand. */
export function greedyInOrder(m: PairingModel): Int32Array {
  const left = Int32Array.from(m.capacity);
  const assigned = new Int32Array(m.S).fill(-1);
  for (let s = 0; s < m.S; s++) {
    let best = -1;
    for (let h = 0; h < m.H; h++) {
      if (left[h] > 0 && (best < 0 || m.dist[s * m.H + h] < m.dist[s * m.H + best])) best = h;
    }
    assigned[s] = best;
    left[best]--;
  }
  return assigned;
}

/** The shortest school–hospital pairs first, skipping full hospitals and paired schools. */
export function greedyShortestFirst(m: PairingModel): Int32Array {
  const n = m.S * m.H;
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) order[i] = m.dist[i] * n + i;
  order.sort();
  const left = Int32Array.from(m.capacity);
  const assigned = new Int32Array(m.S).fill(-1);
  let paired = 0;
  for (let j = 0; j < n && paired < m.S; j++) {
    const i = order[j] % n;
    const s = Math.floor(i / m.H);
    const h = i % m.H;
    if (assigned[s] >= 0 || left[h] === 0) continue;
    assigned[s] = h;
    left[h]--;
    paired++;
  }
  return assigned;
}

/** Every feasible assignment, by depth-first search: the true optimum of cost() for small instances. */
export function bruteForce(m: PairingModel): { assigned: Int32Array; cost: number; visited: number } {
  const left = Int32Array.from(m.capacity);
  const current = new Int32Array(m.S);
  let best = Number.POSITIVE_INFINITY;
  let bestAssigned = new Int32Array(m.S);
  let visited = 0;
  const walk = (s: number, acc: number) => {
    if (s === m.S) {
      visited++;
      if (acc < best) {
        best = acc;
        bestAssigned = Int32Array.from(current);
      }
      return;
    }
    for (let h = 0; h < m.H; h++) {
      if (left[h] === 0) continue;
      left[h]--;
      current[s] = h;
      walk(s + 1, acc + cost(m, s, h));
      left[h]++;
    }
  };
  walk(0, 0);
  return { assigned: bestAssigned, cost: best, visited };
}

export function totalCost(m: PairingModel, assigned: ArrayLike<number>): number {
  let total = 0;
  for (let s = 0; s < m.S; s++) total += cost(m, s, assigned[s]);
  return total;
}
