import type { MatrixEntry } from '../entry';
import type { Fixture } from '../fixture';

/**
 * Self-reports come from daily draws (5 schools each). Side A and side B each need their fixture school
 * drawn, so the province officer repeats the day's draw (every repeat recorded with a reason) until it is.
 */
async function ok(res: { statusCode: number; body: string; json(): any }, what: string) {
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const SUBMIT_KEY = 'matrix-submit-1';
let answers: { itemKey: string; result: string }[] = [];

async function reportFor(fx: Fixture, regionCode: string, schoolId: number): Promise<number> {
  const p = fx.sessions.province_officer;
  for (let attempt = 0; attempt < 40; attempt++) {
    const found = (await ok(await p.get(`/api/self-reports?schoolId=${schoolId}`), 'self-reports')).items as { id: number }[];
    if (found.length) return found[0].id;
    // A daily draw needs five schools; the weekly-draw entries add six per side, so make sure they exist.
    const made = await p.post('/api/draws', { regionCode, kind: 'daily_self_report', count: 5, reason: '访问控制测试：重抽直至抽中测试学校' });
    if (made.statusCode !== 200) {
      for (let i = 0; i < 5; i++) await ok(await p.post('/api/schools', { code: String(1_000_000_000 + Math.floor(Math.random() * 8e8)), name: `自查学校${i}${Math.random().toString(36).slice(2, 6)}`, regionCode, type: 'primary' }), 'school');
      continue;
    }
    await ok(await p.post(`/api/draws/${made.json().id}/perform`, {}), 'perform');
  }
  throw new Error(`school ${schoolId} was never drawn`);
}

async function ensureReports(fx: Fixture) {
  if (fx.extra.selfReportA) return;
  fx.extra.selfReportA = await reportFor(fx, '410105', fx.schoolA);
  fx.extra.selfReportB = await reportFor(fx, '411627', fx.schoolB);
  const detail = await ok(await fx.sessions.province_officer.get(`/api/self-reports/${fx.extra.selfReportA}`), 'detail');
  answers = (detail.items as { key: string }[]).map((i) => ({ itemKey: i.key, result: 'pass' }));
}

async function ensureSubmitted(fx: Fixture) {
  await ensureReports(fx);
  const res = await fx.sessions.school_admin.request('PUT', `/api/self-reports/${fx.extra.selfReportA}`, submitBody());
  if (![200, 409].includes(res.statusCode)) throw new Error(`submit: ${res.statusCode} ${res.body}`);
}

const submitBody = () => ({ answers, riskLevel: 'low', riskAssessment: '访问控制测试', submitKey: SUBMIT_KEY });
const leaks = (fx: Fixture, body: unknown) => ((body as { items?: { id: number }[] }).items ?? []).some((i) => i.id === fx.extra.selfReportB);

export const selfReportEntries: MatrixEntry[] = [
  { route: 'GET /api/self-reports', prepare: ensureReports, inside: () => ({ url: '/api/self-reports?limit=1000' }), outside: null, leaks },
  { route: 'GET /api/self-reports/:id', prepare: ensureReports, inside: (fx) => ({ url: `/api/self-reports/${fx.extra.selfReportA}` }), outside: (fx) => ({ url: `/api/self-reports/${fx.extra.selfReportB}` }) },
  {
    route: 'PUT /api/self-reports/:id',
    prepare: ensureReports,
    inside: (fx) => ({ url: `/api/self-reports/${fx.extra.selfReportA}`, body: submitBody() }),
    outside: (fx) => ({ url: `/api/self-reports/${fx.extra.selfReportB}`, body: submitBody() }),
    // A retry with the same key is answered 200; once reviewed, 409.
    allowed: [200, 409],
  },
  {
    route: 'POST /api/self-reports/:id/review',
    prepare: ensureSubmitted,
    inside: (fx) => ({ url: `/api/self-reports/${fx.extra.selfReportA}/review`, body: { note: '访问控制测试' } }),
    outside: (fx) => ({ url: `/api/self-reports/${fx.extra.selfReportB}/review`, body: { note: '访问控制测试' } }),
    // The first permitted caller reviews; later ones are told it is reviewed already.
    allowed: [200, 409],
  },
];
