/**
 * Re-checking a published draw record: does the revealed seed open the commitment, does the published
 * input hash match the list, and does re-running the draw give the published selection in order?
 */
import { verifyCommitment } from './commitment';
import { type DrawOutcome, drawSchools } from './draw';
import { DrawError } from './errors';
import type { CountLimits, DrawParameters, EligibleSchool } from './input';

export const DRAW_RECORD_FORMAT = 'campusguard.draw/1';

export interface DrawRecord {
  format: typeof DRAW_RECORD_FORMAT;
  commitment: string;
  /** Published with the commitment before the draw; optional in the record. */
  inputHash?: string;
  seed: string;
  params: DrawParameters;
  schools: EligibleSchool[];
  result: { selected: string[] };
}

export interface DrawVerification {
  ok: boolean;
  differences: string[];
  outcome: DrawOutcome;
}

/** Throws DrawError (field names the part of the record) when the record is not well formed. */
export function parseDrawRecord(raw: unknown): DrawRecord {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new DrawError('draw.params_invalid', '(record)', 'the draw record must be a JSON object');
  }
  const r = raw as Record<string, unknown>;
  if (r.format !== DRAW_RECORD_FORMAT) {
    throw new DrawError('draw.params_invalid', 'format', `format must be "${DRAW_RECORD_FORMAT}"`);
  }
  for (const key of ['commitment', 'seed'] as const) {
    if (typeof r[key] !== 'string') throw new DrawError('draw.params_invalid', key, `${key} must be a string`);
  }
  if (r.inputHash !== undefined && typeof r.inputHash !== 'string') {
    throw new DrawError('draw.params_invalid', 'inputHash', 'inputHash must be a string when present');
  }
  if (!r.params || typeof r.params !== 'object') throw new DrawError('draw.params_invalid', 'params', 'params is required');
  if (!Array.isArray(r.schools)) throw new DrawError('draw.school_invalid', 'schools', 'schools must be a list');
  const result = r.result as { selected?: unknown } | undefined;
  if (!result || !Array.isArray(result.selected) || result.selected.some((s) => typeof s !== 'string')) {
    throw new DrawError('draw.params_invalid', 'result.selected', 'result.selected must be a list of school ids');
  }
  return r as unknown as DrawRecord;
}

/**
 * Verification does not apply the policy's count limits (a bureau may have had an override); it only asks
 * whether the published result is what the published inputs produce. Ill-formed inputs throw DrawError.
 */
export function verifyDrawRecord(record: DrawRecord): DrawVerification {
  const limits: CountLimits = {
    weekly_spot_check: { min: 1, max: Number.MAX_SAFE_INTEGER },
    daily_self_report: { min: 1, max: Number.MAX_SAFE_INTEGER },
  };
  const outcome = drawSchools({ seed: record.seed, params: record.params, schools: record.schools }, limits);
  const differences: string[] = [];
  if (!verifyCommitment(record.seed, record.commitment)) {
    differences.push(`commitment: the revealed seed does not open it (sha256(seed) = ${outcome.commitment})`);
  }
  if (record.inputHash !== undefined && record.inputHash.toLowerCase() !== outcome.inputHash) {
    differences.push(`input hash: published ${record.inputHash}, the list and parameters hash to ${outcome.inputHash}`);
  }
  const published = record.result.selected;
  const recomputed = outcome.selected.map((s) => s.schoolId);
  if (published.join('\n') !== recomputed.join('\n')) {
    const missing = recomputed.filter((id) => !published.includes(id));
    const extra = published.filter((id) => !recomputed.includes(id));
    let line = `selection: published [${published.join(', ')}], recomputed [${recomputed.join(', ')}]`;
    if (missing.length) line += `; not published: ${missing.join(', ')}`;
    if (extra.length) line += `; published but not drawn: ${extra.join(', ')}`;
    if (!missing.length && !extra.length) line += '; same schools, different order';
    differences.push(line);
  }
  return { ok: differences.length === 0, differences, outcome };
}
