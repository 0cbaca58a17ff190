/**
 * Packing sibling groups of classes into slots, each slot offering the same resources (gates or canteen
 * areas) with fixed capacities; a class uses one resource, a group shares one slot. This is bin packing
 * with multi-resource bins, NP-hard in general, so: first-fit and best-fit decreasing, then seeded
 * restarts with perturbed orders and a pass that tries to empty the lightest slot, stopping as soon as
 * the lower bound is met. The caller reports the bound and the gap.
 */
export interface PackGroup {
  /** Class indices and sizes, largest first. */
  items: number[];
  sizes: number[];
  total: number;
}

export interface PackedSlot {
  remaining: number[];
  entries: { item: number; resource: number }[];
  groups: PackGroup[];
}

const SEARCH_LIMIT = 20_000;
const REPACK_LIMIT = 2_000;

/**
 * Resources for each of `sizes` (largest first) inside the remaining capacities: tightest resource first,
 * backtracking, equal rooms tried once. Exact unless the search budget runs out (then null).
 */
export function fitSizes(sizes: readonly number[], remaining: readonly number[], budget = SEARCH_LIMIT): number[] | null {
  const left = [...remaining];
  const order = left.map((_, r) => r);
  const choice = new Array<number>(sizes.length);
  const place = (i: number): boolean => {
    if (i === sizes.length) return true;
    if (--budget < 0) return false;
    const size = sizes[i];
    const tried = new Set<number>();
    for (const r of [...order].sort((a, b) => left[a] - left[b])) {
      if (left[r] < size || tried.has(left[r])) continue;
      tried.add(left[r]);
      left[r] -= size;
      choice[i] = r;
      if (place(i + 1)) return true;
      left[r] += size;
    }
    return false;
  };
  return place(0) ? choice : null;
}

export function fitGroup(group: PackGroup, remaining: readonly number[]): number[] | null {
  return fitSizes(group.sizes, remaining);
}

/**
 * Puts a group into a slot: first around the classes already there; failing that, by re-packing every
 * class of the slot together with the group (a group fixes the slot, not the gate), within a small budget.
 */
function placeInSlot(slot: PackedSlot, group: PackGroup, capacities: readonly number[], repack: boolean): boolean {
  const free = slot.remaining.reduce((a, b) => a + b, 0);
  if (free < group.total) return false;
  const quick = fitGroup(group, slot.remaining);
  if (quick) {
    addToSlot(slot, group, quick);
    return true;
  }
  if (!repack) return false;
  const groups = [...slot.groups, group];
  const items = groups.flatMap((g) => g.items.map((item, i) => ({ item, size: g.sizes[i] }))).sort((a, b) => b.size - a.size);
  const fit = fitSizes(
    items.map((x) => x.size),
    capacities,
    REPACK_LIMIT,
  );
  if (!fit) return false;
  slot.remaining = [...capacities];
  slot.entries = [];
  items.forEach((x, i) => {
    slot.remaining[fit[i]] -= x.size;
    slot.entries.push({ item: x.item, resource: fit[i] });
  });
  slot.groups = groups;
  return true;
}

function addToSlot(slot: PackedSlot, group: PackGroup, resources: number[]): void {
  group.items.forEach((item, i) => {
    slot.remaining[resources[i]] -= group.sizes[i];
    slot.entries.push({ item, resource: resources[i] });
  });
  slot.groups.push(group);
}

function newSlot(capacities: readonly number[]): PackedSlot {
  return { remaining: [...capacities], entries: [], groups: [] };
}

function greedy(order: readonly PackGroup[], capacities: readonly number[], rule: 'first' | 'best'): PackedSlot[] {
  const slots: PackedSlot[] = [];
  for (const group of order) {
    const free = (s: PackedSlot) => s.remaining.reduce((a, b) => a + b, 0);
    // First fit: slots in order. Best fit: the slot the group would leave with the least room.
    const candidates = rule === 'first' ? slots : [...slots].sort((a, b) => free(a) - free(b));
    if (candidates.some((slot) => placeInSlot(slot, group, capacities, false))) continue;
    const slot = newSlot(capacities);
    if (!placeInSlot(slot, group, capacities, false)) throw new Error('pack: a group does not fit an empty slot (callers check this first)');
    slots.push(slot);
  }
  return slots;
}

/** Tries to move every group of the lightest slot into the others; returns the shorter packing or null. */
function emptyLightestSlot(slots: PackedSlot[], capacities: readonly number[], repack: boolean): PackedSlot[] | null {
  const load = (s: PackedSlot) => s.groups.reduce((a, g) => a + g.total, 0);
  const lightest = slots.reduce((a, b) => (load(b) < load(a) ? b : a));
  const others = slots.filter((s) => s !== lightest).map((s) => rebuild(s, capacities));
  for (const group of [...lightest.groups].sort((a, b) => b.total - a.total)) {
    const placed = [...others].sort((a, b) => load(b) - load(a)).some((slot) => placeInSlot(slot, group, capacities, repack));
    if (!placed) return null;
  }
  return others;
}

function rebuild(original: PackedSlot, capacities: readonly number[]): PackedSlot {
  // Refit from scratch (largest group first) so resources suit the slot's contents; keep the original
  // layout in the rare case the refit order does not fit.
  const slot = newSlot(capacities);
  for (const g of [...original.groups].sort((a, b) => b.total - a.total)) {
    const f = fitGroup(g, slot.remaining);
    if (!f) return { remaining: [...original.remaining], entries: [...original.entries], groups: [...original.groups] };
    addToSlot(slot, g, f);
  }
  return slot;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PackOptions {
  lowerBound: number;
  /** Perturbed restarts after the two greedy passes. Default 200. */
  restarts?: number;
  seed?: number;
}

export function packGroups(groups: readonly PackGroup[], capacities: readonly number[], opts: PackOptions): PackedSlot[] {
  if (groups.length === 0) return [];
  const decreasing = [...groups].sort((a, b) => b.total - a.total || b.sizes[0] - a.sizes[0]);
  let best = greedy(decreasing, capacities, 'first');
  const consider = (candidate: PackedSlot[]) => {
    if (candidate.length < best.length) best = candidate;
  };
  // Emptying the lightest slot with full re-packing of the receiving slots is the strong but costly move:
  // it runs on the greedy results and on the final best; restarts use the cheap variant.
  const tighten = (repack: boolean) => {
    for (let shorter = emptyLightestSlot(best, capacities, repack); shorter; shorter = emptyLightestSlot(best, capacities, repack)) {
      best = shorter;
      if (best.length <= opts.lowerBound) return;
    }
  };
  if (best.length > opts.lowerBound) consider(greedy(decreasing, capacities, 'best'));
  if (best.length > opts.lowerBound) tighten(true);
  const rnd = mulberry32(opts.seed ?? 1);
  const restarts = opts.restarts ?? 200;
  for (let r = 0; r < restarts && best.length > opts.lowerBound; r++) {
    const noise = 0.1 + 0.4 * rnd();
    const order = decreasing
      .map((g) => ({ g, key: g.total * (1 + noise * rnd()) }))
      .sort((a, b) => b.key - a.key)
      .map((x) => x.g);
    const before = best;
    consider(greedy(order, capacities, r % 2 === 0 ? 'first' : 'best'));
    if (best.length > opts.lowerBound) tighten(false);
    if (best !== before && best.length > opts.lowerBound) tighten(true);
  }
  return best;
}
