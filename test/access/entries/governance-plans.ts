import type { MatrixEntry } from '../entry';
import type { Fixture } from '../fixture';

/** Plans, drills, a guidance team (with a visit to the side's school, so the school sees it) and an incident per side. */
async function ok(res: { statusCode: number; body: string; json(): any }, what: string) {
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const BODY = '一、总则\n二、应急处置流程';
const PAST = '2026-11-01';

async function ensurePlans(fx: Fixture) {
  if (fx.extra.planA) return;
  const p = fx.sessions.province_officer;
  for (const [side, schoolId, region] of [['A', fx.schoolA, '410105'], ['B', fx.schoolB, '411627']] as const) {
    fx.extra[`plan${side}`] = (await ok(await p.post('/api/plans', { schoolId, kind: 'emergency_response', title: `矩阵预案${side}`, body: BODY }), 'plan')).id;
    fx.extra[`drill${side}`] = (await ok(await p.post('/api/drills', { schoolId, heldOn: PAST, scenario: '矩阵演练', participants: 10 }), 'drill')).id;
    const team = (await ok(await p.post('/api/guidance-teams', { regionCode: region, kind: 'mobile', name: `矩阵指导组${side}`, members: '张三' }), 'team')).id;
    await ok(await p.post(`/api/guidance-teams/${team}/visits`, { schoolId, visitedOn: PAST, summary: '矩阵走访' }), 'visit');
    fx.extra[`team${side}`] = team;
    fx.extra[`incident${side}`] = (await ok(await p.post('/api/opinion-incidents', { schoolId, source: '家长群', summary: '矩阵舆情', severity: 'low' }), 'incident')).id;
  }
}

const ids = (body: unknown) => ((body as { items?: { id: number }[] }).items ?? []).map((i) => i.id);
const leaks = (key: string) => (fx: Fixture, body: unknown) => ids(body).includes(fx.extra[key]);
const pair = (path: (id: number) => string, key: string, body?: unknown) => ({
  prepare: ensurePlans,
  inside: (fx: Fixture) => ({ url: path(fx.extra[`${key}A`]), body }),
  outside: (fx: Fixture) => ({ url: path(fx.extra[`${key}B`]), body }),
});

export const planEntries: MatrixEntry[] = [
  { route: 'GET /api/plans', prepare: ensurePlans, inside: () => ({ url: '/api/plans' }), outside: null, leaks: leaks('planB') },
  {
    route: 'POST /api/plans',
    inside: (fx) => ({ url: '/api/plans', body: { schoolId: fx.schoolA, kind: 'work_plan', title: '矩阵工作方案', body: BODY } }),
    outside: (fx) => ({ url: '/api/plans', body: { schoolId: fx.schoolB, kind: 'work_plan', title: '矩阵工作方案', body: BODY } }),
  },
  { route: 'GET /api/plans/:id', ...pair((id) => `/api/plans/${id}`, 'plan') },
  { route: 'POST /api/plans/:id/versions', ...pair((id) => `/api/plans/${id}/versions`, 'plan', { body: `${BODY}\n三、善后`, note: '矩阵修订' }) },
  { route: 'GET /api/drills', prepare: ensurePlans, inside: () => ({ url: '/api/drills' }), outside: null, leaks: leaks('drillB') },
  {
    route: 'POST /api/drills',
    inside: (fx) => ({ url: '/api/drills', body: { schoolId: fx.schoolA, heldOn: PAST, scenario: '矩阵演练', participants: 5 } }),
    outside: (fx) => ({ url: '/api/drills', body: { schoolId: fx.schoolB, heldOn: PAST, scenario: '矩阵演练', participants: 5 } }),
  },
  { route: 'GET /api/guidance-teams', prepare: ensurePlans, inside: () => ({ url: '/api/guidance-teams' }), outside: null, leaks: leaks('teamB') },
  {
    route: 'POST /api/guidance-teams',
    inside: () => ({ url: '/api/guidance-teams', body: { regionCode: '410105', kind: 'fixed_area', name: '矩阵片区组', members: '李四' } }),
    outside: () => ({ url: '/api/guidance-teams', body: { regionCode: '411627', kind: 'fixed_area', name: '矩阵片区组', members: '李四' } }),
  },
  { route: 'GET /api/guidance-teams/:id', ...pair((id) => `/api/guidance-teams/${id}`, 'team') },
  {
    route: 'POST /api/guidance-teams/:id/visits',
    prepare: ensurePlans,
    inside: (fx) => ({ url: `/api/guidance-teams/${fx.extra.teamA}/visits`, body: { schoolId: fx.schoolA, visitedOn: PAST, summary: '矩阵走访' } }),
    outside: (fx) => ({ url: `/api/guidance-teams/${fx.extra.teamB}/visits`, body: { schoolId: fx.schoolB, visitedOn: PAST, summary: '矩阵走访' } }),
  },
  { route: 'GET /api/opinion-incidents', prepare: ensurePlans, inside: () => ({ url: '/api/opinion-incidents' }), outside: null, leaks: leaks('incidentB') },
  {
    route: 'POST /api/opinion-incidents',
    inside: (fx) => ({ url: '/api/opinion-incidents', body: { schoolId: fx.schoolA, source: '微博', summary: '矩阵舆情', severity: 'low' } }),
    outside: (fx) => ({ url: '/api/opinion-incidents', body: { schoolId: fx.schoolB, source: '微博', summary: '矩阵舆情', severity: 'low' } }),
  },
  { route: 'GET /api/opinion-incidents/:id', ...pair((id) => `/api/opinion-incidents/${id}`, 'incident') },
  { route: 'POST /api/opinion-incidents/:id/responses', ...pair((id) => `/api/opinion-incidents/${id}/responses`, 'incident', { body: '矩阵回应' }) },
];
