import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { testWorld, clientsFor, apiCaller, tokenFor, type TestWorld, childInserter, agreedMove } from './helpers.ts';
import { auditEvent, placement } from '../src/data/schema.ts';
import type { Household } from '../src/services/households.ts';
import { paths } from '../src/http/paths.ts';

let w: TestWorld;
let pmToken: string;
let hA: Household;
let hB: Household;
/** The terms of approval every test household has unless a test says otherwise. */
let base: Record<string, unknown>;
/** Today for these tests: the placements they make start on or after it (a past placement has its own tests). */
const TODAY = '2025-01-20';
before(async () => {
  w = await testWorld({ today: TODAY });
  pmToken = await tokenFor(w, 'placement_officer');
  base = {
    carer1FirstName: 'Harriet',
    carer1LastName: 'Oakes',
    addressLine1: '1 Beech Row',
    town: 'Testford',
    postcode: 'TF1 1AA',
    fosteringServiceId: w.laId,
    approvalStatus: 'approved',
    approvalDate: '2021-05-05',
    approvedChildren: 3,
    ageMin: 0,
    ageMax: 17,
    placementKinds: ['short_term', 'long_term'],
    skillLevel: 3,
  };
  const ctx = { actor: w.users.placement_officer };
  hA = await w.services.households.create(ctx, base);
  hB = await w.services.households.create(ctx, { ...base, carer1FirstName: 'Ian', carer1LastName: 'Pike', addressLine1: '2 Beech Row' });
});
after(async () => w.close());

let households = 0;
/**
 * A household of the test's own: the placement gate refuses a child joining a household where
 * another fostered child lives (until their social worker's written agreement is recorded), so
 * tests that make placements do not share one.
 */
async function newHousehold(overrides: Record<string, unknown> = {}): Promise<Household> {
  households += 1;
  // Supervised by the world's SSW, who so reads the children placed there (caseload access).
  return w.services.households.create({ actor: w.users.placement_officer }, { ...base, supervisingSocialWorkerId: w.users.supervising_social_worker.userId, addressLine1: `${households + 10} Beech Row`, ...overrides });
}

/** Signed-in clients, one per role, reused: sign-in is rate limited. */
const as = clientsFor(() => w.app);

const api = apiCaller(() => w.app, () => pmToken);

/** A child row put straight into the table (the children service is not under test here). */
const insertChild = childInserter(() => w, (n) => ({ reference: `CP${String(n).padStart(4, '0')}`, firstName: `Kid${n}`, lastName: 'Placementtest', dateOfBirth: '2016-08-01', sex: 'M', categoryOfNeed: 'N2' }));

const dateParts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
};

const form = (childReference: string, overrides: Record<string, string | string[]> = {}) => ({
  childReference,
  householdReference: hA.reference,
  ...dateParts('startDate', '2025-02-03'),
  'endDate-day': '',
  'endDate-month': '',
  'endDate-year': '',
  placementType: 'U6',
  status: 'planned',
  kind: 'short_term',
  'assessmentPeriodEndsOn-day': '',
  'assessmentPeriodEndsOn-month': '',
  'assessmentPeriodEndsOn-year': '',
  ...overrides,
});

async function placementsOf(childId: string) {
  return w.database.db.select().from(placement).where(eq(placement.childId, childId));
}

async function countPlacements() {
  const [row] = await w.database.db.select({ n: sql<number>`count(*)::int` }).from(placement);
  return row!.n;
}

test('a placement officer places a child by reference through the form; the page links the child and household; it is audited', async () => {
  const kid = await insertChild({ firstName: 'Amara', lastName: 'Stone' });
  const c = await as('placement_officer');
  const page = await c.get(`${paths.placements.new}?household=${hA.reference}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`value="${hA.reference}"`));
  // Starting today: the child lives there from now on.
  const res = await c.post(paths.placements.new, form(kid.reference.toLowerCase(), { ...dateParts('startDate', TODAY), status: 'active' }));
  assert.equal(res.statusCode, 303);
  const [row] = await placementsOf(kid.id);
  assert.ok(row);
  assert.equal(res.headers.location, paths.placements.show(row.id));
  assert.equal(row.householdId, hA.id);
  assert.equal(row.startDate, TODAY);
  assert.equal(row.kind, 'short_term');
  assert.equal(row.endDate, null);
  assert.equal(row.status, 'active');

  const show = await c.get(paths.placements.show(row.id));
  assert.equal(show.statusCode, 200);
  assert.match(show.body, new RegExp(`href="${paths.children.show(kid.id)}">Amara Stone`));
  assert.match(show.body, new RegExp(`href="${paths.households.show(hA.id)}">${hA.reference}`));
  assert.match(show.body, /20 January 2025/);
  assert.match(show.body, /U6: Foster placement with other foster carer: not long-term or Fostering for Adoption \(FfA\)/);
  assert.match(show.body, /Active/);
  const audits = await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, row.id)).orderBy(auditEvent.id);
  // Viewing the placement shows its obligations, its first weeks (the planning records), its concerns and its Placement Support Meetings: each read is audited.
  assert.deepEqual(audits.map((a) => a.action), ['placement.created', 'placement.viewed', 'obligation.listed', 'planning.viewed', 'concern.listed', 'planning.viewed', 'move.listed']);
  assert.equal(audits[0]?.actorUserId, w.users.placement_officer.userId);

  // The household page now shows the child as placed there.
  const household = await c.get(paths.households.show(hA.id));
  assert.match(household.body, /Amara Stone/);
});

test('bad placement form input shows the problem, keeps the input and stores nothing', async () => {
  const kid = await insertChild();
  const c = await as('placement_officer');
  await c.get(paths.placements.new);
  const before = await countPlacements();
  const cases: [Record<string, string>, RegExp][] = [
    [{ childReference: 'NOSUCH1' }, /No child has the reference NOSUCH1/],
    [{ childReference: '' }, /Enter the child(&#39;|')s reference/],
    [{ householdReference: 'H99999' }, /No household has the reference H99999/],
    [{ childReference: 'x'.repeat(300) }, /No child has that reference/],
    [{ placementType: 'Z9' }, /Select the placement type/],
    [{ status: 'paused' }, /Select the status/],
    [{ 'startDate-day': '30', 'startDate-month': '2' }, /The start date must be a real date/],
    [{ 'startDate-day': '', 'startDate-month': '', 'startDate-year': '' }, /Enter the start date/],
    [{ status: 'ended', ...dateParts('endDate', '2025-01-01') }, /The end date must be the same as or after the start date/],
    [{ status: 'ended' }, /Enter the end date of an ended placement/],
    // "Ended" only on or before today; an ending still to come is a planned ending of a live placement.
    [{ status: 'ended', ...dateParts('endDate', '2025-06-01'), reasonEnded: 'CARPL' }, /A placement can only be ended on or before today/],
    [{ status: 'active', ...dateParts('startDate', TODAY), ...dateParts('endDate', TODAY) }, /The end date has come: choose (&quot;|")Ended(&quot;|")/],
  ];
  for (const [overrides, message] of cases) {
    const res = await c.post(paths.placements.new, form(kid.reference, overrides));
    assert.equal(res.statusCode, 400, JSON.stringify(overrides));
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, message, JSON.stringify(overrides));
  }
  const kept = await c.post(paths.placements.new, form('NOSUCH1'));
  assert.match(kept.body, /value="NOSUCH1"/);
  assert.equal(await countPlacements(), before);
});

test('a child cannot have two overlapping planned or active placements', async () => {
  const kid = await insertChild({ firstName: 'Owen', lastName: 'Overlap' });
  const hO = await newHousehold();
  const c = await as('team_manager');
  await c.get(paths.placements.new);
  assert.equal((await c.post(paths.placements.new, form(kid.reference, { householdReference: hO.reference }))).statusCode, 303);

  // A placement starting while the first one goes on is a move: the reason the first one ends is asked for.
  const clash = await c.post(paths.placements.new, form(kid.reference, { householdReference: hB.reference, status: 'planned', ...dateParts('startDate', '2025-05-01') }));
  assert.equal(clash.statusCode, 400);
  assert.match(clash.body, new RegExp(`Owen Overlap lives with household ${hO.reference} until this placement starts: select the reason that placement ends`));
  assert.equal((await placementsOf(kid.id)).length, 1);

  const viaApi = await api('POST', '/api/v1/placements', { childId: kid.id, householdId: hB.id, startDate: '2025-03-01', placementType: 'U6', status: 'planned', kind: 'short_term' });
  assert.equal(viaApi.statusCode, 400);
  assert.match(JSON.stringify(viaApi.json()), new RegExp(`lives with household ${hO.reference} until this placement starts`));
  assert.equal((await placementsOf(kid.id)).length, 1);

  // One starting before the first one and running into it overlaps it: refused.
  const runsInto = await api('POST', '/api/v1/placements', { childId: kid.id, householdId: hB.id, startDate: '2025-01-27', placementType: 'U6', status: 'planned', kind: 'short_term' });
  assert.equal(runsInto.statusCode, 400);
  assert.match(JSON.stringify(runsInto.json()), new RegExp(`Owen Overlap already has a planned placement with household ${hO.reference} from 3 February 2025 that overlaps these dates`));
  assert.equal((await placementsOf(kid.id)).length, 1);

  // A cancelled placement may overlap; so may a planned move once the current one has a planned end.
  const bridge = await api('POST', '/api/v1/placements', { childId: kid.id, householdId: hB.id, startDate: '2025-01-27', endDate: '2025-02-03', placementType: 'U6', status: 'planned', kind: 'short_term' });
  assert.equal(bridge.statusCode, 201, bridge.body);
  const bridgeId = (bridge.json() as { id: string }).id;
  const cancelled = await api('PUT', `/api/v1/placements/${bridgeId}`, { startDate: '2025-01-27', endDate: null, placementType: 'U6', status: 'cancelled', kind: 'short_term', version: 1 });
  assert.equal(cancelled.statusCode, 200, cancelled.body);
  const [current] = (await placementsOf(kid.id)).filter((p) => p.householdId === hO.id);
  // "Ended" only on or before today: an ending still to come is a planned ending.
  const endFuture = await api('PUT', `/api/v1/placements/${current!.id}`, { startDate: '2025-02-03', endDate: '2025-06-30', placementType: 'U6', status: 'ended', reasonEnded: 'CARPL', version: 1 });
  assert.equal(endFuture.statusCode, 400);
  assert.match(JSON.stringify(endFuture.json()), /A placement can only be ended on or before today/);
  await agreedMove(w, current!.id);
  const end = await api('PUT', `/api/v1/placements/${current!.id}`, { startDate: '2025-02-03', endDate: '2025-06-30', placementType: 'U6', status: 'planned', kind: 'short_term', reasonEnded: 'CARPL', version: 1 });
  assert.equal(end.statusCode, 200, end.body);
  const move = await api('POST', '/api/v1/placements', { childReference: kid.reference, householdReference: hB.reference, startDate: '2025-06-30', placementType: 'U6', status: 'planned', kind: 'short_term' });
  assert.equal(move.statusCode, 201, move.body);

  // Taking the planned ending off again would now overlap the planned move: refused.
  const reopen = await api('PUT', `/api/v1/placements/${current!.id}`, { startDate: '2025-02-03', endDate: null, placementType: 'U6', status: 'planned', kind: 'short_term', version: 2 });
  assert.equal(reopen.statusCode, 400);
  assert.match(JSON.stringify(reopen.json()), new RegExp(`planned placement with household ${hB.reference} from 30 June 2025`));
  const [row] = await w.database.db.select().from(placement).where(eq(placement.id, current!.id));
  assert.equal(row?.status, 'planned');
  assert.equal(row?.endDate, '2025-06-30');
  assert.equal(row?.version, 2);
});

test(
  'an ended temporary placement during the current one may overlap it: the child went back, so it is not a move',
  async () => {
    const kid = await insertChild({ firstName: 'Tia', lastName: 'Temporary' });
    const home = await newHousehold();
    const respite = await newHousehold();
    const past = { placementType: 'U6', kind: 'short_term', recordedLateReason: 'Moved from the previous case system' };
    const main = await api('POST', '/api/v1/placements/past', { ...past, childId: kid.id, householdId: home.id, startDate: '2025-01-06', status: 'active' });
    assert.equal(main.statusCode, 201, main.body);
    // A T4 placement (a short stay elsewhere, after which the child goes back) inside the current one.
    const t4 = await api('POST', '/api/v1/placements/past', { ...past, childId: kid.id, householdId: respite.id, startDate: '2025-01-10', endDate: '2025-01-12', placementType: 'T4', status: 'ended' });
    assert.equal(t4.statusCode, 201, t4.body);
    const [stillHome] = (await placementsOf(kid.id)).filter((p) => p.householdId === home.id);
    assert.deepEqual([stillHome?.status, stillHome?.endDate], ['active', null]);
  },
);

test('editing a placement changes its dates, type and status; a stale edit is refused', async () => {
  const kid = await insertChild();
  const h = await newHousehold();
  const p = await w.services.placements.create({ actor: w.users.placement_officer }, { childId: kid.id, householdId: h.id, startDate: '2025-01-27', placementType: 'U6', status: 'planned', kind: 'short_term' });
  const c = await as('head_of_service');
  const edit = await c.get(paths.placements.edit(p.id));
  assert.equal(edit.statusCode, 200);
  assert.match(edit.body, /name="version" value="1"/);
  assert.match(edit.body, /<option value="U6" selected>/);
  // Brought forward to start today.
  const first = await c.post(paths.placements.edit(p.id), { version: '1', ...dateParts('startDate', TODAY), 'endDate-day': '', 'endDate-month': '', 'endDate-year': '', placementType: 'U4', status: 'active' });
  assert.equal(first.statusCode, 303);
  const stale = await c.post(paths.placements.edit(p.id), { version: '1', ...dateParts('startDate', TODAY), ...dateParts('endDate', TODAY), placementType: 'U4', status: 'ended', reasonEnded: 'CARPL' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /changed by someone else since you opened it/);
  const bad = await c.post(paths.placements.edit(p.id), { version: '2', ...dateParts('startDate', TODAY), 'endDate-day': '', 'endDate-month': '', 'endDate-year': '', placementType: 'U4', status: 'ended' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter the end date of an ended placement/);
  assert.match(bad.body, /Select the reason the placement ended/);
  const [row] = await w.database.db.select().from(placement).where(eq(placement.id, p.id));
  assert.equal(row?.status, 'active');
  assert.equal(row?.placementType, 'U4');
  assert.equal(row?.startDate, TODAY);
  assert.equal(row?.version, 2);
  const updates = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, p.id), eq(auditEvent.action, 'placement.updated')));
  assert.equal(updates.length, 1);
});

test('the list searches by child name or reference and filters by status, type and household', async () => {
  const k1 = await insertChild({ firstName: 'Zelda', lastName: 'Listwell' });
  const k2 = await insertChild({ firstName: 'Zoran', lastName: 'Listwell' });
  const ctx = { actor: w.users.placement_officer };
  const [h1, h2] = [await newHousehold(), await newHousehold()];
  // A placement that began (and ended) before today is recorded as a past placement.
  await w.services.placements.recordPast(ctx, {
    childId: k1.id,
    householdId: h1.id,
    startDate: '2024-04-01',
    endDate: '2024-08-01',
    placementType: 'U1',
    status: 'ended',
    reasonEnded: 'CHILD',
    kind: 'long_term',
    recordedLateReason: 'Moved from the previous case system',
  });
  await w.services.placements.create(ctx, { childId: k2.id, householdId: h2.id, startDate: '2025-04-01', placementType: 'U6', status: 'planned', kind: 'short_term' });
  const c = await as('iro');
  const names = async (query: string) => {
    const res = await c.get(`${paths.placements.list}?${query}`);
    assert.equal(res.statusCode, 200);
    return ['Zelda', 'Zoran'].filter((n) => res.body.includes(`${n} Listwell</a>`));
  };
  assert.deepEqual(await names('q=listwell'), ['Zelda', 'Zoran']);
  assert.deepEqual(await names('q=zoran+listwell'), ['Zoran']);
  assert.deepEqual(await names(`q=${k1.reference}`), ['Zelda']);
  assert.deepEqual(await names('q=Listwell&status=ended'), ['Zelda']);
  assert.deepEqual(await names('q=Listwell&placementType=U6'), ['Zoran']);
  assert.deepEqual(await names(`q=Listwell&household=${h1.reference.toLowerCase()}`), ['Zelda']);
  assert.deepEqual(await names('q=Listwell&status=bogus&placementType=XX'), ['Zelda', 'Zoran']);
  const page = await c.get(`${paths.placements.list}?q=Listwell`);
  assert.doesNotMatch(page.body, /Add a placement/);
  const listed = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'placement.listed'), eq(auditEvent.actorUserId, w.users.iro.userId)));
  assert.ok(listed.length >= 7);

  const viaApi = await api('GET', `/api/v1/placements?householdId=${h2.id}&q=Listwell`);
  assert.deepEqual((viaApi.json() as { items: { child: { id: string } }[] }).items.map((p) => p.child.id), [k2.id]);
});

test('the list is shown 50 a page, latest start first, with the true total; page 2 keeps the filters and its audit names its children only', async () => {
  const h = await newHousehold();
  const kids = [];
  for (let i = 0; i < 52; i++) kids.push(await insertChild({ firstName: `Pg${String(i).padStart(2, '0')}`, lastName: 'Pagedplacement' }));
  await w.database.db.insert(placement).values(
    kids.map((k, i) => ({ childId: k.id, householdId: h.id, startDate: `2020-${String(Math.floor(i / 28) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`, endDate: '2020-12-31', placementType: 'U6', status: 'ended' as const })),
  );
  const c = await as('placement_officer');
  const first = await c.get(`${paths.placements.list}?q=Pagedplacement&status=ended`);
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /52 placements \(showing 1 to 50 of 52\)/);
  assert.match(first.body, /Pg51 Pagedplacement/, 'the latest start first');
  assert.doesNotMatch(first.body, /Pg01 Pagedplacement/);
  assert.match(first.body, /href="\/placements\?q=Pagedplacement&amp;status=ended&amp;page=2"/);
  const second = await c.get(`${paths.placements.list}?q=Pagedplacement&status=ended&page=2`);
  assert.match(second.body, /52 placements \(showing 51 to 52 of 52\)/);
  assert.match(second.body, /Pg00 Pagedplacement/);
  assert.match(second.body, /Pg01 Pagedplacement/);
  const rows = await w.database.db.select().from(auditEvent).where(eq(auditEvent.correlationId, String(second.headers['x-request-id'])));
  assert.deepEqual(rows.flatMap((r) => r.childIds).sort(), [kids[0]!.id, kids[1]!.id].sort(), 'the audit names the children on this page');
  const beyond = await c.get(`${paths.placements.list}?q=Pagedplacement&page=7`);
  assert.match(beyond.body, /showing 51 to 52 of 52/);
  const viaApi = (await api('GET', `/api/v1/placements?householdId=${h.id}&limit=50&page=2`)).json() as { items: { child: { id: string } }[]; total: number; pages: number };
  assert.deepEqual([viaApi.items.length, viaApi.total, viaApi.pages], [2, 52, 2]);
});

test('roles without placement:write cannot create or change placements', async () => {
  const kid = await insertChild();
  const h = await newHousehold();
  const p = await w.services.placements.create({ actor: w.users.placement_officer }, { childId: kid.id, householdId: h.id, startDate: TODAY, placementType: 'U6', status: 'active', kind: 'short_term' });
  const before = await countPlacements();
  for (const role of ['iro', 'social_worker', 'supervising_social_worker'] as const) {
    const c = await as(role);
    assert.equal((await c.get(paths.placements.new)).statusCode, 403, role);
    assert.equal((await c.post(paths.placements.new, form(kid.reference, { ...dateParts('startDate', '2026-01-01'), status: 'planned' }))).statusCode, 403, role);
    assert.equal((await c.get(paths.placements.past)).statusCode, 403, role);
    assert.equal((await c.post(paths.placements.past, form(kid.reference, { ...dateParts('startDate', '2025-01-06'), status: 'active', recordedLateReason: 'Late' }))).statusCode, 403, role);
    assert.equal((await c.get(paths.placements.edit(p.id))).statusCode, 403, role);
    assert.equal((await c.post(paths.placements.edit(p.id), { version: '1', ...dateParts('startDate', TODAY), ...dateParts('endDate', TODAY), placementType: 'U6', status: 'ended', reasonEnded: 'CARPL' })).statusCode, 403, role);
    assert.equal((await c.get(paths.placements.show(p.id))).statusCode, 200, role);
  }
  const iroToken = await tokenFor(w, 'iro');
  assert.equal((await api('POST', '/api/v1/placements', { childId: kid.id, householdId: hB.id, startDate: '2026-01-01', placementType: 'U6', status: 'planned', kind: 'short_term' }, iroToken)).statusCode, 403);
  assert.equal(
    (await api('POST', '/api/v1/placements/past', { childId: kid.id, householdId: hB.id, startDate: '2025-01-06', placementType: 'U6', status: 'active', kind: 'short_term', recordedLateReason: 'Late' }, iroToken)).statusCode,
    403,
  );
  assert.equal((await api('PUT', `/api/v1/placements/${p.id}`, { startDate: TODAY, endDate: TODAY, placementType: 'U6', status: 'ended', reasonEnded: 'CARPL', version: 1 }, iroToken)).statusCode, 403);
  assert.equal((await api('GET', `/api/v1/placements/${p.id}`, undefined, iroToken)).statusCode, 200);
  assert.equal(await countPlacements(), before);
  const [row] = await w.database.db.select().from(placement).where(eq(placement.id, p.id));
  assert.equal(row?.version, 1);
});

test('the API creates, reads and changes placements, and refuses bad input with a problem storing nothing', async () => {
  const kid = await insertChild();
  const h = await newHousehold();
  const created = await api('POST', '/api/v1/placements', { childId: kid.id, householdId: h.id, startDate: '2025-07-01', placementType: 'U6', status: 'planned', kind: 'short_term' });
  assert.equal(created.statusCode, 201);
  const p = created.json() as { id: string; version: number };
  const got = await api('GET', `/api/v1/placements/${p.id}`);
  const body = got.json() as { child: { reference: string }; household: { reference: string; carers: string }; status: string };
  assert.equal(body.child.reference, kid.reference);
  assert.equal(body.household.reference, h.reference);
  assert.equal(body.household.carers, 'Harriet Oakes');
  assert.equal(body.status, 'planned');

  const put = await api('PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-07-01', placementType: 'U6', status: 'cancelled', kind: 'short_term', version: 1 });
  assert.equal(put.statusCode, 200);
  assert.equal((put.json() as { status: string; version: number }).version, 2);
  const stale = await api('PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-07-01', placementType: 'U6', status: 'planned', kind: 'short_term', version: 1 });
  assert.equal(stale.statusCode, 409, stale.body);

  const before = await countPlacements();
  const problems: [string, string, unknown, string[]][] = [
    ['POST', '/api/v1/placements', { childId: 'abc', householdId: hA.id, startDate: '2025-01-01', placementType: 'U6', status: 'active' }, ['childId']],
    ['POST', '/api/v1/placements', { childId: '00000000-0000-4000-8000-000000000000', householdId: hB.id, startDate: '2025-02-03', placementType: 'U6', status: 'planned', kind: 'short_term' }, ['childId']],
    ['POST', '/api/v1/placements', { childId: kid.id, householdId: '00000000-0000-4000-8000-000000000001', startDate: '2025-08-01', placementType: 'U6', status: 'planned', kind: 'short_term' }, ['householdId']],
    ['POST', '/api/v1/placements', { childId: kid.id, householdId: hB.id, startDate: '2025-08-01', placementType: 'U6', status: 'planned' }, ['kind']],
    ['POST', '/api/v1/placements', { childId: kid.id, householdId: hA.id, startDate: 20250101, placementType: 'P1', status: true }, ['placementType', 'startDate', 'status']],
    ['POST', '/api/v1/placements', { childReference: 42, householdReference: hA.reference, startDate: '2025-01-01', placementType: 'U6', status: 'planned' }, ['childReference']],
    ['POST', '/api/v1/placements', [{ childId: 'x' }], ['body']],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-07-01', endDate: '2025-06-01', placementType: 'U6', status: 'ended', reasonEnded: 'CARPL', version: 2 }, ['endDate']],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-07-01', placementType: 'U6', status: 'ended', version: 'two' }, ['version']],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: TODAY, endDate: TODAY, placementType: 'U6', status: 'ended', version: 2 }, ['reasonEnded']],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-07-01', endDate: '2025-08-01', placementType: 'U6', status: 'ended', reasonEnded: 'CARPL', version: 2 }, ['endDate']],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-07-01', placementType: 'U6', status: 'planned', reasonEnded: 'CARPL', version: 2 }, ['reasonEnded']],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: TODAY, endDate: TODAY, placementType: 'U6', status: 'ended', reasonEnded: 'NOPE', provider: 'PR9', urn: 'SC-1', version: 2 }, ['provider', 'reasonEnded', 'urn']],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-07-01', placementType: 'U6', status: 'planned', provider: 'PR0', version: 2 }, ['provider']],
    // The return's rules about one placement (SSDA903 529, 222, 376), refused at entry.
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-07-01', placementType: 'U6', status: 'planned', provider: 'PR3', version: 2 }, ['provider']],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-07-01', placementType: 'T1', status: 'planned', urn: 'SC123456', version: 2 }, ['urn']],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-07-01', endDate: '2025-07-23', placementType: 'T3', status: 'planned', version: 2 }, ['endDate']],
  ];
  for (const [method, url, payload, fields] of problems) {
    const res = await api(method as 'POST' | 'PUT', url, payload);
    assert.equal(res.statusCode, 400, JSON.stringify(payload));
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    assert.deepEqual((res.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort(), fields, JSON.stringify(payload));
  }
  assert.equal(await countPlacements(), before);
  const [row] = await w.database.db.select().from(placement).where(eq(placement.id, p.id));
  assert.equal(row?.status, 'cancelled');
  assert.equal(row?.version, 2);
  assert.equal((await api('GET', '/api/v1/placements/00000000-0000-4000-8000-000000000000')).statusCode, 404);
});

/** What decides the obligations, as stored. */
async function factsOf(id: string) {
  const [row] = await w.database.db.select().from(placement).where(eq(placement.id, id));
  assert.ok(row);
  const { kind, emergency, outsideTermsOfApproval, intendedUntil18, connectedPerson, sixMonthlyVisitsAgreed, assessmentPeriodEndsOn, version } = row;
  return { kind, emergency, outsideTermsOfApproval, intendedUntil18, connectedPerson, sixMonthlyVisitsAgreed, assessmentPeriodEndsOn, version };
}

const noFlags = { emergency: false, outsideTermsOfApproval: false, intendedUntil18: false, connectedPerson: false, sixMonthlyVisitsAgreed: false };

test('the form records the kind of placement, what applies to it and the assessment period; the page shows them; the audit names them', async () => {
  const kid = await insertChild({ firstName: 'Bea', lastName: 'Parentchild' });
  const c = await as('placement_officer');
  const page = await c.get(paths.placements.new);
  assert.match(page.body, /<label class="govuk-label" for="kind">\s*Kind of placement/);
  assert.match(page.body, /<option value="parent_and_child">Parent and child<\/option>/);
  assert.match(page.body, /About this placement/);
  for (const value of ['emergency', 'outsideTermsOfApproval', 'intendedUntil18', 'connectedPerson', 'sixMonthlyVisitsAgreed']) {
    assert.match(page.body, new RegExp(`name="about" type="checkbox" value="${value}"`));
  }
  assert.match(page.body, /CPPCR regulation 13/);
  assert.match(page.body, /CPPCR regulation 23/);
  assert.match(page.body, /CPPCR regulation 28\(2\)/);
  assert.match(page.body, /CPPCR regulation 24/);
  assert.match(page.body, /End of the initial assessment period/);
  assert.match(page.body, /at most 28 days after the start date/);

  // Starts Monday 3 February 2025: 28 days later is Monday 3 March. Parent and child needs carers approved for it at skill level 4.
  const pc = await newHousehold({ placementKinds: ['short_term', 'parent_and_child'], skillLevel: 4 });
  const res = await c.post(paths.placements.new, form(kid.reference, { householdReference: pc.reference, kind: 'parent_and_child', placementType: 'U3', about: ['connectedPerson'], ...dateParts('assessmentPeriodEndsOn', '2025-03-03') }));
  assert.equal(res.statusCode, 303);
  const [row] = await placementsOf(kid.id);
  assert.ok(row);
  assert.deepEqual(await factsOf(row.id), { ...noFlags, kind: 'parent_and_child', connectedPerson: true, assessmentPeriodEndsOn: '2025-03-03', version: 1 });

  const show = await c.get(paths.placements.show(row.id));
  assert.match(show.body, /Kind of placement\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Parent and child/);
  assert.match(show.body, /About this placement\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*With a connected person\s*<\/dd>/);
  assert.match(show.body, /Initial assessment period ends\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*3 March 2025/);

  const [created] = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, row.id), eq(auditEvent.action, 'placement.created')));
  assert.deepEqual(
    { kind: created?.details.kind, flags: created?.details.flags, assessmentPeriodEndsOn: created?.details.assessmentPeriodEndsOn },
    { kind: 'parent_and_child', flags: ['connectedPerson'], assessmentPeriodEndsOn: '2025-03-03' },
  );

  // A placement with none of them says so, and has no assessment period row. (A new placement
  // needs its kind, to check against the terms of approval; records from before that have none.)
  const plain = await insertChild();
  const [p] = await w.database.db.insert(placement).values({ childId: plain.id, householdId: (await newHousehold()).id, startDate: '2025-01-06', placementType: 'U6', status: 'active' }).returning();
  assert.ok(p);
  const plainPage = await c.get(paths.placements.show(p.id));
  assert.match(plainPage.body, /Kind of placement\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Not recorded/);
  assert.match(plainPage.body, /None of these apply/);
  assert.doesNotMatch(plainPage.body, /Initial assessment period ends/);
});

test('placement details that break the rules show the message on the form, keep the ticks and store nothing', async () => {
  const kid = await insertChild();
  const c = await as('placement_officer');
  await c.get(paths.placements.new);
  const before = await countPlacements();
  const cases: [Record<string, string | string[]>, RegExp, string][] = [
    [
      { kind: 'parent_and_child', ...dateParts('assessmentPeriodEndsOn', '2025-03-04') },
      /The initial assessment period must end no more than 28 days after the start date, on or before 3 March 2025/,
      '#assessmentPeriodEndsOn-day',
    ],
    [{ kind: 'parent_and_child', ...dateParts('assessmentPeriodEndsOn', '2025-02-02') }, /The end of the assessment period must be the same as or after the start date/, '#assessmentPeriodEndsOn-day'],
    [{ kind: 'long_term', placementType: 'U4', ...dateParts('assessmentPeriodEndsOn', '2025-02-20') }, /Only a parent and child placement has an assessment period/, '#assessmentPeriodEndsOn-day'],
    [{ kind: 'short_term', about: ['sixMonthlyVisitsAgreed'] }, /Six-monthly visits can only be agreed for a long-term placement/, '#about'],
    [{ kind: 'short_breaks', about: 'intendedUntil18' }, /Short breaks are not intended to last until the child is 18/, '#about'],
    [{ placementType: 'U3', about: ['outsideTermsOfApproval', 'connectedPerson'] }, /only be placed outside the carers(&#39;|')? terms of approval in an emergency/, '#about'],
    [{ kind: 'respite' }, /Select the kind of placement/, '#kind'],
  ];
  for (const [overrides, message, anchor] of cases) {
    const res = await c.post(paths.placements.new, form(kid.reference, overrides));
    assert.equal(res.statusCode, 400, JSON.stringify(overrides));
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, message, JSON.stringify(overrides));
    assert.match(res.body, new RegExp(`href="${anchor}"`), JSON.stringify(overrides));
  }
  const kept = await c.post(paths.placements.new, form(kid.reference, { kind: 'short_term', placementType: 'U3', about: ['sixMonthlyVisitsAgreed', 'connectedPerson'] }));
  assert.match(kept.body, /value="sixMonthlyVisitsAgreed" checked/);
  assert.match(kept.body, /value="connectedPerson" checked/);
  assert.doesNotMatch(kept.body, /value="emergency" checked/);
  assert.match(kept.body, /<option value="short_term" selected>/);
  assert.match(kept.body, /<p id="about-error" class="govuk-error-message">/);
  assert.equal(await countPlacements(), before);
});

test('editing a placement changes its details; unticking clears them; an emergency kind ticks "emergency"; the audit names the fields changed', async () => {
  const kid = await insertChild();
  const p = await w.services.placements.create(
    { actor: w.users.placement_officer },
    { childId: kid.id, householdId: (await newHousehold()).id, startDate: TODAY, placementType: 'U4', status: 'active', kind: 'long_term', intendedUntil18: true, sixMonthlyVisitsAgreed: true },
  );
  const c = await as('team_manager');
  const edit = await c.get(paths.placements.edit(p.id));
  assert.match(edit.body, /<option value="long_term" selected>/);
  assert.match(edit.body, /value="intendedUntil18" checked/);
  assert.match(edit.body, /value="sixMonthlyVisitsAgreed" checked/);
  assert.doesNotMatch(edit.body, /value="connectedPerson" checked/);

  const base = { ...dateParts('startDate', TODAY), 'endDate-day': '', 'endDate-month': '', 'endDate-year': '', placementType: 'U6', status: 'active', 'assessmentPeriodEndsOn-day': '', 'assessmentPeriodEndsOn-month': '', 'assessmentPeriodEndsOn-year': '' };
  const changed = await c.post(paths.placements.edit(p.id), { version: '1', ...base, kind: 'emergency', about: 'outsideTermsOfApproval' });
  assert.equal(changed.statusCode, 303);
  assert.deepEqual(await factsOf(p.id), { ...noFlags, kind: 'emergency', emergency: true, outsideTermsOfApproval: true, assessmentPeriodEndsOn: null, version: 2 });
  const [audit] = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, p.id), eq(auditEvent.action, 'placement.updated')));
  assert.deepEqual(((audit?.details.fields ?? []) as string[]).sort(), ['emergency', 'intendedUntil18', 'kind', 'outsideTermsOfApproval', 'placementType', 'sixMonthlyVisitsAgreed']);

  // A rule broken on the edit form stores nothing.
  const bad = await c.post(paths.placements.edit(p.id), { version: '2', ...base, kind: 'short_term', about: ['sixMonthlyVisitsAgreed'] });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Six-monthly visits can only be agreed for a long-term placement/);
  assert.equal((await factsOf(p.id)).version, 2);

  const cleared = await c.post(paths.placements.edit(p.id), { version: '2', ...base, kind: '' });
  assert.equal(cleared.statusCode, 303);
  assert.deepEqual(await factsOf(p.id), { ...noFlags, kind: null, assessmentPeriodEndsOn: null, version: 3 });
});

test('the API takes and returns the placement details as booleans, and refuses anything else storing nothing', async () => {
  const kid = await insertChild();
  // Carers approved for parent and child (at skill level 4) and long-term placements.
  const h = await newHousehold({ placementKinds: ['parent_and_child', 'long_term'], skillLevel: 4 });
  const created = await api('POST', '/api/v1/placements', {
    childReference: kid.reference,
    householdReference: h.reference,
    startDate: '2025-03-03',
    placementType: 'U3',
    status: 'planned',
    kind: 'parent_and_child',
    connectedPerson: true,
    emergency: false,
    assessmentPeriodEndsOn: '2025-03-31',
  });
  assert.equal(created.statusCode, 201);
  const p = created.json() as { id: string };
  const got = (await api('GET', `/api/v1/placements/${p.id}`)).json() as Record<string, unknown>;
  assert.deepEqual(
    [got.kind, got.emergency, got.outsideTermsOfApproval, got.intendedUntil18, got.connectedPerson, got.sixMonthlyVisitsAgreed, got.assessmentPeriodEndsOn],
    ['parent_and_child', false, false, false, true, false, '2025-03-31'],
  );

  const put = await api('PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-03-03', placementType: 'U4', status: 'planned', kind: 'long_term', intendedUntil18: true, sixMonthlyVisitsAgreed: true, version: 1 });
  assert.equal(put.statusCode, 200);
  const afterPut = put.json() as Record<string, unknown>;
  assert.deepEqual(
    [afterPut.kind, afterPut.connectedPerson, afterPut.intendedUntil18, afterPut.sixMonthlyVisitsAgreed, afterPut.assessmentPeriodEndsOn, afterPut.version],
    ['long_term', false, true, true, null, 2],
  );

  const before = await countPlacements();
  const newKid = await insertChild();
  const fresh = { childId: newKid.id, householdId: hA.id, startDate: '2025-03-03', placementType: 'U6', status: 'planned' };
  const problems: [string, string, Record<string, unknown>, string[], RegExp][] = [
    ['POST', '/api/v1/placements', { ...fresh, emergency: 'yes', connectedPerson: 1 }, ['connectedPerson', 'emergency'], /"Placed in an emergency" must be true or false/],
    ['POST', '/api/v1/placements', { ...fresh, intendedUntil18: null }, ['intendedUntil18'], /must be true or false/],
    ['POST', '/api/v1/placements', { ...fresh, kind: 'parent_and_child', assessmentPeriodEndsOn: '2025-04-01' }, ['assessmentPeriodEndsOn'], /no more than 28 days after the start date, on or before 31 March 2025/],
    ['POST', '/api/v1/placements', { ...fresh, kind: 'short_term', sixMonthlyVisitsAgreed: true }, ['sixMonthlyVisitsAgreed'], /only be agreed for a long-term placement/],
    ['POST', '/api/v1/placements', { ...fresh, kind: 'Long-term' }, ['kind'], /Select the kind of placement/],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-03-03', placementType: 'U4', status: 'planned', kind: 'long_term', sixMonthlyVisitsAgreed: 'true please', version: 2 }, ['sixMonthlyVisitsAgreed'], /must be true or false/],
    ['PUT', `/api/v1/placements/${p.id}`, { startDate: '2025-03-03', placementType: 'U6', status: 'planned', kind: 'emergency', intendedUntil18: true, version: 2 }, ['intendedUntil18'], /An emergency placement is not intended/],
  ];
  for (const [method, url, payload, fields, message] of problems) {
    const res = await api(method as 'POST' | 'PUT', url, payload);
    assert.equal(res.statusCode, 400, JSON.stringify(payload));
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    const body = res.json() as { errors: { field: string; message: string }[] };
    assert.deepEqual(body.errors.map((e) => e.field).sort(), fields, JSON.stringify(payload));
    assert.match(body.errors.map((e) => e.message).join('\n'), message, JSON.stringify(payload));
  }
  assert.equal(await countPlacements(), before);
  assert.deepEqual(await factsOf(p.id), { ...noFlags, kind: 'long_term', intendedUntil18: true, sixMonthlyVisitsAgreed: true, assessmentPeriodEndsOn: null, version: 2 });

  // The OpenAPI document describes them.
  const doc = (await api('GET', paths.api.openapi)).json() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>> };
  const putDoc = JSON.stringify(doc.paths['/api/v1/placements/{id}']?.put);
  for (const name of ['kind', 'emergency', 'outsideTermsOfApproval', 'intendedUntil18', 'connectedPerson', 'sixMonthlyVisitsAgreed', 'assessmentPeriodEndsOn']) {
    assert.match(putDoc, new RegExp(`"${name}"`), name);
    assert.match(JSON.stringify(doc.paths['/api/v1/placements']?.post), new RegExp(`"${name}"`), name);
  }
  assert.match(putDoc, /"type":"boolean"/);
});

test('ending a placement records the reason (REASON_PLACE_CHANGE) and any provider or URN override; the page offers this year’s codes', async () => {
  const kid = await insertChild();
  // Began before today: recorded as a past placement, then ended (on or before today) here.
  const late = 'Moved from the previous case system';
  const p = await w.services.placements.recordPast(
    { actor: w.users.placement_officer },
    { childId: kid.id, householdId: (await newHousehold()).id, startDate: '2025-01-06', placementType: 'U6', status: 'active', kind: 'short_term', recordedLateReason: late },
  );
  const c = await as('team_manager');
  const edit = await c.get(paths.placements.edit(p.id));
  assert.match(edit.body, /Reason the placement ended/);
  assert.match(edit.body, /<option value="CARPL">/);
  assert.match(edit.body, /<option value="PR4">/);
  assert.match(edit.body, /fostering service&#39;s Ofsted URN|fostering service's Ofsted URN/);
  const base = { version: '1', ...dateParts('startDate', '2025-01-06'), ...dateParts('endDate', '2025-01-17'), placementType: 'U6', status: 'ended' };

  const missing = await c.post(paths.placements.edit(p.id), base);
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Select the reason the placement ended/);
  const bogus = await c.post(paths.placements.edit(p.id), { ...base, reasonEnded: 'X1' });
  assert.equal(bogus.statusCode, 400);
  assert.match(bogus.body, /Select the reason the placement ended/);
  let [row] = await w.database.db.select().from(placement).where(eq(placement.id, p.id));
  assert.equal(row?.status, 'active');
  assert.equal(row?.reasonEnded, null);

  // Moves are agreed, not done: an early end without an agreed move is refused.
  const unagreed = await c.post(paths.placements.edit(p.id), { ...base, reasonEnded: 'CREQB', provider: 'PR4', urn: 'sc 123456' });
  assert.equal(unagreed.statusCode, 400);
  assert.match(unagreed.body, /This placement cannot end early unless a move is agreed by the HARP panel or the head of service/);
  await agreedMove(w, p.id);
  const ok = await c.post(paths.placements.edit(p.id), { ...base, reasonEnded: 'CREQB', provider: 'PR4', urn: 'sc 123456' });
  assert.equal(ok.statusCode, 303);
  [row] = await w.database.db.select().from(placement).where(eq(placement.id, p.id));
  assert.equal(row?.reasonEnded, 'CREQB');
  assert.equal(row?.provider, 'PR4');
  assert.equal(row?.urn, 'SC123456');
  const show = await c.get(paths.placements.show(p.id));
  assert.match(show.body, /CREQB: Carer requested an end to the placement because of the child/);
  const [audit] = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, p.id), eq(auditEvent.action, 'placement.updated')));
  assert.equal((audit?.details as { reasonEnded?: string }).reasonEnded, 'CREQB');

  // A temporary placement ends without a reason, and may not be given one.
  const kid2 = await insertChild();
  const h2 = await newHousehold();
  const pastT2 = { childId: kid2.id, householdId: h2.id, placementType: 'T2', status: 'ended', kind: 'short_term', recordedLateReason: late };
  const temp = await api('POST', '/api/v1/placements/past', { ...pastT2, startDate: '2025-01-10', endDate: '2025-01-12' });
  assert.equal(temp.statusCode, 201, temp.body);
  const withReason = await api('POST', '/api/v1/placements/past', { ...pastT2, startDate: '2025-01-12', endDate: '2025-01-13', reasonEnded: 'CARPL' });
  assert.equal(withReason.statusCode, 400);
  assert.match(JSON.stringify(withReason.json()), /A temporary placement \(T0 to T4\) has no reason it ended/);
  assert.equal((await placementsOf(kid2.id)).length, 1);
});
