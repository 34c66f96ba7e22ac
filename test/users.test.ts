import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { testWorld, clientsFor, apiCaller, tokenFor, type TestWorld } from './helpers.ts';
import { appUser, auditEvent, careEnding, child, household, organisation, team } from '../src/data/schema.ts';
import { ROLES, type Role } from '../src/domain/access/index.ts';
import { paths } from '../src/http/paths.ts';

let w: TestWorld;
let otherOrgId: string;
let otherTeamId: string;
let adminToken: string;
before(async () => {
  w = await testWorld();
  const [org] = await w.database.db.insert(organisation).values({ kind: 'fostering_agency', name: 'Kindly Fostering' }).returning();
  const [t] = await w.database.db.insert(team).values({ organisationId: org!.id, name: 'Kindly North' }).returning();
  otherOrgId = org!.id;
  otherTeamId = t!.id;
  adminToken = await tokenFor(w, 'administrator');
});
after(async () => w.close());

/** Signed-in clients, one per role, reused: sign-in is rate limited. */
const as = clientsFor(() => w.app);

const NON_ADMIN_ROLES = ROLES.filter((r): r is Exclude<Role, 'administrator'> => r !== 'administrator');
const HASH = /\$argon2|passwordHash|password_hash/;

function form(overrides: Record<string, string> = {}) {
  return { fullName: 'Priya Shah', email: 'priya.shah@test.hearth.test', role: 'social_worker', organisationId: w.laId, teamId: w.teamId, lineManagerId: '', active: 'yes', ...overrides };
}

const api = apiCaller(() => w.app, () => adminToken);

async function userByEmail(email: string) {
  const [row] = await w.database.db.select().from(appUser).where(sql`lower(${appUser.email}) = lower(${email})`);
  return row;
}

async function auditActions(subjectId: string) {
  const rows = await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, subjectId)).orderBy(auditEvent.at, auditEvent.id);
  return rows.map((r) => r.action);
}

async function countUsers() {
  const [row] = await w.database.db.select({ n: sql<number>`count(*)::int` }).from(appUser);
  return row!.n;
}

test('an administrator adds a member of staff with a first password; the person can sign in; it is audited', async () => {
  const c = await as('administrator');
  const page = await c.get(paths.users.new);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Testshire County Council – Test Team/, 'team select shows "Organisation – Team"');
  assert.match(page.body, /Kindly Fostering – Kindly North/);
  assert.match(page.body, /Test team manager/, 'active users are offered as line manager');
  const res = await c.post(paths.users.new, form({ email: 'Priya.Shah@Test.Hearth.Test', lineManagerId: w.users.team_manager.userId, password: 'a-long-enough-password' }));
  assert.equal(res.statusCode, 303);
  const row = await userByEmail('priya.shah@test.hearth.test');
  assert.ok(row);
  assert.equal(res.headers.location, paths.users.show(row.id));
  assert.equal(row.email, 'priya.shah@test.hearth.test', 'email stored lowercased');
  assert.equal(row.lineManagerId, w.users.team_manager.userId);
  assert.match(row.passwordHash ?? '', /^\$argon2id\$/, 'password hashed with argon2id');
  assert.deepEqual(await auditActions(row.id), ['user.created']);

  const show = await c.get(paths.users.show(row.id));
  assert.equal(show.statusCode, 200);
  assert.match(show.body, /Priya Shah/);
  assert.match(show.body, /Child&#39;s social worker|Child's social worker/);
  assert.match(show.body, new RegExp(`href="${paths.users.show(w.users.team_manager.userId)}"`), 'line manager linked');
  assert.match(show.body, new RegExp(`href="${paths.audit.subject('user', row.id)}"`), 'administrators have audit:read');
  assert.doesNotMatch(show.body, HASH);
  assert.doesNotMatch(show.body, /a-long-enough-password/);

  const managerPage = await c.get(paths.users.show(w.users.team_manager.userId));
  assert.match(managerPage.body, /People they line-manage/);
  assert.match(managerPage.body, new RegExp(`href="${paths.users.show(row.id)}"[^>]*>Priya Shah`));

  const actor = await w.services.auth.signIn('priya.shah@test.hearth.test', 'a-long-enough-password');
  assert.equal(actor?.actor.userId, row.id, 'the new person can sign in with the first password');
});

test('bad input on the add form shows the errors, keeps the input (never the password) and stores nothing', async () => {
  const c = await as('administrator');
  await c.get(paths.users.new);
  const before = await countUsers();

  const missing = await c.post(paths.users.new, { fullName: '', email: '', role: '', organisationId: '', teamId: '', active: '' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /There is a problem/);
  for (const m of ['Enter the full name', 'Enter an email address', 'Select a role', 'Select an organisation', 'Select a team', 'Select whether the account is active']) {
    assert.match(missing.body, new RegExp(m), m);
  }

  const wrong = await c.post(paths.users.new, form({ fullName: 'Kept Name', email: 'not-an-email', role: 'wizard', password: 'too-short' }));
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /value="Kept Name"/);
  assert.match(wrong.body, /correct format, like name@example.com/);
  assert.match(wrong.body, /Select a role/);
  assert.match(wrong.body, /The password must be 12 characters or more/);
  assert.doesNotMatch(wrong.body, /too-short/, 'the password is not put back into the page');

  const long = await c.post(paths.users.new, form({ fullName: 'x'.repeat(201), email: 'long.name@test.hearth.test' }));
  assert.equal(long.statusCode, 400);
  assert.match(long.body, /The full name must be 200 characters or fewer/);

  const teamElsewhere = await c.post(paths.users.new, form({ email: 'wrong.team@test.hearth.test', teamId: otherTeamId }));
  assert.equal(teamElsewhere.statusCode, 400);
  assert.match(teamElsewhere.body, /Select a team in the chosen organisation/);

  const unknownManager = await c.post(paths.users.new, form({ email: 'ghost.manager@test.hearth.test', lineManagerId: '00000000-0000-4000-8000-000000000000' }));
  assert.equal(unknownManager.statusCode, 400);
  assert.match(unknownManager.body, /Select a line manager from the list/);

  assert.equal(await countUsers(), before);
});

test('a duplicate email address is refused whatever its case, on the form and the API', async () => {
  const c = await as('administrator');
  await c.get(paths.users.new);
  const before = await countUsers();
  const res = await c.post(paths.users.new, form({ fullName: 'Copy Cat', email: 'SOCIAL_WORKER@test.hearth.test' }));
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /A user with this email address already exists/);

  const viaApi = await api('POST', '/api/v1/users', { ...form({ fullName: 'Copy Cat', email: 'Iro@Test.Hearth.Test' }), active: true });
  assert.equal(viaApi.statusCode, 400);
  assert.match(viaApi.headers['content-type'] as string, /application\/problem\+json/);
  assert.deepEqual((viaApi.json() as { errors: unknown[] }).errors, [{ field: 'email', message: 'A user with this email address already exists' }]);
  assert.equal(await countUsers(), before);

  // Changing someone's email to another person's is refused too.
  const me = await api('GET', `/api/v1/users/${w.users.iro.userId}`);
  const { version } = me.json() as { version: number };
  const clash = await api('PUT', `/api/v1/users/${w.users.iro.userId}`, { ...form({ fullName: 'Test iro', email: 'placement_officer@TEST.hearth.test', role: 'iro' }), version });
  assert.equal(clash.statusCode, 400);
  assert.match(clash.body, /A user with this email address already exists/);
  assert.equal((await userByEmail('iro@test.hearth.test'))?.version, version);
});

test('line management: nobody manages themselves and no loops are allowed', async () => {
  const create = async (email: string, lineManagerId: string | null) => {
    const res = await api('POST', '/api/v1/users', { ...form({ fullName: email.split('@')[0]!, email }), lineManagerId, active: true });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number };
  };
  const top = await create('top@test.hearth.test', null);
  const middle = await create('middle@test.hearth.test', top.id);
  const bottom = await create('bottom@test.hearth.test', middle.id);

  const self = await api('PUT', `/api/v1/users/${top.id}`, { ...form({ fullName: 'top', email: 'top@test.hearth.test' }), lineManagerId: top.id, active: true, version: top.version });
  assert.equal(self.statusCode, 400);
  assert.match(self.body, /cannot be their own line manager/);

  const c = await as('administrator');
  const editPage = await c.get(paths.users.edit(top.id));
  assert.equal(editPage.statusCode, 200);
  assert.doesNotMatch(editPage.body, new RegExp(`<option value="${top.id}"`), 'a person is not offered as their own manager');
  const loop = await c.post(paths.users.edit(top.id), { ...form({ fullName: 'top', email: 'top@test.hearth.test' }), lineManagerId: bottom.id, version: String(top.version) });
  assert.equal(loop.statusCode, 400);
  assert.match(loop.body, /managed \(directly or further up\) by this person/);
  const [row] = await w.database.db.select().from(appUser).where(eq(appUser.id, top.id));
  assert.equal(row?.lineManagerId, null, 'nothing saved');

  // Moving up the chain is fine.
  const ok = await c.post(paths.users.edit(bottom.id), { ...form({ fullName: 'bottom', email: 'bottom@test.hearth.test' }), lineManagerId: top.id, version: String(bottom.version) });
  assert.equal(ok.statusCode, 303);
  assert.deepEqual(await auditActions(bottom.id), ['user.created', 'user.updated']);
});

test('an administrator deactivates someone by editing; they can then not sign in; the edit is audited', async () => {
  const created = await api('POST', '/api/v1/users', { ...form({ fullName: 'Leaving Soon', email: 'leaving@test.hearth.test' }), active: true, password: 'leaving-password-1' });
  assert.equal(created.statusCode, 201);
  const { id, version } = created.json() as { id: string; version: number };
  const c = await as('administrator');
  const edit = await c.get(paths.users.edit(id));
  assert.match(edit.body, /name="version" value="1"/);
  const res = await c.post(paths.users.edit(id), { ...form({ fullName: 'Leaving Soon', email: 'leaving@test.hearth.test', active: 'no' }), version: String(version) });
  assert.equal(res.statusCode, 303);
  const row = await userByEmail('leaving@test.hearth.test');
  assert.equal(row?.active, false);
  assert.equal(row?.version, 2);
  const [audit] = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, id), eq(auditEvent.action, 'user.updated')));
  assert.equal(audit?.actorUserId, w.users.administrator.userId);
  assert.equal((audit?.details as { active?: boolean }).active, false);

  assert.equal(await w.services.auth.signIn('leaving@test.hearth.test', 'leaving-password-1'), null, 'an inactive person cannot sign in');

  // An inactive person is no longer offered as a line manager.
  const newPage = await c.get(paths.users.new);
  assert.doesNotMatch(newPage.body, new RegExp(`<option value="${id}"`));
});

test('an administrator cannot deactivate their own account (or change their own role)', async () => {
  const me = w.users.administrator;
  const c = await as('administrator');
  await c.get(paths.users.edit(me.userId));
  const [before] = await w.database.db.select().from(appUser).where(eq(appUser.id, me.userId));
  const values = { fullName: me.name, email: me.email, role: 'administrator', organisationId: w.laId, teamId: w.teamId, lineManagerId: '', version: String(before!.version) };
  const res = await c.post(paths.users.edit(me.userId), { ...values, active: 'no' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /You cannot deactivate your own account/);
  const demote = await c.post(paths.users.edit(me.userId), { ...values, active: 'yes', role: 'iro' });
  assert.equal(demote.statusCode, 400);
  assert.match(demote.body, /You cannot change your own role/);
  const [after] = await w.database.db.select().from(appUser).where(eq(appUser.id, me.userId));
  assert.equal(after?.active, true);
  assert.equal(after?.role, 'administrator');
  assert.equal(after?.version, before?.version);
});

test('a stale edit is refused and overwrites nothing, on the page and the API', async () => {
  const created = await api('POST', '/api/v1/users', { ...form({ fullName: 'Stale Sam', email: 'stale.sam@test.hearth.test' }), active: true });
  const { id } = created.json() as { id: string };
  const c = await as('administrator');
  await c.get(paths.users.edit(id));
  const first = await c.post(paths.users.edit(id), { ...form({ fullName: 'First Edit', email: 'stale.sam@test.hearth.test' }), version: '1' });
  assert.equal(first.statusCode, 303);
  const second = await c.post(paths.users.edit(id), { ...form({ fullName: 'Second Edit', email: 'stale.sam@test.hearth.test' }), version: '1' });
  assert.equal(second.statusCode, 409);
  assert.match(second.body, /changed by someone else since you opened it/);
  const viaApi = await api('PUT', `/api/v1/users/${id}`, { ...form({ fullName: 'Api Edit', email: 'stale.sam@test.hearth.test' }), active: true, version: 1 });
  assert.equal(viaApi.statusCode, 409);
  assert.equal((await userByEmail('stale.sam@test.hearth.test'))?.fullName, 'First Edit');
});

test('the staff list searches by name or email and filters by role, team, organisation and active; it is audited', async () => {
  await api('POST', '/api/v1/users', { fullName: 'Zed Kindly', email: 'zed@kindly.test', role: 'supervising_social_worker', organisationId: otherOrgId, teamId: otherTeamId, active: true });
  await api('POST', '/api/v1/users', { fullName: 'Yara Gone', email: 'yara@kindly.test', role: 'supervising_social_worker', organisationId: otherOrgId, teamId: otherTeamId, active: false });
  const c = await as('iro');
  const all = await c.get(paths.users.list);
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /Test placement officer/);
  assert.doesNotMatch(all.body, /Add a member of staff/, 'an IRO cannot add staff');
  assert.doesNotMatch(all.body, HASH);

  const byName = await c.get(`${paths.users.list}?q=zed`);
  assert.match(byName.body, /Zed Kindly/);
  assert.doesNotMatch(byName.body, /Test placement officer/);
  const byEmail = await c.get(`${paths.users.list}?q=${encodeURIComponent('placement_officer@')}`);
  assert.match(byEmail.body, /Test placement officer/);
  assert.doesNotMatch(byEmail.body, /Zed Kindly/);

  const byOrg = await c.get(`${paths.users.list}?organisationId=${otherOrgId}`);
  assert.match(byOrg.body, /Zed Kindly/);
  assert.match(byOrg.body, /Yara Gone/);
  assert.doesNotMatch(byOrg.body, new RegExp(paths.users.show(w.users.placement_officer.userId)));
  const byOrgActive = await c.get(`${paths.users.list}?organisationId=${otherOrgId}&active=no`);
  assert.match(byOrgActive.body, /Yara Gone/);
  assert.doesNotMatch(byOrgActive.body, /Zed Kindly/);
  const byTeamRole = await c.get(`${paths.users.list}?teamId=${w.teamId}&role=head_of_service`);
  assert.match(byTeamRole.body, /Test head of service/);
  assert.doesNotMatch(byTeamRole.body, new RegExp(`${paths.users.show(w.users.iro.userId)}|Zed Kindly`));
  assert.match(byTeamRole.body, /1 member of staff/);

  const listed = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'user.listed'), eq(auditEvent.actorUserId, w.users.iro.userId)));
  assert.ok(listed.length >= 6);

  const viaApi = await api('GET', `/api/v1/users?role=supervising_social_worker&organisationId=${otherOrgId}&active=yes`, undefined, await tokenFor(w, 'iro'));
  assert.equal(viaApi.statusCode, 200);
  const body = viaApi.json() as { items: { fullName: string }[]; truncated: boolean };
  assert.deepEqual(body.items.map((u) => u.fullName), ['Zed Kindly']);
  assert.equal(body.truncated, false);
  assert.doesNotMatch(viaApi.body, HASH);
});

test('anyone signed in may view a member of staff; only audit readers see the audit link, only administrators the change link', async () => {
  const id = w.users.placement_officer.userId;
  const sw = await as('social_worker');
  const asSw = await sw.get(paths.users.show(id));
  assert.equal(asSw.statusCode, 200);
  assert.match(asSw.body, /placement_officer@test.hearth.test/);
  assert.doesNotMatch(asSw.body, new RegExp(paths.audit.subject('user', id)));
  assert.doesNotMatch(asSw.body, new RegExp(paths.users.edit(id)));
  assert.doesNotMatch(asSw.body, HASH);
  const tm = await as('team_manager');
  const asTm = await tm.get(paths.users.show(id));
  assert.match(asTm.body, new RegExp(paths.audit.subject('user', id)));
  assert.doesNotMatch(asTm.body, new RegExp(paths.users.edit(id)));
  const viewed = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'user.viewed'), eq(auditEvent.subjectId, id)));
  assert.ok(viewed.some((a) => a.actorUserId === w.users.social_worker.userId));
  assert.ok(viewed.some((a) => a.actorUserId === w.users.team_manager.userId));
  const missing = await sw.get(paths.users.show('00000000-0000-4000-8000-000000000000'));
  assert.equal(missing.statusCode, 404);
  const notUuid = await sw.get(paths.users.show('not-a-uuid'));
  assert.equal(notUuid.statusCode, 404);
});

test('nobody but an administrator manages users: every other role gets 403 on the form, the post and the API', async () => {
  const target = w.users.iro.userId;
  const before = await countUsers();
  for (const role of NON_ADMIN_ROLES) {
    const c = await as(role);
    const getNew = await c.get(paths.users.new);
    assert.equal(getNew.statusCode, 403, `${role} GET new`);
    assert.match(getNew.body, /You do not have permission/);
    const postNew = await c.post(paths.users.new, form({ email: `sneaky.${role}@test.hearth.test` }));
    assert.equal(postNew.statusCode, 403, `${role} POST new`);
    assert.equal((await c.get(paths.users.edit(target))).statusCode, 403, `${role} GET edit`);
    assert.equal((await c.post(paths.users.edit(target), { ...form({ email: 'iro@test.hearth.test' }), version: '1' })).statusCode, 403, `${role} POST edit`);
    const token = await tokenFor(w, role);
    const postApi = await api('POST', '/api/v1/users', { ...form({ email: `sneaky.api.${role}@test.hearth.test` }), active: true }, token);
    assert.equal(postApi.statusCode, 403, `${role} POST api`);
    const putApi = await api('PUT', `/api/v1/users/${target}`, { ...form({ email: 'iro@test.hearth.test' }), active: true, version: 1 }, token);
    assert.equal(putApi.statusCode, 403, `${role} PUT api`);
    // …but they may read.
    assert.equal((await api('GET', `/api/v1/users/${target}`, undefined, token)).statusCode, 200, `${role} GET api`);
  }
  assert.equal(await countUsers(), before, 'nobody was added');

  const admin = await as('administrator');
  assert.equal((await admin.get(paths.users.new)).statusCode, 200);
  assert.equal((await admin.post(paths.users.new, form({ fullName: 'Admin Made', email: 'admin.made.page@test.hearth.test' }))).statusCode, 303);
  assert.equal((await api('POST', '/api/v1/users', { ...form({ fullName: 'Admin Made', email: 'admin.made.api@test.hearth.test' }), active: true })).statusCode, 201);
  assert.equal(await countUsers(), before + 2);
});

test('the API creates, reads and changes users, never shows a password hash, and rejects bad input', async () => {
  const created = await api('POST', '/api/v1/users', { ...form({ fullName: 'Api Person', email: 'API.Person@test.hearth.test' }), active: true, password: 'api-person-password' });
  assert.equal(created.statusCode, 201);
  assert.doesNotMatch(created.body, HASH);
  assert.doesNotMatch(created.body, /api-person-password/);
  const u = created.json() as Record<string, unknown>;
  assert.equal(u.email, 'api.person@test.hearth.test');
  assert.equal(u.role, 'social_worker');
  assert.equal(u.version, 1);
  assert.ok(!('passwordHash' in u));
  assert.match((await userByEmail('api.person@test.hearth.test'))?.passwordHash ?? '', /^\$argon2id\$/);

  const got = await api('GET', `/api/v1/users/${u.id as string}`);
  assert.equal(got.statusCode, 200);
  assert.doesNotMatch(got.body, HASH);
  assert.deepEqual((got.json() as { reports: unknown[] }).reports, []);

  const put = await api('PUT', `/api/v1/users/${u.id as string}`, { ...form({ fullName: 'Api Person', email: 'api.person@test.hearth.test', role: 'team_manager' }), active: true, version: 1 });
  assert.equal(put.statusCode, 200);
  assert.equal((put.json() as { role: string; version: number }).role, 'team_manager');
  assert.equal((put.json() as { version: number }).version, 2);
  assert.doesNotMatch(put.body, HASH);

  const list = await api('GET', '/api/v1/users?q=api.person');
  assert.deepEqual((list.json() as { items: { email: string }[] }).items.map((x) => x.email), ['api.person@test.hearth.test']);
  assert.doesNotMatch(list.body, HASH);

  const before = await countUsers();
  const bad = await api('POST', '/api/v1/users', { fullName: 7, email: 'nope', role: 'wizard', organisationId: 'x', teamId: null, active: 'perhaps', password: 'short' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.headers['content-type'] as string, /application\/problem\+json/);
  assert.deepEqual(
    (bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort(),
    ['active', 'email', 'fullName', 'organisationId', 'password', 'role', 'teamId'],
  );
  const oversized = await api('POST', '/api/v1/users', { ...form({ fullName: 'n'.repeat(5000), email: 'oversized@test.hearth.test' }), active: true });
  assert.equal(oversized.statusCode, 400);
  const unknownOrg = await api('POST', '/api/v1/users', { ...form({ email: 'unknown.org@test.hearth.test', organisationId: '00000000-0000-4000-8000-000000000000' }), active: true });
  assert.equal(unknownOrg.statusCode, 400);
  assert.match(unknownOrg.body, /Select an organisation from the list/);
  const notObject = await api('POST', '/api/v1/users', [1, 2]);
  assert.equal(notObject.statusCode, 400);
  const noVersion = await api('PUT', `/api/v1/users/${u.id as string}`, { ...form({ email: 'api.person@test.hearth.test' }), active: true });
  assert.equal(noVersion.statusCode, 400);
  assert.match(noVersion.body, /version/);
  const badPut = await api('PUT', `/api/v1/users/${u.id as string}`, { ...form({ email: 'api.person@test.hearth.test', role: 'wizard' }), active: true, version: 2 });
  assert.equal(badPut.statusCode, 400);
  assert.equal(await countUsers(), before);
  assert.equal((await userByEmail('api.person@test.hearth.test'))?.role, 'team_manager');
  const missing = await api('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000');
  assert.equal(missing.statusCode, 404);
});

test("a worker's page shows their caseload: the children in care allocated to them and the households they supervise, audited by child", async () => {
  const db = w.database.db;
  const sw = w.users.social_worker.userId;
  const [mine] = await db.insert(child).values({ reference: 'CL1', firstName: 'Casey', lastName: 'Loadman', dateOfBirth: '2015-02-03', sex: 'F', ethnicity: 'WBRI', upn: 'A123456789012', responsibleAuthorityId: w.laId, socialWorkerId: sw, categoryOfNeed: 'N1' }).returning();
  const [left] = await db.insert(child).values({ reference: 'CL2', firstName: 'Lee', lastName: 'Leftcare', dateOfBirth: '2007-02-03', sex: 'M', ethnicity: 'WBRI', upn: 'A123456789013', responsibleAuthorityId: w.laId, socialWorkerId: sw, categoryOfNeed: 'N1' }).returning();
  await db.insert(careEnding).values({ childId: left!.id, endedOn: '2025-03-01', reason: 'E4A' });
  await db.insert(household).values({ reference: 'HCL1', addressLine1: '1 Case Row', town: 'Loadford', postcode: 'BS37 5AA', fosteringServiceId: w.laId, supervisingSocialWorkerId: w.users.supervising_social_worker.userId, approvalStatus: 'approved' });
  const tm = await as('team_manager');
  const page = await tm.get(paths.users.show(sw));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Children in care allocated to them/);
  assert.match(page.body, new RegExp(`href="${paths.children.show(mine!.id)}"[^>]*>Casey Loadman`));
  assert.doesNotMatch(page.body, /Lee Leftcare/, 'a child who has left care is not on the caseload');
  assert.match(page.body, new RegExp(`href="${paths.obligations.worker(sw)}"`), 'a manager can open their overdue obligations');
  const [audit] = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'child.listed'), eq(auditEvent.subjectId, sw)));
  assert.deepEqual(audit?.childIds, [mine!.id]);
  const ssw = (await tm.get(paths.users.show(w.users.supervising_social_worker.userId))).body;
  assert.match(ssw, /Households they supervise/);
  assert.match(ssw, />HCL1</);
});

test('the API pages the staff list by name (ties by email, then id): every match once and in order, the true total; a page past the last gives the last; bad paging is refused', async () => {
  const [org] = await w.database.db.insert(organisation).values({ kind: 'fostering_agency', name: 'Pageham Fostering' }).returning();
  // Seven people, three names shared: the order is by name, then email.
  const people = ['c1', 'a2', 'b1', 'a1', 'c2', 'b2', 'a3'].map((k) => ({ fullName: `Pageham ${k[0]!.toUpperCase()}`, email: `${k}@pageham.test`, role: 'supervising_social_worker', organisationId: org!.id }));
  await w.database.db.insert(appUser).values(people);
  const expected = ['a1', 'a2', 'a3', 'b1', 'b2', 'c1', 'c2'].map((k) => `${k}@pageham.test`);
  type Page = { items: { email: string; fullName: string }[]; total: number; page: number; pages: number; pageSize: number; truncated: boolean };
  const get = async (query: string) => {
    const res = await api('GET', `/api/v1/users?organisationId=${org!.id}&${query}`);
    assert.equal(res.statusCode, 200, query);
    return res.json() as Page;
  };
  const first = await get('limit=3');
  const second = await get('limit=3&page=2');
  const third = await get('limit=3&page=3');
  assert.deepEqual([...first.items, ...second.items, ...third.items].map((u) => u.email), expected, 'the pages together hold every match once, in order');
  assert.deepEqual(
    [first, second, third].map((p) => ({ n: p.items.length, total: p.total, page: p.page, pages: p.pages, pageSize: p.pageSize, truncated: p.truncated })),
    [
      { n: 3, total: 7, page: 1, pages: 3, pageSize: 3, truncated: true },
      { n: 3, total: 7, page: 2, pages: 3, pageSize: 3, truncated: true },
      { n: 1, total: 7, page: 3, pages: 3, pageSize: 3, truncated: false },
    ],
  );
  const beyond = await get('limit=3&page=40');
  assert.deepEqual([beyond.page, beyond.pages, beyond.truncated, beyond.items.map((u) => u.email)], [3, 3, false, ['c2@pageham.test']], 'a page past the last gives the last');
  const whole = await get('');
  assert.deepEqual([whole.items.map((u) => u.email), whole.total, whole.page, whole.pageSize, whole.truncated], [expected, 7, 1, 500, false], 'without page and limit: up to 500, as before');
  const filtered = await get('q=Pageham%20B&limit=1&page=2');
  assert.deepEqual([filtered.items.map((u) => u.email), filtered.total, filtered.pages], [['b2@pageham.test'], 2, 2], 'the total counts the filtered matches');
  for (const bad of ['limit=0', 'limit=501', 'limit=x', 'page=0', 'page=-1', 'page=x']) {
    const refused = await api('GET', `/api/v1/users?${bad}`);
    assert.equal(refused.statusCode, 400, bad);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/, bad);
    assert.deepEqual((refused.json() as { errors: { field: string }[] }).errors.map((e) => e.field), [bad.split('=')[0]], bad);
  }
});

test('the API refuses a teamId or organisationId that is not an id, naming the field (it used to be ignored)', async () => {
  const one = await api('GET', '/api/v1/users?teamId=not-a-team');
  assert.equal(one.statusCode, 400);
  assert.match(String(one.headers['content-type']), /application\/problem\+json/);
  const body = one.json() as { status: number; errors: { field: string; message: string }[] };
  assert.equal(body.status, 400);
  assert.deepEqual(body.errors, [{ field: 'teamId', message: 'Team id must be an id (a UUID)' }]);
  const both = await api('GET', '/api/v1/users?teamId=12&organisationId=x&limit=0');
  assert.equal(both.statusCode, 400);
  assert.deepEqual((both.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort(), ['limit', 'organisationId', 'teamId'], 'every bad value is reported');
  const blank = await api('GET', `/api/v1/users?teamId=%20&organisationId=${otherOrgId}&q=Zed`);
  assert.equal(blank.statusCode, 200, 'a blank id is no filter');
  assert.deepEqual((blank.json() as { items: { fullName: string }[] }).items.map((u) => u.fullName), ['Zed Kindly']);
  const byTeam = await api('GET', `/api/v1/users?teamId=${otherTeamId}&active=no`);
  assert.deepEqual((byTeam.json() as { items: { fullName: string }[]; total: number }).items.map((u) => u.fullName), ['Yara Gone'], 'a real team id still filters');
});
