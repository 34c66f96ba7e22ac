import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { testWorld, clientsFor, apiCaller, tokenFor, type TestWorld } from './helpers.ts';
import { auditEvent, externalContact, organisation } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';

let w: TestWorld;
let otherLaId: string;
let swToken: string;
before(async () => {
  w = await testWorld();
  const [org] = await w.database.db.insert(organisation).values({ kind: 'local_authority', name: 'Otherborough Council', laCode: '992' }).returning();
  otherLaId = org!.id;
  swToken = await tokenFor(w, 'social_worker');
});
after(async () => w.close());

/** Signed-in clients, one per role, reused: sign-in is rate limited. */
const as = clientsFor(() => w.app);

const api = apiCaller(() => w.app, () => swToken);

async function contactsNamed(name: string) {
  return w.database.db.select().from(externalContact).where(eq(externalContact.fullName, name));
}

async function countContacts() {
  const [row] = await w.database.db.select({ n: sql<number>`count(*)::int` }).from(externalContact);
  return row!.n;
}

test('a social worker adds a contact at a known authority; the organisation name is copied; it is audited', async () => {
  const c = await as('social_worker');
  const page = await c.get(paths.contacts.new);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Otherborough Council/);
  const res = await c.post(paths.contacts.new, { fullName: 'Sam Okafor', role: 'Social worker', organisationId: otherLaId, organisationName: '', email: 'Sam.Okafor@Otherborough.test', phone: '01632 960 001' });
  assert.equal(res.statusCode, 303);
  const [row] = await contactsNamed('Sam Okafor');
  assert.ok(row);
  assert.equal(res.headers.location, paths.contacts.show(row.id));
  assert.equal(row.organisationId, otherLaId);
  assert.equal(row.organisationName, 'Otherborough Council');
  assert.equal(row.email, 'sam.okafor@otherborough.test');
  assert.equal(row.phone, '01632 960 001');
  const audits = await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, row.id));
  assert.deepEqual(audits.map((a) => a.action), ['contact.created']);
  assert.equal(audits[0]?.actorUserId, w.users.social_worker.userId);

  const show = await c.get(paths.contacts.show(row.id));
  assert.equal(show.statusCode, 200);
  assert.match(show.body, /Sam Okafor/);
  assert.match(show.body, /sam.okafor@otherborough.test/);
  assert.match(show.body, new RegExp(`href="${paths.organisations.show(otherLaId)}"`));
  assert.match(show.body, new RegExp(paths.contacts.edit(row.id)));
  assert.doesNotMatch(show.body, new RegExp(paths.audit.subject('contact', row.id)), 'a social worker has no audit:read');
  const viewed = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, row.id), eq(auditEvent.action, 'contact.viewed')));
  assert.equal(viewed.length, 1);

  const tm = await as('team_manager');
  const asTm = await tm.get(paths.contacts.show(row.id));
  assert.match(asTm.body, new RegExp(`href="${paths.audit.subject('contact', row.id)}"`));
});

test('a contact at an organisation Hearth does not know keeps the typed name', async () => {
  const c = await as('placement_officer');
  await c.get(paths.contacts.new);
  const res = await c.post(paths.contacts.new, { fullName: 'Jo Health', role: 'Health visitor', organisationId: '', organisationName: 'Testshire NHS Trust', email: '', phone: '' });
  assert.equal(res.statusCode, 303);
  const [row] = await contactsNamed('Jo Health');
  assert.equal(row?.organisationId, null);
  assert.equal(row?.organisationName, 'Testshire NHS Trust');
  assert.equal(row?.email, null);
  assert.equal(row?.phone, null);
  const show = await c.get(paths.contacts.show(row!.id));
  assert.match(show.body, /Testshire NHS Trust/);
  assert.match(show.body, /Not recorded/);
});

test('bad input on the form shows every error, keeps the input and stores nothing', async () => {
  const c = await as('supervising_social_worker');
  await c.get(paths.contacts.new);
  const before = await countContacts();
  const missing = await c.post(paths.contacts.new, { fullName: '', role: '', organisationId: '', organisationName: '' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /There is a problem/);
  assert.match(missing.body, /Enter the full name/);
  assert.match(missing.body, /Enter the role/);
  const noOrg = await c.post(paths.contacts.new, { fullName: 'Kept Person', role: 'Therapist', organisationId: '', organisationName: '' });
  assert.equal(noOrg.statusCode, 400);
  assert.match(noOrg.body, /Select an organisation or enter the organisation&#39;s name|Select an organisation or enter the organisation's name/);
  assert.match(noOrg.body, /value="Kept Person"/);
  const wrong = await c.post(paths.contacts.new, { fullName: 'x'.repeat(201), role: 'Therapist', organisationId: 'not-a-uuid', organisationName: '', email: 'nope', phone: 'ring me' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /200 characters or fewer/);
  assert.match(wrong.body, /Select an organisation/);
  assert.match(wrong.body, /correct format/);
  assert.match(wrong.body, /7 to 20 characters/);
  const unknownOrg = await c.post(paths.contacts.new, { fullName: 'Ghost Org', role: 'Therapist', organisationId: '00000000-0000-4000-8000-000000000000', organisationName: '' });
  assert.equal(unknownOrg.statusCode, 400);
  assert.match(unknownOrg.body, /Select an organisation from the list/);
  assert.equal(await countContacts(), before);
});

test('editing a contact, and a stale edit refused on the page and the API', async () => {
  const created = await api('POST', '/api/v1/contacts', { fullName: 'Edit Me', role: 'Social worker', organisationName: 'Farshire Council' });
  assert.equal(created.statusCode, 201);
  const { id } = created.json() as { id: string };
  const c = await as('team_manager');
  const edit = await c.get(paths.contacts.edit(id));
  assert.equal(edit.statusCode, 200);
  assert.match(edit.body, /value="Farshire Council"/);
  assert.match(edit.body, /name="version" value="1"/);
  const first = await c.post(paths.contacts.edit(id), { fullName: 'Edited Once', role: 'Team manager', organisationId: otherLaId, organisationName: '', email: '', phone: '+44 1632 960 002', version: '1' });
  assert.equal(first.statusCode, 303);
  const second = await c.post(paths.contacts.edit(id), { fullName: 'Edited Twice', role: 'Team manager', organisationId: '', organisationName: 'Somewhere', version: '1' });
  assert.equal(second.statusCode, 409);
  assert.match(second.body, /changed by someone else since you opened it/);
  const viaApi = await api('PUT', `/api/v1/contacts/${id}`, { fullName: 'Api Stale', role: 'x', organisationName: 'y', version: 1 });
  assert.equal(viaApi.statusCode, 409);
  const [row] = await w.database.db.select().from(externalContact).where(eq(externalContact.id, id));
  assert.equal(row?.fullName, 'Edited Once');
  assert.equal(row?.organisationName, 'Otherborough Council');
  assert.equal(row?.phone, '+44 1632 960 002');
  assert.equal(row?.version, 2);
  const updated = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, id), eq(auditEvent.action, 'contact.updated')));
  assert.equal(updated.length, 1);
  assert.equal(updated[0]?.actorUserId, w.users.team_manager.userId);
});

test('the contact list searches by name, email and organisation and filters by role and organisation; it is audited', async () => {
  for (const body of [
    { fullName: 'Alpha Finder', role: 'Independent reviewing officer', organisationName: 'Northshire Council', email: 'alpha@northshire.test' },
    { fullName: 'Beta Finder', role: 'Social worker', organisationId: otherLaId, email: 'beta@elsewhere.test' },
  ]) {
    assert.equal((await api('POST', '/api/v1/contacts', body)).statusCode, 201);
  }
  const c = await as('iro');
  const byName = await c.get(`${paths.contacts.list}?q=alpha+finder`);
  assert.equal(byName.statusCode, 200);
  assert.match(byName.body, /Alpha Finder/);
  assert.doesNotMatch(byName.body, /Beta Finder/);
  assert.doesNotMatch(byName.body, /Add a contact/, 'an IRO cannot add contacts');
  const byEmail = await c.get(`${paths.contacts.list}?q=beta%40elsewhere`);
  assert.match(byEmail.body, /Beta Finder/);
  assert.doesNotMatch(byEmail.body, /Alpha Finder/);
  const byOrgText = await c.get(`${paths.contacts.list}?q=northshire`);
  assert.match(byOrgText.body, /Alpha Finder/);
  assert.doesNotMatch(byOrgText.body, /Beta Finder/);
  const byRole = await c.get(`${paths.contacts.list}?q=finder&role=reviewing`);
  assert.match(byRole.body, /Alpha Finder/);
  assert.doesNotMatch(byRole.body, /Beta Finder/);
  const byOrg = await c.get(`${paths.contacts.list}?q=finder&organisationId=${otherLaId}`);
  assert.match(byOrg.body, /Beta Finder/);
  assert.doesNotMatch(byOrg.body, /Alpha Finder/);
  assert.match(byOrg.body, /1 contact\b/);
  const listed = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'contact.listed'), eq(auditEvent.actorUserId, w.users.iro.userId)));
  assert.equal(listed.length, 5);

  const viaApi = await api('GET', `/api/v1/contacts?q=finder&role=social`);
  assert.equal(viaApi.statusCode, 200);
  const body = viaApi.json() as { items: { fullName: string; organisationName: string }[]; truncated: boolean };
  assert.deepEqual(body.items.map((x) => [x.fullName, x.organisationName]), [['Beta Finder', 'Otherborough Council']]);
  assert.equal(body.truncated, false);
});

test('an IRO may read contacts but not add or change them', async () => {
  const created = await api('POST', '/api/v1/contacts', { fullName: 'Read Only', role: 'Solicitor', organisationName: 'Law & Co' });
  const { id } = created.json() as { id: string };
  const c = await as('iro');
  assert.equal((await c.get(paths.contacts.show(id))).statusCode, 200);
  assert.doesNotMatch((await c.get(paths.contacts.show(id))).body, new RegExp(paths.contacts.edit(id)));
  const before = await countContacts();
  assert.equal((await c.get(paths.contacts.new)).statusCode, 403);
  assert.equal((await c.post(paths.contacts.new, { fullName: 'Nope', role: 'x', organisationName: 'y' })).statusCode, 403);
  assert.equal((await c.get(paths.contacts.edit(id))).statusCode, 403);
  assert.equal((await c.post(paths.contacts.edit(id), { fullName: 'Nope', role: 'x', organisationName: 'y', version: '1' })).statusCode, 403);
  const iroToken = await tokenFor(w, 'iro');
  assert.equal((await api('POST', '/api/v1/contacts', { fullName: 'Nope', role: 'x', organisationName: 'y' }, iroToken)).statusCode, 403);
  assert.equal((await api('PUT', `/api/v1/contacts/${id}`, { fullName: 'Nope', role: 'x', organisationName: 'y', version: 1 }, iroToken)).statusCode, 403);
  assert.equal((await api('GET', `/api/v1/contacts/${id}`, undefined, iroToken)).statusCode, 200);
  assert.equal(await countContacts(), before);
  assert.equal((await contactsNamed('Read Only'))[0]?.version, 1);
});

test('the API creates, reads and changes contacts and rejects bad input with a problem response', async () => {
  const created = await api('POST', '/api/v1/contacts', { fullName: 'Api Contact', role: 'Social worker', organisationId: otherLaId, organisationName: 'Ignored Name', email: 'API@Other.test', phone: '07700 900123' });
  assert.equal(created.statusCode, 201);
  const c = created.json() as { id: string; organisationName: string; email: string; version: number };
  assert.equal(c.organisationName, 'Otherborough Council', 'a known organisation wins over a typed name');
  assert.equal(c.email, 'api@other.test');
  assert.equal(c.version, 1);
  const got = await api('GET', `/api/v1/contacts/${c.id}`);
  assert.equal((got.json() as { fullName: string }).fullName, 'Api Contact');
  const put = await api('PUT', `/api/v1/contacts/${c.id}`, { fullName: 'Api Contact', role: 'Team manager', organisationName: 'Free Text Org', email: null, phone: null, version: 1 });
  assert.equal(put.statusCode, 200);
  const after = put.json() as { role: string; organisationId: string | null; organisationName: string; email: string | null; version: number };
  assert.deepEqual([after.role, after.organisationId, after.organisationName, after.email, after.version], ['Team manager', null, 'Free Text Org', null, 2]);

  const before = await countContacts();
  const bad = await api('POST', '/api/v1/contacts', { fullName: 12, role: null, organisationId: 'abc', email: 'x@', phone: '12' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.headers['content-type'] as string, /application\/problem\+json/);
  assert.deepEqual((bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort(), ['email', 'fullName', 'organisationId', 'phone', 'role']);
  const oversized = await api('POST', '/api/v1/contacts', { fullName: 'Big', role: 'r'.repeat(5000), organisationName: 'o' });
  assert.equal(oversized.statusCode, 400);
  assert.match(oversized.body, /100 characters or fewer/);
  const noOrg = await api('POST', '/api/v1/contacts', { fullName: 'No Org', role: 'Social worker' });
  assert.equal(noOrg.statusCode, 400);
  assert.deepEqual((noOrg.json() as { errors: { field: string }[] }).errors.map((e) => e.field), ['organisationId']);
  const unknownOrg = await api('POST', '/api/v1/contacts', { fullName: 'Ghost', role: 'Social worker', organisationId: '00000000-0000-4000-8000-000000000000' });
  assert.equal(unknownOrg.statusCode, 400);
  assert.equal((await api('POST', '/api/v1/contacts', ['not', 'an', 'object'])).statusCode, 400);
  const noVersion = await api('PUT', `/api/v1/contacts/${c.id}`, { fullName: 'Api Contact', role: 'x', organisationName: 'y' });
  assert.equal(noVersion.statusCode, 400);
  const badPut = await api('PUT', `/api/v1/contacts/${c.id}`, { fullName: '', role: 'x', organisationName: 'y', version: 2 });
  assert.equal(badPut.statusCode, 400);
  assert.equal(await countContacts(), before);
  assert.equal((await contactsNamed('Api Contact'))[0]?.version, 2);
  assert.equal((await api('GET', '/api/v1/contacts/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  assert.equal((await api('GET', '/api/v1/contacts/not-a-uuid')).statusCode, 404);
});

test('the API pages the contact list by name, then organisation, then id: every match once and in order, the true total; a page past the last gives the last; bad paging or organisationId is refused', async () => {
  // Two named apart, and five with the same name at the same organisation (only their ids tell them apart).
  const rows = await w.database.db
    .insert(externalContact)
    .values([
      { fullName: 'Pagewell Zed', role: 'Social worker', organisationName: 'Pagewell Council' },
      { fullName: 'Pagewell Abe', role: 'Social worker', organisationName: 'Pagewell Council' },
      ...Array.from({ length: 5 }, () => ({ fullName: 'Pagewell Same', role: 'Social worker', organisationName: 'Pagewell Council' })),
    ])
    .returning();
  const same = rows.filter((r) => r.fullName === 'Pagewell Same').map((r) => r.id).sort();
  const expected = [rows.find((r) => r.fullName === 'Pagewell Abe')!.id, ...same, rows.find((r) => r.fullName === 'Pagewell Zed')!.id];
  type Page = { items: { id: string }[]; total: number; page: number; pages: number; pageSize: number; truncated: boolean };
  const get = async (query: string) => {
    const res = await api('GET', `/api/v1/contacts?q=Pagewell&${query}`);
    assert.equal(res.statusCode, 200, query);
    return res.json() as Page;
  };
  const first = await get('limit=4');
  const second = await get('limit=4&page=2');
  assert.deepEqual([...first.items, ...second.items].map((x) => x.id), expected, 'page 1 and page 2 together hold every match once, in order');
  assert.deepEqual(
    [first, second].map((p) => ({ n: p.items.length, total: p.total, page: p.page, pages: p.pages, pageSize: p.pageSize, truncated: p.truncated })),
    [
      { n: 4, total: 7, page: 1, pages: 2, pageSize: 4, truncated: true },
      { n: 3, total: 7, page: 2, pages: 2, pageSize: 4, truncated: false },
    ],
  );
  for (let i = 0; i < 3; i++) assert.deepEqual((await get('limit=2&page=2')).items.map((x) => x.id), expected.slice(2, 4), 'the same page each time');
  const beyond = await get('limit=4&page=9');
  assert.deepEqual([beyond.page, beyond.pages, beyond.truncated, beyond.items.map((x) => x.id)], [2, 2, false, expected.slice(4)], 'a page past the last gives the last');
  const whole = await get('');
  assert.deepEqual([whole.items.map((x) => x.id), whole.total, whole.pageSize, whole.truncated], [expected, 7, 500, false], 'without page and limit: up to 500, as before');
  for (const bad of ['limit=0', 'limit=501', 'page=0', 'page=x']) {
    const refused = await api('GET', `/api/v1/contacts?${bad}`);
    assert.equal(refused.statusCode, 400, bad);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/, bad);
    assert.deepEqual((refused.json() as { errors: { field: string }[] }).errors.map((e) => e.field), [bad.split('=')[0]], bad);
  }
  const badOrg = await api('GET', '/api/v1/contacts?organisationId=otherborough');
  assert.equal(badOrg.statusCode, 400);
  assert.deepEqual((badOrg.json() as { errors: unknown[] }).errors, [{ field: 'organisationId', message: 'Organisation id must be an id (a UUID)' }]);
});
