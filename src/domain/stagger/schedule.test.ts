import { describe, expect, it } from 'vitest';
import { StaggerError } from './errors';
import { scheduleStaggered } from './schedule';
import { mulberry32, syntheticSchool } from './synthetic';
import { PHASES, type Phase, type StaggerRequest, type StaggerSchedule } from './types';

/** Checks a schedule against the request from scratch: the properties the solver promises. */
function checkSchedule(req: StaggerRequest, s: StaggerSchedule): void {
  expect(s.classes.map((c) => c.classId)).toEqual(req.classes.map((c) => c.id));
  const rules = req.rules ?? {};
  const siblingPhases = rules.siblingPhases ?? ['arrival', 'departure'];
  const separatePhases = rules.separatePhases ?? PHASES;
  const apart = (g: number) => rules.separateGrades === 'all' || (rules.separateGrades ?? []).includes(g);
  for (const phase of PHASES) {
    const caps = new Map(
      phase === 'dining' ? req.canteenAreas.map((a) => [a.id, a.seatsPerSlot]) : req.gates.map((g) => [g.id, g.capacityPerSlot]),
    );
    const load = new Map<string, number>();
    const gradesInSlot = new Map<number, Set<number>>();
    req.classes.forEach((c, i) => {
      const p = s.classes[i][phase];
      expect(caps.has(p.resourceId)).toBe(true);
      const key = `${p.slot}|${p.resourceId}`;
      load.set(key, (load.get(key) ?? 0) + c.size);
      gradesInSlot.set(p.slot, new Set([...(gradesInSlot.get(p.slot) ?? []), c.grade]));
    });
    for (const [key, students] of load) expect(students).toBeLessThanOrEqual(caps.get(key.split('|')[1])!);
    if (separatePhases.includes(phase)) {
      for (const grades of gradesInSlot.values()) if ([...grades].some(apart)) expect(grades.size).toBe(1);
    }
    if (siblingPhases.includes(phase)) {
      const index = new Map(req.classes.map((c, i) => [c.id, i]));
      for (const [a, b] of req.siblingLinks ?? []) expect(s.classes[index.get(a)!][phase].slot).toBe(s.classes[index.get(b)!][phase].slot);
    }
    const report = s.phases[phase];
    expect([...gradesInSlot.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: report.slotsUsed }, (_, t) => t));
    expect(report.slotsUsed).toBeGreaterThanOrEqual(report.lowerBound);
  }
}

function randomSchool(seed: number): StaggerRequest {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const req = syntheticSchool({
    classes: 3 + Math.floor(rnd() * 60),
    grades: 1 + Math.floor(rnd() * 6),
    gates: Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => 45 + Math.floor(rnd() * 200)),
    areas: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => 45 + Math.floor(rnd() * 500)),
    siblingLinks: Math.floor(rnd() * 8),
    separateGrades: pick<number[] | 'all'>([[], [], [1], [1, 6], 'all']),
    seed,
  });
  // Now and then a link that crosses a separated grade, or an oversized class: inputs that must be refused.
  if (rnd() < 0.1 && req.classes.length > 1) req.siblingLinks!.push([req.classes[0].id, req.classes[req.classes.length - 1].id]);
  if (rnd() < 0.1) req.classes[Math.floor(rnd() * req.classes.length)].size = 60 + Math.floor(rnd() * 500);
  return req;
}

describe('scheduleStaggered on random schools', () => {
  it('never exceeds a capacity, keeps siblings together and grades apart, or refuses with a valid reason', () => {
    const seen = new Map<string, number>();
    for (let seed = 1; seed <= 250; seed++) {
      const req = randomSchool(seed);
      let schedule: StaggerSchedule | null = null;
      try {
        schedule = scheduleStaggered(req, { restarts: 20 });
      } catch (e) {
        if (!(e instanceof StaggerError)) throw e;
        seen.set(e.code, (seen.get(e.code) ?? 0) + 1);
        const d = e.details as { phase: Phase; size: number; largest: number; classes: string[]; students: number };
        if (e.code === 'stagger.class_exceeds_capacity') {
          const caps = d.phase === 'dining' ? req.canteenAreas.map((a) => a.seatsPerSlot) : req.gates.map((g) => g.capacityPerSlot);
          expect(d.size).toBeGreaterThan(Math.max(...caps));
        } else if (e.code === 'stagger.sibling_grade_conflict') {
          const grades = d.classes.map((id) => req.classes.find((c) => c.id === id)!.grade);
          expect(grades[0]).not.toBe(grades[1]);
        } else if (e.code === 'stagger.window_invalid') {
          expect(e.reason).toBe('past_midnight'); // tiny canteens: the day runs out of slots
        } else if (e.code !== 'stagger.sibling_group_too_large') {
          throw e;
        }
        continue;
      }
      seen.set('ok', (seen.get('ok') ?? 0) + 1);
      checkSchedule(req, schedule);
    }
    expect(seen.get('ok')).toBeGreaterThan(150);
    expect(seen.get('stagger.class_exceeds_capacity')).toBeGreaterThan(0);
  });

  it('holds the rules with separation in only some phases and siblings at dining too', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const req = syntheticSchool({ classes: 40, seed, siblingLinks: 6, separateGrades: [2] });
      req.rules = { separateGrades: [2], separatePhases: ['dining'], siblingPhases: ['arrival', 'departure', 'dining'] };
      req.siblingLinks = req.siblingLinks!.filter(([a, b]) => {
        const grade = (id: string) => req.classes.find((c) => c.id === id)!.grade;
        return grade(a) === grade(b) || (grade(a) !== 2 && grade(b) !== 2);
      });
      checkSchedule(req, scheduleStaggered(req));
    }
  });

  it('reaches the lower bound on the ordinary 120-class school', () => {
    const req = syntheticSchool({ classes: 120, seed: 1, siblingLinks: 15 });
    const s = scheduleStaggered(req);
    checkSchedule(req, s);
    for (const phase of PHASES) expect(s.phases[phase].gap).toBe(0);
  });
});
