/**
 * Days of cover: how long the stock lasts at the recent rate of use. The rate is the mean daily
 * consumption over a window (default 14 days, counting days with no use), so a quiet weekend does
 * not make a store look full; with no use at all the stock lasts indefinitely (null).
 */
export type SupplyItem = 'mask' | 'thermometer' | 'disinfectant' | 'test_kit';
export const SUPPLY_ITEMS: readonly SupplyItem[] = ['mask', 'thermometer', 'disinfectant', 'test_kit'];

export function daysOfCover(stock: number, consumedInWindow: number, windowDays = 14): number | null {
  if (windowDays <= 0) throw new RangeError('windowDays must be positive');
  const perDay = consumedInWindow / windowDays;
  if (perDay <= 0) return null;
  return Math.floor((Math.max(0, stock) / perDay) * 10) / 10;
}

export function isLow(cover: number | null, stock: number, minDays: number): boolean {
  if (stock <= 0) return true;
  return cover !== null && cover < minDays;
}
