import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testWorld, signIn, tokenFor, bearer, type TestWorld } from './helpers.ts';
import { auditEvent } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';
import { ROLES } from '../src/domain/access/index.ts';
import { englandAndWales } from '../src/domain/calendar/index.ts';
import { CALCULATOR_OBLIGATIONS } from '../src/domain/calendar/working-days-query.ts';
import { getObligation } from '../src/domain/deadlines/index.ts';

const placementPlan = getObligation('placement-plan')!;

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

test('the API answers an obligation: its first due date, title, rule and source, and the days skipped', async () => {
  const res = await api('from=2024-01-05&obligation=placement-plan');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), {
    from: '2024-01-05',
    obligation: 'placement-plan',
    title: 'Placement plan',
    date: '2024-01-12',
    skipped: ['2024-01-06', '2024-01-07'],
    rule: placementPlan.rule,
    source: 'CPPCR reg 9(1)–(3)',
    dateIsWorkingDay: true,
  });
  // Across Christmas and New Year, as the obligations registry derives it.
  const christmas = (await api('from=2023-12-21&obligation=placement-plan')).json() as { date: string; skipped: string[] };
  assert.equal(christmas.date, '2024-01-02');
  assert.deepEqual(christmas.skipped, ['2023-12-23', '2023-12-24', '2023-12-25', '2023-12-26', '2023-12-30', '2023-12-31', '2024-01-01']);
  // A calendar period skips nothing and says when the due date is not a working day: 1 week after Mon 18 Dec 2023 is Christmas Day.
  const visit = (await api('from=2023-12-18&obligation=social-worker-visits')).json() as Record<string, unknown>;
  assert.equal(visit.title, 'Social worker visits');
  assert.equal(visit.date, '2023-12-25');
  assert.deepEqual(visit.skipped, []);
  assert.equal(visit.dateIsWorkingDay, false);
  assert.equal(visit.source, 'CPPCR reg 28(2)–(5)');
  // 16 weeks for a connected person's temporary approval.
  assert.equal(((await api('from=2024-01-08&obligation=connected-person-temporary-approval')).json() as { date: string }).date, '2024-04-29');
});

test('bad dates and counts get a problem response naming the field', async () => {
  const cases: [string, string, RegExp][] = [
    ['add=2', 'from', /Enter the start date/],
    ['from=2023-02-30&add=2', 'from', /real date/],
    ['from=21/12/2023&add=2', 'from', /real date/],
    ['from=2023-12-21', 'add', /Enter a number of working days, select an obligation or enter an end date/],
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
    ['from=2023-12-21&obligation=no-such-thing', 'obligation', /^Select an obligation$/],
    ['from=2023-12-21&add=2&obligation=placement-plan', 'add', /a number of working days or an obligation, not both/],
    ['from=2023-12-21&obligation=placement-plan&to=2024-01-02', 'obligation', /an obligation or an end date, not both/],
    ['obligation=placement-plan', 'from', /Enter the start date/],
    ['from=2010-01-04&obligation=placement-plan', 'from', /must be between 1 January 2015 and/],
    [`from=${englandAndWales.lastDate}&obligation=placement-plan`, 'from', /due date would be after .*Enter an earlier start date/],
    [`from=${englandAndWales.lastDate}&obligation=foster-carer-review`, 'from', /due date would be after/],
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
  assert.deepEqual(op.parameters?.map((p) => p.name).sort(), ['add', 'from', 'obligation', 'to']);
  const obligation = op.parameters?.find((p) => p.name === 'obligation') as { description?: string } | undefined;
  assert.match(obligation?.description ?? '', /placement-plan/);
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

test('the page offers the obligations and answers one with its rule, source and a link to the rule', async () => {
  const c = await signIn(w.app, 'social_worker');
  const blank = await c.get(paths.calendar.workingDays);
  assert.match(blank.body, /<label class="govuk-label" for="obligation">\s*Or choose an obligation\s*<\/label>/);
  assert.match(blank.body, /<select class="govuk-select" id="obligation" name="obligation" aria-describedby="obligation-hint">/);
  for (const d of CALCULATOR_OBLIGATIONS) assert.match(blank.body, new RegExp(`<option value="${d.id}"`), d.id);
  assert.match(blank.body, /<option value="placement-plan">Placement plan \(5 working days\)<\/option>/);
  assert.match(blank.body, /<option value="foster-carer-review">Foster carer review \(12 months\)<\/option>/);

  const res = await c.get(`${paths.calendar.workingDays}?from-day=21&from-month=12&from-year=2023&add=&obligation=placement-plan&to-day=&to-month=&to-year=`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<h2 class="govuk-panel__title">\s*Tuesday 2 January 2024\s*</);
  assert.match(res.body, /Placement plan: due 5 working days after the day the placement started \(Thursday 21 December 2023\)/);
  assert.match(res.body, /within 5 working days of the placement starting/, 'the rule');
  assert.match(res.body, /<a class="govuk-link" href="https:\/\/www.legislation.gov.uk\/uksi\/2010\/959\/regulation\/9">CPPCR reg 9\(1\)–\(3\)<\/a>/);
  assert.match(res.body, new RegExp(`<a class="govuk-link" href="${paths.obligations.rule('placement-plan')}">Placement plan: the rule in full`));
  assert.match(res.body, /Bank holiday: New Year(’|&#39;|')s Day/);
  assert.match(res.body, /<option value="placement-plan" selected>/, 'the choice is kept');

  // A calendar period: nothing skipped, and a due date on a bank holiday is said to be one, not moved.
  const visit = await c.get(`${paths.calendar.workingDays}?from-day=18&from-month=12&from-year=2023&obligation=social-worker-visits`);
  assert.equal(visit.statusCode, 200);
  assert.match(visit.body, /<h2 class="govuk-panel__title">\s*Monday 25 December 2023\s*</);
  assert.match(visit.body, /Monday 25 December 2023 is a bank holiday \(Christmas Day\), not a working day. The due date is not moved to a working day./);
  assert.match(visit.body, /This rule counts calendar weeks, so weekends and bank holidays count like any other day and none are skipped/);
  assert.doesNotMatch(visit.body, /Weekends and bank holidays skipped/);

  // Due on the day itself.
  const agreement = await c.get(`${paths.calendar.workingDays}?from-day=8&from-month=1&from-year=2024&obligation=concurrent-placement-agreement`);
  assert.match(agreement.body, /due on the day the placement started \(Monday 8 January 2024\)/);
  assert.match(agreement.body, /due on the start date itself/);
});

test('obligation mistakes on the page show the error summary linked to the field', async () => {
  const c = await signIn(w.app, 'team_manager');
  const both = await c.get(`${paths.calendar.workingDays}?from-day=21&from-month=12&from-year=2023&add=5&obligation=placement-plan`);
  assert.equal(both.statusCode, 400);
  assert.match(both.body, /There is a problem/);
  assert.match(both.body, /href="#add"[^>]*>Enter either a number of working days or an obligation, not both/);
  assert.match(both.body, /<option value="placement-plan" selected>/);

  const unknown = await c.get(`${paths.calendar.workingDays}?from-day=21&from-month=12&from-year=2023&obligation=not-a-rule`);
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /href="#obligation"[^>]*>Select an obligation/);
  assert.match(unknown.body, /<p id="obligation-error" class="govuk-error-message">/);

  const withEnd = await c.get(`${paths.calendar.workingDays}?from-day=21&from-month=12&from-year=2023&obligation=care-plan&to-day=2&to-month=1&to-year=2024`);
  assert.equal(withEnd.statusCode, 400);
  assert.match(withEnd.body, /href="#obligation"[^>]*>Select either an obligation or an end date, not both/);
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
  assert.match(missing.body, /Enter a number of working days, select an obligation or enter an end date/);

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
