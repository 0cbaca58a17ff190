/**
 * The request schemas of every API route, read from the app's own OpenAPI document (@fastify/swagger
 * builds it from the same TypeBox schemas the validator uses), so the fuzz test follows every schema
 * change without a list of its own.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | JsonSchema;
  nullable?: boolean;
}

export interface RouteSpec {
  method: string;
  url: string; // as registered, with :params
  body: JsonSchema | null;
  /** Content types the route accepts for its body (application/json unless it takes files). */
  contentTypes: string[];
  query: Record<string, { schema: JsonSchema; required: boolean }>;
  params: Record<string, JsonSchema>;
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>;
}

export function routeSpecs(openapi: { paths: Record<string, Record<string, OpenApiOperation>> }, routes: Array<{ method: string; url: string }>): RouteSpec[] {
  return routes.map(({ method, url }) => {
    const op = openapi.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()] ?? {};
    const content = op.requestBody?.content ?? {};
    const contentTypes = Object.keys(content);
    const body = content['application/json']?.schema ?? (contentTypes.length ? (content[contentTypes[0]].schema ?? {}) : null);
    const query: RouteSpec['query'] = {};
    const params: RouteSpec['params'] = {};
    for (const p of op.parameters ?? []) {
      if (p.in === 'query') query[p.name] = { schema: p.schema ?? {}, required: !!p.required };
      if (p.in === 'path') params[p.name] = p.schema ?? {};
    }
    // A route whose schema is hidden from the document still has its path parameters.
    for (const m of url.matchAll(/:(\w+)/g)) params[m[1]] ??= {};
    return { method, url, body, contentTypes: contentTypes.length ? contentTypes : ['application/json'], query, params };
  });
}

export const hasInput = (r: RouteSpec) => !!r.body || Object.keys(r.query).length > 0 || Object.keys(r.params).length > 0;

/** Every property path of an object schema, down to `depth` levels (array items as index 0). */
export function propertyPaths(schema: JsonSchema | undefined, depth = 3, prefix: (string | number)[] = []): Array<{ path: (string | number)[]; schema: JsonSchema; required: boolean }> {
  const out: Array<{ path: (string | number)[]; schema: JsonSchema; required: boolean }> = [];
  if (!schema || depth === 0) return out;
  const object = objectBranch(schema);
  if (object?.properties) {
    for (const [key, sub] of Object.entries(object.properties)) {
      const path = [...prefix, key];
      out.push({ path, schema: sub, required: object.required?.includes(key) ?? false });
      out.push(...propertyPaths(sub, depth - 1, path));
    }
  }
  const array = arrayBranch(schema);
  if (array?.items) out.push(...propertyPaths(array.items, depth - 1, [...prefix, 0]));
  return out;
}

const branches = (s: JsonSchema) => [s, ...(s.anyOf ?? []), ...(s.oneOf ?? [])];
export const objectBranch = (s: JsonSchema) => branches(s).find((b) => b.type === 'object' || b.properties);
export const arrayBranch = (s: JsonSchema) => branches(s).find((b) => b.type === 'array');
