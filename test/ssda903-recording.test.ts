/**
 * What the SSDA903 return needs recorded: social worker episodes, why a period of
 * care ended, missing periods, UASC and mother, review participation, an agency's provider code and
 * a social worker's Social Work England number. Codes are those of the collection year containing
 * today; anything else is refused with the message and nothing is stored.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { testWorld, clientsFor, tokenFor, apiCaller, type TestWorld } from './helpers.ts';
import { appUser, auditEvent, careEnding, child, childEvent, missingEpisode, organisation, socialWorkerEpisode } from '../src/data/schema.ts';
import { todayInEngland } from '../src/domain/dates.ts';
import { collectionYearOn } from '../src/domain/records/return-fields.ts';
import { createChildService } from '../src/services/children.ts';
import { paths } from '../src/http/paths.ts';
import { missingPath } from '../src/web/presenters/children.ts';

let w: TestWorld;
let seq = 0;
let swToken: string;
let adminToken: string;
const today = todayInEngland(new Date());

before(async () => {
  w = await testWorld();
  swToken = await tokenFor(w, 'social_worker');
  adminToken = await tokenFor(w, 'administrator');
  // The team manager is a registered social worker; the social worker has no SWE number yet.
  await w.database.db.update(appUser).set({ sweNumber: 'SW123456' }).where(eq(appUser.id, w.users.team_manager.userId));
});
after(async () => w.close());

const db = () => w.database.db;
const as = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => swToken);
const ctx = () => ({ actor: w.users.social_worker });

function childBody(extra: Record<string, unknown> = {}) {
  seq += 1;
  return {
    firstName: 'Rowan',
    lastName: 'Ash',
    dateOfBirth: '2010-05-10',
    sex: 'F',
    ethnicity: 'WBRI',
    upn: `R${String(200000000000 + seq).slice(1)}B`,
    responsibleAuthorityId: w.laId,
    socialWorkerId: w.users.social_worker.userId,
    categoryOfNeed: 'N4',
    ...extra,
  };
}

const episodesOf = (childId: string) => db().select().from(socialWorkerEpisode).where(eq(socialWorkerEpisode.childId, childId)).orderBy(socialWorkerEpisode.recordedAt);
const auditActions = async (childId: string) => (await db().select().from(auditEvent).where(eq(auditEvent.subjectId, childId))).map((a) => a.action);

test('a child created with a social worker opens the first social worker episode; a change closes it with the reason and opens the next', async () => {
  const c = await w.services.children.create(ctx(), childBody());
  let episodes = await episodesOf(c.id);
  assert.equal(episodes.length, 1);
  assert.equal(episodes[0]!.userId, w.users.social_worker.userId);
  assert.match(episodes[0]!.swId, /^XX[0-9A-F]{8}$/);
  assert.equal(episodes[0]!.startedOn, today);
  assert.equal(episodes[0]!.endedOn, null);

  // Changing the social worker without saying why is refused, and nothing changes.
  const web = await as('team_manager');
  const edit = await web.get(paths.children.edit(c.id));
  assert.match(edit.body, /Why did the social worker change\?/);
  const form = (extra: Record<string, string>) => {
    const { dateOfBirth, ...rest } = childBody({ upn: c.upn }) as Record<string, string>;
    const [y, m, d] = dateOfBirth!.split('-');
    return { ...rest, 'dateOfBirth-day': d!, 'dateOfBirth-month': m!, 'dateOfBirth-year': y!, version: '1', uasc: 'no', isMother: 'no', ...extra };
  };
  const noReason = await web.post(paths.children.edit(c.id), form({ socialWorkerId: w.users.team_manager.userId }));
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Select why the social worker changed/);
  const bogus = await web.post(paths.children.edit(c.id), form({ socialWorkerId: w.users.team_manager.userId, socialWorkerChangeReason: 'BORED' }));
  assert.equal(bogus.statusCode, 400);
  assert.match(bogus.body, /Select why the social worker changed/);
  const [unchanged] = await db().select().from(child).where(eq(child.id, c.id));
  assert.equal(unchanged?.socialWorkerId, w.users.social_worker.userId);
  assert.equal((await episodesOf(c.id)).length, 1);

  const ok = await web.post(paths.children.edit(c.id), form({ socialWorkerId: w.users.team_manager.userId, socialWorkerChangeReason: 'LEFTRL' }));
  assert.equal(ok.statusCode, 303);
  episodes = await episodesOf(c.id);
  assert.equal(episodes.length, 2);
  assert.deepEqual([episodes[0]!.endedOn, episodes[0]!.reason], [today, 'LEFTRL']);
  assert.deepEqual([episodes[1]!.userId, episodes[1]!.swId, episodes[1]!.startedOn, episodes[1]!.endedOn], [w.users.team_manager.userId, 'SW123456', today, null]);
  const page = await web.get(paths.children.show(c.id));
  assert.match(page.body, /SW123456/);
  assert.match(page.body, /LEFTRL: Social worker left the role/);

  // Saving other details with no change of worker needs no reason and opens no episode.
  const again = await web.post(paths.children.edit(c.id), form({ version: '2', socialWorkerId: w.users.team_manager.userId, firstName: 'Robin' }));
  assert.equal(again.statusCode, 303);
  assert.equal((await episodesOf(c.id)).length, 2);
});

test('a social worker change reason from another collection year is refused; before 2023-24 none is asked', async () => {
  const c = await w.services.children.create(ctx(), childBody());
  const before2023 = createChildService(db(), { today: () => '2023-02-01' });
  const change = { ...childBody({ upn: c.upn, dateOfBirth: '2010-05-10' }), socialWorkerId: w.users.team_manager.userId };
  // A change of worker is a manager's (caseload access).
  const manager = { actor: w.users.team_manager };
  await assert.rejects(before2023.update(manager, c.id, 1, { ...change, socialWorkerChangeReason: 'MANAGE' }), (err: { errors?: { field: string; message: string }[] }) => {
    assert.deepEqual(err.errors, [{ field: 'socialWorkerChangeReason', message: 'Select why the social worker changed' }]);
    return true;
  });
  assert.equal((await episodesOf(c.id)).length, 1);
  await before2023.update(manager, c.id, 1, change);
  const episodes = await episodesOf(c.id);
  assert.equal(episodes.length, 2);
  assert.equal(episodes[0]!.reason, null);
  assert.equal(collectionYearOn('2023-02-01'), '2022-23');
  assert.equal(collectionYearOn('2023-04-01'), '2023-24');
});

test('ending the last legal status records why the period of care ended (REC), audited and shown in the history', async () => {
  const c = await w.services.children.create(ctx(), childBody());
  const ls = await w.services.children.addLegalStatus(ctx(), c.id, { code: 'C2', startDate: '2024-01-01' });
  const url = `/api/v1/children/${c.id}/legal-statuses/${ls.id}/end`;
  for (const [reason, message] of [
    ['X1', /X1 is for an episode followed by another on the same day/],
    ['E99', /Select why the period of care ended/],
  ] as const) {
    const res = await api('POST', url, { endDate: '2024-06-01', careEndedReason: reason });
    assert.equal(res.statusCode, 400);
    assert.match(JSON.stringify(res.json()), message);
  }
  assert.equal((await db().select().from(careEnding).where(eq(careEnding.childId, c.id))).length, 0);
  const [still] = await w.database.db.select().from(socialWorkerEpisode).where(eq(socialWorkerEpisode.childId, c.id));
  assert.ok(still);

  const ok = await api('POST', url, { endDate: '2024-06-01', careEndedReason: 'e13' });
  assert.equal(ok.statusCode, 200);
  const endings = await db().select().from(careEnding).where(eq(careEnding.childId, c.id));
  assert.deepEqual(
    endings.map((e) => [e.endedOn, e.reason, e.recordedBy]),
    [['2024-06-01', 'E13', w.users.social_worker.userId]],
  );
  assert.ok((await auditActions(c.id)).includes('care-ending.recorded'));
  const page = await (await as('social_worker')).get(paths.children.show(c.id));
  assert.match(page.body, /E13: Left care to live with parent/);

  // A status ended with no reason (another follows) records no care ending.
  const c2 = await w.services.children.create(ctx(), childBody());
  const ls2 = await w.services.children.addLegalStatus(ctx(), c2.id, { code: 'V2', startDate: '2024-01-01' });
  const web = await as('social_worker');
  await web.get(paths.children.show(c2.id));
  const ended = await web.post(paths.children.endLegalStatus(c2.id, ls2.id), { 'endOn-day': '1', 'endOn-month': '3', 'endOn-year': '2024', careEndedReason: '' });
  assert.equal(ended.statusCode, 303);
  assert.equal((await db().select().from(careEnding).where(eq(careEnding.childId, c2.id))).length, 0);
});

test('missing and away periods: recorded on the page and the API, ended with the version, bad input refused storing nothing', async () => {
  const c = await w.services.children.create(ctx(), childBody());
  const web = await as('social_worker');
  const show = await web.get(paths.children.show(c.id));
  assert.match(show.body, /Record a missing or away period/);
  const bad = await web.post(missingPath(c.id), { kind: 'X', 'startedOn-day': '31', 'startedOn-month': '2', 'startedOn-year': '2025' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Select whether the child was missing or away without authorisation/);
  assert.match(bad.body, /The date the period started must be a real date/);
  const added = await web.post(missingPath(c.id), { kind: 'M', 'startedOn-day': '3', 'startedOn-month': '3', 'startedOn-year': '2025' });
  assert.equal(added.statusCode, 303);

  const listed = await api('GET', `/api/v1/children/${c.id}/missing`);
  const items = (listed.json() as { items: { id: string; kind: string; startedOn: string; endedOn: string | null; version: number }[] }).items;
  assert.deepEqual(items.map((m) => [m.kind, m.startedOn, m.endedOn, m.version]), [['M', '2025-03-03', null, 1]]);

  const refused = await api('POST', `/api/v1/children/${c.id}/missing`, { kind: 'A', startedOn: '2025-04-02', endedOn: '2025-04-01' });
  assert.equal(refused.statusCode, 400);
  assert.deepEqual((refused.json() as { errors: { field: string }[] }).errors.map((e) => e.field), ['endedOn']);
  const away = await api('POST', `/api/v1/children/${c.id}/missing`, { kind: 'A', startedOn: '2025-04-01', endedOn: '2025-04-02' });
  assert.equal(away.statusCode, 201);

  const id = items[0]!.id;
  const end = await api('PUT', `/api/v1/children/${c.id}/missing/${id}`, { kind: 'M', startedOn: '2025-03-03', endedOn: '2025-03-05', version: 1 });
  assert.equal(end.statusCode, 200);
  const stale = await api('PUT', `/api/v1/children/${c.id}/missing/${id}`, { kind: 'M', startedOn: '2025-03-03', endedOn: '2025-03-06', version: 1 });
  assert.equal(stale.statusCode, 409);
  const [row] = await db().select().from(missingEpisode).where(eq(missingEpisode.id, id));
  assert.deepEqual([row?.endedOn, row?.version], ['2025-03-05', 2]);
  assert.equal((await db().select().from(missingEpisode).where(eq(missingEpisode.childId, c.id))).length, 2);
  const actions = await auditActions(c.id);
  assert.equal(actions.filter((a) => a === 'missing.recorded').length, 2);
  assert.equal(actions.filter((a) => a === 'missing.updated').length, 1);

  const editPage = await web.get(`${missingPath(c.id)}/${id}`);
  assert.equal(editPage.statusCode, 200);
  assert.match(editPage.body, /name="version" value="2"/);
});

test('UASC and mother: stored with their dates; a boy as a mother, a mother without her child’s date of birth, and a UASC end date without UASC are refused', async () => {
  const problems: [Record<string, unknown>, string, RegExp][] = [
    [{ sex: 'M', isMother: true, motherChildDob: '2025-01-01' }, 'isMother', /Only a girl can be recorded as a mother/],
    [{ isMother: 'yes' }, 'motherChildDob', /Enter the date of birth of her first child/],
    [{ uascCeasedOn: '2026-05-10' }, 'uascCeasedOn', /Only an unaccompanied asylum-seeking child has a date UASC status ceased/],
    [{ isMother: true, motherChildDob: '2009-01-01' }, 'motherChildDob', /Her first child’s date of birth must be after her own/],
  ];
  const before = (await db().select().from(child)).length;
  for (const [extra, field, message] of problems) {
    const res = await api('POST', '/api/v1/children', childBody(extra));
    assert.equal(res.statusCode, 400, JSON.stringify(extra));
    const errors = (res.json() as { errors: { field: string; message: string }[] }).errors;
    assert.ok(errors.some((e) => e.field === field && message.test(e.message)), JSON.stringify(errors));
  }
  assert.equal((await db().select().from(child)).length, before);

  const ok = await api('POST', '/api/v1/children', childBody({ uasc: true, uascCeasedOn: '2028-05-10', isMother: true, motherChildDob: '2025-01-01' }));
  assert.equal(ok.statusCode, 201);
  const body = ok.json() as { id: string; uasc: boolean; uascCeasedOn: string; isMother: boolean; motherChildDob: string };
  assert.deepEqual([body.uasc, body.uascCeasedOn, body.isMother, body.motherChildDob], [true, '2028-05-10', true, '2025-01-01']);
  const page = await (await as('social_worker')).get(paths.children.show(body.id));
  assert.match(page.body, /Yes, until 10 May 2028/);
  assert.match(page.body, /Yes, first child born 1 January 2025/);
});

test('a looked-after review records the participation code: PN0 if and only if under 4; other kinds refuse one', async () => {
  const older = await w.services.children.create(ctx(), childBody());
  const baby = await w.services.children.create(ctx(), childBody({ dateOfBirth: '2024-01-01' }));
  const record = (childId: string, extra: Record<string, unknown>) =>
    w.services.obligations.recordChildEvent(ctx(), childId, { kind: 'review_held', eventDate: '2025-02-01', evidence: 'Minutes on file', ...extra });
  const refusedWith = (field: string, message: RegExp) => (err: { errors?: { field: string; message: string }[] }) => {
    assert.ok(err.errors?.some((e) => e.field === field && message.test(e.message)), JSON.stringify(err.errors));
    return true;
  };
  await assert.rejects(record(older.id, {}), refusedWith('participationCode', /Select how the child took part in the review/));
  await assert.rejects(record(older.id, { participationCode: 'PN0' }), refusedWith('participationCode', /PN0 is only for a child under 4/));
  await assert.rejects(record(older.id, { participationCode: 'PN9' }), refusedWith('participationCode', /Select how the child took part in the review/));
  await assert.rejects(record(baby.id, { participationCode: 'PN1' }), refusedWith('participationCode', /under 4 on the review date: select PN0/));
  await assert.rejects(record(older.id, { kind: 'care_plan_completed', participationCode: 'PN1' }), refusedWith('participationCode', /Only a looked-after review/));
  assert.equal((await db().select().from(childEvent).where(eq(childEvent.childId, older.id))).length, 0);

  await record(older.id, { participationCode: 'pn5' });
  await record(baby.id, { participationCode: 'PN0' });
  const rows = await db().select().from(childEvent).where(and(eq(childEvent.kind, 'review_held')));
  assert.deepEqual(rows.filter((r) => r.childId === older.id).map((r) => r.participationCode), ['PN5']);
  assert.deepEqual(rows.filter((r) => r.childId === baby.id).map((r) => r.participationCode), ['PN0']);

  const web = await as('social_worker');
  const form = await web.get(`${paths.obligations.newChildEvent(older.id)}?kind=review_held`);
  assert.match(form.body, /How the child took part in the review/);
  assert.match(form.body, /<option value="PN7">/);
});

test('an agency’s provider code and a social worker’s SWE number are recorded; bad values are refused', async () => {
  const admin = apiCaller(() => w.app, () => adminToken);
  const badOrg = await admin('POST', '/api/v1/organisations', { kind: 'fostering_agency', name: 'Hilltop Fostering', providerCode: 'PR1' });
  assert.equal(badOrg.statusCode, 400);
  const laWithCode = await admin('POST', '/api/v1/organisations', { kind: 'local_authority', name: 'Testshire', laCode: '998', providerCode: 'PR4' });
  assert.equal(laWithCode.statusCode, 400);
  assert.match(JSON.stringify(laWithCode.json()), /Only a fostering agency has a provider code/);
  assert.equal((await db().select().from(organisation).where(eq(organisation.name, 'Hilltop Fostering'))).length, 0);
  const org = await admin('POST', '/api/v1/organisations', { kind: 'fostering_agency', name: 'Hilltop Fostering', providerCode: 'PR5' });
  assert.equal(org.statusCode, 201);
  assert.equal((org.json() as { providerCode: string }).providerCode, 'PR5');
  const orgPage = await (await as('administrator')).get(paths.organisations.edit((org.json() as { id: string }).id));
  assert.match(orgPage.body, /<option value="PR5" selected>/);

  const u = await admin('GET', `/api/v1/users/${w.users.supervising_social_worker.userId}`);
  const user = u.json() as Record<string, unknown>;
  const body = { fullName: user.fullName, email: user.email, role: user.role, organisationId: user.organisationId, teamId: user.teamId, lineManagerId: user.lineManagerId, active: true, version: user.version };
  const bad = await admin('PUT', `/api/v1/users/${w.users.supervising_social_worker.userId}`, { ...body, sweNumber: '123456' });
  assert.equal(bad.statusCode, 400);
  assert.match(JSON.stringify(bad.json()), /SW followed by digits/);
  const ok = await admin('PUT', `/api/v1/users/${w.users.supervising_social_worker.userId}`, { ...body, sweNumber: 'sw 654321' });
  assert.equal(ok.statusCode, 200);
  const [row] = await db().select({ sweNumber: appUser.sweNumber }).from(appUser).where(eq(appUser.id, w.users.supervising_social_worker.userId));
  assert.equal(row?.sweNumber, 'SW654321');
});
