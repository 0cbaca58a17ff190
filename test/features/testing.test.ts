import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStaff, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function labFile(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('结果');
  ws.addRow(['济源市疾控中心核酸检测结果']);
  ws.addRow(['序号', '姓名', '身份证号', '检测项目', '采样日期', '检测结果', '检测机构']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(databases())('testing schedules, due lists, results and lab imports on %s', (kind) => {
  let env: TestEnv;
  let doctor: TestSession;
  let county: TestSession;
  let teacher: TestSession;
  let schoolId: number;
  let classId: number;
  const students: { id: number; idNumber: string; name: string }[] = [];
  let guard: number;
  let cook: number;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2022-05-05T01:00:00Z'); // Thursday
    schoolId = (await makeSchool(env.ctx, { regionCode: '419001' })).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    for (let i = 0; i < 3; i++) {
      const s = await makeStudent(env.ctx, { classId, name: `测试生${i}` });
      students.push({ id: s.id, idNumber: s.idNumber, name: `测试生${i}` });
    }
    guard = (await makeStaff(env.ctx, { schoolId, staffRole: 'security', keyPosition: 'security' })).id;
    cook = (await makeStaff(env.ctx, { schoolId, staffRole: 'catering', keyPosition: 'catering' })).id;
    const d = await makeAccount(env.ctx, { role: 'school_doctor', schoolId });
    const c = await makeAccount(env.ctx, { role: 'county_officer', regionCode: '419001' });
    const t = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId });
    [doctor, county, teacher] = await Promise.all([login(env, d.username), login(env, c.username), login(env, t.username)]);
  }, 60_000);
  afterAll(() => env.close());

  it('schedules a county twice a week and key positions twice a week; lists who is due today and who is overdue', async () => {
    const all = await county.post('/api/test-schedules', { name: '全员核酸（周一、周四）', regionCode: '419001', group: 'all', weekdays: [1, 4], testKind: 'pcr', startsOn: '2022-05-01' });
    expect(all.statusCode, all.body).toBe(200);
    const key = await county.post('/api/test-schedules', { name: '重点岗位（周二、周五）', schoolId, group: 'key_positions', weekdays: [2, 5], testKind: 'pcr', startsOn: '2022-05-01' });
    expect(key.statusCode, key.body).toBe(200);
    expect((await county.post('/api/test-schedules', { name: 'x', regionCode: '419001', schoolId, group: 'all', weekdays: [1], testKind: 'pcr', startsOn: '2022-05-01' })).json().error.field).toBe('schoolId');
    // Monday's test done by one student; Tuesday's by the guard
    await env.ctx.db.insertInto('test_results').values([
      { person_id: students[0].id, school_id: schoolId, test_kind: 'pcr', sampled_on: '2022-05-05', result: 'negative', source: 'manual', entered_by: null, created_at: env.ctx.now() },
      { person_id: guard, school_id: schoolId, test_kind: 'pcr', sampled_on: '2022-05-05', result: 'negative', source: 'manual', entered_by: null, created_at: env.ctx.now() },
      { person_id: cook, school_id: schoolId, test_kind: 'pcr', sampled_on: '2022-05-03', result: 'negative', source: 'manual', entered_by: null, created_at: env.ctx.now() },
    ]).execute();
    const due = (await doctor.get(`/api/testing/due?schoolId=${schoolId}`)).json();
    const by = Object.fromEntries(due.items.map((i: { personId: number; status: string; since: string }) => [i.personId, `${i.status}:${i.since}`]));
    // today is a county test day: students 1, 2 and the cook are due; the cook's key-position test of Tuesday is met
    expect(by).toEqual({ [students[1].id]: 'due:2022-05-05', [students[2].id]: 'due:2022-05-05', [cook]: 'due:2022-05-05' });
    expect(due.byClass.find((c: { classId: number }) => c.classId === classId)).toMatchObject({ due: 2, overdue: 0 });
    // next day (Friday): yesterday's missing tests are overdue, and the guard is due his Friday test
    env.clock.set('2022-05-06T01:00:00Z');
    doctor = await login(env, (await env.ctx.db.selectFrom('accounts').select('username').where('role', '=', 'school_doctor').executeTakeFirstOrThrow()).username);
    const next = (await doctor.get(`/api/testing/due?schoolId=${schoolId}&status=overdue`)).json();
    expect(next.items.map((i: { personId: number }) => i.personId).sort()).toEqual([students[1].id, students[2].id, cook].sort());
    teacher = await login(env, (await env.ctx.db.selectFrom('accounts').select('username').where('role', '=', 'class_teacher').executeTakeFirstOrThrow()).username);
    const teacherView = (await teacher.get('/api/testing/due')).json();
    expect(teacherView.items.length).toBe(2);
    expect(teacherView.items.every((i: { classId: number }) => i.classId === classId)).toBe(true);
  });

  it('refuses a future date, an unknown person and unknown fields, counts a retry once, and a positive opens a case and turns the person red', async () => {
    const bad: [object, string][] = [
      [{ personId: students[1].id, testKind: 'pcr', sampledOn: '2022-05-07', result: 'negative' }, 'sampledOn'],
      [{ personId: 9_999_999, testKind: 'pcr', sampledOn: '2022-05-05', result: 'negative' }, 'personId'],
      [{ personId: students[1].id, testKind: 'pcr', sampledOn: '2022-05-05', result: 'maybe' }, 'result'],
    ];
    for (const [body, field] of bad) {
      const r = await doctor.post('/api/test-results', body);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.field).toBe(field);
    }
    for (let i = 0; i < 2; i++) {
      const r = await doctor.post('/api/test-results', { personId: students[1].id, testKind: 'pcr', sampledOn: '2022-05-05', result: 'negative', lab: '济源市人民医院' });
      expect(r.json()).toMatchObject({ repeated: i === 1, caseId: null, riskStatus: 'green' });
    }
    expect((await doctor.post('/api/test-results', { personId: students[1].id, testKind: 'pcr', sampledOn: '2022-05-05', result: 'positive' })).statusCode).toBe(409);
    const pos = await doctor.post('/api/test-results', { personId: students[2].id, testKind: 'pcr', sampledOn: '2022-05-06', result: 'positive' });
    expect(pos.json()).toMatchObject({ repeated: false, riskStatus: 'red' });
    const again = await doctor.post('/api/test-results', { personId: students[2].id, testKind: 'pcr', sampledOn: '2022-05-06', result: 'positive' });
    expect(again.json().caseId).toBe(pos.json().caseId);
    const cases = await env.ctx.db.selectFrom('cases').select(['status', 'found_by', 'note']).where('person_id', '=', students[2].id).execute();
    // The note is read in the Chinese UI, so it is written in Chinese as other records are.
    expect(cases).toEqual([{ status: 'confirmed', found_by: 'test', note: `核酸检测阳性（2022-05-06 采样，检测记录 #${pos.json().id}）` }]);
  });

  it('imports a lab file all or nothing with per-row errors in the caller\'s language', async () => {
    const broken = await labFile([
      [1, students[0].name, students[0].idNumber, '核酸', '2022-05-06', '阴性', '疾控'],
      [2, '无此人', '410105200001011234', '核酸', '2022-05-06', '阴性', '疾控'],
      [3, students[1].name, students[1].idNumber, '核酸', '2022-05-09', '阴性', '疾控'],
      [4, students[1].name, students[1].idNumber, '核酸', '2022-05-06', '待定', '疾控'],
    ]);
    const r = await doctor.request('POST', `/api/test-results/import?schoolId=${schoolId}`, broken, { 'content-type': XLSX, 'accept-language': 'en' });
    expect(r.statusCode).toBe(400);
    const rows = r.json().error.details.rows;
    // row 1 is the lab's title, row 2 the header
    expect(rows.map((x: { row: number; column: string }) => `${x.row}:${x.column}`)).toEqual(['4:身份证号', '5:采样日期', '6:检测结果']);
    expect(rows.find((x: { row: number }) => x.row === 5).message).toBe('The sampling date is in the future');
    const zh = await doctor.request('POST', `/api/test-results/import?schoolId=${schoolId}`, broken, { 'content-type': XLSX, 'accept-language': 'zh-CN' });
    expect(zh.json().error.details.rows.find((x: { row: number }) => x.row === 4).message).toBe('本校没有该人员');
    expect(await env.ctx.db.selectFrom('test_results').select('id').where('source', '=', 'import').execute()).toEqual([]);

    const good = await labFile([
      [1, students[0].name, students[0].idNumber, '核酸', '2022-05-06', '阴性', '疾控'],
      [2, students[1].name, students[1].idNumber, '抗原', new Date(Date.UTC(2022, 4, 6)), '阳性', '疾控'],
    ]);
    const ok = await doctor.request('POST', `/api/test-results/import?schoolId=${schoolId}`, good, { 'content-type': XLSX });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 2, repeated: 0, positives: 1 });
    const re = await doctor.request('POST', `/api/test-results/import?schoolId=${schoolId}`, good, { 'content-type': XLSX });
    expect(re.json()).toMatchObject({ imported: 0, repeated: 2, positives: 1, caseIds: ok.json().caseIds });
    expect((await doctor.get(`/api/people/${students[1].id}/risk`)).json().status).toBe('red');
    expect((await env.ctx.db.selectFrom('cases').select('status').where('person_id', '=', students[1].id).executeTakeFirstOrThrow()).status).toBe('suspected');
  });

  it('lists an isolation\'s test dates as due or overdue', async () => {
    const iso = await doctor.post('/api/isolations', { personId: guard, disease: 'covid19', role: 'returning_household', startsOn: '2022-05-03', reason: '外地返回' });
    expect(iso.statusCode, iso.body).toBe(200);
    const due = (await doctor.get(`/api/testing/due?schoolId=${schoolId}`)).json();
    const g = due.items.find((i: { personId: number }) => i.personId === guard);
    expect(g).toMatchObject({ status: 'overdue', since: '2022-05-03' });
    expect(g.missing.map((m: { source: string; date: string }) => `${m.source}:${m.date}`)).toEqual(['schedule:2022-05-06', 'isolation:2022-05-03', 'isolation:2022-05-06']);
  });
});
