import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { raiseOrMerge } from '../../src/features/alerts/queue';
import { runDailyScan } from '../../src/features/alerts/scan';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeClass, makeSchool, makeStudent } from '../harness/factories';

// The daily scan on new illnesses (illness episodes opened, children first seen with symptoms at a check),
// per school day, at class, school and county
// level. Each case uses its own county so that county totals of one case do not reach another.
describe.each(databases())('daily scan on new illnesses on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
  }, 120_000);
  afterAll(() => env.close());

  /** A school with `classes` classes of `size` students each: [classId, studentIds][]. */
  async function schoolWith(regionCode: string, classes: number, size: number) {
    const schoolId = (await makeSchool(env.ctx, { regionCode })).id;
    const out: Array<{ id: number; students: number[] }> = [];
    for (let c = 0; c < classes; c++) {
      const id = (await makeClass(env.ctx, { schoolId })).id;
      const students: number[] = [];
      for (let i = 0; i < size; i++) students.push((await makeStudent(env.ctx, { classId: id })).id);
      out.push({ id, students });
    }
    return { schoolId, classes: out };
  }

  async function episode(o: { schoolId: number; classId: number; personId: number; opened: string; last?: string; symptoms?: string[]; closed?: boolean }) {
    await env.ctx.db.insertInto('absence_episodes').values({
      school_id: o.schoolId, person_id: o.personId, class_id: o.classId, kind: 'illness', status: o.closed ? 'closed' : 'open', opened_on: o.opened,
      last_absent_on: o.last ?? o.opened, closed_on: o.closed ? (o.last ?? o.opened) : null, symptoms: sql<string[]>`${sql.val(o.symptoms ?? [])}::text[]`,
      created_at: env.clock.now, updated_at: env.clock.now,
    }).execute();
  }

  /** A class's check of a day with `persons` present but symptomatic (the rest of the roster present and well). */
  async function symptomaticCheck(o: { schoolId: number; classId: number; date: string; persons: number[]; symptoms: string[]; session?: 'morning' | 'noon' }) {
    const n = o.persons.length;
    const check = await env.ctx.db.insertInto('class_checks').values({
      school_id: o.schoolId, class_id: o.classId, check_date: o.date, session: o.session ?? 'morning', expected: 40, present: 40, absent_ill: 0, absent_other: 0,
      symptomatic: n, submitted_at: env.clock.now, updated_at: env.clock.now,
    }).returning('id').executeTakeFirstOrThrow();
    for (const personId of o.persons) {
      await env.ctx.db.insertInto('check_exceptions').values({
        check_id: check.id, school_id: o.schoolId, person_id: personId, check_date: o.date, session: o.session ?? 'morning', status: 'present_symptomatic',
        symptoms: sql<string[]>`${sql.val(o.symptoms)}::text[]`,
      }).execute();
    }
  }

  async function scan(date: string, regionCode?: string) {
    env.clock.set(`${date}T10:00:00Z`);
    return runDailyScan(env.ctx, date, { regionCode });
  }

  const alertsOf = (schoolId: number) => env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', schoolId).orderBy('id').execute();
  const personsOf = async (id: number) => (await env.ctx.db.selectFrom('alert_persons').select('person_id').where('alert_id', '=', id).execute()).map((r) => r.person_id).sort((a, b) => a - b);

  it('does not read one child absent ill for five school days as five cases', async () => {
    const s = await schoolWith('410105', 2, 3);
    const [child] = s.classes[0].students;
    await episode({ schoolId: s.schoolId, classId: s.classes[0].id, personId: child, opened: '2026-11-23', last: '2026-11-27', symptoms: ['cough', 'fever'] });
    // What the previous scan read: the roll-ups count the child as absent ill on each of the five days.
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']) {
      await env.ctx.db.insertInto('school_day_summary').values({ school_id: s.schoolId, region_code: '410105', check_date: day, session: 'morning', absent_ill: 1, symptomatic: 1, symptoms: sql`${JSON.stringify({ cough: 1, fever: 1 })}::jsonb` }).execute();
      const r = await scan(day);
      expect(r.classes).toBeGreaterThanOrEqual(1);
      expect(r.signals).toBe(0);
    }
    expect(await alertsOf(s.schoolId)).toEqual([]);
  });

  it('raises a class alert on three new episodes in one class on one day, naming the three; a rerun changes nothing', async () => {
    const s = await schoolWith('410102', 2, 4);
    const [cls, other] = s.classes;
    // A quiet history: one case in the other class five weeks before.
    await episode({ schoolId: s.schoolId, classId: other.id, personId: other.students[0], opened: '2026-10-26', last: '2026-10-27', symptoms: ['cough'], closed: true });
    const sick = cls.students.slice(0, 3);
    for (const personId of sick) await episode({ schoolId: s.schoolId, classId: cls.id, personId, opened: '2026-11-30', symptoms: ['cough', 'fever'] });

    const first = await scan('2026-11-30');
    expect(first.raised).toBeGreaterThanOrEqual(1);
    const classAlerts = (await alertsOf(s.schoolId)).filter((a) => a.unit_kind === 'class');
    expect(classAlerts).toHaveLength(1);
    expect(classAlerts[0]).toMatchObject({ unit_id: String(cls.id), class_id: cls.id, source: 'scan', rule: 'cluster-2006', syndrome: 'respiratory', window_from: '2026-11-30', window_to: '2026-11-30', case_count: 3 });
    expect(await personsOf(classAlerts[0].id)).toEqual([...sick].sort((a, b) => a - b));

    const before = await alertsOf(s.schoolId);
    const events = await env.ctx.db.selectFrom('alert_events').select('id').execute();
    const again = await scan('2026-11-30');
    expect(again.raised).toBe(0);
    expect(again.signals).toBe(first.signals);
    expect(await alertsOf(s.schoolId)).toEqual(before);
    expect(await env.ctx.db.selectFrom('alert_events').select('id').execute()).toHaveLength(events.length);
  });

  it('merges its class signal into the open alert of the check-time 2006 rule', async () => {
    const s = await schoolWith('411627', 1, 4);
    const [cls] = s.classes;
    const sick = cls.students.slice(0, 3);
    env.clock.set('2026-11-30T02:00:00Z');
    // The alert the check-time rule raised in the morning (the shape check-rules.ts gives the queue).
    await inTransaction(env.ctx.db, (trx, afterCommit) => raiseOrMerge(trx, env.ctx.now(), {
      source: 'rule', rule: 'cluster-2006', unitKind: 'class', unitId: String(cls.id), schoolId: s.schoolId, classId: cls.id, regionCode: '411627',
      level: 'report', deadline: '24h', syndrome: 'respiratory', window: { from: '2026-11-30', to: '2026-11-30' }, personIds: sick.slice(0, 2),
    }, afterCommit));
    for (const personId of sick) await episode({ schoolId: s.schoolId, classId: cls.id, personId, opened: '2026-11-30', symptoms: ['cough'] });
    await scan('2026-11-30');
    const classAlerts = (await alertsOf(s.schoolId)).filter((a) => a.unit_kind === 'class');
    expect(classAlerts).toHaveLength(1);
    expect(classAlerts[0]).toMatchObject({ source: 'rule', rule: 'cluster-2006', case_count: 3 });
    expect(await personsOf(classAlerts[0].id)).toEqual([...sick].sort((a, b) => a - b));
  });

  it('raises a school alert on new episodes spread over several classes on one day', async () => {
    const s = await schoolWith('410103', 4, 2);
    for (const c of s.classes) await episode({ schoolId: s.schoolId, classId: c.id, personId: c.students[0], opened: '2026-11-30' });
    const r = await scan('2026-11-30', '410103');
    expect(r).toMatchObject({ counties: 1, schools: 1, classes: 4 });
    const alerts = await alertsOf(s.schoolId);
    // One case per class is no class cluster; four in the school on one day is unusual for it.
    expect(alerts.filter((a) => a.unit_kind === 'class')).toEqual([]);
    const school = alerts.filter((a) => a.unit_kind === 'school');
    expect(school).toHaveLength(1);
    expect(school[0]).toMatchObject({ unit_id: String(s.schoolId), rule: 'scan:school:absence', source: 'scan', case_count: 4 });
    expect(await personsOf(school[0].id)).toEqual(s.classes.map((c) => c.students[0]).sort((a, b) => a - b));
  });

  it('counts episodes opened on a weekend or a holiday on the next school day, and scans nothing on those days', async () => {
    const s = await schoolWith('410104', 2, 3);
    const [autumn, winter] = s.classes;
    // National Day 2026 runs 1-7 October; three children fall ill on the 3rd.
    for (const personId of autumn.students) await episode({ schoolId: s.schoolId, classId: autumn.id, personId, opened: '2026-10-03', last: '2026-10-09', symptoms: ['diarrhea'], closed: true });
    const holiday = await scan('2026-10-03');
    expect(holiday).toMatchObject({ schools: 0, classes: 0, signals: 0 });
    expect(await alertsOf(s.schoolId)).toEqual([]);
    await scan('2026-10-08');
    let classAlerts = (await alertsOf(s.schoolId)).filter((a) => a.unit_kind === 'class');
    expect(classAlerts).toHaveLength(1);
    expect(classAlerts[0]).toMatchObject({ unit_id: String(autumn.id), syndrome: 'gastrointestinal', window_from: '2026-10-08', window_to: '2026-10-08' });
    expect(await personsOf(classAlerts[0].id)).toEqual([...autumn.students].sort((a, b) => a - b));

    // Saturday 28 November: three onsets; nothing on the Saturday, a class alert on Monday the 30th.
    for (const personId of winter.students) await episode({ schoolId: s.schoolId, classId: winter.id, personId, opened: '2026-11-28', symptoms: ['rash'] });
    expect(await scan('2026-11-28')).toMatchObject({ schools: 0, classes: 0, signals: 0 });
    await scan('2026-11-30');
    classAlerts = (await alertsOf(s.schoolId)).filter((a) => a.unit_kind === 'class' && a.unit_id === String(winter.id));
    expect(classAlerts).toHaveLength(1);
    expect(classAlerts[0]).toMatchObject({ syndrome: 'rash', window_from: '2026-11-30' });
    expect(await personsOf(classAlerts[0].id)).toEqual([...winter.students].sort((a, b) => a - b));
  });

  it('counts children caught with symptoms at a check who stay at school, once each, and names them', async () => {
    const s = await schoolWith('410108', 2, 4);
    const [cls] = s.classes;
    const sick = cls.students.slice(0, 3);
    // Three children with a cough at the morning check, two of them again at noon: three new illnesses, no absence.
    await symptomaticCheck({ schoolId: s.schoolId, classId: cls.id, date: '2026-11-30', persons: sick, symptoms: ['cough'] });
    await symptomaticCheck({ schoolId: s.schoolId, classId: cls.id, date: '2026-11-30', persons: sick.slice(0, 2), symptoms: ['cough', 'fever'], session: 'noon' });
    await scan('2026-11-30');
    const classAlerts = (await alertsOf(s.schoolId)).filter((a) => a.unit_kind === 'class');
    expect(classAlerts).toHaveLength(1);
    expect(classAlerts[0]).toMatchObject({ unit_id: String(cls.id), source: 'scan', rule: 'cluster-2006', syndrome: 'respiratory', window_from: '2026-11-30', case_count: 3 });
    expect(await personsOf(classAlerts[0].id)).toEqual([...sick].sort((a, b) => a - b));
  });

  it('dates a child caught with symptoms on Friday and absent from Monday on Friday, and counts the child once', async () => {
    const s = await schoolWith('410122', 1, 4);
    const [cls] = s.classes;
    const [a, b, c] = cls.students;
    // Friday 27 November: two children with diarrhoea at the check; a third already absent ill.
    await symptomaticCheck({ schoolId: s.schoolId, classId: cls.id, date: '2026-11-27', persons: [a, b], symptoms: ['diarrhea'] });
    await episode({ schoolId: s.schoolId, classId: cls.id, personId: c, opened: '2026-11-27', last: '2026-11-27', symptoms: ['diarrhea'] });
    await scan('2026-11-27', '410122');
    const classAlerts = (await alertsOf(s.schoolId)).filter((x) => x.unit_kind === 'class');
    expect(classAlerts).toHaveLength(1);
    expect(classAlerts[0]).toMatchObject({ syndrome: 'gastrointestinal', window_from: '2026-11-27', window_to: '2026-11-27', case_count: 3 });
    expect(await personsOf(classAlerts[0].id)).toEqual([a, b, c].sort((x, y) => x - y));
    // Monday: the two stay home. Their episodes continue Friday's illnesses: no new case, no new signal.
    for (const personId of [a, b]) await episode({ schoolId: s.schoolId, classId: cls.id, personId, opened: '2026-11-30', symptoms: ['diarrhea', 'vomiting'] });
    const before = await alertsOf(s.schoolId);
    const r = await scan('2026-11-30', '410122');
    expect(r.raised).toBe(0);
    const after = await alertsOf(s.schoolId);
    expect(after.map((x) => [x.id, x.case_count])).toEqual(before.map((x) => [x.id, x.case_count]));
    for (const alert of after) expect(await personsOf(alert.id)).toEqual([a, b, c].sort((x, y) => x - y));
  });

  it("follows each school's own terms: nothing is scanned in a school's vacation, the default term goes on next door", async () => {
    // Two schools of one county with three children ill in one class on Monday 30 November; the first
    // school's own autumn term ended on Friday the 27th.
    const ended = await schoolWith('410181', 1, 3);
    const open = await schoolWith('410181', 1, 3);
    await env.ctx.db.insertInto('school_terms').values({ school_id: ended.schoolId, start_date: '2026-09-01', end_date: '2026-11-27', name: '秋季学期' }).execute();
    for (const s of [ended, open]) {
      for (const personId of s.classes[0].students) await episode({ schoolId: s.schoolId, classId: s.classes[0].id, personId, opened: '2026-11-30', symptoms: ['cough'] });
    }
    const r = await scan('2026-11-30', '410181');
    expect(r).toMatchObject({ counties: 1, schools: 1, classes: 1 });
    expect(await alertsOf(ended.schoolId)).toEqual([]);
    expect((await alertsOf(open.schoolId)).filter((a) => a.unit_kind === 'class')).toHaveLength(1);
  });
});
