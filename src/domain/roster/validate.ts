/**
 * Roster validation without I/O: every row is checked and every problem reported, with the row
 * number the user sees in Excel and the column header of their own file. Checks that need the
 * database (class exists, already registered) take lookups from the caller.
 */
import { birthDateFromId, genderFromId, idNumberProblem, isValidPhone, normaliseIdNumber } from '../people/id-number';
import { type CellValue, cellText, normalisePhone, parseDateCell } from './cells';
import {
  type ColumnSpec,
  classKey,
  columnsOf,
  dormKey,
  type FieldKey,
  type KeyPositionKey,
  normaliseHeader,
  parseGender,
  parseKeyPosition,
  parseStaffRole,
  type RosterKind,
  STAFF_ROLE_LABELS,
  KEY_POSITION_LABELS,
  type StaffRoleKey,
} from './columns';

export const MAX_ROSTER_ROWS = 100_000;

/** One problem: `code` is an i18n key; params fill its placeholders (`labelKey` names a field to translate). */
export interface RosterIssue {
  row: number;
  column: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface SheetRows {
  headerRow: number;
  header: CellValue[];
  rows: { row: number; cells: CellValue[] }[];
}

export interface Guardian {
  name: string;
  relation: string;
  phone: string;
}

export interface RosterRecord {
  row: number;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  studentNumber?: string;
  gradeName?: string;
  className?: string;
  dorm?: { building: string; room: string };
  guardians: Guardian[];
  phone?: string;
  staffRole?: StaffRoleKey;
  keyPosition?: KeyPositionKey | null;
}

export interface RosterCheck {
  /** Every non-blank row as far as it could be read; rows listed in `badRows` have issues. */
  records: RosterRecord[];
  badRows: Set<number>;
  issues: RosterIssue[];
  /** Header of each field as written in the file, for reporting. */
  headers: Partial<Record<FieldKey, string>>;
}

/** Maps the file's header row to fields: unknown, repeated and missing required columns are issues. */
export function mapHeader(kind: RosterKind, sheet: Pick<SheetRows, 'headerRow' | 'header'>) {
  const columns = columnsOf(kind);
  const byName = new Map<string, ColumnSpec>();
  for (const c of columns) for (const name of [c.header, ...c.aliases]) byName.set(normaliseHeader(name), c);
  const index = new Map<FieldKey, number>();
  const headers: Partial<Record<FieldKey, string>> = {};
  const issues: RosterIssue[] = [];
  sheet.header.forEach((cell, i) => {
    const text = cellText(cell);
    if (!text) return;
    const spec = byName.get(normaliseHeader(text));
    if (!spec) issues.push({ row: sheet.headerRow, column: text, code: 'roster.column_unknown', params: { header: text } });
    else if (index.has(spec.key)) issues.push({ row: sheet.headerRow, column: text, code: 'roster.column_duplicate', params: { header: text } });
    else {
      index.set(spec.key, i);
      headers[spec.key] = text;
    }
  });
  for (const c of columns) {
    if (c.required && !index.has(c.key)) issues.push({ row: sheet.headerRow, column: c.header, code: 'roster.column_missing', params: { header: c.header } });
  }
  return { index, headers, issues };
}

/** Whether a row names at least two columns of the roster: the header, not a title above it. */
export function looksLikeHeader(kind: RosterKind, cells: CellValue[]): boolean {
  const names = new Set(columnsOf(kind).flatMap((c) => [c.header, ...c.aliases].map(normaliseHeader)));
  return cells.filter((c) => names.has(normaliseHeader(cellText(c)))).length >= 2;
}

const isBlank = (cells: CellValue[]) => cells.every((c) => cellText(c) === '');

/** Validates every row of a roster; `today` ('YYYY-MM-DD') bounds birth dates. */
export function validateRoster(kind: RosterKind, sheet: SheetRows, options: { today: string }): RosterCheck {
  const { index, headers, issues } = mapHeader(kind, sheet);
  if (issues.length) return { records: [], badRows: new Set(), issues, headers };
  const columns = columnsOf(kind);
  const records: RosterRecord[] = [];
  const badRows = new Set<number>();
  const seenId = new Map<string, number>();
  const seenNumber = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    if (isBlank(cells)) continue;
    const rowIssues: RosterIssue[] = [];
    const raw = (key: FieldKey): CellValue => (index.has(key) ? cells[index.get(key)!] : undefined);
    const text = (key: FieldKey) => cellText(raw(key));
    const problem = (key: FieldKey, code: string, params: Record<string, string | number> = {}) =>
      rowIssues.push({ row, column: headers[key] ?? columns.find((c) => c.key === key)!.header, code, params: { labelKey: key, ...params } });

    for (const c of columns) {
      const v = text(c.key);
      if (c.required && v === '') problem(c.key, 'roster.required');
      else if (c.maxLength && [...v].length > c.maxLength) problem(c.key, 'roster.too_long', { limit: c.maxLength });
    }

    const id = readIdNumber(raw('idNumber'), (code, params) => problem('idNumber', code, params));
    let gender: 'male' | 'female' | null = null;
    const genderText = text('gender');
    if (genderText) {
      gender = parseGender(genderText);
      if (!gender) problem('gender', 'roster.gender_invalid', { value: genderText });
      else if (id && genderFromId(id) !== gender) problem('gender', 'roster.id_gender_mismatch', { expectedKey: `roster.gender.${genderFromId(id)}` });
    }
    let birthDate: string | null = null;
    if (kind === 'student' && text('birthDate')) {
      birthDate = parseDateCell(raw('birthDate'));
      if (!birthDate) problem('birthDate', 'roster.date_invalid', { value: text('birthDate') });
      else if (birthDate > options.today) problem('birthDate', 'roster.date_future');
      else if (id && birthDateFromId(id) !== birthDate) problem('birthDate', 'roster.id_birth_mismatch', { expected: birthDateFromId(id)! });
    }
    if (id && birthDateFromId(id)! > options.today) problem('idNumber', 'roster.date_future');

    const record: RosterRecord = {
      row, name: text('name'), gender: gender ?? (id ? genderFromId(id) : 'male'), birthDate: birthDate ?? (id ? birthDateFromId(id)! : ''), idNumber: id ?? '', guardians: [],
    };
    if (kind === 'student') {
      record.studentNumber = text('studentNumber');
      record.gradeName = text('gradeName');
      record.className = text('className');
      const building = text('dormBuilding');
      const room = text('dormRoom');
      if (building && room) record.dorm = { building, room };
      else if (building || room) problem(building ? 'dormRoom' : 'dormBuilding', 'roster.dorm_incomplete');
      for (const [n, r, p] of [['guardianName', 'guardianRelation', 'guardianPhone'], ['guardian2Name', 'guardian2Relation', 'guardian2Phone']] as const) {
        const g = { name: text(n), relation: text(r), phone: normalisePhone(text(p)) };
        if (!g.name && !g.relation && !g.phone) continue;
        const missing = (!g.name && n) || (!g.relation && r) || (!g.phone && p);
        if (missing) problem(missing, 'roster.guardian_incomplete');
        else if (!isValidPhone(g.phone)) problem(p, 'roster.phone_invalid', { value: text(p) });
        else record.guardians.push(g);
      }
    } else {
      const phone = normalisePhone(text('phone'));
      if (phone && !isValidPhone(phone)) problem('phone', 'roster.phone_invalid', { value: text('phone') });
      record.phone = phone;
      const roleText = text('staffRole');
      const role = roleText ? parseStaffRole(roleText) : null;
      if (roleText && !role) problem('staffRole', 'roster.value_invalid', { value: roleText, allowed: Object.values(STAFF_ROLE_LABELS).join('、') });
      const key = parseKeyPosition(text('keyPosition'), role);
      if (key === undefined) problem('keyPosition', 'roster.value_invalid', { value: text('keyPosition'), allowed: [...Object.values(KEY_POSITION_LABELS), '否'].join('、') });
      record.staffRole = role ?? undefined;
      record.keyPosition = key ?? null;
    }

    if (id) {
      const first = seenId.get(id);
      if (first !== undefined) problem('idNumber', 'roster.duplicate_in_file', { firstRow: first });
      else seenId.set(id, row);
    }
    if (record.studentNumber) {
      const first = seenNumber.get(record.studentNumber);
      if (first !== undefined) problem('studentNumber', 'roster.duplicate_in_file', { firstRow: first });
      else seenNumber.set(record.studentNumber, row);
    }
    if (rowIssues.length) {
      issues.push(...rowIssues);
      badRows.add(row);
    }
    records.push(record);
  }
  if (!records.length) issues.push({ row: sheet.headerRow + 1, column: '', code: 'roster.empty' });
  return { records, badRows, issues, headers };
}

function readIdNumber(value: CellValue, report: (code: string, params?: Record<string, string | number>) => void): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' && Math.abs(value) >= 1e15) {
    report('roster.id_number_numeric');
    return null;
  }
  const id = normaliseIdNumber(cellText(value)).replace(/\s/g, '');
  if (id.includes('*')) {
    report('roster.id_number_masked');
    return null;
  }
  const p = idNumberProblem(id);
  if (p) {
    report(`person.id_number_${p}`);
    return null;
  }
  return id;
}

/** What the caller knows from the database; keys come from `classKey` and `dormKey`. */
export interface RosterReferences {
  classes: Map<string, number>;
  dorms: Map<string, number>;
  idNumberTaken(idNumber: string): boolean;
  studentNumberTaken(studentNumber: string): boolean;
}

export interface ResolvedRecord extends RosterRecord {
  classId: number | null;
  dormId: number | null;
}

/** Classes and dorms must exist in the school; people already registered are not registered twice. */
export function checkReferences(kind: RosterKind, check: RosterCheck, refs: RosterReferences): { resolved: ResolvedRecord[]; issues: RosterIssue[] } {
  const header = (key: FieldKey) => check.headers[key] ?? columnsOf(kind).find((c) => c.key === key)!.header;
  const issues: RosterIssue[] = [];
  const resolved: ResolvedRecord[] = [];
  for (const r of check.records) {
    const before = issues.length;
    const add = (key: FieldKey, code: string, params: Record<string, string | number> = {}) => issues.push({ row: r.row, column: header(key), code, params: { labelKey: key, ...params } });
    if (r.idNumber && refs.idNumberTaken(r.idNumber)) add('idNumber', kind === 'student' ? 'roster.id_number_taken' : 'roster.staff_id_number_taken');
    let classId: number | null = null;
    let dormId: number | null = null;
    if (kind === 'student') {
      if (r.studentNumber && refs.studentNumberTaken(r.studentNumber)) add('studentNumber', 'roster.student_number_taken');
      if (r.gradeName && r.className) {
        classId = refs.classes.get(classKey(r.gradeName, r.className)) ?? null;
        if (classId === null) add('className', 'roster.class_unknown', { grade: r.gradeName, class: r.className });
      }
      if (r.dorm) {
        dormId = refs.dorms.get(dormKey(r.dorm.building, r.dorm.room)) ?? null;
        if (dormId === null) add('dormRoom', 'roster.dorm_unknown', { building: r.dorm.building, room: r.dorm.room });
      }
    }
    if (issues.length === before && !check.badRows.has(r.row)) resolved.push({ ...r, classId, dormId });
  }
  return { resolved, issues };
}

/** Issues in the order the user reads the sheet: by row, then by column position. */
export function sortIssues(kind: RosterKind, issues: RosterIssue[], headers: Partial<Record<FieldKey, string>>): RosterIssue[] {
  const order = new Map<string, number>();
  columnsOf(kind).forEach((c, i) => {
    order.set(headers[c.key] ?? c.header, i);
  });
  return [...issues].sort((a, b) => a.row - b.row || (order.get(a.column) ?? 99) - (order.get(b.column) ?? 99));
}
