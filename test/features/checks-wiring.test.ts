import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRuleDrainer, drainCheckRuleQueue } from '../../src/features/alerts/check-rule-queue';
import { missingReportKey, remindMissingReports } from '../../src/features/checks/reminders';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

// The check submission wired to its neighbours: early-warning rules just after the check's commit
// (through the durable check_rule_queue), leave and isolation shown in the roster, and reminders for
// classes that have not reported.
const DATE = '2026-11-30';

describe.each(databases())('checks wiring on %s', (kind) => {
  let env: TestEnv;
  let n = 0;
  const key = () => `wiring-${kind}-${++n}-${Date.now()}`;
  const submit = (s: TestSession, classId: number, body: object) => s.request('POST', `/api/checks/classes/${classId}`, body, { 'idempotency-key': key() });
  // 37.8 °C with a cough: a fever, but not influenza-like, so only the class cluster rule applies.
  const fever = (personId: number) => ({ personId, status: 'absent_ill', symptoms: ['fever', 'cough'], temperature: 37.8 });
  // The rules run after the answer: wait for this process's evaluation of the queue, not for a time.
  const rulesDone = () => checkRuleDrainer(env.ctx).idle();
  const queued = async () => Number((await sql<{ n: number }>`select count(*)::int as n from check_rule_queue`.execute(env.ctx.db)).rows[0].n);

  /**
   * What a first submission of a morning check commits when its evaluation has not run yet (the process
   * died, or the drain has not come): the check, its exceptions (ill with fever and cough) and its queue
   * row, and, with `episodes`, the illness episodes the check opened.
   */
  const committedCheck = async (o: { schoolId: number; classId: number; date: string; expected: number; ill: number[]; episodes?: boolean }) => {
    const now = env.ctx.now();
    const check = await env.ctx.db.insertInto('class_checks').values({
      school_id: o.schoolId, class_id: o.classId, check_date: o.date, session: 'morning', expected: o.expected, present: o.expected - o.ill.length,
      absent_ill: o.ill.length, absent_other: 0, symptomatic: o.ill.length, submitted_by: null, submitted_at: now, updated_at: now, idempotency_key: null, entry_ms: null,
    }).returning('id').executeTakeFirstOrThrow();
    for (const personId of o.ill) {
      await env.ctx.db.insertInto('check_exceptions').values({
        check_id: check.id, school_id: o.schoolId, person_id: personId, check_date: o.date, session: 'morning', status: 'absent_ill',
        symptoms: sql<string[]>`array['fever', 'cough']::text[]`, temperature: 37.8, note: null,
      }).execute();
      if (!o.episodes) continue;
      await env.ctx.db.insertInto('absence_episodes').values({
        school_id: o.schoolId, person_id: personId, class_id: o.classId, kind: 'illness', status: 'open', opened_on: o.date, last_absent_on: o.date,
        absent_sessions: 1, symptoms: sql<string[]>`array['cough', 'fever']::text[]`, created_at: now, updated_at: now,
      }).execute();
    }
    await env.ctx.db.insertInto('check_rule_queue').values({ school_id: o.schoolId, class_id: o.classId, check_date: o.date, check_id: check.id }).execute();
  };

  /** A new school with one class of `size` students. */
  const schoolWithClass = async (size: number) => {
    const schoolId = (await makeSchool(env.ctx)).id;
    const classId = (await makeClass(env.ctx, { schoolId })).id;
    const students: number[] = [];
    for (let i = 0; i < size; i++) students.push((await makeStudent(env.ctx, { classId })).id);
    return { schoolId, classId, students };
  };

  beforeAll(async () => {
    env = await createTestEnv(kind);
  });
  afterAll(() => env.close());

  it('raises an alert when a third child of one class is ill with fever on the same day', async () => {
    env.clock.set('2026-11-30T00:30:00Z');
    const { schoolId, classId, students } = await schoolWithClass(20);
    const teacherName = (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username;
    let teacher = await login(env, teacherName);
    const alerts = () => env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', schoolId).execute();

    expect((await submit(teacher, classId, { date: DATE, session: 'morning', exceptions: [fever(students[0]), fever(students[1])] })).statusCode).toBe(200);
    await rulesDone();
    expect(await alerts()).toHaveLength(0);
    env.clock.set('2026-11-30T04:00:00Z');
    teacher = await login(env, teacherName);
    const noon = await submit(teacher, classId, { date: DATE, session: 'noon', exceptions: [fever(students[2])] });
    expect(noon.statusCode).toBe(200);
    await rulesDone();
    expect(await queued()).toBe(0);
    const raised = await alerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ rule: 'cluster-2006', unit_kind: 'class', unit_id: String(classId), case_count: 3 });
    const persons = await env.ctx.db.selectFrom('alert_persons').select('person_id').where('alert_id', '=', raised[0].id).execute();
    expect(persons.map((p) => p.person_id).sort((a, b) => a - b)).toEqual(students.slice(0, 3));
  });

  it('evaluates a check whose evaluation a crash left queued, and raises the alert once', async () => {
    env.clock.set('2026-11-30T05:00:00Z');
    const { schoolId, classId, students } = await schoolWithClass(5);
    // What a first submission commits when the process dies before its evaluation, and no alert.
    await committedCheck({ schoolId, classId, date: DATE, expected: 5, ill: students.slice(0, 3) });
    const alerts = () => env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', schoolId).execute();
    expect(await alerts()).toHaveLength(0);

    // The job (alerts.check-rules) drains it; a second run finds nothing left and changes nothing.
    expect((await drainCheckRuleQueue(env.ctx)).evaluated).toBe(1);
    expect(await queued()).toBe(0);
    const raised = await alerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ rule: 'cluster-2006', unit_kind: 'class', unit_id: String(classId), case_count: 3 });
    expect((await drainCheckRuleQueue(env.ctx)).evaluated).toBe(0);
    expect(await alerts()).toEqual(raised);
  });

  it('raises the alerts of many classes in one drain as each would be raised alone, with persons, episodes, events, audit and notifications', async () => {
    env.clock.set('2026-11-30T05:30:00Z');
    const classes: Array<{ schoolId: number; classId: number; students: number[]; doctor: number }> = [];
    for (let c = 0; c < 3; c++) {
      const { schoolId, classId, students } = await schoolWithClass(6);
      const doctor = (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).id;
      classes.push({ schoolId, classId, students, doctor });
      await committedCheck({ schoolId, classId, date: DATE, expected: 6, ill: students.slice(0, 3), episodes: true });
    }

    expect((await drainCheckRuleQueue(env.ctx)).evaluated).toBe(3);
    for (const c of classes) {
      const raised = await env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', c.schoolId).execute();
      expect(raised).toHaveLength(1);
      const a = raised[0];
      expect(a).toMatchObject({ rule: 'cluster-2006', unit_kind: 'class', unit_id: String(c.classId), class_id: c.classId, case_count: 3, status: 'new', escalation_level: 'school' });
      const persons = await env.ctx.db.selectFrom('alert_persons').select('person_id').where('alert_id', '=', a.id).orderBy('person_id').execute();
      expect(persons.map((p) => p.person_id)).toEqual(c.students.slice(0, 3));
      const episodes = await env.ctx.db.selectFrom('alert_episodes').select('episode_id').where('alert_id', '=', a.id).execute();
      expect(episodes).toHaveLength(3);
      const events = await env.ctx.db.selectFrom('alert_events').select(['action', 'to_status']).where('alert_id', '=', a.id).execute();
      expect(events).toEqual([{ action: 'raised', to_status: 'new' }]);
      const audit = await env.ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('object_type', '=', 'alert').where('object_id', '=', String(a.id)).execute();
      expect(audit.map((r) => r.action)).toEqual(['alert.raise']);
      const told = await env.ctx.db.selectFrom('notifications').select(['account_id', 'kind', 'title_zh']).where('dedupe_key', '=', `alert:${a.id}:raised`).execute();
      expect(told.map((t) => t.account_id)).toEqual([c.doctor]);
      expect(told.every((t) => t.kind === 'alert.raised' && t.title_zh.startsWith('新预警'))).toBe(true);
    }
    // Evaluating the same data again changes nothing.
    await env.ctx.db.insertInto('check_rule_queue').values(classes.map((c) => ({ school_id: c.schoolId, class_id: c.classId, check_date: DATE, check_id: 0 }))).execute();
    expect((await drainCheckRuleQueue(env.ctx)).evaluated).toBe(3);
    const again = await env.ctx.db.selectFrom('alerts').select('id').where('school_id', 'in', classes.map((c) => c.schoolId)).execute();
    expect(again).toHaveLength(3);
  });

  it('opens a class alert and grows it with the next day\'s cases when one drain holds both days', async () => {
    env.clock.set('2026-12-01T05:30:00Z');
    const { schoolId, classId, students } = await schoolWithClass(10);
    const days: Array<[string, number[]]> = [[DATE, students.slice(0, 3)], ['2026-12-01', students.slice(3, 5)]];
    for (const [date, ill] of days) await committedCheck({ schoolId, classId, date, expected: 10, ill });
    expect((await drainCheckRuleQueue(env.ctx)).evaluated).toBe(2);
    const raised = await env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', schoolId).execute();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ rule: 'cluster-2006', unit_id: String(classId), case_count: 5, window_to: '2026-12-01' });
    const persons = await env.ctx.db.selectFrom('alert_persons').select('person_id').where('alert_id', '=', raised[0].id).orderBy('person_id').execute();
    expect(persons.map((p) => p.person_id)).toEqual(students.slice(0, 5));
    const events = await env.ctx.db.selectFrom('alert_events').select('action').where('alert_id', '=', raised[0].id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['raised', 'grew']);
  });

  it('drains school by school when the parts are small, and evaluates every queued check once', async () => {
    env.clock.set('2026-11-30T05:30:00Z');
    const schools: number[] = [];
    for (let k = 0; k < 3; k++) {
      const { schoolId, classId, students } = await schoolWithClass(5);
      schools.push(schoolId);
      await committedCheck({ schoolId, classId, date: DATE, expected: 5, ill: students.slice(0, 3) });
    }
    // One check a part: three parts, three transactions.
    expect((await drainCheckRuleQueue(env.ctx, { partChecks: 1 })).evaluated).toBe(3);
    expect(await queued()).toBe(0);
    const raised = await env.ctx.db.selectFrom('alerts').select(['school_id', 'case_count']).where('school_id', 'in', schools).orderBy('school_id').execute();
    expect(raised).toEqual(schools.map((school_id) => ({ school_id, case_count: 3 })));
    expect((await drainCheckRuleQueue(env.ctx, { partChecks: 1 })).evaluated).toBe(0);
  });

  it('links the new illness episode of a child already in a growing alert, and nothing twice', async () => {
    env.clock.set('2026-12-02T05:30:00Z');
    const { schoolId, classId, students } = await schoolWithClass(10);
    await committedCheck({ schoolId, classId, date: DATE, expected: 10, ill: students.slice(0, 3), episodes: true });
    expect((await drainCheckRuleQueue(env.ctx)).evaluated).toBe(1);
    const [alert] = await env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', schoolId).execute();
    const linkedEpisodes = () => env.ctx.db.selectFrom('alert_episodes').innerJoin('absence_episodes', 'absence_episodes.id', 'alert_episodes.episode_id')
      .select(['absence_episodes.person_id', 'absence_episodes.opened_on']).where('alert_id', '=', alert.id).orderBy('person_id').orderBy('opened_on').execute();
    expect(await linkedEpisodes()).toHaveLength(3);
    // The first child returns the next day and falls ill again on the third, with two new classmates.
    await env.ctx.db.updateTable('absence_episodes').set({ status: 'closed', closed_on: '2026-12-01' }).where('person_id', '=', students[0]).execute();
    await committedCheck({ schoolId, classId, date: '2026-12-02', expected: 10, ill: [students[0], students[3], students[4]], episodes: true });
    expect((await drainCheckRuleQueue(env.ctx)).evaluated).toBe(1);
    const grown = await env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', schoolId).execute();
    expect(grown).toHaveLength(1);
    expect(grown[0]).toMatchObject({ id: alert.id, case_count: 5, window_to: '2026-12-02' });
    const persons = await env.ctx.db.selectFrom('alert_persons').select('person_id').where('alert_id', '=', alert.id).orderBy('person_id').execute();
    expect(persons.map((p) => p.person_id)).toEqual(students.slice(0, 5));
    const episodes = await linkedEpisodes();
    expect(episodes.map((e) => [e.person_id, e.opened_on])).toEqual([
      [students[0], DATE], [students[0], '2026-12-02'], [students[1], DATE], [students[2], DATE], [students[3], '2026-12-02'], [students[4], '2026-12-02'],
    ]);
    // Evaluating the same day again links nothing more and does not grow the alert.
    const again = await env.ctx.db.selectFrom('class_checks').select('id').where('class_id', '=', classId).where('check_date', '=', '2026-12-02').executeTakeFirstOrThrow();
    await env.ctx.db.insertInto('check_rule_queue').values({ school_id: schoolId, class_id: classId, check_date: '2026-12-02', check_id: again.id }).execute();
    expect((await drainCheckRuleQueue(env.ctx)).evaluated).toBe(1);
    expect(await linkedEpisodes()).toHaveLength(6);
    const events = await env.ctx.db.selectFrom('alert_events').select('action').where('alert_id', '=', alert.id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['raised', 'grew']);
  });

  it('shows a student on approved leave as on leave and counts the absence without a new entry', async () => {
    env.clock.set('2026-11-30T00:30:00Z');
    const { schoolId, classId, students } = await schoolWithClass(5);
    await env.ctx.db.insertInto('leave_requests').values({
      person_id: students[1], school_id: schoolId, from_date: '2026-11-29', to_date: '2026-12-02', reason: '家事', destination: '郑州', status: 'approved',
      chain: JSON.stringify([]), requested_at: env.clock.now,
    } as never).execute();
    const teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username);
    const form = await teacher.get(`/api/checks/classes/${classId}/form?date=${DATE}&session=morning`);
    expect(form.statusCode).toBe(200);
    const roster = form.json().roster as Array<{ personId: number; status: string }>;
    expect(roster.find((r) => r.personId === students[1])?.status).toBe('on_leave');
    expect(roster.filter((r) => r.status === 'present')).toHaveLength(4);

    const res = await submit(teacher, classId, { date: DATE, session: 'morning', zeroReport: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().check.counts).toMatchObject({ expected: 5, present: 4, absentIll: 0, absentOther: 1 });
    const episodes = await env.ctx.db.selectFrom('absence_episodes').select('id').where('person_id', '=', students[1]).execute();
    expect(episodes).toHaveLength(0);
  });

  it('reminds the grid person, or else the class teacher, of each class not reported after the deadline, once', async () => {
    const schoolId = (await makeSchool(env.ctx)).id;
    const gridClass = (await makeClass(env.ctx, { schoolId })).id;
    const teacherClass = (await makeClass(env.ctx, { schoolId })).id;
    const reportedClass = (await makeClass(env.ctx, { schoolId })).id;
    for (const c of [gridClass, teacherClass, reportedClass]) await makeStudent(env.ctx, { classId: c });
    const gridPerson = await makeAccount(env.ctx, { role: 'school_admin', schoolId });
    const teacherOfGridClass = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: gridClass });
    const teacherOfTeacherClass = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: teacherClass });
    const teacherOfReported = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: reportedClass });
    await env.ctx.db.insertInto('grid_responsibilities').values({ unit_type: 'class', unit_key: String(gridClass), school_id: schoolId, region_code: null, account_id: gridPerson.id, assigned_by: null } as never).execute();
    const remindersOf = (accountId: number) => env.ctx.db.selectFrom('notifications').select(['dedupe_key', 'kind']).where('account_id', '=', accountId).where('kind', '=', 'check.missing_report').execute();

    // 08:30 in Shanghai: the morning deadline (09:00) has not passed.
    env.clock.set('2026-11-30T00:30:00Z');
    const reporter = await login(env, teacherOfReported.username);
    expect((await submit(reporter, reportedClass, { date: DATE, session: 'morning', zeroReport: true })).statusCode).toBe(200);
    await remindMissingReports(env.ctx);
    expect(await remindersOf(gridPerson.id)).toHaveLength(0);

    // 09:05: the two classes that have not reported are reminded, each to its responsible person.
    env.clock.set('2026-11-30T01:05:00Z');
    await remindMissingReports(env.ctx);
    expect(await remindersOf(gridPerson.id)).toEqual([{ dedupe_key: missingReportKey(gridClass, DATE, 'morning'), kind: 'check.missing_report' }]);
    expect(await remindersOf(teacherOfGridClass.id)).toHaveLength(0);
    expect(await remindersOf(teacherOfTeacherClass.id)).toEqual([{ dedupe_key: missingReportKey(teacherClass, DATE, 'morning'), kind: 'check.missing_report' }]);
    expect(await remindersOf(teacherOfReported.id)).toHaveLength(0);
    // The reminder opens the class's check page for that date and session.
    const link = await env.ctx.db.selectFrom('notifications').select('link').where('account_id', '=', teacherOfTeacherClass.id).where('kind', '=', 'check.missing_report').executeTakeFirstOrThrow();
    expect(link.link).toBe(`/checks/classes/${teacherClass}?date=${DATE}&session=morning`);

    // Running again reminds nobody twice; the noon session is reminded only after its own deadline.
    env.clock.set('2026-11-30T06:00:00Z');
    await remindMissingReports(env.ctx);
    expect(await remindersOf(gridPerson.id)).toHaveLength(1);
    env.clock.set('2026-11-30T06:31:00Z');
    await remindMissingReports(env.ctx);
    expect((await remindersOf(gridPerson.id)).map((r) => r.dedupe_key).sort()).toEqual([missingReportKey(gridClass, DATE, 'morning'), missingReportKey(gridClass, DATE, 'noon')].sort());
    expect((await remindersOf(teacherOfReported.id)).map((r) => r.dedupe_key)).toEqual([missingReportKey(reportedClass, DATE, 'noon')]);
    const total = await sql<{ n: number }>`select count(*)::int as n from notifications where kind = 'check.missing_report' and dedupe_key like ${`check.missing:${gridClass}:%`}`.execute(env.ctx.db);
    expect(Number(total.rows[0].n)).toBe(2);
  });
});
