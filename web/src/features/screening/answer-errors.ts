import { ApiError } from '../../shared/api/client';
import type { MessageKey, Translate } from '../../shared/i18n';

/** Form paths of the page (region pickers hold the city/county path, not the code). */
export type FormPath = (string | number)[];

/**
 * The server names the field of an error either with dots (`answers.travel.0.fromDate`, from a
 * rule) or with slashes (`answers/travel/0/place`, from the schema). Both become the form path of
 * the same input and a label the parent can read ("外出行程 1 · 到达日期").
 */
export function fieldOfError(error: unknown, t: Translate): { path: FormPath | null; label: string } | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const parts = error.field.split(/[./]/).filter(Boolean);
  if (parts[0] === 'answers') parts.shift();
  if (!parts.length) return null;
  const name = (p: string) => {
    const k = `publicScreening.fields.${p}` as MessageKey;
    const text = t(k);
    return text === k ? p : text;
  };
  if (parts[0] === 'travel') {
    const i = Number(parts[1]);
    const leaf = parts[2];
    if (!Number.isInteger(i)) return { path: ['travel'], label: name('travel') };
    const formLeaf = leaf === 'regionCode' ? 'region' : leaf;
    return { path: leaf ? ['travel', i, formLeaf] : ['travel'], label: `${name('travel')} ${i + 1}${leaf ? ` · ${name(leaf)}` : ''}` };
  }
  const leaf = parts[0];
  const formPath: Record<string, FormPath | null> = {
    residenceRegionCode: ['residence'],
    token: null,
    personId: null,
    campaignId: null,
  };
  return { path: leaf in formPath ? formPath[leaf] : [leaf], label: name(leaf) };
}
