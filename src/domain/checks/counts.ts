// Counts of a check derived from the roster and the exceptions, and the validation of the exceptions.
// Teachers never type totals, so a check can never have inconsistent figures.
export type ExceptionStatus = 'absent_ill' | 'absent_other' | 'present_symptomatic';
/** What another capability already knows about a person that day (approved leave, isolation). */
export type PresetStatus = 'on_leave' | 'isolated';

export interface CheckExceptionInput {
  personId: number;
  status: ExceptionStatus;
  symptoms?: string[];
  temperature?: number | null;
  note?: string | null;
}

export interface CheckCounts {
  expected: number;
  present: number;
  absentIll: number;
  absentOther: number;
  symptomatic: number;
  /** Symptom code → number of people reporting it. */
  symptoms: Record<string, number>;
}

export interface CheckProblem {
  code: string;
  field: string;
}

export const TEMPERATURE_MIN = 34;
export const TEMPERATURE_MAX = 43;

/**
 * The first problem with the exceptions, naming the field, or null. `roster` is the set of people
 * expected at this check; `known` the people of the school (to tell "unknown" from "not in this class").
 */
export function exceptionProblem(exceptions: CheckExceptionInput[], roster: ReadonlySet<number>, known: ReadonlySet<number>, vocabulary: ReadonlySet<string>): CheckProblem | null {
  const seen = new Set<number>();
  for (let i = 0; i < exceptions.length; i++) {
    const e = exceptions[i];
    const at = (leaf: string) => `exceptions/${i}/${leaf}`;
    if (!known.has(e.personId)) return { code: 'check.person_unknown', field: at('personId') };
    if (!roster.has(e.personId)) return { code: 'check.person_not_in_roster', field: at('personId') };
    if (seen.has(e.personId)) return { code: 'check.person_twice', field: at('personId') };
    seen.add(e.personId);
    const symptoms = e.symptoms ?? [];
    for (let j = 0; j < symptoms.length; j++) {
      if (!vocabulary.has(symptoms[j])) return { code: 'check.symptom_unknown', field: `exceptions/${i}/symptoms/${j}` };
    }
    if (e.temperature != null && !(e.temperature >= TEMPERATURE_MIN && e.temperature <= TEMPERATURE_MAX)) return { code: 'check.temperature_range', field: at('temperature') };
    if (e.status === 'present_symptomatic' && symptoms.length === 0 && e.temperature == null) return { code: 'check.symptoms_required', field: at('symptoms') };
  }
  return null;
}

/**
 * Derives the counts. People with a preset status who have no exception count as absent for another
 * reason (leave) or for illness (isolation), without being entered again by the teacher.
 */
export function deriveCounts(rosterSize: number, exceptions: CheckExceptionInput[], presets: ReadonlyMap<number, PresetStatus> = new Map()): CheckCounts {
  const c: CheckCounts = { expected: rosterSize, present: rosterSize, absentIll: 0, absentOther: 0, symptomatic: 0, symptoms: {} };
  const covered = new Set<number>();
  for (const e of exceptions) {
    covered.add(e.personId);
    if (e.status === 'absent_ill') c.absentIll++;
    else if (e.status === 'absent_other') c.absentOther++;
    if (e.status !== 'absent_other') {
      if (e.status === 'present_symptomatic' || (e.symptoms?.length ?? 0) > 0) c.symptomatic++;
      for (const s of new Set(e.symptoms ?? [])) c.symptoms[s] = (c.symptoms[s] ?? 0) + 1;
    }
  }
  for (const [personId, status] of presets) {
    if (covered.has(personId)) continue;
    if (status === 'isolated') c.absentIll++;
    else c.absentOther++;
  }
  c.present = c.expected - c.absentIll - c.absentOther;
  return c;
}
