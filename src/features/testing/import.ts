import { sql } from 'kysely';
import type { Actor } from '../../domain/access/scope';
import { type ResultIssue, looksLikeResultHeader, validateResultRows } from '../../domain/testing/result-rows';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { type Locale, t } from '../../i18n';
import { inTransaction } from '../../db/transaction';
import { writeAudit } from '../audit/write-audit';
import { schoolToday } from '../cases/school-date';
import { notifyRiskChanges } from '../cases/service';
import { readRosterFile, sniffFormat } from '../roster/parse';
import { assertSchoolInScope } from '../scope-guard';
import { type NewResult, openCasesForPositives, writeResults } from './service';

const MAX_LISTED = 2000;

function rejection(locale: Locale, issues: ResultIssue[]): AppError {
  const sorted = [...issues].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  const rows = sorted.slice(0, MAX_LISTED).map((i) => ({ row: i.row, column: i.column, code: i.code, message: t(locale, i.code, i.params ?? {}) }));
  return new AppError('testing.import.invalid_rows', 400, { field: 'file', count: issues.length, rows: new Set(issues.map((i) => i.row)).size }, { rows, total: issues.length, truncated: issues.length > rows.length });
}

/**
 * Imports a laboratory result file for one school, all or nothing: every row is checked (cells, the
 * person by ID number or student number in this school, the name when given, duplicates, results
 * already on record) before one row is written. Problems come back per row and column in the
 * caller's language. Positives open cases after the import commits.
 */
export async function importResults(ctx: AppContext, actor: Actor, o: { schoolId: number; file: Buffer; declared?: 'xlsx' | 'csv'; locale: Locale; ip: string }) {
  await assertSchoolInScope(ctx, actor, o.schoolId);
  if (!o.file.length) throw new AppError('testing.import.empty_file', 400, { field: 'file' });
  const format = sniffFormat(o.file, o.declared);
  const sheet = await readRosterFile(o.file, format, looksLikeResultHeader);
  const check = validateResultRows(sheet.header, sheet.rows, schoolToday(ctx));
  const issues = [...check.issues];
  const hashes = [...new Set(check.records.map((r) => r.idNumber).filter((x): x is string => !!x))];
  const numbers = [...new Set(check.records.map((r) => r.studentNumber).filter((x): x is string => !!x))];
  const hashOf = new Map(hashes.map((id) => [id, ctx.cipher.lookupHash(id)]));
  const byHash = new Map<string, { id: number; name: string; kind: string }>();
  const byNumber = new Map<string, { id: number; name: string; kind: string }>();
  if (hashes.length) {
    const rows = await ctx.db.selectFrom('persons').select(['id', 'name', 'kind', 'id_number_hash']).where('school_id', '=', o.schoolId).where('active', '=', true).where(sql<boolean>`id_number_hash = any(${sql.val([...hashOf.values()])}::text[])`).execute();
    for (const r of rows) byHash.set(r.id_number_hash!, r);
  }
  if (numbers.length) {
    const rows = await ctx.db.selectFrom('persons').select(['id', 'name', 'kind', 'student_number']).where('school_id', '=', o.schoolId).where('kind', '=', 'student').where(sql<boolean>`student_number = any(${sql.val(numbers)}::text[])`).execute();
    for (const r of rows) byNumber.set(r.student_number!, r);
  }
  const resolved: (NewResult & { row: number })[] = [];
  for (const r of check.records) {
    const person = r.idNumber ? byHash.get(hashOf.get(r.idNumber)!) : byNumber.get(r.studentNumber!);
    const column = r.idNumber ? (check.headers.idNumber ?? '身份证号') : (check.headers.studentNumber ?? '学籍号');
    if (!person || person.kind === 'co_resident') {
      issues.push({ row: r.row, column, code: 'testing.import.person_unknown' });
      continue;
    }
    if (r.name && r.name !== person.name) {
      issues.push({ row: r.row, column: check.headers.name ?? '姓名', code: 'testing.import.name_mismatch', params: { registered: person.name } });
      continue;
    }
    resolved.push({ row: r.row, personId: person.id, schoolId: o.schoolId, testKind: r.testKind, sampledOn: r.sampledOn, result: r.result, lab: r.lab });
  }
  const fail = async (list: ResultIssue[]) => {
    await writeAudit(ctx.db, actor, { action: 'test_result.import', objectType: 'school', objectId: o.schoolId, result: 'failed', detail: { rows: sheet.rows.length, problems: list.length }, ip: o.ip });
    return rejection(o.locale, list);
  };
  if (issues.length) throw await fail(issues);
  let conflictIssues: ResultIssue[] = [];
  const out = await inTransaction(ctx.db, async (trx, afterCommit) => {
    const r = await writeResults(ctx, trx, actor, resolved, 'import');
    if (r.conflicts.length) {
      conflictIssues = r.conflicts.map((i) => ({ row: resolved[i].row, column: check.headers.result ?? '检测结果', code: 'testing.import.conflict' }));
      throw new AppError('testing.import.invalid_rows', 400);
    }
    const fresh = r.written.filter((w) => !w.repeated);
    await writeAudit(trx, actor, { action: 'test_result.import', objectType: 'school', objectId: o.schoolId, detail: { format, rows: resolved.length, imported: fresh.length, positives: fresh.filter((w) => w.positive).length }, ip: o.ip });
    afterCommit(() => notifyRiskChanges(ctx, r.risk.changes));
    return r.written;
  }).catch(async (err) => {
    if (conflictIssues.length) throw await fail(conflictIssues);
    throw err;
  });
  const positives = out.filter((w) => w.positive);
  const caseIds = await openCasesForPositives(ctx, actor, positives, o.ip);
  return { imported: out.filter((w) => !w.repeated).length, repeated: out.filter((w) => w.repeated).length, positives: positives.length, caseIds };
}
