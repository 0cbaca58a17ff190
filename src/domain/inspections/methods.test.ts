import { describe, expect, it } from 'vitest';
import { hiddenFromSchool, scoreAnswers, unansweredItems } from './methods';

describe('inspection rules', () => {
  it('hides covert and unannounced inspections from the school until completed', () => {
    expect(hiddenFromSchool({ method: 'covert', unannounced: false, status: 'planned' })).toBe(true);
    expect(hiddenFromSchool({ method: 'covert', unannounced: false, status: 'in_progress' })).toBe(true);
    expect(hiddenFromSchool({ method: 'covert', unannounced: false, status: 'completed' })).toBe(false);
    expect(hiddenFromSchool({ method: 'directed', unannounced: true, status: 'planned' })).toBe(true);
    expect(hiddenFromSchool({ method: 'directed', unannounced: false, status: 'planned' })).toBe(false);
  });

  it('scores pass, partial and fail by weight and leaves out not-applicable items', () => {
    const items = [{ key: 'a', weight: 2 }, { key: 'b' }, { key: 'c' }, { key: 'd' }];
    expect(scoreAnswers(items, [{ itemKey: 'a', result: 'pass' }, { itemKey: 'b', result: 'partial' }, { itemKey: 'c', result: 'fail' }, { itemKey: 'd', result: 'na' }])).toBe(62.5);
    expect(scoreAnswers(items, [{ itemKey: 'd', result: 'na' }])).toBeNull();
    expect(unansweredItems(items, [{ itemKey: 'a' }])).toEqual(['b', 'c', 'd']);
  });
});
