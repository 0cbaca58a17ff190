// Return-to-class policies per disease and the decision on a return certificate. Defaults come from
// reference/school-diseases.json (its minimum days from onset) plus the criteria its text states that
// a number cannot carry (fever-free hours, crusted lesions, a negative test); a province or city may
// override any of them. No I/O here: the reference entries and overrides are passed in.
import { addDays } from '../calendar/dates';

export interface ReturnPolicy {
  diseaseCode: string;
  /** Calendar days from onset before the earliest return (onset day = day 0). */
  minDaysFromOnset: number | null;
  /** Hours without fever (without antipyretics) before return. */
  feverFreeHours: number | null;
  /** Hours after all symptoms resolved. */
  symptomFreeHours: number | null;
  requiresLesionsCrusted: boolean;
  requiresTestNegative: boolean;
}

/** Criteria beyond minDaysFromOnset that the reference states in words. Keys are disease codes. */
const EXTRA: Record<string, Partial<ReturnPolicy>> = {
  influenza: { feverFreeHours: 48 },
  norovirus: { symptomFreeHours: 72 },
  varicella: { requiresLesionsCrusted: true },
  measles: { minDaysFromOnset: 5 },
  rubella: { minDaysFromOnset: 5 },
  scarlet_fever: { minDaysFromOnset: 7, feverFreeHours: 24 },
  bacillary_dysentery: { requiresTestNegative: true },
  tuberculosis: { requiresTestNegative: true },
  herpangina: { minDaysFromOnset: 14 },
  covid19: { feverFreeHours: 24 },
};

/** Used when the diagnosis is free text or not in the disease list: 24 h without fever, symptoms gone. */
export const GENERAL_POLICY: ReturnPolicy = {
  diseaseCode: 'general', minDaysFromOnset: null, feverFreeHours: 24, symptomFreeHours: null, requiresLesionsCrusted: false, requiresTestNegative: false,
};

export function defaultPolicy(disease: { code: string; minDaysFromOnset: number | null }): ReturnPolicy {
  const extra = EXTRA[disease.code] ?? {};
  return {
    diseaseCode: disease.code,
    minDaysFromOnset: extra.minDaysFromOnset ?? disease.minDaysFromOnset,
    feverFreeHours: extra.feverFreeHours ?? null,
    symptomFreeHours: extra.symptomFreeHours ?? null,
    requiresLesionsCrusted: extra.requiresLesionsCrusted ?? false,
    requiresTestNegative: extra.requiresTestNegative ?? false,
  };
}

/** The policy in force: the nearest region's override (county → city → province order given) over the default. */
export function effectivePolicy(base: ReturnPolicy, overrides: Partial<ReturnPolicy>[]): ReturnPolicy {
  const first = overrides[0];
  if (!first) return base;
  const pick = <K extends keyof ReturnPolicy>(k: K) => (first[k] !== undefined ? first[k] : base[k]) as ReturnPolicy[K];
  return {
    diseaseCode: base.diseaseCode, minDaysFromOnset: pick('minDaysFromOnset'), feverFreeHours: pick('feverFreeHours'), symptomFreeHours: pick('symptomFreeHours'),
    requiresLesionsCrusted: pick('requiresLesionsCrusted'), requiresTestNegative: pick('requiresTestNegative'),
  };
}

export interface EpisodeFacts {
  openedOn: string;
  onsetDate: string | null;
  /** When the fever ended, if known; certificates may state hours instead. */
  feverFreeSince: Date | null;
}

export interface CertificateFacts {
  issuedOn: string;
  returnOn: string;
  feverFreeHours: number | null;
  symptomsResolved: boolean;
  lesionsCrusted: boolean;
  testNegative: boolean;
}

export type RefusalReason =
  | 'issued_before_onset'
  | 'issued_after_return'
  | 'too_early_from_onset'
  | 'fever_free_too_short'
  | 'symptoms_not_resolved'
  | 'lesions_not_crusted'
  | 'test_not_negative';

export interface ReturnDecision {
  accepted: boolean;
  reasons: RefusalReason[];
  /** The earliest date the policy allows, from what is known (null when it depends on facts still missing). */
  earliestReturn: string | null;
}

const dateOfInstantPlusHours = (at: Date, hours: number) => new Date(at.getTime() + 8 * 3600_000 + hours * 3600_000 + 3600_000 * 24 - 1).toISOString().slice(0, 10);

/** Earliest return date from onset and fever end alone. Onset unknown → the first absent day, the later bound. */
export function earliestReturn(policy: ReturnPolicy, facts: EpisodeFacts): string {
  const onset = facts.onsetDate ?? facts.openedOn;
  let earliest = addDays(onset, Math.max(1, policy.minDaysFromOnset ?? 1));
  const hours = Math.max(policy.feverFreeHours ?? 0, policy.symptomFreeHours ?? 0);
  if (hours && facts.feverFreeSince) {
    // The person may return on the first school date wholly after the fever-free period has run.
    const after = dateOfInstantPlusHours(facts.feverFreeSince, hours);
    if (after > earliest) earliest = after;
  }
  return earliest;
}

/** Accepts a certificate, or refuses it with every reason that applies and the earliest valid date. */
export function decideReturn(policy: ReturnPolicy, episode: EpisodeFacts, cert: CertificateFacts): ReturnDecision {
  const reasons: RefusalReason[] = [];
  const onset = episode.onsetDate ?? episode.openedOn;
  if (cert.issuedOn < onset) reasons.push('issued_before_onset');
  if (cert.issuedOn > cert.returnOn) reasons.push('issued_after_return');
  let earliest = earliestReturn(policy, episode);
  if (cert.returnOn < earliest) reasons.push('too_early_from_onset');
  const hours = policy.feverFreeHours;
  if (hours) {
    const stated = cert.feverFreeHours;
    if (stated == null && !episode.feverFreeSince) reasons.push('fever_free_too_short');
    else if (stated != null && stated < hours) {
      reasons.push('fever_free_too_short');
      // The certificate speaks on its issue date: the remaining hours run from then.
      const remaining = Math.ceil((hours - stated) / 24);
      const byCert = addDays(cert.issuedOn, remaining);
      if (byCert > earliest) earliest = byCert;
    }
  }
  if (!cert.symptomsResolved) reasons.push('symptoms_not_resolved');
  if (policy.requiresLesionsCrusted && !cert.lesionsCrusted) reasons.push('lesions_not_crusted');
  if (policy.requiresTestNegative && !cert.testNegative) reasons.push('test_not_negative');
  return { accepted: reasons.length === 0, reasons, earliestReturn: earliest };
}
