import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeSchool } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

let n = 0;
const key = () => `hyg-key-${Date.now()}-${++n}`;

describe.each(databases())('hygiene logs on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let doctor: TestSession;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
  });
  afterAll(() => env.close());

  it('records ventilation and disinfection per area; a retry is recorded once', async () => {
    const area = (await doctor.post('/api/hygiene/areas', { schoolId, name: '一年级1班教室', areaType: 'classroom' })).json().id;
    const k = key();
    const body = { areaId: area, kind: 'disinfection', method: '擦拭', agent: '含氯消毒剂 500mg/L', doneBy: '保洁张阿姨', idempotencyKey: k };
    const first = await doctor.post('/api/hygiene/logs', body);
    expect(first.json()).toMatchObject({ duplicate: false });
    const again = await doctor.post('/api/hygiene/logs', body);
    expect(again.json()).toEqual({ id: first.json().id, duplicate: true });
    const logs = (await doctor.get(`/api/hygiene/logs?schoolId=${schoolId}`)).json().items;
    expect(logs.filter((l: { areaId: number }) => l.areaId === area)).toHaveLength(1);
    const areas = (await doctor.get(`/api/hygiene/areas?schoolId=${schoolId}`)).json().items;
    expect(areas.find((a: { id: number }) => a.id === area).lastDisinfection).not.toBeNull();
  });

  it('lists overdue areas, tighter under emergency footing', async () => {
    const area = (await doctor.post('/api/hygiene/areas', { schoolId, name: '食堂一楼', areaType: 'canteen' })).json().id;
    // Aired and disinfected five hours ago (the session stays valid at the present time).
    const fiveHoursAgo = new Date(env.clock.now.getTime() - 5 * 3_600_000).toISOString();
    await doctor.post('/api/hygiene/logs', { areaId: area, kind: 'ventilation', method: '开窗通风', doneBy: '王师傅', doneAt: fiveHoursAgo, idempotencyKey: key() });
    await doctor.post('/api/hygiene/logs', { areaId: area, kind: 'disinfection', method: '喷洒', agent: '过氧乙酸', doneBy: '王师傅', doneAt: fiveHoursAgo, idempotencyKey: key() });
    await env.ctx.db.updateTable('hygiene_areas').set({ created_at: new Date(fiveHoursAgo) }).where('id', '=', area).execute();
    {
      const normal = (await doctor.get(`/api/hygiene/overdue?schoolId=${schoolId}`)).json();
      expect(normal.footing).toBe('normal');
      expect(normal.items.filter((i: { areaId: number }) => i.areaId === area)).toEqual([]);
      const hasFootings = (await sql<{ t: string | null }>`select to_regclass('footings')::text as t`.execute(env.ctx.db)).rows[0].t;
      if (!hasFootings) return;
      await sql`insert into footings (scope_type, scope_key, mode, status, trigger, reason, at) values ('school', ${String(schoolId)}, 'emergency', 'in_force', 'decision', '测试', now())`.execute(env.ctx.db);
      const emergency = (await doctor.get(`/api/hygiene/overdue?schoolId=${schoolId}`)).json();
      expect(emergency.footing).toBe('emergency');
      const kinds = emergency.items.filter((i: { areaId: number }) => i.areaId === area).map((i: { kind: string }) => i.kind).sort();
      expect(kinds).toEqual(['disinfection', 'ventilation']);
    }
  });

  it('bad input names the field and writes nothing', async () => {
    const area = (await doctor.post('/api/hygiene/areas', { schoolId, name: '男厕', areaType: 'toilet' })).json().id;
    const count = async () => Number((await env.ctx.db.selectFrom('hygiene_logs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const noResult = await doctor.post('/api/hygiene/logs', { areaId: area, kind: 'inspection', method: '现场检查', doneBy: '校医', idempotencyKey: key() });
    expect(noResult.json().error).toMatchObject({ code: 'hygiene.result_required', field: 'result' });
    const future = await doctor.post('/api/hygiene/logs', { areaId: area, kind: 'ventilation', method: '开窗', doneBy: '校医', doneAt: '2030-01-01T00:00:00Z', idempotencyKey: key() });
    expect(future.json().error).toMatchObject({ code: 'hygiene.in_future', field: 'doneAt' });
    const badType = await doctor.post('/api/hygiene/areas', { schoolId, name: '奇怪', areaType: 'spaceship' });
    expect(badType.json().error.field).toBe('areaType');
    const other = (await makeSchool(env.ctx)).id;
    expect((await doctor.get(`/api/hygiene/overdue?schoolId=${other}`)).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });
});
