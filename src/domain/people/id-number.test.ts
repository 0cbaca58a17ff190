import { describe, expect, it } from 'vitest';
import { birthDateFromId, genderFromId, idNumberProblem, makeIdNumber, maskIdNumber, maskName, maskPhone, maskStudentNumber } from './id-number';

describe('ID numbers (GB 11643)', () => {
  it.each([
    ['11010519491231002X', null],
    ['110105194912310021', 'check_digit'],
    ['11010519491231002x', null],
    ['410102201502300011', 'birth_date'],
    ['41010220150230001', 'format'],
    ['4101022015023000AX', 'format'],
    ['', 'format'],
  ])('%s → %s', (id, problem) => {
    expect(idNumberProblem(id)).toBe(problem);
  });

  it('builds valid numbers that encode the birth date and gender', () => {
    for (let i = 0; i < 200; i++) {
      const gender = i % 2 ? 'male' : 'female';
      const id = makeIdNumber('410102', '2014-03-09', i, gender);
      expect(idNumberProblem(id)).toBeNull();
      expect(birthDateFromId(id)).toBe('2014-03-09');
      expect(genderFromId(id)).toBe(gender);
    }
  });

  it.each([
    [maskIdNumber('11010519491231002X'), '110105********002X'],
    [maskPhone('13812341234'), '138****1234'],
    [maskStudentNumber('G11010519491231002X'), 'G110105********002X'],
    [maskStudentNumber('20260101'), '20260101'],
    [maskName('张三'), '张*'],
    [maskName('欧阳娜娜'), '欧**娜'],
    [maskName('李'), '李'],
  ])('masks %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
