import type { MatrixEntry } from '../entry';

const hasId = (id: number) => (items: unknown) => Array.isArray(items) && items.some((x: { id?: number }) => x.id === id);
const listLeaks = (pick: (fx: Parameters<NonNullable<MatrixEntry['leaks']>>[0]) => number) => (fx: Parameters<NonNullable<MatrixEntry['leaks']>>[0], body: unknown) =>
  hasId(pick(fx))((body as { items?: unknown }).items);
const strongPassword = 'a perfectly fine passphrase';

export const foundationEntries: MatrixEntry[] = [
  { route: 'GET /api/health', inside: () => ({ url: '/api/health' }), outside: null },
  { route: 'POST /api/auth/login', inside: () => ({ url: '/api/auth/login', body: { username: `nobody${Math.random()}`.slice(0, 20), password: 'wrong-password' } }), outside: null, allowed: [401] },
  { route: 'POST /api/auth/logout', inside: () => ({ url: '/api/auth/logout' }), outside: null, endsSession: true },
  { route: 'GET /api/me', inside: () => ({ url: '/api/me' }), outside: null },
  { route: 'POST /api/me/password', inside: () => ({ url: '/api/me/password', body: { currentPassword: 'not-the-password', newPassword: strongPassword } }), outside: null, allowed: [400] },
  { route: 'GET /api/accounts', inside: () => ({ url: '/api/accounts?limit=500' }), outside: null, leaks: listLeaks((fx) => fx.victimB) },
  {
    route: 'POST /api/accounts',
    inside: (fx) => ({ url: '/api/accounts', body: { username: `t${Math.random().toString(36).slice(2, 10)}`, displayName: '新老师', password: strongPassword, role: 'gate_guard', schoolId: fx.schoolA } }),
    outside: (fx) => ({ url: '/api/accounts', body: { username: `t${Math.random().toString(36).slice(2, 10)}`, displayName: '新老师', password: strongPassword, role: 'gate_guard', schoolId: fx.schoolB } }),
  },
  { route: 'POST /api/accounts/:id/reset-password', inside: (fx) => ({ url: `/api/accounts/${fx.victimA}/reset-password`, body: { newPassword: strongPassword } }), outside: (fx) => ({ url: `/api/accounts/${fx.victimB}/reset-password`, body: { newPassword: strongPassword } }) },
  { route: 'POST /api/accounts/:id/disable', inside: (fx) => ({ url: `/api/accounts/${fx.victimA}/disable` }), outside: (fx) => ({ url: `/api/accounts/${fx.victimB}/disable` }) },
  { route: 'POST /api/accounts/:id/enable', inside: (fx) => ({ url: `/api/accounts/${fx.victimA}/enable` }), outside: (fx) => ({ url: `/api/accounts/${fx.victimB}/enable` }) },
  { route: 'GET /api/audit', inside: () => ({ url: '/api/audit' }), outside: null },
  { route: 'GET /api/audit/export', inside: () => ({ url: '/api/audit/export' }), outside: null },
  { route: 'GET /api/audit/verify', inside: () => ({ url: '/api/audit/verify' }), outside: null },
  { route: 'GET /api/regions', inside: () => ({ url: '/api/regions' }), outside: null, leaks: (_fx, body) => JSON.stringify(body).includes('"411627"') },
  { route: 'GET /api/regions/:code', inside: () => ({ url: '/api/regions/410105' }), outside: () => ({ url: '/api/regions/411627' }), allowed: [200, 403] },
  { route: 'GET /api/schools', inside: () => ({ url: '/api/schools' }), outside: null, leaks: listLeaks((fx) => fx.schoolB) },
  { route: 'GET /api/schools/:id', inside: (fx) => ({ url: `/api/schools/${fx.schoolA}` }), outside: (fx) => ({ url: `/api/schools/${fx.schoolB}` }) },
  { route: 'POST /api/schools', inside: () => ({ url: '/api/schools', body: { code: String(1_000_000_000 + Math.floor(Math.random() * 8e8)), name: '新建学校', regionCode: '410105', type: 'primary' } }), outside: () => ({ url: '/api/schools', body: { code: String(1_000_000_000 + Math.floor(Math.random() * 8e8)), name: '新建学校', regionCode: '411627', type: 'primary' } }), allowed: [200, 403] },
  { route: 'POST /api/schools/:id/grades', inside: (fx) => ({ url: `/api/schools/${fx.schoolA}/grades`, body: { name: `G${Math.random()}`.slice(0, 12), entryYear: 2026 } }), outside: (fx) => ({ url: `/api/schools/${fx.schoolB}/grades`, body: { name: `G${Math.random()}`.slice(0, 12), entryYear: 2026 } }) },
  { route: 'POST /api/schools/:id/classes', inside: (fx) => ({ url: `/api/schools/${fx.schoolA}/classes`, body: { gradeId: fx.gradeA, name: `C${Math.random()}`.slice(0, 12) } }), outside: (fx) => ({ url: `/api/schools/${fx.schoolB}/classes`, body: { gradeId: fx.gradeB, name: `C${Math.random()}`.slice(0, 12) } }) },
  { route: 'POST /api/schools/:id/dorms', inside: (fx) => ({ url: `/api/schools/${fx.schoolA}/dorms`, body: { building: 'A', room: `R${Math.random()}`.slice(0, 12), capacity: 8 } }), outside: (fx) => ({ url: `/api/schools/${fx.schoolB}/dorms`, body: { building: 'A', room: `R${Math.random()}`.slice(0, 12), capacity: 8 } }) },
  { route: 'GET /api/people', inside: () => ({ url: '/api/people?limit=1000' }), outside: null, leaks: listLeaks((fx) => fx.studentB) },
  { route: 'GET /api/people/export', inside: () => ({ url: '/api/people/export' }), outside: null },
  { route: 'GET /api/people/:id', inside: (fx) => ({ url: `/api/people/${fx.studentA}` }), outside: (fx) => ({ url: `/api/people/${fx.studentB}` }) },
  {
    route: 'POST /api/people',
    inside: (fx) => ({ url: '/api/people', body: { kind: 'co_resident', schoolId: fx.schoolA, name: '新家属', householdOf: fx.studentA, relation: '母亲' } }),
    outside: (fx) => ({ url: '/api/people', body: { kind: 'co_resident', schoolId: fx.schoolB, name: '新家属', householdOf: fx.studentB, relation: '母亲' } }),
  },
  { route: 'PATCH /api/people/:id', inside: (fx) => ({ url: `/api/people/${fx.studentA}`, body: { occupation: '学生' } }), outside: (fx) => ({ url: `/api/people/${fx.studentB}`, body: { occupation: '学生' } }) },
  { route: 'POST /api/people/:id/unmask', inside: (fx) => ({ url: `/api/people/${fx.studentA}/unmask`, body: { field: 'idNumber' } }), outside: (fx) => ({ url: `/api/people/${fx.studentB}/unmask`, body: { field: 'idNumber' } }) },
  { route: 'GET /api/grid/coverage', inside: () => ({ url: '/api/grid/coverage' }), outside: null, leaks: (_fx, body) => JSON.stringify(body).includes('乙校') },
  { route: 'GET /api/grid/candidates', inside: () => ({ url: '/api/grid/candidates' }), outside: (fx) => ({ url: `/api/grid/candidates?unitType=school&unitKey=${fx.schoolB}` }), leaks: (fx, body) => JSON.stringify(body).includes(`"id":${fx.victimB},`) },
  { route: 'GET /api/grid', inside: (fx) => ({ url: `/api/grid?schoolId=${fx.schoolA}` }), outside: null },
  {
    route: 'PUT /api/grid',
    inside: (fx) => ({ url: '/api/grid', body: { unitType: 'school', unitKey: String(fx.schoolA), accountId: fx.victimA } }),
    outside: (fx) => ({ url: '/api/grid', body: { unitType: 'school', unitKey: String(fx.schoolB), accountId: fx.victimB } }),
  },
  {
    route: 'DELETE /api/grid/:id',
    inside: (fx) => ({ url: `/api/grid/${fx.extra.gridA}` }),
    outside: (fx) => ({ url: `/api/grid/${fx.extra.gridB}` }),
    allowed: [200, 404],
  },
];
