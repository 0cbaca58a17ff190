import { describe, expect, it } from 'vitest';
import { daysOfCover, isLow } from './cover';

describe('days of cover', () => {
  it.each([
    [1400, 1400, 14, 14],
    [700, 1400, 14, 7],
    [100, 0, 14, null],
    [0, 140, 14, 0],
    [-5, 140, 14, 0],
    [10, 3, 14, 46.6],
  ])('stock %d, %d used in %d days → %s days', (stock, used, window, cover) => {
    expect(daysOfCover(stock, used, window)).toBe(cover);
  });

  it('low when below the minimum days or out of stock; never low with no use and stock left', () => {
    expect(isLow(6.9, 100, 7)).toBe(true);
    expect(isLow(7, 100, 7)).toBe(false);
    expect(isLow(null, 100, 7)).toBe(false);
    expect(isLow(null, 0, 7)).toBe(true);
  });
});
