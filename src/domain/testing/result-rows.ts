import { type CellValue, cellText, parseDateCell } from '../roster/cells';

/**
 * Laboratory result files: one row per sample. Columns are found by their header (the labs' own
 * exports differ in order and carry extra columns, which are ignored).
 */
export const RESULT_COLUMNS = {
  name: ['姓名', 'name'],
  idNumber: ['身份证号', '身份证号码', '证件号码', 'id number'],
  studentNumber: ['学籍号', '学号', 'student number'],
  testKind: ['检测类型', '检测项目', 'test'],
  sampledOn: ['采样日期', '采样时间', 'sampled on'],
  result: ['检测结果', '结果', 'result'],
  lab: ['检测机构', '检测单位', 'lab'],
} as const;
export type ResultColumn = keyof typeof RESULT_COLUMNS;

export interface ResultIssue {
  row: number;
  column: string;
  code: string;
  params?: Record<string, unknown>;
}

export interface ParsedResult {
  row: number;
  name: string;
  idNumber: string | null;
  studentNumber: string | null;
  testKind: 'pcr' | 'antigen';
  sampledOn: string;
  result: 'negative' | 'positive';
  lab: string;
}

const KIND: Record<string, 'pcr' | 'antigen'> = { 核酸: 'pcr', 核酸检测: 'pcr', pcr: 'pcr', 'sars-cov-2 rna': 'pcr', 抗原: 'antigen', 抗原检测: 'antigen', antigen: 'antigen' };
const RESULT: Record<string, 'negative' | 'positive'> = { 阴性: 'negative', '阴性(-)': 'negative', negative: 'negative', '-': 'negative', 阳性: 'positive', '阳性(+)': 'positive', positive: 'positive', '+': 'positive' };

export function columnOf(header: CellValue): ResultColumn | null {
  const h = cellText(header).replace(/\s+/g, '').toLowerCase();
  for (const [key, names] of Object.entries(RESULT_COLUMNS)) if ((names as readonly string[]).some((n) => n.replace(/\s+/g, '') === h)) return key as ResultColumn;
  return null;
}

export function looksLikeResultHeader(cells: CellValue[]): boolean {
  return cells.filter((c) => columnOf(c) != null).length >= 3;
}

/** Validates every row (cells only; persons are matched by the caller), collecting every problem. */
export function validateResultRows(header: CellValue[], rows: { row: number; cells: CellValue[] }[], today: string): { records: ParsedResult[]; issues: ResultIssue[]; headers: Partial<Record<ResultColumn, string>> } {
  const index: Partial<Record<ResultColumn, number>> = {};
  const headers: Partial<Record<ResultColumn, string>> = {};
  header.forEach((h, i) => {
    const c = columnOf(h);
    if (c && index[c] === undefined) {
      index[c] = i;
      headers[c] = cellText(h);
    }
  });
  const issues: ResultIssue[] = [];
  for (const col of ['sampledOn', 'result'] as const) if (index[col] === undefined) issues.push({ row: 1, column: RESULT_COLUMNS[col][0], code: 'testing.import.column_missing', params: { column: RESULT_COLUMNS[col][0] } });
  if (index.idNumber === undefined && index.studentNumber === undefined) issues.push({ row: 1, column: RESULT_COLUMNS.idNumber[0], code: 'testing.import.column_missing', params: { column: `${RESULT_COLUMNS.idNumber[0]} / ${RESULT_COLUMNS.studentNumber[0]}` } });
  if (issues.length) return { records: [], issues, headers };
  const records: ParsedResult[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const cell = (c: ResultColumn) => (index[c] === undefined ? null : cells[index[c]!]);
    if (cells.every((c) => cellText(c) === '')) continue;
    const label = (c: ResultColumn) => headers[c] ?? RESULT_COLUMNS[c][0];
    const before = issues.length;
    const idNumber = cellText(cell('idNumber')).toUpperCase() || null;
    const studentNumber = cellText(cell('studentNumber')) || null;
    if (!idNumber && !studentNumber) issues.push({ row, column: label(index.idNumber !== undefined ? 'idNumber' : 'studentNumber'), code: 'testing.import.person_missing' });
    const kindText = cellText(cell('testKind')).toLowerCase();
    const testKind = kindText ? KIND[kindText] : 'pcr';
    if (!testKind) issues.push({ row, column: label('testKind'), code: 'testing.import.kind_invalid', params: { value: kindText } });
    const sampledOn = parseDateCell(cell('sampledOn'));
    if (!sampledOn) issues.push({ row, column: label('sampledOn'), code: 'testing.import.date_invalid' });
    else if (sampledOn > today) issues.push({ row, column: label('sampledOn'), code: 'testing.import.date_future' });
    const resultText = cellText(cell('result')).replace(/\s+/g, '').toLowerCase();
    const result = RESULT[resultText];
    if (!result) issues.push({ row, column: label('result'), code: 'testing.import.result_invalid', params: { value: resultText } });
    if (issues.length > before) continue;
    const key = `${idNumber ?? `#${studentNumber}`}|${testKind}|${sampledOn}`;
    const first = seen.get(key);
    if (first) {
      issues.push({ row, column: label(idNumber ? 'idNumber' : 'studentNumber'), code: 'testing.import.duplicate', params: { first } });
      continue;
    }
    seen.set(key, row);
    records.push({ row, name: cellText(cell('name')), idNumber, studentNumber, testKind: testKind!, sampledOn: sampledOn!, result: result!, lab: cellText(cell('lab')).slice(0, 60) });
  }
  return { records, issues, headers };
}
