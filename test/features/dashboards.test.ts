import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/domain/random/prng';
import { rebuildRollups } from '../../src/features/dashboards/rebuild';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStaff, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25'];
const SYMPTOMS = ['fever', 'cough', 'rash', 'diarrhea', 'vomiting'];

describe.each(databases())('daily roll-ups and dashboards on %s', (kind) => {
  let env: TestEnv;
  const classes: Array<{ id: number; schoolId: number; students: number[]; teacher: string }> = [];
  const schools: number[] = [];
  let county: TestSession;

  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2026-11-25T12:00:00Z');
    for (const regionCode of ['410105', '410102']) {
      const s = (await makeSchool(env.ctx, { regionCode, boarding: regionCode === '410102' })).id;
      schools.push(s);
      await makeStaff(env.ctx, { schoolId: s });
      for (let c = 0; c < 2; c++) {
        const cls = await makeClass(env.ctx, { schoolId: s });
        const students = [];
        for (let i = 0; i < 6; i++) students.push((await makeStudent(env.ctx, { classId: cls.id })).id);
        classes.push({ id: cls.id, schoolId: s, students, teacher: (await makeAccount(env.ctx, { role: 'class_teacher', schoolId: s, classId: cls.id })).username });
      }
    }
    county = await login(env, (await makeAccount(env.ctx, { role: 'city_officer', regionCode: '410100' })).username);
  }, 120_000);
  afterAll(() => env.close());

  it('keeps the roll-ups equal to a recomputation from raw rows through random submissions and edits', async () => {
    const rnd = mulberry32(20261125);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const sessions = new Map<string, TestSession>();
    const versions = new Map<string, number>();
    for (let step = 0; step < 40; step++) {
      const cls = pick(classes);
      const date = pick(DAYS);
      const session = pick(['morning', 'noon']);
      const s = sessions.get(cls.teacher) ?? (await login(env, cls.teacher));
      sessions.set(cls.teacher, s);
      const slot = `${cls.id}|${date}|${session}`;
      const chosen = cls.students.filter(() => rnd() < 0.3);
      const exceptions = chosen.map((personId) => {
        const status = pick(['absent_ill', 'absent_other', 'present_symptomatic'] as const);
        const symptoms = status === 'absent_other' ? [] : SYMPTOMS.filter(() => rnd() < 0.4);
        return { personId, status, symptoms: status === 'present_symptomatic' && !symptoms.length ? ['cough'] : symptoms, temperature: rnd() < 0.5 ? 36 + Math.round(rnd() * 30) / 10 : null };
      });
      // Sometimes a stale version, to exercise a refused edit that must change nothing.
      const stale = versions.has(slot) && rnd() < 0.15;
      const version = versions.has(slot) ? versions.get(slot)! - (stale ? 1 : 0) : undefined;
      const res = await s.request('POST', `/api/checks/classes/${cls.id}`, { date, session, exceptions, ...(version ? { version } : {}) }, { 'idempotency-key': `prop-${kind}-${step}` });
      if (stale || version === 0) expect(res.statusCode).toBe(409);
      else {
        expect(res.statusCode, res.body).toBe(200);
        versions.set(slot, res.json().check.version);
      }
      if (rnd() < 0.2) expect((await s.request('POST', `/api/checks/classes/${cls.id}`, { date, session, exceptions, ...(version ? { version } : {}) }, { 'idempotency-key': `prop-${kind}-${step}` })).statusCode).toBe(res.statusCode === 200 ? 200 : 409);
    }
    const report = await rebuildRollups(env.ctx.db, DAYS[0], DAYS[2], false);
    expect(report.mismatched).toEqual([]);
    expect(report.regionMismatched).toBe(0);
    expect(report.schoolRows).toBeGreaterThan(0);
  }, 120_000);

  it('serves the bureau dashboard and completeness from the summaries, sorted, and detects drift on rebuild', async () => {
    const res = await county.get(`/api/dashboards/region?regionCode=410100&date=${DAYS[2]}&days=3`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.children.length).toBeGreaterThan(5);
    const withData = body.children.filter((c: { classesExpected: number }) => c.classesExpected > 0);
    expect(withData.map((c: { code: string }) => c.code).sort()).toEqual(['410102', '410105']);
    const comp = (await county.get(`/api/dashboards/completeness?regionCode=410100&date=${DAYS[2]}&session=noon`)).json();
    expect(comp.totals.classesExpected).toBe(4);
    expect(comp.totals.completeness).toBe(comp.totals.classesReported / 4);
    // Drift introduced behind the application's back is found and repaired.
    await env.ctx.db.updateTable('school_day_summary').set({ absent_ill: 999 }).where('school_id', '=', schools[0]).where('check_date', '=', DAYS[2]).where('session', '=', 'noon').execute();
    const found = await rebuildRollups(env.ctx.db, DAYS[0], DAYS[2], true);
    expect(found.mismatched.length).toBeGreaterThan(0);
    expect((await rebuildRollups(env.ctx.db, DAYS[0], DAYS[2], false)).mismatched).toEqual([]);
  });

  it('shows a school its sessions, classes not reported, and exports the registers', async () => {
    const admin = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId: schools[1] })).username);
    const dash = (await admin.get(`/api/dashboards/schools/${schools[1]}?date=${DAYS[2]}`)).json();
    expect(dash.sessions.map((s: { session: string }) => s.session)).toEqual(['morning', 'noon', 'evening']);
    expect(dash.sessions[2].classesNotReported).toHaveLength(2);
    // An evening check at 20:00 Shanghai time (12:00 UTC, the clock): the register shows local time.
    const evening = classes.find((c) => c.schoolId === schools[1])!;
    // A child in isolation is counted absent by the check without being entered: the register names them.
    const doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId: schools[1] })).username);
    const isolated = evening.students[5];
    const order = await doctor.post('/api/isolations', { personId: isolated, disease: 'covid19', role: 'close_contact', kind: 'home', startsOn: DAYS[2], reason: '密接' });
    expect(order.statusCode, order.body).toBe(200);
    const isolatedName = (await env.ctx.db.selectFrom('persons').select('name').where('id', '=', isolated).executeTakeFirstOrThrow()).name;
    const teacher = await login(env, evening.teacher);
    expect((await teacher.request('POST', `/api/checks/classes/${evening.id}`, { date: DAYS[2], session: 'evening', exceptions: [] }, { 'idempotency-key': `register-${kind}` })).statusCode).toBe(200);
    const xlsx = await admin.get(`/api/dashboards/schools/${schools[1]}/check-register.xlsx?date=${DAYS[2]}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    let timeColumn = 0;
    const times: unknown[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell, col) => {
        if (cell.value === '上报时间') timeColumn = col;
      });
      if (timeColumn && row.getCell(timeColumn).value !== '上报时间') times.push(row.getCell(timeColumn).value);
    });
    expect(times).toContain('2026-11-25 20:00');
    const named: string[] = [];
    sheet.eachRow((row) => named.push(row.values && Array.isArray(row.values) ? row.values.join('|') : ''));
    expect(named.some((line) => line.includes(isolatedName) && line.includes('隔离中'))).toBe(true);
    for (const t of times) expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect((await admin.get(`/api/dashboards/schools/${schools[1]}/absence-register.xlsx?from=${DAYS[0]}&to=${DAYS[2]}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/dashboards/schools/${schools[0]}?date=${DAYS[2]}`)).statusCode).toBe(403);
  });
});
