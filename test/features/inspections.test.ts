import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { governanceWorld, type GovernanceWorld, PNG, plusDays, upload } from './governance-fixture';

const TODAY = '2026-11-30';

describe.each(databases())('inspections on %s', (kind) => {
  let env: TestEnv;
  let w: GovernanceWorld;
  let covertId: number;
  let itemKeys: string[];
  beforeAll(async () => {
    env = await createTestEnv(kind);
    w = await governanceWorld(env);
  });
  afterAll(() => env.close());

  it('keeps a covert inspection invisible to the inspected school until it is completed', async () => {
    const made = await w.county.s.post('/api/inspections', { schoolId: w.schoolId, level: 'county', method: 'covert', scheduledOn: TODAY, inspectorIds: [w.county.id] });
    expect(made.statusCode, made.body).toBe(200);
    covertId = made.json().id;
    for (const s of [w.principal.s, w.doctor.s]) {
      const list = (await s.get('/api/inspections')).json();
      expect(list.items.map((i: { id: number }) => i.id)).not.toContain(covertId);
      expect(list.can.planBureauInspections).toBe(false);
      expect((await s.get(`/api/inspections/${covertId}`)).statusCode).toBe(404);
    }
    expect((await w.principal.s.request('PUT', `/api/inspections/${covertId}/answers`, { answers: [{ itemKey: 'work_plan', result: 'pass' }] })).statusCode).toBe(404);
    const officer = (await w.county.s.get(`/api/inspections/${covertId}`)).json();
    expect(officer.inspection.unannounced).toBe(true);
    itemKeys = officer.items.map((i: { key: string }) => i.key);
    expect(itemKeys).toHaveLength(18);
    expect(officer.items.find((i: { key: string }) => i.key === 'sys_joint_prevention').liveFigure).toMatchObject({ key: 'pairing', available: true, value: 'no' });
  });

  it('refuses to complete with unanswered items or a finding without a deadline, writing nothing', async () => {
    const half = itemKeys.slice(0, 9).map((itemKey) => ({ itemKey, result: 'pass' }));
    expect((await w.county.s.request('PUT', `/api/inspections/${covertId}/answers`, { answers: half })).statusCode).toBe(200);
    const early = await w.county.s.post(`/api/inspections/${covertId}/complete`, { summary: '未完成' });
    expect(early.json().error).toMatchObject({ code: 'inspection.unanswered', field: 'answers' });
    const rest = itemKeys.slice(9).map((itemKey, i) => ({ itemKey, result: i === 0 ? 'fail' : 'pass', note: i === 0 ? '晨检记录缺三天' : undefined }));
    await w.county.s.request('PUT', `/api/inspections/${covertId}/answers`, { answers: rest });
    const bad = await w.county.s.post(`/api/inspections/${covertId}/complete`, { summary: '暗查完成', findings: [{ title: '晨检记录不全', requiredEvidence: '补齐的晨检记录照片' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation.required', field: 'findings/0/deadline' });
    const unknown = await w.county.s.post(`/api/inspections/${covertId}/complete`, { summary: '暗查完成', findings: [{ itemKey: 'nope', title: '晨检记录不全', deadline: plusDays(TODAY, 3), requiredEvidence: '照片' }] });
    expect(unknown.json().error).toMatchObject({ code: 'finding.item_unknown', field: 'findings/0/itemKey' });
    expect(await env.ctx.db.selectFrom('findings').selectAll().execute()).toHaveLength(0);
    expect((await env.ctx.db.selectFrom('inspections').select('status').where('id', '=', covertId).executeTakeFirstOrThrow()).status).toBe('in_progress');
  });

  it('takes photos checked by content, completes with a finding owned by the grid owner, and then shows it to the school', async () => {
    expect((await upload(w.county.s, `/api/inspections/${covertId}/photos?itemKey=sys_health_checks`, PNG, 'image/png')).statusCode).toBe(200);
    expect((await upload(w.county.s, `/api/inspections/${covertId}/photos?itemKey=sys_health_checks`, PNG, 'image/png')).statusCode).toBe(200);
    const fake = await upload(w.county.s, `/api/inspections/${covertId}/photos`, Buffer.from('<svg></svg>'), 'image/png');
    expect(fake.json().error).toMatchObject({ code: 'evidence.type_not_allowed', field: 'file' });
    const done = await w.county.s.post(`/api/inspections/${covertId}/complete`, {
      summary: '暗查完成，发现晨检记录不全',
      findings: [{ itemKey: 'sys_health_checks', title: '晨检记录不全', deadline: plusDays(TODAY, 3), requiredEvidence: '补齐的晨检记录照片', severity: 'high' }],
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().score).toBeCloseTo(94.4, 1);
    const school = (await w.principal.s.get(`/api/inspections/${covertId}`)).json();
    expect(school.inspection.status).toBe('completed');
    expect(school.findings[0]).toMatchObject({ ownerAccountId: w.principal.id, title: '晨检记录不全' });
    expect(school.items.find((i: { key: string }) => i.key === 'sys_health_checks').photoIds).toHaveLength(1);
    expect(school.can.work).toBe(false);
    expect((await w.county.s.post(`/api/inspections/${covertId}/complete`, { summary: 'again' })).statusCode).toBe(409);
  });

  it('names the missing owner when the school has no one in the grid', async () => {
    const made = (await w.county.s.post('/api/inspections', { schoolId: w.otherSchoolId, level: 'county', method: 'phone', scheduledOn: TODAY, inspectorIds: [w.county.id] })).json();
    const items = (await w.county.s.get(`/api/inspections/${made.id}`)).json().items.map((i: { key: string }) => ({ itemKey: i.key, result: 'na' }));
    await w.county.s.request('PUT', `/api/inspections/${made.id}/answers`, { answers: items });
    const res = await w.county.s.post(`/api/inspections/${made.id}/complete`, { summary: '电话调查', findings: [{ title: '无人负责', deadline: plusDays(TODAY, 2), requiredEvidence: '网格名单' }] });
    expect(res.json().error).toMatchObject({ code: 'finding.owner_required', field: 'findings/0/ownerAccountId' });
  });

  it('lets a school record only its own announced school-level inspections, with valid inspectors', async () => {
    const covert = await w.principal.s.post('/api/inspections', { schoolId: w.schoolId, level: 'school', method: 'covert', scheduledOn: TODAY, inspectorIds: [w.principal.id] });
    expect(covert.json().error).toMatchObject({ code: 'inspection.level_not_allowed', field: 'method' });
    const own = await w.principal.s.post('/api/inspections', { schoolId: w.schoolId, level: 'school', method: 'directed', scheduledOn: TODAY, inspectorIds: [w.principal.id] });
    expect(own.statusCode).toBe(200);
    const wrongInspector = await w.county.s.post('/api/inspections', { schoolId: w.schoolId, level: 'county', method: 'video', scheduledOn: TODAY, inspectorIds: [w.county.id, w.doctor.id] });
    expect(wrongInspector.json().error).toMatchObject({ code: 'inspection.inspector_invalid', field: 'inspectorIds/1' });
  });
});
