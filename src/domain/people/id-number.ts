/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 17 digits and a check character.
 * Pure functions: validation, the birth date and gender the number encodes, and masking.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'format' | 'check_digit' | 'birth_date';

/** Returns null when the number is valid, or what is wrong with it. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const birth = birthDateFromId(id);
  if (!birth) return 'birth_date';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'check_digit';
  return null;
}

export function isValidIdNumber(raw: string): boolean {
  return idNumberProblem(raw) === null;
}

export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/** 'YYYY-MM-DD' encoded in positions 7–14, or null if that is not a real date. */
export function birthDateFromId(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** The 17th digit is odd for men and even for women. */
export function genderFromId(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

/** Builds a valid number from a region code, a birth date and a sequence (for demo data and tests). */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number, gender: 'male' | 'female'): string {
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== (gender === 'male')) seq = (seq + 1) % 1000;
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/**
 * The national student number (全国学籍号) is often "G" + the ID number: shown as is, it would leak
 * the ID number that is masked everywhere else, so such numbers are masked the same way.
 */
export function maskStudentNumber(value: string | null): string | null {
  if (!value) return value;
  const m = /^([A-Za-z]?)(\d{17}[\dXx])$/.exec(value);
  return m ? m[1] + maskIdNumber(m[2]) : value;
}

export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length < 7) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** Mainland mobile numbers: 11 digits starting with 1; landlines with area code are accepted too. */
export function isValidPhone(raw: string): boolean {
  const p = raw.trim();
  return /^1[3-9]\d{9}$/.test(p) || /^0\d{2,3}-?\d{7,8}$/.test(p);
}
