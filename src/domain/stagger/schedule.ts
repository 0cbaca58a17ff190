/**
 * Staggered arrival, departure and dining for one school. Each phase is packed separately: classes into
 * slots × resources (gates, or canteen areas) so that no resource exceeds its capacity in any slot,
 * linked sibling classes share a slot, and separated grades have slots of their own; the number of slots
 * (the spread of times) is minimised heuristically and reported against a proven lower bound. Any
 * constraint that cannot be met raises a StaggerError naming it; no partial timetable is returned.
 */
import { lowerBoundSlots } from './bounds';
import { StaggerError } from './errors';
import { type PackGroup, type PackedSlot, fitGroup, packGroups } from './pack';
import { PHASES, type Phase, type PhaseReport, type Placement, type StaggerRequest, type StaggerSchedule } from './types';
import { type ValidRequest, formatClock, validateRequest } from './validate';

export function scheduleStaggered(req: StaggerRequest, options: { restarts?: number } = {}): StaggerSchedule {
  const v = validateRequest(req);
  const placements = v.classes.map(() => ({}) as Record<Phase, Placement>);
  const phases = {} as Record<Phase, PhaseReport>;
  for (const phase of PHASES) {
    const { slots, lowerBound } = schedulePhase(v, phase, options.restarts);
    const res = v.resources[phase];
    const w = v.windows[phase];
    const available = w.end === null ? Number.POSITIVE_INFINITY : Math.floor((w.end - w.start) / w.slotMinutes);
    if (lowerBound > available) {
      throw new StaggerError('stagger.window_too_short', `windows.${phase}.end`, 'min_slots', { phase, lowerBound, available }, { lowerBound, available });
    }
    if (slots.length > available) {
      throw new StaggerError(
        'stagger.window_not_met',
        `windows.${phase}.end`,
        'not_found_within',
        { phase, available, found: slots.length, lowerBound },
        { lowerBound, available, found: slots.length },
      );
    }
    if (w.start + slots.length * w.slotMinutes > 24 * 60) {
      throw new StaggerError('stagger.window_invalid', `windows.${phase}.start`, 'past_midnight', { phase });
    }
    const load = slots.map(() => res.map(() => 0));
    slots.forEach((slot, t) => {
      const from = formatClock(w.start + t * w.slotMinutes);
      const to = formatClock(w.start + (t + 1) * w.slotMinutes);
      for (const e of slot.entries) {
        load[t][e.resource] += v.classes[e.item].size;
        placements[e.item][phase] = { slot: t, resourceId: res[e.resource].id, from, to };
      }
    });
    phases[phase] = {
      phase,
      slotsUsed: slots.length,
      lowerBound,
      gap: slots.length - lowerBound,
      firstStart: formatClock(w.start),
      lastEnd: formatClock(w.start + slots.length * w.slotMinutes),
      load,
      capacity: res.map((r) => r.capacity),
      resourceIds: res.map((r) => r.id),
    };
  }
  return {
    classes: v.classes.map((c, i) => ({ classId: c.id, ...placements[i] })),
    phases,
  };
}

function schedulePhase(v: ValidRequest, phase: Phase, restarts?: number): { slots: PackedSlot[]; lowerBound: number } {
  const res = v.resources[phase];
  const caps = res.map((r) => r.capacity);
  const largest = Math.max(...caps);
  v.classes.forEach((c, i) => {
    if (c.size > largest) {
      throw new StaggerError(
        'stagger.class_exceeds_capacity',
        `classes[${i}].size`,
        'class_too_big',
        { phase, className: c.name, size: c.size, largest },
        { phase, classId: c.id, size: c.size, largest },
      );
    }
  });

  const separated = v.separatedGrades[phase];
  const parent = v.classes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  if (v.siblingPhases.has(phase)) {
    for (const link of v.links) {
      const ga = v.classes[link.a].grade;
      const gb = v.classes[link.b].grade;
      if (ga !== gb && (separated.has(ga) || separated.has(gb))) {
        throw new StaggerError(
          'stagger.sibling_grade_conflict',
          link.field,
          'siblings_grade',
          { phase, classA: v.classes[link.a].name, gradeA: ga, classB: v.classes[link.b].name, gradeB: gb, grade: separated.has(ga) ? ga : gb },
          { phase, classes: [v.classes[link.a].id, v.classes[link.b].id] },
        );
      }
      parent[find(link.a)] = find(link.b);
    }
  }
  const members = new Map<number, number[]>();
  v.classes.forEach((_, i) => {
    const root = find(i);
    members.set(root, [...(members.get(root) ?? []), i]);
  });

  // Blocks: one per separated grade, one for everything else; their slots never mix.
  const blocks = new Map<string, PackGroup[]>();
  for (const items of members.values()) {
    items.sort((a, b) => v.classes[b].size - v.classes[a].size);
    const group: PackGroup = { items, sizes: items.map((i) => v.classes[i].size), total: 0 };
    group.total = group.sizes.reduce((a, b) => a + b, 0);
    if (!fitGroup(group, caps)) {
      const names = items.map((i) => v.classes[i].name);
      throw new StaggerError(
        'stagger.sibling_group_too_large',
        'siblingLinks',
        'siblings_too_many',
        { phase, classes: names, students: group.total },
        { phase, classes: items.map((i) => v.classes[i].id), students: group.total },
      );
    }
    const grade = v.classes[items[0]].grade;
    const key = separated.has(grade) ? `grade:${grade}` : 'mixed';
    blocks.set(key, [...(blocks.get(key) ?? []), group]);
  }

  const minGrade = (groups: PackGroup[]) => Math.min(...groups.flatMap((g) => g.items.map((i) => v.classes[i].grade)));
  const ordered = [...blocks.values()].sort((a, b) => minGrade(a) - minGrade(b));
  const slots: PackedSlot[] = [];
  let lowerBound = 0;
  ordered.forEach((groups, b) => {
    const bound = lowerBoundSlots(
      groups.flatMap((g) => g.sizes),
      caps,
    );
    lowerBound += bound;
    const packed = packGroups(groups, caps, { lowerBound: bound, restarts, seed: 1 + b });
    // Younger grades first inside a block too, so the timetable reads in grade order.
    packed.sort((x, y) => minGrade(x.groups) - minGrade(y.groups));
    slots.push(...packed);
  });
  return { slots, lowerBound };
}
