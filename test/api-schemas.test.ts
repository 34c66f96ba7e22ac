import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testWorld, signIn, tokenFor, bearer, type TestWorld } from './helpers.ts';
import { paths } from '../src/http/paths.ts';

let w: TestWorld;
before(async () => {
  w = await testWorld();
});
after(async () => w.close());

type JsonSchema = { [key: string]: unknown };

const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Keys that only describe a schema; a schema with nothing else allows any value. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);

/**
 * Where a schema allows anything: a value of any type ({} or only a description), an object with no
 * properties listed and anything allowed beside them (additionalProperties true, {} or left out), an
 * array whose items are not described. Each place is a JSON path into the schema.
 */
function looseParts(schema: unknown, at = '#', out: string[] = []): string[] {
  if (!isSchema(schema)) return out;
  const keys = Object.keys(schema).filter((k) => !ANNOTATIONS.has(k));
  if (keys.length === 0) {
    out.push(`${at}: any value`);
    return out;
  }
  const extra = schema.additionalProperties;
  const anyExtra = extra === true || (isSchema(extra) && Object.keys(extra).every((k) => ANNOTATIONS.has(k)));
  if (schema.type === 'object' && !isSchema(schema.properties) && !isSchema(schema.patternProperties) && (extra === undefined || anyExtra)) out.push(`${at}: an object with any fields`);
  else if (anyExtra) out.push(`${at}: any fields besides those listed`);
  if (schema.type === 'array' && !isSchema(schema.items) && !Array.isArray(schema.prefixItems)) out.push(`${at}: an array of anything`);
  for (const [k, v] of Object.entries(isSchema(schema.properties) ? schema.properties : {})) looseParts(v, `${at}.${k}`, out);
  if (isSchema(extra) && !anyExtra) looseParts(extra, `${at}.*`, out);
  if (isSchema(schema.items)) looseParts(schema.items, `${at}[]`, out);
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((s, i) => looseParts(s, `${at}.${key}[${i}]`, out));
  }
  return out;
}

/**
 * Parts of an operation's answer or body that are truly free-form, each with why. Nothing else in
 * the document may be loose.
 */
const FREE_FORM: Record<string, string> = {};

type Operation = {
  tags?: string[];
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

test('every API operation is in the OpenAPI document with its params, body and response schemas', async () => {
  const doc = (await w.app.inject({ method: 'GET', url: paths.api.openapi })).json() as { paths: Record<string, Record<string, Operation>> };
  const api = w.app.declaredRoutes.filter((r) => r.method !== 'HEAD' && r.url.startsWith(`${paths.api.root}/`) && r.url !== paths.api.openapi && !r.url.startsWith(paths.api.docs));
  assert.ok(api.length > 60, `${api.length} API operations`);
  for (const r of api) {
    const name = `${r.method} ${r.url}`;
    const params = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
    assert.ok(op, `${name} is documented`);
    assert.ok(op.tags?.length && op.summary, `${name} has a tag and a summary`);
    const inPath = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
    assert.deepEqual(inPath.sort(), params.sort(), `${name} documents its URL parameters`);
    if (['POST', 'PUT', 'PATCH'].includes(r.method)) {
      const bodies = Object.values(op.requestBody?.content ?? {});
      assert.ok(bodies.length && bodies.every((b) => b.schema), `${name} documents its body`);
    }
    const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2/.test(status));
    assert.equal(success.length, 1, `${name} documents one successful answer`);
    const [status, response] = success[0]!;
    if (status !== '204') {
      const contents = Object.values(response.content ?? {});
      assert.ok(contents.length && contents.every((c) => c.schema), `${name} documents what its answer carries`);
    }
    assert.ok(op.responses?.['4XX'], `${name} documents its problem responses`);
  }
});

test('no API answer is described loosely: every object lists its fields, every list its items', async () => {
  const doc = (await w.app.inject({ method: 'GET', url: paths.api.openapi })).json() as { paths: Record<string, Record<string, Operation>> };
  const loose: string[] = [];
  let answers = 0;
  for (const [url, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (url === paths.api.openapi) continue;
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^2/.test(status)) continue;
        const json = response.content?.['application/json']?.schema;
        if (!json) continue;
        answers += 1;
        for (const part of looseParts(json, `${method.toUpperCase()} ${url} ${status}`)) if (!FREE_FORM[part]) loose.push(part);
      }
    }
  }
  assert.ok(answers > 60, `${answers} JSON answers`);
  assert.deepEqual(loose, [], 'answers described loosely (describe them in src/api/responses, or justify the part in FREE_FORM)');
});

test('every API request body lists its fields', async () => {
  const doc = (await w.app.inject({ method: 'GET', url: paths.api.openapi })).json() as { paths: Record<string, Record<string, Operation>> };
  const unlisted: string[] = [];
  for (const [url, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const [type, body] of Object.entries(op.requestBody?.content ?? {})) {
        // Bodies may carry fields beside those listed (the service ignores or refuses them). A union's
        // `{}` member is how zod writes `undefined`, a field left out (the household counts: z.union([…, z.undefined()])).
        const parts = looseParts(body.schema, `${method.toUpperCase()} ${url} ${type}`).filter((p) => !p.endsWith('any fields besides those listed') && !/\.anyOf\[\d+\]: any value$/.test(p));
        unlisted.push(...parts);
      }
    }
  }
  assert.deepEqual(unlisted, []);
});

test('the test for loose descriptions finds them', () => {
  assert.deepEqual(looseParts({ type: 'object', additionalProperties: true }), ['#: an object with any fields']);
  assert.deepEqual(looseParts({ type: 'object', properties: { a: {} } }), ['#.a: any value']);
  assert.deepEqual(looseParts({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: {} }), ['#: any fields besides those listed']);
  assert.deepEqual(looseParts({ type: 'array', items: { type: 'object' } }), ['#[]: an object with any fields']);
  assert.deepEqual(looseParts({ anyOf: [{ type: 'string' }, { description: 'anything' }] }), ['#.anyOf[1]: any value']);
  assert.deepEqual(looseParts({ type: 'object', properties: { a: { type: 'string', format: 'uuid' } }, required: ['a'] }), []);
  assert.deepEqual(looseParts({ type: 'object', additionalProperties: { type: 'string' } }), []);
});

test('a record id that is not a UUID is a page or record that does not exist, after the caller is known', async () => {
  const token = await tokenFor(w, 'social_worker');
  const api = await w.app.inject({ method: 'GET', url: '/api/v1/children/not-a-uuid', headers: bearer(token) });
  assert.equal(api.statusCode, 404);
  assert.match(api.headers['content-type'] as string, /problem\+json/);
  const put = await w.app.inject({ method: 'PUT', url: '/api/v1/children/not-a-uuid', headers: bearer(token), payload: { version: 'one' } });
  assert.equal(put.statusCode, 404, 'the URL is checked before the body');
  const anonymous = await w.app.inject({ method: 'GET', url: '/api/v1/children/not-a-uuid' });
  assert.equal(anonymous.statusCode, 401, 'nothing is said about the input before the caller is known');

  const c = await signIn(w.app, 'social_worker');
  const page = await c.get('/children/not-a-uuid');
  assert.equal(page.statusCode, 404);
  assert.match(page.body, /Not found/);
  const planning = await c.get(`${paths.placements.show('00000000-0000-4000-8000-000000000000')}/planning/not-a-kind`);
  assert.equal(planning.statusCode, 404);
});

test('API query strings and bodies are checked against the route schema: problems are 400 problem+json naming the field', async () => {
  const token = await tokenFor(w, 'head_of_service');
  const q = await w.app.inject({ method: 'GET', url: '/api/v1/organisations?kind=castle', headers: bearer(token) });
  assert.equal(q.statusCode, 400);
  assert.match(q.headers['content-type'] as string, /problem\+json/);
  assert.deepEqual(
    (q.json() as { errors: { field: string }[] }).errors.map((e) => e.field),
    ['kind'],
  );
  const notObject = await w.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { ...bearer(token), 'content-type': 'application/json' }, payload: '"a contact"' });
  assert.equal(notObject.statusCode, 400);
  assert.deepEqual((notObject.json() as { errors: unknown }).errors, [{ field: 'body', message: 'Send a JSON object' }]);
  const noVersion = await w.app.inject({ method: 'PUT', url: `/api/v1/organisations/${crypto.randomUUID()}`, headers: bearer(token), payload: { kind: 'fostering_agency', name: 'Hearthside Fostering' } });
  assert.equal(noVersion.statusCode, 400);
  assert.deepEqual((noVersion.json() as { errors: unknown }).errors, [{ field: 'version', message: 'Send the version of the record you read (a whole number)' }]);
});
