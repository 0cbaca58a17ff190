/**
 * The roster layout (花名册): the columns of the student and staff templates, the values they
 * allow, and the labels of coded values. The template, the import and the export all use this
 * one description, so a downloaded roster uploads again unchanged.
 */
export type RosterKind = 'student' | 'staff';
export const ROSTER_KINDS: readonly RosterKind[] = ['student', 'staff'];

export type FieldKey =
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'idNumber'
  | 'studentNumber'
  | 'gradeName'
  | 'className'
  | 'dormBuilding'
  | 'dormRoom'
  | 'guardianName'
  | 'guardianRelation'
  | 'guardianPhone'
  | 'guardian2Name'
  | 'guardian2Relation'
  | 'guardian2Phone'
  | 'phone'
  | 'staffRole'
  | 'keyPosition';

export interface ColumnSpec {
  key: FieldKey;
  /** The header in the template (Chinese). */
  header: string;
  /** Other headers accepted on import (English, common variants). */
  aliases: string[];
  required: boolean;
  /** Stored as text in the workbook so long digit strings keep every digit. */
  text?: boolean;
  width?: number;
  maxLength?: number;
  /** One line for the instructions sheet. */
  hint: string;
}

const col = (key: FieldKey, header: string, aliases: string[], required: boolean, hint: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key, header, aliases, required, hint, ...extra,
});

export const GENDER_LABELS: Record<'male' | 'female', string> = { male: '男', female: '女' };
const GENDER_INPUT: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', 男性: 'male', 女性: 'female', m: 'male', f: 'female', male: 'male', female: 'female' };

export const STAFF_ROLE_LABELS = {
  principal: '校长', teacher: '教师', doctor: '校医', administrative: '行政', security: '保安',
  cleaning: '保洁', catering: '食堂', dormitory: '宿管', other: '其他',
} as const;
export type StaffRoleKey = keyof typeof STAFF_ROLE_LABELS;

export const KEY_POSITION_LABELS = { security: '安保', cleaning: '保洁', catering: '餐饮', dormitory: '宿管', other: '其他' } as const;
export type KeyPositionKey = keyof typeof KEY_POSITION_LABELS;

/** Roles whose work is a key position (重点岗位) by itself, when the column is left empty. */
const ROLE_KEY_POSITION: Partial<Record<StaffRoleKey, KeyPositionKey>> = { security: 'security', cleaning: 'cleaning', catering: 'catering', dormitory: 'dormitory' };
export const NO_KEY_POSITION = ['否', '无', '不是'];

const NAME_HINT = '必填，最多 40 个字';
const ID_HINT = '18 位居民身份证号，最后一位可为 X；请保持“文本”格式，否则 Excel 会丢失后几位';

export const STUDENT_COLUMNS: ColumnSpec[] = [
  col('name', '姓名', ['name', '学生姓名'], true, NAME_HINT, { maxLength: 40 }),
  col('gender', '性别', ['gender', 'sex'], false, '男 或 女；可不填，由身份证号推出', { width: 8 }),
  col('birthDate', '出生日期', ['birth date', 'birthdate', '出生年月日'], false, '如 2015-09-01；可不填，由身份证号推出', { width: 14 }),
  col('idNumber', '身份证号', ['id number', '身份证号码', '证件号码'], true, ID_HINT, { text: true, width: 22 }),
  col('studentNumber', '学籍号', ['student number', '全国学籍号', '学籍号码'], true, '必填，本校内不可重复（通常为 G + 身份证号）', { text: true, width: 22, maxLength: 32 }),
  col('gradeName', '年级', ['grade'], true, '须与学校中已建的年级名称一致，如 一年级、七年级、高一', { maxLength: 40 }),
  col('className', '班级', ['class'], true, '须为该年级已建的班级，如 1班（也可只填 1）', { maxLength: 40 }),
  col('dormBuilding', '宿舍楼', ['dorm building'], false, '住校生填写，须为学校已登记的宿舍楼；走读生留空', { maxLength: 40 }),
  col('dormRoom', '宿舍号', ['dorm room'], false, '与宿舍楼一同填写，如 101', { text: true, maxLength: 20 }),
  col('guardianName', '监护人姓名', ['guardian name'], false, '填写监护人时，姓名、关系、电话须同时填写', { maxLength: 40 }),
  col('guardianRelation', '监护人关系', ['guardian relation'], false, '如 父亲、母亲、祖父、祖母、外祖父、外祖母、其他', { maxLength: 20 }),
  col('guardianPhone', '监护人电话', ['guardian phone'], false, '11 位手机号或带区号的固定电话', { text: true, width: 16 }),
  col('guardian2Name', '监护人2姓名', ['guardian 2 name'], false, '第二位监护人（可选），规则同上', { maxLength: 40 }),
  col('guardian2Relation', '监护人2关系', ['guardian 2 relation'], false, '第二位监护人与学生的关系', { maxLength: 20 }),
  col('guardian2Phone', '监护人2电话', ['guardian 2 phone'], false, '第二位监护人的电话', { text: true, width: 16 }),
];

export const STAFF_COLUMNS: ColumnSpec[] = [
  col('name', '姓名', ['name'], true, NAME_HINT, { maxLength: 40 }),
  col('gender', '性别', ['gender', 'sex'], false, '男 或 女；可不填，由身份证号推出', { width: 8 }),
  col('idNumber', '身份证号', ['id number', '身份证号码', '证件号码'], true, ID_HINT, { text: true, width: 22 }),
  col('phone', '电话', ['phone', '手机号', '联系电话'], true, '11 位手机号或带区号的固定电话', { text: true, width: 16 }),
  col('staffRole', '岗位', ['staff role', 'role'], true, `可选：${Object.values(STAFF_ROLE_LABELS).join('、')}`),
  col('keyPosition', '重点岗位', ['key position'], false, `可选：${Object.values(KEY_POSITION_LABELS).join('、')}、否；留空时保安/保洁/食堂/宿管自动记为重点岗位`),
];

export function columnsOf(kind: RosterKind): ColumnSpec[] {
  return kind === 'student' ? STUDENT_COLUMNS : STAFF_COLUMNS;
}

/** Headers compare without spaces, case or full-width forms, and ignore a trailing "*" (required marker). */
export function normaliseHeader(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s*＊]/g, '').replace(/[（(].*[)）]$/, '').toLowerCase();
}

export function parseGender(raw: string): 'male' | 'female' | null {
  return GENDER_INPUT[raw.trim().toLowerCase()] ?? null;
}

export function parseStaffRole(raw: string): StaffRoleKey | null {
  const v = raw.trim();
  const byLabel = (Object.entries(STAFF_ROLE_LABELS) as [StaffRoleKey, string][]).find(([, label]) => label === v);
  if (byLabel) return byLabel[0];
  const alias: Record<string, StaffRoleKey> = { 教师: 'teacher', 老师: 'teacher', 班主任: 'teacher', 医生: 'doctor', 保健医生: 'doctor', 门卫: 'security', 保安员: 'security', 保洁员: 'cleaning', 炊事员: 'catering', 厨师: 'catering', 食堂工作人员: 'catering', 宿舍管理员: 'dormitory', 生活老师: 'dormitory', 行政人员: 'administrative', 副校长: 'principal' };
  if (alias[v]) return alias[v];
  return v.toLowerCase() in STAFF_ROLE_LABELS ? (v.toLowerCase() as StaffRoleKey) : null;
}

/** undefined: not a valid value; null: explicitly no key position. Empty input falls back to the role. */
export function parseKeyPosition(raw: string, role: StaffRoleKey | null): KeyPositionKey | null | undefined {
  const v = raw.trim();
  if (v === '') return role ? (ROLE_KEY_POSITION[role] ?? null) : null;
  if (NO_KEY_POSITION.includes(v)) return null;
  if (v === '是') return role ? (ROLE_KEY_POSITION[role] ?? 'other') : 'other';
  const byLabel = (Object.entries(KEY_POSITION_LABELS) as [KeyPositionKey, string][]).find(([, label]) => label === v);
  if (byLabel) return byLabel[0];
  const alias: Record<string, KeyPositionKey> = { 保安: 'security', 食堂: 'catering', 宿舍: 'dormitory' };
  if (alias[v]) return alias[v];
  return v.toLowerCase() in KEY_POSITION_LABELS ? (v.toLowerCase() as KeyPositionKey) : undefined;
}

/** "1", "1班", "(1)班", "一年级1班" all name class "1班" of grade 一年级. */
export function classKey(gradeName: string, className: string): string {
  const grade = gradeName.normalize('NFKC').replace(/\s/g, '');
  let cls = className.normalize('NFKC').replace(/\s/g, '');
  if (grade && cls.startsWith(grade) && cls.length > grade.length) cls = cls.slice(grade.length);
  cls = cls.replace(/^\((\d+)\)/, '$1');
  if (/^\d+$/.test(cls)) cls = `${Number(cls)}班`;
  return `${grade}\u0000${cls}`;
}

export function dormKey(building: string, room: string): string {
  return `${building.normalize('NFKC').replace(/\s/g, '')}\u0000${room.normalize('NFKC').replace(/\s/g, '')}`;
}
