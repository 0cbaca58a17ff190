import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeCoResident, makeSchool, makeStudent } from '../harness/factories';
import { login } from '../harness/session';

describe.each(databases())('people and the person file on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let classA: number;
  let classB: number;
  let studentA: { id: number; idNumber: string };
  let studentB: { id: number };
  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classA = (await makeClass(env.ctx, { schoolId })).id;
    classB = (await makeClass(env.ctx, { schoolId })).id;
    studentA = await makeStudent(env.ctx, { classId: classA, name: '张小明' });
    studentB = await makeStudent(env.ctx, { classId: classB, name: '李小红' });
    await makeCoResident(env.ctx, { householdOf: studentA.id, occupation: '冷链物流从业人员', highRisk: true });
  });
  afterAll(() => env.close());

  it('a class teacher sees only the own class and its households', async () => {
    const teacher = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: classA });
    const s = await login(env, teacher.username);
    const list = await s.get('/api/people?limit=100');
    const ids = list.json().items.map((p: { id: number }) => p.id);
    expect(ids).toContain(studentA.id);
    expect(ids).not.toContain(studentB.id);
    expect(list.json().items.some((p: { kind: string }) => p.kind === 'co_resident')).toBe(true);
    expect((await s.get(`/api/people/${studentB.id}`)).statusCode).toBe(403);
    const denied = await env.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'access.denied').where('object_id', '=', String(studentB.id)).execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('shows ID numbers masked, and unmasking needs the permission and is audited', async () => {
    const doctor = await makeAccount(env.ctx, { role: 'school_doctor', schoolId, canUnmask: true });
    const guard = await makeAccount(env.ctx, { role: 'gate_guard', schoolId });
    const d = await login(env, doctor.username);
    const file = await d.get(`/api/people/${studentA.id}`);
    expect(file.statusCode).toBe(200);
    const person = file.json().person;
    expect(person.idNumberMasked).toBe(`${studentA.idNumber.slice(0, 6)}********${studentA.idNumber.slice(-4)}`);
    expect(file.body).not.toContain(studentA.idNumber);
    expect(file.json().household[0]).toMatchObject({ occupation: '冷链物流从业人员', highRiskOccupation: true });
    const full = await d.post(`/api/people/${studentA.id}/unmask`, { field: 'idNumber' });
    expect(full.json().value).toBe(studentA.idNumber);
    const audit = await env.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'person.unmask').where('actor_name', '=', doctor.username).execute();
    expect(audit).toHaveLength(1);
    const reads = await env.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'person.read').where('actor_name', '=', doctor.username).execute();
    expect(reads).toHaveLength(1);
    const g = await login(env, guard.username);
    expect((await g.post(`/api/people/${studentA.id}/unmask`, { field: 'idNumber' })).statusCode).toBe(403);
  });

  it('validates the ID number check digit and names the field; nothing is written', async () => {
    const admin = await makeAccount(env.ctx, { role: 'school_admin', schoolId });
    const s = await login(env, admin.username);
    const before = await env.ctx.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bad = await s.post('/api/people', { kind: 'student', schoolId, classId: classA, name: '王五', studentNumber: 'X1', idNumber: '110105194912310021' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'person.id_number_check_digit', field: 'idNumber', message: '身份证号校验位不正确' });
    const dupGuardian = await s.post('/api/people', { kind: 'student', schoolId, classId: classA, name: '王五', studentNumber: 'X2', idNumber: '11010519491231002X', guardians: [{ name: '王父', relation: '父亲', phone: '123' }] });
    expect(dupGuardian.statusCode).toBe(400);
    expect(dupGuardian.json().error.field).toBe('guardians/0/phone');
    const after = await env.ctx.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const ok = await s.post('/api/people', { kind: 'student', schoolId, classId: classA, name: '王五', studentNumber: 'X3', idNumber: '11010519491231002X', guardians: [{ name: '王父', relation: '父亲', phone: '13800001111' }] });
    expect(ok.statusCode).toBe(200);
    const row = await env.ctx.db.selectFrom('persons').selectAll().where('id', '=', ok.json().id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain('11010519491231002X');
    expect(row.birth_date).toBe('1949-12-31');
    const again = await s.post('/api/people', { kind: 'student', schoolId, classId: classA, name: '王五', studentNumber: 'X4', idNumber: '11010519491231002x' });
    expect(again.json().error).toMatchObject({ code: 'person.id_number_taken', field: 'idNumber' });
  });

  it('exports the list to a real Excel file, audited', async () => {
    const admin = await makeAccount(env.ctx, { role: 'school_admin', schoolId });
    const s = await login(env, admin.username);
    const res = await s.get(`/api/people/export?classId=${classA}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(2).value).toBe('姓名');
    const names = ws.getColumn(2).values as string[];
    expect(names).toContain('张小明');
    expect(names).not.toContain('李小红');
  });
});

describe.each(databases())('guardian phones and account lists on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
  });
  afterAll(() => env.close());

  it('unmasks a guardian phone for a permitted role, audited, and only for that student', async () => {
    const schoolId = (await makeSchool(env.ctx)).id;
    const classId = (await makeClass(env.ctx, { schoolId })).id;
    const admin = await makeAccount(env.ctx, { role: 'school_admin', schoolId, canUnmask: true });
    const s = await login(env, admin.username);
    const created = await s.post('/api/people', { kind: 'student', schoolId, classId, name: '赵六', studentNumber: 'Z1', guardians: [{ name: '赵父', relation: '父亲', phone: '13912345678' }] });
    const other = await s.post('/api/people', { kind: 'student', schoolId, classId, name: '钱七', studentNumber: 'Z2' });
    const file = (await s.get(`/api/people/${created.json().id}`)).json();
    expect(file.guardians[0].phoneMasked).toBe('139****5678');
    const guardianId = file.guardians[0].id;
    const full = await s.post(`/api/people/${created.json().id}/unmask`, { field: 'guardianPhone', guardianId });
    expect(full.json().value).toBe('13912345678');
    const wrong = await s.post(`/api/people/${other.json().id}/unmask`, { field: 'guardianPhone', guardianId });
    expect(wrong.statusCode).toBe(404);
    const missing = await s.post(`/api/people/${created.json().id}/unmask`, { field: 'guardianPhone' });
    expect(missing.json().error.field).toBe('guardianId');
  });

  it('tells the account form which roles the manager may create', async () => {
    const schoolId = (await makeSchool(env.ctx)).id;
    const admin = await makeAccount(env.ctx, { role: 'school_admin', schoolId });
    const s = await login(env, admin.username);
    const list = (await s.get('/api/accounts')).json();
    expect(list.can.assignableRoles).toEqual(['school_doctor', 'class_teacher', 'gate_guard', 'parent']);
  });
});
