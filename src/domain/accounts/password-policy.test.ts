import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short', '', 'auth.password_too_short'],
    ['x'.repeat(129), '', 'auth.password_too_long'],
    ['password1234', '', 'auth.password_common'],
    ['PASSWORD1234', '', 'auth.password_common'],
    ['aaaaaaaaaaaaaa', '', 'auth.password_common'],
    ['abababababab', '', 'auth.password_common'],
    ['1234567890123', '', 'auth.password_common'],
    ['zhangsan-garden-2024', 'zhangsan', 'auth.password_contains_username'],
    ['correct horse battery', 'teacher1', null],
    ['春眠不觉晓处处闻啼鸟夜来', '', null],
  ])('%s', (password, username, problem) => {
    expect(passwordProblem(password, username)).toBe(problem);
  });
});
