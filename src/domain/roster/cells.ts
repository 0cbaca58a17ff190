/**
 * Turning spreadsheet cells into text, dates and phone numbers the way a school secretary means
 * them: Excel dates, serial numbers, "2015/9/1", "2015年9月1日", digits stored as numbers.
 */
export type CellValue = string | number | boolean | Date | null | undefined;

/** Text of a cell; numbers without exponent or trailing ".0". */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.normalize('NFKC').trim();
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(Math.round(value)).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return isoFromUtc(value);
}

function isoFromUtc(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function validIso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD', or null when the cell is not a real date. Excel serials count days from 1899-12-30. */
export function parseDateCell(value: CellValue): string | null {
  if (value instanceof Date) return isoFromUtc(value) || null;
  if (typeof value === 'number') {
    if (value >= 19000101 && value <= 21001231 && Number.isInteger(value)) return parseDateCell(String(value));
    if (value < 1 || value > 80000) return null;
    return isoFromUtc(new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000));
  }
  const text = cellText(value);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(text);
  if (m) return validIso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return validIso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** Drops spaces and a +86 prefix; keeps the dash of a landline. */
export function normalisePhone(raw: string): string {
  let p = raw.replace(/[\s()（）]/g, '');
  if (/^\+?86(1\d{10})$/.test(p)) p = p.replace(/^\+?86/, '');
  return p;
}
