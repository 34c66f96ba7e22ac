import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testWorld, signIn, tokenFor, bearer, type TestWorld } from './helpers.ts';
import { auditEvent } from '../src/data/schema.ts';
import { paths } from '../src/web/paths.ts';
import { ROLES } from '../src/domain/access/index.ts';
import { englandAndWales } from '../src/domain/calendar/index.ts';

let w: TestWorld;
let token: string;
before(async () => {
  w = await testWorld();
  token = await tokenFor(w, 'social_worker');
});
after(async () => w.close());

const api = (query: string, headers: Record<string, string> = bearer(token)) => w.app.inject({ method: 'GET', url: `${paths.api.workingDays}?${query}`, headers });

test('the API answers the worked example exactly as specified', async () => {
  const res = await api('from=2023-12-21&add=2');
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /application\/json/);
  assert.equal(res.body, JSON.stringify({ from: '2023-12-21', add: 2, date: '2023-12-27', skipped: ['2023-12-23', '2023-12-24', '2023-12-25', '2023-12-26'] }));
});

test('the API adds working days across the one-off bank holidays and counts working days up to an end date', async () => {
  assert.deepEqual((await api('from=2022-09-16&add=1')).json(), { from: '2022-09-16', add: 1, date: '2022-09-20', skipped: ['2022-09-17', '2022-09-18', '2022-09-19'] });
  assert.deepEqual((await api('from=2023-05-05&add=0')).json(), { from: '2023-05-05', add: 0, date: '2023-05-05', skipped: [] });
  assert.deepEqual((await api('from=2023-12-21&to=2023-12-27')).json(), { from: '2023-12-21', to: '2023-12-27', workingDays: 2, skipped: ['2023-12-23', '2023-12-24', '2023-12-25', '2023-12-26'] });
  // An end date that is itself a bank holiday is listed as not counted.
  assert.deepEqual((await api('from=2023-05-05&to=2023-05-08')).json(), { from: '2023-05-05', to: '2023-05-08', workingDays: 0, skipped: ['2023-05-06', '2023-05-07', '2023-05-08'] });
});

test('bad dates and counts get a problem response naming the field', async () => {
  const cases: [string, string, RegExp][] = [
    ['add=2', 'from', /Enter the start date/],
    ['from=2023-02-30&add=2', 'from', /real date/],
    ['from=21/12/2023&add=2', 'from', /real date/],
    ['from=2023-12-21', 'add', /Enter a number of working days, or an end date/],
    ['from=2023-12-21&add=two', 'add', /whole number/],
    ['from=2023-12-21&add=-1', 'add', /whole number/],
    ['from=2023-12-21&add=1.5', 'add', /whole number/],
    ['from=2023-12-21&add=1001', 'add', /1000 or fewer/],
    ['from=2023-12-21&add=2&to=2023-12-27', 'add', /not both/],
    ['from=2023-12-21&to=2023-12-20', 'to', /same as or after the start date/],
    ['from=2023-12-21&to=2023-13-01', 'to', /real date/],
    ['from=2010-01-04&add=2', 'from', /must be between 1 January 2015 and/],
    [`from=${englandAndWales.lastDate}&add=5`, 'add', /due date would be after/],
    [`from=2023-12-21&add=${'9'.repeat(400)}`, 'add', /1000 or fewer/],
  ];
  for (const [query, field, message] of cases) {
    const res = await api(query);
    assert.equal(res.statusCode, 400, query);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/, query);
    const problem = res.json() as { status: number; errors: { field: string; message: string }[] };
    assert.equal(problem.status, 400);
    assert.ok(problem.errors.some((e) => e.field === field && message.test(e.message)), `${query}: ${JSON.stringify(problem.errors)}`);
  }
});

test('the API needs a signed-in user, and every role may use it', async () => {
  const anonymous = await api('from=2023-12-21&add=2', {});
  assert.equal(anonymous.statusCode, 401);
  for (const role of ROLES) {
    const res = await api('from=2023-12-21&add=2', bearer(await tokenFor(w, role)));
    assert.equal(res.statusCode, 200, role);
  }
});

test('the API is documented in OpenAPI', async () => {
  const res = await w.app.inject({ method: 'GET', url: paths.api.openapi });
  const spec = res.json() as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
  const op = spec.paths[paths.api.workingDays]?.get;
  assert.ok(op, 'documented');
  assert.deepEqual(op.parameters?.map((p) => p.name).sort(), ['add', 'from', 'to']);
});

test('the page shows the due date in words and the days skipped, with bank holiday names', async () => {
  const c = await signIn(w.app, 'placement_officer');
  const blank = await c.get(paths.calendar.workingDays);
  assert.equal(blank.statusCode, 200);
  assert.match(blank.body, /<form method="get"/);
  assert.doesNotMatch(blank.body, /There is a problem/);
  const res = await c.get(`${paths.calendar.workingDays}?from-day=21&from-month=12&from-year=2023&add=2`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Wednesday 27 December 2023/);
  assert.match(res.body, /Thursday 21 December 2023/);
  for (const day of ['Saturday 23 December 2023', 'Sunday 24 December 2023', 'Monday 25 December 2023', 'Tuesday 26 December 2023']) assert.match(res.body, new RegExp(day));
  assert.match(res.body, /Bank holiday: Christmas Day/);
  assert.match(res.body, /Bank holiday: Boxing Day/);
  // The form keeps what was entered.
  assert.match(res.body, /name="from-day"[^>]*value="21"|value="21"[^>]*name="from-day"/);
  assert.match(res.body, /name="add"[^>]*value="2"|value="2"[^>]*name="add"/);

  const count = await c.get(`${paths.calendar.workingDays}?from-day=16&from-month=9&from-year=2022&to-day=20&to-month=9&to-year=2022`);
  assert.equal(count.statusCode, 200);
  assert.match(count.body, /<h2 class="govuk-panel__title">\s*1 working day\s*</);
  assert.match(count.body, /Bank holiday: Queen Elizabeth/);
});

test('bad input on the page shows the GOV.UK error summary and keeps the input', async () => {
  const c = await signIn(w.app, 'iro');
  const res = await c.get(`${paths.calendar.workingDays}?from-day=30&from-month=2&from-year=2023&add=lots`);
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /There is a problem/);
  assert.match(res.body, /href="#from-day"/);
  assert.match(res.body, /The start date must be a real date/);
  assert.match(res.body, /href="#add"/);
  assert.match(res.body, /whole number/);
  assert.match(res.body, /value="lots"/);
  assert.match(res.body, /<title>Error: /);

  const missing = await c.get(`${paths.calendar.workingDays}?from-day=&from-month=&from-year=&add=&to-day=&to-month=&to-year=`);
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Enter the start date/);
  assert.match(missing.body, /Enter a number of working days, or an end date/);

  const beyond = await c.get(`${paths.calendar.workingDays}?from-day=1&from-month=1&from-year=2099&add=1`);
  assert.equal(beyond.statusCode, 400);
  assert.match(beyond.body, /must be between 1 January 2015 and/);
});

test('the page needs sign-in, any role may use it, and it writes no audit rows', async () => {
  const anonymous = await w.app.inject({ method: 'GET', url: paths.calendar.workingDays });
  assert.ok([302, 303].includes(anonymous.statusCode), `anonymous: ${anonymous.statusCode}`);
  const clients = await Promise.all(ROLES.map((role) => signIn(w.app, role)));
  const before = (await w.database.db.select().from(auditEvent)).length;
  for (const [i, c] of clients.entries()) {
    const res = await c.get(`${paths.calendar.workingDays}?from-day=21&from-month=12&from-year=2023&add=2`);
    assert.equal(res.statusCode, 200, ROLES[i]);
  }
  await api('from=2023-12-21&add=2');
  assert.equal((await w.database.db.select().from(auditEvent)).length, before);
});
