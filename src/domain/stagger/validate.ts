/** Checks a schedule request and turns it into index-based data; every refusal names its field. */
import { StaggerError } from './errors';
import { PHASES, type Phase, type PhaseWindow, type StaggerRequest } from './types';

export interface Resource {
  id: string;
  name: string;
  capacity: number;
  note?: string;
}

export interface ValidRequest {
  classes: { id: string; name: string; grade: number; size: number }[];
  links: { a: number; b: number; field: string }[];
  resources: Record<Phase, Resource[]>;
  windows: Record<Phase, { start: number; slotMinutes: number; end: number | null }>;
  separatedGrades: Record<Phase, Set<number>>;
  siblingPhases: Set<Phase>;
}

export function parseClock(value: string, field: string): number {
  const m = typeof value === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value) : null;
  if (!m) throw new StaggerError('stagger.window_invalid', field, 'clock_format');
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function positiveInt(v: unknown, field: string, max = 100_000): number {
  if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > max) {
    throw new StaggerError('stagger.input_invalid', field, 'whole_number', { min: 1, max });
  }
  return v as number;
}

function uniqueId(id: unknown, seen: Set<string>, field: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new StaggerError('stagger.input_invalid', field, 'id_required');
  if (seen.has(id)) throw new StaggerError('stagger.duplicate_id', field, 'id_twice', { id });
  seen.add(id);
  return id;
}

function window(w: PhaseWindow | undefined, phase: Phase) {
  const field = `windows.${phase}`;
  if (!w || typeof w !== 'object') throw new StaggerError('stagger.window_invalid', field, 'window_required', { phase });
  const start = parseClock(w.start, `${field}.start`);
  const slotMinutes = positiveInt(w.slotMinutes, `${field}.slotMinutes`, 240);
  const end = w.end === undefined ? null : parseClock(w.end, `${field}.end`);
  if (end !== null && end < start + slotMinutes) {
    throw new StaggerError('stagger.window_invalid', `${field}.end`, 'window_no_slot', { phase });
  }
  return { start, slotMinutes, end };
}

export function validateRequest(req: StaggerRequest): ValidRequest {
  if (!req || !Array.isArray(req.classes) || req.classes.length === 0) {
    throw new StaggerError('stagger.input_invalid', 'classes', 'no_classes');
  }
  const ids = new Set<string>();
  const classes = req.classes.map((c, i) => {
    const id = uniqueId(c?.id, ids, `classes[${i}].id`);
    if (!Number.isInteger(c.grade) || c.grade < 0 || c.grade > 20) {
      throw new StaggerError('stagger.input_invalid', `classes[${i}].grade`, 'grade_range', { min: 0, max: 20 });
    }
    return { id, name: c.name ?? id, grade: c.grade, size: positiveInt(c.size, `classes[${i}].size`, 10_000) };
  });
  const index = new Map(classes.map((c, i) => [c.id, i]));
  const links = (req.siblingLinks ?? []).map((pair, j) => {
    const field = `siblingLinks[${j}]`;
    if (!Array.isArray(pair) || pair.length !== 2) throw new StaggerError('stagger.input_invalid', field, 'link_pair');
    const a = index.get(pair[0]);
    const b = index.get(pair[1]);
    if (a === undefined || b === undefined) {
      throw new StaggerError('stagger.link_unknown_class', field, 'unknown_class', { classId: String(a === undefined ? pair[0] : pair[1]) });
    }
    if (a === b) throw new StaggerError('stagger.input_invalid', field, 'link_self');
    return { a, b, field };
  });

  if (!Array.isArray(req.gates) || req.gates.length === 0) throw new StaggerError('stagger.no_gates', 'gates', 'none_given');
  if (!Array.isArray(req.canteenAreas) || req.canteenAreas.length === 0) {
    throw new StaggerError('stagger.no_canteen_areas', 'canteenAreas', 'none_given');
  }
  const gateIds = new Set<string>();
  const gates = req.gates.map((g, i) => ({
    id: uniqueId(g?.id, gateIds, `gates[${i}].id`),
    name: g.name ?? g.id,
    capacity: positiveInt(g.capacityPerSlot, `gates[${i}].capacityPerSlot`),
  }));
  const areaIds = new Set<string>();
  const areas = req.canteenAreas.map((a, i) => ({
    id: uniqueId(a?.id, areaIds, `canteenAreas[${i}].id`),
    name: a.name ?? a.id,
    capacity: positiveInt(a.seatsPerSlot, `canteenAreas[${i}].seatsPerSlot`),
    note: a.seating,
  }));

  const rules = req.rules ?? {};
  const sep = rules.separateGrades ?? [];
  if (sep !== 'all' && (!Array.isArray(sep) || sep.some((g) => !Number.isInteger(g)))) {
    throw new StaggerError('stagger.input_invalid', 'rules.separateGrades', 'separate_grades');
  }
  const phaseList = (v: unknown, field: string, fallback: Phase[]): Set<Phase> => {
    const list = v ?? fallback;
    if (!Array.isArray(list) || list.some((p) => !PHASES.includes(p))) {
      throw new StaggerError('stagger.input_invalid', field, 'phases_list');
    }
    return new Set(list as Phase[]);
  };
  const separatePhases = phaseList(rules.separatePhases, 'rules.separatePhases', [...PHASES]);
  const siblingPhases = phaseList(rules.siblingPhases, 'rules.siblingPhases', ['arrival', 'departure']);
  const grades = sep === 'all' ? new Set(classes.map((c) => c.grade)) : new Set(sep);
  const separatedGrades = Object.fromEntries(PHASES.map((p) => [p, separatePhases.has(p) ? grades : new Set<number>()])) as Record<
    Phase,
    Set<number>
  >;

  return {
    classes,
    links,
    resources: { arrival: gates, departure: gates, dining: areas },
    windows: { arrival: window(req.windows?.arrival, 'arrival'), departure: window(req.windows?.departure, 'departure'), dining: window(req.windows?.dining, 'dining') },
    separatedGrades,
    siblingPhases,
  };
}
