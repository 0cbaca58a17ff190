import type { MatrixEntry } from '../entry';
import type { Fixture } from '../fixture';

// The fixture's clock reads 2026-11-30 09:00 in Shanghai, a school day.
const DATE = '2026-11-30';
let keys = 0;
const key = () => ({ 'idempotency-key': `matrix-${Date.now()}-${++keys}` });
const leaksPerson = (id: (fx: Fixture) => number) => (fx: Fixture, body: unknown) => JSON.stringify((body as { items?: unknown }).items ?? []).includes(`"personId":${id(fx)},`);

/**
 * Checks, exceptions and episodes on both sides, made through the API by each side's school
 * administrator (the one for school B is created by the system administrator).
 */
async function ensure(fx: Fixture) {
  if (fx.extra.episodeA) return;
  const sys = fx.sessions.sysadmin;
  const password = 'matrix-admin-pass-2026';
  const username = `dm_admin_b_${Date.now()}`;
  const created = await sys.post('/api/accounts', { username, displayName: '乙校管理员', password, role: 'school_admin', schoolId: fx.schoolB });
  if (created.statusCode !== 200) throw new Error(`matrix set-up failed: ${created.body}`);
  const loginRes = await sys.request('POST', '/api/auth/login', { username, password }, { cookie: '' });
  const cookie = loginRes.cookies.find((c) => c.name === 'cg_session')!;
  const csrf = loginRes.json().csrfToken as string;
  // A new account may do nothing but change the password the administrator set (src/features/accounts/password-gate.ts).
  const changed = await sys.request('POST', '/api/me/password', { currentPassword: password, newPassword: `${password}-own` }, { cookie: `cg_session=${cookie.value}`, 'x-csrf-token': csrf });
  if (changed.statusCode !== 200) throw new Error(`matrix set-up failed: ${changed.body}`);
  const adminB = (method: 'POST', url: string, body: unknown) => sys.request(method, url, body, { cookie: `cg_session=${cookie.value}`, 'x-csrf-token': csrf, ...key() });
  const adminA = (method: 'POST', url: string, body: unknown) => fx.sessions.school_admin.request(method, url, body, key());
  for (const [side, post, classId, school, student, staff] of [['A', adminA, fx.classA, fx.schoolA, fx.studentA, fx.staffA], ['B', adminB, fx.classB, fx.schoolB, fx.studentB, fx.staffB]] as const) {
    const c = await post('POST', `/api/checks/classes/${classId}`, { date: DATE, session: 'morning', exceptions: [{ personId: student, status: 'absent_ill', symptoms: ['fever'], temperature: 38.5 }] });
    if (c.statusCode !== 200) throw new Error(`matrix set-up failed: ${c.body}`);
    const s = await post('POST', `/api/checks/schools/${school}/staff`, { date: DATE, session: 'morning', exceptions: [{ personId: staff, status: 'absent_other' }] });
    if (s.statusCode !== 200) throw new Error(`matrix set-up failed: ${s.body}`);
    fx.extra[`staffCheck${side}`] = s.json().check.id;
  }
}

// Exception and episode ids are looked up through the province officer, who sees both sides.
async function ensureIds(fx: Fixture) {
  await ensure(fx);
  if (fx.extra.exceptionA) return;
  const p = fx.sessions.province_officer;
  const episodes = (await p.get('/api/absences/episodes?limit=1000')).json().items as Array<{ id: number; personId: number }>;
  fx.extra.episodeA = episodes.find((e) => e.personId === fx.studentA)!.id;
  fx.extra.episodeB = episodes.find((e) => e.personId === fx.studentB)!.id;
  for (const side of ['A', 'B'] as const) {
    const staff = side === 'A' ? fx.staffA : fx.staffB;
    const file = (await p.get(`/api/people/${staff}`)).json() as { sections: Array<{ key: string; items: Array<{ id: number }> }> };
    fx.extra[`exception${side}`] = file.sections.find((s) => s.key === 'checks')!.items[0].id;
  }
}

const prepare = (fx: Fixture) => ensureIds(fx);
const side = (f: (fx: Fixture, s: 'A' | 'B') => { url: string; body?: unknown; headers?: Record<string, string> }) => ({ inside: (fx: Fixture) => f(fx, 'A'), outside: (fx: Fixture) => f(fx, 'B'), prepare });
const cls = (fx: Fixture, s: 'A' | 'B') => (s === 'A' ? fx.classA : fx.classB);
const sch = (fx: Fixture, s: 'A' | 'B') => (s === 'A' ? fx.schoolA : fx.schoolB);
const reg = (s: 'A' | 'B') => (s === 'A' ? '410105' : '411627');

export const dailyMonitoringEntries: MatrixEntry[] = [
  { route: 'GET /api/checks/classes/:classId/form', ...side((fx, s) => ({ url: `/api/checks/classes/${cls(fx, s)}/form?date=${DATE}&session=noon` })) },
  // Later roles edit a check an earlier role already submitted without its version: 409.
  { route: 'POST /api/checks/classes/:classId', allowed: [200, 409], ...side((fx, s) => ({ url: `/api/checks/classes/${cls(fx, s)}`, body: { date: DATE, session: 'noon', zeroReport: true }, headers: key() })) },
  { route: 'GET /api/checks/classes/:classId', ...side((fx, s) => ({ url: `/api/checks/classes/${cls(fx, s)}?from=2026-11-01&to=${DATE}` })) },
  // Class teachers hold check.read but the staff check is outside their class: 403 by scope.
  { route: 'GET /api/checks/schools/:schoolId/staff-form', allowed: [200, 403], ...side((fx, s) => ({ url: `/api/checks/schools/${sch(fx, s)}/staff-form?date=${DATE}&session=noon` })) },
  { route: 'POST /api/checks/schools/:schoolId/staff', allowed: [200, 403, 409], ...side((fx, s) => ({ url: `/api/checks/schools/${sch(fx, s)}/staff`, body: { date: DATE, session: 'noon', zeroReport: true }, headers: key() })) },
  // Converting stores the check's exceptions afresh, so after the first caller the id is gone: 404.
  { route: 'POST /api/checks/exceptions/:id/convert-to-illness', allowed: [200, 403, 404], ...side((fx, s) => ({ url: `/api/checks/exceptions/${fx.extra[`exception${s}`]}/convert-to-illness`, body: {} })) },
  { route: 'GET /api/absences/episodes', prepare, inside: () => ({ url: '/api/absences/episodes?limit=1000' }), outside: null, leaks: leaksPerson((fx) => fx.studentB) },
  { route: 'GET /api/absences/queue', ...side((fx, s) => ({ url: `/api/absences/queue?schoolId=${sch(fx, s)}` })) },
  { route: 'GET /api/absences/episodes/:id', ...side((fx, s) => ({ url: `/api/absences/episodes/${fx.extra[`episode${s}`]}` })) },
  { route: 'PATCH /api/absences/episodes/:id', allowed: [200, 409], ...side((fx, s) => ({ url: `/api/absences/episodes/${fx.extra[`episode${s}`]}`, body: { version: 1, hospital: '市医院' } })) },
  // A certificate with symptoms remaining is refused, so the episode stays open for every role.
  { route: 'POST /api/absences/episodes/:id/returns', ...side((fx, s) => ({ url: `/api/absences/episodes/${fx.extra[`episode${s}`]}/returns`, body: { hospital: '市医院', issuedOn: DATE, returnOn: DATE, symptomsResolved: false } })) },
  { route: 'GET /api/absences/policies', inside: () => ({ url: '/api/absences/policies' }), outside: null },
  { route: 'PUT /api/absences/policies/:regionCode/:diseaseCode', inside: () => ({ url: '/api/absences/policies/410100/mumps', body: { minDaysFromOnset: 9, feverFreeHours: null, symptomFreeHours: null, requiresLesionsCrusted: false, requiresTestNegative: false } }), outside: () => ({ url: '/api/absences/policies/411600/mumps', body: { minDaysFromOnset: 9, feverFreeHours: null, symptomFreeHours: null, requiresLesionsCrusted: false, requiresTestNegative: false } }) },
  // School roles hold dashboard.read for their school's page; a region's page is outside their scope: 403.
  { route: 'GET /api/dashboards/region', allowed: [200, 403], inside: () => ({ url: `/api/dashboards/region?regionCode=${reg('A')}&date=${DATE}` }), outside: () => ({ url: `/api/dashboards/region?regionCode=${reg('B')}&date=${DATE}` }) },
  { route: 'GET /api/dashboards/completeness', allowed: [200, 403], inside: () => ({ url: `/api/dashboards/completeness?regionCode=${reg('A')}&date=${DATE}` }), outside: () => ({ url: `/api/dashboards/completeness?regionCode=${reg('B')}&date=${DATE}` }) },
  { route: 'GET /api/dashboards/schools/:schoolId', ...side((fx, s) => ({ url: `/api/dashboards/schools/${sch(fx, s)}?date=${DATE}` })) },
  { route: 'GET /api/dashboards/schools/:schoolId/check-register.xlsx', ...side((fx, s) => ({ url: `/api/dashboards/schools/${sch(fx, s)}/check-register.xlsx?date=${DATE}` })) },
  { route: 'GET /api/dashboards/schools/:schoolId/absence-register.xlsx', ...side((fx, s) => ({ url: `/api/dashboards/schools/${sch(fx, s)}/absence-register.xlsx?from=2026-11-01&to=${DATE}` })) },
];
