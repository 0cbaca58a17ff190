// Inheritance down the hierarchy: province → city → county → school. Each level's override is merged
// over the result of the levels above; objects merge key by key, arrays and scalars replace, and
// `null` removes an optional threshold (e.g. a county that drops a school emergency count).
import type { RuleSet, RuleSetOverride } from './types';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeValue(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (over === null) return undefined;
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) {
      const merged = mergeValue(base[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  if (Array.isArray(over)) return [...over];
  if (isPlainObject(over)) return mergeValue({}, over);
  return over;
}

/** The effective rule set for a unit: base, then each override from the top level down. */
export function mergeRuleSets(base: RuleSet, ...overrides: Array<RuleSetOverride | null | undefined>): RuleSet {
  let out: unknown = base;
  for (const o of overrides) if (o) out = mergeValue(out, o);
  return out as RuleSet;
}
