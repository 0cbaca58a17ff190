import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdueFindings } from '../../src/features/rectification/escalate';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { login } from '../harness/session';
import { governanceWorld, type GovernanceWorld, PNG, plusDays, upload } from './governance-fixture';

const TODAY = '2026-11-30';

describe.each(databases())('rectification on %s', (kind) => {
  let env: TestEnv;
  let w: GovernanceWorld;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    w = await governanceWorld(env);
  });
  afterAll(() => env.close());

  it('runs a finding to closure: owner uploads evidence (checked, retries kept once), inspector reopens, then closes', async () => {
    const made = await w.county.s.post('/api/findings', { schoolId: w.schoolId, title: '消毒记录缺失', deadline: plusDays(TODAY, 5), requiredEvidence: '本周消毒记录照片' });
    expect(made.statusCode, made.body).toBe(200);
    const id = made.json().id;
    expect((await w.county.s.post(`/api/findings/${id}/recheck`, { outcome: 'close', note: '未见佐证' })).json().error.code).toBe('finding.no_evidence_yet');
    const html = await upload(w.principal.s, `/api/findings/${id}/evidence`, Buffer.from('<html>'), 'image/png');
    expect(html.json().error).toMatchObject({ code: 'evidence.type_not_allowed', field: 'file' });
    const first = await upload(w.principal.s, `/api/findings/${id}/evidence?fileName=${encodeURIComponent('消毒记录.png')}`, PNG, 'image/png');
    expect(first.json()).toMatchObject({ duplicate: false });
    expect((await upload(w.principal.s, `/api/findings/${id}/evidence`, PNG, 'image/png')).json()).toMatchObject({ duplicate: true });
    let detail = (await w.principal.s.get(`/api/findings/${id}`)).json();
    expect(detail.finding.status).toBe('submitted');
    expect(detail.evidence).toHaveLength(1);
    const file = await w.county.s.get(`/api/findings/${id}/evidence/${detail.evidence[0].id}`);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await w.principal.s.post(`/api/findings/${id}/recheck`, { outcome: 'close', note: 'x' })).statusCode).toBe(403);
    expect((await w.county.s.post(`/api/findings/${id}/recheck`, { outcome: 'reopen', note: '照片看不清' })).statusCode).toBe(200);
    await upload(w.doctor.s, `/api/findings/${id}/evidence`, Buffer.concat([PNG, Buffer.from([0])]), 'image/png');
    expect((await w.county.s.post(`/api/findings/${id}/recheck`, { outcome: 'close', note: '回头看：已整改' })).statusCode).toBe(200);
    detail = (await w.principal.s.get(`/api/findings/${id}`)).json();
    expect(detail.finding).toMatchObject({ status: 'closed', reopenCount: 1 });
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'evidence', 'reopened', 'evidence', 'closed']);
    expect((await upload(w.principal.s, `/api/findings/${id}/evidence`, PNG, 'image/jpeg')).statusCode).toBe(400);
  });

  it('refuses a finding with a past deadline or an owner outside the grid, writing nothing', async () => {
    const before = (await env.ctx.db.selectFrom('findings').select('id').execute()).length;
    const past = await w.county.s.post('/api/findings', { schoolId: w.schoolId, title: '过期', deadline: plusDays(TODAY, -1), requiredEvidence: '照片' });
    expect(past.json().error).toMatchObject({ code: 'finding.deadline_past', field: 'deadline' });
    const outsider = await w.county.s.post('/api/findings', { schoolId: w.schoolId, title: '非网格', deadline: TODAY, requiredEvidence: '照片', ownerAccountId: w.doctor.id });
    expect(outsider.json().error).toMatchObject({ code: 'finding.owner_not_in_grid', field: 'ownerAccountId' });
    const noDeadline = await w.county.s.post('/api/findings', { schoolId: w.schoolId, title: '无期限', requiredEvidence: '照片' });
    expect(noDeadline.json().error).toMatchObject({ code: 'validation.required', field: 'deadline' });
    expect((await env.ctx.db.selectFrom('findings').select('id').execute()).length).toBe(before);
  });

  it('records accountability per person, listed per school and region', async () => {
    const res = await w.county.s.post('/api/accountability', { accountId: w.principal.id, measure: 'reminder_talk', reason: '整改逾期', decidedOn: TODAY });
    expect(res.statusCode, res.body).toBe(200);
    expect((await w.city.s.get('/api/accountability?regionCode=410105')).json().items[0]).toMatchObject({ accountId: w.principal.id, schoolId: w.schoolId, measure: 'reminder_talk' });
    expect((await w.principal.s.get(`/api/accountability?schoolId=${w.schoolId}`)).json().items).toHaveLength(1);
  });
  it('escalates overdue findings up the grid with the injected clock, once per level', async () => {
    const id = (await w.county.s.post('/api/findings', { schoolId: w.schoolId, title: '通风记录缺失', deadline: plusDays(TODAY, 1), requiredEvidence: '通风记录' })).json().id;
    expect(await escalateOverdueFindings(env.ctx)).toEqual({ escalated: 0 });
    env.clock.set('2026-12-02T02:00:00Z');
    expect(await escalateOverdueFindings(env.ctx)).toEqual({ escalated: 1 });
    expect(await escalateOverdueFindings(env.ctx)).toEqual({ escalated: 0 });
    const level = async () => (await env.ctx.db.selectFrom('findings').select(['escalation_level', 'escalated_to']).where('id', '=', id).executeTakeFirstOrThrow());
    expect(await level()).toEqual({ escalation_level: 1, escalated_to: w.county.id });
    env.clock.set('2026-12-05T02:00:00Z');
    await escalateOverdueFindings(env.ctx);
    expect(await level()).toEqual({ escalation_level: 2, escalated_to: w.city.id });
    const rows = await env.ctx.db.selectFrom('governance_escalations').selectAll().where('object_id', '=', id).orderBy('level').execute();
    expect(rows.map((r) => [r.level, r.to_account])).toEqual([[1, w.county.id], [2, w.city.id]]);
  });


  it('lists overdue findings for the bureau (sessions are logged in again after the clock moved)', async () => {
    const s = await login(env, (await env.ctx.db.selectFrom('accounts').select('username').where('id', '=', w.county.id).executeTakeFirstOrThrow()).username);
    const items = (await s.get('/api/findings?status=overdue')).json().items as { title: string; escalationLevel: number; overdue: boolean }[];
    expect(items.find((x) => x.title === '通风记录缺失')).toMatchObject({ overdue: true, escalationLevel: 2 });
  });
});
