import { makeAccount } from '../../harness/factories';
import { login } from '../../harness/session';
import type { MatrixEntry } from '../entry';
import type { Fixture } from '../fixture';

const hasPerson = (id: number) => (body: unknown) => JSON.stringify((body as { items?: unknown }).items ?? []).includes(`"personId":${id},`);
const rnd = () => Math.random().toString(36).slice(2, 8);

/**
 * Objects of the response capabilities on both sides (cases, contacts, isolations, risk areas,
 * footing proposals), made once through the API by the province officer, who sees both.
 */
async function ensure(fx: Fixture) {
  if (fx.extra.caseA) return;
  const p = fx.sessions.province_officer;
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): { id: number } }>) => {
    const r = await res;
    if (r.statusCode !== 200) throw new Error(`matrix set-up failed: ${r.body}`);
    return r.json().id;
  };
  for (const [side, person, school, other, region] of [['A', fx.studentA, fx.schoolA, fx.coResidentA, '410105'], ['B', fx.studentB, fx.schoolB, fx.staffB, '411627']] as const) {
    const caseId = await ok(p.post('/api/cases', { personId: person, disease: 'covid19', status: 'confirmed', onsetDate: '2026-11-28', foundBy: 'check' }));
    fx.extra[`case${side}`] = caseId;
    fx.extra[`contact${side}`] = await ok(p.post(`/api/cases/${caseId}/contacts`, { personId: other, exposureFrom: '2026-11-26', exposureTo: '2026-11-28', note: '同住' }));
    fx.extra[`isolation${side}`] = await ok(p.post('/api/isolations', { personId: other, disease: 'covid19', role: 'close_contact', kind: 'home', startsOn: '2026-11-29', reason: '密接' }));
    fx.extra[`area${side}`] = await ok(p.post('/api/risk-areas', { regionCode: region, name: `管控${rnd()}`, level: 'controlled', startsOn: '2026-11-01' }));
    const footing = (await p.get(`/api/footing?regionCode=${region}`)).json() as { proposals: { id: number }[] };
    fx.extra[`proposal${side}`] = footing.proposals[0].id;
    void school;
  }
}

const prepare = (fx: Fixture) => ensure(fx);
const both = (f: (fx: Fixture, side: 'A' | 'B') => { url: string; body?: unknown }) => ({ inside: (fx: Fixture) => f(fx, 'A'), outside: (fx: Fixture) => f(fx, 'B'), prepare });
const x = (fx: Fixture, side: 'A' | 'B', key: string) => fx.extra[`${key}${side}`];
const student = (fx: Fixture, side: 'A' | 'B') => (side === 'A' ? fx.studentA : fx.studentB);
const school = (fx: Fixture, side: 'A' | 'B') => (side === 'A' ? fx.schoolA : fx.schoolB);
const region = (side: 'A' | 'B') => (side === 'A' ? '410105' : '411627');

export const responseEntries: MatrixEntry[] = [
  { route: 'GET /api/policies', inside: () => ({ url: '/api/policies' }), outside: null },
  { route: 'GET /api/policies/:disease', inside: () => ({ url: '/api/policies/covid19?regionCode=410105' }), outside: null },
  { route: 'PUT /api/policies/:disease', ...both((_fx, s) => ({ url: '/api/policies/influenza', body: { regionCode: s === 'A' ? '410100' : '411600', note: 'matrix', rules: { name: { zh: '流感', en: 'Influenza' }, isolation: {}, release: { periodComplete: true, allTestsNegative: false, symptomFreeDays: 2 }, contacts: { via: ['class'], lookbackDays: 1, status: 'yellow', statusDays: 7 }, returnMinDaysFromOnset: 5, riskAreaTravel: { lockdownStatus: 'yellow', controlledStatus: 'green', lookbackDays: 0 }, testing: { keyPositionsPerWeek: 0 } } } })) },
  { route: 'GET /api/cases', inside: () => ({ url: '/api/cases' }), outside: null, prepare, leaks: (fx, body) => hasPerson(fx.studentB)(body) },
  { route: 'POST /api/cases', ...both((fx, s) => ({ url: '/api/cases', body: { personId: student(fx, s), disease: 'mumps', status: 'suspected', foundBy: 'check' } })) },
  { route: 'GET /api/cases/:id', ...both((fx, s) => ({ url: `/api/cases/${x(fx, s, 'case')}` })) },
  { route: 'PATCH /api/cases/:id', ...both((fx, s) => ({ url: `/api/cases/${x(fx, s, 'case')}`, body: { status: 'confirmed' } })) },
  { route: 'GET /api/cases/:id/contacts', ...both((fx, s) => ({ url: `/api/cases/${x(fx, s, 'case')}/contacts` })) },
  { route: 'POST /api/cases/:id/contacts/propose', ...both((fx, s) => ({ url: `/api/cases/${x(fx, s, 'case')}/contacts/propose` })) },
  { route: 'POST /api/cases/:id/contacts/decide', ...both((fx, s) => ({ url: `/api/cases/${x(fx, s, 'case')}/contacts/decide`, body: { contactIds: [x(fx, s, 'contact')], decision: 'confirmed' } })) },
  { route: 'POST /api/cases/:id/contacts', ...both((fx, s) => ({ url: `/api/cases/${x(fx, s, 'case')}/contacts`, body: { personId: s === 'A' ? fx.staffA : fx.staffB, exposureFrom: '2026-11-25', exposureTo: '2026-11-26', note: '同桌补课' } })), allowed: [200, 409] },
  { route: 'POST /api/contacts/:id/decision', ...both((fx, s) => ({ url: `/api/contacts/${x(fx, s, 'contact')}/decision`, body: { decision: 'confirmed' } })) },
  { route: 'GET /api/cases/:id/graph', ...both((fx, s) => ({ url: `/api/cases/${x(fx, s, 'case')}/graph` })) },
  { route: 'GET /api/schools/:id/exposure-groups', ...both((fx, s) => ({ url: `/api/schools/${school(fx, s)}/exposure-groups` })) },
  { route: 'PUT /api/schools/:id/exposure-groups', ...both((fx, s) => ({ url: `/api/schools/${school(fx, s)}/exposure-groups`, body: { kind: 'bus', name: '1路', personIds: [student(fx, s)] } })) },
  { route: 'PUT /api/classes/:id/teachers', ...both((fx, s) => ({ url: `/api/classes/${s === 'A' ? fx.classA : fx.classB}/teachers`, body: { personIds: [s === 'A' ? fx.staffA : fx.staffB] } })) },
  { route: 'GET /api/risk', inside: () => ({ url: '/api/risk' }), outside: null, prepare, leaks: (fx, body) => hasPerson(fx.studentB)(body) },
  { route: 'GET /api/people/:id/risk', ...both((fx, s) => ({ url: `/api/people/${student(fx, s)}/risk` })) },
  { route: 'POST /api/people/:id/risk/override', ...both((fx, s) => ({ url: `/api/people/${student(fx, s)}/risk/override`, body: { status: 'yellow', reason: '人工研判' } })) },
  { route: 'POST /api/people/:id/risk/clear-override', ...both((fx, s) => ({ url: `/api/people/${student(fx, s)}/risk/clear-override`, body: { reason: '复核' } })), allowed: [200, 409] },
  { route: 'POST /api/people/:id/travel', ...both((fx, s) => ({ url: `/api/people/${student(fx, s)}/travel`, body: { regionCode: '410102', place: '郑州市中原区', fromDate: '2026-11-20', toDate: '2026-11-22' } })) },
  { route: 'POST /api/risk/recompute', ...both((fx, s) => ({ url: '/api/risk/recompute', body: { schoolId: school(fx, s) } })) },
  { route: 'GET /api/risk-areas', inside: () => ({ url: '/api/risk-areas' }), outside: null },
  { route: 'POST /api/risk-areas', ...both((_fx, s) => ({ url: '/api/risk-areas', body: { regionCode: region(s), name: `封控${rnd()}`, level: 'lockdown', startsOn: '2026-11-29' } })) },
  { route: 'POST /api/risk-areas/:id/end', ...both((fx, s) => ({ url: `/api/risk-areas/${x(fx, s, 'area')}/end`, body: { endsOn: '2026-11-30' } })) },
  { route: 'GET /api/isolations', inside: () => ({ url: '/api/isolations' }), outside: null, prepare, leaks: (fx, body) => hasPerson(fx.staffB)(body) },
  { route: 'GET /api/isolations/counts', inside: () => ({ url: '/api/isolations/counts' }), outside: () => ({ url: '/api/isolations/counts?regionCode=411627' }), allowed: [200] },
  { route: 'POST /api/isolations', ...both((fx, s) => ({ url: '/api/isolations', body: { personId: student(fx, s), disease: 'covid19', role: 'returning_household', startsOn: '2026-11-30', reason: '外地返回' } })), allowed: [200, 409] },
  { route: 'POST /api/cases/:id/isolations', ...both((fx, s) => ({ url: `/api/cases/${x(fx, s, 'case')}/isolations`, body: { startsOn: '2026-11-30', kind: 'home' } })), allowed: [200, 409] },
  { route: 'GET /api/isolations/checkins', inside: () => ({ url: '/api/isolations/checkins' }), outside: null },
  { route: 'GET /api/isolations/:id', ...both((fx, s) => ({ url: `/api/isolations/${x(fx, s, 'isolation')}` })) },
  { route: 'POST /api/isolations/:id/checkins', ...both((fx, s) => ({ url: `/api/isolations/${x(fx, s, 'isolation')}/checkins`, body: { day: '2026-11-30', temperature: 36.6 } })) },
  { route: 'PATCH /api/isolations/:id/logistics', ...both((fx, s) => ({ url: `/api/isolations/${x(fx, s, 'isolation')}/logistics`, body: { logistics: '居家，社区送餐' } })) },
  { route: 'POST /api/isolations/:id/release', ...both((fx, s) => ({ url: `/api/isolations/${x(fx, s, 'isolation')}/release`, body: { overrideReason: '疾控评估' } })), allowed: [200, 409] },
  { route: 'GET /api/isolation-sites', inside: () => ({ url: '/api/isolation-sites' }), outside: null },
  { route: 'POST /api/isolation-sites', ...both((_fx, s) => ({ url: '/api/isolation-sites', body: { regionCode: region(s), name: `隔离点${rnd()}`, capacity: 20 } })) },
  { route: 'GET /api/footing', ...both((fx, s) => ({ url: `/api/footing?schoolId=${school(fx, s)}` })) },
  { route: 'POST /api/footing/switch', ...both((fx, s) => ({ url: '/api/footing/switch', body: { schoolId: school(fx, s), mode: 'emergency', reason: '专班决定' } })), allowed: [200, 409] },
  { route: 'POST /api/footing/proposals/:id/decide', ...both((fx, s) => ({ url: `/api/footing/proposals/${x(fx, s, 'proposal')}/decide`, body: { accept: false, reason: '研判无需切换' } })), allowed: [200, 409] },
  { route: 'PUT /api/footing/settings/:code', ...both((_fx, s) => ({ url: `/api/footing/settings/${region(s)}`, body: { autoSwitch: false, emergencyAdjustments: { checkSessions: ['morning', 'noon'], testsPerWeek: 2, gateRules: [], reportingDeadlineHours: 4 } } })) },
];

/** A leave request of student A, made by the school administrator and approved by the class teacher (the chain's only step). */
async function ensureLeave(fx: Fixture) {
  if (fx.extra.leaveA) return;
  const r = await fx.sessions.school_admin.post('/api/leave', { personId: fx.studentA, fromDate: '2026-12-20', toDate: '2026-12-21', reason: '家中有事', destination: '郑州市', idempotencyKey: 'matrix-leave-A' });
  if (r.statusCode !== 200) throw new Error(`matrix set-up failed: ${r.body}`);
  fx.extra.leaveA = r.json().id;
  await fx.sessions.class_teacher.post(`/api/leave/${fx.extra.leaveA}/decision`, { decision: 'approved' });
}
const leave = (fx: Fixture, s: 'A' | 'B') => (s === 'A' ? fx.extra.leaveA : 987654);
const bothLeave = (f: (fx: Fixture, side: 'A' | 'B') => { url: string; body?: unknown }) => ({ inside: (fx: Fixture) => f(fx, 'A'), outside: (fx: Fixture) => f(fx, 'B'), prepare: ensureLeave });

responseEntries.push(
  { route: 'GET /api/leave', inside: () => ({ url: '/api/leave' }), outside: null, prepare: ensureLeave, leaks: (fx, body) => hasPerson(fx.studentB)(body) },
  { route: 'POST /api/leave', ...both((fx, s) => ({ url: '/api/leave', body: { personId: student(fx, s), fromDate: '2026-12-10', toDate: '2026-12-10', reason: '看病', destination: '医院' } })), allowed: [200, 409] },
  { route: 'GET /api/leave/:id', ...bothLeave((fx, s) => ({ url: `/api/leave/${leave(fx, s)}` })) },
  { route: 'POST /api/leave/:id/decision', ...bothLeave((fx, s) => ({ url: `/api/leave/${leave(fx, s)}/decision`, body: { decision: 'approved' } })), allowed: [200, 403, 409] },
  { route: 'POST /api/leave/:id/return', ...bothLeave((fx, s) => ({ url: `/api/leave/${leave(fx, s)}/return`, body: { returnedOn: '2026-11-30' } })), allowed: [200, 400, 409] },
  { route: 'GET /api/schools/:id/leave-approvers', ...both((fx, s) => ({ url: `/api/schools/${school(fx, s)}/leave-approvers` })) },
  { route: 'PUT /api/schools/:id/leave-approvers', ...both((fx, s) => ({ url: `/api/schools/${school(fx, s)}/leave-approvers`, body: { steps: [] } })) },
);

const csvHeader = { 'content-type': 'text/csv' };
responseEntries.push(
  { route: 'GET /api/test-schedules', inside: () => ({ url: '/api/test-schedules' }), outside: null },
  { route: 'POST /api/test-schedules', ...both((fx, s) => ({ url: '/api/test-schedules', body: { name: '全员核酸', schoolId: school(fx, s), group: 'all', weekdays: [1, 4], testKind: 'pcr', startsOn: '2026-11-30' } })) },
  { route: 'GET /api/testing/due', ...both((fx, s) => ({ url: `/api/testing/due?schoolId=${school(fx, s)}` })) },
  { route: 'GET /api/test-results', inside: () => ({ url: '/api/test-results' }), outside: null, prepare, leaks: (fx, body) => hasPerson(fx.studentB)(body) },
  { route: 'POST /api/test-results', ...both((fx, s) => ({ url: '/api/test-results', body: { personId: student(fx, s), testKind: 'pcr', sampledOn: '2026-11-29', result: 'negative' } })) },
  {
    route: 'POST /api/test-results/import',
    inside: (fx) => ({ url: `/api/test-results/import?schoolId=${fx.schoolA}`, body: '姓名,身份证号,采样日期,检测结果\n', headers: csvHeader }),
    outside: (fx) => ({ url: `/api/test-results/import?schoolId=${fx.schoolB}`, body: '姓名,身份证号,采样日期,检测结果\n', headers: csvHeader }),
  },
);

/** A screening campaign on each side (made by the province officer) and a parent's link for student A. */
async function ensureCampaigns(fx: Fixture) {
  if (fx.extra.campaignA) return;
  for (const [side, region] of [['A', '410105'], ['B', '411627']] as const) {
    const r = await fx.sessions.province_officer.post('/api/screening/campaigns', { regionCode: region, name: '返校人员摸排', population: ['student', 'co_resident'], questions: { travel: true, riskAreaResidence: true, occupation: true, symptoms: true }, deadline: '2026-12-31' });
    if (r.statusCode !== 200) throw new Error(`matrix set-up failed: ${r.body}`);
    fx.extra[`campaign${side}`] = r.json().id;
  }
  const links = await fx.sessions.class_teacher.get(`/api/screening/campaigns/${fx.extra.campaignA}/links?classId=${fx.classA}`);
  (fx as unknown as { screeningToken: string }).screeningToken = links.json().items.find((l: { personId: number }) => l.personId === fx.studentA).token;
}
const campaign = (fx: Fixture, s: 'A' | 'B') => fx.extra[`campaign${s}`];
const bothCampaign = (f: (fx: Fixture, side: 'A' | 'B') => { url: string; body?: unknown }) => ({ inside: (fx: Fixture) => f(fx, 'A'), outside: (fx: Fixture) => f(fx, 'B'), prepare: ensureCampaigns });
const token = (fx: Fixture) => (fx as unknown as { screeningToken: string }).screeningToken;
const noAnswer = { returned: false, travel: [], riskAreaResidence: false, symptoms: [] };

responseEntries.push(
  { route: 'GET /api/screening/campaigns', inside: () => ({ url: '/api/screening/campaigns' }), outside: null, prepare: ensureCampaigns },
  { route: 'POST /api/screening/campaigns', ...both((_fx, s) => ({ url: '/api/screening/campaigns', body: { regionCode: region(s), name: '摸排', population: ['staff'], questions: { travel: true, riskAreaResidence: false, occupation: false, symptoms: true }, deadline: '2026-12-31' } })) },
  { route: 'GET /api/screening/campaigns/:id', ...bothCampaign((fx, s) => ({ url: `/api/screening/campaigns/${campaign(fx, s)}` })) },
  { route: 'GET /api/screening/campaigns/:id/coverage', ...bothCampaign((fx, s) => ({ url: `/api/screening/campaigns/${campaign(fx, s)}/coverage?level=class` })) },
  { route: 'GET /api/screening/campaigns/:id/summary', ...bothCampaign((fx, s) => ({ url: `/api/screening/campaigns/${campaign(fx, s)}/summary` })) },
  { route: 'POST /api/screening/campaigns/:id/answers', ...bothCampaign((fx, s) => ({ url: `/api/screening/campaigns/${campaign(fx, s)}/answers`, body: { personId: student(fx, s), answers: noAnswer } })) },
  { route: 'GET /api/screening/campaigns/:id/links', ...bothCampaign((fx, s) => ({ url: `/api/screening/campaigns/${campaign(fx, s)}/links?classId=${s === 'A' ? fx.classA : fx.classB}` })) },
  { route: 'GET /api/public/screening/:token', inside: (fx) => ({ url: `/api/public/screening/${token(fx)}` }), outside: null, prepare: ensureCampaigns },
  { route: 'POST /api/public/screening/:token', inside: (fx) => ({ url: `/api/public/screening/${token(fx)}`, body: { personId: fx.studentA, answers: noAnswer } }), outside: null, prepare: ensureCampaigns },
);

/** A screening answer with symptoms on each side, which proposes a test (re-entry proposals). */
async function ensureProposals(fx: Fixture) {
  await ensureCampaigns(fx);
  // Answered by each side's class teacher (the officers' sessions may not answer).
  const teacherB = await makeAccount(fx.env.ctx, { role: 'class_teacher', schoolId: fx.schoolB, classId: fx.classB });
  const teachers = { A: fx.sessions.class_teacher, B: await login(fx.env, teacherB.username) };
  for (const s of ['A', 'B'] as const) {
    const r = await teachers[s].post(`/api/screening/campaigns/${campaign(fx, s)}/answers`, { personId: student(fx, s), answers: { ...noAnswer, symptoms: ['fever'] } });
    if (r.statusCode !== 200) throw new Error(`matrix set-up failed: ${r.body}`);
  }
}
const proposalOf = (fx: Fixture, s: 'A' | 'B') => ({ source: 'screening', sourceRef: `${campaign(fx, s)}:${student(fx, s)}`, index: 0 });

responseEntries.push(
  { route: 'GET /api/reentry/proposals', inside: () => ({ url: '/api/reentry/proposals?status=all' }), outside: null, prepare: ensureProposals, leaks: (fx, body) => hasPerson(fx.studentB)(body) },
  {
    route: 'POST /api/reentry/proposals/decide',
    inside: (fx) => ({ url: '/api/reentry/proposals/decide', body: { ...proposalOf(fx, 'A'), decision: 'order' } }),
    outside: (fx) => ({ url: '/api/reentry/proposals/decide', body: { ...proposalOf(fx, 'B'), decision: 'order' } }),
    prepare: ensureProposals,
    allowed: [200, 409],
  },
);
