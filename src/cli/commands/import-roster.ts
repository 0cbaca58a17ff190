// `campusguard import-roster`: the roster upload of the web app, from the console, for administrators.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROSTER_KINDS, type RosterKind } from '../../domain/roster/columns';
import { importRoster, type RosterIssueView } from '../../features/roster/import';
import { MAX_UPLOAD_BYTES } from '../../features/roster/routes';
import { AppError } from '../../http/errors';
import { type Locale, t } from '../../i18n';
import { cliLocale, defaultIo, guarded, type Io, openDatabase, parseOptions, systemActor, UsageError } from './migrate';

export const summary = 'import a student or staff roster (.xlsx or .csv) into a school, all rows or none';

const HELP = `usage: campusguard import-roster <file.xlsx|file.csv> --school <code> [--kind student|staff] [--lang zh-CN|en]

Validates every row of the file (required fields, ID check digits, dates, phones, duplicates within the
file and against the database, classes and dormitories of the school) and imports all rows in one
transaction, or none: every bad row is printed with its row number, column and reason. The same checks
as the web upload; the import is audited as the console operator (cli:<user>).
Download the template in the web app (名单导入 → 下载模板) or with GET /api/roster/template.

  --school CODE   the school's code (学校标识码), required
  --kind K        student (default) or staff
  --lang L        language of the messages: zh-CN or en (default from LANG)
  --help          this text

Exit codes: 0 imported, 1 rejected (bad rows, unknown school), 2 bad usage.`;

export function formatIssues(locale: Locale, rows: RosterIssueView[]): string {
  return rows
    .map((r) => (locale === 'zh-CN' ? `  第 ${r.row} 行  ${r.column || '-'}  ${r.message}` : `  row ${r.row}  ${r.column || '-'}  ${r.message}`))
    .join('\n');
}

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  return guarded('import-roster', io, async () => {
    const { values, positionals } = parseOptions(argv, { school: { type: 'string' }, kind: { type: 'string' }, lang: { type: 'string' } }, true);
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('missing the roster file (.xlsx or .csv)');
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}" (one file at a time)`);
    if (!values.school) throw new UsageError('missing --school <code>');
    const kind = (values.kind ?? 'student') as RosterKind;
    if (!ROSTER_KINDS.includes(kind)) throw new UsageError(`--kind must be student or staff (got "${values.kind}")`);
    if (values.lang && values.lang !== 'zh-CN' && values.lang !== 'en') throw new UsageError(`--lang must be zh-CN or en (got "${values.lang}")`);
    const locale: Locale = (values.lang as Locale | undefined) ?? cliLocale();
    const file = positionals[0];
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (data.length > MAX_UPLOAD_BYTES) throw new UsageError(`${file} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it`);
    const ext = path.extname(file).toLowerCase();

    const cli = await openDatabase();
    try {
      const school = await cli.ctx.db.selectFrom('schools').select(['id', 'name', 'code']).where('code', '=', values.school).executeTakeFirst();
      if (!school) {
        io.stderr(`campusguard import-roster: no school with code "${values.school}" in ${cli.where}\n`);
        return 1;
      }
      try {
        const result = await importRoster(cli.ctx, systemActor(), { schoolId: school.id, kind, file: data, format: ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : undefined, locale, ip: null });
        const what = kind === 'student' ? (locale === 'zh-CN' ? '名学生' : 'students') : locale === 'zh-CN' ? '名教职工' : 'staff';
        io.stdout(locale === 'zh-CN'
          ? `已导入 ${result.imported} ${what}（监护人 ${result.guardians} 名）到 ${school.name}（${school.code}）\n`
          : `imported ${result.imported} ${what} (${result.guardians} guardians) into ${school.name} (${school.code})\n`);
        return 0;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        io.stderr(`${t(locale, err.code, err.params)}\n`);
        const details = err.details as { rows?: RosterIssueView[]; total?: number; truncated?: boolean } | undefined;
        if (details?.rows?.length) {
          io.stderr(`${formatIssues(locale, details.rows)}\n`);
          if (details.truncated) io.stderr(locale === 'zh-CN' ? `  ……仅列出前 ${details.rows.length} 处，共 ${details.total} 处\n` : `  … the first ${details.rows.length} of ${details.total} problems\n`);
        }
        return 1;
      }
    } finally {
      await cli.close();
    }
  });
}
