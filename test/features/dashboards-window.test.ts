import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../src/features/dashboards/rebuild';
import { openWindow } from '../../src/features/dashboards/window';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

type Row = { date: string; classesExpected: number; classesReported: number; completeness: number | null; schools: number };

// Monday 2026-11-30, 12:00 in Shanghai. The trend's window of 14 days starts on Tuesday 2026-11-17.
const NOW = '2026-11-30T04:00:00Z';
const SCHOOL_DAYS = ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30'];

describe.each(databases())('bureau trend: every expected school counts on every school day, on %s', (kind) => {
  let env: TestEnv;
  let officer: TestSession;
  let teacher: TestSession;
  let reportingClass = 0;

  const classes = async (schoolId: number, n: number) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = await makeClass(env.ctx, { schoolId });
      await makeStudent(env.ctx, { classId: c.id });
      ids.push(c.id);
    }
    return ids;
  };

  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set(NOW);
    // County 410105: a reports, b never does, c's own term ended on 20 November, d runs no morning check.
    const a = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    reportingClass = (await classes(a, 2))[0];
    await classes((await makeSchool(env.ctx, { regionCode: '410105' })).id, 3);
    const c = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    await classes(c, 1);
    await env.ctx.db.insertInto('school_terms').values({ school_id: c, start_date: '2026-09-01', end_date: '2026-11-20', name: 'short' }).execute();
    const d = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    await classes(d, 1);
    await env.ctx.db.insertInto('check_sessions').values({ school_id: d, session: 'noon', deadline: '14:30' }).execute();
    // Another county of the city, nobody reports.
    await classes((await makeSchool(env.ctx, { regionCode: '410102' })).id, 4);
    teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId: a, classId: reportingClass })).username);
    officer = await login(env, (await makeAccount(env.ctx, { role: 'city_officer', regionCode: '410100' })).username);
  }, 120_000);
  afterAll(() => env.close());

  const trend = async (regionCode: string, date?: string) => {
    const res = await officer.get(`/api/dashboards/region?regionCode=${regionCode}&days=14${date ? `&date=${date}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().trend as Row[];
  };

  it('counts every expected class on past school days, shows days without reports as 0 % and leaves out weekends', async () => {
    const res = await teacher.request('POST', `/api/checks/classes/${reportingClass}`, { date: '2026-11-27', session: 'morning', exceptions: [] }, { 'idempotency-key': `window-${kind}` });
    expect(res.statusCode, res.body).toBe(200);
    const county = await trend('410105');
    expect(county.map((r) => r.date)).toEqual(SCHOOL_DAYS);
    const day = (rows: Row[], date: string) => rows.find((r) => r.date === date)!;
    // 2 + 3 classes of a and b; c is on vacation, d has no morning check.
    expect(day(county, '2026-11-27')).toMatchObject({ schools: 2, classesExpected: 5, classesReported: 1, completeness: 0.2 });
    expect(day(county, '2026-11-26')).toMatchObject({ classesExpected: 5, classesReported: 0, completeness: 0 });
    expect(day(county, '2026-11-20')).toMatchObject({ schools: 3, classesExpected: 6, completeness: 0 });
    const city = await trend('410100');
    expect(day(city, '2026-11-27')).toMatchObject({ classesExpected: 9, classesReported: 1 });
    expect(day(city, '2026-11-23')).toMatchObject({ classesExpected: 9, classesReported: 0, completeness: 0 });
  });

  it('gives the same trend whichever day was opened, and a second view writes nothing', async () => {
    const before = await trend('410100');
    await trend('410105', '2026-11-27');
    const after = await trend('410100');
    expect(after).toEqual(before);
    expect((await openWindow(env.ctx.db, '410100', '2026-11-17', '2026-11-30', 'morning')).opened).toBe(0);
    const noon = await officer.get('/api/dashboards/completeness?regionCode=410105&date=2026-11-26&session=noon');
    // Noon: a, b and d (c is on vacation).
    expect(noon.json().totals).toMatchObject({ schools: 3, classesExpected: 6, classesReported: 0 });
  });

  it('keeps the opened rows in agreement with a rebuild from raw rows', async () => {
    const report = await rebuildRollups(env.ctx.db, '2026-11-17', '2026-11-30', false);
    expect(report.mismatched).toEqual([]);
    expect(report.regionMismatched).toBe(0);
  });
});
