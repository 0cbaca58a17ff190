import { describe, expect, it } from 'vitest';
import { coveragePercent } from './coverage';
import { isHighRiskOccupation } from './occupation';

describe('screening rules', () => {
  it.each([
    ['冷链仓库搬运', true],
    ['市第一人民医院护士', true],
    ['长途货运司机', true],
    ['小学教师', false],
    ['', false],
  ])('%s is high-risk: %s', (text, expected) => expect(isHighRiskOccupation(text as string)).toBe(expected));

  it('has one decimal, rounded normally, and reaches 100 % only when everyone answered', () => {
    expect(coveragePercent(199, 200)).toBe(99.5);
    expect(coveragePercent(1, 447)).toBe(0.2);
    expect(coveragePercent(2, 3)).toBe(66.7);
    expect(coveragePercent(9999, 10_000)).toBe(99.9);
    expect(coveragePercent(200, 200)).toBe(100);
    expect(coveragePercent(0, 0)).toBe(100);
  });
});
