import { describe, expect, it } from 'vitest';
import { overlappingShifts, shiftsOverlap } from './overlap';

const at = (h: number) => new Date(Date.UTC(2026, 10, 30, h));

describe('duty shift overlap', () => {
  it('treats shifts as half-open: back-to-back shifts do not overlap', () => {
    expect(shiftsOverlap({ startsAt: at(0), endsAt: at(8) }, { startsAt: at(8), endsAt: at(16) })).toBe(false);
    expect(shiftsOverlap({ startsAt: at(0), endsAt: at(9) }, { startsAt: at(8), endsAt: at(16) })).toBe(true);
    expect(shiftsOverlap({ startsAt: at(2), endsAt: at(3) }, { startsAt: at(0), endsAt: at(16) })).toBe(true);
  });

  it('finds overlaps per person only', () => {
    const shifts = [
      { accountId: 1, startsAt: at(0), endsAt: at(8) },
      { accountId: 2, startsAt: at(4), endsAt: at(12) },
      { accountId: 1, startsAt: at(7), endsAt: at(15) },
      { accountId: 1, startsAt: at(15), endsAt: at(20) },
    ];
    expect(overlappingShifts(shifts)).toEqual([[0, 2]]);
  });
});
