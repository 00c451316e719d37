import fc from 'fast-check';
import type { JsonSchema, Operation } from './openapi.js';
import { BOUNDARY } from './uploads.js';

// Generated bad requests for one operation of the OpenAPI document: mostly well-formed requests
// with some fields gone wrong (wrong types, huge strings, NUL, lone surrogates, bidi characters,
// deep nesting, extra fields), plus malformed JSON, wrong content types, broken multipart bodies,
// bad path parameters and junk query strings.

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Send it with the caller's cookie (a signed-in admin for console routes, a resident otherwise). */
  asCaller: boolean;
}

/** A real value for a path parameter, so that some requests reach the services; null for none. */
export type ParamValue = (route: string, name: string) => string | null;

const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202Eevil\u202C',
  '\u2066x\u2069',
  "' OR '1'='1' --",
  '"; DROP TABLE units; --',
  '../../../etc/passwd',
  '%00',
  '%',
  '<script>alert(1)</script>',
  '${7*7}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  '\r\n\r\nX-Injected: 1',
  '🙂'.repeat(50),
  '\uFEFF\u200B',
  'Ṫ̸̢̛̩͈̖̲̝̯̹͌͆̋̂̿́̍̃',
  'A'.repeat(5000),
];

/** Any UTF-16 code units, lone surrogates included. */
const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: codeUnits },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  // Some past the body limit.
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 400_000 }).map((n) => 'x'.repeat(n)) },
);

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  // JSON.stringify recurses: deeper bodies are written as text (ODD_JSON).
  fc.integer({ min: 50, max: 1_000 }).map(nested),
  nastyString,
);

/** Values of the schema's shape (patterns honoured, lengths capped). */
function valid(schema: JsonSchema): fc.Arbitrary<unknown> {
  let base: fc.Arbitrary<unknown>;
  if (schema.enum) base = fc.constantFrom(...schema.enum);
  else if (schema.anyOf) base = fc.oneof(...schema.anyOf.map(valid));
  else {
    switch (schema.type) {
      case 'string': {
        const max = Math.max(Math.min(schema.maxLength ?? 40, 40), schema.minLength ?? 0);
        base = schema.pattern
          ? fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, max))
          : fc.string({ minLength: schema.minLength ?? 0, maxLength: max, unit: 'grapheme' });
        break;
      }
      case 'integer':
        base = fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
        break;
      case 'number':
        base = fc.double({
          min: schema.minimum ?? -1e9,
          max: schema.maximum ?? 1e9,
          noNaN: true,
          noDefaultInfinity: true,
        });
        break;
      case 'boolean':
        base = fc.boolean();
        break;
      case 'array':
        base = fc.array(mutated(schema.items ?? {}), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
        break;
      case 'object': {
        const props = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, mutated(v)]));
        base = fc
          .tuple(
            fc.record(props, { requiredKeys: schema.required ?? [] }),
            fc.oneof(
              { weight: 6, arbitrary: fc.constant(null) },
              {
                weight: 1,
                arbitrary: fc.tuple(
                  fc.oneof(fc.constantFrom('isAdmin', 'role', 'unitId', '__proto__'), fc.string()),
                  wrongValue,
                ),
              },
            ),
          )
          .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record));
        break;
      }
      case 'null':
      case undefined:
        base = fc.jsonValue({ maxDepth: 2 });
    }
  }
  return schema.nullable ? fc.option(base, { nil: null, freq: 5 }) : base;
}

/** Mostly a value of the schema's shape, sometimes a bad string or a value of the wrong type. */
function mutated(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: valid(schema) },
    { weight: 1, arbitrary: nastyString },
    { weight: 1, arbitrary: wrongValue },
  );
}

/** Percent-encodes, with lone surrogates as the invalid UTF-8 a browser could never send. */
function encode(s: string): string {
  return Array.from(s, (ch) => (/\p{Cs}/u.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
}

const badParam: fc.Arbitrary<string> = fc.oneof(
  nastyString.map((s) => encode(s.slice(0, 20_000))),
  fc.constantFrom('%', '%ZZ', '%E0%A4%A', '%00', '%2F', '..', '.', '%2e%2e', '%u0041', '%C0%AF', 'a%20b'),
  fc.uuid(),
  fc.string({ maxLength: 30 }).map(encode),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'text/plain; charset=utf-16',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  `multipart/form-data; boundary=${BOUNDARY}`,
  'application/octet-stream',
  'application/xml',
  'application/json;;;',
  ';',
  '*/*',
  'application/vnd.api+json',
  'x'.repeat(2000),
];

/** Malformed JSON, and well-formed JSON no client should send (deep, huge numbers, prototype keys). */
const ODD_JSON = [
  '{',
  '[',
  '{"a":',
  '{"a" 1}',
  "{'a': 1}",
  'NaN',
  '1e999999',
  '"\\ud800"',
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"isAdmin": true}}}',
  '\u0000',
  '\uFEFF{}',
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
  `{"a":${'1'.repeat(100_000)}}`,
];

type Body = { type?: string; payload?: string | Buffer };

function jsonBodies(schema: JsonSchema): fc.Arbitrary<Body> {
  const json = (v: unknown): Body => ({ type: 'application/json', payload: JSON.stringify(v) });
  return fc.oneof(
    { weight: 10, arbitrary: valid(schema).map(json) },
    { weight: 2, arbitrary: wrongValue.map(json) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom(...ODD_JSON),
          valid(schema)
            .map((v) => JSON.stringify(v))
            .chain((s) => fc.nat(s.length).map((n) => s.slice(0, n))),
          fc.string({ maxLength: 50 }),
        )
        .map((payload) => ({ type: 'application/json', payload })),
    },
    { weight: 1, arbitrary: otherBodies },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

const otherBodies: fc.Arbitrary<Body> = fc.record({
  type: fc.constantFrom(...CONTENT_TYPES),
  payload: fc.oneof(
    nastyString,
    fc.constantFrom(...ODD_JSON),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  ),
});

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

const multipartBodies: fc.Arbitrary<Body> = fc
  .record({
    field: fc.oneof(fc.constant('file'), fc.constant('__proto__'), fc.string({ maxLength: 10 })),
    filename: fc.oneof(
      fc.constant('a.pdf'),
      nastyString.map((s) => s.slice(0, 300)),
    ),
    type: fc.constantFrom('application/pdf', 'image/png', 'text/html', '', 'x/'.repeat(100)),
    data: fc.oneof(
      fc.constant(Buffer.from(PDF)),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    ),
    cut: fc.option(fc.nat(600), { freq: 2 }),
  })
  .map(({ field, filename, type, data, cut }) => {
    const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`;
    const whole = Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
    return {
      type: `multipart/form-data; boundary=${BOUNDARY}`,
      payload: cut === null ? whole : whole.subarray(0, Math.min(cut, whole.length)),
    };
  });

function queryString(op: Operation): fc.Arbitrary<string> {
  const known = fc.record(
    Object.fromEntries(
      op.query.map((q) => [
        q.name,
        fc.oneof({ weight: 3, arbitrary: valid(q.schema) }, { weight: 1, arbitrary: nastyString }),
      ]),
    ),
    { requiredKeys: [] },
  );
  const pairs = (o: Record<string, unknown>) =>
    Object.entries(o).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((x) => `${encode(k)}=${encode(typeof x === 'string' ? x : JSON.stringify(x))}`),
    );
  return fc
    .oneof(
      { weight: 4, arbitrary: known.map(pairs) },
      { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), nastyString, { maxKeys: 3 }).map(pairs) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          ['%ZZ=1'],
          ['a[b]=1'],
          ['=', '', '='],
          ['limit=1', 'limit=2'],
          ['__proto__=x'],
          ['constructor[prototype][x]=1'],
          Array.from({ length: 2_000 }, (_, i) => `k${i}=1`),
        ),
      },
    )
    .map((p) => (p.length ? `?${p.join('&')}` : ''));
}

const originHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant({ origin: 'https://evil.example' }) },
  { weight: 1, arbitrary: fc.constant({ 'sec-fetch-site': 'cross-site' }) },
);

/** Requests for one operation. */
export function fuzzRequests(op: Operation, paramValue: ParamValue): fc.Arbitrary<FuzzRequest> {
  const params = fc.record(
    Object.fromEntries(
      op.params.map((p) => {
        const real = paramValue(op.route, p.name);
        const bad = fc.oneof(
          badParam,
          valid(p.schema).map((v) => encode(String(v))),
        );
        return [
          p.name,
          real === null ? bad : fc.oneof({ weight: 3, arbitrary: fc.constant(real) }, { weight: 2, arbitrary: bad }),
        ];
      }),
    ),
  );
  const body: fc.Arbitrary<Body> = op.multipart
    ? fc.oneof({ weight: 4, arbitrary: multipartBodies }, { weight: 1, arbitrary: otherBodies })
    : op.body
      ? jsonBodies(op.body)
      : fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: otherBodies });
  // null: the caller's own cookie, filled in when sent.
  const cookie = fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('', 'kn_session=forged; kn_resident=forged', 'kn_session=;;;=') },
  );
  return fc.record({ params, query: queryString(op), body, cookie, extra: originHeaders }).map((r) => {
    const path = op.route.replace(/:(\w+)/g, (_m, name: string) => String(r.params[name] ?? ''));
    const headers: Record<string, string> = { ...r.extra };
    if (r.cookie) headers.cookie = r.cookie;
    const asCaller = r.cookie === null;
    if (r.body.type !== undefined) headers['content-type'] = r.body.type;
    return {
      method: op.method,
      url: path + r.query,
      headers,
      ...(r.body.payload !== undefined ? { payload: r.body.payload } : {}),
      asCaller,
    };
  });
}
