import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission } from '../../src/domain/access/permissions';
import type { Role } from '../../src/db/tables';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { login } from '../harness/session';
import type { MatrixEntry } from './entry';
import { allEntries } from './entries';
import { ALL_ROLES, buildFixture, type Fixture, SEES_BOTH_SIDES } from './fixture';

const UNMASK_ROLES: Role[] = ['school_doctor', 'class_teacher'];

/**
 * Generated from the app's route table: every route × every role × an object inside and outside
 * the role's scope. A route without an entry in test/access/entries fails here.
 */
describe.each(databases())('access-control matrix on %s', (kind) => {
  let env: TestEnv;
  let fx: Fixture;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    fx = await buildFixture(env);
  }, 180_000);
  afterAll(() => env.close());

  it('has exactly one entry for every API route', () => {
    const routes = env.app.routeTable.map((r) => `${r.method} ${r.url}`).sort();
    const entries = allEntries.map((e) => e.route);
    const missing = routes.filter((r) => !entries.includes(r));
    const stale = entries.filter((e) => !routes.includes(e));
    expect(missing, 'routes without a matrix entry (add them to test/access/entries)').toEqual([]);
    expect(stale, 'matrix entries for routes that do not exist').toEqual([]);
    expect(new Set(entries).size).toBe(entries.length);
  });

  it('refuses every non-public route without a session (401)', async () => {
    for (const route of env.app.routeTable.filter((r) => r.access !== 'public')) {
      const entry = allEntries.find((e) => e.route === `${route.method} ${route.url}`);
      if (!entry) continue;
      const req = entry.inside(fx);
      const res = await env.app.inject({ method: route.method as 'GET', url: req.url, payload: req.body as object });
      expect(res.statusCode, `${entry.route} without a session`).toBe(401);
    }
  });

  it('answers every route for every role as the permission and the scope say', async () => {
    const failures: string[] = [];
    for (const entry of allEntries) {
      const route = env.app.routeTable.find((r) => `${r.method} ${r.url}` === entry.route);
      if (!route) continue;
      await entry.prepare?.(fx);
      for (const role of ALL_ROLES) {
        const permitted = route.access === 'public' || route.access === 'authenticated' || can({ role, canUnmask: UNMASK_ROLES.includes(role) }, route.access as Permission);
        const problem = await check(env, fx, entry, route.method, role, permitted);
        if (problem) failures.push(`${entry.route} as ${role}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

async function check(env: TestEnv, fx: Fixture, entry: MatrixEntry, method: string, role: Role, permitted: boolean): Promise<string | null> {
  const session = entry.endsSession ? await login(env, fx.accounts[role].username) : fx.sessions[role];
  const inside = entry.inside(fx);
  const res = await session.request(method as 'GET', inside.url, inside.body, inside.headers);
  if (res.statusCode >= 500) return `inside → ${res.statusCode} ${res.body.slice(0, 200)}`;
  if (!permitted) return res.statusCode === 403 ? null : `expected 403 without the permission, got ${res.statusCode}`;
  const allowed = entry.allowed ?? [200];
  if (!allowed.includes(res.statusCode)) return `inside → ${res.statusCode} (expected ${allowed.join('/')}) ${res.body.slice(0, 200)}`;
  const bothSides = SEES_BOTH_SIDES.includes(role);
  if (entry.leaks && !bothSides && res.statusCode === 200 && entry.leaks(fx, safeJson(res.body))) return 'the list shows an object outside the scope';
  if (entry.outside && !bothSides) {
    const out = entry.outside(fx);
    const r = await session.request(method as 'GET', out.url, out.body, out.headers);
    if (![403, 404].includes(r.statusCode)) return `outside → ${r.statusCode} (expected 403/404) ${r.body.slice(0, 200)}`;
  }
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
