import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/people/id-number';
import { STAFF_COLUMNS, STUDENT_COLUMNS } from '../../src/domain/roster/columns';
import { buildRosterWorkbook } from '../../src/features/roster/workbook';
import { XLSX_TYPE } from '../../src/features/roster/routes';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeDorm, makeSchool } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

let seq = 100;
/** A valid student row in template column order; `change` overrides cells by header. */
function student(change: Record<string, string> = {}): string[] {
  const n = seq++;
  const gender = n % 2 ? 'male' : 'female';
  const id = makeIdNumber('410105', `2018-0${1 + (n % 9)}-1${n % 10}`, n, gender);
  const base: Record<string, string> = {
    姓名: `学生${n}`, 性别: gender === 'male' ? '男' : '女', 出生日期: '', 身份证号: id, 学籍号: `G${id}`, 年级: '一年级', 班级: '1班',
    监护人姓名: `家长${n}`, 监护人关系: '母亲', 监护人电话: `139${String(n).padStart(8, '0')}`,
  };
  const row = { ...base, ...change };
  return STUDENT_COLUMNS.map((c) => row[c.header] ?? '');
}
const cell = (row: string[], header: string) => row[STUDENT_COLUMNS.findIndex((c) => c.header === header)];
const xlsx = (rows: string[][], kind: 'student' | 'staff' = 'student') => buildRosterWorkbook(kind, rows);
const csvLine = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
const csv = (header: string[], rows: string[][]) => [header, ...rows].map(csvLine).join('\r\n');

describe.each(databases())('roster import and export on %s', (kind) => {
  let env: TestEnv;
  let schoolA: number;
  let schoolB: number;
  let admin: TestSession;
  const count = async (schoolId: number) =>
    (await env.ctx.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).where('school_id', '=', schoolId).executeTakeFirstOrThrow()).n;
  const upload = (s: TestSession, schoolId: number, body: Buffer | string, type = XLSX_TYPE, extra = '', lang = 'zh-CN') =>
    s.request('POST', `/api/schools/${schoolId}/roster${extra}`, body, { 'content-type': type, 'accept-language': lang });

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolA = (await makeSchool(env.ctx, { boarding: true })).id;
    schoolB = (await makeSchool(env.ctx, { regionCode: '411627' })).id;
    await makeClass(env.ctx, { schoolId: schoolA, gradeName: '一年级', name: '1班' });
    await makeClass(env.ctx, { schoolId: schoolA, gradeName: '一年级', name: '2班' });
    await makeDorm(env.ctx, { schoolId: schoolA, room: '101' });
    const acc = await makeAccount(env.ctx, { role: 'school_admin', schoolId: schoolA });
    admin = await login(env, acc.username);
  });
  afterAll(() => env.close());

  it('downloads the template as a workbook with Chinese headers, text ID columns and an instructions sheet', async () => {
    for (const k of ['student', 'staff'] as const) {
      const res = await admin.get(`/api/roster/template?kind=${k}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const sheet = wb.worksheets[0];
      const header = (sheet.getRow(1).values as string[]).slice(1);
      expect(header).toEqual((k === 'student' ? STUDENT_COLUMNS : STAFF_COLUMNS).map((c) => c.header));
      expect(sheet.getColumn(header.indexOf('身份证号') + 1).numFmt).toBe('@');
      expect(wb.worksheets[1].name).toBe('填写说明');
    }
    expect((await admin.get('/api/roster/template?kind=parent')).statusCode).toBe(400);
  });

  it('imports a valid roster: encrypted, masked, with guardians and an audit row', async () => {
    const rows = [student(), student({ 班级: '2', 宿舍楼: '1号楼', 宿舍号: '101' }), student({ 监护人姓名: '', 监护人关系: '', 监护人电话: '' })];
    const res = await upload(admin, schoolA, await xlsx(rows));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'student', imported: 3, guardians: 2 });
    const id = cell(rows[1], '身份证号');
    const stored = await env.ctx.db.selectFrom('persons').selectAll().where('id_number_hash', '=', env.ctx.cipher.lookupHash(id)).executeTakeFirstOrThrow();
    expect(stored.id_number_enc).not.toContain(id.slice(6, 14));
    expect(env.ctx.cipher.decrypt(stored.id_number_enc!)).toBe(id);
    expect(stored.id_number_masked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(stored.birth_date).toBe(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
    expect(stored.dorm_id).not.toBeNull();
    const guardian = await env.ctx.db.selectFrom('guardians').selectAll().where('student_id', '=', stored.id).executeTakeFirstOrThrow();
    expect(guardian.phone_masked).toMatch(/^139\*{4}\d{4}$/);
    expect(env.ctx.cipher.decrypt(guardian.phone_enc!)).toBe(cell(rows[1], '监护人电话'));
    const audit = await env.ctx.db.selectFrom('audit_log').select(['detail', 'result']).where('action', '=', 'roster.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ result: 'ok', detail: { kind: 'student', imported: 3, guardians: 2, format: 'xlsx' } });
  });

  it('rejects a roster with two bad rows, naming both rows and columns, and writes nothing', async () => {
    const before = await count(schoolA);
    const good = student();
    const badId = student();
    badId[STUDENT_COLUMNS.findIndex((c) => c.header === '身份证号')] = cell(badId, '身份证号').slice(0, 17) + (cell(badId, '身份证号').endsWith('1') ? '2' : '1');
    const rows = [good, badId, student({ 班级: '9班', 性别: '未知' })];
    const res = await upload(admin, schoolA, await xlsx(rows));
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('roster.invalid_rows');
    expect(error.message).toContain('未导入任何数据');
    expect(error.details.rows.map((r: { row: number; column: string; code: string }) => [r.row, r.column, r.code])).toEqual([
      [3, '身份证号', 'person.id_number_check_digit'],
      [4, '性别', 'roster.gender_invalid'],
      [4, '班级', 'roster.class_unknown'],
    ]);
    expect(error.details.rows[2].message).toBe('本校没有“一年级 9班”这个班级，请先在学校管理中建立');
    expect(await count(schoolA)).toBe(before);
    const en = await upload(admin, schoolA, await xlsx(rows), XLSX_TYPE, '', 'en');
    expect(en.json().error.details.rows[1].message).toBe('Gender "未知" is not valid; write 男 (male) or 女 (female)');
    const audit = await env.ctx.db.selectFrom('audit_log').select(['result']).where('action', '=', 'roster.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.result).toBe('failed');
  });

  it('finds duplicates within the file and against the database; a re-upload creates nothing', async () => {
    const a = student();
    const res = await upload(admin, schoolA, await xlsx([a, student(), [...a]]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.rows.map((r: { row: number; column: string; message: string }) => `${r.row} ${r.column} ${r.message}`)).toEqual([
      '4 身份证号 身份证号与第 2 行重复',
      '4 学籍号 学籍号与第 2 行重复',
    ]);
    const rows = [student(), student()];
    const file = await xlsx(rows);
    expect((await upload(admin, schoolA, file)).statusCode).toBe(200);
    const before = await count(schoolA);
    const again = await upload(admin, schoolA, file);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.rows.map((r: { row: number; code: string }) => `${r.row} ${r.code}`)).toEqual([
      '2 roster.id_number_taken', '2 roster.student_number_taken', '3 roster.id_number_taken', '3 roster.student_number_taken',
    ]);
    expect(await count(schoolA)).toBe(before);
  });

  it('refuses a class teacher and a school administrator of another school', async () => {
    const cls = await makeClass(env.ctx, { schoolId: schoolA, gradeName: '二年级', name: '1班' });
    const teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId: schoolA, classId: cls.id })).username);
    const other = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId: schoolB })).username);
    const file = await xlsx([student()]);
    const before = await count(schoolA);
    const byTeacher = await upload(teacher, schoolA, file);
    expect(byTeacher.statusCode).toBe(403);
    expect((await teacher.get('/api/roster/template')).statusCode).toBe(403);
    const byOther = await upload(other, schoolA, file);
    expect(byOther.statusCode).toBe(403);
    expect(byOther.json().error.code).toBe('error.out_of_scope');
    expect((await other.get(`/api/schools/${schoolA}/roster/export`)).statusCode).toBe(403);
    expect(await count(schoolA)).toBe(before);
  });

  it('reads CSV in UTF-8 with BOM and in GBK, and staff rosters', async () => {
    const header = STUDENT_COLUMNS.map((c) => c.header);
    const utf8 = Buffer.from(`\uFEFF${csv(header, [student({ 姓名: '欧阳,娜娜' })])}\r\n`);
    const r1 = await upload(admin, schoolA, utf8, 'text/csv');
    expect(r1.statusCode, r1.body).toBe(200);
    expect(await env.ctx.db.selectFrom('persons').select('id').where('name', '=', '欧阳,娜娜').executeTakeFirst()).toBeTruthy();
    const gbkName = '张三丰';
    // As Chinese Excel saves "CSV": GBK bytes for 姓名,身份证号,学籍号,年级,班级 and 张三丰 … 一年级.
    const headerGbk = new Map([['姓名', [0xd0, 0xd5, 0xc3, 0xfb]], ['身份证号', [0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5]], ['学籍号', [0xd1, 0xa7, 0xbc, 0xae, 0xba, 0xc5]], ['年级', [0xc4, 0xea, 0xbc, 0xb6]], ['班级', [0xb0, 0xe0, 0xbc, 0xb6]]]);
    const id = makeIdNumber('410105', '2018-05-05', 77, 'male');
    const comma = Buffer.from(',');
    const head = Buffer.concat([...headerGbk.values()].flatMap((b, i) => (i ? [comma, Buffer.from(b)] : [Buffer.from(b)])));
    const body = Buffer.concat([head, Buffer.from('\r\n'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0xb7, 0xe1]), Buffer.from(`,${id},GBK77,`), Buffer.from([0xd2, 0xbb, 0xc4, 0xea, 0xbc, 0xb6]), Buffer.from(',1\r\n')]);
    expect(new TextDecoder('gb18030').decode(body)).toBe(`姓名,身份证号,学籍号,年级,班级\r\n张三丰,${id},GBK77,一年级,1\r\n`);
    const r2 = await upload(admin, schoolA, body, 'application/octet-stream');
    expect(r2.statusCode, r2.body).toBe(200);
    expect(await env.ctx.db.selectFrom('persons').select('id').where('name', '=', gbkName).executeTakeFirst()).toBeTruthy();

    const staff = [['赵师傅', '男', makeIdNumber('410105', '1980-01-02', 31, 'male'), '13912345678', '保安', ''], ['钱老师', '女', makeIdNumber('410105', '1985-01-02', 32, 'female'), '0371-66668888', '教师', '']];
    const r3 = await upload(admin, schoolA, await xlsx(staff, 'staff'), XLSX_TYPE, '?kind=staff');
    expect(r3.statusCode, r3.body).toBe(200);
    const guard = await env.ctx.db.selectFrom('persons').select(['staff_role', 'key_position', 'phone_masked']).where('name', '=', '赵师傅').executeTakeFirstOrThrow();
    expect(guard).toEqual({ staff_role: 'security', key_position: 'security', phone_masked: '139****5678' });
  });

  it('skips a title row above the header and reports rows by their Excel number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['测试学校 2026 年秋季学生名单']);
    ws.addRow([]);
    ws.addRow(STUDENT_COLUMNS.map((c) => c.header));
    ws.addRow(student());
    ws.addRow(student({ 性别: '男女' }));
    const res = await upload(admin, schoolA, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.rows.map((r: { row: number; column: string }) => `${r.row} ${r.column}`)).toEqual(['5 性别']);
  });

  it('refuses what is not a roster file', async () => {
    expect((await upload(admin, schoolA, JSON.stringify({ rows: [] }), 'application/json')).statusCode).toBe(415);
    const xls = await upload(admin, schoolA, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'application/octet-stream');
    expect(xls.json().error.code).toBe('roster.xls_unsupported');
    expect((await upload(admin, schoolA, Buffer.from('not a zip'), XLSX_TYPE)).json().error.code).toBe('roster.file_unreadable');
    expect((await upload(admin, schoolA, Buffer.alloc(0), 'text/csv; charset=gbk')).json().error.code).toBe('roster.empty_file');
    const huge = await upload(admin, schoolA, Buffer.alloc(21 * 1024 * 1024, 0x41), 'text/csv');
    expect(huge.statusCode).toBe(413);
    const unknown = (await upload(admin, schoolA, Buffer.from('备注\r\nx\r\n'), 'text/csv')).json().error.details.rows;
    expect(unknown.find((r: { column: string }) => r.column === '备注')).toMatchObject({ row: 1, column: '备注', code: 'roster.column_unknown' });
  });

  it('exports in the template layout, masked by default and in full with the unmask permission (audited)', async () => {
    const masked = await admin.get(`/api/schools/${schoolA}/roster/export?kind=student`);
    expect(masked.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.rawPayload as never);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(STUDENT_COLUMNS.map((c) => c.header));
    expect(String(sheet.getRow(2).getCell(4).value)).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect((await admin.get(`/api/schools/${schoolA}/roster/export?full=1`)).statusCode).toBe(403);

    const doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId: schoolA, canUnmask: true })).username);
    const full = await doctor.get(`/api/schools/${schoolA}/roster/export?full=1`);
    expect(full.statusCode).toBe(200);
    const audit = await env.ctx.db.selectFrom('audit_log').select(['detail', 'actor_role']).where('action', '=', 'roster.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_role: 'school_doctor', detail: { full: true, kind: 'student' } });
    // Round trip: the full export uploads again and fails only because everyone is registered already.
    const again = await upload(admin, schoolA, full.rawPayload);
    const codes = new Set(again.json().error.details.rows.map((r: { code: string }) => r.code));
    expect(codes).toEqual(new Set(['roster.id_number_taken', 'roster.student_number_taken']));
    const staff = await doctor.get(`/api/schools/${schoolA}/roster/export?kind=staff&full=1`);
    // Each step says what it got, so that a failure names the step.
    expect(staff.statusCode, staff.statusCode === 200 ? '' : staff.body).toBe(200);
    const intoB = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId: schoolB })).username);
    const moved = await upload(intoB, schoolB, staff.rawPayload, XLSX_TYPE, '?kind=staff');
    expect(moved.json(), moved.body).toEqual({ kind: 'staff', imported: 2, guardians: 0 });
  });
});
