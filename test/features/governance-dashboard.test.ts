import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { isWebPage, webRoutes } from '../harness/web-routes';
import { governanceWorld, type GovernanceWorld, plusDays } from './governance-fixture';

describe.each(databases())('bureau dashboard on %s', (kind) => {
  let env: TestEnv;
  let w: GovernanceWorld;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    w = await governanceWorld(env);
  });
  afterAll(() => env.close());

  it('answers from live data, each figure with its list, and exports to Excel', async () => {
    await w.county.s.post('/api/findings', { schoolId: w.schoolId, title: '消毒记录缺失', deadline: plusDays('2026-11-30', 2), requiredEvidence: '照片' });
    await w.county.s.post('/api/inspections', { schoolId: w.schoolId, level: 'county', method: 'directed', scheduledOn: '2026-12-01', inspectorIds: [w.county.id] });
    const d = (await w.city.s.get('/api/governance/dashboard?regionCode=410105')).json();
    const fig = (k: string) => d.figures.find((f: { key: string }) => f.key === k);
    expect(fig('schools')).toMatchObject({ value: 2, available: true });
    expect(fig('findingsOpen').value).toBe(1);
    expect(fig('findingsOpen').link).toContain('/findings?');
    const routes = webRoutes();
    expect(routes.length).toBeGreaterThan(20);
    for (const f of d.figures as Array<{ key: string; link: string }>) expect(`${f.key} ${isWebPage(f.link, routes)}`).toBe(`${f.key} true`);
    expect(fig('inspectionsThisWeek').value).toBe(1);
    expect(fig('pairingCoverage')).toMatchObject({ value: 0, total: 2 });
    // The fixture's school has a school-doctor account, none registered: it counts as having a doctor.
    expect(fig('schoolDoctors')).toMatchObject({ value: 1, total: 2 });
    expect(d.week).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect((await w.county.s.get('/api/governance/dashboard')).json().regionCode).toBe('410105');
    expect((await w.county.s.get('/api/governance/dashboard?regionCode=410100')).statusCode).toBe(403);
    const xlsx = await w.city.s.get('/api/governance/dashboard/export?regionCode=410105');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
