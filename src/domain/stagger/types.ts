/** Inputs and outputs of the staggered arrival, departure and dining scheduler. */

export type Phase = 'arrival' | 'departure' | 'dining';
export const PHASES: readonly Phase[] = ['arrival', 'departure', 'dining'];

export interface StaggerClass {
  id: string;
  /** Shown in the timetable; defaults to the id. */
  name?: string;
  grade: number;
  size: number;
}

export interface Gate {
  id: string;
  name?: string;
  /** Students the gate can pass (with its checks) in one slot. */
  capacityPerSlot: number;
}

export interface CanteenArea {
  id: string;
  name?: string;
  seatsPerSlot: number;
  /** How seats face, e.g. "same direction, facing north" — printed in the timetable. */
  seating?: string;
}

export interface PhaseWindow {
  /** 'HH:MM', the earliest slot's start. */
  start: string;
  slotMinutes: number;
  /** Optional 'HH:MM' by which the last slot must end. */
  end?: string;
}

export interface StaggerRules {
  /** Grades whose classes never share a slot with another grade's classes; 'all' keeps every grade apart. */
  separateGrades?: number[] | 'all';
  /** Phases the grade rule applies to. Default: all three. */
  separatePhases?: Phase[];
  /** Phases in which linked (sibling) classes share a slot. Default: arrival and departure. */
  siblingPhases?: Phase[];
}

export interface StaggerRequest {
  classes: StaggerClass[];
  /** Pairs of class ids whose pupils include siblings: they share a slot (not necessarily a gate). */
  siblingLinks?: [string, string][];
  gates: Gate[];
  canteenAreas: CanteenArea[];
  windows: Record<Phase, PhaseWindow>;
  rules?: StaggerRules;
}

export interface Placement {
  slot: number;
  resourceId: string;
  from: string;
  to: string;
}

export interface ClassSchedule {
  classId: string;
  arrival: Placement;
  departure: Placement;
  dining: Placement;
}

export interface PhaseReport {
  phase: Phase;
  slotsUsed: number;
  /** No timetable can use fewer slots than this (see bounds.ts). */
  lowerBound: number;
  /** slotsUsed − lowerBound; 0 means the timetable is proven shortest. */
  gap: number;
  firstStart: string;
  lastEnd: string;
  /** Students per slot and resource, [slot][resource], for checking and for charts. */
  load: number[][];
  capacity: number[];
  resourceIds: string[];
}

export interface StaggerSchedule {
  classes: ClassSchedule[];
  phases: Record<Phase, PhaseReport>;
}
