import { describe, expect, it } from 'vitest';
import { deriveCounts, exceptionProblem, type CheckExceptionInput } from './counts';
import { plausibilityFlags } from './plausibility';
import { deadlineInstant, isLate, sessionsOf, shanghaiDate } from './sessions';
import { summaryDelta } from './summary';

const vocab = new Set(['fever', 'cough', 'rash']);
const roster = new Set([1, 2, 3, 4, 5]);
const known = new Set([1, 2, 3, 4, 5, 9]);

describe('derived counts', () => {
  const cases: Array<[string, CheckExceptionInput[], Map<number, 'on_leave' | 'isolated'>, Partial<ReturnType<typeof deriveCounts>>]> = [
    ['zero report', [], new Map(), { expected: 5, present: 5, absentIll: 0, absentOther: 0, symptomatic: 0 }],
    ['one ill, one leave', [{ personId: 1, status: 'absent_ill', symptoms: ['fever'] }, { personId: 2, status: 'absent_other' }], new Map(), { present: 3, absentIll: 1, absentOther: 1, symptomatic: 1, symptoms: { fever: 1 } }],
    ['present with symptoms stays present', [{ personId: 3, status: 'present_symptomatic', symptoms: ['cough', 'cough'] }], new Map(), { present: 5, symptomatic: 1, symptoms: { cough: 1 } }],
    ['preset leave counts as absent other', [], new Map([[4, 'on_leave']]), { present: 4, absentOther: 1 }],
    ['preset isolation counts as absent ill', [], new Map([[4, 'isolated']]), { present: 4, absentIll: 1 }],
    ['an exception overrides the preset', [{ personId: 4, status: 'absent_ill' }], new Map([[4, 'on_leave']]), { present: 4, absentIll: 1, absentOther: 0 }],
  ];
  it.each(cases)('%s', (_name, exceptions, presets, expected) => {
    expect(deriveCounts(5, exceptions, presets)).toMatchObject(expected);
  });
});

describe('exception validation names the field', () => {
  const cases: Array<[string, CheckExceptionInput[], string | null, string | null]> = [
    ['valid', [{ personId: 1, status: 'absent_ill', symptoms: ['fever'], temperature: 38.2 }], null, null],
    ['unknown person', [{ personId: 77, status: 'absent_ill' }], 'check.person_unknown', 'exceptions/0/personId'],
    ['other class', [{ personId: 9, status: 'absent_ill' }], 'check.person_not_in_roster', 'exceptions/0/personId'],
    ['twice', [{ personId: 1, status: 'absent_ill' }, { personId: 1, status: 'absent_other' }], 'check.person_twice', 'exceptions/1/personId'],
    ['symptom', [{ personId: 1, status: 'absent_ill', symptoms: ['fever', 'sneezing'] }], 'check.symptom_unknown', 'exceptions/0/symptoms/1'],
    ['too hot', [{ personId: 1, status: 'absent_ill', temperature: 43.5 }], 'check.temperature_range', 'exceptions/0/temperature'],
    ['too cold', [{ personId: 1, status: 'absent_ill', temperature: 33.9 }], 'check.temperature_range', 'exceptions/0/temperature'],
    ['bounds ok', [{ personId: 1, status: 'absent_ill', temperature: 34 }, { personId: 2, status: 'absent_ill', temperature: 43 }], null, null],
    ['symptomatic needs a symptom', [{ personId: 1, status: 'present_symptomatic' }], 'check.symptoms_required', 'exceptions/0/symptoms'],
  ];
  it.each(cases)('%s', (_n, exceptions, code, field) => {
    const p = exceptionProblem(exceptions, roster, known, vocab);
    expect(p?.code ?? null).toBe(code);
    expect(p?.field ?? null).toBe(field);
  });
});

describe('plausibility', () => {
  it.each([
    ['identical temperatures', { rosterSize: 30, exceptions: [1, 2, 3].map((p) => ({ personId: p, status: 'present_symptomatic' as const, temperature: 37.5, symptoms: ['fever'] })) }, ['identical_temperatures']],
    ['two identical is fine', { rosterSize: 30, exceptions: [1, 2].map((p) => ({ personId: p, status: 'present_symptomatic' as const, temperature: 37.5, symptoms: ['fever'] })) }, []],
    ['too fast', { rosterSize: 40, exceptions: [{ personId: 1, status: 'absent_ill' as const }], entryMs: 1500 }, ['entered_too_fast']],
    ['fast zero report is fine', { rosterSize: 40, exceptions: [], entryMs: 800, zeroReport: true }, []],
    ['fever without temperature', { rosterSize: 40, exceptions: [{ personId: 1, status: 'absent_ill' as const, symptoms: ['fever'] }] }, ['fever_without_temperature']],
  ])('%s', (_n, input, flags) => {
    expect(plausibilityFlags(input)).toEqual(flags);
  });
});

describe('lateness in Asia/Shanghai', () => {
  it.each([
    ['2026-11-30', '09:00', '2026-11-30T00:59:59Z', false],
    ['2026-11-30', '09:00', '2026-11-30T01:00:30Z', false],
    ['2026-11-30', '09:00', '2026-11-30T01:01:00Z', true],
    ['2026-11-30', '14:30', '2026-11-30T06:31:00Z', true],
    ['2026-12-01', '09:00', '2026-11-30T20:00:00Z', false],
  ])('%s deadline %s submitted %s → late %s', (date, deadline, at, late) => {
    expect(isLate(date, deadline, new Date(at))).toBe(late);
  });
  it('converts instants to school dates', () => {
    expect(shanghaiDate(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(deadlineInstant('2026-11-30', '09:00').toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });
  it('runs the evening session only for boarders unless configured', () => {
    expect(sessionsOf([], false).map((s) => s.session)).toEqual(['morning', 'noon']);
    expect(sessionsOf([], true).map((s) => s.session)).toEqual(['morning', 'noon', 'evening']);
    expect(sessionsOf([{ session: 'noon', deadline: '13:00' }, { session: 'morning', deadline: '08:30' }], false).map((s) => s.deadline)).toEqual(['08:30', '13:00']);
  });
});

describe('summary deltas', () => {
  const counts = (ill: number, sym: Record<string, number>) => ({ expected: 40, present: 40 - ill, absentIll: ill, absentOther: 0, symptomatic: Object.keys(sym).length ? 1 : 0, symptoms: sym });
  it('a first submission adds one reported class', () => {
    const d = summaryDelta(null, { staff: false, late: true, counts: counts(2, { fever: 2 }) });
    expect(d).toMatchObject({ classesReported: 1, classesOnTime: 0, expected: 40, absentIll: 2, symptoms: { fever: 2 } });
  });
  it('an edit adds only the difference', () => {
    const d = summaryDelta({ staff: false, late: false, counts: counts(2, { fever: 2 }) }, { staff: false, late: false, counts: counts(1, { cough: 1 }) });
    expect(d).toMatchObject({ classesReported: 0, classesOnTime: 0, expected: 0, absentIll: -1, present: 1, symptoms: { fever: -2, cough: 1 } });
  });
  it('staff checks go to the staff columns', () => {
    expect(summaryDelta(null, { staff: true, late: false, counts: counts(1, {}) })).toMatchObject({ classesReported: 0, staffReported: 1, staffAbsentIll: 1, expected: 0 });
  });
});
