/**
 * Checklist items: a key that answers, findings and live figures refer to across versions, a section,
 * texts in both languages, what evidence counts, a weight for the score and an optional live figure.
 */
export const LIVE_FIGURES = ['pairing', 'reporting_completeness', 'overdue_hygiene_logs', 'open_absences', 'gate_ledger', 'plan:work_plan', 'plan:emergency_response', 'plan:public_opinion', 'plan:online_teaching'] as const;
export type LiveFigureKey = (typeof LIVE_FIGURES)[number];

export interface ChecklistItem {
  key: string;
  section: string;
  title: { 'zh-CN': string; en: string };
  evidence: { 'zh-CN': string; en: string };
  weight: number;
  liveFigure?: LiveFigureKey;
}

export interface ItemProblem {
  field: string;
  code: string;
}

const KEY = /^[a-z][a-z0-9_]{1,47}$/;

/** Problems of a list of items (first one per item), with the field path named; empty when valid. */
export function checklistProblems(items: ChecklistItem[]): ItemProblem[] {
  const problems: ItemProblem[] = [];
  if (!items.length) problems.push({ field: 'items', code: 'checklist.no_items' });
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!KEY.test(item.key)) problems.push({ field: `items/${i}/key`, code: 'checklist.item_key_invalid' });
    else if (seen.has(item.key)) problems.push({ field: `items/${i}/key`, code: 'checklist.item_key_duplicate' });
    seen.add(item.key);
    if (!(item.weight > 0 && item.weight <= 100)) problems.push({ field: `items/${i}/weight`, code: 'checklist.item_weight_invalid' });
    if (item.liveFigure && !(LIVE_FIGURES as readonly string[]).includes(item.liveFigure)) problems.push({ field: `items/${i}/liveFigure`, code: 'checklist.live_figure_unknown' });
  });
  return problems;
}
