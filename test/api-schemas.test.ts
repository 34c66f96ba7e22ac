import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testWorld, signIn, tokenFor, bearer, type TestWorld } from './helpers.ts';
import { paths } from '../src/http/paths.ts';

let w: TestWorld;
before(async () => {
  w = await testWorld();
});
after(async () => w.close());

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
