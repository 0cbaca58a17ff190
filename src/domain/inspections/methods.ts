/**
 * Inspections (督查): three levels and the source document's eight methods. Which inspections the
 * inspected school may see, and how answers make a score, are rules kept here so the service, the SQL
 * predicate and the web page all follow one definition.
 */
export const INSPECTION_LEVELS = ['city', 'county', 'school'] as const;
export type InspectionLevel = (typeof INSPECTION_LEVELS)[number];

export const INSPECTION_METHODS = [
  'directed', 'fixed_point_patrol', 'random_spot_check', 'lead_specific', 'covert', 'phone', 'video', 'on_site_questioning',
] as const;
export type InspectionMethod = (typeof INSPECTION_METHODS)[number];

export const METHOD_LABELS: Record<InspectionMethod, { zh: string; en: string }> = {
  directed: { zh: '定向检查', en: 'directed inspection' },
  fixed_point_patrol: { zh: '定点巡查', en: 'fixed-point patrol' },
  random_spot_check: { zh: '随机抽查', en: 'random spot check' },
  lead_specific: { zh: '线索专查', en: 'lead-specific check' },
  covert: { zh: '灵活暗查', en: 'covert check' },
  phone: { zh: '电话调查', en: 'phone survey' },
  video: { zh: '视频录查', en: 'video review' },
  on_site_questioning: { zh: '现场问查', en: 'on-site questioning' },
};

export type AnswerResult = 'pass' | 'partial' | 'fail' | 'na';

/** Covert checks are unannounced by nature; either kind stays hidden from the school until completed. */
export function hiddenFromSchool(i: { method: InspectionMethod; unannounced: boolean; status: string }): boolean {
  return (i.method === 'covert' || i.unannounced) && i.status !== 'completed';
}

/** Which level a bureau inspects at: a city bureau at city level, a county bureau at county level. */
export function levelOfRegion(level: 'province' | 'city' | 'county'): InspectionLevel {
  return level === 'county' ? 'county' : 'city';
}

/**
 * Score out of 100: pass = full, partial = half, fail = 0, weighted by item weight; "not applicable"
 * items drop out of the denominator. Null when nothing applicable was answered.
 */
export function scoreAnswers(items: { key: string; weight?: number }[], answers: { itemKey: string; result: AnswerResult }[]): number | null {
  const byKey = new Map(answers.map((a) => [a.itemKey, a.result]));
  let total = 0;
  let got = 0;
  for (const item of items) {
    const r = byKey.get(item.key);
    if (!r || r === 'na') continue;
    const w = item.weight ?? 1;
    total += w;
    got += r === 'pass' ? w : r === 'partial' ? w / 2 : 0;
  }
  return total === 0 ? null : Math.round((got / total) * 1000) / 10;
}

/** Items every inspection must answer before it can be completed (all of them, "na" allowed). */
export function unansweredItems(items: { key: string }[], answers: { itemKey: string }[]): string[] {
  const done = new Set(answers.map((a) => a.itemKey));
  return items.filter((i) => !done.has(i.key)).map((i) => i.key);
}
