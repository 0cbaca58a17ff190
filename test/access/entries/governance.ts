import type { MatrixEntry } from '../entry';
import type { Fixture } from '../fixture';

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

export const governanceEntries: MatrixEntry[] = [...drawEntries];
