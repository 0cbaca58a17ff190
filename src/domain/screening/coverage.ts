/** Coverage of a campaign over a unit: answered of population, as a whole percentage rounded down (100 only when complete). */
export function coveragePercent(answered: number, population: number): number {
  if (population === 0) return 100;
  return Math.floor((answered * 100) / population);
}
