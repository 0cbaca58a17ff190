// Roll-up deltas: what one check (or one edit of a check) adds to the school and region summary rows.
// Applying every delta in order must equal a recomputation from the raw rows; a property test holds it.
import type { CheckCounts } from './counts';

export interface SummaryDelta {
  classesReported: number;
  classesOnTime: number;
  expected: number;
  present: number;
  absentIll: number;
  absentOther: number;
  symptomatic: number;
  symptoms: Record<string, number>;
  staffExpected: number;
  staffAbsentIll: number;
  staffAbsentOther: number;
  staffSymptomatic: number;
  staffReported: number;
}

export interface StoredCheck {
  staff: boolean;
  late: boolean;
  counts: CheckCounts;
}

const ZERO: SummaryDelta = {
  classesReported: 0, classesOnTime: 0, expected: 0, present: 0, absentIll: 0, absentOther: 0, symptomatic: 0, symptoms: {},
  staffExpected: 0, staffAbsentIll: 0, staffAbsentOther: 0, staffSymptomatic: 0, staffReported: 0,
};

function contribution(c: StoredCheck | null): SummaryDelta {
  if (!c) return { ...ZERO, symptoms: {} };
  if (c.staff) {
    return { ...ZERO, symptoms: {}, staffExpected: c.counts.expected, staffAbsentIll: c.counts.absentIll, staffAbsentOther: c.counts.absentOther, staffSymptomatic: c.counts.symptomatic, staffReported: 1 };
  }
  return {
    ...ZERO, classesReported: 1, classesOnTime: c.late ? 0 : 1, expected: c.counts.expected, present: c.counts.present, absentIll: c.counts.absentIll,
    absentOther: c.counts.absentOther, symptomatic: c.counts.symptomatic, symptoms: { ...c.counts.symptoms },
  };
}

/** New contribution minus old: a first submission has `before` null; an edit subtracts what it replaces. */
export function summaryDelta(before: StoredCheck | null, after: StoredCheck): SummaryDelta {
  const a = contribution(after);
  const b = contribution(before);
  const symptoms: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a.symptoms), ...Object.keys(b.symptoms)])) {
    const d = (a.symptoms[k] ?? 0) - (b.symptoms[k] ?? 0);
    if (d !== 0) symptoms[k] = d;
  }
  const out = { ...ZERO, symptoms } as SummaryDelta;
  for (const key of Object.keys(ZERO) as (keyof SummaryDelta)[]) {
    if (key !== 'symptoms') (out[key] as number) = (a[key] as number) - (b[key] as number);
  }
  return out;
}

export function isZeroDelta(d: SummaryDelta): boolean {
  return Object.entries(d).every(([k, v]) => (k === 'symptoms' ? Object.keys(v as object).length === 0 : v === 0));
}
