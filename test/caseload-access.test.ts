/**
 * Caseload access (src/domain/access/caseload.ts) end to end: the lists' SQL agrees with the rule,
 * every route about one child or household refuses exactly the people the rule refuses, for every
 * role against a child on the caseload, another team's, an unallocated and a restricted one; and
 * restriction, break the glass and its review work through the pages and the API.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, TransactionRollbackError } from 'drizzle-orm';
import { insertUser, updateUser } from '../src/data/repositories/users.ts';
import { accessActor, childAccessFacts, householdAccessFacts, readableChildren, readableHouseholds } from '../src/data/repositories/caseload.ts';
import { anyOf } from '../src/data/any-of.ts';
import { accessGrant, appUser, auditEvent, child, household, outboundEmail, placement, team } from '../src/data/schema.ts';
import { childAccess, householdAccess, allows } from '../src/domain/access/caseload.ts';
import { ROLES, mayAccess, type Role } from '../src/domain/access/index.ts';
import { accessNeededBy, VIEW_ACTIONS } from '../src/audit/events.ts';
import type { Actor } from '../src/domain/access/actor.ts';
import { paths } from '../src/http/paths.ts';
import { bearer, childInserter, clientsFor, testWorld, tokenFor, type Client, type TestWorld } from './helpers.ts';

let w: TestWorld;
const as = clientsFor(() => w.app);
const insertChild = childInserter(() => w, (n) => ({ reference: `CA${n}`, firstName: `Access${n}`, lastName: 'Test' }));
const db = () => w.database.db;

/** Team B: a social worker, their team manager (line manager) and a supervising social worker. */
const b = {} as { team: string; sw: Actor; tm: Actor; ssw: Actor };
/** The four records every role is tried against. */
const rec = {} as { mine: string; theirs: string; unallocated: string; restricted: string; homeA: string; homeB: string };

async function user(role: Role, name: string, teamId: string, lineManagerId: string | null = null): Promise<Actor> {
  const [u] = await db()
    .insert(appUser)
    .values({ organisationId: w.laId, teamId, lineManagerId, email: `${name.toLowerCase().replace(/\W+/g, '.')}@test.hearth.test`, fullName: name, role })
    .returning();
  return { userId: u!.id, name: u!.fullName, email: u!.email, role, organisationId: w.laId, teamId };
}

async function home(ref: string, ssw: string): Promise<string> {
  const [h] = await db()
    .insert(household)
    .values({ reference: ref, addressLine1: '1 Test Row', town: 'Testford', postcode: 'TF1 1AA', fosteringServiceId: w.laId, supervisingSocialWorkerId: ssw, approvalStatus: 'approved' })
    .returning();
  return h!.id;
}

before(async () => {
  w = await testWorld();
  const [t] = await db().insert(team).values({ organisationId: w.laId, name: 'Team B' }).returning();
  b.team = t!.id;
  b.tm = await user('team_manager', 'Bea Manager', b.team);
  b.sw = await user('social_worker', 'Ben Worker', b.team, b.tm.userId);
  b.ssw = await user('supervising_social_worker', 'Bo Supervisor', b.team, b.tm.userId);
  // The world's social worker reports to its team manager (who is told when they break the glass).
  await db().update(appUser).set({ lineManagerId: w.users.team_manager.userId }).where(eq(appUser.id, w.users.social_worker.userId));
  rec.homeA = await home('HA1', w.users.supervising_social_worker.userId);
  rec.homeB = await home('HB1', b.ssw.userId);
  rec.mine = (await insertChild()).id;
  rec.theirs = (await insertChild({ socialWorkerId: b.sw.userId, iroId: null })).id;
  rec.unallocated = (await insertChild({ socialWorkerId: null, iroId: null })).id;
  rec.restricted = (await insertChild({ socialWorkerId: b.sw.userId, iroId: null })).id;
  await db()
    .insert(placement)
    .values([
      { childId: rec.mine, householdId: rec.homeA, startDate: '2025-01-06', placementType: 'U4', status: 'active' },
      { childId: rec.theirs, householdId: rec.homeB, startDate: '2025-01-06', placementType: 'U4', status: 'active' },
      { childId: rec.restricted, householdId: rec.homeB, startDate: '2025-02-03', placementType: 'U4', status: 'active' },
    ]);
  await w.services.access.restrict({ actor: b.tm }, rec.restricted, { reason: 'The child of a member of staff', memberIds: [w.users.placement_officer.userId] }, null);
});

after(async () => {
  await w.close();
});

const everyone = () => [...ROLES.map((r) => w.users[r]), b.sw, b.tm, b.ssw];
const children = () => [rec.mine, rec.theirs, rec.unallocated, rec.restricted];

test('the rule over the four records, as a placement team, a caseload and a restriction would have it', async () => {
  const now = new Date();
  const levels = async (a: Actor) => {
    const facts = await childAccessFacts(db(), children(), a.userId, now);
    const actor = await accessActor(db(), a);
    return children().map((id) => childAccess(actor, facts.get(id)!).level);
  };
  // mine, theirs (team B), unallocated, restricted (team B's, restricted by B's manager to the placement officer)
  assert.deepEqual(await levels(w.users.social_worker), ['write', 'card', 'card', 'card']);
  assert.deepEqual(await levels(w.users.team_manager), ['write', 'card', 'write', 'card']);
  assert.deepEqual(await levels(w.users.head_of_service), ['write', 'write', 'write', 'write']);
  assert.deepEqual(await levels(w.users.placement_officer), ['read', 'read', 'read', 'read']);
  assert.deepEqual(await levels(w.users.iro), ['read', 'card', 'card', 'card']);
  assert.deepEqual(await levels(w.users.supervising_social_worker), ['read', 'card', 'card', 'card']);
  assert.deepEqual(await levels(w.users.administrator), ['card', 'card', 'card', 'card']);
  assert.deepEqual(await levels(b.sw), ['card', 'write', 'card', 'write']);
  assert.deepEqual(await levels(b.tm), ['card', 'write', 'write', 'write']);
  assert.deepEqual(await levels(b.ssw), ['card', 'read', 'card', 'card'], "the carers' supervisor is not named on the restricted record");
});

test('in a transaction a person is worked out once, and again after a change to line management or a team', async () => {
  await db().transaction(async (tx) => {
    const first = await accessActor(tx, b.tm);
    assert.deepEqual([...first.manages].sort(), [b.sw.userId, b.ssw.userId].sort());
    assert.deepEqual([...first.teamMembers].sort(), [b.tm.userId, b.sw.userId, b.ssw.userId].sort());
    assert.equal(await accessActor(tx, b.tm), first, 'kept for the rest of the transaction');
    // A new report in team B, through the repository every service uses: the next check sees them.
    const added = await insertUser(tx, { organisationId: w.laId, teamId: b.team, lineManagerId: b.tm.userId, email: 'bex.new@test.hearth.test', fullName: 'Bex New', role: 'social_worker' });
    const after = await accessActor(tx, b.tm);
    assert.notEqual(after, first);
    assert.ok(after.manages.has(added.id) && after.teamMembers.includes(added.id));
    // Moved out of the team and from under the manager.
    await updateUser(tx, added.id, added.version, { teamId: w.users.social_worker.teamId, lineManagerId: null });
    const moved = await accessActor(tx, b.tm);
    assert.ok(!moved.manages.has(added.id) && !moved.teamMembers.includes(added.id));
    tx.rollback();
  }).catch((err: unknown) => {
    if (!(err instanceof TransactionRollbackError)) throw err;
  });
  // Outside a transaction nothing is kept: each call reads again.
  assert.notEqual(await accessActor(db(), b.tm), await accessActor(db(), b.tm));
});

test('the lists show exactly the children and households the rule lets each person read', async () => {
  const now = new Date();
  const allChildren = (await db().select({ id: child.id }).from(child)).map((r) => r.id).sort();
  const allHomes = (await db().select({ id: household.id }).from(household)).map((r) => r.id).sort();
  for (const a of everyone()) {
    const actor = await accessActor(db(), a);
    const facts = await childAccessFacts(db(), allChildren, a.userId, now);
    const byRule = allChildren.filter((id) => childAccess(actor, facts.get(id)!).level !== 'card');
    const bySql = (await db().select({ id: child.id }).from(child).where(readableChildren(actor, now))).map((r) => r.id).sort();
    assert.deepEqual(bySql, byRule, `children, ${a.name}`);
    // The form that checks some children chosen before (keepReadable) selects the same of them: of
    // all of them, and of every third (a check that must not depend on the children it is not asked about).
    const among = async (ids: readonly string[]) =>
      (await db().select({ id: child.id }).from(child).where(and(anyOf(child.id, ids), readableChildren(actor, now, { among: ids })))).map((r) => r.id).sort();
    assert.deepEqual(await among(allChildren), byRule, `children checked together, ${a.name}`);
    const some = allChildren.filter((_, i) => i % 3 === 1);
    assert.deepEqual(await among(some), byRule.filter((id) => some.includes(id)), `some children checked together, ${a.name}`);
    const hFacts = await householdAccessFacts(db(), allHomes);
    const homesByRule = allHomes.filter((id) => householdAccess(actor, hFacts.get(id)!).level !== 'card');
    const homesBySql = (await db().select({ id: household.id }).from(household).where(readableHouseholds(actor))).map((r) => r.id).sort();
    assert.deepEqual(homesBySql, homesByRule, `households, ${a.name}`);
  }
  // And the list pages use them: the social worker's list has their child, not team B's.
  const page = await (await as('social_worker')).get(`${paths.children.list}?view=all`);
  assert.match(page.body, /Access1 Test/);
  assert.doesNotMatch(page.body, /Access2 Test/);
});

/** What a refusal by caseload access says, on a page or in a problem. */
const CASELOAD_REFUSAL = /not on your caseload|This record is restricted|record is restricted|but not change it|You cannot change this child|not supervised by your team|You cannot see or change this household|but only its supervising social worker/;

test('every route about one child or household, for every role, against a child on the caseload, another team’s, an unallocated and a restricted one', async () => {
  const routes = w.app.declaredRoutes.filter((r) => r.method.toUpperCase() !== 'HEAD' && /^(\/api\/v1)?\/(children|households)\/:id(\/|$)/.test(r.url) && r.audit && r.audit !== 'none' && accessNeededBy(r.audit) !== 'none');
  assert.ok(routes.length >= 40, `only ${routes.length} routes found`);
  const clients = new Map<Role, Client>();
  const tokens = new Map<Role, string>();
  for (const role of ROLES) {
    clients.set(role, await as(role));
    tokens.set(role, await tokenFor(w, role));
  }
  const now = new Date();
  let tried = 0;
  let refused = 0;
  for (const role of ROLES) {
    const a = w.users[role];
    const actor = await accessActor(db(), a);
    const facts = await childAccessFacts(db(), children(), a.userId, now);
    const hFacts = await householdAccessFacts(db(), [rec.homeA, rec.homeB]);
    for (const r of routes) {
      if (!r.access || !mayAccess(role, r.access)) continue; // the role's permission refuses first (test/foundation.test.ts)
      const need = accessNeededBy(r.audit as Parameters<typeof accessNeededBy>[0]);
      const isChild = /\/children\//.test(r.url);
      const ids = isChild ? children() : [rec.homeA, rec.homeB];
      for (const id of ids) {
        let allowed: boolean;
        if (isChild) {
          const access = childAccess(actor, facts.get(id)!);
          allowed = need === 'placement' ? access.placementWrite || access.level === 'write' : allows(access.level, need === 'write' ? 'write' : 'read');
        } else {
          allowed = allows(householdAccess(actor, hFacts.get(id)!).level, VIEW_ACTIONS.has(r.audit as never) ? 'read' : 'write');
        }
        const url = r.url.replace(':id', id).replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000001');
        const method = r.method.toUpperCase();
        const res = url.startsWith('/api/')
          ? await w.app.inject({ method: method as 'GET', url, headers: { ...bearer(tokens.get(role)!), ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }) }, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{}' }) })
          : method === 'GET'
            ? await clients.get(role)!.get(url)
            : await clients.get(role)!.post(url, {});
        tried += 1;
        const label = `${role} ${method} ${r.url} on ${Object.entries(rec).find(([, v]) => v === id)?.[0]}`;
        if (allowed) {
          assert.ok(!(res.statusCode === 403 && CASELOAD_REFUSAL.test(res.body)), `${label}: refused by caseload access (${res.statusCode})`);
          assert.ok(res.statusCode < 500, `${label}: ${res.statusCode}`);
        } else {
          refused += 1;
          const card = method === 'GET' && r.url === paths.children.show() && res.statusCode === 200;
          assert.ok(res.statusCode === 403 || card, `${label}: answered ${res.statusCode}`);
          assert.match(res.body, CASELOAD_REFUSAL, label);
        }
      }
    }
  }
  assert.ok(tried > 500 && refused > 100, `${tried} requests, ${refused} refused`);
});

test('the compliance dashboard counts every child but lists only those the manager may read', async () => {
  const q = { from: '2024-01-01', to: '2027-12-31' };
  const childrenListed = (d: Awaited<ReturnType<typeof w.services.obligations.dashboard>>) => new Set([...d.overdue, ...d.missed].flatMap((r) => (r.child ? [r.child.id] : [])));
  const head = await w.services.obligations.dashboard({ actor: w.users.head_of_service }, q);
  assert.ok(childrenListed(head).has(rec.theirs), "the head of service's lists name team B's child");
  const manager = await w.services.obligations.dashboard({ actor: w.users.team_manager }, q);
  assert.ok(!childrenListed(manager).has(rec.theirs), "team A's manager's lists do not");
  assert.ok(childrenListed(manager).has(rec.mine));
  assert.equal(manager.overdueTotal, head.overdueTotal, 'the figures are the same');
});

test('the card names whom to ask; a restricted card does not name the child; re-allocating oneself is refused', async () => {
  const sw = await as('social_worker');
  const card = await sw.get(paths.children.show(rec.theirs));
  assert.equal(card.statusCode, 200);
  assert.match(card.body, /This child is not on your caseload/);
  assert.match(card.body, /Ben Worker \(social worker\)/);
  assert.match(card.body, /Access2 Test/);
  assert.doesNotMatch(card.body, /Legal status|Date of birth|Add a legal status/);
  const restricted = await sw.get(paths.children.show(rec.restricted));
  assert.match(restricted.body, /This record is restricted/);
  assert.match(restricted.body, /Bea Manager \(manager who restricted it\)/);
  assert.doesNotMatch(restricted.body, /Access4 Test/, 'the restricted card does not name the child');
  const cards = await db().select().from(auditEvent).where(eq(auditEvent.action, 'child.card.viewed'));
  assert.ok(cards.some((r) => r.subjectId === rec.restricted && r.actorUserId === w.users.social_worker.userId));

  // The social worker may not take team B's child onto their own caseload (nor change it at all).
  const token = await tokenFor(w, 'social_worker');
  const got = await w.services.children.get({ actor: b.sw }, rec.theirs);
  const body = { ...got, socialWorkerId: w.users.social_worker.userId, version: got.version };
  const take = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${rec.theirs}`, headers: bearer(token), payload: body });
  assert.equal(take.statusCode, 403);
  const own = await w.services.children.get({ actor: w.users.social_worker }, rec.mine);
  const self = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${rec.mine}`, headers: bearer(token), payload: { ...own, socialWorkerId: b.sw.userId, version: own.version } });
  assert.equal(self.statusCode, 403, 'handing a child to someone else is a manager’s decision too');
  assert.match((self.json() as { detail: string }).detail, /Only a team manager or head of service/);
  const [kept] = await db().select().from(child).where(eq(child.id, rec.theirs));
  assert.equal(kept?.socialWorkerId, b.sw.userId);
});

test('the placement’s task list says who writes each record, and whether the viewer can (issue: allocation decides who writes)', async () => {
  const [p] = await db().select({ id: placement.id }).from(placement).where(eq(placement.childId, rec.mine));
  const ssw = await (await as('supervising_social_worker')).get(paths.placements.show(p!.id));
  assert.equal(ssw.statusCode, 200);
  assert.match(ssw.body, /Written by Test social worker, the child&#39;s social worker: you can read it/);
  assert.match(ssw.body, /Written by Test supervising social worker, the supervising social worker \(chair\): you can write it/);
  const sw = await (await as('social_worker')).get(paths.placements.show(p!.id));
  assert.match(sw.body, /Written by Test social worker, the child&#39;s social worker: you can write it/);
  // The record page itself is read-only for the SSW, and a save is refused.
  const plan = await (await as('supervising_social_worker')).get(paths.planning.record(p!.id, 'placement-plan'));
  assert.equal(plan.statusCode, 200);
  assert.doesNotMatch(plan.body, /Save draft/);
  const sswToken = await tokenFor(w, 'supervising_social_worker');
  const refused = await w.app.inject({ method: 'PUT', url: paths.api.planningRecord(p!.id, 'placement-plan'), headers: bearer(sswToken), payload: { version: 0, content: {} } });
  assert.equal(refused.statusCode, 403);
});

test('break the glass: a reason is required, the record opens for 8 hours, the manager is e-mailed and reviews it', async () => {
  const sw = await as('social_worker');
  await sw.get(paths.children.show(rec.theirs));
  const empty = await sw.post(paths.access.breakGlass(rec.theirs), { reason: 'short' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /There is a problem/);
  assert.match(empty.body, /at least 10 characters/);
  assert.equal((await db().select().from(accessGrant)).length, 0);
  const opened = await sw.post(paths.access.breakGlass(rec.theirs), { reason: 'Out of hours: the police asked about this child' });
  assert.equal(opened.statusCode, 303);
  const page = await sw.get(paths.children.show(rec.theirs));
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /not on your caseload/);
  assert.match(page.body, /Record opened for 8 hours/);
  // Still only reading: no change.
  const token = await tokenFor(w, 'social_worker');
  const change = await w.app.inject({ method: 'POST', url: `/api/v1/children/${rec.theirs}/missing`, headers: bearer(token), payload: { kind: 'missing', startedOn: '2026-01-05' } });
  assert.equal(change.statusCode, 403);
  const [grant] = await db().select().from(accessGrant);
  assert.ok(grant && grant.expiresAt.getTime() - grant.grantedAt.getTime() === 8 * 3600_000);
  // The social worker's line manager (the world's team manager) is e-mailed, with the reason.
  const mail = await db().select().from(outboundEmail).where(eq(outboundEmail.relatedId, rec.theirs));
  assert.deepEqual(mail.map((m) => m.toAddresses), [[w.users.team_manager.email]]);
  assert.match(mail[0]!.subject, /Test social worker broke the glass on child CA2/);
  assert.match(mail[0]!.bodyText, /Out of hours: the police asked about this child/);

  // The API: the IRO breaks the glass on the restricted record; the manager who restricted it is e-mailed.
  const iroToken = await tokenFor(w, 'iro');
  const viaApi = await w.app.inject({ method: 'POST', url: `/api/v1/children/${rec.restricted}/break-glass`, headers: bearer(iroToken), payload: { reason: 'Review brought forward after a complaint' } });
  assert.equal(viaApi.statusCode, 201, viaApi.body);
  assert.match((viaApi.json() as { expiresAt: string }).expiresAt, /^\d{4}-\d\d-\d\dT/);
  // The IRO reports to no one here: the manager who restricted the record is told.
  const told = await db().select().from(outboundEmail).where(eq(outboundEmail.relatedId, rec.restricted));
  assert.deepEqual(told.map((m) => m.toAddresses), [[b.tm.email]]);
  assert.match(told[0]!.bodyText, /is restricted/);

  // The head of service reviews everyone's broken glass; the social worker's team manager sees their report's only.
  assert.match((await (await as('team_manager')).get(paths.access.brokenGlass)).body, /1 to review/);
  const hos = await as('head_of_service');
  const list = await hos.get(paths.access.brokenGlass);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /2 to review/);
  assert.match(list.body, /Out of hours: the police asked/);
  const grants = await db().select().from(accessGrant);
  const reviewed = await hos.post(paths.access.reviewBrokenGlass(grants[0]!.id), {});
  assert.equal(reviewed.statusCode, 303);
  assert.match((await hos.get(paths.access.brokenGlass)).body, /1 to review/);
  const again = await hos.post(paths.access.reviewBrokenGlass(grants[0]!.id), {});
  assert.equal(again.statusCode, 404, 'reviewed once');
  assert.equal((await (await as('social_worker')).get(paths.access.brokenGlass)).statusCode, 403);
});

test('restriction: a manager restricts, names people, changes it with its version, and lifts it; others are refused', async () => {
  const tm = await as('team_manager');
  const form = await tm.get(paths.access.restriction(rec.mine));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Restrict this record/);
  const bad = await tm.post(paths.access.restriction(rec.mine), { reason: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter why the record is restricted/);
  const done = await tm.post(paths.access.restriction(rec.mine), { reason: 'High risk: location to be kept from family', memberIds: [w.users.iro.userId] });
  assert.equal(done.statusCode, 303);
  // The placement officer (not named) now sees the card; the named IRO still reads; the allocated worker still writes.
  assert.match((await (await as('placement_officer')).get(paths.children.show(rec.mine))).body, /This record is restricted/);
  assert.doesNotMatch((await (await as('iro')).get(paths.children.show(rec.mine))).body, /This record is restricted/);
  assert.doesNotMatch((await (await as('social_worker')).get(paths.children.show(rec.mine))).body, /This record is restricted/);
  // The placement officer's list leaves the child out.
  assert.doesNotMatch((await (await as('placement_officer')).get(`${paths.children.list}?view=all`)).body, /Access1 Test/);
  // A social worker may not restrict; a stale change is refused.
  const swToken = await tokenFor(w, 'social_worker');
  const bySw = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${rec.mine}/restriction`, headers: bearer(swToken), payload: { reason: 'x', memberIds: [] } });
  assert.equal(bySw.statusCode, 403);
  const tmToken = await tokenFor(w, 'team_manager');
  const stale = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${rec.mine}/restriction`, headers: bearer(tmToken), payload: { reason: 'Changed', memberIds: [], version: 7 } });
  assert.equal(stale.statusCode, 409);
  const changed = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${rec.mine}/restriction`, headers: bearer(tmToken), payload: { reason: 'Changed', memberIds: [w.users.placement_officer.userId], version: 1 } });
  assert.equal(changed.statusCode, 204, changed.body);
  assert.doesNotMatch((await (await as('placement_officer')).get(paths.children.show(rec.mine))).body, /This record is restricted/);
  // Lifted on the page with the version it showed (a stale one is refused), then restricted and lifted again through the API.
  const staleLift = await tm.post(paths.access.liftRestriction(rec.mine), { version: '1' });
  assert.equal(staleLift.statusCode, 409);
  const liftedOnPage = await tm.post(paths.access.liftRestriction(rec.mine), { version: '2' });
  assert.equal(liftedOnPage.statusCode, 303);
  assert.doesNotMatch((await (await as('placement_officer')).get(paths.children.show(rec.mine))).body, /This record is restricted/);
  const again = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${rec.mine}/restriction`, headers: bearer(tmToken), payload: { reason: 'Again', memberIds: [] } });
  assert.equal(again.statusCode, 204, again.body);
  const lifted = await w.app.inject({ method: 'DELETE', url: `/api/v1/children/${rec.mine}/restriction?version=1`, headers: bearer(tmToken) });
  assert.equal(lifted.statusCode, 204, lifted.body);
  const actions = (await db().select().from(auditEvent).where(eq(auditEvent.subjectId, rec.mine))).map((r) => r.action);
  assert.ok(actions.includes('child.restricted') && actions.includes('child.restriction.lifted'));
});
