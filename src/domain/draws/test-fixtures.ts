// Synthetic eligible lists for the draw tests (seeded, no clock).
import { createHash } from 'node:crypto';
import type { EligibleSchool } from './input';

export function testSeed(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

import { mulberry32 } from '../random/prng';

export { mulberry32 };

const TYPES = ['primary', 'junior', 'senior', 'kindergarten', 'vocational'];

export function makeSchools(count: number, counties: number, types: number, seed: number, drawDate = '2022-05-09'): EligibleSchool[] {
  const rnd = mulberry32(seed);
  const base = Date.UTC(2022, 4, 9) - (Date.parse(`${drawDate}T00:00:00Z`) - Date.parse('2022-05-09T00:00:00Z'));
  return Array.from({ length: count }, (_, i) => {
    const r = rnd();
    const lastDrawnOn = r < 0.3 ? null : new Date(base - Math.floor(rnd() * 40) * 86_400_000).toISOString().slice(0, 10);
    return {
      id: `S${String(i).padStart(4, '0')}`,
      county: `4101${String(2 + Math.floor(rnd() * counties)).padStart(2, '0')}`,
      schoolType: TYPES[Math.floor(rnd() * types)],
      lastDrawnOn,
    };
  });
}
