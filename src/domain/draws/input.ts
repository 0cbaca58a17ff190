/**
 * The published draw input: parameters and the eligible list. Normalising validates it, fills defaults and
 * sorts the list by school id, so the canonical JSON (and its hash) is the same whoever builds it.
 */
import { canonicalJson, sha256Hex } from './canonical';
import { DrawError } from './errors';
import { DEFAULT_WEIGHTING, type Weighting, dayNumber, validateWeighting } from './weights';

export type DrawKind = 'weekly_spot_check' | 'daily_self_report';
export type StratumField = 'county' | 'schoolType';

export interface EligibleSchool {
  id: string;
  /** County-level division code (or any stable county key). */
  county: string;
  schoolType: string;
  /** 'YYYY-MM-DD' of the last draw (of the same kind) that picked this school, or null. */
  lastDrawnOn: string | null;
}

export interface DrawParameters {
  /** Unique per draw (e.g. '410100-daily-2022-05-09'); one commitment is published per drawId. */
  drawId: string;
  kind: DrawKind;
  drawDate: string;
  count: number;
  /** Nested strata, outermost first. Default ['county', 'schoolType']. */
  stratifyBy?: StratumField[];
  weighting?: Weighting;
}

export interface DrawInput {
  params: DrawParameters;
  schools: EligibleSchool[];
}

export interface NormalisedDrawInput {
  params: Required<DrawParameters>;
  schools: EligibleSchool[];
}

export type CountLimits = Record<DrawKind, { min: number; max: number }>;

/** The source document's rhythm: 6–10 schools spot-checked a week, 5 drawn a day. Policy may override. */
export const DRAW_COUNT_LIMITS: CountLimits = {
  weekly_spot_check: { min: 6, max: 10 },
  daily_self_report: { min: 5, max: 5 },
};

const KINDS: readonly DrawKind[] = ['weekly_spot_check', 'daily_self_report'];
const STRATUM_FIELDS: readonly StratumField[] = ['county', 'schoolType'];

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0 && v.length <= 200;
}

function normaliseParams(p: DrawParameters, limits: CountLimits): Required<DrawParameters> {
  if (!p || typeof p !== 'object') throw new DrawError('draw.params_invalid', 'params', 'params must be an object');
  if (!nonEmptyString(p.drawId)) throw new DrawError('draw.params_invalid', 'params.drawId', 'drawId is required');
  if (!KINDS.includes(p.kind)) {
    throw new DrawError('draw.params_invalid', 'params.kind', `kind must be one of ${KINDS.join(', ')}`);
  }
  if (dayNumber(p.drawDate) === null) {
    throw new DrawError('draw.date_invalid', 'params.drawDate', 'drawDate must be a YYYY-MM-DD date');
  }
  if (!Number.isInteger(p.count) || p.count < 1) {
    throw new DrawError('draw.count_invalid', 'params.count', 'count must be a positive integer');
  }
  const { min, max } = limits[p.kind];
  if (p.count < min || p.count > max) {
    throw new DrawError('draw.count_out_of_range', 'params.count', `a ${p.kind} draw takes ${min}–${max} schools`, {
      min,
      max,
    });
  }
  const stratifyBy = p.stratifyBy ?? ['county', 'schoolType'];
  if (
    !Array.isArray(stratifyBy) ||
    stratifyBy.some((f) => !STRATUM_FIELDS.includes(f)) ||
    new Set(stratifyBy).size !== stratifyBy.length
  ) {
    throw new DrawError('draw.params_invalid', 'params.stratifyBy', 'stratifyBy lists distinct fields of county, schoolType');
  }
  const weighting = { scaleDays: p.weighting?.scaleDays ?? DEFAULT_WEIGHTING.scaleDays, capDays: p.weighting?.capDays ?? DEFAULT_WEIGHTING.capDays };
  validateWeighting(weighting);
  return { drawId: p.drawId, kind: p.kind, drawDate: p.drawDate, count: p.count, stratifyBy: [...stratifyBy], weighting };
}

function normaliseSchool(s: EligibleSchool, i: number): EligibleSchool {
  const field = `schools[${i}]`;
  if (!s || typeof s !== 'object') throw new DrawError('draw.school_invalid', field, 'a school must be an object');
  for (const key of ['id', 'county', 'schoolType'] as const) {
    if (!nonEmptyString(s[key])) throw new DrawError('draw.school_invalid', `${field}.${key}`, `${key} is required`);
  }
  const last = s.lastDrawnOn ?? null;
  if (last !== null && dayNumber(last) === null) {
    throw new DrawError('draw.date_invalid', `${field}.lastDrawnOn`, 'lastDrawnOn must be a YYYY-MM-DD date or null');
  }
  return { id: s.id, county: s.county, schoolType: s.schoolType, lastDrawnOn: last };
}

export function normaliseDrawInput(input: DrawInput, limits: CountLimits = DRAW_COUNT_LIMITS): NormalisedDrawInput {
  const params = normaliseParams(input?.params, limits);
  if (!Array.isArray(input.schools)) throw new DrawError('draw.school_invalid', 'schools', 'schools must be a list');
  const schools = input.schools.map(normaliseSchool).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < schools.length; i++) {
    if (schools[i].id === schools[i - 1].id) {
      throw new DrawError('draw.school_duplicate', 'schools', `school ${schools[i].id} is listed twice`, { id: schools[i].id });
    }
  }
  if (schools.length < params.count) {
    throw new DrawError('draw.too_few_eligible', 'schools', `${params.count} schools requested but only ${schools.length} eligible`, {
      requested: params.count,
      eligible: schools.length,
    });
  }
  return { params, schools };
}

/** The canonical JSON of the normalised input (sorted keys, schools by id). The seed is not part of it. */
export function drawInputCanonicalJson(input: DrawInput, limits: CountLimits = DRAW_COUNT_LIMITS): string {
  return canonicalJson(normaliseDrawInput(input, limits));
}

/** SHA-256 (hex) of the canonical input; publish it with the commitment so the list cannot change later. */
export function drawInputHash(input: DrawInput, limits: CountLimits = DRAW_COUNT_LIMITS): string {
  return sha256Hex(drawInputCanonicalJson(input, limits));
}
