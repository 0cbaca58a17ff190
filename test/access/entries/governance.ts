import type { MatrixEntry } from '../entry';
import type { Fixture } from '../fixture';
import { selfReportEntries } from './governance-self-reports';
import { planEntries } from './governance-plans';
import { taskForceEntries } from './governance-taskforces';

/**
 * Governance. Objects on side B (another city) are made through the API by the province officer, who
 * reaches both sides; side A objects by the province officer too, so every role finds them in place.
 */
const rand = () => Math.random().toString(36).slice(2, 10);
const ids = (body: unknown) => ((body as { items?: { id: number }[] }).items ?? []).map((i) => i.id);
const leaksId = (key: string) => (fx: Fixture, body: unknown) => ids(body).includes(fx.extra[key]);

async function ok(res: { statusCode: number; body: string; json(): any }, what: string) {
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Six more schools on each side, so weekly draws (6–10 schools) have enough to draw from. */
async function ensureSchools(fx: Fixture) {
  if (fx.extra.drawSchools) return;
  const p = fx.sessions.province_officer;
  for (const region of ['410105', '411627']) {
    for (let i = 0; i < 6; i++) {
      await ok(await p.post('/api/schools', { code: String(1_000_000_000 + Math.floor(Math.random() * 8e8)), name: `抽签学校${rand()}`, regionCode: region, type: i % 2 ? 'primary' : 'junior' }), 'school');
    }
  }
  fx.extra.drawSchools = 1;
}

async function commitDraw(fx: Fixture, key: string, regionCode: string) {
  await ensureSchools(fx);
  const made = await ok(await fx.sessions.province_officer.post('/api/draws', { regionCode, kind: 'weekly_spot_check', count: 6, reason: '访问控制测试' }), 'draw');
  fx.extra[key] = made.id;
  return made as { id: number; publicId: string };
}

const publicIds: Record<string, string> = {};
async function ensureDraws(fx: Fixture) {
  if (fx.extra.drawA) return;
  publicIds.A = (await commitDraw(fx, 'drawA', '410105')).publicId;
  await commitDraw(fx, 'drawB', '411627');
}

export const drawEntries: MatrixEntry[] = [
  { route: 'GET /api/draws', inside: () => ({ url: '/api/draws' }), outside: null, prepare: ensureDraws, leaks: leaksId('drawB') },
  {
    route: 'POST /api/draws',
    prepare: ensureSchools,
    inside: () => ({ url: '/api/draws', body: { regionCode: '410105', kind: 'weekly_spot_check', count: 6, reason: '访问控制测试' } }),
    outside: () => ({ url: '/api/draws', body: { regionCode: '411627', kind: 'weekly_spot_check', count: 6, reason: '访问控制测试' } }),
  },
  { route: 'GET /api/draws/:id', prepare: ensureDraws, inside: (fx) => ({ url: `/api/draws/${fx.extra.drawA}` }), outside: (fx) => ({ url: `/api/draws/${fx.extra.drawB}` }) },
  {
    route: 'POST /api/draws/:id/perform',
    prepare: ensureDraws,
    inside: (fx) => ({ url: `/api/draws/${fx.extra.drawA}/perform`, body: {} }),
    outside: (fx) => ({ url: `/api/draws/${fx.extra.drawB}/perform`, body: {} }),
    // The first permitted caller performs the draw; later ones are told it is already revealed.
    allowed: [200, 409],
  },
  { route: 'GET /api/public/draws/:publicId', prepare: ensureDraws, inside: () => ({ url: `/api/public/draws/${publicIds.A}` }), outside: null },
];

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const pngRequest = (url: string) => ({ url, body: PNG, headers: { 'content-type': 'image/png' } });
const farDate = '2030-06-30';

async function inspection(fx: Fixture, schoolId: number, method: string, level: string, inspector: number) {
  const r = await ok(await fx.sessions.province_officer.post('/api/inspections', { schoolId, level, method, scheduledOn: farDate, inspectorIds: [inspector] }), 'inspection');
  return r.id as number;
}

let firstItem = 'work_plan';

/** A visible school-level inspection on each side, a covert one at school A, and one ready to complete. */
async function ensureInspections(fx: Fixture) {
  if (fx.extra.inspA) return;
  const p = fx.sessions.province_officer;
  const adminB = await ok(await fx.sessions.sysadmin.post('/api/accounts', { username: `adminb_${rand()}`, displayName: '乙校校长', password: 'a perfectly fine passphrase', role: 'school_admin', schoolId: fx.schoolB }), 'admin B');
  fx.extra.adminB = adminB.id;
  fx.extra.inspA = await inspection(fx, fx.schoolA, 'directed', 'school', fx.accounts.school_admin.id);
  fx.extra.inspB = await inspection(fx, fx.schoolB, 'directed', 'school', adminB.id);
  fx.extra.covertA = await inspection(fx, fx.schoolA, 'covert', 'county', fx.accounts.county_officer.id);
  for (const key of ['doneA', 'doneB'] as const) {
    const id = await inspection(fx, key === 'doneA' ? fx.schoolA : fx.schoolB, 'directed', 'school', key === 'doneA' ? fx.accounts.school_admin.id : adminB.id);
    const items = (await ok(await p.get(`/api/inspections/${id}`), 'detail')).items as { key: string }[];
    await ok(await p.request('PUT', `/api/inspections/${id}/answers`, { answers: items.map((i) => ({ itemKey: i.key, result: 'pass' })) }), 'answers');
    fx.extra[key] = id;
  }
  firstItem = ((await ok(await p.get(`/api/inspections/${fx.extra.inspA}`), 'detail A')).items as { key: string }[])[0].key;
  fx.extra.photoA = (await ok(await p.request('POST', `/api/inspections/${fx.extra.inspA}/photos`, PNG as never, { 'content-type': 'image/png' }), 'photo')).id;
  const other = Buffer.concat([PNG, Buffer.from([1])]);
  fx.extra.photoB = (await ok(await p.request('POST', `/api/inspections/${fx.extra.inspB}/photos`, other as never, { 'content-type': 'image/png' }), 'photo B')).id;
}

async function ensureFindings(fx: Fixture) {
  if (fx.extra.findingA) return;
  const p = fx.sessions.province_officer;
  // Findings take their owner from the grid; the grid entries may have removed the fixture's owners.
  await ok(await p.request('PUT', '/api/grid', { unitType: 'school', unitKey: String(fx.schoolA), accountId: fx.victimA }), 'grid A');
  await ok(await p.request('PUT', '/api/grid', { unitType: 'school', unitKey: String(fx.schoolB), accountId: fx.victimB }), 'grid B');
  const make = async (schoolId: number) => (await ok(await p.post('/api/findings', { schoolId, title: '矩阵测试问题', deadline: farDate, requiredEvidence: '照片' }), 'finding')).id as number;
  fx.extra.findingA = await make(fx.schoolA);
  fx.extra.findingA2 = await make(fx.schoolA);
  fx.extra.findingB = await make(fx.schoolB);
  fx.extra.evidenceA = (await ok(await fx.sessions.school_admin.request('POST', `/api/findings/${fx.extra.findingA2}/evidence`, PNG as never, { 'content-type': 'image/png' }), 'evidence')).id;
}

async function ensureChecklist(fx: Fixture) {
  if (fx.extra.checklistVersion) return;
  const list = (await ok(await fx.sessions.province_officer.get('/api/checklists'), 'checklists')).items as { id: number; key: string; latestVersionId: number }[];
  const g = list.find((c) => c.key === 'guidance')!;
  fx.extra.checklistTemplate = g.id;
  fx.extra.checklistVersion = g.latestVersionId;
}

const item = { key: 'matrix_item', section: 'systems', title: { 'zh-CN': '测试项', en: 'test item' }, evidence: { 'zh-CN': '照片', en: 'photo' }, weight: 1 };

const checklistEntries: MatrixEntry[] = [
  { route: 'GET /api/checklists', inside: () => ({ url: '/api/checklists' }), outside: null },
  { route: 'GET /api/checklists/versions/:id', prepare: ensureChecklist, inside: (fx) => ({ url: `/api/checklists/versions/${fx.extra.checklistVersion}?schoolId=${fx.schoolA}` }), outside: (fx) => ({ url: `/api/checklists/versions/${fx.extra.checklistVersion}?schoolId=${fx.schoolB}` }) },
  { route: 'POST /api/checklists', inside: () => ({ url: '/api/checklists', body: { key: `m_${rand()}`, name: '矩阵清单', items: [item] } }), outside: () => ({ url: '/api/checklists', body: { key: `m_${rand()}`, name: '矩阵清单', regionCode: '411627', items: [item] } }) },
  { route: 'POST /api/checklists/:id/versions', prepare: ensureChecklist, inside: (fx) => ({ url: `/api/checklists/${fx.extra.checklistTemplate}/versions`, body: { items: [item], note: '矩阵测试' } }), outside: null },
];

const inspectionEntries: MatrixEntry[] = [
  {
    route: 'GET /api/inspections',
    prepare: ensureInspections,
    inside: () => ({ url: '/api/inspections?limit=1000' }),
    outside: null,
    // Side B never shows; a covert visit of school A never shows to the school's own accounts.
    leaks: (fx, body) => ids(body).includes(fx.extra.inspB) || (!(body as { can: { planBureauInspections: boolean } }).can.planBureauInspections && ids(body).includes(fx.extra.covertA)),
  },
  {
    route: 'POST /api/inspections',
    inside: (fx) => ({ url: '/api/inspections', body: { schoolId: fx.schoolA, level: 'school', method: 'directed', scheduledOn: farDate, inspectorIds: [fx.accounts.school_admin.id] } }),
    outside: (fx) => ({ url: '/api/inspections', body: { schoolId: fx.schoolB, level: 'school', method: 'directed', scheduledOn: farDate, inspectorIds: [fx.extra.adminB ?? 1] } }),
  },
  { route: 'GET /api/inspections/:id', prepare: ensureInspections, inside: (fx) => ({ url: `/api/inspections/${fx.extra.inspA}` }), outside: (fx) => ({ url: `/api/inspections/${fx.extra.inspB}` }) },
  {
    route: 'PUT /api/inspections/:id/answers',
    prepare: ensureInspections,
    inside: (fx) => ({ url: `/api/inspections/${fx.extra.inspA}/answers`, body: { answers: [{ itemKey: firstItem, result: 'pass' }] } }),
    outside: (fx) => ({ url: `/api/inspections/${fx.extra.inspB}/answers`, body: { answers: [{ itemKey: firstItem, result: 'pass' }] } }),
  },
  {
    route: 'POST /api/inspections/:id/complete',
    prepare: ensureInspections,
    inside: (fx) => ({ url: `/api/inspections/${fx.extra.doneA}/complete`, body: { summary: '矩阵测试' } }),
    outside: (fx) => ({ url: `/api/inspections/${fx.extra.doneB}/complete`, body: { summary: '矩阵测试' } }),
    allowed: [200, 409],
  },
  { route: 'GET /api/inspections/:id/photos/:photoId', prepare: ensureInspections, inside: (fx) => ({ url: `/api/inspections/${fx.extra.inspA}/photos/${fx.extra.photoA}` }), outside: (fx) => ({ url: `/api/inspections/${fx.extra.inspB}/photos/${fx.extra.photoB}` }) },
  { route: 'POST /api/inspections/:id/photos', prepare: ensureInspections, inside: (fx) => pngRequest(`/api/inspections/${fx.extra.inspA}/photos`), outside: (fx) => pngRequest(`/api/inspections/${fx.extra.inspB}/photos`) },
];

const rectificationEntries: MatrixEntry[] = [
  { route: 'GET /api/findings', prepare: ensureFindings, inside: () => ({ url: '/api/findings?limit=1000' }), outside: null, leaks: leaksId('findingB') },
  {
    route: 'POST /api/findings',
    inside: (fx) => ({ url: '/api/findings', body: { schoolId: fx.schoolA, title: '矩阵新问题', deadline: farDate, requiredEvidence: '照片' } }),
    outside: (fx) => ({ url: '/api/findings', body: { schoolId: fx.schoolB, title: '矩阵新问题', deadline: farDate, requiredEvidence: '照片' } }),
  },
  { route: 'GET /api/findings/:id', prepare: ensureFindings, inside: (fx) => ({ url: `/api/findings/${fx.extra.findingA}` }), outside: (fx) => ({ url: `/api/findings/${fx.extra.findingB}` }) },
  {
    route: 'POST /api/findings/:id/recheck',
    prepare: ensureFindings,
    inside: (fx) => ({ url: `/api/findings/${fx.extra.findingA2}/recheck`, body: { outcome: 'reopen', note: '矩阵测试' } }),
    outside: (fx) => ({ url: `/api/findings/${fx.extra.findingB}/recheck`, body: { outcome: 'reopen', note: '矩阵测试' } }),
    allowed: [200, 409],
  },
  { route: 'GET /api/findings/:id/evidence/:evidenceId', prepare: ensureFindings, inside: (fx) => ({ url: `/api/findings/${fx.extra.findingA2}/evidence/${fx.extra.evidenceA}` }), outside: (fx) => ({ url: `/api/findings/${fx.extra.findingB}/evidence/${fx.extra.evidenceA}` }) },
  { route: 'POST /api/findings/:id/evidence', prepare: ensureFindings, inside: (fx) => pngRequest(`/api/findings/${fx.extra.findingA}/evidence`), outside: (fx) => pngRequest(`/api/findings/${fx.extra.findingB}/evidence`) },
  { route: 'GET /api/accountability', inside: () => ({ url: '/api/accountability' }), outside: null, leaks: (fx, body) => JSON.stringify(body).includes(`"schoolId":${fx.schoolB},`) },
  {
    route: 'POST /api/accountability',
    inside: (fx) => ({ url: '/api/accountability', body: { accountId: fx.victimA, measure: 'reminder_talk', reason: '矩阵测试', decidedOn: farDate } }),
    outside: (fx) => ({ url: '/api/accountability', body: { accountId: fx.victimB, measure: 'reminder_talk', reason: '矩阵测试', decidedOn: farDate } }),
  },
];

async function ensureProposals(fx: Fixture) {
  if (fx.extra.proposalA) return;
  fx.extra.proposalA = (await ok(await fx.sessions.province_officer.post('/api/pairings/proposals', { regionCode: '410105' }), 'proposal A')).id;
  fx.extra.proposalB = (await ok(await fx.sessions.province_officer.post('/api/pairings/proposals', { regionCode: '411627' }), 'proposal B')).id;
}

const hospitalBody = (regionCode: string) => ({ name: `矩阵医院${rand()}`, kind: 'hospital', regionCode, lng: 113.6, lat: 34.8, capacity: 10 });
const pairBody = (hospitalId: number) => ({ hospitalId, schoolContactName: '校医', schoolContactPhone: '13800000000', overrideReason: '访问控制测试' });

const pairingEntries: MatrixEntry[] = [
  { route: 'GET /api/hospitals', inside: () => ({ url: '/api/hospitals' }), outside: null, leaks: (fx, body) => ids(body).includes(fx.hospitalB) },
  { route: 'POST /api/hospitals', inside: () => ({ url: '/api/hospitals', body: hospitalBody('410105') }), outside: () => ({ url: '/api/hospitals', body: hospitalBody('411627') }) },
  { route: 'PUT /api/pairings/:schoolId', inside: (fx) => ({ url: `/api/pairings/${fx.schoolA}`, body: pairBody(fx.hospitalA) }), outside: (fx) => ({ url: `/api/pairings/${fx.schoolB}`, body: pairBody(fx.hospitalB) }) },
  { route: 'GET /api/pairings/coverage', inside: () => ({ url: '/api/pairings/coverage?regionCode=410105' }), outside: () => ({ url: '/api/pairings/coverage?regionCode=411627' }) },
  { route: 'POST /api/pairings/proposals', inside: () => ({ url: '/api/pairings/proposals', body: { regionCode: '410105' } }), outside: () => ({ url: '/api/pairings/proposals', body: { regionCode: '411627' } }) },
  {
    route: 'POST /api/pairings/proposals/:id/apply',
    prepare: ensureProposals,
    inside: (fx) => ({ url: `/api/pairings/proposals/${fx.extra.proposalA}/apply` }),
    outside: (fx) => ({ url: `/api/pairings/proposals/${fx.extra.proposalB}/apply` }),
    allowed: [200, 409],
  },
  {
    route: 'PUT /api/school-doctors/:schoolId',
    inside: (fx) => ({ url: `/api/school-doctors/${fx.schoolA}`, body: { name: '王医生', phone: '13800000000', kind: 'contracted' } }),
    outside: (fx) => ({ url: `/api/school-doctors/${fx.schoolB}`, body: { name: '王医生', phone: '13800000000', kind: 'contracted' } }),
  },
];

const dashboardEntries: MatrixEntry[] = [
  { route: 'GET /api/governance/dashboard', inside: () => ({ url: '/api/governance/dashboard?regionCode=410105' }), outside: () => ({ url: '/api/governance/dashboard?regionCode=411627' }) },
  { route: 'GET /api/governance/dashboard/export', inside: () => ({ url: '/api/governance/dashboard/export?regionCode=410105' }), outside: () => ({ url: '/api/governance/dashboard/export?regionCode=411627' }) },
];

export const governanceEntries: MatrixEntry[] = [...drawEntries, ...checklistEntries, ...inspectionEntries, ...rectificationEntries, ...pairingEntries, ...dashboardEntries, ...selfReportEntries, ...taskForceEntries, ...planEntries];
