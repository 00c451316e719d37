import type { FastifyInstance } from 'fastify';
import type { RegisteredRoute } from '../app.js';

// The app's operations as its OpenAPI document describes them (/api/docs/json), for tests that
// walk every route: the text checks and the fuzz test.

/** The parts of JSON Schema that fastify-type-provider-zod emits for our contracts. */
export interface JsonSchema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** Fastify's spelling, `/api/v1/console/units/:unitId`. */
  route: string;
  params: Parameter[];
  query: Parameter[];
  /** The JSON body's schema, when the operation takes one. */
  body: JsonSchema | null;
  multipart: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> } }>
  >;
}

/**
 * Every operation of the app's OpenAPI document. Routes as registered (buildApp's onRoute) tell
 * which take multipart bodies: the document shows no body without a schema.
 */
export async function operations(app: FastifyInstance, registered: RegisteredRoute[] = []): Promise<Operation[]> {
  const multipart = new Set(
    registered.filter((r) => r.consumes.includes('multipart/form-data')).map((r) => `${r.method} ${r.url}`),
  );
  const doc = (await app.inject({ url: '/api/docs/json' })).json<OpenApiDocument>();
  const result: Operation[] = [];
  for (const [openApiPath, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const route = openApiPath.replace(/\{(\w+)\}/g, ':$1');
      result.push({
        method: method.toUpperCase(),
        route,
        params: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: content['application/json']?.schema ?? null,
        multipart: 'multipart/form-data' in content || multipart.has(`${method.toUpperCase()} ${route}`),
      });
    }
  }
  return result;
}

/** Fills a route's `:name` parameters. */
export function routeUrl(route: string, value: (name: string) => string): string {
  return route.replace(/:(\w+)/g, (_m, name: string) => value(name));
}

/** The simplest value of a schema's shape (not necessarily valid: patterns are not honoured). */
export function sampleOf(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf?.[0]) return sampleOf(schema.anyOf[0]);
  switch (schema.type) {
    case 'string':
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return schema.items
        ? Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => sampleOf(schema.items ?? {}))
        : [];
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleOf(v)]));
    case 'null':
    case undefined:
      return null;
  }
}

/** Paths (keys and array indexes) to every string in the schema's shape, as sampleOf lays it out. */
export function stringLeaves(schema: JsonSchema, at: (string | number)[] = []): (string | number)[][] {
  if (schema.enum) return typeof schema.enum[0] === 'string' ? [at] : [];
  const branches = schema.anyOf ?? [schema];
  const leaves: (string | number)[][] = [];
  for (const s of branches) {
    if (s.type === 'string') leaves.push(at);
    if (s.type === 'array' && s.items) leaves.push(...stringLeaves(s.items, [...at, 0]));
    if (s.type === 'object') {
      for (const [k, v] of Object.entries(s.properties ?? {})) leaves.push(...stringLeaves(v, [...at, k]));
    }
    // sampleOf lays out the first branch only.
    if (schema.anyOf) break;
  }
  return leaves;
}

/** A copy of `value` with the value at `path` replaced. */
export function withValueAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: unknown = structuredClone(value);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] ?? ''] = replacement;
  return copy;
}
