import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

describe.each(databases())('staggered schedules on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let classes: number[];
  let admin: TestSession;
  const body = (gateCapacity = 60) => ({
    schoolId,
    gates: [{ id: 'east', name: '东门', capacityPerSlot: gateCapacity }, { id: 'west', name: '西门', capacityPerSlot: gateCapacity }],
    canteenAreas: [{ id: 'a', name: '一楼', seatsPerSlot: 50, seating: '同向就座' }],
    windows: { arrival: { start: '07:30', slotMinutes: 10 }, departure: { start: '16:30', slotMinutes: 10 }, dining: { start: '11:40', slotMinutes: 20, end: '13:00' } },
    rules: { separateGrades: 'all' },
  });
  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classes = [];
    for (const [grade, name] of [['一年级', '1班'], ['一年级', '2班'], ['二年级', '1班'], ['二年级', '2班']]) {
      const c = (await makeClass(env.ctx, { schoolId, gradeName: grade, name })).id;
      classes.push(c);
      for (let i = 0; i < 20; i++) await makeStudent(env.ctx, { classId: c });
    }
    await env.ctx.db.updateTable('grades').set({ entry_year: 2025 }).where('school_id', '=', schoolId).where('name', '=', '二年级').execute();
    admin = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId })).username);
  });
  afterAll(() => env.close());

  it('schedules the school within capacities, stores it, and the class slots can be read back', async () => {
    const res = await admin.post('/api/stagger/schedules', body());
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.classes).toHaveLength(4);
    for (const phase of ['arrival', 'departure', 'dining'] as const) {
      const load = new Map<string, number>();
      for (const c of s.classes) load.set(`${c[phase].slot}|${c[phase].resourceId}`, (load.get(`${c[phase].slot}|${c[phase].resourceId}`) ?? 0) + c.size);
      const cap = phase === 'dining' ? 50 : 60;
      for (const v of load.values()) expect(v).toBeLessThanOrEqual(cap);
    }
    // Grades kept apart: no slot holds classes of two grades.
    const grade = (name: string) => name.slice(0, 3);
    for (const phase of ['arrival', 'dining'] as const) {
      const bySlot = new Map<number, Set<string>>();
      for (const c of s.classes) bySlot.set(c[phase].slot, (bySlot.get(c[phase].slot) ?? new Set()).add(grade(c.className)));
      for (const g of bySlot.values()) expect(g.size).toBe(1);
    }
    const rows = await env.ctx.db.selectFrom('stagger_assignments').selectAll().where('class_id', '=', classes[0]).where('phase', '=', 'dining').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ resource_id: 'a', resource_name: '一楼' });
    const current = (await admin.get(`/api/stagger/schedules/current?schoolId=${schoolId}`)).json();
    expect(current.id).toBe(s.id);
    const xlsx = await admin.get(`/api/stagger/schedules/current/export?schoolId=${schoolId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('错峰安排')!.rowCount).toBe(6);
  });

  it('a schedule whose capacities cannot be met is refused, naming the constraint, and the timetable in force stays', async () => {
    const before = (await admin.get(`/api/stagger/schedules/current?schoolId=${schoolId}`)).json().id;
    const tooSmall = await admin.post('/api/stagger/schedules', body(10));
    expect(tooSmall.statusCode).toBe(400);
    expect(tooSmall.json().error.code).toBe('stagger.class_exceeds_capacity');
    expect(tooSmall.json().error.field).toMatch(/^classes\/\d\/size$/);
    // The solver's reason is worded in the caller's language, with no English inside the Chinese.
    expect(tooSmall.json().error.message).toMatch(/^有班级人数超过最大校门\/就餐区域的单批容量：班级第 \d 项 › 人数（入校：[一二]年级\d班有 20 名学生，但最大的校门每批只能容纳 10 人）$/);
    const shortBody = { ...body(), windows: { ...body().windows, dining: { start: '11:40', slotMinutes: 20, end: '12:00' } } };
    const short = await admin.post('/api/stagger/schedules', shortBody);
    expect(short.json().error).toMatchObject({ code: 'stagger.window_too_short', field: 'windows/dining/end' });
    expect(short.json().error.message).toMatch(/^时间窗口太短，任何安排都无法满足容量：时间窗口 › 就餐 › 结束时间（就餐至少需要 \d+ 个时段，窗口只能容纳 1 个）$/);
    const en = await admin.request('POST', '/api/stagger/schedules', shortBody, { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/^The window is too short for any timetable within capacity: time windows › dining › end \(dining needs at least \d+ slots; the window holds 1\)$/);
    expect((await admin.get(`/api/stagger/schedules/current?schoolId=${schoolId}`)).json().id).toBe(before);
    const count = await env.ctx.db.selectFrom('stagger_schedules').select((eb) => eb.fn.countAll<number>().as('n')).where('school_id', '=', schoolId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});
