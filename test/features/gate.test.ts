import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPersonStateSource, unregisterPersonStateSource } from '../../src/features/gate/person-state';
import { purgeGateLedger } from '../../src/features/gate/retention';
import { signPersonCode } from '../../src/domain/gate/person-code';
import { campusKeys } from '../../src/features/venue-codes/keys';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStaff, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

const PASS = { realNameVerified: true, maskWorn: true, venueCodeScanned: true, travelRecordShown: true };
let seq = 0;
const key = () => `test-key-${Date.now()}-${++seq}`;

describe.each(databases())('the gate and its ledger on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let otherSchool: number;
  let classId: number;
  let guard: TestSession;
  let doctor: TestSession;
  let token: string;
  const rows = async (table: 'gate_entries' | 'visitors' | 'gate_doctor_notices' | 'gate_presence') =>
    Number((await env.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const enter = (subject: object, temperature = 36.5, checks = PASS, idempotencyKey = key()) =>
    guard.post('/api/gate/entries', { venueToken: token, direction: 'in', subject, checks, temperature, idempotencyKey });

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx, { name: '金水区第二小学' })).id;
    otherSchool = (await makeSchool(env.ctx, { name: '别的学校' })).id;
    classId = (await makeClass(env.ctx, { schoolId, gradeName: '三年级', name: '2班' })).id;
    const admin = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId })).username);
    guard = await login(env, (await makeAccount(env.ctx, { role: 'gate_guard', schoolId })).username);
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
    const code = await admin.post('/api/venue-codes', { schoolId, kind: 'gate', name: '东门' });
    token = (await admin.get(`/api/venue-codes/${code.json().id}`)).json().token;
  });
  afterAll(() => env.close());

  it('lets a student in by student number, counts them on campus, and a retry is not counted twice', async () => {
    const s = await makeStudent(env.ctx, { classId, name: '张小明' });
    const number = (await env.ctx.db.selectFrom('persons').select('student_number').where('id', '=', s.id).executeTakeFirstOrThrow()).student_number!;
    const before = await guard.get(`/api/gate/headcount?schoolId=${schoolId}`);
    const k = key();
    const res = await enter({ studentNumber: number }, 36.5, PASS, k);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ decision: 'allow', reasons: [], duplicate: false, person: { personId: s.id, name: '张小明', className: '三年级2班' } });
    const again = await enter({ studentNumber: number }, 36.5, PASS, k);
    expect(again.json()).toMatchObject({ entryId: res.json().entryId, decision: 'allow', duplicate: true });
    const ledger = (await guard.get(`/api/gate/entries?schoolId=${schoolId}`)).json();
    expect(ledger.items.filter((i: { personId: number }) => i.personId === s.id)).toHaveLength(1);
    const after = (await guard.get(`/api/gate/headcount?schoolId=${schoolId}`)).json();
    expect(after.insidePersons).toBe(before.json().insidePersons + 1);
    const out = await guard.post('/api/gate/entries', { venueToken: token, direction: 'out', subject: { personId: s.id }, idempotencyKey: key() });
    expect(out.json().decision).toBe('allow');
    expect((await guard.get(`/api/gate/headcount?schoolId=${schoolId}`)).json().insidePersons).toBe(before.json().insidePersons);
  });

  it('finds people by ID number and by their person code', async () => {
    const s = await makeStudent(env.ctx, { classId });
    const byId = await guard.post('/api/gate/lookup', { venueToken: token, subject: { idNumber: s.idNumber } });
    expect(byId.statusCode).toBe(200);
    expect(byId.json().person.personId).toBe(s.id);
    expect(byId.body).not.toContain(s.idNumber);
    const code = signPersonCode(campusKeys(env.ctx.cipher).person, s.id);
    const byCode = await guard.post('/api/gate/lookup', { venueToken: token, subject: { personCode: code } });
    expect(byCode.json().person.personId).toBe(s.id);
    const forged = await guard.post('/api/gate/lookup', { venueToken: token, subject: { personCode: `${code.slice(0, -2)}xx` } });
    expect(forged.json().error).toMatchObject({ code: 'gate.person_code_invalid', field: 'subject/personCode' });
    const shown = (await doctor.get(`/api/gate/person-codes/${s.id}`)).json();
    expect(shown.code).toBe(code);
    expect(shown.png).toMatch(/^data:image\/png;base64,/);
  });

  it('refuses a yellow-status student and says why', async () => {
    const s = await makeStudent(env.ctx, { classId, name: '黄小码' });
    const hasResponse = (await sql<{ t: string | null }>`select to_regclass('risk_statuses')::text as t`.execute(env.ctx.db)).rows[0].t;
    if (hasResponse) {
      await sql`insert into risk_statuses (person_id, status, computed_status, reasons, updated_at) values (${s.id}, 'yellow', 'yellow', '[]'::jsonb, now())`.execute(env.ctx.db);
    } else {
      registerPersonStateSource('test-yellow', async (_db, ids) => new Map(ids.filter((id) => id === s.id).map((id) => [id, { riskStatus: 'yellow' as const }])));
    }
    try {
      const look = (await guard.post('/api/gate/lookup', { venueToken: token, subject: { personId: s.id } })).json();
      expect(look.state.riskStatus).toBe('yellow');
      expect(look.stateReasons).toEqual(['risk_yellow']);
      const res = await enter({ personId: s.id });
      expect(res.json()).toMatchObject({ decision: 'refuse', reasons: ['risk_yellow'], notifyDoctor: false });
      const refusals = (await doctor.get(`/api/gate/refusals?schoolId=${schoolId}`)).json();
      expect(refusals.items.some((i: { personId: number; riskStatus: string }) => i.personId === s.id && i.riskStatus === 'yellow')).toBe(true);
    } finally {
      unregisterPersonStateSource('test-yellow');
    }
  });

  it('takes isolation, overdue tests and unreturned leave from whatever source knows them', async () => {
    const a = await makeStudent(env.ctx, { classId });
    const b = await makeStudent(env.ctx, { classId });
    const c = (await makeStaff(env.ctx, { schoolId, staffRole: 'catering', keyPosition: 'catering' })).id;
    registerPersonStateSource('test-state', async () => new Map([[a.id, { isolated: true }], [b.id, { leaveUnreturned: true }], [c, { testOverdue: true, riskStatus: 'green' as const }]]));
    try {
      expect((await enter({ personId: a.id })).json().reasons).toEqual(['isolated']);
      expect((await enter({ personId: b.id })).json().reasons).toEqual(['leave_unreturned']);
      expect((await enter({ personId: c })).json().reasons).toEqual(['test_overdue']);
    } finally {
      unregisterPersonStateSource('test-state');
    }
  });

  it('reads isolation, unreturned leave and a missed scheduled test from the response records', async () => {
    const iso = await makeStudent(env.ctx, { classId });
    const away = await makeStudent(env.ctx, { classId });
    const cook = (await makeStaff(env.ctx, { schoolId, staffRole: 'catering', keyPosition: 'catering' })).id;
    const db = env.ctx.db;
    const policy = await sql<{ id: number }>`insert into disease_policies (disease, version, rules) values ('covid19-gate-test', 1, '{}'::jsonb) returning id`.execute(db);
    await sql`insert into isolations (person_id, school_id, kind, reason, policy_id, starts_on, planned_end, test_days, status, created_at)
      values (${iso.id}, ${schoolId}, 'home', '密接', ${policy.rows[0].id}, '2026-11-28', '2026-12-05', '{1,3}', 'active', now())`.execute(db);
    await sql`insert into leave_requests (person_id, school_id, from_date, to_date, reason, destination, status, chain, requested_at)
      values (${away.id}, ${schoolId}, '2026-11-25', '2026-11-28', '探亲', '郑州', 'approved', '[]'::jsonb, now())`.execute(db);
    // Key positions tested every day of the week: yesterday's test is missing.
    await sql`insert into test_schedules (name, school_id, test_group, weekdays, test_kind, starts_on, created_at)
      values ('重点岗位每日检测', ${schoolId}, 'key_positions', '{1,2,3,4,5,6,7}', 'pcr', '2026-11-01', now())`.execute(db);
    expect((await enter({ personId: iso.id })).json().reasons).toEqual(['isolated']);
    expect((await enter({ personId: away.id })).json().reasons).toEqual(['leave_unreturned']);
    expect((await enter({ personId: cook })).json().reasons).toEqual(['test_overdue']);
    await sql`insert into test_results (person_id, school_id, test_kind, sampled_on, result, source, created_at) values (${cook}, ${schoolId}, 'pcr', '2026-11-29', 'negative', 'manual', now())`.execute(db);
    expect((await enter({ personId: cook })).json().decision).toBe('allow');
  });

  it('a fever refuses entry and tells the school doctor at once, who acknowledges it', async () => {
    const s = await makeStudent(env.ctx, { classId, name: '发小烧' });
    const res = await enter({ personId: s.id }, 37.3, { ...PASS, maskWorn: false });
    expect(res.json()).toMatchObject({ decision: 'refuse', reasons: ['no_mask', 'fever'], notifyDoctor: true });
    const list = (await doctor.get(`/api/gate/refusals?schoolId=${schoolId}`)).json();
    const row = list.items.find((i: { personId: number }) => i.personId === s.id);
    expect(row).toMatchObject({ temperature: 37.3, noticeAcknowledged: false });
    expect((await doctor.get(`/api/gate/headcount?schoolId=${schoolId}`)).json().openDoctorNotices).toBeGreaterThan(0);
    expect((await doctor.post(`/api/gate/doctor-notices/${row.noticeId}/ack`)).statusCode).toBe(200);
    expect((await doctor.post(`/api/gate/doctor-notices/${row.noticeId}/ack`)).statusCode).toBe(409);
    expect((await guard.post(`/api/gate/doctor-notices/${row.noticeId}/ack`)).statusCode).toBe(403);
  });

  it('bad input names the cause and writes nothing', async () => {
    const s = await makeStudent(env.ctx, { classId });
    const before = await Promise.all([rows('gate_entries'), rows('visitors'), rows('gate_presence')]);
    const hot = await enter({ personId: s.id }, 45);
    expect(hot.statusCode).toBe(400);
    expect(hot.json().error).toMatchObject({ code: 'gate.temperature_out_of_range', field: 'temperature' });
    expect(hot.json().error.message).toContain('34–43');
    const cold = await enter({ personId: s.id }, 33.9);
    expect(cold.json().error.code).toBe('gate.temperature_out_of_range');
    const unknown = await enter({ studentNumber: 'NOPE-404' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'gate.person_unknown', field: 'subject/studentNumber' });
    const two = await enter({ personId: s.id, studentNumber: 'x' });
    expect(two.json().error).toMatchObject({ code: 'gate.subject_required', field: 'subject' });
    const noChecks = await guard.post('/api/gate/entries', { venueToken: token, direction: 'in', subject: { personId: s.id }, temperature: 36.5, idempotencyKey: key() });
    expect(noChecks.json().error.field).toBe('checks');
    const visitorBadId = await enter({ visitor: { name: '李四', idNumber: '110105194912310021', phone: '13800001111', host: '王老师', purpose: '送教材' } });
    expect(visitorBadId.json().error).toMatchObject({ code: 'person.id_number_check_digit', field: 'subject/visitor/idNumber' });
    const forged = await guard.post('/api/gate/entries', { venueToken: `${token.slice(0, -3)}abc`, direction: 'in', subject: { personId: s.id }, checks: PASS, temperature: 36.5, idempotencyKey: key() });
    expect(forged.json().error).toMatchObject({ code: 'venue_code.forged', field: 'venueToken' });
    const elsewhere = await makeStudent(env.ctx, { classId: (await makeClass(env.ctx, { schoolId: otherSchool })).id });
    expect((await enter({ personId: elsewhere.id })).statusCode).toBe(404);
    expect(await Promise.all([rows('gate_entries'), rows('visitors'), rows('gate_presence')])).toEqual(before);
  });

  it('registers a visitor, lists them in the visitor log, and records their exit', async () => {
    const res = await enter({ visitor: { name: '王访客', idNumber: '11010519491231002X', phone: '13800001111', organisation: '区卫健委', host: '刘校长', purpose: '检查食堂' } });
    expect(res.json()).toMatchObject({ decision: 'allow', person: { kind: 'visitor', name: '王访客', idNumberMasked: '110105********002X' } });
    const log = (await guard.get(`/api/gate/visitors?schoolId=${schoolId}`)).json();
    const v = log.items.find((i: { name: string }) => i.name === '王访客');
    expect(v).toMatchObject({ organisation: '区卫健委', host: '刘校长', phoneMasked: '138****1111', entryDecision: 'allow', insideNow: true });
    await guard.post('/api/gate/entries', { venueToken: token, direction: 'out', subject: { visitorId: v.id }, idempotencyKey: key() });
    const after = (await guard.get(`/api/gate/visitors?schoolId=${schoolId}`)).json();
    expect(after.items.find((i: { id: number }) => i.id === v.id).insideNow).toBe(false);
  });

  it('exports the day’s entry ledger (出入台账) as a real workbook, audited', async () => {
    const res = await doctor.get(`/api/gate/entries/export?schoolId=${schoolId}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('出入台账')!;
    expect(String(ws.getRow(1).getCell(1).value)).toContain('金水区第二小学 出入台账');
    expect(ws.getRow(2).values).toContain('体温(℃)');
    expect(ws.rowCount).toBeGreaterThan(5);
    const texts = JSON.stringify(ws.getSheetValues());
    expect(texts).toContain('健康码黄码');
    // The health-code column is in words, never the stored code (red, unknown …).
    const col = (ws.getRow(2).values as unknown[]).indexOf('健康码');
    const codes = new Set<unknown>();
    ws.eachRow((row, n) => { if (n > 2) codes.add(row.getCell(col).value ?? ''); });
    expect([...codes].filter((c) => !['绿码', '黄码', '红码', '未知', ''].includes(String(c)))).toEqual([]);
    expect([...codes].some((c) => c === '黄码' || c === '红码')).toBe(true);
    const audit = await env.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'gate.ledger.export').execute();
    expect(audit).toHaveLength(1);
  });

  it('purges the ledger past its retention period, never sooner than the audit minimum', async () => {
    await expect(purgeGateLedger(env.ctx, 30)).rejects.toThrow(RangeError);
    const s = await makeStudent(env.ctx, { classId });
    await env.ctx.db.insertInto('gate_entries').values({ school_id: schoolId, gate_name: '东门', direction: 'in', person_id: s.id, identified_by: 'person_id', at: new Date('2025-01-10T00:00:00Z'), temperature: 36.5, decision: 'allow', guard_id: null, venue_code_id: null, visitor_id: null, real_name_verified: true, mask_worn: true, venue_code_scanned: true, travel_record_shown: true, risk_status: null, idempotency_key: `old-${s.id}` }).execute();
    const before = await rows('gate_entries');
    const result = await purgeGateLedger(env.ctx, 184);
    expect(result.entries).toBe(1);
    expect(await rows('gate_entries')).toBe(before - 1);
  });
});
