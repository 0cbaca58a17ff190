// Detectors by method name, with defaults and validation that names the bad parameter.
import { chineseCusum, standardCusum } from './cusum';
import { earsC3, earsZ } from './ears';
import { ewma } from './ewma';
import { movingPercentile } from './percentile';
import { poissonExceedance } from './poisson';
import { type Detector, type DetectorSeries, METHODS, type MethodName } from './types';

type ParamValue = number | string;
export type DetectorParams = Record<string, ParamValue>;

interface NumberSpec {
  kind: 'int' | 'number';
  default: number;
  min: number;
  max: number;
  /** Strict lower bound (value must be greater than min). */
  exclusiveMin?: boolean;
}
interface EnumSpec {
  kind: 'enum';
  default: string;
  values: readonly string[];
}
type ParamSpec = NumberSpec | EnumSpec;

export interface ParamError {
  field: string;
  code: 'unknown_method' | 'unknown_parameter' | 'not_a_number' | 'not_an_integer' | 'out_of_range' | 'not_allowed' | 'inconsistent';
  message: string;
}

const variant: EnumSpec = { kind: 'enum', default: 'published', values: ['published', 'surveillance'] };
const baseline = (d: number, min = 2): NumberSpec => ({ kind: 'int', default: d, min, max: 365 });
const guard = (d: number): NumberSpec => ({ kind: 'int', default: d, min: 0, max: 30 });
const minSigma: NumberSpec = { kind: 'number', default: 0.5, min: 0, max: 1e6 };
const minCount: NumberSpec = { kind: 'number', default: 0, min: 0, max: 1e9 };
const positive = (d: number, max = 1e6): NumberSpec => ({ kind: 'number', default: d, min: 0, max, exclusiveMin: true });

const SPECS: Record<MethodName, Record<string, ParamSpec>> = {
  'ears-c1': { baseline: baseline(7), guard: guard(0), minSigma, threshold: positive(3), minCount, variant },
  'ears-c2': { baseline: baseline(7), guard: guard(2), minSigma, threshold: positive(3), minCount, variant },
  'ears-c3': { baseline: baseline(7), guard: guard(2), minSigma, threshold: positive(2), minCount, variant },
  cusum: { baseline: baseline(7), guard: guard(2), minSigma, k: { kind: 'number', default: 0.5, min: 0, max: 100 }, h: positive(4), minCount, variant },
  'cusum-cn-c1': { baseline: baseline(7), guard: guard(0), minSigma, k: { kind: 'number', default: 0.5, min: 0, max: 100 }, h: positive(3), minCount },
  'cusum-cn-c2': { baseline: baseline(7), guard: guard(2), minSigma, k: { kind: 'number', default: 0.5, min: 0, max: 100 }, h: positive(3), minCount },
  'cusum-cn-c3': { baseline: baseline(7), guard: guard(2), minSigma, k: { kind: 'number', default: 0.5, min: 0, max: 100 }, h: positive(3), minCount },
  ewma: {
    baseline: baseline(7),
    guard: guard(2),
    minSigma,
    lambda: { kind: 'number', default: 0.3, min: 0, max: 1, exclusiveMin: true },
    L: positive(3),
    minCount,
  },
  percentile: { baseline: baseline(20, 1), guard: guard(0), percentile: { kind: 'number', default: 80, min: 0, max: 100 }, minCount },
  poisson: {
    baseline: baseline(20, 1),
    // 0 = evaluate only on a full baseline (the published behaviour of a fixed-length baseline).
    minBaseline: { kind: 'int', default: 0, min: 0, max: 365 },
    guard: guard(2),
    window: { kind: 'int', default: 1, min: 1, max: 30 },
    minMean: { kind: 'number', default: 0.05, min: 0, max: 1e6 },
    dispersion: { kind: 'number', default: 1, min: 1, max: 1e3 },
    threshold: positive(3, 300),
    minCount,
  },
};

// R's surveillance::earsC defaults, applied when variant = 'surveillance' and no threshold is given.
const SURVEILLANCE_THRESHOLD: Partial<Record<MethodName, number>> = { 'ears-c1': 3.09, 'ears-c2': 3.09, 'ears-c3': 1.96 };

export function isMethod(name: string): name is MethodName {
  return (METHODS as readonly string[]).includes(name);
}

export function parameterNames(method: MethodName): string[] {
  return Object.keys(SPECS[method]);
}

export function defaultParams(method: MethodName): DetectorParams {
  return Object.fromEntries(Object.entries(SPECS[method]).map(([k, s]) => [k, s.default]));
}

/** Validates and completes parameters; accepts numbers or numeric strings (CLI). */
export function resolveParams(method: string, given: Record<string, unknown>): { params: DetectorParams; errors: ParamError[] } {
  const errors: ParamError[] = [];
  if (!isMethod(method)) {
    return { params: {}, errors: [{ field: 'method', code: 'unknown_method', message: `unknown method "${method}" (one of ${METHODS.join(', ')})` }] };
  }
  const specs = SPECS[method];
  const params = defaultParams(method);
  for (const [name, raw] of Object.entries(given)) {
    const spec = specs[name];
    if (!spec) {
      errors.push({ field: name, code: 'not_allowed', message: `parameter "${name}" does not apply to ${method} (allowed: ${Object.keys(specs).join(', ')})` });
      continue;
    }
    if (spec.kind === 'enum') {
      if (typeof raw !== 'string' || !spec.values.includes(raw)) {
        errors.push({ field: name, code: 'out_of_range', message: `${name} must be one of ${spec.values.join(', ')}` });
      } else params[name] = raw;
      continue;
    }
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value)) {
      errors.push({ field: name, code: 'not_a_number', message: `${name} must be a number, got "${String(raw)}"` });
    } else if (spec.kind === 'int' && !Number.isInteger(value)) {
      errors.push({ field: name, code: 'not_an_integer', message: `${name} must be a whole number, got ${value}` });
    } else if (value < spec.min || value > spec.max || (spec.exclusiveMin && value === spec.min)) {
      const lo = spec.exclusiveMin ? `> ${spec.min}` : `>= ${spec.min}`;
      errors.push({ field: name, code: 'out_of_range', message: `${name} must be ${lo} and <= ${spec.max}, got ${value}` });
    } else params[name] = value;
  }
  if (params.variant === 'surveillance' && given.threshold === undefined && SURVEILLANCE_THRESHOLD[method] !== undefined) {
    params.threshold = SURVEILLANCE_THRESHOLD[method]!;
  }
  if (method === 'poisson' && errors.length === 0 && (params.window as number) > (params.guard as number) + 1) {
    errors.push({ field: 'guard', code: 'inconsistent', message: 'guard must be at least window - 1 so the window stays out of the baseline' });
  }
  if (method === 'poisson' && errors.length === 0 && (params.minBaseline as number) > (params.baseline as number)) {
    errors.push({ field: 'minBaseline', code: 'inconsistent', message: 'minBaseline must not exceed baseline' });
  }
  return { params, errors };
}

export type CreateResult = { ok: true; detector: Detector } | { ok: false; errors: ParamError[] };

export function createDetector(method: string, given: Record<string, unknown> = {}): CreateResult {
  const { params, errors } = resolveParams(method, given);
  if (errors.length > 0) return { ok: false, errors };
  const m = method as MethodName;
  const n = (k: string) => params[k] as number;
  const run = runner(m, n, params);
  return { ok: true, detector: { method: m, params: Object.freeze({ ...params }), run } };
}

/** Like createDetector, but throws on invalid parameters (for configuration held in code). */
export function detectorOrThrow(method: string, given: Record<string, unknown> = {}): Detector {
  const r = createDetector(method, given);
  if (!r.ok) throw new RangeError(r.errors.map((e) => e.message).join('; '));
  return r.detector;
}

function runner(m: MethodName, n: (k: string) => number, params: DetectorParams): (y: ArrayLike<number>) => DetectorSeries {
  const common = { baseline: n('baseline'), guard: n('guard'), minCount: n('minCount') };
  const reset = params.variant !== 'surveillance';
  switch (m) {
    case 'ears-c1':
    case 'ears-c2':
      return (y) => earsZ(y, { ...common, minSigma: n('minSigma'), threshold: n('threshold') });
    case 'ears-c3':
      return (y) => earsC3(y, { ...common, minSigma: n('minSigma'), threshold: n('threshold') }, params.variant as 'published' | 'surveillance');
    case 'cusum':
      return (y) => standardCusum(y, { ...common, minSigma: n('minSigma'), k: n('k'), h: n('h') }, reset);
    case 'cusum-cn-c1':
    case 'cusum-cn-c2':
    case 'cusum-cn-c3': {
      const form = m.slice(-2) as 'c1' | 'c2' | 'c3';
      return (y) => chineseCusum(y, { ...common, minSigma: n('minSigma'), k: n('k'), h: n('h') }, form, true);
    }
    case 'ewma':
      return (y) => ewma(y, { ...common, minSigma: n('minSigma'), lambda: n('lambda'), L: n('L') });
    case 'percentile':
      return (y) => movingPercentile(y, { ...common, percentile: n('percentile') });
    case 'poisson':
      return (y) =>
        poissonExceedance(y, { ...common, minBaseline: n('minBaseline'), window: n('window'), minMean: n('minMean'), dispersion: n('dispersion'), threshold: n('threshold') });
  }
}
