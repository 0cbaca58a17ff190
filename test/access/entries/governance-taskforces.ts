import type { MatrixEntry } from '../entry';
import type { Fixture } from '../fixture';

/** A task force of school A (visible to every role that reads task forces on side A) and one of school B. */
async function ok(res: { statusCode: number; body: string; json(): any }, what: string) {
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const SHIFT_A = { startsAt: '2030-06-01T00:00:00Z', endsAt: '2030-06-01T08:00:00Z', post: '矩阵测试' };

async function ensureTaskForces(fx: Fixture) {
  if (fx.extra.taskForceA) return;
  const p = fx.sessions.province_officer;
  for (const [side, schoolId, accountId] of [['A', fx.schoolA, fx.accounts.county_officer.id], ['B', fx.schoolB, fx.victimB]] as const) {
    const id = (await ok(await p.post('/api/taskforces', { schoolId, name: `矩阵专班${side}`, remit: '访问控制测试' }), 'task force')).id;
    fx.extra[`taskForce${side}`] = id;
    fx.extra[`tfMember${side}`] = (await ok(await p.post(`/api/taskforces/${id}/members`, { accountId, duty: '值班' }), 'member')).id;
    fx.extra[`tfShift${side}`] = (await ok(await p.post(`/api/taskforces/${id}/shifts`, { shifts: [{ accountId, startsAt: '2030-07-01T00:00:00Z', endsAt: '2030-07-01T08:00:00Z' }] }), 'shift')).ids[0];
  }
}

const ids = (body: unknown) => ((body as { items?: { id?: number; taskForceId?: number }[] }).items ?? []).map((i) => i.id ?? i.taskForceId);

export const taskForceEntries: MatrixEntry[] = [
  { route: 'GET /api/taskforces', prepare: ensureTaskForces, inside: () => ({ url: '/api/taskforces' }), outside: null, leaks: (fx, body) => ids(body).includes(fx.extra.taskForceB) },
  {
    route: 'POST /api/taskforces',
    inside: (fx) => ({ url: '/api/taskforces', body: { schoolId: fx.schoolA, name: '矩阵新专班', remit: '访问控制测试' } }),
    outside: (fx) => ({ url: '/api/taskforces', body: { schoolId: fx.schoolB, name: '矩阵新专班', remit: '访问控制测试' } }),
  },
  { route: 'GET /api/taskforces/:id', prepare: ensureTaskForces, inside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceA}` }), outside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceB}` }) },
  {
    route: 'PUT /api/taskforces/:id',
    prepare: ensureTaskForces,
    inside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceA}`, body: { discipline: '矩阵测试纪律' } }),
    outside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceB}`, body: { discipline: '矩阵测试纪律' } }),
  },
  {
    route: 'POST /api/taskforces/:id/members',
    prepare: ensureTaskForces,
    inside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceA}/members`, body: { name: '联络员', duty: '联络' } }),
    outside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceB}/members`, body: { name: '联络员', duty: '联络' } }),
  },
  {
    route: 'POST /api/taskforces/:id/shifts',
    prepare: ensureTaskForces,
    // The first permitted caller adds the shift; the others send the same shift again, a retry that adds nothing.
    inside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceA}/shifts`, body: { shifts: [{ accountId: fx.accounts.county_officer.id, ...SHIFT_A }] } }),
    outside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceB}/shifts`, body: { shifts: [{ accountId: fx.victimB, ...SHIFT_A }] } }),
  },
  {
    route: 'DELETE /api/taskforces/:id/members/:memberId',
    prepare: ensureTaskForces,
    inside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceA}/members/${fx.extra.tfMemberA}` }),
    outside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceB}/members/${fx.extra.tfMemberB}` }),
    // The first permitted caller removes the member; later ones find it gone.
    allowed: [200, 404],
  },
  {
    route: 'DELETE /api/taskforces/:id/shifts/:shiftId',
    prepare: ensureTaskForces,
    inside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceA}/shifts/${fx.extra.tfShiftA}` }),
    outside: (fx) => ({ url: `/api/taskforces/${fx.extra.taskForceB}/shifts/${fx.extra.tfShiftB}` }),
    allowed: [200, 404],
  },
  { route: 'GET /api/duty/today', prepare: ensureTaskForces, inside: () => ({ url: '/api/duty/today?date=2030-07-01' }), outside: null, leaks: (fx, body) => ids(body).includes(fx.extra.taskForceB) },
];
