import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool } from '../harness/factories';
import { login } from '../harness/session';

describe.each(databases())('grid responsibility on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
  });
  afterAll(() => env.close());

  it('lists every unit without a responsible person and closes the gap when one is assigned', async () => {
    const school = await makeSchool(env.ctx, { regionCode: '410105', name: '网格小学' });
    const other = await makeSchool(env.ctx, { regionCode: '411627', name: '外县小学' });
    const cls = await makeClass(env.ctx, { schoolId: school.id });
    await makeClass(env.ctx, { schoolId: other.id });
    const officer = await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' });
    const teacher = await makeAccount(env.ctx, { role: 'class_teacher', schoolId: school.id, classId: cls.id });
    const s = await login(env, officer.username);
    const before = (await s.get('/api/grid/coverage')).json().levels;
    const classes = before.find((l: { unitType: string }) => l.unitType === 'class');
    expect(classes).toMatchObject({ total: 1, covered: 0 });
    expect(classes.missing[0].unitKey).toBe(String(cls.id));
    expect(JSON.stringify(before)).not.toContain('外县小学');
    const put = await s.request('PUT', '/api/grid', { unitType: 'class', unitKey: String(cls.id), accountId: teacher.id });
    expect(put.statusCode).toBe(200);
    const after = (await s.get('/api/grid/coverage')).json().levels.find((l: { unitType: string }) => l.unitType === 'class');
    expect(after).toMatchObject({ total: 1, covered: 1, missing: [] });
    const outside = await s.request('PUT', '/api/grid', { unitType: 'school', unitKey: String(other.id), accountId: teacher.id });
    expect(outside.statusCode).toBe(403);
    const unknown = await s.request('PUT', '/api/grid', { unitType: 'class', unitKey: '999999', accountId: teacher.id });
    expect(unknown.json().error).toMatchObject({ code: 'grid.unit_unknown', field: 'unitKey' });
  });
});
