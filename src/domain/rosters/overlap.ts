/**
 * Duty rosters (值班值守): one person cannot hold two shifts at the same time. Shifts are half-open
 * intervals [start, end), so a shift ending at 08:00 and the next starting at 08:00 do not overlap.
 */
export interface Shift {
  accountId: number;
  startsAt: Date;
  endsAt: Date;
}

export function shiftsOverlap(a: Pick<Shift, 'startsAt' | 'endsAt'>, b: Pick<Shift, 'startsAt' | 'endsAt'>): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Index pairs [i, j] (i < j) of shifts that give one person two places at once, including the new ones among themselves. */
export function overlappingShifts(shifts: Shift[]): [number, number][] {
  const out: [number, number][] = [];
  const order = shifts.map((s, i) => ({ s, i })).sort((x, y) => x.s.accountId - y.s.accountId || x.s.startsAt.getTime() - y.s.startsAt.getTime());
  for (let a = 0; a < order.length; a++) {
    for (let b = a + 1; b < order.length && order[b].s.accountId === order[a].s.accountId; b++) {
      if (order[b].s.startsAt.getTime() >= order[a].s.endsAt.getTime()) break;
      out.push([Math.min(order[a].i, order[b].i), Math.max(order[a].i, order[b].i)]);
    }
  }
  return out;
}

/** Longest shift we accept: a 24-hour duty plus handover. */
export const MAX_SHIFT_HOURS = 26;
