// Synthetic eligible lists for the draw tests (seeded, no clock).
import { createHash } from 'node:crypto';
import type { EligibleSchool } from './input';

export function testSeed(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

/** A small deterministic PRNG (mulberry32) for building fixtures; draws themselves never use it. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
