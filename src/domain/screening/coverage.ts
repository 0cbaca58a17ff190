/**
 * Coverage of a campaign over a unit: answered of population as a percentage with one decimal, rounded
 * normally (1 of 447 is 0.2, not 0), but 100 only when complete (a 99.96 shows as 99.9).
 */
export function coveragePercent(answered: number, population: number): number {
  if (population === 0) return 100;
  const percent = Math.round((answered * 1000) / population) / 10;
  return answered < population ? Math.min(percent, 99.9) : percent;
}
