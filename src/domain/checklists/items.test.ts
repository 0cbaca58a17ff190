import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ChecklistItem, checklistProblems } from './items';

describe('checklist items', () => {
  it('accepts the shipped guidance checklist: a work plan, 3 contingency plans and 14 systems, each with evidence', () => {
    const file = JSON.parse(readFileSync(path.resolve(__dirname, '../../../reference/guidance-checklist.json'), 'utf8')) as { items: ChecklistItem[] };
    expect(checklistProblems(file.items)).toEqual([]);
    expect(file.items.filter((i) => i.section === 'plans')).toHaveLength(4);
    expect(file.items.filter((i) => i.section === 'systems')).toHaveLength(14);
    for (const i of file.items) expect(i.evidence['zh-CN'].length).toBeGreaterThan(5);
  });

  it('names the field of duplicate keys, bad weights and unknown figures', () => {
    const base = { section: 's', title: { 'zh-CN': 'a', en: 'a' }, evidence: { 'zh-CN': 'e', en: 'e' }, weight: 1 };
    const problems = checklistProblems([
      { ...base, key: 'ok_key' },
      { ...base, key: 'ok_key' },
      { ...base, key: 'x2', weight: 0 },
      { ...base, key: 'x3', liveFigure: 'nope' as never },
    ]);
    expect(problems).toEqual([
      { field: 'items/1/key', code: 'checklist.item_key_duplicate' },
      { field: 'items/2/weight', code: 'checklist.item_weight_invalid' },
      { field: 'items/3/liveFigure', code: 'checklist.live_figure_unknown' },
    ]);
    expect(checklistProblems([])).toEqual([{ field: 'items', code: 'checklist.no_items' }]);
  });
});
