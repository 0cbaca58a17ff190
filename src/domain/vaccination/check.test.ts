import { describe, expect, it } from 'vitest';
import schedule from '../../../reference/immunisation-schedule.json';
import { ageInMonths, checkVaccination } from './check';

const FULL_AT_SIX = { HepB: 3, BCG: 1, Polio: 4, DTaP: 4, DT: 1, MMR: 2, JE: 2, MenA: 2, MenAC: 2, HepA: 1 };

describe('age in months', () => {
  it.each([
    ['2020-09-01', '2026-09-01', 72],
    ['2020-09-02', '2026-09-01', 71],
    ['2020-01-31', '2020-02-29', 1],
    ['2020-01-31', '2020-02-28', 0],
  ])('%s on %s → %d', (birth, on, months) => {
    expect(ageInMonths(birth, on)).toBe(months);
  });
});

describe('the school-entry check against the national schedule', () => {
  it('a six-year-old with every dose is complete', () => {
    expect(checkVaccination(schedule, '2020-08-15', '2026-09-01', FULL_AT_SIX)).toMatchObject({ ageMonths: 72, complete: true, missing: [] });
  });

  it('a six-year-old without the second MMR and the school-age boosters lacks exactly those', () => {
    const r = checkVaccination(schedule, '2020-08-15', '2026-09-01', { ...FULL_AT_SIX, MMR: 1, DT: 0, MenAC: 1 });
    expect(r.missing).toEqual([
      { code: 'DT', required: 1, received: 0, missing: 1 },
      { code: 'MMR', required: 2, received: 1, missing: 1 },
      { code: 'MenAC', required: 2, received: 1, missing: 1 },
    ]);
  });

  it('at kindergarten entry (3 years) the 4-year and 6-year doses are not yet due', () => {
    const r = checkVaccination(schedule, '2023-08-01', '2026-09-01', { HepB: 3, BCG: 1, Polio: 3, DTaP: 4, MMR: 2, JE: 2, MenA: 2, MenAC: 1, HepA: 1 });
    expect(r).toMatchObject({ ageMonths: 37, complete: true });
  });

  it('a record with nothing lists every vaccine', () => {
    expect(checkVaccination(schedule, '2020-08-15', '2026-09-01', {}).missing).toHaveLength(10);
  });
});
