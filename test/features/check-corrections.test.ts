import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/domain/random/prng';
import { checkRuleDrainer } from '../../src/features/alerts/check-rule-queue';
import { rebuildRollups } from '../../src/features/dashboards/rebuild';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

// An edit of a check that takes back someone's absent-ill report corrects the illness episode that
// report opened or continued (src/features/absences/episodes.ts correctIllnessAbsences): withdrawn
// when nothing else supports it and nobody worked on it, narrowed when other reports remain, kept for
// the doctor when follow-up was recorded. The roll-ups follow the edit's delta and stay rebuildable.
describe.each(databases())('check corrections and illness episodes on %s', (kind) => {
  let env: TestEnv;
  let teacher: TestSession;
  let doctor: TestSession;
  let schoolId: number;
  let classId: number;
  let students: number[];
  let n = 0;
  const submit = async (body: object) => {
    const res = await teacher.request('POST', `/api/checks/classes/${classId}`, body, { 'idempotency-key': `corr-${kind}-${++n}-${Date.now()}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().check as { id: number; version: number };
  };
  const ill = (personId: number, symptoms = ['fever']) => ({ personId, status: 'absent_ill', symptoms, temperature: 38.2 });
  const episodesOf = (personId: number) => env.ctx.db.selectFrom('absence_episodes').selectAll().where('person_id', '=', personId).execute();
  const queuedPersons = async () => ((await doctor.get(`/api/absences/queue?schoolId=${schoolId}&date=2026-11-30`)).json().items as Array<{ personId: number }>).map((i) => i.personId);
  const rollupsAgree = async (from: string, to: string) => {
    const report = await rebuildRollups(env.ctx.db, from, to, false);
    expect(report.mismatched).toEqual([]);
    expect(report.regionMismatched).toBe(0);
  };

  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2026-11-30T04:30:00Z'); // Monday 30 November, 12:30
    schoolId = (await makeSchool(env.ctx)).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    students = [];
    for (let i = 0; i < 8; i++) students.push((await makeStudent(env.ctx, { classId })).id);
    teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username);
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
  });
  // The early-warning rules of first submissions run after the answer: let them finish first.
  afterAll(async () => {
    await checkRuleDrainer(env.ctx).idle();
    await env.close();
  });

  it('withdraws the episode of a child whose only absent-ill report is corrected to another child', async () => {
    const [wrong, right] = students;
    await submit({ date: '2026-11-27', session: 'morning', exceptions: [ill(wrong)] });
    const opened = await episodesOf(wrong);
    expect(opened).toHaveLength(1);
    const edit = await submit({ date: '2026-11-27', session: 'morning', version: 1, exceptions: [ill(right)] });
    expect(edit.version).toBe(2);

    expect(await episodesOf(wrong)).toHaveLength(0);
    expect(await episodesOf(right)).toHaveLength(1);
    expect(await queuedPersons()).toEqual([right]);
    const dashboard = (await doctor.get(`/api/dashboards/schools/${schoolId}?date=2026-11-30`)).json();
    expect(dashboard.openEpisodes.map((e: { personId: number }) => e.personId)).toEqual([right]);
    const file = (await doctor.get(`/api/people/${wrong}`)).json();
    expect(file.sections.find((s: { key: string }) => s.key === 'absence_episodes').items).toEqual([]);
    const audit = await env.ctx.db.selectFrom('audit_log').select(['action', 'object_id', 'detail']).where('action', '=', 'absence.correct').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ object_id: String(opened[0].id), detail: { outcome: 'withdrawn', personId: wrong, checkId: edit.id, version: 2 } });
    await rollupsAgree('2026-11-27', '2026-11-27');
  });

  it('narrows an episode to the reports that remain when one of several is taken back', async () => {
    const child = students[2];
    await submit({ date: '2026-11-24', session: 'morning', exceptions: [ill(child, ['fever'])] });
    const noon = await submit({ date: '2026-11-24', session: 'noon', exceptions: [ill(child, ['fever'])] });
    await submit({ date: '2026-11-25', session: 'morning', exceptions: [ill(child, ['cough'])] });
    expect(await episodesOf(child)).toMatchObject([{ opened_on: '2026-11-24', last_absent_on: '2026-11-25', absent_sessions: 3, symptoms: ['cough', 'fever'] }]);

    // The last day was a mistake: the episode ends a day earlier and keeps the two reports of the first.
    await submit({ date: '2026-11-25', session: 'morning', version: 1, exceptions: [] });
    expect(await episodesOf(child)).toMatchObject([{ opened_on: '2026-11-24', last_absent_on: '2026-11-24', absent_sessions: 2, symptoms: ['fever'], status: 'open' }]);
    // The child was at school at noon after all (absent for another reason).
    await submit({ date: '2026-11-24', session: 'noon', version: noon.version, exceptions: [{ personId: child, status: 'absent_other' }] });
    expect(await episodesOf(child)).toMatchObject([{ opened_on: '2026-11-24', last_absent_on: '2026-11-24', absent_sessions: 1 }]);
    // And the morning report goes too: nothing supports the episode any more.
    await submit({ date: '2026-11-24', session: 'morning', version: 1, exceptions: [{ personId: child, status: 'present_symptomatic', symptoms: ['cough'] }] });
    expect(await episodesOf(child)).toHaveLength(0);
    await rollupsAgree('2026-11-24', '2026-11-25');
  });

  it('moves the first day of an episode when its first report is taken back', async () => {
    const child = students[3];
    await submit({ date: '2026-11-19', session: 'morning', exceptions: [ill(child, ['vomiting'])] });
    await submit({ date: '2026-11-20', session: 'morning', exceptions: [ill(child, ['diarrhea'])] });
    await submit({ date: '2026-11-19', session: 'morning', version: 1, zeroReport: true });
    expect(await episodesOf(child)).toMatchObject([{ opened_on: '2026-11-20', last_absent_on: '2026-11-20', absent_sessions: 1, symptoms: ['diarrhea'] }]);
    await rollupsAgree('2026-11-19', '2026-11-20');
  });

  it('keeps an episode the doctor has worked on, visible in the queue, and keeps the doctor\'s record', async () => {
    const child = students[4];
    await submit({ date: '2026-11-18', session: 'morning', exceptions: [ill(child)] });
    const [ep] = await episodesOf(child);
    const follow = await doctor.request('PATCH', `/api/absences/episodes/${ep.id}`, { version: 1, guardianContactedAt: '2026-11-30T04:00:00Z', guardianContactMethod: 'phone' });
    expect(follow.statusCode).toBe(200);
    await submit({ date: '2026-11-18', session: 'morning', version: 1, exceptions: [] });
    const [kept] = await episodesOf(child);
    expect(kept).toMatchObject({ id: ep.id, status: 'open', guardian_contact_method: 'phone', version: 2, opened_on: '2026-11-18', absent_sessions: 1 });
    expect(await queuedPersons()).toContain(child);
    const audit = await env.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'absence.correct').where('object_id', '=', String(ep.id)).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ outcome: 'kept', personId: child });
  });

  it('keeps an episode that an alert already counts, for whoever handles the alert', async () => {
    const child = students[6];
    await submit({ date: '2026-11-26', session: 'morning', exceptions: [ill(child)] });
    const [ep] = await episodesOf(child);
    const school = await env.ctx.db.selectFrom('schools').select('region_code').where('id', '=', schoolId).executeTakeFirstOrThrow();
    const now = env.ctx.now();
    const alert = await env.ctx.db.insertInto('alerts').values({
      source: 'rule', rule: 'test', unit_kind: 'class', unit_id: String(classId), school_id: schoolId, class_id: classId, region_code: school.region_code, level: 'report',
      deadline: '24h', window_from: '2026-11-26', window_to: '2026-11-26', case_count: 1, raised_at: now, due_at: now, updated_at: now,
    } as never).returning('id').executeTakeFirstOrThrow();
    await env.ctx.db.insertInto('alert_episodes').values({ alert_id: alert.id, episode_id: ep.id }).execute();
    await submit({ date: '2026-11-26', session: 'morning', version: 1, zeroReport: true });
    expect(await episodesOf(child)).toMatchObject([{ id: ep.id, status: 'open' }]);
    await rollupsAgree('2026-11-26', '2026-11-26');
  });

  it('withdraws an illness corrected to another reason, and the doctor can still convert it back', async () => {
    const child = students[5];
    await submit({ date: '2026-11-17', session: 'morning', exceptions: [ill(child)] });
    await submit({ date: '2026-11-17', session: 'morning', version: 1, exceptions: [{ personId: child, status: 'absent_other' }] });
    expect(await episodesOf(child)).toHaveLength(0);
    const exc = await env.ctx.db.selectFrom('check_exceptions').select('id').where('person_id', '=', child).where('check_date', '=', '2026-11-17').executeTakeFirstOrThrow();
    const conv = await doctor.post(`/api/checks/exceptions/${exc.id}/convert-to-illness`, { symptoms: ['cough'] });
    expect(conv.statusCode).toBe(200);
    expect(await episodesOf(child)).toMatchObject([{ opened_on: '2026-11-17', absent_sessions: 1, symptoms: ['cough'], status: 'open' }]);
    await rollupsAgree('2026-11-17', '2026-11-17');
  });

  it('starts a child absent ill at the morning check as absent ill at noon, which the teacher can still change', async () => {
    const child = students[7];
    type Entry = { personId: number; status: string; symptoms: string[] };
    const form = async (session: string) => (await teacher.get(`/api/checks/classes/${classId}/form?date=2026-11-30&session=${session}`)).json().roster as Entry[];
    await submit({ date: '2026-11-30', session: 'morning', exceptions: [ill(child, ['fever', 'cough'])] });
    const noon = await form('noon');
    expect(noon.find((r) => r.personId === child)).toMatchObject({ status: 'absent_ill', symptoms: ['fever', 'cough'] });
    expect(noon.filter((r) => r.status !== 'present').map((r) => r.personId)).toEqual([child]);
    // The phone page sends what the form starts with as its marks: the episode continues.
    const marks = noon.filter((r) => r.status === 'absent_ill').map((r) => ({ personId: r.personId, status: r.status, symptoms: r.symptoms }));
    const stored = (await teacher.request('POST', `/api/checks/classes/${classId}`, { date: '2026-11-30', session: 'noon', exceptions: marks }, { 'idempotency-key': `corr-noon-${kind}` })).json().check;
    expect(stored.counts).toMatchObject({ absentIll: 1, present: students.length - 1 });
    expect(await episodesOf(child)).toMatchObject([{ opened_on: '2026-11-30', absent_sessions: 2, status: 'open' }]);
    // The child came back after all: the stored noon check is what the form shows from now on.
    await submit({ date: '2026-11-30', session: 'noon', version: 1, zeroReport: true });
    expect((await form('noon')).find((r) => r.personId === child)?.status).toBe('present');
    expect(await episodesOf(child)).toMatchObject([{ absent_sessions: 1 }]);
    await rollupsAgree('2026-11-30', '2026-11-30');
  });

  it('keeps each child\'s episode equal to a recomputation from the stored reports through random submissions and edits', async () => {
    const cls = (await makeClass(env.ctx, { schoolId })).id;
    const kids: number[] = [];
    for (let i = 0; i < 5; i++) kids.push((await makeStudent(env.ctx, { classId: cls })).id);
    const s = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: cls })).username);
    const days = ['2026-11-09', '2026-11-10', '2026-11-11'];
    const rnd = mulberry32(20261109);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const versions = new Map<string, number>();
    for (let step = 0; step < 40; step++) {
      const date = pick(days);
      const session = pick(['morning', 'noon']);
      const slot = `${date}|${session}`;
      const exceptions = kids.filter(() => rnd() < 0.4).map((personId) => {
        const status = pick(['absent_ill', 'absent_ill', 'absent_other', 'present_symptomatic'] as const);
        return { personId, status, symptoms: status === 'absent_other' ? [] : [pick(['fever', 'cough', 'diarrhea'])] };
      });
      const version = versions.get(slot);
      const res = await s.request('POST', `/api/checks/classes/${cls}`, { date, session, exceptions, ...(version ? { version } : {}) }, { 'idempotency-key': `corr-prop-${kind}-${step}` });
      expect(res.statusCode, res.body).toBe(200);
      versions.set(slot, res.json().check.version);
    }
    // Nobody closed or followed up an episode here, so each child has at most one, spanning all their reports.
    for (const child of kids) {
      const reports = await env.ctx.db.selectFrom('check_exceptions').select('check_date').where('person_id', '=', child).where('status', '=', 'absent_ill').execute();
      const dates = reports.map((r) => r.check_date).sort();
      const episodes = await episodesOf(child);
      if (!dates.length) expect(episodes).toEqual([]);
      else expect(episodes).toMatchObject([{ opened_on: dates[0], last_absent_on: dates[dates.length - 1], absent_sessions: dates.length, status: 'open' }]);
    }
    await rollupsAgree(days[0], days[2]);
  }, 120_000);
});
