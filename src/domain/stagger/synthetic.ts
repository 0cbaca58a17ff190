/** Seeded synthetic schools for tests and the benchmark (class sizes after Henan's 40–56 pupil classes). */
import type { StaggerRequest } from './types';

import { mulberry32 } from '../random/prng';

export { mulberry32 };

export interface SchoolOptions {
  classes: number;
  grades?: number;
  gates?: number[];
  areas?: number[];
  siblingLinks?: number;
  separateGrades?: number[] | 'all';
  seed: number;
}

export function syntheticSchool(o: SchoolOptions): StaggerRequest {
  const rnd = mulberry32(o.seed);
  const grades = o.grades ?? 6;
  const classes = Array.from({ length: o.classes }, (_, i) => {
    const grade = 1 + Math.floor((i * grades) / o.classes);
    return { id: `c${i + 1}`, name: `G${grade}-${i + 1}`, grade, size: 40 + Math.floor(rnd() * 17) };
  });
  const links: [string, string][] = [];
  for (let k = 0; k < (o.siblingLinks ?? 0); k++) {
    const a = classes[Math.floor(rnd() * classes.length)];
    const b = classes[Math.floor(rnd() * classes.length)];
    // Siblings across a separated grade would make the request infeasible; keep synthetic schools valid.
    const apart = (g: number) => o.separateGrades === 'all' || (o.separateGrades ?? []).includes(g);
    if (a !== b && (a.grade === b.grade || (!apart(a.grade) && !apart(b.grade)))) links.push([a.id, b.id]);
  }
  return {
    classes,
    siblingLinks: links,
    gates: (o.gates ?? [200, 200, 150, 150]).map((c, i) => ({ id: `gate-${i + 1}`, name: `Gate ${i + 1}`, capacityPerSlot: c })),
    canteenAreas: (o.areas ?? [900, 700, 500]).map((c, i) => ({
      id: `area-${i + 1}`,
      name: `Canteen ${String.fromCharCode(65 + i)}`,
      seatsPerSlot: c,
      seating: 'same direction',
    })),
    windows: {
      arrival: { start: '07:00', slotMinutes: 5 },
      departure: { start: '17:00', slotMinutes: 5 },
      dining: { start: '11:00', slotMinutes: 25 },
    },
    rules: { separateGrades: o.separateGrades ?? [] },
  };
}
