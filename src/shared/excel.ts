import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface SheetColumn<Row> {
  header: string;
  width?: number;
  /** Text columns keep leading zeros and long digit strings (ID numbers, phones) intact. */
  text?: boolean;
  value(row: Row): string | number | boolean | Date | null | undefined;
}

/** Builds an .xlsx workbook with one sheet: a bold header row, frozen, and typed cells. */
export async function buildWorkbook<Row>(sheetName: string, columns: SheetColumn<Row>[], rows: Row[], title?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CampusGuard';
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  let headerRow = 1;
  if (title) {
    ws.addRow([title]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, Math.max(1, columns.length));
    headerRow = 2;
  }
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width ?? Math.max(10, c.header.length * 2 + 2);
    if (c.text) col.numFmt = '@';
  });
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row) ?? null));
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function sendXlsx(reply: FastifyReply, filename: string, body: Buffer) {
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}
