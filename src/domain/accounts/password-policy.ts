/**
 * Password rules after NIST SP 800-63B: length 12–128, no composition rules, refuse common
 * passwords and trivially guessable ones. Returns the i18n code of the first problem, or null.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

// Long passwords that appear near the top of public leak lists (the short ones fail on length anyway).
const COMMON = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789000', '111111111111', '000000000000',
  '123123123123', '123456123456', 'qwertyuiop12', 'qwertyuiop123', 'qwertyuiopasdf', 'qwerty123456',
  'password1234', 'password12345', 'password123456', 'passw0rd1234', 'iloveyou1234', 'woaini1314520',
  'woaini520520', 'woaini123456', 'a123456789012', 'aa123456789012', 'abc123456789', 'abcd12345678',
  'abcdefghijkl', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'zxcvbnm12345', 'asdfghjkl123', 'qazwsxedcrfv',
  'administrator', 'admin1234567', 'admin123456789', 'welcome12345', 'changeme1234', 'letmein12345',
  'football1234', 'baseball1234', 'sunshine1234', 'princess1234', 'dragon123456', 'monkey123456',
  'zhang123456789', 'wang123456789', 'li12345678901', 'campusguard1', 'campusguard123', 'xiaoyuan12345',
  '5201314520131', '147258369147', '159357159357', '987654321098', '112233445566', '123321123321',
]);

export type PasswordProblem =
  | 'auth.password_too_short'
  | 'auth.password_too_long'
  | 'auth.password_common'
  | 'auth.password_contains_username';

export function passwordProblem(password: string, username = ''): PasswordProblem | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'auth.password_too_short';
  if (chars.length > MAX_PASSWORD_LENGTH) return 'auth.password_too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'auth.password_common';
  if (new Set(chars).size <= 2) return 'auth.password_common';
  if (isSequence(lower)) return 'auth.password_common';
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return 'auth.password_contains_username';
  return null;
}

/** Runs like 1234567890123 or abcdefghijklm, forwards or backwards. */
function isSequence(s: string): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if (d !== 1 && !(s[i] === '0' && s[i - 1] === '9')) up = false;
    if (d !== -1) down = false;
  }
  return up || down;
}
