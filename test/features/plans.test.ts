import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeSchool } from '../harness/factories';
import { governanceWorld, type GovernanceWorld } from './governance-fixture';

const BODY = '一、总则\n二、组织体系\n三、应急响应分级\n四、处置流程';

describe.each(databases())('plans, drills, guidance teams and opinion incidents on %s', (kind) => {
  let env: TestEnv;
  let w: GovernanceWorld;
  let schoolPlan: number;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    w = await governanceWorld(env);
  });
  afterAll(() => env.close());

  it('keeps contingency plans as versioned documents per school and bureau', async () => {
    const made = await w.principal.s.post('/api/plans', { schoolId: w.schoolId, kind: 'emergency_response', title: '校园疫情应急处置预案', body: BODY });
    expect(made.json()).toMatchObject({ version: 1 });
    schoolPlan = made.json().id;
    expect((await w.principal.s.post(`/api/plans/${schoolPlan}/versions`, { body: `${BODY}\n五、善后`, note: '增加善后章节' })).json()).toMatchObject({ version: 2 });
    const bureau = await w.county.s.post('/api/plans', { regionCode: '410105', kind: 'public_opinion', title: '舆情应对预案', body: BODY });
    expect(bureau.statusCode).toBe(200);
    expect((await w.principal.s.post('/api/plans', { regionCode: '410105', kind: 'work_plan', title: '越权', body: BODY })).json().error).toMatchObject({ code: 'plan.place_required', field: 'schoolId' });
    expect((await w.principal.s.post('/api/plans', { schoolId: w.otherSchoolId, kind: 'work_plan', title: '他校', body: BODY })).statusCode).toBe(403);
    const latest = (await w.county.s.get(`/api/plans/${schoolPlan}`)).json();
    expect(latest.version).toMatchObject({ version: 2, note: '增加善后章节' });
    expect(latest.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await w.county.s.get(`/api/plans/${schoolPlan}?version=1`)).json().version.body).toBe(BODY);
    expect((await w.county.s.get(`/api/plans/${schoolPlan}?version=9`)).json().error).toMatchObject({ code: 'plan.version_unknown', field: 'version' });
    expect((await w.principal.s.get('/api/plans')).json().items.map((p: { id: number }) => p.id)).toEqual([schoolPlan]);
    expect((await w.principal.s.get(`/api/plans/${bureau.json().id}`)).statusCode).toBe(404);
    // The checklist's live figure now sees the school's emergency plan.
    const checklist = (await w.principal.s.get('/api/checklists')).json().items[0];
    const figures = (await w.principal.s.get(`/api/checklists/versions/${checklist.latestVersionId}?schoolId=${w.schoolId}`)).json().liveFigures;
    expect(Object.values(figures)).toContainEqual(expect.objectContaining({ key: 'plan:emergency_response', value: 'v2', ok: true }));
  });

  it('records drills against a plan, refusing future dates and other schools’ plans', async () => {
    const ok = await w.principal.s.post('/api/drills', { schoolId: w.schoolId, planId: schoolPlan, heldOn: '2026-11-28', scenario: '晨检发现发热学生', participants: 120, summary: '10 分钟完成转运' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await w.principal.s.post('/api/drills', { schoolId: w.schoolId, heldOn: '2026-12-01', scenario: '未来', participants: 1 })).json().error).toMatchObject({ code: 'drill.future_date', field: 'heldOn' });
    const otherPlan = (await w.county.s.post('/api/plans', { schoolId: w.otherSchoolId, kind: 'emergency_response', title: '他校预案', body: BODY })).json().id;
    expect((await w.county.s.post('/api/drills', { schoolId: w.schoolId, planId: otherPlan, heldOn: '2026-11-28', scenario: '错配', participants: 1 })).json().error).toMatchObject({ code: 'plan.unknown', field: 'planId' });
    expect((await w.county.s.post('/api/drills', { schoolId: w.schoolId, heldOn: '2026-11-28', scenario: '负数', participants: -1 })).json().error.field).toBe('participants');
    expect((await w.county.s.get(`/api/plans/${schoolPlan}`)).json().drills).toHaveLength(1);
    expect((await w.county.s.get('/api/drills?regionCode=410105')).json().items).toHaveLength(1);
  });

  it('assigns guidance teams to areas and logs their visits; a school sees only its own visits', async () => {
    expect((await w.principal.s.post('/api/guidance-teams', { regionCode: '410105', kind: 'mobile', name: '越权', members: '张三' })).statusCode).toBe(403);
    const team = (await w.county.s.post('/api/guidance-teams', { regionCode: '410105', kind: 'fixed_area', name: '第一片区指导组', area: '金水区北片', members: '张三、李四' })).json().id;
    const far = await makeSchool(env.ctx, { regionCode: '410102' });
    const city = await w.city.s.post(`/api/guidance-teams/${team}/visits`, { schoolId: far.id, visitedOn: '2026-11-29', summary: '片区外' });
    expect(city.json().error).toMatchObject({ code: 'guidance.school_outside_area', field: 'schoolId' });
    for (const schoolId of [w.schoolId, w.otherSchoolId]) expect((await w.county.s.post(`/api/guidance-teams/${team}/visits`, { schoolId, visitedOn: '2026-11-29', summary: '检查晨检与消毒记录' })).statusCode).toBe(200);
    expect((await w.county.s.get(`/api/guidance-teams/${team}`)).json().visits).toHaveLength(2);
    const seen = (await w.principal.s.get(`/api/guidance-teams/${team}`)).json();
    expect(seen.visits.map((v: { schoolId: number }) => v.schoolId)).toEqual([w.schoolId]);
    expect((await w.principal.s.get('/api/guidance-teams')).json().items[0]).toMatchObject({ name: '第一片区指导组', visits: 2, lastVisitOn: '2026-11-29' });
  });

  it('tracks public-opinion incidents with responses until closed', async () => {
    const id = (await w.principal.s.post('/api/opinion-incidents', { schoolId: w.schoolId, source: '家长群', summary: '传言学校停课', severity: 'medium' })).json().id;
    expect((await w.county.s.post(`/api/opinion-incidents/${id}/responses`, { body: '已发布辟谣通知' })).statusCode).toBe(200);
    expect((await w.principal.s.post(`/api/opinion-incidents/${id}/responses`, { body: '家长会说明情况', close: true })).statusCode).toBe(200);
    expect((await w.county.s.post(`/api/opinion-incidents/${id}/responses`, { body: '再回应' })).json().error.code).toBe('opinion.closed');
    const detail = (await w.county.s.get(`/api/opinion-incidents/${id}`)).json();
    expect(detail.incident).toMatchObject({ status: 'closed', responses: 2 });
    expect(detail.can.respond).toBe(false);
    expect((await w.county.s.post('/api/opinion-incidents', { regionCode: '410105', source: '微博', summary: '网传', severity: 'urgent' })).json().error.field).toBe('severity');
  });
});
