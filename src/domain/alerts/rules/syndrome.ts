// Syndrome of a case from its symptom codes, so "similar symptoms" can be compared.
import type { CaseRecord, Syndrome } from './types';

const ORDER: Array<[Syndrome, string[]]> = [
  ['gastrointestinal', ['diarrhea', 'vomiting', 'abdominal_pain']],
  ['rash', ['rash', 'oral_ulcer']],
  ['jaundice', ['jaundice']],
  ['parotitis', ['parotid_swelling']],
  ['conjunctivitis', ['conjunctival_congestion']],
  ['respiratory', ['cough', 'sore_throat']],
  ['fever', ['fever']],
];

export function syndromeOf(c: Pick<CaseRecord, 'symptoms' | 'syndrome'>): Syndrome {
  if (c.syndrome) return c.syndrome;
  for (const [syndrome, codes] of ORDER) if (c.symptoms.some((s) => codes.includes(s))) return syndrome;
  return 'other';
}

/** Influenza-like illness: ≥ 38.0 °C with cough or sore throat. */
export function isIli(c: Pick<CaseRecord, 'symptoms' | 'temperature' | 'disease'>): boolean {
  if (c.disease === 'influenza') return true;
  const febrile = (c.temperature ?? 0) >= 38;
  return febrile && (c.symptoms.includes('cough') || c.symptoms.includes('sore_throat'));
}
