/**
 * Routes seen succeeding and writing the audit action they declare (test/audit-coverage.ts): each
 * test makes the request through HTTP, checks what it did (status, the record changed or shown) and
 * the audit rows written under the request's correlation id.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { testWorld, clientsFor, apiCaller, tokenFor, bearer, childInserter, signIn, type TestWorld } from './helpers.ts';
import { actingAs, auditRows, auditSubjects } from './audit-declared-fixtures.ts';
import { apiToken, householdEvent, missingEpisode, organisation } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';
import { editMissingPath } from '../src/web/presenters/children.ts';
import type { Role } from '../src/domain/access/index.ts';

let w: TestWorld;
let pmToken: string;
before(async () => {
  w = await testWorld();
  pmToken = await tokenFor(w, 'placement_officer');
});
after(async () => w.close());

const db = () => w.database.db;
const as = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => pmToken);
const ctx = (role: Role = 'placement_officer') => actingAs(w, role);
const insertChild = childInserter(() => w, (n) => ({ reference: `AD${String(n).padStart(4, '0')}`, lastName: 'Declared' }));

const written = (res: LightMyRequestResponse) => auditRows(w, res);
const subjects = (res: LightMyRequestResponse) => auditSubjects(w, res);

async function actions(res: LightMyRequestResponse) {
  return (await written(res)).map((r) => r.action);
}

async function makeHousehold(overrides: Record<string, unknown> = {}) {
  return w.services.households.create(ctx(), {
    carer1FirstName: 'Owen',
    carer1LastName: 'Declan',
    addressLine1: '9 Quarry Road',
    town: 'Stoneham',
    postcode: 'ST9 1QR',
    fosteringServiceId: w.laId,
    // Supervised by the world's SSW, whose team keeps the household (caseload access).
    supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
    approvalStatus: 'approved',
    approvalDate: '2022-09-14',
    approvedChildren: 3,
    ageMin: 0,
    ageMax: 17,
    placementKinds: ['long_term', 'short_term'],
    skillLevel: 3,
    ...overrides,
  });
}

test('signing out ends the session and is audited as auth.sign-out', async () => {
  // Its own client: the cached ones must stay signed in.
  const c = await signIn(w.app, 'iro');
  const res = await c.post(paths.signOut);
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, paths.signIn);
  const rows = await written(res);
  assert.deepEqual(rows.map((r) => [r.action, r.subjectType, r.subjectId]), [['auth.sign-out', 'session', w.users.iro.userId]]);
  const after = await c.get(paths.children.list);
  assert.equal(after.statusCode, 303, 'the session no longer opens pages');
  assert.equal(after.headers.location, `${paths.signIn}?returnTo=${encodeURIComponent(paths.children.list)}`);
});

test('the organisations list shows the organisations and is audited as organisation.listed', async () => {
  await db().insert(organisation).values({ kind: 'fostering_agency', name: 'Listed Hearths Fostering' });
  const c = await as('iro');
  const res = await c.get(`${paths.organisations.list}?q=Listed`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Listed Hearths Fostering/);
  assert.doesNotMatch(res.body, /Testshire County Council/);
  assert.deepEqual(await actions(res), ['organisation.listed']);
});

test("a record's audit trail page lists who changed it and is audited as audit.viewed", async () => {
  const h = await makeHousehold({ carer1LastName: 'Trailson' });
  const c = await as('team_manager');
  const res = await c.get(paths.audit.subject('household', h.id));
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /household\.created/);
  assert.match(res.body, /Test placement officer/);
  const rows = await written(res);
  assert.deepEqual(rows.map((r) => [r.action, r.subjectType, r.subjectId]), [['audit.viewed', 'household', h.id]]);
});

test('an administrator revokes a token: it no longer works and the revocation is audited', async () => {
  const { id, token } = await w.services.auth.createToken(ctx('administrator'), w.users.iro.email, 'to be revoked');
  const before = await w.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer(token) });
  assert.equal(before.statusCode, 200);
  const c = await as('administrator');
  await c.get(paths.tokens.list);
  // The confirmation step: the page asks first; a post without its answer changes nothing.
  const ask = await c.get(paths.tokens.revoke(id));
  assert.equal(ask.statusCode, 200);
  assert.match(ask.body, /Are you sure you want to revoke the token “to be revoked”\?/);
  assert.match(ask.body, /govuk-warning-text/);
  assert.match(ask.body, /name="confirm" value="yes"/);
  const unasked = await c.post(paths.tokens.revoke(id));
  assert.equal(unasked.statusCode, 303);
  assert.equal(unasked.headers.location, paths.tokens.revoke(id));
  assert.deepEqual(await written(unasked), []);
  assert.equal((await w.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer(token) })).statusCode, 200, 'still works');
  const res = await c.post(paths.tokens.revoke(id), { confirm: 'yes' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, paths.tokens.list);
  const [row] = await db().select().from(apiToken).where(eq(apiToken.id, id));
  assert.ok(row?.revokedAt, 'the token is marked revoked');
  const rows = await written(res);
  assert.deepEqual(rows.map((r) => [r.action, r.subjectType, r.subjectId]), [['token.revoked', 'token', id]]);
  const afterwards = await w.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer(token) });
  assert.equal(afterwards.statusCode, 401);
  assert.match((await c.get(paths.tokens.list)).body, /govuk-notification-banner--success[\s\S]*API token revoked/, 'a success banner');
  assert.equal((await c.get(paths.tokens.revoke(id))).statusCode, 404, 'a revoked token is not offered again');
});

test("a household's new-event form shows the household and is audited as household.viewed", async () => {
  const h = await makeHousehold({ carer1LastName: 'Formby' });
  const c = await as('supervising_social_worker');
  const res = await c.get(paths.obligations.newHouseholdEvent(h.id));
  assert.equal(res.statusCode, 200);
  assert.match(res.body, new RegExp(`Household ${h.reference}`));
  assert.match(res.body, /Foster carer review completed/);
  const rows = await written(res);
  assert.deepEqual(rows.map((r) => [r.action, r.subjectType, r.subjectId]), [['household.viewed', 'household', h.id]]);
});

test('the API reads and changes an organisation, audited as organisation.viewed and organisation.updated', async () => {
  const [org] = await db().insert(organisation).values({ kind: 'fostering_agency', name: 'Api Read Fostering' }).returning();
  const token = await tokenFor(w, 'head_of_service');
  const got = await api('GET', `/api/v1/organisations/${org!.id}`, undefined, token);
  assert.equal(got.statusCode, 200);
  const body = got.json() as { name: string; version: number };
  assert.equal(body.name, 'Api Read Fostering');
  assert.deepEqual((await written(got)).map((r) => [r.action, r.subjectId]), [['organisation.viewed', org!.id]]);

  const put = await api('PUT', `/api/v1/organisations/${org!.id}`, { version: body.version, kind: 'fostering_agency', name: 'Api Renamed Fostering' }, token);
  assert.equal(put.statusCode, 200);
  assert.equal((put.json() as { name: string }).name, 'Api Renamed Fostering');
  const [row] = await db().select().from(organisation).where(eq(organisation.id, org!.id));
  assert.equal(row?.name, 'Api Renamed Fostering');
  assert.equal(row?.version, body.version + 1);
  const acts = await actions(put);
  assert.ok(acts.includes('organisation.updated'), `wrote ${acts.join(', ')}`);
  assert.deepEqual(acts.filter((a) => a !== 'organisation.viewed'), ['organisation.updated']);
});

test("the API lists a child's recorded events, audited as obligation.listed", async () => {
  const ch = await insertChild();
  await w.services.obligations.recordChildEvent(ctx('social_worker'), ch.id, { kind: 'care_plan_completed', eventDate: '2024-03-01', evidence: 'Care plan on file' });
  const res = await api('GET', paths.api.childEvents(ch.id));
  assert.equal(res.statusCode, 200);
  const events = res.json() as { kind: string; eventDate: string }[];
  assert.deepEqual(events.map((e) => [e.kind, e.eventDate]), [['care_plan_completed', '2024-03-01']]);
  assert.deepEqual(await subjects(res), [['obligation.listed', 'child', ch.id]]);
});

test("the API records, lists and corrects a household's events, each audited as declared", async () => {
  const h = await makeHousehold({ carer1LastName: 'Eventide' });
  const recorded = await api('POST', paths.api.householdEvents(h.id), { kind: 'carer_review_held', eventDate: '2024-05-02', evidence: 'Review minutes on file' });
  assert.equal(recorded.statusCode, 201);
  const { id: eventId } = recorded.json() as { id: string };
  const [stored] = await db().select().from(householdEvent).where(eq(householdEvent.id, eventId));
  assert.equal(stored?.householdId, h.id);
  assert.equal(stored?.eventDate, '2024-05-02');
  assert.deepEqual(await subjects(recorded), [['obligation.event.recorded', 'household', h.id]]);

  const listed = await api('GET', paths.api.householdEvents(h.id));
  assert.equal(listed.statusCode, 200);
  const events = listed.json() as { id: string; kind: string; version: number }[];
  assert.deepEqual(events.map((e) => [e.id, e.kind]), [[eventId, 'carer_review_held']]);
  assert.deepEqual(await actions(listed), ['obligation.listed']);

  const corrected = await api('PUT', paths.api.householdEvent(h.id, eventId), {
    version: events[0]!.version,
    eventDate: '2024-05-03',
    evidence: 'Review minutes on file (dated the day after)',
    reason: 'The review was held the day after',
  });
  assert.equal(corrected.statusCode, 200);
  assert.equal((corrected.json() as { eventDate: string }).eventDate, '2024-05-03');
  const [after] = await db().select().from(householdEvent).where(eq(householdEvent.id, eventId));
  assert.equal(after?.eventDate, '2024-05-03');
  const rows = await written(corrected);
  assert.deepEqual(rows.map((r) => r.action), ['obligation.event.corrected', 'obligation.listed']);
  assert.equal(rows[0]!.details.reason, 'The review was held the day after');
});

test('a social worker changes a missing period through the form, audited as missing.updated', async () => {
  const ch = await insertChild();
  const m = await w.services.children.addMissing(ctx('social_worker'), ch.id, { kind: 'M', startedOn: '2024-02-01', endedOn: null });
  const c = await as('social_worker');
  const form = await c.get(editMissingPath(ch.id, m.id));
  assert.equal(form.statusCode, 200);
  const res = await c.post(editMissingPath(ch.id, m.id), {
    version: String(m.version),
    kind: 'M',
    'startedOn-day': '1',
    'startedOn-month': '2',
    'startedOn-year': '2024',
    'endedOn-day': '4',
    'endedOn-month': '2',
    'endedOn-year': '2024',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  assert.equal(res.headers.location, `${paths.children.show(ch.id)}#missing`);
  const [row] = await db().select().from(missingEpisode).where(eq(missingEpisode.id, m.id));
  assert.equal(row?.endedOn, '2024-02-04');
  const rows = await written(res);
  assert.deepEqual(rows.map((r) => [r.action, r.subjectId]), [['missing.updated', ch.id]]);
  assert.deepEqual(rows[0]!.details.fields, ['endedOn']);
});
