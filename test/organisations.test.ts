import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { testWorld, signIn, tokenFor, bearer, type TestWorld } from './helpers.ts';
import { auditEvent, organisation } from '../src/data/schema.ts';

let w: TestWorld;
before(async () => {
  w = await testWorld();
});
after(async () => w.close());

test('a head of service adds an organisation through the form, and it is audited', async () => {
  const c = await signIn(w.app, 'head_of_service');
  await c.get('/organisations/new');
  const res = await c.post('/organisations/new', { kind: 'fostering_agency', name: 'Bright Futures Fostering' });
  assert.equal(res.statusCode, 303);
  const [row] = await w.database.db.select().from(organisation).where(eq(organisation.name, 'Bright Futures Fostering'));
  assert.ok(row);
  assert.equal(res.headers.location, `/organisations/${row.id}`);
  const audits = await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, row.id));
  assert.deepEqual(audits.map((a) => a.action), ['organisation.created']);
  const page = await c.get(`/organisations/${row.id}`);
  assert.match(page.body, /Bright Futures Fostering/);
});

test('bad form input shows the error summary, keeps the input and stores nothing', async () => {
  const c = await signIn(w.app, 'head_of_service');
  await c.get('/organisations/new');
  const res = await c.post('/organisations/new', { kind: 'local_authority', name: 'Nowhere Council', laCode: '12' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /There is a problem/);
  assert.match(res.body, /The LA code must be 3 digits/);
  assert.match(res.body, /value="Nowhere Council"/);
  const rows = await w.database.db.select().from(organisation).where(eq(organisation.name, 'Nowhere Council'));
  assert.equal(rows.length, 0);
});

test('a stale edit is refused and overwrites nothing', async () => {
  const c = await signIn(w.app, 'head_of_service');
  await c.get(`/organisations/${w.laId}/edit`);
  const first = await c.post(`/organisations/${w.laId}/edit`, { version: '1', kind: 'local_authority', name: 'First Edit Council', laCode: '991' });
  assert.equal(first.statusCode, 303);
  const second = await c.post(`/organisations/${w.laId}/edit`, { version: '1', kind: 'local_authority', name: 'Second Edit Council', laCode: '991' });
  assert.equal(second.statusCode, 409);
  assert.match(second.body, /changed by someone else since you opened it/);
  const [row] = await w.database.db.select().from(organisation).where(eq(organisation.id, w.laId));
  assert.equal(row?.name, 'First Edit Council');
});

test('the API lists, creates and rejects bad input with a problem response', async () => {
  const token = await tokenFor(w, 'head_of_service');
  const created = await w.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: bearer(token), payload: { kind: 'local_authority', name: 'Api Council', laCode: '993' } });
  assert.equal(created.statusCode, 201);
  const bad = await w.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: bearer(token), payload: { kind: 'castle', name: 7 } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.headers['content-type'] as string, /application\/problem\+json/);
  const problem = bad.json() as { errors: { field: string }[] };
  assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['kind', 'name']);
  const list = await w.app.inject({ method: 'GET', url: '/api/v1/organisations?q=Api', headers: bearer(token) });
  assert.deepEqual((list.json() as { items: { name: string }[] }).items.map((o) => o.name), ['Api Council']);
});

test('a social worker cannot add an organisation', async () => {
  const c = await signIn(w.app, 'social_worker');
  const res = await c.get('/organisations/new');
  assert.equal(res.statusCode, 403);
});
