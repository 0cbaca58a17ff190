import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../people/id-number';
import { type CellValue, cellText, parseDateCell } from './cells';
import { classKey, parseKeyPosition, parseStaffRole, STUDENT_COLUMNS } from './columns';
import { checkReferences, looksLikeHeader, type SheetRows, sortIssues, validateRoster } from './validate';

const today = '2026-11-30';
const ID_M = makeIdNumber('410105', '2015-03-09', 11, 'male');
const ID_F = makeIdNumber('410105', '2016-07-21', 12, 'female');
const HEADER = STUDENT_COLUMNS.map((c) => c.header);

type Row = Partial<Record<string, CellValue>>;
const base: Row = { 姓名: '张小明', 性别: '男', 出生日期: '2015-03-09', 身份证号: ID_M, 学籍号: `G${ID_M}`, 年级: '一年级', 班级: '1班', 监护人姓名: '张伟', 监护人关系: '父亲', 监护人电话: '13812345678' };

function sheet(rows: Row[], header = HEADER): SheetRows {
  return { headerRow: 1, header, rows: rows.map((r, i) => ({ row: i + 2, cells: header.map((h) => r[h]) })) };
}
const codes = (rows: Row[]) => validateRoster('student', sheet(rows), { today }).issues.map((i) => `${i.row}:${i.column}:${i.code}`);

describe('roster row validation', () => {
  it('accepts a complete student row and derives nothing it was given', () => {
    const r = validateRoster('student', sheet([base]), { today });
    expect(r.issues).toEqual([]);
    expect(r.records[0]).toMatchObject({ row: 2, name: '张小明', gender: 'male', birthDate: '2015-03-09', idNumber: ID_M, gradeName: '一年级', className: '1班', guardians: [{ name: '张伟', relation: '父亲', phone: '13812345678' }] });
  });

  it.each<[string, Row, string[]]>([
    ['missing name', { 姓名: '' }, ['2:姓名:roster.required']],
    ['missing student number', { 学籍号: null }, ['2:学籍号:roster.required']],
    ['gender not 男/女', { 性别: '未知' }, ['2:性别:roster.gender_invalid']],
    ['gender contradicts the ID', { 性别: '女' }, ['2:性别:roster.id_gender_mismatch']],
    ['bad check digit', { 身份证号: ID_M.slice(0, 17) + (ID_M[17] === '1' ? '2' : '1') }, ['2:身份证号:person.id_number_check_digit']],
    ['ID of 17 characters', { 身份证号: ID_M.slice(0, 17) }, ['2:身份证号:person.id_number_format']],
    ['ID stored as a number', { 身份证号: 410105201503090110 }, ['2:身份证号:roster.id_number_numeric']],
    ['masked ID', { 身份证号: '410105********0111' }, ['2:身份证号:roster.id_number_masked']],
    ['birth date not a date', { 出生日期: '2015-02-30' }, ['2:出生日期:roster.date_invalid']],
    ['birth date contradicts the ID', { 出生日期: '2015-03-10' }, ['2:出生日期:roster.id_birth_mismatch']],
    ['guardian without phone', { 监护人电话: '' }, ['2:监护人电话:roster.guardian_incomplete']],
    ['guardian phone too short', { 监护人电话: '1381234567' }, ['2:监护人电话:roster.phone_invalid']],
    ['dorm room without building', { 宿舍号: '101' }, ['2:宿舍楼:roster.dorm_incomplete']],
    ['name too long', { 姓名: '张'.repeat(41) }, ['2:姓名:roster.too_long']],
    ['two problems in one row', { 姓名: '', 性别: 'x' }, ['2:姓名:roster.required', '2:性别:roster.gender_invalid']],
  ])('%s', (_name, change, expected) => {
    expect(codes([{ ...base, ...change }])).toEqual(expected);
  });

  it.each<[string, Row, Partial<Record<string, unknown>>]>([
    ['gender and birth date from the ID', { 性别: '', 出生日期: '' }, { gender: 'male', birthDate: '2015-03-09' }],
    ['Excel date cell', { 出生日期: new Date(Date.UTC(2015, 2, 9)) }, { birthDate: '2015-03-09' }],
    ['Excel serial number', { 出生日期: 42072 }, { birthDate: '2015-03-09' }],
    ['Chinese date', { 出生日期: '2015年3月9日' }, { birthDate: '2015-03-09' }],
    ['lower-case x and spaces', { 身份证号: ` ${ID_M.toLowerCase()} ` }, { idNumber: ID_M }],
    ['phone with +86 and spaces', { 监护人电话: '+86 138 1234 5678' }, { guardians: [{ name: '张伟', relation: '父亲', phone: '13812345678' }] }],
    ['no guardian at all', { 监护人姓名: '', 监护人关系: '', 监护人电话: '' }, { guardians: [] }],
  ])('reads %s', (_name, change, expected) => {
    const r = validateRoster('student', sheet([{ ...base, ...change }]), { today });
    expect(r.issues).toEqual([]);
    expect(r.records[0]).toMatchObject(expected);
  });

  it('reports duplicates within the file at the later row, naming the first', () => {
    const second = { ...base, 姓名: '李四' };
    const r = validateRoster('student', sheet([base, { ...base, 身份证号: ID_F, 性别: '女', 出生日期: '' }, second]), { today });
    expect(r.issues.map((i) => [i.row, i.column, i.code, i.params?.firstRow])).toEqual([
      [3, '学籍号', 'roster.duplicate_in_file', 2],
      [4, '身份证号', 'roster.duplicate_in_file', 2],
      [4, '学籍号', 'roster.duplicate_in_file', 2],
    ]);
  });

  it('skips blank rows and keeps the Excel row numbers', () => {
    const r = validateRoster('student', sheet([base, {}, { ...base, 身份证号: 'bad', 学籍号: 'S2' }]), { today });
    expect(r.issues.map((i) => i.row)).toEqual([4]);
  });

  it.each<[string, string[], string[]]>([
    ['unknown column', [...HEADER, '备注'], ['1:备注:roster.column_unknown']],
    ['missing required column', HEADER.filter((h) => h !== '学籍号'), ['1:学籍号:roster.column_missing']],
    ['repeated column', [...HEADER, '姓名'], ['1:姓名:roster.column_duplicate']],
  ])('header: %s', (_name, header, expected) => {
    const r = validateRoster('student', sheet([base], header), { today });
    expect(r.issues.map((i) => `${i.row}:${i.column}:${i.code}`)).toEqual(expected);
  });

  it('accepts English headers and a trailing required marker', () => {
    const header = ['name', 'ID number', 'Student number', '年级*', '班级（必填）'];
    const r = validateRoster('student', { headerRow: 3, header, rows: [{ row: 4, cells: ['王五', ID_M, 'S9', '一年级', 2] }] }, { today });
    expect(r.issues).toEqual([]);
    expect(r.records[0]).toMatchObject({ row: 4, className: '2', studentNumber: 'S9' });
  });

  it.each<[CellValue[], boolean]>([[['XX学校2026级学生名单'], false], [['姓名', '身份证号'], true], [['姓名', '备注'], false], [['Name', 'ID number', 'x'], true]])('looksLikeHeader(%j) = %s', (cells, expected) => {
    expect(looksLikeHeader('student', cells)).toBe(expected);
  });

  it('an empty sheet is an issue', () => {
    expect(codes([])).toEqual(['2::roster.empty']);
  });

  it('validates staff: phone required, role and key position labels', () => {
    const header = ['姓名', '性别', '身份证号', '电话', '岗位', '重点岗位'];
    const id = makeIdNumber('410105', '1980-01-02', 21, 'male');
    const rows = [
      ['赵师傅', '男', id, '13912345678', '保安', ''],
      ['钱阿姨', '', makeIdNumber('410105', '1975-05-05', 22, 'female'), '', '厨师', '否'],
      ['孙老师', '女', makeIdNumber('410105', '1990-05-05', 24, 'female'), '0371-12345678', '飞行员', '司机'],
    ];
    const r = validateRoster('staff', { headerRow: 1, header, rows: rows.map((cells, i) => ({ row: i + 2, cells })) }, { today });
    expect(r.records).toHaveLength(3);
    expect([...r.badRows]).toEqual([3, 4]);
    expect(r.records[0]).toMatchObject({ staffRole: 'security', keyPosition: 'security', phone: '13912345678' });
    expect(r.issues.map((i) => `${i.row}:${i.column}:${i.code}`)).toEqual(['3:电话:roster.required', '4:岗位:roster.value_invalid', '4:重点岗位:roster.value_invalid']);
  });
});

describe('references against the school', () => {
  const check = validateRoster('student', sheet([base, { ...base, 身份证号: ID_F, 性别: '女', 出生日期: '', 学籍号: 'S2', 班级: '9', 宿舍楼: '1号楼', 宿舍号: '999' }]), { today });
  it('finds classes by grade and class name, reports missing classes, dorms and registered people', () => {
    const refs = {
      classes: new Map([[classKey('一年级', '1班'), 7]]),
      dorms: new Map<string, number>(),
      idNumberTaken: (id: string) => id === ID_M,
      studentNumberTaken: () => false,
    };
    const { resolved, issues } = checkReferences('student', check, refs);
    expect(resolved).toEqual([]);
    expect(sortIssues('student', issues, check.headers).map((i) => `${i.row}:${i.column}:${i.code}`)).toEqual([
      '2:身份证号:roster.id_number_taken',
      '3:班级:roster.class_unknown',
      '3:宿舍号:roster.dorm_unknown',
    ]);
  });
});

describe('cells and labels', () => {
  it.each<[CellValue, string]>([[410105, '410105'], [13812345678, '13812345678'], ['  Ａ１ ', 'A1'], [null, ''], [new Date(Date.UTC(2020, 0, 5)), '2020-01-05']])('cellText(%s)', (v, t) => {
    expect(cellText(v)).toBe(t);
  });
  it.each<[CellValue, string | null]>([['2015/9/1', '2015-09-01'], ['20150901', '2015-09-01'], [20150901, '2015-09-01'], ['2015.9.1', '2015-09-01'], ['9/1/2015', null], ['', null], [-5, null]])('parseDateCell(%s)', (v, d) => {
    expect(parseDateCell(v)).toBe(d);
  });
  it.each([['1', '1班'], ['01', '1班'], ['一年级1班', '1班'], ['(1)班', '1班'], ['火箭班', '火箭班']])('class %s → %s', (input, stored) => {
    expect(classKey('一年级', input)).toBe(classKey('一年级', stored));
  });
  it('maps staff labels', () => {
    expect(parseStaffRole('门卫')).toBe('security');
    expect(parseStaffRole('teacher')).toBe('teacher');
    expect(parseKeyPosition('', 'catering')).toBe('catering');
    expect(parseKeyPosition('', 'teacher')).toBeNull();
    expect(parseKeyPosition('是', 'teacher')).toBe('other');
    expect(parseKeyPosition('随便', 'teacher')).toBeUndefined();
  });
});
