/**
 * The child's other names (nicknames, preferred and previous names) and family members (name and
 * relationship): kept on the child record through the service, the pages and the API, so that the
 * anonymised summary can remove them (test/anonymised-summary.test.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { apiCaller, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { auditEvent, child } from '../src/data/schema.ts';
import { ValidationError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';
import { rowListsFromForm } from '../src/web/routes/children.ts';

let w: TestWorld;
let token = '';
let seq = 0;

before(async () => {
  w = await testWorld();
  token = await tokenFor(w, 'social_worker');
});
after(async () => w.close());

const as = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => token);
const ctx = () => ({ actor: w.users.social_worker });

function childBody(extra: Record<string, unknown> = {}) {
  seq += 1;
  return {
    firstName: 'Tallulah',
    lastName: 'Okonkwo',
    dateOfBirth: '2015-04-03',
    sex: 'F',
    ethnicity: 'BAFR',
    upn: `N${String(100000000000 + seq).slice(1)}A`,
    responsibleAuthorityId: w.laId,
    socialWorkerId: w.users.social_worker.userId,
    categoryOfNeed: 'N1',
    ...extra,
  };
}

/** The form fields for a child, with the date of birth split as the GOV.UK date input posts it. */
function childForm(extra: Record<string, string> = {}) {
  const { dateOfBirth, ...rest } = childBody() as Record<string, string>;
  const [y, m, d] = (dateOfBirth as string).split('-');
  return { ...rest, 'dateOfBirth-day': d!, 'dateOfBirth-month': m!, 'dateOfBirth-year': y!, uasc: 'no', isMother: 'no', ...extra };
}

const errorsOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ValidationError, String(err));
    return err.errors;
  }
  assert.fail('expected a ValidationError');
};

test('the service keeps other names and family members, drops blank rows, and keeps them when a change leaves them out', async () => {
  const s = w.services.children;
  const c = await s.create(ctx(), {
    ...childBody(),
    otherNames: [{ name: ' Lulu ', kind: 'nickname' }, { name: '', kind: '' }, { name: 'Tallulah  Brennan', kind: 'previous' }],
    familyMembers: [{ name: 'Marguerite Fairweather', relationship: 'mother' }, { name: "Desmond O'Shaughnessy", relationship: 'father' }],
  });
  assert.deepEqual(c.otherNames, [{ name: 'Lulu', kind: 'nickname' }, { name: 'Tallulah Brennan', kind: 'previous' }]);
  assert.deepEqual(c.familyMembers.map((m) => m.relationship), ['mother', 'father']);

  // A change that does not send them (an older API client) keeps them; [] removes them.
  const rest = childBody({ upn: c.upn });
  await s.update(ctx(), c.id, c.version, { ...rest, firstName: 'Tallie' });
  let got = await s.get(ctx(), c.id);
  assert.equal(got.firstName, 'Tallie');
  assert.equal(got.otherNames.length, 2);
  assert.equal(got.familyMembers.length, 2);
  const mother = got.familyMembers[0]!.id;
  await s.update(ctx(), c.id, got.version, { ...rest, otherNames: [], familyMembers: [{ name: 'Marguerite Fairweather', relationship: 'mother' }] });
  got = await s.get(ctx(), c.id);
  assert.deepEqual(got.otherNames, []);
  assert.deepEqual(got.familyMembers, [{ id: mother, name: 'Marguerite Fairweather', relationship: 'mother' }], 'the same person is kept when the list is sent again');

  // The audit says which fields changed, not the names.
  const audits = await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, c.id));
  const last = audits.filter((a) => a.action === 'child.updated').at(-1)!;
  assert.ok((last.details as { fields: string[] }).fields.includes('familyMembers'));
  assert.doesNotMatch(JSON.stringify(last.details), /Marguerite/);

  // A child made without them has none.
  const plain = await s.create(ctx(), childBody());
  assert.deepEqual([plain.otherNames, plain.familyMembers], [[], []]);
});

test('a child is found by a nickname or previous name', async () => {
  const c = await w.services.children.create(ctx(), { ...childBody({ firstName: 'Ezinne' }), otherNames: [{ name: 'Zizi Quartermain', kind: 'previous' }] });
  const { items } = await w.services.children.list(ctx(), { q: 'quartermain' });
  assert.deepEqual(items.map((i) => i.id), [c.id]);
});

test('bad rows get a clear message naming the row, and nothing is saved', async () => {
  const before = (await w.database.db.select({ id: child.id }).from(child)).length;
  const errors = await errorsOf(
    w.services.children.create(ctx(), {
      ...childBody(),
      otherNames: [{ name: 'Lulu', kind: '' }, { name: '', kind: 'previous' }, { name: '12345', kind: 'nickname' }, { name: 'Bo', kind: 'alias' }],
      familyMembers: [{ name: 'Des', relationship: '' }, { name: '', relationship: 'aunt' }, { name: 'x'.repeat(101), relationship: 'uncle' }],
    }),
  );
  assert.deepEqual(
    errors.map((e) => `${e.field}: ${e.message}`),
    [
      'otherNames.0.kind: Other name 1: select whether it is a nickname or preferred name, a previous name or another name',
      'otherNames.1.name: Other name 2: enter the name',
      'otherNames.2.name: Other name 3: the name must include letters',
      'otherNames.3.kind: Other name 4: select whether it is a nickname or preferred name, a previous name or another name',
      'familyMembers.0.relationship: Family member 1: enter how they are related to the child, for example mother or maternal grandmother',
      'familyMembers.1.name: Family member 2: enter their name',
      'familyMembers.2.name: Family member 3: the name must be 100 characters or fewer',
    ],
  );
  const tooMany = await errorsOf(w.services.children.create(ctx(), { ...childBody(), otherNames: Array.from({ length: 11 }, (_, i) => ({ name: `Name${'abcdefghijk'[i]}`, kind: 'other' })) }));
  assert.deepEqual(tooMany, [{ field: 'otherNames', message: 'Enter at most 10 other names' }]);
  const notAList = await errorsOf(w.services.children.create(ctx(), { ...childBody(), familyMembers: 'mum' }));
  assert.deepEqual(notAList, [{ field: 'familyMembers', message: 'Family members must be a list' }]);
  assert.equal((await w.database.db.select({ id: child.id }).from(child)).length, before);
});

test('the form posts rows as list.index.field, in row order', () => {
  assert.deepEqual(
    rowListsFromForm({ 'otherNames.1.name': 'B', 'otherNames.0.name': 'A', 'otherNames.0.kind': 'nickname', 'familyMembers.0.relationship': ['aunt', 'x'], 'otherNames.0.other': 'ignored', 'evil.0.name': 'x', 'otherNames.99999.name': 'too far' }),
    { otherNames: [{ name: 'A', kind: 'nickname' }, { name: 'B' }], familyMembers: [{ relationship: 'aunt' }] },
  );
});

test('pages: add a child with other names and family members, see them on the child page, change them, and see row errors', async () => {
  const sw = await as('social_worker');
  const blank = await sw.get(paths.children.new);
  assert.equal(blank.statusCode, 200);
  for (const id of ['otherNames.0.name', 'otherNames.1.kind', 'familyMembers.1.relationship']) assert.match(blank.body, new RegExp(`id="${id.replace(/\./g, '\\.')}"`));
  assert.match(blank.body, /<h2 class="govuk-heading-m[^"]*" id="otherNames">Other names<\/h2>/);

  const created = await sw.post(
    paths.children.new,
    childForm({
      firstName: 'Jadeyn',
      'otherNames.0.name': 'Jadz',
      'otherNames.0.kind': 'nickname',
      'otherNames.1.name': '',
      'otherNames.1.kind': '',
      'familyMembers.0.name': 'Marguerite Fairweather',
      'familyMembers.0.relationship': 'Mother',
      'familyMembers.1.name': '',
      'familyMembers.1.relationship': '',
    }),
  );
  assert.equal(created.statusCode, 303, created.body.slice(0, 2000));
  const page = await sw.get(created.headers.location as string);
  assert.match(page.body, /Other names/);
  assert.match(page.body, /<li>Jadz \(nickname or preferred name\)<\/li>/);
  assert.match(page.body, /<li>Marguerite Fairweather \(Mother\)<\/li>/);

  const id = (created.headers.location as string).split('/').pop()!;
  const edit = await sw.get(paths.children.edit(id));
  assert.match(edit.body, /name="otherNames\.0\.name"[^>]*value="Jadz"/);
  assert.match(edit.body, /id="otherNames\.2\.name"/, 'spare rows after those held');
  const version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;

  // A row half filled in: the page comes back with the error on that row, linked from the summary, and the input kept.
  const bad = await sw.post(
    paths.children.edit(id),
    childForm({ firstName: 'Jadeyn', version, 'otherNames.0.name': 'Jadz', 'otherNames.0.kind': 'nickname', 'familyMembers.0.name': 'Marguerite Fairweather', 'familyMembers.0.relationship': '' }),
  );
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /href="#familyMembers\.0\.relationship">Family member 1: enter how they are related to the child/);
  assert.match(bad.body, /name="familyMembers\.0\.name"[^>]*value="Marguerite Fairweather"/);

  const good = await sw.post(
    paths.children.edit(id),
    childForm({ firstName: 'Jadeyn', version, 'otherNames.0.name': '', 'otherNames.0.kind': '', 'familyMembers.0.name': 'Marguerite Fairweather', 'familyMembers.0.relationship': 'mother' }),
  );
  assert.equal(good.statusCode, 303, good.body.slice(0, 2000));
  const got = await w.services.children.get(ctx(), id);
  assert.deepEqual(got.otherNames, []);
  assert.deepEqual(got.familyMembers.map(({ name, relationship }) => ({ name, relationship })), [{ name: 'Marguerite Fairweather', relationship: 'mother' }]);
});

test('too many rows posted: the error links to the list', async () => {
  const sw = await as('social_worker');
  const rows: Record<string, string> = {};
  for (let i = 0; i < 11; i++) Object.assign(rows, { [`otherNames.${i}.name`]: `Name ${'abcdefghijk'[i]}`, [`otherNames.${i}.kind`]: 'other' });
  const res = await sw.post(paths.children.new, childForm(rows));
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /href="#otherNames">Enter at most 10 other names/);
  assert.match(res.body, /class="govuk-error-message"><span class="govuk-visually-hidden">Error:<\/span> Enter at most 10 other names/);
});

test('API: other names and family members are sent, returned, described in the OpenAPI document and checked', async () => {
  const created = await api('POST', '/api/v1/children', { ...childBody(), otherNames: [{ name: 'Lulu', kind: 'nickname' }], familyMembers: [{ name: 'Des Brennan', relationship: 'uncle' }] });
  assert.equal(created.statusCode, 201, created.body);
  const c = created.json();
  const got = await api('GET', `/api/v1/children/${c.id}`);
  assert.deepEqual(got.json().otherNames, [{ name: 'Lulu', kind: 'nickname' }]);
  assert.deepEqual(got.json().familyMembers, [{ id: c.familyMembers[0].id, name: 'Des Brennan', relationship: 'uncle' }]);

  const bad = await api('PUT', `/api/v1/children/${c.id}`, { ...childBody({ upn: c.upn }), version: got.json().version, otherNames: [{ name: 'Lulu', kind: 'alias' }] });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.headers['content-type']?.toString().startsWith('application/problem+json'), true);
  assert.deepEqual(bad.json().errors, [{ field: 'otherNames.0.kind', message: 'Other name 1: select whether it is a nickname or preferred name, a previous name or another name' }]);

  const doc = (await api('GET', '/api/v1/openapi.json')).json();
  const body = doc.paths['/api/v1/children'].post.requestBody.content['application/json'].schema;
  assert.deepEqual(body.properties.otherNames.items.properties.kind.enum, ['nickname', 'previous', 'other']);
  assert.ok(body.properties.familyMembers.items.properties.relationship);
});
