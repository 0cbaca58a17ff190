import fc from 'fast-check';
import { type JsonSchema, objectBranch, propertyPaths, type RouteSpec } from './route-specs';

/**
 * Malformed variants of a valid request, generated from the route's own schema. A mutation is plain
 * data so fast-check prints the failing input as it was sent.
 */
export type Path = (string | number)[];
export type Mutation =
  | { kind: 'body.set'; path: Path; value: unknown }
  | { kind: 'body.drop'; path: Path; required: boolean }
  | { kind: 'body.extra'; path: Path; key: string; value: unknown }
  | { kind: 'body.replace'; value: unknown }
  | { kind: 'body.raw'; contentType: string; payload: string }
  | { kind: 'query.set'; name: string; value: string | string[] }
  | { kind: 'query.drop'; name: string; required: boolean }
  | { kind: 'query.extra'; name: string; value: string }
  | { kind: 'param.set'; name: string; value: string };

export interface BaseRequest {
  method: string;
  url: string; // the route's pattern with :params
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
}

export interface Request {
  method: string;
  url: string;
  payload?: string;
  contentType?: string;
  /** What was sent, for judging it: the JSON body and query after the mutations, or a raw body. */
  body: unknown;
  query: Record<string, string | string[]>;
  raw: boolean;
}

const HUGE = 'x'.repeat(200_000);
const HUGE_CJK = '疫'.repeat(30_000);
const deep = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};
// Values JSON can carry that sit just outside what the database columns hold (int4, dates, text).
const INTS = [0, -1, 1.5, -2147483649, 2147483648, 2 ** 53 + 2, 1e20, -1e20, 1e308];
const DATES = ['2026-02-30', '2026-13-01', '2026-00-10', '0000-01-01', '9999-12-31', '2026-11-31', '20261130', '2026-1-1'];
const STRINGS = ['', ' ', 'NaN', 'Infinity', '-1', '\u0000', "'; drop table persons; --", '<script>', HUGE, HUGE_CJK, '\ud800'];
const GENERIC: unknown[] = [null, true, false, 0, -1, 1e308, 'x', [], [null], {}, { a: 1 }, deep(40)];

function nearMisses(schema: JsonSchema): unknown[] {
  const types = [schema.type, ...(schema.anyOf ?? []).map((b) => b.type)].flat();
  const out: unknown[] = [];
  if (types.includes('integer') || types.includes('number')) out.push(...INTS);
  if (types.includes('string')) {
    out.push(...STRINGS);
    if (schema.pattern?.includes('\\d{4}') || schema.format === 'date') out.push(...DATES);
    if (schema.maxLength !== undefined) out.push('y'.repeat(schema.maxLength + 1));
  }
  if (types.includes('array')) out.push(Array.from({ length: 5000 }, () => 1), [[[]]]);
  if (schema.enum || (schema.anyOf ?? []).some((b) => b.enum || b.const !== undefined)) out.push('not-a-member');
  return out;
}

/** A JSON value for a field with this schema: a near miss for its type, or anything at all. */
const badValue = (schema: JsonSchema) => fc.oneof(fc.constantFrom(...GENERIC, ...nearMisses(schema)), fc.jsonValue({ maxDepth: 2 }), fc.double(), fc.string());

// URL values are strings: numbers out of range, not numbers, invalid dates, control bytes, lists.
const URL_VALUES = ['-1', '0', '1.5', 'NaN', 'Infinity', '1e309', '2147483648', '99999999999999999999', 'abc', '', ' ', '%00', '\u0000', '字', 'true', 'null', ...DATES, 'x'.repeat(5000)];
const urlValue = fc.oneof(fc.constantFrom(...URL_VALUES), fc.string({ maxLength: 30 }));

const RAW_BODIES = [
  { contentType: 'application/json', payload: '{' },
  { contentType: 'application/json', payload: '{"a":1,}' },
  { contentType: 'application/json', payload: 'nul' },
  { contentType: 'application/json', payload: '\u0000' },
  { contentType: 'application/json', payload: '{"__proto__":{"admin":true}}' },
  { contentType: 'application/json', payload: '{"constructor":{"prototype":{"admin":true}}}' },
  // Deep nesting as text: JSON.stringify itself overflows the stack a few thousand levels down.
  { contentType: 'application/json', payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  { contentType: 'application/json', payload: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}` },
  { contentType: 'text/plain', payload: 'hello' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
  { contentType: 'application/xml', payload: '<a>1</a>' },
  { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--' },
];

export function mutationArbitrary(spec: RouteSpec, base: BaseRequest): fc.Arbitrary<Mutation[]> {
  const options: fc.Arbitrary<Mutation>[] = [];
  if (spec.body) {
    const paths = propertyPaths(spec.body);
    if (paths.length) {
      options.push(fc.constantFrom(...paths).chain((p) => badValue(p.schema).map((value): Mutation => ({ kind: 'body.set', path: p.path, value }))));
      const dropable = paths.filter((p) => lookup(base.body, p.path) !== undefined);
      if (dropable.length) options.push(fc.constantFrom(...dropable).map((p): Mutation => ({ kind: 'body.drop', path: p.path, required: p.required })));
    }
    const objects: { path: Path; schema: JsonSchema }[] = [{ path: [], schema: spec.body }, ...paths.filter((p) => objectBranch(p.schema))];
    options.push(
      fc.record({ target: fc.constantFrom(...objects), key: fc.constantFrom('unknownField', 'isAdmin', '__proto__', 'constructor', 'id'), value: badValue({}) })
        .map(({ target, key, value }): Mutation => ({ kind: 'body.extra', path: target.path, key, value })),
    );
    options.push(fc.constantFrom<unknown>(null, 0, 'text', [], [base.body], deep(1000), HUGE).map((value): Mutation => ({ kind: 'body.replace', value })));
    options.push(fc.constantFrom(...RAW_BODIES).map((r): Mutation => ({ kind: 'body.raw', ...r })));
  }
  const queryNames = Object.keys(spec.query);
  if (queryNames.length) {
    options.push(fc.record({ name: fc.constantFrom(...queryNames), value: fc.oneof(urlValue, fc.array(urlValue, { minLength: 2, maxLength: 3 })) }).map((m): Mutation => ({ kind: 'query.set', ...m })));
    options.push(fc.constantFrom(...queryNames).map((name): Mutation => ({ kind: 'query.drop', name, required: spec.query[name].required })));
  }
  if (spec.method === 'GET' || queryNames.length) {
    options.push(fc.record({ name: fc.constantFrom('unknown', 'limit2', '__proto__'), value: urlValue }).map((m): Mutation => ({ kind: 'query.extra', ...m })));
  }
  const paramNames = Object.keys(spec.params);
  if (paramNames.length) options.push(fc.record({ name: fc.constantFrom(...paramNames), value: urlValue }).map((m): Mutation => ({ kind: 'param.set', ...m })));
  return fc.array(fc.oneof(...options), { minLength: 1, maxLength: 3 });
}

/**
 * Whether the schema promises to refuse this mutation outright (rather than only not failing on it),
 * judged on the request as finally sent: a later mutation may have put back what an earlier one dropped.
 */
export function mustRefuse(m: Mutation, spec: RouteSpec, base: BaseRequest, sent: Request): boolean {
  if (sent.raw) return true; // a body that is not JSON, or not of a JSON content type
  switch (m.kind) {
    case 'body.extra': {
      const target = m.path.length ? propertyPaths(spec.body!).find((p) => same(p.path, m.path))?.schema : spec.body!;
      const object = target && objectBranch(target);
      return !!object && object.additionalProperties === false && m.key !== '__proto__' && lookup(base.body, m.path) !== undefined && lookup(sent.body, [...m.path, m.key]) !== undefined;
    }
    case 'body.drop':
      return m.required && sent.body !== null && typeof sent.body === 'object' && lookup(sent.body, m.path) === undefined;
    case 'query.drop':
      return m.required && sent.query[m.name] === undefined;
    case 'query.extra':
      // Only a route with a query schema validates its query: the others ignore any query (reported).
      return m.name !== '__proto__' && Object.keys(spec.query).length > 0 && sent.query[m.name] !== undefined;
    default:
      return false;
  }
}

export function applyMutations(base: BaseRequest, mutations: Mutation[]): Request {
  const params = { ...base.params };
  const query: Record<string, string | string[]> = { ...base.query };
  let body: unknown = structuredClone(base.body);
  let raw: { contentType: string; payload: string } | null = null;
  for (const m of mutations) {
    if (m.kind === 'body.set') body = setAt(body ?? {}, m.path, m.value);
    else if (m.kind === 'body.drop') body = dropAt(body, m.path);
    else if (m.kind === 'body.extra') body = setAt(body ?? {}, [...m.path, m.key], m.value);
    else if (m.kind === 'body.replace') body = m.value;
    else if (m.kind === 'body.raw') raw = m;
    else if (m.kind === 'query.set') query[m.name] = m.value;
    else if (m.kind === 'query.drop') delete query[m.name];
    else if (m.kind === 'query.extra') query[m.name] = m.value;
    else if (m.kind === 'param.set') params[m.name] = m.value;
  }
  const path = base.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) search.append(k, one);
  const url = search.size ? `${path}?${search}` : path;
  if (raw) return { method: base.method, url, payload: raw.payload, contentType: raw.contentType, body, query, raw: true };
  if (body === undefined) return { method: base.method, url, body, query, raw: false };
  return { method: base.method, url, payload: JSON.stringify(body), contentType: 'application/json', body, query, raw: false };
}

const same = (a: Path, b: Path) => a.length === b.length && a.every((x, i) => x === b[i]);

export function lookup(value: unknown, path: Path): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** Sets a value at a path, making the objects and arrays on the way (an own property even for "__proto__"). */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const container = (root !== null && typeof root === 'object' ? root : typeof path[0] === 'number' ? [] : {}) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  const next = rest.length ? setAt(container[head], rest, value) : value;
  Object.defineProperty(container, head, { value: next, enumerable: true, writable: true, configurable: true });
  return container;
}

function dropAt(root: unknown, path: Path): unknown {
  const parent = lookup(root, path.slice(0, -1));
  if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[path[path.length - 1]];
  return root;
}
