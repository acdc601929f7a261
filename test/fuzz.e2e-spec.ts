import fc from 'fast-check';
import { ROLES, type Role } from '../src/access/roles';
import { FixedClock } from '../src/clock/clock';
import { CATALOGUE, FIELD_STATES } from '../src/forms/catalogue';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { controllerBody, incidentBody } from './fixtures';
import { MailReceiver, startMailReceiver, startWebhookReceiver, WebhookReceiver } from './receivers';
import { client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/**
 * Property-based fuzzing of the whole API, read from its own OpenAPI document: every route, with each role's key,
 * with valid inputs and mutations of them (fields dropped, wrong types, nulls, arrays for objects, huge numbers, NUL
 * and lone-surrogate strings, deep nesting, impossible dates, random path ids). No answer may be a 5xx or show a stack
 * trace or SQL, every error has the one error body, and the audit chain is intact at the end.
 *
 * Two halves: a sweep that sets each field of an otherwise good request to each kind of bad value, one at a time (a
 * random fault rarely lands on a request good enough to get past validation, where the 500s hide), then fast-check
 * properties over random requests for every route and role.
 *
 * FUZZ_SECONDS (default 60) bounds the time, FUZZ_RUNS (default 20000) the number of requests; FUZZ_SEED replays a
 * run (the seed is printed at the start and in the summary); FUZZ_LOG=1 shows the service's error log.
 */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 60);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** Routes a role may not call are walked too, but a few requests each show the 403 holds. */
const RUNS_WHEN_FORBIDDEN = 8;
const NOW = '2026-11-22T12:00:00.000Z';

jest.setTimeout((SECONDS + 180) * 1000);

// ---- the OpenAPI document, as far as the fuzzer reads it ----

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  nullable?: boolean;
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; schema?: Schema }[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        responses?: Record<string, { description?: string }>;
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** `/incidents/{id}` */
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body?: Schema;
  roles: readonly Role[];
}

function operations(doc: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      // `@Access` documents its roles as the 403 answer: "Only for: admin, dpo"; a public route has none.
      const only = /^Only for: (.+)$/.exec(op.responses?.['403']?.description ?? '');
      ops.push({
        method: method as Operation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema,
        roles: only ? (only[1].split(', ') as Role[]) : ROLES,
      });
    }
  }
  return ops;
}

// ---- nasty values ----

/** Nested arrays, `levels` deep. */
function deepArray(levels: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}
function deepObject(levels: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

const BAD_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udbff\u0000',
  '\udc00\ud800',
  'ok\u0000\ud800',
];
const BAD_DATES = [
  '2026-02-30T10:00:00Z',
  '2026-02-29T10:00:00+01:00',
  '2026-04-31T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-22T24:00:00Z',
  '2026-11-22T10:60:00Z',
  '2026-11-22T10:00:60Z',
  '2026-11-22T10:00:00',
  '2026-11-22T10:00:00+24:00',
  '2026-11-22',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-23:59',
  '275760-09-13T00:00:00Z',
];
const HUGE_NUMBERS = [1e308, -1e308, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 1e20, 2 ** 31, -1, 0, 1.5, -0.000001];

/** What the field-by-field sweep puts in each place of a body, in turn (`undefined`: the field is left out). */
const SWEEP_VALUES: unknown[] = [
  undefined,
  null,
  [],
  {},
  '',
  'x',
  true,
  0,
  -1,
  1.5,
  1e20,
  1e308,
  'a\u0000b',
  'x\ud800',
  '2026-02-30T10:00:00Z',
  [null],
  [{}],
  deepArray(40),
  deepObject(40),
  'x'.repeat(30_000),
];

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>([], {}, '', [null], [{}]) },
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  { weight: 2, arbitrary: fc.constantFrom(...HUGE_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_DATES) },
  fc.integer({ min: 33, max: 200 }).map(deepArray),
  fc.integer({ min: 33, max: 200 }).map(deepObject),
  fc.constant(deepArray(1_000)),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 30_000, minLength: 10_000 }),
  fc.uuid(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
);

/** Whole bodies that are no DTO at all. */
const ODD_BODIES = [
  '[]',
  '[{}]',
  'null',
  '"text"',
  '42',
  '{',
  '{"a":1,}',
  `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  '{"__proto__":{"isAdmin":true}}',
  '{"a":"\\ud800"}',
  '{"a\\u0000":1}',
];

/** Path segments (already encoded) that name nothing, or cannot be text at all. */
const NASTY_SEGMENTS = [
  '%00',
  'a%00b',
  '00000000-0000-0000-0000-000000000000%00',
  '%ED%A0%80',
  '%FF',
  '%C0%80',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '99999999999999999999',
  '-1',
  '0',
  '1e400',
  'null',
  '%20',
  'x'.repeat(3000),
  encodeURIComponent("' OR 1=1 --"),
  '..%2F..%2Fetc',
];

/** Query values (raw, encoded when sent) and raw query shapes for one parameter. */
function nastyQueryPairs(name: string): string[] {
  return [
    ...[...BAD_STRINGS, ...BAD_DATES, ...HUGE_NUMBERS.map(String), '', 'NaN', '1e400', ' '].map((v) =>
      queryPair(name, v),
    ),
    `${name}[]=1&${name}[]=2`,
    `${name}[a][b]=1`,
    `${name}${'[a]'.repeat(40)}=1`,
    `${name}=%ED%A0%80`,
  ];
}

function queryPair(name: string, v: unknown): string {
  return `${encodeURIComponent(name)}=${encodeSegment(typeof v === 'string' ? v : JSON.stringify(v))}`;
}

// ---- percent-encoding, lone surrogates included (as the invalid UTF-8 a client could send for them) ----

function encodeSegment(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
}

// ---- the world the fuzzer's valid inputs point into ----

interface World {
  incidents: string[];
  obligations: string[];
  controllers: string[];
  filings: string[];
  agreements: string[];
  authorities: string[];
  /** A key the fuzzer may revoke: never one it calls with. */
  spareKeyId: string;
  webhookUrl: string;
}

const instant: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.constantFrom('Z', '+01:00', '-05:00', '+14:00'),
  )
  .map(
    ([d, h, m, zone]) =>
      `2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00${zone}`,
  );

const INSTANT_NAME = /At$|^(from|to|occurredFrom|occurredTo)$/;

/** Domain values a generic schema cannot know, by field name: ids that exist, slugs, zones, instants. */
function hinted(name: string, w: World): fc.Arbitrary<unknown> | undefined {
  const some = (ids: string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, fc.uuid());
  if (INSTANT_NAME.test(name)) return instant;
  switch (name) {
    case 'controllerId':
    case 'controllerIds[]':
      return some(w.controllers);
    case 'agreementId':
    case 'agreementIds[]':
      return fc.constantFrom(...w.agreements, 'no-such-agreement');
    case 'authorityId':
      return fc.constantFrom(...w.authorities, 'no-such-authority');
    case 'country':
      return fc.constantFrom('NO', 'DE', 'SE', 'XX');
    case 'timeZone':
      return fc.constantFrom('Europe/Oslo', 'Europe/Berlin', 'UTC', 'Mars/Olympus');
    case 'language':
      return fc.constantFrom('en', 'nb', 'de', 'fr');
    case 'webhookUrl':
      return fc.constant(w.webhookUrl);
    case 'before':
      return fc.oneof(fc.constantFrom('+6h', '+90m', '2d', '+99999d'), instant);
    case 'after':
      return fc.oneof(fc.bigInt({ min: 0n, max: 999_999_999_999_999_999n }).map(String), fc.constant('1'));
    case 'sources':
      return fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }), { maxKeys: 3 });
    case 'fields':
      return fc.dictionary(
        fc.constantFrom(...CATALOGUE.fields.map((f) => f.key), 'noSuchField'),
        fc.record(
          {
            state: fc.constantFrom(...FIELD_STATES, 'maybe'),
            value: fc.oneof(
              fc.string({ maxLength: 40 }),
              fc.integer(),
              fc.boolean(),
              fc.jsonValue({ maxDepth: 2 }),
            ),
            reason: fc.string({ maxLength: 40 }),
          },
          { requiredKeys: ['state'] },
        ),
        { maxKeys: 4 },
      );
    default:
      return undefined;
  }
}

interface Context {
  doc: OpenApi;
  world: World;
  /** Required properties only: the sweep's first guess at a base that the service takes. */
  minimal?: boolean;
}

/** A value the schema allows (or nearly: the fuzzer's "valid" is a good guess, not a promise). */
function valid(schema: Schema, name: string, ctx: Context, depth = 0): fc.Arbitrary<unknown> {
  const hint = hinted(name, ctx.world);
  if (hint) return hint;
  if (schema.$ref) return valid(ctx.doc.components.schemas[schema.$ref.split('/').pop()!], name, ctx, depth);
  if (schema.allOf?.length) return valid(schema.allOf[0], name, ctx, depth);
  const plain = (() => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if (schema.format === 'uuid') return fc.uuid();
    if (schema.format === 'email') return fc.constantFrom('vakt@fjord.example', 'dpo@acme.example');
    switch (schema.type) {
      case 'boolean':
        return fc.boolean();
      case 'number':
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1000, max: Math.min(schema.maximum ?? 1000, 100_000) });
      case 'string':
        if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
        return fc.oneof(
          ...(typeof schema.example === 'string' ? [fc.constant(schema.example)] : []),
          fc.string({
            minLength: schema.minLength ?? 0,
            maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 40, 40)),
          }),
        );
      case 'array': {
        const items = valid(schema.items ?? {}, `${name}[]`, ctx, depth + 1);
        const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) };
        return schema.uniqueItems
          ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) })
          : fc.array(items, constraints);
      }
      default: {
        if (schema.properties && depth < 6) {
          const props = Object.fromEntries(
            Object.entries(schema.properties)
              .filter(([key]) => !ctx.minimal || schema.required?.includes(key))
              .map(([key, s]) => [key, valid(s, key, ctx, depth + 1)]),
          );
          return fc.record(props, { requiredKeys: schema.required ?? [] });
        }
        if (typeof schema.additionalProperties === 'object')
          return fc.dictionary(
            fc.string({ maxLength: 20 }),
            valid(schema.additionalProperties, `${name}{}`, ctx, depth + 1),
            { maxKeys: 3 },
          );
        return fc.jsonValue({ maxDepth: 2 });
      }
    }
  })();
  return schema.nullable ? fc.oneof({ weight: 4, arbitrary: plain }, fc.constant(null)) : plain;
}

// ---- mutations of a valid value ----

type Path = (string | number)[];

/** Every place in a JSON value, the value itself first. */
function places(value: unknown, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...places(v, [...path, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...places(v, [...path, k]));
  return out;
}

type Mutation = 'drop' | 'replace' | 'wrap-in-array' | 'add-field';

function mutate(value: unknown, op: Mutation, at: number, nasty: unknown, extraKey: string): unknown {
  const copy = structuredClone(value);
  const all = places(copy);
  const path = all[at % all.length];
  if (path.length === 0) {
    if (op === 'add-field' && copy !== null && typeof copy === 'object' && !Array.isArray(copy))
      return { ...copy, [extraKey]: nasty };
    return op === 'wrap-in-array' ? [copy] : nasty;
  }
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy) as
    Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1];
  const record = parent as Record<string | number, unknown>;
  switch (op) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete record[key];
      break;
    case 'replace':
      record[key] = nasty;
      break;
    case 'wrap-in-array':
      record[key] = [record[key]];
      break;
    case 'add-field': {
      const target = record[key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target))
        (target as Record<string, unknown>)[extraKey] = nasty;
      else record[key] = nasty;
    }
  }
  return copy;
}

function mutated(arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      arb,
      fc.constantFrom<Mutation>('drop', 'replace', 'replace', 'wrap-in-array', 'add-field'),
      fc.nat(),
      nastyValue,
      fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...BAD_STRINGS, '__proto__', 'constructor')),
    )
    .map(([v, op, at, nasty, key]) => mutate(v, op, at, nasty, key));
}

// ---- one request ----

interface FuzzRequest {
  pathValues: Record<string, string>;
  /** Already encoded `k=v` pairs. */
  query: string[];
  /** Raw text sent as application/json, or undefined for no body. */
  body?: string;
  csv: boolean;
  idempotencyKey?: string;
}

function pathParam(op: Operation, name: string, w: World): fc.Arbitrary<string> {
  const real = realPathValues(op, name, w);
  const nasty = fc.constantFrom(...NASTY_SEGMENTS);
  return fc.oneof(
    ...(real.length ? [{ weight: 8, arbitrary: fc.constantFrom(...real) }] : []),
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: nasty },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encodeSegment) },
  );
}

function queryPairs(op: Operation, ctx: Context): fc.Arbitrary<string[]> {
  const nastyQuery = (name: string): fc.Arbitrary<string> =>
    fc.oneof(
      fc.constantFrom(...nastyQueryPairs(name)),
      fc.string({ unit: 'binary', maxLength: 20 }).map((v) => queryPair(name, v)),
    );
  const perParam = op.query.map(({ name, schema }) =>
    fc.option(
      fc.oneof(
        { weight: 3, arbitrary: valid(schema, name, ctx).map((v) => queryPair(name, v)) },
        { weight: 2, arbitrary: nastyQuery(name) },
      ),
      { nil: undefined, freq: 2 },
    ),
  );
  return fc
    .tuple(fc.tuple(...perParam), fc.option(nastyQuery('unknown'), { nil: undefined, freq: 6 }))
    .map(([values, extra]) => [...values, extra].filter((v): v is string => v !== undefined));
}

function bodyText(op: Operation, ctx: Context): fc.Arbitrary<string | undefined> {
  if (!op.body) return fc.option(fc.constantFrom('{"a":"\\u0000"}', '[]', '{}'), { nil: undefined, freq: 8 });
  const good = valid(op.body, '', ctx);
  return fc.oneof(
    { weight: 3, arbitrary: good.map((v) => JSON.stringify(v)) },
    { weight: 6, arbitrary: mutated(good).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_BODIES) },
  );
}

function requests(op: Operation, ctx: Context): fc.Arbitrary<FuzzRequest> {
  const pathValues = fc.record(
    Object.fromEntries(op.pathParams.map((n) => [n, pathParam(op, n, ctx.world)])),
  );
  return fc.record({
    pathValues: op.pathParams.length ? pathValues : fc.constant({}),
    query: op.query.length ? queryPairs(op, ctx) : fc.constant([]),
    body: bodyText(op, ctx),
    csv: fc.boolean(),
    idempotencyKey: fc.option(
      fc.oneof(fc.uuid(), fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), fc.constant('')),
      { nil: undefined },
    ),
  });
}

/** The real ids a path parameter can take in this world (the first is the one the sweep uses). */
function realPathValues(op: Operation, name: string, w: World): string[] {
  const prefix = op.path.split('/')[1];
  const real =
    name === 'id'
      ? ({
          incidents: w.incidents,
          controllers: w.controllers,
          agreements: w.agreements,
          authorities: w.authorities,
          keys: [w.spareKeyId],
          filings: w.filings,
        }[prefix] ?? [])
      : ({
          incidentId: w.incidents,
          obligationId: w.obligations,
          filingId: w.filings,
          version: ['1', '2'],
          phase: ['initial', 'scope', 'impact', 'response', 'communication'],
          format: ['html', 'txt', 'pdf', 'json'],
        }[name] ?? []);
  return real.map(encodeURIComponent);
}

/** Every property path the schema names (arrays by their first item), optional ones included, a few levels deep. */
function schemaPaths(schema: Schema, ctx: Context, prefix: Path = []): Path[] {
  const resolved = schema.$ref
    ? ctx.doc.components.schemas[schema.$ref.split('/').pop()!]
    : schema.allOf?.length
      ? schema.allOf[0]
      : schema;
  if (resolved !== schema) return schemaPaths(resolved, ctx, prefix);
  if (prefix.length >= 4) return [];
  if (schema.type === 'array' && schema.items) {
    const item = [...prefix, 0];
    return [item, ...schemaPaths(schema.items, ctx, item)];
  }
  return Object.entries(schema.properties ?? {}).flatMap(([key, s]) => {
    const path = [...prefix, key];
    return [path, ...schemaPaths(s, ctx, path)];
  });
}

/**
 * Sets or (with `undefined`) removes the value at a path of a JSON value; the root itself is replaced. Missing parents
 * are made (an object, or an array for an index), so an optional field that the base left out can be set too.
 */
function replaceAt(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, unknown>;
  for (const [i, k] of path.slice(0, -1).entries()) {
    if (parent[k] === null || typeof parent[k] !== 'object')
      parent[k] = typeof path[i + 1] === 'number' ? [] : {};
    parent = parent[k] as Record<string | number, unknown>;
  }
  const key = path[path.length - 1];
  if (next !== undefined) parent[key] = next;
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return copy;
}

// ---- what no answer may show ----

const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\n\s+at \S.*:\d+:\d+/],
  ['a source path', /node_modules|\/src\/\w+|\.ts:\d+/],
  [
    'an exception class',
    /\b(QueryFailedError|EntityNotFoundError|TypeError|RangeError|ReferenceError|SyntaxError)\b/,
  ],
  [
    'SQL',
    /\bSELECT\s.{1,200}\sFROM\s|\bINSERT INTO\s|\bUPDATE\s+"?\w+"?\s+SET\s|\bDELETE FROM\s|\bRETURNING\s/,
  ],
  [
    'a PostgreSQL message',
    /violates (not-null|check|foreign key|unique) constraint|invalid input syntax for|out of range for type|syntax error at or near|duplicate key value|unsupported Unicode escape|invalid byte sequence|relation "\w+"|column "\w+"/,
  ],
];

const ERROR_KEYS = ['statusCode', 'error', 'message', 'details'];

interface Answer {
  status: number;
  text?: string;
  body: unknown;
  headers: Record<string, string>;
}

function problemsWith(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  const type = answer.headers['content-type'] ?? '';
  const text = /json|text|csv|html/.test(type) ? (answer.text ?? '') : '';
  for (const [what, pattern] of LEAKS) if (pattern.test(text)) problems.push(`shows ${what}`);
  if (answer.status >= 400) {
    const body = answer.body as Record<string, unknown>;
    const keys = Object.keys(body ?? {});
    if (
      !/json/.test(type) ||
      body?.statusCode !== answer.status ||
      typeof body.error !== 'string' ||
      typeof body.message !== 'string' ||
      keys.some((k) => !ERROR_KEYS.includes(k))
    )
      problems.push('not the error body { statusCode, error, message, details? }');
    if (
      (answer.status === 400 || answer.status === 422) &&
      body?.details !== undefined &&
      !(
        Array.isArray(body.details) &&
        body.details.every(
          (d: { field?: unknown; messages?: unknown }) =>
            typeof d.field === 'string' &&
            Array.isArray(d.messages) &&
            d.messages.every((m) => typeof m === 'string'),
        )
      )
    )
      problems.push('details are not a list of { field, messages[] }');
  }
  return problems;
}

describe('fuzz: no input gets a 5xx, a stack trace or SQL', () => {
  const clock = new FixedClock(new Date(NOW));
  let t: TestApp;
  let hooks: WebhookReceiver;
  let smtp: MailReceiver;

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    smtp = await startMailReceiver();
    t = await createTestApp({
      clock,
      env: {
        SMTP_URL: smtp.url,
        DELIVERY_MAX_ATTEMPTS: '2',
        DELIVERY_BACKOFF_MS: '10',
        // FUZZ_LOG=1 shows the service's own log of a 5xx (its stack), to find the cause.
        ...(process.env.FUZZ_LOG ? { LOG_LEVEL: 'error' } : {}),
      },
    });
    await resetDatabase(t.app);
  });
  afterAll(async () => {
    await t?.app.get(OutboxWorker).pause();
    await t?.close();
    await hooks?.close();
    await smtp?.close();
  });

  it('walks every route with every role', async () => {
    console.log(`fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${SECONDS} s, at most ${RUNS} requests`);
    const webhookUrl = `${hooks.origin}/hook`;
    const admin = client(t, await createKey(t.app, 'admin'));
    const made = async (url: string, body: object) => {
      const res = await admin.post(url).send(body);
      if (res.status >= 300) throw new Error(`set-up ${url}: ${res.status} ${res.text}`);
      return res.body;
    };
    const own = await made('/controllers', controllerBody({ name: 'Own AS', webhookUrl }));
    const other = await made(
      '/controllers',
      controllerBody({ name: 'Other AS', agreementId: 'dotnet-internals', language: 'en' }),
    );
    await made(`/controllers/${own.id}/webhook-secret`, {});
    const shared = await made('/incidents', incidentBody({ controllerIds: [own.id, other.id] }));
    const theirs = await made('/incidents', incidentBody({ controllerIds: [other.id] }));
    const p2c = shared.obligations.find(
      (o: { hop: string; controllerId: string }) => o.hop === 'processor-to-controller',
    );
    const filing = await made(`/incidents/${shared.id}/obligations/${p2c.id}/filings`, {
      phase: 'initial',
      channel: 'manual',
      sentBy: 'Kari Vakt',
      via: 'phone',
    });
    const spare = await made('/keys', { role: 'responder', label: 'spare' });
    const keys: Record<Role, string> = {
      admin: await createKey(t.app, 'admin'),
      responder: await createKey(t.app, 'responder'),
      dpo: await createKey(t.app, 'dpo'),
      controller: await createKey(t.app, 'controller', own.id),
    };
    const world: World = {
      incidents: [shared.id, theirs.id],
      obligations: [...shared.obligations, ...theirs.obligations].map((o: { id: string }) => o.id),
      controllers: [own.id, other.id],
      filings: [filing.id],
      agreements: (await admin.get('/agreements')).body.map((a: { id: string }) => a.id),
      authorities: (await admin.get('/authorities')).body.map((a: { id: string }) => a.id),
      spareKeyId: spare.id,
      webhookUrl,
    };

    const doc = (await t.api().get('/docs-json')).body as OpenApi;
    const ctx: Context = { doc, world };
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(40);

    const counts: Record<string, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
    let sent = 0;
    const started = Date.now();
    const failures: string[] = [];

    /** Sends one request; returns what is wrong with the answer (nothing, we hope). */
    const send = async (
      op: Operation,
      role: Role,
      req: FuzzRequest,
    ): Promise<{ status: number; problem?: string }> => {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => req.pathValues[name]);
      const url = req.query.length ? `${path}?${req.query.join('&')}` : path;
      let call = t.api()[op.method](url).set('Authorization', `Bearer ${keys[role]}`);
      if (req.csv) call = call.set('Accept', 'text/csv');
      if (req.idempotencyKey !== undefined && op.path === '/incidents')
        call = call.set('Idempotency-Key', req.idempotencyKey);
      if (req.body !== undefined) call = call.set('Content-Type', 'application/json').send(req.body);
      const answer = (await call) as unknown as Answer;
      sent++;
      const statusClass = `${Math.floor(answer.status / 100)}xx`;
      counts[statusClass] = (counts[statusClass] ?? 0) + 1;
      const problems = problemsWith(answer);
      if (problems.length === 0) return { status: answer.status };
      return {
        status: answer.status,
        problem:
          `${op.method.toUpperCase()} ${url.slice(0, 300)} as ${role}: ${problems.join(', ')}\n` +
          `sent: ${(req.body ?? '').slice(0, 500)}\nanswer ${answer.status}: ${(answer.text ?? '').slice(0, 500)}`,
      };
    };

    // 1. The sweep: every place of every body, every query and path parameter, with each kind of bad value in turn,
    // on a base request that is as valid as the fuzzer can make it, in an order shuffled by the seed. It has half the
    // time (and at most half the requests); a run too short for all of it covers another part with another seed.
    const sweepDeadline = started + (SECONDS * 1000) / 2;
    const sweep: { op: Operation; role: Role; req: FuzzRequest }[] = [];
    for (const [index, op] of ops.entries()) {
      const role: Role = op.roles.includes('admin') ? 'admin' : op.roles[0];
      const base: FuzzRequest = {
        pathValues: Object.fromEntries(op.pathParams.map((n) => [n, realPathValues(op, n, world)[0] ?? 'x'])),
        query: [],
        csv: false,
      };
      for (const name of op.pathParams)
        for (const segment of NASTY_SEGMENTS)
          sweep.push({ op, role, req: { ...base, pathValues: { ...base.pathValues, [name]: segment } } });
      for (const { name } of op.query)
        for (const pair of nastyQueryPairs(name)) sweep.push({ op, role, req: { ...base, query: [pair] } });
      if (!op.body) continue;
      // The base: the first of a few samples (required properties only, then some optional ones too) that the service
      // takes, else the last. Each
      // property the schema names is then set, in turn, to each bad value: one fault at a time, on an otherwise good
      // request, so that validation of another field does not hide what the bad one would do further in.
      let body: unknown;
      const candidates = [
        ...fc.sample(valid(op.body, '', { ...ctx, minimal: true }), { seed: SEED + index, numRuns: 3 }),
        ...fc.sample(valid(op.body, '', ctx), { seed: SEED + index, numRuns: 3 }),
      ];
      for (const candidate of candidates) {
        body = candidate;
        const { status, problem } = await send(op, role, { ...base, body: JSON.stringify(candidate) });
        if (problem) failures.push(problem);
        if (status < 300) break;
      }
      for (const text of ODD_BODIES) sweep.push({ op, role, req: { ...base, body: text } });
      const targets = new Map(
        [...places(body).slice(1), ...schemaPaths(op.body, ctx)].map((p) => [JSON.stringify(p), p]),
      );
      for (const place of targets.values())
        for (const value of SWEEP_VALUES)
          sweep.push({ op, role, req: { ...base, body: JSON.stringify(replaceAt(body, place, value)) } });
    }
    const [shuffled] = fc.sample(fc.shuffledSubarray(sweep, { minLength: sweep.length }), {
      seed: SEED,
      numRuns: 1,
    });
    let swept = 0;
    for (const { op, role, req } of shuffled.slice(0, Math.floor(RUNS / 2))) {
      if (Date.now() > sweepDeadline) break;
      const { problem } = await send(op, role, req);
      if (problem) failures.push(problem);
      swept++;
    }

    // 2. Random requests (fast-check): every route with every role; the routes a role may call share the time left.
    const combos = ops.flatMap((op) => ROLES.map((role) => ({ op, role, allowed: op.roles.includes(role) })));
    const allowed = combos.filter((c) => c.allowed).length;
    const runsLeft = RUNS - sent - (combos.length - allowed) * RUNS_WHEN_FORBIDDEN;
    const runsEach = Math.max(1, Math.floor(runsLeft / allowed));
    for (const [index, { op, role, allowed: mayCall }] of combos.entries()) {
      const left = combos.slice(index).filter((c) => c.allowed).length || 1;
      const deadline = Date.now() + (mayCall ? (SECONDS * 1000 - (Date.now() - started)) / left : 1000);
      let found: string | undefined;
      const property = fc.asyncProperty(requests(op, ctx), async (req) => {
        if (Date.now() > deadline) return;
        const { problem } = await send(op, role, req);
        if (problem) {
          found = problem;
          throw new Error(problem);
        }
      });
      try {
        await fc.assert(property, {
          seed: SEED + index,
          numRuns: mayCall ? runsEach : RUNS_WHEN_FORBIDDEN,
          endOnFailure: true,
        });
      } catch (error) {
        failures.push(`${found ?? 'no request failed'}\n${(error as Error).message.slice(0, 1000)}`);
      }
    }

    await t.app.get(OutboxWorker).pause();
    const verify = await admin.get('/audit/verify');
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      `fuzz summary: seed ${SEED}, ${sent} requests in ${seconds} s (${swept} of ${sweep.length} in the sweep) ` +
        `over ${ops.length} routes × ${ROLES.length} roles: ` +
        `2xx ${counts['2xx']}, 3xx ${counts['3xx']}, 4xx ${counts['4xx']}, 5xx ${counts['5xx']}`,
    );
    expect({ failures: failures.length, first: failures.slice(0, 10) }).toEqual({ failures: 0, first: [] });
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true });
  });
});
