import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeSchool } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

const count = async (env: TestEnv, table: 'venue_codes' | 'gate_entries') =>
  Number((await env.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe.each(databases())('venue codes on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let admin: TestSession;
  let guard: TestSession;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx, { name: '金水区第一小学' })).id;
    admin = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId })).username);
    guard = await login(env, (await makeAccount(env.ctx, { role: 'gate_guard', schoolId })).username);
  });
  afterAll(() => env.close());

  async function issue(name: string, validDays = 30) {
    const res = await admin.post('/api/venue-codes', { schoolId, kind: 'gate', name, validDays });
    expect(res.statusCode).toBe(200);
    const row = (await admin.get(`/api/venue-codes/${res.json().id}`)).json();
    return row as { id: number; token: string; link: string; status: string; schoolName: string };
  }

  it('issues a signed code whose link opens the gate page, and a guard verifies it', async () => {
    const code = await issue('东门');
    expect(code.status).toBe('active');
    expect(code.link).toMatch(/\/gate\?v=CGV1\./);
    const ok = await guard.post('/api/venue-codes/verify', { venueToken: code.link });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ codeId: code.id, schoolId, schoolName: '金水区第一小学', name: '东门', kind: 'gate' });
    const audit = await env.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'venue_code.issue').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('serves a printable PNG of the QR code', async () => {
    const code = await issue('西门');
    const png = await admin.get(`/api/venue-codes/${code.id}/qr.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses a tampered, a forged and an expired code, naming the cause', async () => {
    const code = await issue('北门', 1);
    const parts = code.token.split('.');
    const tampered = [parts[0], (code.id + 1000).toString(36), ...parts.slice(2)].join('.');
    const bad = await guard.post('/api/venue-codes/verify', { venueToken: tampered });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'venue_code.forged', field: 'venueToken' });
    const junk = await guard.post('/api/venue-codes/verify', { venueToken: 'https://example.com/not-ours' });
    expect(junk.json().error.code).toBe('venue_code.malformed');
    // Issued two days ago for one day: expired now (the session stays valid at the present time).
    env.clock.advance(-2 * 86_400_000);
    const old = await issue('旧门', 1);
    env.clock.advance(2 * 86_400_000);
    const expired = await guard.post('/api/venue-codes/verify', { venueToken: old.token });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('venue_code.expired');
    expect(expired.json().error.message).toContain('过期');
    expect((await admin.get(`/api/venue-codes/${old.id}`)).json()).toMatchObject({ status: 'expired', token: null });
  });

  it('a revoked code is refused; re-issuing replaces it with a working one', async () => {
    const code = await issue('南门');
    expect((await admin.post(`/api/venue-codes/${code.id}/revoke`, { reason: '张贴处被损坏' })).statusCode).toBe(200);
    expect((await admin.post(`/api/venue-codes/${code.id}/revoke`, { reason: '再来一次' })).statusCode).toBe(409);
    const revoked = await guard.post('/api/venue-codes/verify', { venueToken: code.token });
    expect(revoked.json().error.code).toBe('venue_code.revoked');

    const other = await issue('侧门');
    const re = await admin.post(`/api/venue-codes/${other.id}/reissue`, { validDays: 90 });
    expect(re.statusCode).toBe(200);
    const fresh = (await admin.get(`/api/venue-codes/${re.json().id}`)).json();
    expect(fresh.token).not.toBe(other.token);
    expect((await guard.post('/api/venue-codes/verify', { venueToken: other.token })).json().error.code).toBe('venue_code.revoked');
    expect((await guard.post('/api/venue-codes/verify', { venueToken: fresh.token })).statusCode).toBe(200);
    const list = (await admin.get(`/api/venue-codes?schoolId=${schoolId}&includeInactive=true`)).json();
    expect(list.items.find((i: { id: number }) => i.id === other.id).status).toBe('revoked');
    expect(list.items.find((i: { id: number }) => i.id === re.json().id).replacesId).toBe(other.id);
  });

  it('validates the request and writes nothing on bad input', async () => {
    const before = await count(env, 'venue_codes');
    const noSchool = await admin.post('/api/venue-codes', { kind: 'gate', name: '门' });
    expect(noSchool.json().error).toMatchObject({ code: 'venue_code.place_required', field: 'schoolId' });
    const unknown = await admin.post('/api/venue-codes', { schoolId, kind: 'gate', name: '门', colour: 'red' });
    expect(unknown.json().error).toMatchObject({ code: 'validation.unknown_field', field: 'colour' });
    const tooLong = await admin.post('/api/venue-codes', { schoolId, kind: 'gate', name: '门', validDays: 5000 });
    expect(tooLong.json().error.field).toBe('validDays');
    expect(await count(env, 'venue_codes')).toBe(before);
  });

  it('a county bureau issues a code for its own building, not for another county', async () => {
    const county = await login(env, (await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' })).username);
    const ok = await county.post('/api/venue-codes', { regionCode: '410105', kind: 'bureau_building', name: '区教体局大楼' });
    expect(ok.statusCode).toBe(200);
    const other = await county.post('/api/venue-codes', { regionCode: '411627', kind: 'bureau_building', name: '别处' });
    expect(other.statusCode).toBe(403);
    const list = (await county.get('/api/venue-codes')).json();
    expect(list.items.some((i: { id: number }) => i.id === ok.json().id)).toBe(true);
  });
});
