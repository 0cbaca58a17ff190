/**
 * Lower bounds on the number of slots any timetable needs for a set of classes, when each slot offers
 * resources (gates or canteen areas) with the given capacities and a class must fit in one resource:
 * - volume: all students ÷ capacity of one slot;
 * - count: classes ÷ the most classes one slot can hold (each resource filled with the smallest classes);
 * - large classes: classes bigger than t can only use resources bigger than t, for every capacity t.
 * - small-class scarcity: see countFits below.
 * The largest of these holds for any timetable. With grades kept apart, slots of a separated grade hold
 * nothing else, so the bounds of the blocks add up.
 */
export function lowerBoundSlots(sizes: readonly number[], capacities: readonly number[]): number {
  if (sizes.length === 0) return 0;
  const slotCapacity = capacities.reduce((a, b) => a + b, 0);
  const volume = Math.ceil(sizes.reduce((a, b) => a + b, 0) / slotCapacity);

  const ascending = [...sizes].sort((a, b) => a - b);
  let perSlot = 0;
  for (const cap of capacities) {
    let used = 0;
    let n = 0;
    while (n < ascending.length && used + ascending[n] <= cap) used += ascending[n++];
    perSlot += n;
  }
  const count = perSlot === 0 ? Number.POSITIVE_INFINITY : Math.ceil(sizes.length / perSlot);

  let large = 0;
  for (const t of new Set(capacities)) {
    const room = capacities.filter((c) => c > t).reduce((a, b) => a + b, 0);
    const big = sizes.filter((s) => s > t);
    if (big.length === 0) continue;
    const need = room === 0 ? Number.POSITIVE_INFINITY : Math.ceil(big.reduce((a, b) => a + b, 0) / room);
    large = Math.max(large, need);
  }
  let bound = Math.max(1, volume, count, large);
  if (!Number.isFinite(bound)) return bound;
  while (!countFits(sizes, capacities, bound)) bound++;
  return bound;
}

/**
 * Can `slots` slots hold as many classes as there are, as far as counting shows? For a threshold t, call a
 * class small if its size ≤ t. A resource of capacity c holding q small classes holds at most g_c(q)
 * classes: the q smallest small ones, then the smallest large ones while they fit. Every class sits in
 * some resource and the small ones are shared out, so the best split of the small classes over all
 * slot × resource places must reach the number of classes (found by a knapsack over the places). E.g.
 * gates of 200 and 150 with classes of 40–56 hold 4 and 3 classes unless five classes of exactly 40 share
 * a 200 gate; the volume bound misses that.
 */
export function countFits(sizes: readonly number[], capacities: readonly number[], slots: number): boolean {
  const ascending = [...sizes].sort((a, b) => a - b);
  const thresholds = [Number.NEGATIVE_INFINITY, ...new Set(ascending)];
  for (const t of thresholds) {
    const small = ascending.filter((s) => s <= t);
    const large = ascending.filter((s) => s > t);
    // g[r][q]: most classes in resource r holding at most q small classes.
    const g = capacities.map((cap) => {
      const row: number[] = [];
      for (let q = 0; q <= small.length; q++) {
        let used = 0;
        let n = 0;
        for (let i = 0; i < q && used + small[i] <= cap; i++, n++) used += small[i];
        for (let i = 0; i < large.length && used + large[i] <= cap; i++, n++) used += large[i];
        row.push(n);
        if (q > 0 && row[q] === row[q - 1] && n < q) break; // more small classes no longer fit
      }
      return row;
    });
    // Knapsack over every place (resource × slot): best[j] = most classes using j small classes.
    let best = new Array<number>(small.length + 1).fill(Number.NEGATIVE_INFINITY);
    best[0] = 0;
    for (let k = 0; k < slots; k++) {
      for (const row of g) {
        const next = [...best];
        for (let j = 0; j <= small.length; j++) {
          if (best[j] === Number.NEGATIVE_INFINITY) continue;
          for (let q = 0; q < row.length && j + q <= small.length; q++) next[j + q] = Math.max(next[j + q], best[j] + row[q]);
        }
        best = next;
      }
      if (Math.max(...best) >= sizes.length) break;
    }
    if (Math.max(...best) < sizes.length) return false;
  }
  return true;
}
