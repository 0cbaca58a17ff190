import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_ROSTER_ROWS } from '../../src/domain/roster/validate';
import { readRosterFile } from '../../src/features/roster/parse';

const header = ['姓名', '性别', '身份证号'];

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Written by the streaming writer: strings inline, no `sharedStrings.xml` at all. */
async function inlineStringsWorkbook(rows: unknown[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const ws = wb.addWorksheet('名单');
  for (const row of rows) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const openDescriptors = () => readdirSync('/proc/self/fd').length;
const ourTempFiles = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`)).length;

describe('reading an .xlsx roster', () => {
  it('reads the first worksheet, with the shared strings stored after it as Excel does', async () => {
    const file = await workbook({ 学生: [header, ['李娜', '女', '410105201805050771']], 备注: [['不是名单']] });
    const sheet = await readRosterFile(file, 'xlsx');
    expect(sheet).toEqual({ headerRow: 1, header, rows: [{ row: 2, cells: ['李娜', '女', '410105201805050771'] }] });
  });

  it('reads a workbook without shared strings', async () => {
    const sheet = await readRosterFile(await inlineStringsWorkbook([header, ['王强', '男', 12]]), 'xlsx');
    expect(sheet.rows).toEqual([{ row: 2, cells: ['王强', '男', 12] }]);
  });

  it.runIf(existsSync('/proc/self/fd'))('leaves no file descriptor or temporary file behind, also when it stops early', async () => {
    const file = await workbook({ 学生: [header, ['李娜', '女', '410105201805050771']], 教职工: [header] });
    await readRosterFile(file, 'xlsx'); // the first read loads what stays loaded
    const [descriptors, temps] = [openDescriptors(), ourTempFiles()];
    for (let i = 0; i < 40; i++) await Promise.all([readRosterFile(file, 'xlsx'), readRosterFile(file, 'xlsx')]);
    expect(ourTempFiles()).toBe(temps);
    // A little slack for descriptors the runner itself opens meanwhile; the leak was one per read.
    expect(openDescriptors()).toBeLessThan(descriptors + 10);
  });

  it('stops at the row limit without reading the rest', async () => {
    const rows = Array.from({ length: MAX_ROSTER_ROWS + 1 }, (_, i) => [`学生${i}`]);
    const file = await inlineStringsWorkbook([['姓名'], ...rows, ...rows]);
    await expect(readRosterFile(file, 'xlsx')).rejects.toMatchObject({ code: 'roster.too_many_rows', params: { limit: MAX_ROSTER_ROWS } });
  });

  it('calls a broken file unreadable', async () => {
    const file = await workbook({ 学生: [header] });
    await expect(readRosterFile(file.subarray(0, file.length - 200), 'xlsx')).rejects.toMatchObject({ code: 'roster.file_unreadable', status: 400 });
  });
});
