import ExcelJS from 'exceljs';
import { columnsOf, GENDER_LABELS, KEY_POSITION_LABELS, type RosterKind, STAFF_ROLE_LABELS } from '../../domain/roster/columns';

export const KIND_LABEL: Record<RosterKind, string> = { student: '学生', staff: '教职工' };

/** Rows that carry a drop-down list in the template (Excel data validation). */
const LIST_ROWS = 5000;

/**
 * The roster workbook: sheet 1 has the header row (ID, phone and number columns formatted as text)
 * and the data; sheet 2 explains every column and its allowed values. Template and export share it,
 * so an exported roster can be uploaded again.
 */
export async function buildRosterWorkbook(kind: RosterKind, rows: (string | null)[][], options: { masked?: boolean } = {}): Promise<Buffer> {
  const columns = columnsOf(kind);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CampusGuard';
  const ws = wb.addWorksheet(`${KIND_LABEL[kind]}名单`);
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length * 2 + 4), style: c.text ? { numFmt: '@' } : {} }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFEDEDED' } };
    cell.note = c.hint;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) ws.addRow(row);
  const lists: Partial<Record<string, string[]>> = {
    gender: Object.values(GENDER_LABELS),
    staffRole: Object.values(STAFF_ROLE_LABELS),
    keyPosition: [...Object.values(KEY_POSITION_LABELS), '否'],
  };
  columns.forEach((c, i) => {
    const values = lists[c.key];
    if (!values) return;
    const letter = ws.getColumn(i + 1).letter;
    const last = Math.max(LIST_ROWS, rows.length + 1);
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${last}`, {
      type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`], showErrorMessage: true, errorTitle: '取值无效', error: `可选：${values.join('、')}`,
    });
  });

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', width: 14 },
    { header: '是否必填', width: 10 },
    { header: '填写说明与可选值', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow([c.header, c.required ? '必填' : '选填', c.hint]);
  help.addRow([]);
  const notes = [
    '1. 请在第一个工作表中填写，第一行为列名，不要修改、删除或增加列名；每行一人。',
    '2. 身份证号、电话、学籍号列已设为“文本”格式；从其他表格粘贴时请使用“选择性粘贴 → 数值”，避免变成科学计数法。',
    kind === 'student'
      ? '3. 年级、班级、宿舍须先在“学校管理”中建立；系统不会自动创建班级，名单中不存在的班级会逐行列出。'
      : '3. 岗位为保安、保洁、食堂、宿管时，重点岗位留空即自动登记为对应的重点岗位。',
    '4. 上传后系统先校验全部行：只要有一行有误，整份名单都不会导入，并列出每个错误的行号、列名和原因；修改后重新上传即可。',
    '5. 已登记的人员（身份证号或学籍号相同）不会重复导入，会作为错误列出。',
    '6. 也可上传 CSV 文件（UTF-8 或 GBK 编码），列名与本模板相同。',
  ];
  if (options.masked) notes.push('7. 本文件中的身份证号和电话已脱敏（含 *），不能直接重新导入；需要完整号码请由有权限的人员导出完整版。');
  for (const line of notes) help.addRow([line]).getCell(1).alignment = { wrapText: false };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
