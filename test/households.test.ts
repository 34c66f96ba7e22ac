import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { testWorld, clientsFor, apiCaller, tokenFor, type TestWorld, childInserter } from './helpers.ts';
import { auditEvent, externalContact, fosteringLimitExemption, household, householdMember, organisation, placement } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { paths } from '../src/http/paths.ts';

let w: TestWorld;
let agencyId: string;
let otherLaId: string;
let pmToken: string;
before(async () => {
  w = await testWorld();
  const db = w.database.db;
  const [agency] = await db.insert(organisation).values({ kind: 'fostering_agency', name: 'Kindred Fostering Ltd' }).returning();
  agencyId = agency!.id;
  const [other] = await db.insert(organisation).values({ kind: 'local_authority', name: 'Otherborough Council', laCode: '992' }).returning();
  otherLaId = other!.id;
  pmToken = await tokenFor(w, 'placement_officer');
});
after(async () => w.close());

/** Signed-in clients, one per role, reused: sign-in is rate limited. */
const as = clientsFor(() => w.app);

const api = apiCaller(() => w.app, () => pmToken);

const ctx = (role: Role = 'placement_officer'): { actor: Actor } => ({ actor: w.users[role] });

/** A child row put straight into the table (the children service is not under test here). */
const insertChild = childInserter(() => w, (n) => ({ reference: `CH${String(n).padStart(4, '0')}`, lastName: 'Testcase' }));

const formHousehold = (overrides: Record<string, string | string[]> = {}) => ({
  carer1FirstName: 'Priya',
  carer1LastName: 'Fenwick',
  carer2FirstName: '',
  carer2LastName: '',
  addressLine1: '4 Orchard Close',
  addressLine2: '',
  town: 'Testford',
  postcode: 'tf4 9zz',
  fosteringServiceId: w.laId,
  supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
  approvalStatus: 'approved',
  'approvalDate-day': '3',
  'approvalDate-month': '2',
  'approvalDate-year': '2023',
  approvedChildren: '2',
  ageMin: '0',
  ageMax: '11',
  placementKinds: ['emergency', 'short_term'],
  skillLevel: '2',
  ...overrides,
});

const apiHousehold = (overrides: Record<string, unknown> = {}) => ({
  carer1FirstName: 'Owen',
  carer1LastName: 'Marsh',
  carer2FirstName: 'Lena',
  carer2LastName: 'Marsh',
  addressLine1: '9 Quarry Road',
  town: 'Stoneham',
  postcode: 'ST9 1QR',
  fosteringServiceId: agencyId,
  // Supervised by the world's SSW, so that its team keeps the household (caseload access).
  supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
  approvalStatus: 'approved',
  approvalDate: '2022-09-14',
  approvedChildren: 3,
  ageMin: 5,
  ageMax: 17,
  placementKinds: ['long_term', 'parent_and_child'],
  skillLevel: 4,
  ...overrides,
});

async function makeHousehold(overrides: Record<string, unknown> = {}) {
  return w.services.households.create(ctx(), apiHousehold(overrides));
}

async function count(table: typeof household | typeof householdMember | typeof fosteringLimitExemption) {
  const [row] = await w.database.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

async function auditsFor(id: string) {
  return (await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, id)).orderBy(auditEvent.id)).map((a) => a.action);
}

test('a supervising social worker adds a household through the form: reference, carers and terms are stored and audited', async () => {
  const c = await as('supervising_social_worker');
  const form = await c.get(paths.households.new);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Kindred Fostering Ltd/);
  assert.match(form.body, /Test supervising social worker/);
  const res = await c.post(paths.households.new, formHousehold({ carer2FirstName: 'Tom', carer2LastName: 'Fenwick' }));
  assert.equal(res.statusCode, 303);
  const [row] = await w.database.db.select().from(household).where(eq(household.addressLine1, '4 Orchard Close'));
  assert.ok(row);
  assert.equal(res.headers.location, paths.households.show(row.id));
  assert.match(row.reference, /^H\d{5}$/);
  assert.equal(row.postcode, 'TF4 9ZZ');
  assert.equal(row.approvalDate, '2023-02-03');
  assert.deepEqual(row.placementKinds, ['emergency', 'short_term']);
  assert.equal(row.skillLevel, 2);
  const carers = await w.database.db.select().from(householdMember).where(eq(householdMember.householdId, row.id)).orderBy(householdMember.position);
  assert.deepEqual(
    carers.map((m) => [m.kind, m.position, m.firstName]),
    [
      ['carer', 1, 'Priya'],
      ['carer', 2, 'Tom'],
    ],
  );
  assert.deepEqual(await auditsFor(row.id), ['household.created']);

  const page = await c.get(paths.households.show(row.id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Priya Fenwick and Tom Fenwick/);
  assert.match(page.body, new RegExp(row.reference));
  assert.match(page.body, /Emergency, Short-term/);
  assert.match(page.body, /0 to 11 years/);
  assert.match(page.body, /3 February 2023/);
  assert.match(page.body, /No children are placed here now/);
  // The page also lists the household's obligations and recorded events: each listing is audited.
  assert.deepEqual(await auditsFor(row.id), ['household.created', 'household.viewed', 'obligation.listed', 'obligation.listed', 'parent-and-child.listed', 'ending-meeting.listed']);
});

test('references are given in sequence', async () => {
  const a = await makeHousehold({ addressLine1: '1 Sequence Street' });
  const b = await makeHousehold({ addressLine1: '2 Sequence Street' });
  assert.equal(Number(b.reference.slice(1)), Number(a.reference.slice(1)) + 1);
});

test('bad household form input shows every problem, keeps what was typed and stores nothing', async () => {
  const c = await as('placement_officer');
  await c.get(paths.households.new);
  const households = await count(household);
  const members = await count(householdMember);
  const cases: [Record<string, string | string[]>, RegExp][] = [
    [{ carer1FirstName: '', carer1LastName: '' }, /Enter carer 1(&#39;|')s first name/],
    [{ carer2FirstName: 'Solo' }, /Enter carer 2(&#39;|')s last name, or leave both/],
    [{ 'approvalDate-day': '', 'approvalDate-month': '', 'approvalDate-year': '' }, /Enter the approval date/],
    [{ 'approvalDate-day': '31', 'approvalDate-month': '2' }, /The approval date must be a real date/],
    [{ 'approvalDate-year': '2100' }, /The approval date must be today or in the past/],
    [{ ageMin: '12', ageMax: '4' }, /The oldest age must be the same as or more than the youngest age/],
    [{ approvedChildren: '11' }, /must be between 0 and 10/],
    [{ approvedChildren: 'two' }, /must be a whole number/],
    [{ skillLevel: '5' }, /The skill level must be between 1 and 4/],
    [{ skillLevel: '' }, /Select the skill level/],
    [{ placementKinds: ['residential'] }, /Select placement kinds from the list/],
    [{ approvalStatus: 'pending' }, /Select the approval status/],
    [{ fosteringServiceId: '00000000-0000-4000-8000-000000000000' }, /Select the fostering service/],
    [{ supervisingSocialWorkerId: w.users.social_worker.userId }, /Select a supervising social worker from the list/],
    [{ postcode: 'NOT A CODE' }, /Enter a real postcode/],
    [{ addressLine1: 'x'.repeat(201) }, /Address line 1 must be 200 characters or fewer/],
  ];
  for (const [overrides, message] of cases) {
    const res = await c.post(paths.households.new, formHousehold({ addressLine1: '77 Rejected Row', ...overrides }));
    assert.equal(res.statusCode, 400, JSON.stringify(overrides));
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, message, JSON.stringify(overrides));
  }
  const kept = await c.post(paths.households.new, formHousehold({ carer1LastName: '', town: 'Keepsake' }));
  assert.match(kept.body, /value="Keepsake"/);
  assert.match(kept.body, /value="emergency" checked/);
  assert.equal(await count(household), households);
  assert.equal(await count(householdMember), members);
});

test('editing a household updates the carer rows in the same change, and a stale edit is refused', async () => {
  const h = await makeHousehold({ carer2FirstName: null, carer2LastName: null, addressLine1: '5 Edit Lane' });
  const c = await as('team_manager');
  const form = await c.get(paths.households.edit(h.id));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /value="Owen"/);
  assert.match(form.body, /name="version" value="1"/);

  const first = await c.post(paths.households.edit(h.id), formHousehold({ version: '1', carer1FirstName: 'Owain', carer2FirstName: 'Bea', carer2LastName: 'Marsh', addressLine1: '5 Edit Lane' }));
  assert.equal(first.statusCode, 303);
  let carers = await w.database.db.select().from(householdMember).where(eq(householdMember.householdId, h.id)).orderBy(householdMember.position);
  assert.deepEqual(carers.map((m) => `${m.position}:${m.firstName}`), ['1:Owain', '2:Bea']);

  const stale = await c.post(paths.households.edit(h.id), formHousehold({ version: '1', carer1FirstName: 'Overwritten', addressLine1: '5 Edit Lane' }));
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /changed by someone else since you opened it/);

  const single = await c.post(paths.households.edit(h.id), formHousehold({ version: '2', carer1FirstName: 'Owain', addressLine1: '5 Edit Lane' }));
  assert.equal(single.statusCode, 303);
  carers = await w.database.db.select().from(householdMember).where(eq(householdMember.householdId, h.id)).orderBy(householdMember.position);
  assert.deepEqual(carers.map((m) => `${m.position}:${m.firstName}`), ['1:Owain']);
  const [row] = await w.database.db.select().from(household).where(eq(household.id, h.id));
  assert.equal(row?.version, 3);
  assert.equal(row?.fosteringServiceId, w.laId);
  const actions = await auditsFor(h.id);
  assert.equal(actions.filter((a) => a === 'household.updated').length, 2);
});

test('the household page lists the children placed there now, with their placing authority and social worker', async () => {
  const h = await makeHousehold({ addressLine1: '12 Placement Parade' });
  const [ext] = await w.database.db
    .insert(externalContact)
    .values({ fullName: 'Dana Whitlock', role: 'Social worker', organisationId: otherLaId, organisationName: 'Otherborough Council' })
    .returning();
  const ours = await insertChild({ firstName: 'Ruby', lastName: 'Alder', dateOfBirth: '2014-06-20' });
  const theirs = await insertChild({ firstName: 'Milo', lastName: 'Birch', responsibleAuthorityId: otherLaId, socialWorkerId: null, externalSocialWorkerId: ext!.id });
  const gone = await insertChild({ firstName: 'Former', lastName: 'Resident' });
  const db = w.database.db;
  await db.insert(placement).values([
    { childId: ours.id, householdId: h.id, startDate: '2024-09-02', placementType: 'U4', status: 'active' },
    { childId: theirs.id, householdId: h.id, startDate: '2025-01-15', placementType: 'U6', status: 'active' },
    { childId: gone.id, householdId: h.id, startDate: '2023-01-01', endDate: '2023-06-01', placementType: 'U6', status: 'ended' },
  ]);
  const c = await as('iro');
  const page = await c.get(paths.households.show(h.id));
  assert.equal(page.statusCode, 200);
  const section = page.body.slice(page.body.indexOf('Children placed here now'), page.body.indexOf('id="members"'));
  assert.match(section, new RegExp(`href="${paths.children.show(ours.id)}">Ruby Alder`));
  assert.match(section, /20 June 2014 \(age \d+\)/);
  assert.match(section, /2 September 2024/);
  assert.match(section, /U4: Foster placement with other foster carer: long-term/);
  assert.match(section, /Testshire County Council/);
  assert.match(section, /Test social worker/);
  assert.match(section, /Milo Birch/);
  assert.match(section, /Otherborough Council/);
  assert.match(section, /Dana Whitlock/);
  assert.doesNotMatch(section, /Former Resident/);
  // An IRO may look but not change.
  assert.doesNotMatch(page.body, /Add a household member/);
  assert.doesNotMatch(page.body, new RegExp(paths.households.edit(h.id)));

  const [viewed] = await db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.subjectId, h.id), eq(auditEvent.action, 'household.viewed')));
  assert.equal(viewed?.actorUserId, w.users.iro.userId);
  assert.deepEqual([...(viewed?.childIds ?? [])].sort(), [ours.id, theirs.id].sort(), 'the audit row names the children shown');

  // The list counts the children placed now.
  const list = await c.get(`${paths.households.list}?q=${h.reference}`);
  assert.match(list.body, /1 household/);
  assert.match(list.body, /<td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">2<\/td>/);

  const json = (await api('GET', `/api/v1/households/${h.id}`)).json() as { currentPlacements: { child: { id: string }; placingAuthority: { name: string }; socialWorkerName: string }[] };
  const milo = json.currentPlacements.find((p) => p.child.id === theirs.id);
  assert.equal(milo?.placingAuthority.name, 'Otherborough Council');
  assert.equal(milo?.socialWorkerName, 'Dana Whitlock');
});

test('the household page opens with a summary (approval and terms, places free, who lives there, who is placed and since when, the SSW, what is due), then "on this page" links', async () => {
  const h = await makeHousehold({ approvedChildren: 2, supervisingSocialWorkerId: w.users.supervising_social_worker.userId });
  await w.database.db.insert(householdMember).values({ householdId: h.id, kind: 'carer_child', firstName: 'Pip', lastName: 'Marsh', dateOfBirth: '2012-03-01' });
  const placed = await insertChild({ firstName: 'Glance', lastName: 'Placed' });
  const [p] = await w.database.db.insert(placement).values({ childId: placed.id, householdId: h.id, startDate: '2024-09-02', placementType: 'U4', status: 'active' }).returning();
  const page = await (await as('supervising_social_worker')).get(paths.households.show(h.id));
  assert.equal(page.statusCode, 200);
  const glance = page.body.slice(page.body.indexOf('id="summary"'), page.body.indexOf('id="on-this-page"'));
  const words = glance.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  assert.match(words, /Approval Approved, approved on 14 September 2022/);
  assert.match(words, /Terms of approval Up to 2 children, aged 5 to 17 years; Long-term, Parent and child; skill level 4/);
  assert.match(words, /Places free 1 of 2 \(1 child placed\)/);
  assert.match(words, /Who lives here \(3\) Owen Marsh \(Foster carer\) Lena Marsh \(Foster carer\) Pip Marsh \(.+, age \d+\)/);
  assert.match(words, /Placed here now \(1\) Glance Placed , since 2 September 2024/);
  assert.match(glance, new RegExp(`href="${paths.children.show(placed.id)}">Glance Placed</a>`));
  assert.match(glance, new RegExp(`href="${paths.placements.show(p!.id)}">2 September 2024`), 'since when links to the placement');
  assert.match(words, /Supervising social worker Test supervising social worker/);
  assert.match(words, /Overdue \(\d+\)/);
  assert.match(words, /Due in the next 7 days \(\d+\)/);
  // "On this page" links to the details and every section, each of which is on the page.
  const contents = [...page.body.slice(page.body.indexOf('id="on-this-page"')).matchAll(/<li><a class="govuk-link" href="#([^"]+)">/g)].map((m) => m[1]!);
  assert.ok(contents.length >= 8, contents.join());
  for (const id of ['details', 'approval', 'placed-now', 'members', 'obligations', 'recorded-events']) assert.ok(contents.includes(id), id);
  for (const id of contents) assert.match(page.body, new RegExp(`id="${id}"`));
});

test("a household's page shows the latest 20 recorded events and counts the rest, with a link to them all", async () => {
  const h = await makeHousehold();
  for (let i = 0; i < 23; i++) {
    await w.database.db.execute(sql`insert into household_event (household_id, kind, event_date, evidence) values (${h.id}, 'carer_review_held', ${`2024-01-${String(i + 1).padStart(2, '0')}`}, ${`Review number ${i}`})`);
  }
  const c = await as('supervising_social_worker');
  const page = await c.get(paths.households.show(h.id));
  assert.match(page.body, /Review number 22/);
  assert.match(page.body, /Review number 3\b/);
  assert.doesNotMatch(page.body, /Review number 2\b/);
  assert.match(page.body, /The latest 20 are shown; 3 earlier events are not\./);
  assert.match(page.body, new RegExp(`href="${paths.households.show(h.id)}\\?all=events#recorded-events"`));
  const all = await c.get(`${paths.households.show(h.id)}?all=events`);
  assert.match(all.body, /Review number 0\b/);
  assert.doesNotMatch(all.body, /Show all 23 recorded events/);
});

test('the list is shown 50 a page with the true total; the page links keep the filters; a page past the last shows the last', async () => {
  for (let i = 0; i < 52; i++) await makeHousehold({ carer1FirstName: `Pager${i}`, carer1LastName: 'Pagewell', approvalStatus: 'on_hold' });
  await makeHousehold({ carer1FirstName: 'Other', carer1LastName: 'Pagewell', approvalStatus: 'approved' });
  const c = await as('placement_officer');
  const first = await c.get(`${paths.households.list}?q=Pagewell&approvalStatus=on_hold`);
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /52 households \(showing 1 to 50 of 52\)/);
  assert.match(first.body, /href="\/households\?q=Pagewell&amp;approvalStatus=on_hold&amp;page=2"/);
  assert.match(first.body, /class="govuk-pagination"/);
  const second = await c.get(`${paths.households.list}?q=Pagewell&approvalStatus=on_hold&page=2`);
  assert.match(second.body, /52 households \(showing 51 to 52 of 52\)/);
  assert.doesNotMatch(second.body, /Other Pagewell/);
  const beyond = await c.get(`${paths.households.list}?q=Pagewell&approvalStatus=on_hold&page=40`);
  assert.match(beyond.body, /showing 51 to 52 of 52/);
  const one = await c.get(`${paths.households.list}?q=Pagewell&approvalStatus=approved`);
  assert.match(one.body, /1 household/);
  assert.doesNotMatch(one.body, /govuk-pagination/);
  // The API pages the same list: page and limit, with the total.
  const answer = (await api('GET', '/api/v1/households?q=Pagewell&limit=20&page=3')).json() as { items: unknown[]; total: number; page: number; pages: number; pageSize: number; truncated: boolean };
  assert.deepEqual({ n: answer.items.length, total: answer.total, page: answer.page, pages: answer.pages, pageSize: answer.pageSize, truncated: answer.truncated }, { n: 13, total: 53, page: 3, pages: 3, pageSize: 20, truncated: false }, 'the last page: nothing comes after it');
  const middle = (await api('GET', '/api/v1/households?q=Pagewell&limit=20&page=2')).json() as { items: unknown[]; truncated: boolean };
  assert.deepEqual([middle.items.length, middle.truncated], [20, true], 'a page before the last: more come after it');
  const whole = (await api('GET', '/api/v1/households?q=Pagewell')).json() as { items: unknown[]; total: number; truncated: boolean };
  assert.deepEqual([whole.items.length, whole.total, whole.truncated], [53, 53, false], 'without page and limit: up to 500, as before');
  for (const bad of ['limit=0', 'limit=501', 'page=0', 'page=x']) {
    const refused = await api('GET', `/api/v1/households?${bad}`);
    assert.equal(refused.statusCode, 400, bad);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
  }
});

test('the list searches by reference, carer name and postcode, and filters by status, worker, service and kind', async () => {
  const a = await makeHousehold({ carer1FirstName: 'Xanthe', carer1LastName: 'Quill', postcode: 'QQ1 1AA', approvalStatus: 'on_hold', placementKinds: ['short_breaks'], supervisingSocialWorkerId: null });
  const b = await makeHousehold({
    carer1FirstName: 'Yusuf',
    carer1LastName: 'Quill',
    postcode: 'QQ2 2BB',
    fosteringServiceId: w.laId,
    supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
    placementKinds: ['long_term'],
  });
  // The placement team sees every household (caseload access).
  const c = await as('placement_officer');
  const refs = async (query: string) => {
    const res = await c.get(`${paths.households.list}?${query}`);
    assert.equal(res.statusCode, 200);
    return [a.reference, b.reference].filter((r) => res.body.includes(`>${r}</a>`));
  };
  assert.deepEqual(await refs('q=Quill'), [a.reference, b.reference]);
  assert.deepEqual(await refs('q=xanthe+quill'), [a.reference]);
  assert.deepEqual(await refs(`q=${b.reference}`), [b.reference]);
  assert.deepEqual(await refs('q=qq22bb'), [b.reference]);
  assert.deepEqual(await refs('q=QQ1+1AA'), [a.reference]);
  assert.deepEqual(await refs('q=Quill&approvalStatus=on_hold'), [a.reference]);
  assert.deepEqual(await refs(`q=Quill&supervisingSocialWorkerId=${w.users.supervising_social_worker.userId}`), [b.reference]);
  assert.deepEqual(await refs(`q=Quill&fosteringServiceId=${agencyId}`), [a.reference]);
  assert.deepEqual(await refs('q=Quill&placementKind=long_term'), [b.reference]);
  // Dual approval is not a kind on the terms of approval: filtering by it is ignored, as any unknown kind is.
  assert.deepEqual(await refs('q=Quill&placementKind=fostering_for_adoption'), [a.reference, b.reference]);
  // Nonsense filter values are ignored rather than failing.
  assert.deepEqual(await refs('q=Quill&fosteringServiceId=nonsense&placementKind=castle'), [a.reference, b.reference]);
  const listed = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'household.listed'), eq(auditEvent.actorUserId, w.users.placement_officer.userId)));
  assert.ok(listed.length >= 10);
});

test('household members: add, refuse bad input storing nothing, remove; carers cannot be removed here', async () => {
  const h = await makeHousehold({ addressLine1: '3 Member Mews' });
  const c = await as('supervising_social_worker');
  const page = await c.get(paths.households.show(h.id));
  assert.match(page.body, /Add a household member/);
  const before = await count(householdMember);

  const bad = await c.post(paths.households.members(h.id), { kind: 'carer_child', firstName: 'Nell', lastName: 'Marsh' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /Enter the child(&#39;|')s date of birth/);
  assert.match(bad.body, /value="Nell"/);
  const badKind = await c.post(paths.households.members(h.id), { kind: 'carer', firstName: 'Sneaky', lastName: 'Carer' });
  assert.equal(badKind.statusCode, 400);
  assert.match(badKind.body, /Select who the person is/);
  const future = await c.post(paths.households.members(h.id), { kind: 'carer_child', firstName: 'Nell', lastName: 'Marsh', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2100' });
  assert.equal(future.statusCode, 400);
  const long = await c.post(paths.households.members(h.id), { kind: 'other_adult', firstName: 'x'.repeat(101), lastName: 'Marsh' });
  assert.equal(long.statusCode, 400);
  assert.equal(await count(householdMember), before);

  const ok = await c.post(paths.households.members(h.id), { kind: 'carer_child', firstName: 'Nell', lastName: 'Marsh', 'dateOfBirth-day': '9', 'dateOfBirth-month': '10', 'dateOfBirth-year': '2010' });
  assert.equal(ok.statusCode, 303);
  const [nell] = await w.database.db.select().from(householdMember).where(and(eq(householdMember.householdId, h.id), eq(householdMember.firstName, 'Nell')));
  assert.equal(nell?.kind, 'carer_child');
  assert.equal(nell?.dateOfBirth, '2010-10-09');
  const shown = await c.get(paths.households.show(h.id));
  assert.match(shown.body, /Nell Marsh/);
  assert.match(shown.body, /Carer(&#39;|')s own child/);

  const [carer] = await w.database.db.select().from(householdMember).where(and(eq(householdMember.householdId, h.id), eq(householdMember.kind, 'carer')));
  const refused = await c.post(paths.households.removeMember(h.id, carer!.id), { confirm: 'yes' });
  assert.equal(refused.statusCode, 400);
  // The confirmation step: asked first; a post without the answer removes no one.
  const ask = await c.get(paths.households.removeMember(h.id, nell!.id));
  assert.equal(ask.statusCode, 200);
  assert.match(ask.body, /Are you sure you want to remove Nell Marsh from the household\?/);
  assert.match(ask.body, /govuk-warning-text/);
  const unasked = await c.post(paths.households.removeMember(h.id, nell!.id));
  assert.equal(unasked.statusCode, 303);
  assert.equal(unasked.headers.location, paths.households.removeMember(h.id, nell!.id));
  assert.equal((await w.database.db.select().from(householdMember).where(eq(householdMember.householdId, h.id))).length, 3, 'nobody removed');
  const removed = await c.post(paths.households.removeMember(h.id, nell!.id), { confirm: 'yes' });
  assert.equal(removed.statusCode, 303);
  assert.match((await c.get(paths.households.show(h.id))).body, /govuk-notification-banner--success[\s\S]*Member removed from the household/);
  const left = await w.database.db.select().from(householdMember).where(eq(householdMember.householdId, h.id));
  assert.deepEqual(left.map((m) => m.kind).sort(), ['carer', 'carer']);
  const actions = await auditsFor(h.id);
  assert.ok(actions.includes('household.member.added'));
  assert.ok(actions.includes('household.member.removed'));
  // A member of another household cannot be removed through this one.
  const other = await makeHousehold({ addressLine1: '4 Member Mews' });
  const res = await c.post(paths.households.removeMember(other.id, carer!.id), { confirm: 'yes' });
  assert.equal(res.statusCode, 404);
});

test('fostering limit exemptions name children by reference or by ticking those placed; bad input stores nothing', async () => {
  const h = await makeHousehold({ addressLine1: '8 Exemption End' });
  const placed = await insertChild({ firstName: 'Ivy', lastName: 'Coles' });
  const elsewhere = await insertChild({ firstName: 'Jude', lastName: 'Coles', reference: 'CX0042' });
  await w.database.db.insert(placement).values({ childId: placed.id, householdId: h.id, startDate: '2025-01-01', placementType: 'U6', status: 'active' });
  const c = await as('team_manager');
  const page = await c.get(paths.households.show(h.id));
  assert.match(page.body, new RegExp(`name="childIds" type="checkbox" value="${placed.id}"`));
  const before = await count(fosteringLimitExemption);
  const good = {
    childIds: placed.id,
    childReferences: 'cx0042',
    grantingAuthorityId: w.laId,
    conditions: 'Siblings to share the large bedroom only',
    'startDate-day': '1',
    'startDate-month': '2',
    'startDate-year': '2025',
  };
  const cases: [Record<string, string>, RegExp][] = [
    [{ childIds: '', childReferences: '' }, /Name at least one child/],
    [{ childReferences: 'CX0042, NOPE99' }, /No child has the reference NOPE99/],
    [{ grantingAuthorityId: agencyId }, /Select the local authority that granted the exemption/],
    [{ grantingAuthorityId: 'not-a-uuid' }, /Select the local authority that granted the exemption/],
    [{ 'startDate-day': '' , 'startDate-month': '', 'startDate-year': '' }, /Enter the date the exemption starts/],
    [{ 'endDate-day': '1', 'endDate-month': '1', 'endDate-year': '2025' }, /The end date must be the same as or after the start date/],
    [{ conditions: 'x'.repeat(5001) }, /The conditions must be 5000 characters or fewer/],
  ];
  for (const [overrides, message] of cases) {
    const res = await c.post(paths.households.exemptions(h.id), { ...good, ...overrides });
    assert.equal(res.statusCode, 400, JSON.stringify(overrides));
    assert.match(res.body, message, JSON.stringify(overrides));
  }
  assert.equal(await count(fosteringLimitExemption), before);

  const ok = await c.post(paths.households.exemptions(h.id), good);
  assert.equal(ok.statusCode, 303);
  const [row] = await w.database.db.select().from(fosteringLimitExemption).where(eq(fosteringLimitExemption.householdId, h.id));
  assert.deepEqual([...row!.childIds].sort(), [placed.id, elsewhere.id].sort());
  assert.equal(row?.grantingAuthorityId, w.laId);
  const shown = await c.get(paths.households.show(h.id));
  const section = shown.body.slice(shown.body.indexOf('id="exemptions"'));
  assert.match(section, /Ivy Coles \(CH\d+\)/);
  assert.match(section, /Jude Coles \(CX0042\)/);
  assert.match(section, /Siblings to share the large bedroom only/);
  assert.match(section, /1 February 2025/);
  assert.ok((await auditsFor(h.id)).includes('household.exemption.added'));
});

test('roles without household:write are refused, and change nothing', async () => {
  const h = await makeHousehold({ addressLine1: '6 Refusal Road' });
  const households = await count(household);
  const members = await count(householdMember);
  for (const role of ['social_worker', 'iro', 'administrator'] as const) {
    const c = await as(role);
    assert.equal((await c.get(paths.households.new)).statusCode, 403, role);
    assert.equal((await c.get(paths.households.edit(h.id))).statusCode, 403, role);
    assert.equal((await c.post(paths.households.new, formHousehold())).statusCode, 403, role);
    assert.equal((await c.post(paths.households.edit(h.id), formHousehold({ version: '1', carer1FirstName: 'Hijack' }))).statusCode, 403, role);
    assert.equal((await c.post(paths.households.members(h.id), { kind: 'other_adult', firstName: 'A', lastName: 'B' })).statusCode, 403, role);
    // Nor do they see a household no child of theirs lives in (caseload access).
    assert.equal((await c.get(paths.households.show(h.id))).statusCode, 403, role);
  }
  const swToken = await tokenFor(w, 'social_worker');
  assert.equal((await api('POST', '/api/v1/households', apiHousehold(), swToken)).statusCode, 403);
  assert.equal((await api('PUT', `/api/v1/households/${h.id}`, { ...apiHousehold(), version: 1 }, swToken)).statusCode, 403);
  assert.equal((await api('POST', `/api/v1/households/${h.id}/members`, { kind: 'other_adult', firstName: 'A', lastName: 'B' }, swToken)).statusCode, 403);
  assert.equal((await api('GET', `/api/v1/households/${h.id}`, undefined, swToken)).statusCode, 403);
  // Once a child on the social worker's caseload lives there, they read it (and still change nothing).
  const placed = await insertChild({ firstName: 'Refusal', lastName: 'Resident' });
  await w.database.db.insert(placement).values({ childId: placed.id, householdId: h.id, startDate: '2025-02-01', placementType: 'U4', status: 'active' });
  assert.equal((await api('GET', `/api/v1/households/${h.id}`, undefined, swToken)).statusCode, 200);
  assert.equal((await (await as('social_worker')).get(paths.households.show(h.id))).statusCode, 200);
  assert.equal((await api('PUT', `/api/v1/households/${h.id}`, { ...apiHousehold(), version: 1 }, swToken)).statusCode, 403);
  assert.equal(await count(household), households);
  assert.equal(await count(householdMember), members);
  const [row] = await w.database.db.select().from(household).where(eq(household.id, h.id));
  assert.equal(row?.version, 1);
});

test('the API creates, reads, lists and changes households, with members and exemptions', async () => {
  const created = await api('POST', '/api/v1/households', apiHousehold({ addressLine1: '21 Api Avenue', supervisingSocialWorkerId: w.users.supervising_social_worker.userId }));
  assert.equal(created.statusCode, 201);
  const body = created.json() as { id: string; reference: string; version: number; carers: { firstName: string; position: number }[]; supervisingSocialWorkerName: string };
  assert.match(body.reference, /^H\d{5}$/);
  assert.deepEqual(body.carers.map((c) => c.firstName), ['Owen', 'Lena']);
  assert.equal(body.supervisingSocialWorkerName, 'Test supervising social worker');

  const list = await api('GET', `/api/v1/households?q=${body.reference}`);
  assert.deepEqual((list.json() as { items: { id: string; carers: { firstName: string }[] }[] }).items.map((h) => [h.id, h.carers.length]), [[body.id, 2]]);

  const member = await api('POST', `/api/v1/households/${body.id}/members`, { kind: 'other_adult', firstName: 'Grandad', lastName: 'Marsh' });
  assert.equal(member.statusCode, 201);
  const kid = await insertChild({ reference: 'CAPI01' });
  const exemption = await api('POST', `/api/v1/households/${body.id}/exemptions`, { childReferences: 'CAPI01', grantingAuthorityId: w.laId, startDate: '2025-03-01', endDate: '2025-09-01' });
  assert.equal(exemption.statusCode, 201);
  assert.deepEqual((exemption.json() as { children: { id: string }[] }).children.map((c) => c.id), [kid.id]);

  const got = (await api('GET', `/api/v1/households/${body.id}`)).json() as { members: { firstName: string }[]; exemptions: unknown[]; currentPlacements: unknown[]; version: number };
  assert.deepEqual(got.members.map((m) => m.firstName), ['Grandad']);
  assert.equal(got.exemptions.length, 1);
  assert.deepEqual(got.currentPlacements, []);

  const put = await api('PUT', `/api/v1/households/${body.id}`, { ...apiHousehold({ addressLine1: '21 Api Avenue', carer2FirstName: null, carer2LastName: null, approvalStatus: 'on_hold' }), version: got.version });
  assert.equal(put.statusCode, 200);
  const after = put.json() as { approvalStatus: string; carers: unknown[]; version: number };
  assert.equal(after.approvalStatus, 'on_hold');
  assert.equal(after.carers.length, 1);
  assert.equal(after.version, got.version + 1);

  const stale = await api('PUT', `/api/v1/households/${body.id}`, { ...apiHousehold({ addressLine1: 'Stale Street' }), version: got.version });
  assert.equal(stale.statusCode, 409);
  assert.match((stale.json() as { detail: string }).detail, /changed by someone else/);
  const noVersion = await api('PUT', `/api/v1/households/${body.id}`, apiHousehold());
  assert.equal(noVersion.statusCode, 400);
  const [row] = await w.database.db.select().from(household).where(eq(household.id, body.id));
  assert.equal(row?.addressLine1, '21 Api Avenue');

  assert.equal((await api('GET', '/api/v1/households/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  assert.equal((await api('GET', '/api/v1/households/not-an-id')).statusCode, 404);
});

test('bad API input is answered with a problem listing the fields, and stores nothing', async () => {
  const h = await makeHousehold({ addressLine1: '30 Problem Place' });
  const households = await count(household);
  const members = await count(householdMember);
  const exemptions = await count(fosteringLimitExemption);
  const problems: [string, string, unknown, string[]][] = [
    ['POST', '/api/v1/households', { ...apiHousehold(), carer1FirstName: 42, approvedChildren: 'lots', skillLevel: 9 }, ['approvedChildren', 'carer1FirstName', 'skillLevel']],
    ['POST', '/api/v1/households', { ...apiHousehold(), approvalStatus: 'sort_of', placementKinds: 'emergency' }, ['approvalStatus', 'placementKinds']],
    ['POST', '/api/v1/households', { ...apiHousehold(), approvalDate: '2024-13-01', town: 't'.repeat(101) }, ['approvalDate', 'town']],
    ['POST', '/api/v1/households', { ...apiHousehold(), ageMin: 9, ageMax: 3 }, ['ageMax']],
    ['POST', '/api/v1/households', [1, 2], ['body']],
    ['PUT', `/api/v1/households/${h.id}`, { ...apiHousehold(), fosteringServiceId: 'abc', version: 1 }, ['fosteringServiceId']],
    ['POST', `/api/v1/households/${h.id}/members`, { kind: 'pet', firstName: '', lastName: 'Marsh' }, ['firstName', 'kind']],
    ['POST', `/api/v1/households/${h.id}/members`, { kind: 'other_child', firstName: 'Al', lastName: 'Marsh', dateOfBirth: '2020-02-30' }, ['dateOfBirth']],
    ['POST', `/api/v1/households/${h.id}/exemptions`, { childIds: ['nope'], grantingAuthorityId: w.laId, startDate: '2025-01-01' }, ['childIds.0']],
    ['POST', `/api/v1/households/${h.id}/exemptions`, { childIds: ['00000000-0000-4000-8000-000000000000'], grantingAuthorityId: w.laId, startDate: '2025-01-01' }, ['childIds']],
    ['POST', `/api/v1/households/${h.id}/exemptions`, { childReferences: 'ZZZ999', grantingAuthorityId: w.laId, startDate: 'yesterday' }, ['startDate']],
  ];
  for (const [method, url, payload, fields] of problems) {
    const res = await api(method as 'POST' | 'PUT', url, payload);
    assert.equal(res.statusCode, 400, `${method} ${url} ${JSON.stringify(payload)}`);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    const problem = res.json() as { errors: { field: string }[] };
    assert.deepEqual(problem.errors.map((e) => e.field).sort(), fields, JSON.stringify(payload));
  }
  assert.equal(await count(household), households);
  assert.equal(await count(householdMember), members);
  assert.equal(await count(fosteringLimitExemption), exemptions);
  const [row] = await w.database.db.select().from(household).where(eq(household.id, h.id));
  assert.equal(row?.version, 1);
});
