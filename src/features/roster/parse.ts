import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue } from '../../domain/roster/cells';
import { cellText } from '../../domain/roster/cells';
import { MAX_ROSTER_ROWS, type SheetRows } from '../../domain/roster/validate';
import { AppError } from '../../http/errors';
import { firstSheetFirst } from './first-sheet';

export type RosterFormat = 'xlsx' | 'csv';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]); // legacy .xls

/** Decides the format from the bytes, whatever the client declared: an .xlsx is a zip starting with "PK". */
export function sniffFormat(file: Buffer, declared?: RosterFormat): RosterFormat {
  if (file.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (file.subarray(0, 4).equals(OLE)) throw new AppError('roster.xls_unsupported', 415, { field: 'file' });
  if (declared === 'xlsx') throw new AppError('roster.file_unreadable', 400, { field: 'file' });
  if (file.subarray(0, 4096).includes(0)) throw new AppError('roster.file_unreadable', 400, { field: 'file' });
  return 'csv';
}

/** UTF-8 (with or without BOM) or, as Chinese Excel saves "CSV", GB18030/GBK. */
export function decodeCsv(file: Buffer): string {
  if (file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf) return file.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

/** A cell as a plain value: rich text joined, formulas by their result, hyperlinks by their text. */
function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value as CellValue;
  const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return plain(v.result);
  if ('text' in v) return plain(v.text);
  return null;
}

/** Rows above the header (a title such as "XX学校学生名单") are skipped: up to this many. */
const HEADER_SEARCH_ROWS = 10;

class Collector {
  headerRow = 0;
  header: CellValue[] = [];
  rows: { row: number; cells: CellValue[] }[] = [];
  tooMany = false;
  dataRows = 0;
  private firstNonEmpty: { row: number; cells: CellValue[] } | null = null;
  private pending: { row: number; cells: CellValue[] }[] = [];

  constructor(private readonly isHeader: (cells: CellValue[]) => boolean) {}

  /**
   * The header is the first row, among the first ten, that names a known column; failing that, the
   * first non-empty row (so its unknown columns get reported). Every later row is data.
   */
  add(rowNumber: number, values: unknown[]): boolean {
    const cells: CellValue[] = [];
    for (let i = 1; i < values.length; i++) cells.push(plain(values[i]));
    if (!this.headerRow) {
      const empty = cells.every((c) => cellText(c) === '');
      if (!empty && this.isHeader(cells)) {
        this.headerRow = rowNumber;
        this.header = cells;
        return true;
      }
      if (!empty) this.firstNonEmpty ??= { row: rowNumber, cells };
      if (this.firstNonEmpty) this.pending.push({ row: rowNumber, cells });
      if (rowNumber < HEADER_SEARCH_ROWS) return true;
      this.fallBack();
      return !this.tooMany;
    }
    return this.push(rowNumber, cells);
  }

  private push(row: number, cells: CellValue[]): boolean {
    if (++this.dataRows > MAX_ROSTER_ROWS) {
      this.tooMany = true;
      return false;
    }
    this.rows.push({ row, cells });
    return true;
  }

  private fallBack() {
    if (this.headerRow || !this.firstNonEmpty) return;
    this.headerRow = this.firstNonEmpty.row;
    this.header = this.firstNonEmpty.cells;
    for (const p of this.pending.slice(1)) this.push(p.row, p.cells);
    this.pending = [];
  }

  result(): SheetRows {
    this.fallBack();
    if (this.tooMany) throw new AppError('roster.too_many_rows', 400, { field: 'file', limit: MAX_ROSTER_ROWS });
    if (!this.headerRow) throw new AppError('roster.header_missing', 400, { field: 'file' });
    return { headerRow: this.headerRow, header: this.header, rows: this.rows };
  }
}

const isSystemError = (err: unknown) => err instanceof Error && typeof (err as { syscall?: unknown }).syscall === 'string';

/** Reads the first worksheet of an .xlsx (streaming, so a huge sheet stops at the row limit) or a CSV. */
export async function readRosterFile(file: Buffer, format: RosterFormat, isHeader: (cells: CellValue[]) => boolean = () => true): Promise<SheetRows> {
  const out = new Collector(isHeader);
  try {
    if (format === 'xlsx') {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(await firstSheetFirst(file), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
      for await (const sheet of reader) {
        for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
          if (!out.add(row.number, row.values as unknown[])) break;
        }
        break;
      }
    } else {
      const wb = new ExcelJS.Workbook();
      const sheet = await wb.csv.read(Readable.from([decodeCsv(file)]), { map: (v: string) => v, parserOptions: { ignoreEmpty: false, trim: false } } as never);
      sheet.eachRow({ includeEmpty: false }, (row, n) => {
        out.add(n, row.values as unknown[]);
      });
    }
  } catch (err) {
    // The server's own failure (out of descriptors, a full disk) is not the user's file: a 500, logged.
    if (err instanceof AppError || isSystemError(err)) throw err;
    throw new AppError('roster.file_unreadable', 400, { field: 'file' });
  }
  return out.result();
}
