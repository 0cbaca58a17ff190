import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateLateSelfReports } from '../../src/features/self-reports/escalate';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeSchool } from '../harness/factories';
import { login } from '../harness/session';
import { governanceWorld, type GovernanceWorld, plusDays } from './governance-fixture';

const TODAY = '2026-11-30';

describe.each(databases())('self-reports on %s', (kind) => {
  let env: TestEnv;
  let w: GovernanceWorld;
  let mine: number;
  let other: number;
  let items: { key: string }[];
  beforeAll(async () => {
    env = await createTestEnv(kind);
    w = await governanceWorld(env);
    for (let i = 0; i < 3; i++) await makeSchool(env.ctx, { regionCode: '410105' });
    // A daily draw of all five schools of the county: each gets a self-report due at 20:00.
    const draw = (await w.county.s.post('/api/draws', { regionCode: '410105', kind: 'daily_self_report', count: 5 })).json();
    expect((await w.county.s.post(`/api/draws/${draw.id}/perform`, {})).statusCode).toBe(200);
    const list = (await w.county.s.get('/api/self-reports?regionCode=410105')).json().items as { id: number; schoolId: number }[];
    expect(list).toHaveLength(5);
    mine = list.find((r) => r.schoolId === w.schoolId)!.id;
    other = list.find((r) => r.schoolId === w.otherSchoolId)!.id;
  });
  afterAll(() => env.close());

  const answersFor = (result = 'pass') => items.map((i) => ({ itemKey: i.key, result, note: '' }));

  it('shows the drawn school its own task only, with the checklist and live figures', async () => {
    const own = (await w.principal.s.get('/api/self-reports')).json().items as { id: number; status: string }[];
    expect(own.map((r) => r.id)).toEqual([mine]);
    const detail = (await w.principal.s.get(`/api/self-reports/${mine}`)).json();
    expect(detail.report).toMatchObject({ status: 'pending', dueAt: '2026-11-30T12:00:00.000Z', overdue: false });
    expect(detail.can).toEqual({ submit: true, review: false });
    items = detail.items;
    expect(items.length).toBeGreaterThan(10);
    expect(detail.items.find((i: { liveFigure: unknown }) => i.liveFigure)).toBeTruthy();
    expect((await w.principal.s.get(`/api/self-reports/${other}`)).statusCode).toBe(403);
  });

  it('refuses incomplete or unknown answers with the field named, writing nothing', async () => {
    const unknown = await w.principal.s.request('PUT', `/api/self-reports/${mine}`, { answers: [{ itemKey: 'nope', result: 'pass' }], riskLevel: 'low', riskAssessment: '平稳', submitKey: 'key-00000001' });
    expect(unknown.json().error).toMatchObject({ code: 'self_report.item_unknown', field: 'answers/0/itemKey' });
    const partial = await w.principal.s.request('PUT', `/api/self-reports/${mine}`, { answers: answersFor().slice(1), riskLevel: 'low', riskAssessment: '平稳', submitKey: 'key-00000001' });
    expect(partial.json().error).toMatchObject({ code: 'self_report.unanswered', field: 'answers' });
    const noRisk = await w.principal.s.request('PUT', `/api/self-reports/${mine}`, { answers: answersFor(), riskAssessment: '平稳', submitKey: 'key-00000001' });
    expect(noRisk.json().error).toMatchObject({ code: 'validation.required', field: 'riskLevel' });
    const row = await env.ctx.db.selectFrom('self_reports').select(['status', 'answers']).where('id', '=', mine).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', answers: null });
  });

  it('takes the answers before the deadline once; a retry with the same key changes nothing', async () => {
    const body = { answers: answersFor('pass').map((a, i) => (i === 0 ? { ...a, result: 'fail', note: '工作方案未更新' } : a)), riskLevel: 'medium', riskAssessment: '周边有散发病例，风险中等', submitKey: 'key-00000001' };
    const first = await w.principal.s.request('PUT', `/api/self-reports/${mine}`, body);
    expect(first.json()).toEqual({ id: mine, status: 'submitted', duplicate: false });
    expect((await w.principal.s.request('PUT', `/api/self-reports/${mine}`, body)).json()).toEqual({ id: mine, status: 'submitted', duplicate: true });
    expect((await w.principal.s.request('PUT', `/api/self-reports/${mine}`, { ...body, submitKey: 'key-00000002' })).json().error.code).toBe('self_report.already_submitted');
    const audits = await env.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'self_report.submit').where('object_id', '=', String(mine)).execute();
    expect(audits).toHaveLength(1);
  });

  it('escalates missing and late reports once, with the injected clock', async () => {
    expect(await escalateLateSelfReports(env.ctx)).toEqual({ escalated: 0 });
    env.clock.set('2026-11-30T12:30:00Z');
    expect(await escalateLateSelfReports(env.ctx)).toEqual({ escalated: 4 });
    expect(await escalateLateSelfReports(env.ctx)).toEqual({ escalated: 0 });
    const row = await env.ctx.db.selectFrom('self_reports').select(['status', 'escalated_at']).where('id', '=', other).executeTakeFirstOrThrow();
    expect(row.status).toBe('missing');
    const esc = await env.ctx.db.selectFrom('governance_escalations').selectAll().where('object_type', '=', 'self_report').where('object_id', '=', other).execute();
    expect(esc.map((e) => [e.level, e.to_account, e.to_region])).toEqual([[1, w.county.id, '410105']]);
    expect((await env.ctx.db.selectFrom('self_reports').select('status').where('id', '=', mine).executeTakeFirstOrThrow()).status).toBe('submitted');
    // A missing report filed afterwards is taken as late; it was escalated already, so nothing more.
    const admin = await makeAccount(env.ctx, { role: 'school_admin', schoolId: w.otherSchoolId });
    const late = await (await login(env, admin.username)).request('PUT', `/api/self-reports/${other}`, { answers: answersFor(), riskLevel: 'low', riskAssessment: '补报：风险低', submitKey: 'late-0000001' });
    expect(late.json()).toMatchObject({ status: 'late', duplicate: false });
    expect(await escalateLateSelfReports(env.ctx)).toEqual({ escalated: 0 });
  });

  it('lets the bureau review and turn answers into findings (owner from the grid, deadline required)', async () => {
    const county = await login(env, (await env.ctx.db.selectFrom('accounts').select('username').where('id', '=', w.county.id).executeTakeFirstOrThrow()).username);
    const principal = await login(env, (await env.ctx.db.selectFrom('accounts').select('username').where('id', '=', w.principal.id).executeTakeFirstOrThrow()).username);
    expect((await principal.post(`/api/self-reports/${mine}/review`, { note: '已阅' })).statusCode).toBe(403);
    const pending = (await county.get('/api/self-reports?status=missing')).json().items[0].id;
    expect((await county.post(`/api/self-reports/${pending}/review`, { note: '已阅' })).json().error.code).toBe('self_report.not_submitted');
    const bad = await county.post(`/api/self-reports/${mine}/review`, { note: '已阅', findings: [{ itemKey: items[0].key, title: '工作方案未更新', requiredEvidence: '新版方案', deadline: plusDays(TODAY, -1) }] });
    expect(bad.json().error).toMatchObject({ code: 'finding.deadline_past', field: 'findings/0/deadline' });
    expect((await county.get(`/api/self-reports/${mine}`)).json().report.status).toBe('submitted');
    const ok = await county.post(`/api/self-reports/${mine}/review`, { note: '方案须更新', findings: [{ itemKey: items[0].key, title: '工作方案未更新', requiredEvidence: '新版方案', deadline: plusDays(TODAY, 3) }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const detail = (await principal.get(`/api/self-reports/${mine}`)).json();
    expect(detail.report.status).toBe('reviewed');
    expect(detail.findings).toHaveLength(1);
    expect(detail.findings[0]).toMatchObject({ source: 'self_report', ownerAccountId: w.principal.id, deadline: plusDays(TODAY, 3), status: 'open' });
    expect((await county.post(`/api/self-reports/${mine}/review`, { note: '再审' })).json().error.code).toBe('self_report.reviewed');
  });
});
