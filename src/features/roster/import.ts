import { sql } from 'kysely';
import type { Trx } from '../../db/transaction';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { maskIdNumber, maskPhone } from '../../domain/people/id-number';
import { classKey, dormKey, type RosterKind } from '../../domain/roster/columns';
import { checkReferences, looksLikeHeader, type RosterIssue, sortIssues, validateRoster } from '../../domain/roster/validate';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { type Locale, t } from '../../i18n';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';
import { type RosterFormat, readRosterFile, sniffFormat } from './parse';
import { chunked } from '../../db/chunked';

/** Rows per INSERT and per duplicate lookup. */
export const CHUNK = 2000;
/** At most this many problems are listed in one answer; the message still gives the full count. */
export const MAX_LISTED_ISSUES = 10_000;

export interface RosterImportInput {
  schoolId: number;
  kind: RosterKind;
  file: Buffer;
  /** What the client declared; the bytes decide. */
  format?: RosterFormat;
  locale: Locale;
  ip?: string | null;
}

export interface RosterIssueView {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface RosterImportResult {
  kind: RosterKind;
  imported: number;
  guardians: number;
}

/** Today's date in China, for the birth-date bound. */
export function shanghaiDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function describeIssues(locale: Locale, issues: RosterIssue[]): RosterIssueView[] {
  return issues.map((i) => {
    const params: Record<string, unknown> = { ...i.params };
    if (typeof params.labelKey === 'string') params.label = t(locale, `roster.field.${params.labelKey}`);
    if (typeof params.expectedKey === 'string') params.expected = t(locale, params.expectedKey);
    return { row: i.row, column: i.column, code: i.code, message: t(locale, i.code, params) };
  });
}

function rejection(locale: Locale, issues: RosterIssue[]): AppError {
  const rows = new Set(issues.map((i) => i.row)).size;
  const listed = describeIssues(locale, issues.slice(0, MAX_LISTED_ISSUES));
  return new AppError('roster.invalid_rows', 400, { count: issues.length, rows }, { rows: listed, total: issues.length, truncated: issues.length > listed.length });
}

/**
 * Imports a roster all or nothing: every row is validated (cells, IDs, duplicates in the file and
 * against the database, classes and dorms of the school) before anything is written, then persons
 * and guardians are inserted in chunks in one transaction with one audit row.
 */
export async function importRoster(ctx: AppContext, actor: Actor, input: RosterImportInput): Promise<RosterImportResult> {
  await assertSchoolInScope(ctx, actor, input.schoolId);
  if (!input.file.length) throw new AppError('roster.empty_file', 400, { field: 'file' });
  const format = sniffFormat(input.file, input.format);
  const sheet = await readRosterFile(input.file, format, (cells) => looksLikeHeader(input.kind, cells));
  const check = validateRoster(input.kind, sheet, { today: shanghaiDate(ctx.now()) });
  const hashes = new Map(check.records.filter((r) => r.idNumber).map((r) => [r.idNumber, ctx.cipher.lookupHash(r.idNumber)]));
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const issues = [...check.issues];
      if (!issues.some((i) => i.code.startsWith('roster.column_'))) {
        const refs = await loadReferences(trx, input.schoolId, input.kind, [...hashes.values()], check.records.map((r) => r.studentNumber).filter((n): n is string => !!n));
        const result = checkReferences(input.kind, check, {
          classes: refs.classes, dorms: refs.dorms,
          idNumberTaken: (id) => refs.takenHashes.has(hashes.get(id)!),
          studentNumberTaken: (n) => refs.takenNumbers.has(n),
        });
        issues.push(...result.issues);
        if (!issues.length) {
          const counts = await insertRecords(ctx, trx, input, result.resolved, hashes);
          await writeAudit(trx, actor, { action: 'roster.import', objectType: 'school', objectId: input.schoolId, detail: { kind: input.kind, format, rows: check.records.length, ...counts }, ip: input.ip });
          return { kind: input.kind, ...counts };
        }
      }
      throw rejection(input.locale, sortIssues(input.kind, issues, check.headers));
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('roster.conflict', 409);
    if (err instanceof AppError && err.code === 'roster.invalid_rows') {
      await writeAudit(ctx.db, actor, { action: 'roster.import', objectType: 'school', objectId: input.schoolId, result: 'failed', detail: { kind: input.kind, format, rows: check.records.length, problems: (err.details as { total: number }).total }, ip: input.ip });
    }
    throw err;
  }
}

/** The school's classes and dorms, and which of the file's people are registered already: one query per chunk. */
async function loadReferences(trx: Trx, schoolId: number, kind: RosterKind, hashes: string[], studentNumbers: string[]) {
  const classes = new Map<string, number>();
  const dorms = new Map<string, number>();
  if (kind === 'student') {
    const rows = await trx.selectFrom('classes').innerJoin('grades', 'grades.id', 'classes.grade_id').select(['classes.id', 'classes.name', 'grades.name as grade']).where('classes.school_id', '=', schoolId).execute();
    for (const r of rows) classes.set(classKey(r.grade, r.name), r.id);
    const dormRows = await trx.selectFrom('dorms').select(['id', 'building', 'room']).where('school_id', '=', schoolId).execute();
    for (const d of dormRows) dorms.set(dormKey(d.building, d.room), d.id);
  }
  // Students are unique across all schools (the index says so); staff within their school.
  const taken = await chunked(hashes, CHUNK, async (part) => {
    let q = trx.selectFrom('persons').select('id_number_hash').where(sql<boolean>`id_number_hash = any(${sql.val(part)}::text[])`).where('kind', '=', kind);
    if (kind === 'staff') q = q.where('school_id', '=', schoolId).where('active', '=', true);
    return (await q.execute()).map((r) => r.id_number_hash!);
  });
  const numbers = await chunked(studentNumbers, CHUNK, async (part) => {
    const rows = await trx.selectFrom('persons').select('student_number').where('school_id', '=', schoolId).where('kind', '=', 'student').where(sql<boolean>`student_number = any(${sql.val(part)}::text[])`).execute();
    return rows.map((r) => r.student_number!);
  });
  return { classes, dorms, takenHashes: new Set(taken), takenNumbers: new Set(numbers) };
}

/** Column arrays for `insert … select from unnest(…)`: one statement and a few parameters per chunk. */
function columnsOf<T>(rows: T[], pick: (r: T) => unknown) {
  return sql.val(rows.map(pick));
}

async function insertRecords(ctx: AppContext, trx: Trx, input: RosterImportInput, records: ReturnType<typeof checkReferences>['resolved'], hashes: Map<string, string>) {
  const now = ctx.now();
  let imported = 0;
  let guardians = 0;
  for (let i = 0; i < records.length; i += CHUNK) {
    const part = records.slice(i, i + CHUNK);
    const sealed = part.map((r) => ({ id: ctx.cipher.encrypt(r.idNumber), phone: r.phone ? ctx.cipher.encrypt(r.phone) : null }));
    const inserted = await sql<{ id: number; student_number: string | null }>`
      insert into persons (school_id, kind, created_at, updated_at, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked,
        phone_enc, phone_masked, class_id, dorm_id, student_number, staff_role, key_position)
      select ${input.schoolId}, ${input.kind}, ${now}, ${now}, * from unnest(
        ${columnsOf(part, (r) => r.name)}::text[], ${columnsOf(part, (r) => r.gender)}::text[], ${columnsOf(part, (r) => r.birthDate || null)}::date[],
        ${columnsOf(sealed, (s) => s.id)}::text[], ${columnsOf(part, (r) => hashes.get(r.idNumber))}::text[], ${columnsOf(part, (r) => maskIdNumber(r.idNumber))}::text[],
        ${columnsOf(sealed, (s) => s.phone)}::text[], ${columnsOf(part, (r) => (r.phone ? maskPhone(r.phone) : null))}::text[],
        ${columnsOf(part, (r) => r.classId)}::bigint[], ${columnsOf(part, (r) => r.dormId)}::bigint[], ${columnsOf(part, (r) => r.studentNumber ?? null)}::text[],
        ${columnsOf(part, (r) => r.staffRole ?? null)}::text[], ${columnsOf(part, (r) => r.keyPosition ?? null)}::text[])
      returning id, student_number`.execute(trx);
    imported += inserted.rows.length;
    // Guardians find their student by student number (unique in the file and the school), not by position.
    const idOf = new Map(inserted.rows.map((p) => [p.student_number, p.id]));
    const rows = part.flatMap((r) => r.guardians.map((g) => ({ studentId: idOf.get(r.studentNumber!)!, ...g, enc: ctx.cipher.encrypt(g.phone) })));
    if (rows.length) {
      await sql`insert into guardians (school_id, student_id, name, relation, phone_enc, phone_masked)
        select ${input.schoolId}, * from unnest(${columnsOf(rows, (g) => g.studentId)}::bigint[], ${columnsOf(rows, (g) => g.name)}::text[], ${columnsOf(rows, (g) => g.relation)}::text[],
          ${columnsOf(rows, (g) => g.enc)}::text[], ${columnsOf(rows, (g) => maskPhone(g.phone))}::text[])`.execute(trx);
    }
    guardians += rows.length;
  }
  return { imported, guardians };
}
