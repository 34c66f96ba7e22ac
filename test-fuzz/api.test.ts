/**
 * Zero server errors from bad input: every operation of the JSON API, as every role that may call
 * it, is sent fuzzed requests (seeded, so a failure replays: FC_SEED=… npm run test:fuzz) — NUL bytes
 * and control characters in every text, huge, negative, fractional and non-numeric numbers, ids that
 * are not ids or name no record, long paths, long headers, bodies that are not objects or not JSON,
 * and plausible bodies built from each operation's own schema with one field spoiled. Every answer
 * must be below 500, and every refusal a problem+json document with a title.
 *
 *   npm run test:fuzz          (FUZZ_REQUESTS=… for more or fewer than the default 10,500)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../test/fast-check.ts';
import { fastCheckSeed } from '../test/fast-check.ts';
import { bearer, childInserter, testWorld, tokenFor, type TestWorld } from '../test/helpers.ts';
import { can, ROLES, type Permission, type Role } from '../src/domain/access/index.ts';

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_500);

type Operation = { method: string; url: string; role: Role; body?: JsonSchema; query?: JsonSchema };
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; enum?: unknown[]; anyOf?: JsonSchema[] };

let w: TestWorld;
const tokens = new Map<Role, string>();
let knownIds: string[] = [];

before(async () => {
  w = await testWorld({ today: '2026-12-04' });
  for (const role of ROLES) tokens.set(role, await tokenFor(w, role));
  const addChild = childInserter(() => w, (n) => ({ reference: `FZ${n}`, firstName: 'Fuzz', lastName: `Child${n}` }));
  const child = await addChild();
  knownIds = [child.id, w.laId, w.teamId, w.users.social_worker.userId];
});
after(async () => {
  await w.close();
});

/** Each API operation with a role allowed to call it (else the administrator, to see refusals), and its schemas. */
function operations(): Operation[] {
  const doc = w.app.swagger() as { paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; parameters?: { in: string; name: string; schema?: JsonSchema }[] }>> };
  const ops: Operation[] = [];
  for (const r of w.app.declaredRoutes) {
    if (!r.url.startsWith('/api/v1/') || r.method === 'HEAD' || r.url.startsWith('/api/v1/docs')) continue;
    const access = r.access;
    const role = ROLES.find((x) => access === 'signed-in' || access === 'public' || (access !== undefined && can(x, access as Permission))) ?? 'administrator';
    const openApiPath = r.url.replace(/:(\w+)/g, '{$1}');
    const entry = doc.paths?.[openApiPath]?.[r.method.toLowerCase()];
    const body = entry?.requestBody?.content?.['application/json']?.schema;
    const queryProps = Object.fromEntries((entry?.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}]));
    ops.push({ method: r.method, url: r.url, role, ...(body ? { body } : {}), query: { type: 'object', properties: queryProps } });
  }
  return ops;
}

const evilText = fc.constantFrom(
  'abc\u0000def',
  '\u0000',
  '\u0007\u001b[31m',
  "'; drop table child; --",
  '%00',
  '<script>alert(1)</script>',
  '\uD800',
  'x'.repeat(5000),
  '   ',
  '',
  '../../etc/passwd',
  '1e308',
  '-0',
  'NaN',
  '2026-02-30',
  '31/12/2026',
  '🙂'.repeat(50),
);
const evilNumber = fc.constantFrom(1e308, -1e308, 2 ** 64, -1, 0, 0.5, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63));
const evilId = fc.constantFrom('not-a-uuid', '00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '1', '%00', 'abc%00def', '..', 'x'.repeat(300), '1e308', '-1');
const evilValue: fc.Arbitrary<unknown> = fc.oneof(evilText, evilNumber, fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({}), fc.array(evilText, { maxLength: 3 }), fc.constant({ nested: { deeper: ['\u0000'] } }));

/** Values that fit the schema's type (so a request gets past the outer checks), some of them spoiled. */
function arbitraryFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (schema?.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (schema?.anyOf && schema.anyOf.length > 0 && depth < 4) return fc.oneof(...schema.anyOf.map((s) => arbitraryFor(s, depth + 1)));
  switch ([schema?.type ?? 'string'].flat()[0]) {
    case 'integer':
    case 'number':
      return fc.constantFrom(1, 2, 3, 1e308, -1, 0.5, 2 ** 64);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth < 4 ? fc.array(arbitraryFor(schema?.items, depth + 1), { maxLength: 2 }) : fc.constant([]);
    case 'object':
      return depth < 4 ? fc.record(Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([k, s]) => [k, arbitraryFor(s, depth + 1)]))) : fc.constant({});
    case 'null':
      return fc.constant(null);
    default:
      return fc.oneof(fc.constantFrom('Fuzz', '2026-12-04', '0', 'abc\u0000def'), fc.constantFrom(...knownIds));
  }
}

type Request = { method: string; url: string; headers: Record<string, string>; payload?: string };

function requestArbitrary(op: Operation): fc.Arbitrary<Request> {
  const paramNames = [...op.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const params = fc.tuple(...paramNames.map(() => fc.oneof(fc.constantFrom(...knownIds), evilId)));
  const queryKeys = Object.keys(op.query?.properties ?? {});
  const query = fc.array(fc.tuple(fc.constantFrom(...(queryKeys.length ? queryKeys : ['q']), 'page', 'version', 'q'), fc.oneof(evilText, evilNumber.map(String))), { maxLength: 3 });
  const body = fc.oneof(
    fc.constant(undefined),
    evilValue.map((v) => JSON.stringify(v)),
    fc.constantFrom('{', 'null', '"text"', '[1,2]', '{"version":1e999}', '\u0000'),
    fc.tuple(arbitraryFor(op.body ?? { type: 'object', properties: {} }), fc.nat(), evilValue, fc.constantFrom<unknown>(undefined, 1e308, 2 ** 64, 1.5, -1, '1')).map(([value, n, spoil, version]) => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
      const keys = Object.keys(value);
      const spoiled = keys.length > 0 && n % 2 === 0 ? { [keys[n % keys.length]!]: spoil } : {};
      return JSON.stringify({ ...value, ...spoiled, ...(version === undefined ? {} : { version }) });
    }),
  );
  const extraHeader = fc.oneof(fc.constant({}), fc.constant({ 'x-long': 'y'.repeat(20_000) }), fc.constant({ 'content-type': 'text/plain' }), fc.constant({ 'content-type': 'application/json; charset=latin1' }));
  const longPath = fc.oneof({ weight: 9, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant(`/${'a'.repeat(9000)}`) });
  return fc.tuple(params, query, body, extraHeader, longPath).map(([ps, qs, b, h, tail]) => {
    let url = op.url;
    paramNames.forEach((name, i) => (url = url.replace(`:${name}`, encodeURIComponent(ps[i] ?? '').replace(/%2500/g, '%00'))));
    const search = new URLSearchParams(qs).toString();
    const headers: Record<string, string> = { ...bearer(tokens.get(op.role)!), ...(b !== undefined ? { 'content-type': 'application/json' } : {}), ...h };
    return { method: op.method, url: `${url}${tail}${search ? `?${search}` : ''}`, headers, ...(b !== undefined && op.method !== 'GET' ? { payload: b } : {}) };
  });
}

test(`the API answers ${TOTAL} fuzzed requests without one server error, and every refusal is problem+json`, { timeout: 30 * 60_000 }, async () => {
  const ops = operations();
  assert.ok(ops.length > 50, `the API's operations were found (${ops.length})`);
  const perOp = Math.ceil(TOTAL / ops.length);
  const failures: { kind: string; example: string }[] = [];
  let sent = 0;
  for (const [i, op] of ops.entries()) {
    const samples = fc.sample(requestArbitrary(op), { numRuns: perOp, seed: fastCheckSeed() + i });
    for (const req of samples) {
      const res = await w.app.inject(req as Parameters<typeof w.app.inject>[0]);
      sent += 1;
      const type = String(res.headers['content-type'] ?? '');
      if (res.statusCode >= 500) failures.push({ kind: `${res.statusCode} ${op.method} ${op.url}`, example: `${req.url.slice(0, 160)} ${req.payload?.slice(0, 200) ?? ''}` });
      else if (res.statusCode >= 400 && !(type.startsWith('application/problem+json') && /"title"/.test(res.body))) failures.push({ kind: `${res.statusCode} not problem+json (${type})`, example: `${req.method} ${req.url.slice(0, 120)}` });
    }
  }
  assert.ok(sent >= TOTAL, `sent ${sent}`);
  // One example of each kind of failure (status and operation), so that a report stays readable.
  const kinds = new Map<string, string>();
  for (const f of failures) if (!kinds.has(f.kind)) kinds.set(f.kind, `${f.kind}: ${f.example}`);
  assert.deepEqual([...kinds.values()], [], `${failures.length} of ${sent} requests failed`);
});
