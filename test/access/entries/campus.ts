import type { MatrixEntry, MatrixRequest } from '../entry';
import type { Fixture } from '../fixture';

/**
 * Campus operations. Objects of school B are made through the API by roles that reach it: venue
 * codes by the province officer, gate entries by a guard of school B created by the administrator.
 */
const tokens: Record<string, string> = {};
type Req = (method: string, url: string, body?: unknown) => Promise<{ statusCode: number; body: string; json(): unknown }>;
const inB = new WeakMap<Fixture, Map<string, Req>>();
const rand = () => Math.random().toString(36).slice(2, 12);

async function issue(fx: Fixture, key: string, schoolId: number) {
  const s = fx.sessions.province_officer;
  const res = await s.post('/api/venue-codes', { schoolId, kind: 'gate', name: `门${key}` });
  if (res.statusCode !== 200) throw new Error(`issue venue code: ${res.body}`);
  const id = res.json().id as number;
  const row = await s.get(`/api/venue-codes/${id}`);
  fx.extra[key] = id;
  tokens[key] = row.json().token;
}

async function ensureCodes(fx: Fixture) {
  if (fx.extra.venueA) return;
  await issue(fx, 'venueA', fx.schoolA);
  await issue(fx, 'venueB', fx.schoolB);
}

/** A session of a fresh account of `role` in school B, made by the system administrator. */
async function sessionInB(fx: Fixture, role: 'gate_guard' | 'school_doctor' | 'school_admin' = 'gate_guard'): Promise<Req> {
  let known = inB.get(fx);
  if (!known) inB.set(fx, (known = new Map()));
  const cached = known.get(role);
  if (cached) return cached;
  const admin = fx.sessions.sysadmin;
  const username = `${role.slice(0, 6)}b_${rand()}`;
  const password = 'a perfectly fine passphrase';
  const made = await admin.post('/api/accounts', { username, displayName: '乙校账号', password, role, schoolId: fx.schoolB });
  if (made.statusCode !== 200) throw new Error(`create ${role} in B: ${made.body}`);
  const res = await admin.request('POST', '/api/auth/login', { username, password }, { cookie: '' });
  const cookie = res.cookies.find((c) => c.name === 'cg_session')!;
  const headers = { cookie: `cg_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken as string };
  // A new account may do nothing but change the password the administrator set (src/features/accounts/password-gate.ts).
  const changed = await admin.request('POST', '/api/me/password', { currentPassword: password, newPassword: `${password} too` }, headers);
  if (changed.statusCode !== 200) throw new Error(`password change of ${role} in B: ${changed.body}`);
  const req: Req = (method, url, body) => admin.request(method as 'POST', url, body, headers);
  known.set(role, req);
  return req;
}

const entryBody = (token: string | undefined, personId: number, temperature = 36.5) => ({
  venueToken: token ?? 'x',
  direction: 'in',
  subject: { personId },
  checks: { realNameVerified: true, maskWorn: true, venueCodeScanned: true, travelRecordShown: true },
  temperature,
  idempotencyKey: `k${rand()}${rand()}`,
});

async function feverNotices(fx: Fixture) {
  await ensureCodes(fx);
  const a = await fx.sessions.gate_guard.post('/api/gate/entries', entryBody(tokens.venueA, fx.studentA, 38.2));
  const b = await (await sessionInB(fx))('POST', '/api/gate/entries', entryBody(tokens.venueB, fx.studentB, 38.2));
  if (a.statusCode !== 200 || b.statusCode !== 200) throw new Error('fever entries for the notice entries failed');
  const noticeOf = async (schoolId: number) => {
    const list = await fx.sessions.province_officer.get(`/api/gate/refusals?schoolId=${schoolId}`);
    return (list.json().items as { noticeId: number | null; noticeAcknowledged: boolean | null }[]).find((i) => i.noticeId && i.noticeAcknowledged === false)!.noticeId!;
  };
  fx.extra.noticeA = await noticeOf(fx.schoolA);
  fx.extra.noticeB = await noticeOf(fx.schoolB);
}

const bySchool = (path: string) => ({
  inside: (fx: Fixture): MatrixRequest => ({ url: `${path}?schoolId=${fx.schoolA}` }),
  outside: (fx: Fixture): MatrixRequest => ({ url: `${path}?schoolId=${fx.schoolB}` }),
  prepare: ensureCodes,
});

const freshCode = (key: string) => async (fx: Fixture) => {
  await issue(fx, `${key}A`, fx.schoolA);
  await issue(fx, `${key}B`, fx.schoolB);
};

async function hygieneAreas(fx: Fixture) {
  if (fx.extra.areaA) return;
  const a = await fx.sessions.school_doctor.post('/api/hygiene/areas', { schoolId: fx.schoolA, name: `教室${rand()}`.slice(0, 12), areaType: 'classroom' });
  const b = await (await sessionInB(fx, 'school_doctor'))('POST', '/api/hygiene/areas', { schoolId: fx.schoolB, name: `教室${rand()}`.slice(0, 12), areaType: 'classroom' });
  fx.extra.areaA = (a.json() as { id: number }).id;
  fx.extra.areaB = (b.json() as { id: number }).id;
}

const hygieneLog = (areaId: number) => ({ areaId, kind: 'ventilation', method: '开窗通风', doneBy: '值日生', idempotencyKey: `m${rand()}${rand()}` });

async function notices(fx: Fixture) {
  if (fx.extra.noticeSchoolA) return;
  const send = async (schoolId: number) =>
    ((await fx.sessions.province_officer.post('/api/notices', { title: '致家长的一封信', body: '…', audience: 'parents', target: { type: 'school', key: String(schoolId) }, idempotencyKey: `n${rand()}${rand()}` })).json() as { id: number }).id;
  fx.extra.noticeSchoolA = await send(fx.schoolA);
  fx.extra.noticeSchoolB = await send(fx.schoolB);
}

const noticeBody = (schoolId: number) => ({ title: '通知', body: '请知悉', audience: 'parents', target: { type: 'school', key: String(schoolId) }, idempotencyKey: `n${rand()}${rand()}` });

const classNoticeBody = (classId: number) => ({ ...noticeBody(0), target: { type: 'class', key: String(classId) } });

const staggerBody = (schoolId: number) => ({
  schoolId,
  gates: [{ id: 'g1', capacityPerSlot: 100 }],
  canteenAreas: [{ id: 'a1', seatsPerSlot: 100 }],
  windows: { arrival: { start: '07:30', slotMinutes: 10 }, departure: { start: '16:30', slotMinutes: 10 }, dining: { start: '11:40', slotMinutes: 20 } },
});

async function schedules(fx: Fixture) {
  if (fx.extra.staggerReady) return;
  await fx.sessions.school_admin.post('/api/stagger/schedules', staggerBody(fx.schoolA));
  await (await sessionInB(fx, 'school_admin'))('POST', '/api/stagger/schedules', staggerBody(fx.schoolB));
  fx.extra.staggerReady = 1;
}

async function onlinePeriods(fx: Fixture) {
  if (fx.extra.onlineA) return;
  const period = (classId: number) => ({ scopeType: 'class', scopeId: classId, fromDate: '2026-11-01', toDate: '2026-12-31', reason: '停课', trigger: 'decision', idempotencyKey: `o${rand()}${rand()}` });
  fx.extra.onlineA = ((await fx.sessions.province_officer.post('/api/online-teaching', period(fx.classA))).json() as { id: number }).id;
  fx.extra.onlineB = ((await fx.sessions.province_officer.post('/api/online-teaching', period(fx.classB))).json() as { id: number }).id;
}

async function stores(fx: Fixture) {
  if (fx.extra.storeA1) return;
  const make = async (schoolId: number, name: string) => ((await fx.sessions.province_officer.post('/api/supplies/stores', { schoolId, name })).json() as { id: number }).id;
  fx.extra.storeA1 = await make(fx.schoolA, '校医室');
  fx.extra.storeA2 = await make(fx.schoolA, '总务仓库');
  fx.extra.storeB = await make(fx.schoolB, '校医室');
  for (const storeId of [fx.extra.storeA1, fx.extra.storeB]) {
    await fx.sessions.province_officer.post('/api/supplies/movements', { storeId, item: 'mask', kind: 'receipt', quantity: 100_000, idempotencyKey: `s${rand()}${rand()}` });
  }
}

const movement = (storeId: number) => ({ storeId, item: 'mask', kind: 'receipt', quantity: 10, idempotencyKey: `s${rand()}${rand()}` });
const delivery = (from: number, to: number) => ({ fromStoreId: from, toStoreId: to, item: 'mask', quantity: 1, idempotencyKey: `s${rand()}${rand()}` });

async function vaccinationChecks(fx: Fixture) {
  if (fx.extra.vaccinationA) return;
  const a = await fx.sessions.school_doctor.post('/api/vaccination/checks', { personId: fx.studentA });
  const b = await (await sessionInB(fx, 'school_doctor'))('POST', '/api/vaccination/checks', { personId: fx.studentB });
  fx.extra.vaccinationA = (a.json() as { id: number }).id;
  fx.extra.vaccinationB = (b.json() as { id: number }).id;
}

export const campusEntries: MatrixEntry[] = [
  {
    route: 'GET /api/venue-codes',
    inside: () => ({ url: '/api/venue-codes' }),
    outside: null,
    prepare: ensureCodes,
    leaks: (fx, body) => ((body as { items?: { schoolId: number | null }[] }).items ?? []).some((i) => i.schoolId === fx.schoolB),
  },
  { route: 'GET /api/venue-codes/:id', inside: (fx) => ({ url: `/api/venue-codes/${fx.extra.venueA}` }), outside: (fx) => ({ url: `/api/venue-codes/${fx.extra.venueB}` }), prepare: ensureCodes },
  { route: 'GET /api/venue-codes/:id/qr.png', inside: (fx) => ({ url: `/api/venue-codes/${fx.extra.venueA}/qr.png` }), outside: (fx) => ({ url: `/api/venue-codes/${fx.extra.venueB}/qr.png` }), prepare: ensureCodes },
  {
    route: 'POST /api/venue-codes',
    inside: (fx) => ({ url: '/api/venue-codes', body: { schoolId: fx.schoolA, kind: 'site', name: `食堂${rand()}`.slice(0, 10) } }),
    outside: (fx) => ({ url: '/api/venue-codes', body: { schoolId: fx.schoolB, kind: 'site', name: `食堂${rand()}`.slice(0, 10) } }),
  },
  {
    route: 'POST /api/venue-codes/:id/revoke',
    inside: (fx) => ({ url: `/api/venue-codes/${fx.extra.revokeA}/revoke`, body: { reason: '遗失' } }),
    outside: (fx) => ({ url: `/api/venue-codes/${fx.extra.revokeB}/revoke`, body: { reason: '遗失' } }),
    prepare: freshCode('revoke'),
    allowed: [200, 409],
  },
  {
    route: 'POST /api/venue-codes/:id/reissue',
    inside: (fx) => ({ url: `/api/venue-codes/${fx.extra.reissueA}/reissue`, body: {} }),
    outside: (fx) => ({ url: `/api/venue-codes/${fx.extra.reissueB}/reissue`, body: {} }),
    prepare: freshCode('reissue'),
    allowed: [200, 409],
  },
  {
    route: 'POST /api/venue-codes/verify',
    inside: () => ({ url: '/api/venue-codes/verify', body: { venueToken: tokens.venueA ?? 'x' } }),
    outside: () => ({ url: '/api/venue-codes/verify', body: { venueToken: tokens.venueB ?? 'x' } }),
    prepare: ensureCodes,
  },
  {
    route: 'POST /api/gate/lookup',
    inside: (fx) => ({ url: '/api/gate/lookup', body: { venueToken: tokens.venueA ?? 'x', subject: { personId: fx.studentA } } }),
    outside: (fx) => ({ url: '/api/gate/lookup', body: { venueToken: tokens.venueB ?? 'x', subject: { personId: fx.studentB } } }),
    prepare: ensureCodes,
  },
  {
    route: 'POST /api/gate/entries',
    inside: (fx) => ({ url: '/api/gate/entries', body: entryBody(tokens.venueA, fx.studentA) }),
    outside: (fx) => ({ url: '/api/gate/entries', body: entryBody(tokens.venueB, fx.studentB) }),
    prepare: ensureCodes,
  },
  { route: 'GET /api/gate/entries', ...bySchool('/api/gate/entries') },
  { route: 'GET /api/gate/entries/export', ...bySchool('/api/gate/entries/export') },
  { route: 'GET /api/gate/headcount', ...bySchool('/api/gate/headcount') },
  { route: 'GET /api/gate/visitors', ...bySchool('/api/gate/visitors') },
  { route: 'GET /api/gate/refusals', ...bySchool('/api/gate/refusals') },
  {
    route: 'POST /api/gate/doctor-notices/:id/ack',
    inside: (fx) => ({ url: `/api/gate/doctor-notices/${fx.extra.noticeA}/ack` }),
    outside: (fx) => ({ url: `/api/gate/doctor-notices/${fx.extra.noticeB}/ack` }),
    prepare: feverNotices,
    allowed: [200, 409],
  },
  { route: 'GET /api/gate/person-codes/:id', inside: (fx) => ({ url: `/api/gate/person-codes/${fx.studentA}` }), outside: (fx) => ({ url: `/api/gate/person-codes/${fx.studentB}` }) },
  { route: 'GET /api/hygiene/areas', ...bySchool('/api/hygiene/areas'), prepare: hygieneAreas },
  { route: 'GET /api/hygiene/logs', ...bySchool('/api/hygiene/logs'), prepare: hygieneAreas },
  { route: 'GET /api/hygiene/overdue', ...bySchool('/api/hygiene/overdue'), prepare: hygieneAreas },
  {
    route: 'POST /api/hygiene/areas',
    inside: (fx) => ({ url: '/api/hygiene/areas', body: { schoolId: fx.schoolA, name: `区域${rand()}`.slice(0, 12), areaType: 'office' } }),
    outside: (fx) => ({ url: '/api/hygiene/areas', body: { schoolId: fx.schoolB, name: `区域${rand()}`.slice(0, 12), areaType: 'office' } }),
  },
  {
    route: 'POST /api/hygiene/logs',
    inside: (fx) => ({ url: '/api/hygiene/logs', body: hygieneLog(fx.extra.areaA ?? 1) }),
    outside: (fx) => ({ url: '/api/hygiene/logs', body: hygieneLog(fx.extra.areaB ?? 1) }),
    prepare: hygieneAreas,
  },
  // A class target: a class teacher may write to the own class only (src/features/notices/target.ts).
  { route: 'POST /api/notices', inside: (fx) => ({ url: '/api/notices', body: classNoticeBody(fx.classA) }), outside: (fx) => ({ url: '/api/notices', body: classNoticeBody(fx.classB) }) },
  {
    route: 'GET /api/notices',
    inside: () => ({ url: '/api/notices?limit=500' }),
    outside: null,
    prepare: notices,
    leaks: (fx, body) => ((body as { items?: { id: number }[] }).items ?? []).some((i) => i.id === fx.extra.noticeSchoolB),
  },
  { route: 'GET /api/notices/mine', inside: () => ({ url: '/api/notices/mine' }), outside: null, prepare: notices },
  { route: 'GET /api/notices/:id', inside: (fx) => ({ url: `/api/notices/${fx.extra.noticeSchoolA}` }), outside: (fx) => ({ url: `/api/notices/${fx.extra.noticeSchoolB}` }), prepare: notices },
  { route: 'POST /api/notices/:id/remind', inside: (fx) => ({ url: `/api/notices/${fx.extra.noticeSchoolA}/remind` }), outside: (fx) => ({ url: `/api/notices/${fx.extra.noticeSchoolB}/remind` }), prepare: notices },
  {
    route: 'POST /api/notices/:id/ack',
    inside: (fx) => ({ url: `/api/notices/${fx.extra.noticeSchoolA}/ack` }),
    outside: (fx) => ({ url: `/api/notices/${fx.extra.noticeSchoolB}/ack` }),
    prepare: notices,
    // Staff accounts of the fixture are not linked to a person, so only the parent is a recipient.
    allowed: [200, 404],
  },
  { route: 'POST /api/stagger/schedules', inside: (fx) => ({ url: '/api/stagger/schedules', body: staggerBody(fx.schoolA) }), outside: (fx) => ({ url: '/api/stagger/schedules', body: staggerBody(fx.schoolB) }) },
  { route: 'GET /api/stagger/schedules/current', ...bySchool('/api/stagger/schedules/current'), prepare: schedules },
  { route: 'GET /api/stagger/schedules/current/export', ...bySchool('/api/stagger/schedules/current/export'), prepare: schedules },
  {
    route: 'POST /api/online-teaching',
    inside: (fx) => ({ url: '/api/online-teaching', body: { scopeType: 'class', scopeId: fx.classA, fromDate: '2027-01-04', toDate: '2027-01-08', reason: '停课', trigger: 'decision', idempotencyKey: `o${rand()}${rand()}` } }),
    outside: (fx) => ({ url: '/api/online-teaching', body: { scopeType: 'class', scopeId: fx.classB, fromDate: '2027-01-04', toDate: '2027-01-08', reason: '停课', trigger: 'decision', idempotencyKey: `o${rand()}${rand()}` } }),
    // The first permitted role switches the class online; the others meet the overlap.
    allowed: [200, 409],
  },
  { route: 'POST /api/online-teaching/:id/end', inside: (fx) => ({ url: `/api/online-teaching/${fx.extra.onlineA}/end` }), outside: (fx) => ({ url: `/api/online-teaching/${fx.extra.onlineB}/end` }), prepare: onlinePeriods, allowed: [200, 409] },
  {
    route: 'GET /api/online-teaching/coverage',
    inside: () => ({ url: '/api/online-teaching/coverage?date=2026-11-30' }),
    outside: null,
    prepare: onlinePeriods,
    leaks: (fx, body) => ((body as { schools?: { schoolId: number }[] }).schools ?? []).some((s) => s.schoolId === fx.schoolB),
  },
  {
    route: 'GET /api/online-teaching/periods',
    inside: () => ({ url: '/api/online-teaching/periods?date=2026-11-30' }),
    outside: null,
    prepare: onlinePeriods,
    leaks: (fx, body) => ((body as { items?: { schoolId: number }[] }).items ?? []).some((i) => i.schoolId === fx.schoolB),
  },
  { route: 'GET /api/supplies/stores', inside: () => ({ url: '/api/supplies/stores' }), outside: null, prepare: stores, leaks: (fx, body) => ((body as { items?: { id: number }[] }).items ?? []).some((i) => i.id === fx.extra.storeB) },
  { route: 'POST /api/supplies/stores', inside: (fx) => ({ url: '/api/supplies/stores', body: { schoolId: fx.schoolA, name: '新库' } }), outside: (fx) => ({ url: '/api/supplies/stores', body: { schoolId: fx.schoolB, name: '新库' } }) },
  { route: 'POST /api/supplies/movements', inside: (fx) => ({ url: '/api/supplies/movements', body: movement(fx.extra.storeA1) }), outside: (fx) => ({ url: '/api/supplies/movements', body: movement(fx.extra.storeB) }), prepare: stores },
  { route: 'POST /api/supplies/deliveries', inside: (fx) => ({ url: '/api/supplies/deliveries', body: delivery(fx.extra.storeA1, fx.extra.storeA2) }), outside: (fx) => ({ url: '/api/supplies/deliveries', body: delivery(fx.extra.storeB, fx.extra.storeA2) }), prepare: stores },
  { route: 'GET /api/supplies/stock', inside: () => ({ url: '/api/supplies/stock' }), outside: null, prepare: stores, leaks: (fx, body) => ((body as { items?: { storeId: number }[] }).items ?? []).some((i) => i.storeId === fx.extra.storeB) },
  { route: 'GET /api/vaccination/schedule', inside: () => ({ url: '/api/vaccination/schedule' }), outside: null },
  {
    route: 'POST /api/vaccination/doses',
    inside: (fx) => ({ url: '/api/vaccination/doses', body: { personId: fx.studentA, doses: [{ vaccine: 'HepB', doseNumber: 1, givenOn: '2026-01-01' }] } }),
    outside: (fx) => ({ url: '/api/vaccination/doses', body: { personId: fx.studentB, doses: [{ vaccine: 'HepB', doseNumber: 1, givenOn: '2026-01-01' }] } }),
  },
  {
    route: 'POST /api/vaccination/checks',
    inside: (fx) => ({ url: '/api/vaccination/checks', body: { personId: fx.studentA } }),
    outside: (fx) => ({ url: '/api/vaccination/checks', body: { personId: fx.studentB } }),
  },
  {
    route: 'POST /api/vaccination/checks/:id/follow-up',
    inside: (fx) => ({ url: `/api/vaccination/checks/${fx.extra.vaccinationA}/follow-up`, body: { followUp: 'referred' } }),
    outside: (fx) => ({ url: `/api/vaccination/checks/${fx.extra.vaccinationB}/follow-up`, body: { followUp: 'referred' } }),
    prepare: vaccinationChecks,
  },
  { route: 'GET /api/vaccination/coverage', ...bySchool('/api/vaccination/coverage') },
];
