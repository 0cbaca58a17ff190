import type { MatrixEntry } from '../entry';
import type { Fixture } from '../fixture';

/**
 * Early warning. Alerts are raised by hand through the API: in school A (class A) by its doctor, in
 * school B by the province officer; robot endpoints by the system administrator.
 */
async function ensureAlerts(fx: Fixture) {
  if (fx.extra.alertA) return;
  const a = await fx.sessions.school_doctor.post('/api/alerts', { schoolId: fx.schoolA, classId: fx.classA, personIds: [fx.studentA], note: '矩阵测试' });
  const b = await fx.sessions.province_officer.post('/api/alerts', { schoolId: fx.schoolB, classId: fx.classB, personIds: [fx.studentB], note: '矩阵测试' });
  if (a.statusCode !== 200 || b.statusCode !== 200) throw new Error(`manual alerts: ${a.body} ${b.body}`);
  fx.extra.alertA = a.json().id;
  fx.extra.alertB = b.json().id;
}

async function ensureEndpoints(fx: Fixture) {
  if (fx.extra.endpointA) return;
  const make = async (schoolId: number) => {
    const res = await fx.sessions.sysadmin.post('/api/notification-endpoints', { kind: 'wecom', name: '矩阵', url: 'http://127.0.0.1:9/robot?key=x', schoolId });
    if (res.statusCode !== 200) throw new Error(`endpoint: ${res.body}`);
    return res.json().id as number;
  };
  fx.extra.endpointA = await make(fx.schoolA);
  fx.extra.endpointB = await make(fx.schoolB);
}

const leaksId = (key: string) => (fx: Fixture, body: unknown) => ((body as { items?: Array<{ id: number }> }).items ?? []).some((x) => x.id === fx.extra[key]);
const endpointBody = (schoolId: number) => ({ kind: 'dingtalk', name: '测试群', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', schoolId });

export const alertEntries: MatrixEntry[] = [
  { route: 'GET /api/alerts', prepare: ensureAlerts, inside: () => ({ url: '/api/alerts?limit=500' }), outside: null, leaks: leaksId('alertB') },
  { route: 'GET /api/alerts/counts', inside: () => ({ url: '/api/alerts/counts' }), outside: null },
  {
    route: 'POST /api/alerts',
    inside: (fx) => ({ url: '/api/alerts', body: { schoolId: fx.schoolA, classId: fx.classA, note: '再次上报' } }),
    outside: (fx) => ({ url: '/api/alerts', body: { schoolId: fx.schoolB, classId: fx.classB, note: '再次上报' } }),
  },
  { route: 'GET /api/alerts/:id', prepare: ensureAlerts, inside: (fx) => ({ url: `/api/alerts/${fx.extra.alertA}` }), outside: (fx) => ({ url: `/api/alerts/${fx.extra.alertB}` }) },
  {
    route: 'POST /api/alerts/:id/transition',
    prepare: ensureAlerts,
    inside: (fx) => ({ url: `/api/alerts/${fx.extra.alertA}/transition`, body: { to: 'acknowledged' } }),
    outside: (fx) => ({ url: `/api/alerts/${fx.extra.alertB}/transition`, body: { to: 'acknowledged' } }),
  },
  {
    route: 'POST /api/alerts/scan',
    inside: () => ({ url: '/api/alerts/scan', body: { date: '2026-11-27', regionCode: '410105' } }),
    outside: () => ({ url: '/api/alerts/scan', body: { date: '2026-11-27', regionCode: '411627' } }),
  },
  { route: 'GET /api/alert-rules/:regionCode', inside: () => ({ url: '/api/alert-rules/410105' }), outside: () => ({ url: '/api/alert-rules/411627' }) },
  {
    route: 'PUT /api/alert-rules/:regionCode',
    inside: () => ({ url: '/api/alert-rules/410105', body: { override: { cluster: { casesInDay: 3 } } } }),
    outside: () => ({ url: '/api/alert-rules/411627', body: { override: { cluster: { casesInDay: 3 } } } }),
  },
  { route: 'GET /api/notifications', inside: () => ({ url: '/api/notifications' }), outside: null },
  { route: 'GET /api/notifications/stream', inside: () => ({ url: '/api/notifications/stream?maxMs=0' }), outside: null },
  // Another account's notification answers exactly like a missing one.
  { route: 'POST /api/notifications/:id/read', inside: () => ({ url: '/api/notifications/999999/read' }), outside: null, allowed: [404] },
  { route: 'POST /api/notifications/read-all', inside: () => ({ url: '/api/notifications/read-all' }), outside: null },
  { route: 'GET /api/notification-endpoints', prepare: ensureEndpoints, inside: () => ({ url: '/api/notification-endpoints' }), outside: null, leaks: leaksId('endpointB') },
  {
    route: 'POST /api/notification-endpoints',
    inside: (fx) => ({ url: '/api/notification-endpoints', body: endpointBody(fx.schoolA) }),
    outside: (fx) => ({ url: '/api/notification-endpoints', body: endpointBody(fx.schoolB) }),
  },
  {
    route: 'POST /api/notification-endpoints/:id/disable',
    prepare: ensureEndpoints,
    inside: (fx) => ({ url: `/api/notification-endpoints/${fx.extra.endpointA}/disable` }),
    outside: (fx) => ({ url: `/api/notification-endpoints/${fx.extra.endpointB}/disable` }),
  },
  { route: 'GET /api/notification-deliveries', inside: () => ({ url: '/api/notification-deliveries' }), outside: null },
];
