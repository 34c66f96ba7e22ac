/**
 * Vacancies and matching on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): the
 * service, the pages, the API, and evaluateHousehold inside a caller's transaction; plus the
 * household's soft-factor fields on the form, page and API.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import { apiCaller, clientsFor, tokenFor, type TestWorld, testWorld, childInserter } from './helpers.ts';
import { auditEvent, fosteringLimitExemption, household, householdMember, placement, placementRequest, siblingLink } from '../src/data/schema.ts';
import { evaluateHousehold } from '../src/services/matching.ts';
import { WEIGHTS, signed } from '../src/domain/matching/index.ts';
import { paths } from '../src/http/paths.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';

const TODAY = '2025-03-03';
const NEEDED_BY = '2025-03-10';

let w: TestWorld;
let poToken: string;
let swToken: string;
const ids: Record<string, string> = {};

const as = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => poToken);
const ctx = (role: Role = 'placement_officer'): { actor: Actor } => ({ actor: w.users[role] });
/** The visible text of a page, without tags, on one line. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&ndash;/g, '–').replace(/\s+/g, ' ');

/** A child row put straight into the table (the children service is not under test here). */
const insertChild = childInserter(() => w, (n) => ({ reference: `CM${String(n).padStart(4, '0')}`, lastName: 'Match', dateOfBirth: '2016-01-01' }));

async function insertHousehold(reference: string, values: Partial<typeof household.$inferInsert> = {}, carer = 'Carer') {
  const [row] = await w.database.db
    .insert(household)
    .values({
      reference,
      addressLine1: `${reference} Lane`,
      town: 'Clevedon',
      postcode: 'BS21 6AA',
      fosteringServiceId: w.laId,
      supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2022-01-01',
      approvedChildren: 3,
      ageMin: 0,
      ageMax: 17,
      placementKinds: ['short_term', 'long_term'],
      skillLevel: 3,
      ...values,
    })
    .returning();
  await w.database.db.insert(householdMember).values({ householdId: row!.id, kind: 'carer', firstName: carer, lastName: reference, position: 1 });
  return row!;
}

async function place(householdId: string, childId: string, values: Partial<typeof placement.$inferInsert> = {}) {
  await w.database.db.insert(placement).values({ childId, householdId, startDate: '2024-06-01', placementType: 'U3', status: 'active', ...values });
}

async function insertRequest(reference: string, childId: string, values: Partial<typeof placementRequest.$inferInsert> = {}) {
  const [row] = await w.database.db
    .insert(placementRequest)
    .values({ reference, childId, status: 'matching', urgency: 'planned', kind: 'short_term', neededBy: NEEDED_BY, ...values })
    .returning();
  return row!.id;
}

before(async () => {
  w = await testWorld({ today: TODAY });
  poToken = await tokenFor(w, 'placement_officer');
  swToken = await tokenFor(w, 'social_worker');

  // Sam, 14 on the needed-by date, keeps a school in Clevedon (BS21) and speaks Polish; home postcode
  // in BS21 too. (Real postcodes: distances between district centres are real ones.)
  const sam = await insertChild({ firstName: 'Sam', lastName: 'Rivers', dateOfBirth: '2010-05-01', sex: 'M', homePostcode: 'BS21 5EH' });
  ids.sam = sam.id;
  ids.request = await insertRequest('PR-T-0001', sam.id, {
    needs: { needTags: ['trauma', 'self_harm'], keepSchool: true, schoolPostcode: 'BS21 6BT', firstLanguage: 'Polish', noPets: true },
  });

  // H1: near the school, speaks Polish, has trauma experience: the best match. One child placed.
  const h1 = await insertHousehold('HM001', { postcode: 'BS21 5BB', languages: ['English', 'Polish'], experience: ['trauma'] }, 'Ada');
  ids.h1 = h1.id;
  await place(h1.id, (await insertChild({ firstName: 'Ola' })).id);
  // H2: eligible but further away in Horfield, Bristol (about 12 miles), prefers no teenagers.
  const h2 = await insertHousehold('HM002', { town: 'Bristol', postcode: 'BS7 8PD', preferences: ['no_teenagers'], approvedChildren: 2 }, 'Ben');
  ids.h2 = h2.id;
  // H3: approved for ages 0–11 only.
  ids.h3 = (await insertHousehold('HM003', { ageMin: 0, ageMax: 11 }, 'Cal')).id;
  // H4: on hold, and has pets.
  ids.h4 = (await insertHousehold('HM004', { approvalStatus: 'on_hold', pets: true }, 'Dee')).id;
  // H5: three unrelated fostered children, approved for 4: the usual fostering limit.
  const h5 = await insertHousehold('HM005', { approvedChildren: 4 }, 'Eve');
  ids.h5 = h5.id;
  const h5children = [await insertChild(), await insertChild(), await insertChild()];
  for (const c of h5children) await place(h5.id, c.id);
  // H6: the same, but an exemption in force on the needed-by date names all four children.
  const h6 = await insertHousehold('HM006', { approvedChildren: 4 }, 'Fay');
  ids.h6 = h6.id;
  const h6children = [await insertChild(), await insertChild(), await insertChild()];
  for (const c of h6children) await place(h6.id, c.id);
  await w.database.db
    .insert(fosteringLimitExemption)
    .values({ householdId: h6.id, grantingAuthorityId: w.laId, startDate: '2025-03-01', childIds: [...h6children.map((c) => c.id), sam.id] });
  // H7: full (2 approved, 2 placed), and one of them only planned from the needed-by date.
  const h7 = await insertHousehold('HM007', { approvedChildren: 2 }, 'Gus');
  ids.h7 = h7.id;
  await place(h7.id, (await insertChild()).id);
  await place(h7.id, (await insertChild()).id, { status: 'planned', startDate: NEEDED_BY });
  // H8: empty, approved for four, far away in Chippenham (about 33 miles).
  ids.h8 = (await insertHousehold('HM008', { approvedChildren: 4, town: 'Chippenham', postcode: 'SN15 1AA' }, 'Hal')).id;

  // A sibling group of four linked to each other, for a request of its own.
  const sibs = [await insertChild({ firstName: 'Ana' }), await insertChild({ firstName: 'Bo' }), await insertChild({ firstName: 'Cy' }), await insertChild({ firstName: 'Di' })];
  ids.siblingRequest = await insertRequest('PR-T-0002', sibs[0]!.id, { siblingIds: sibs.slice(1).map((s) => s.id) });
  for (let i = 0; i < sibs.length; i++) {
    for (let j = i + 1; j < sibs.length; j++) {
      const [a, b] = [sibs[i]!.id, sibs[j]!.id].sort();
      await w.database.db.insert(siblingLink).values({ childId: a!, siblingId: b! }); // stored once, smaller id first
    }
  }

  ids.draft = await insertRequest('PR-T-0003', (await insertChild()).id, { status: 'draft', kind: null, neededBy: null });
  ids.submitted = await insertRequest('PR-T-0004', (await insertChild({ dateOfBirth: '2012-01-01' })).id, { status: 'submitted' });
});
after(async () => w.close());

// Vacancies ----------------------------------------------------------------------------------------

test('vacancies: places derived from approval and placements today; full, on-hold and filtered-out households are left out', async () => {
  const { today, items } = await w.services.matching.vacancies(ctx(), {});
  assert.equal(today, TODAY);
  const byRef = new Map(items.map((v) => [v.reference, v]));
  assert.deepEqual(
    [...byRef.keys()].sort(),
    ['HM001', 'HM002', 'HM003', 'HM005', 'HM006', 'HM007', 'HM008'],
    'HM004 is on hold: no places',
  );
  assert.deepEqual([byRef.get('HM001')!.placesFree, byRef.get('HM001')!.approvedChildren, byRef.get('HM001')!.placed], [2, 3, 1]);
  // HM007's planned placement starts after today: one place is still free today.
  assert.equal(byRef.get('HM007')!.placesFree, 1);
  assert.equal(byRef.get('HM005')!.placesFree, 1);
  assert.equal(byRef.get('HM001')!.supervisingSocialWorker?.name, 'Test supervising social worker');
  assert.equal(byRef.get('HM001')!.carers, 'Ada HM001');
  // Most places first.
  assert.ok(items[0]!.placesFree >= items[items.length - 1]!.placesFree);

  const teen = await w.services.matching.vacancies(ctx(), { age: 14 });
  assert.ok(!teen.items.some((v) => v.reference === 'HM003'), 'HM003 is approved for ages 0–11');
  const two = await w.services.matching.vacancies(ctx(), { minPlaces: 2 });
  assert.deepEqual(two.items.map((v) => v.reference).sort(), ['HM001', 'HM002', 'HM003', 'HM008']);
  const kind = await w.services.matching.vacancies(ctx(), { placementKind: 'parent_and_child' });
  assert.deepEqual(kind.items, []);

  const audits = await w.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'vacancy.listed'));
  assert.ok(audits.length >= 4);
  assert.deepEqual(audits.at(-1)!.details, { filter: { placementKind: 'parent_and_child' }, count: 0, today: TODAY });
});

test('vacancies page: the register with its filters; a bad age is an error; "Vacancies" is in the navigation', async () => {
  const c = await as('supervising_social_worker');
  const res = await c.get(paths.vacancies);
  assert.equal(res.statusCode, 200);
  const body = text(res.body);
  assert.match(body, /Vacancies/);
  assert.match(body, /HM001 Ada HM001, Clevedon BS21 5BB 2 of 3 Short-term, Long-term 0 to 17 3 Test supervising social worker/);
  assert.match(res.body, new RegExp(`href="${paths.households.show(ids.h1!)}"`));
  assert.match(res.body, /class="govuk-service-navigation__link" href="\/vacancies" aria-current="page"|href="\/vacancies"[^>]*aria-current/);

  const filtered = await c.get(`${paths.vacancies}?age=14&minPlaces=2`);
  assert.equal(filtered.statusCode, 200);
  assert.match(text(filtered.body), /3 households/);

  const full = text((await c.get(`${paths.vacancies}?includeFull=true&placementKind=short_term`)).body);
  assert.match(full, /7 households/);

  const bad = await c.get(`${paths.vacancies}?age=old`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /Enter the child(&#39;|')s age as a whole number from 0 to 25/);
});

// Matching ------------------------------------------------------------------------------------------

test('matching: eligible households ranked by score with every factor explained; the excluded with every reason; audited', async () => {
  const m = await w.services.matching.matchRequest(ctx(), ids.request!);
  assert.equal(m.request.child.name, 'Sam Rivers');
  assert.equal(m.request.placementDate, NEEDED_BY);
  assert.equal(m.request.child.ageOnPlacementDate, 14);

  assert.deepEqual(
    m.eligible.map((e) => [e.household.reference, e.score]),
    [
      ['HM001', 53],
      ['HM006', 30],
      ['HM002', -10],
      ['HM008', -15],
    ],
  );
  const [best] = m.eligible;
  assert.deepEqual(
    best!.factors.map((f) => [f.name, f.points]),
    [
      ['Distance from school', 20],
      ['Distance from home', 10],
      ['Language', 15],
      ['Experience: Trauma, abuse or neglect', 8],
      ['Experience: Self-harm', 0],
    ],
  );
  assert.equal(best!.score, 53);
  assert.equal(best!.factors[0]!.explanation, "The carers live in the same postcode district as Sam's school (BS21).");
  const far = m.eligible.find((e) => e.household.reference === 'HM002')!;
  assert.match(far.factors.find((f) => f.name === 'Distance from school')!.explanation, /^About 1\d\.\d miles from Sam's school/);
  assert.deepEqual(far.factors.find((f) => f.name.startsWith("Carers' preference")), {
    code: 'preference',
    name: "Carers' preference: prefer not to care for teenagers",
    points: -15,
    explanation: 'Prefer not to care for teenagers; Sam will be 14 on 10 March 2025.',
  });

  // Those failing a constraint the database checks first are counted under the first they fail…
  assert.deepEqual(m.excludedFirst, [
    { code: 'approval-not-current', households: 1 },
    { code: 'age-outside-range', households: 1 },
    { code: 'not-enough-places', households: 1 },
  ]);
  assert.equal(m.excludedTotal, 4);
  // …and the nearest misses are listed with every reason.
  const reasons = new Map(m.excluded.map((e) => [e.household.reference, e.reasons.map((r) => r.message)]));
  assert.deepEqual([...reasons.keys()], ['HM005']);
  assert.deepEqual(reasons.get('HM005'), [
    'Placing Sam would make 4 fostered children here, more than the usual fostering limit of three (Children Act 1989 Schedule 7 para 2); they are not all siblings of each other (para 3) and no exemption is in force on 10 March 2025 (para 4).',
  ]);
  assert.ok(!reasons.has('HM006'), 'the exemption names all four children');
  // The domain still gives every reason of those counted (as the proposals' re-check of one household shows).
  const recheck = (householdId: string) => w.database.db.transaction((tx) => evaluateHousehold(tx, ids.request!, householdId, TODAY));
  assert.deepEqual((await recheck(ids.h3!)).reasons, ['Approved for ages 0–11; Sam will be 14 on 10 March 2025, when the placement is needed.']);
  assert.deepEqual((await recheck(ids.h4!)).reasons, ['Approval is on hold: no child can be placed while it is.', 'The request says Sam cannot live with pets; these carers have pets.']);
  // One place free today, but a placement planned from the needed-by date takes it.
  assert.deepEqual((await recheck(ids.h7!)).reasons, ['Approved for 2 children and 2 are placed (counted on 10 March 2025, when the placement is needed), so no place is free; the request is for 1 child (Sam).']);

  const [audit] = await w.database.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.action, 'matching.viewed'), eq(auditEvent.subjectId, ids.request!)));
  assert.equal(audit!.subjectType, 'request');
  assert.deepEqual(audit!.details, { placementDate: NEEDED_BY, eligible: ['HM001', 'HM006', 'HM002', 'HM008'], excluded: 4 });
  assert.deepEqual(audit!.childIds, [ids.sam], 'the audit row names the child matched');
});

test('a sibling group of four: over the usual limit but all siblings (para 3), so only places decide', async () => {
  const m = await w.services.matching.matchRequest(ctx(), ids.siblingRequest!);
  assert.equal(m.request.siblings.length, 3);
  assert.deepEqual(
    m.eligible.map((e) => e.household.reference),
    ['HM008'],
  );
  assert.deepEqual(m.excluded, [], 'every household excluded fails a constraint checked first');
  assert.equal(m.excludedFirst.find((e) => e.code === 'not-enough-places')?.households, 6, 'HM008 alone has four places');
  const recheck = (householdId: string) => w.database.db.transaction((tx) => evaluateHousehold(tx, ids.siblingRequest!, householdId, TODAY));
  const h2 = await recheck(ids.h2!);
  assert.equal(h2.reasons.length, 1, 'four siblings alone are within para 3');
  assert.match(h2.reasons[0]!, /no place is free|only 2 places are free/);
  const h1 = await recheck(ids.h1!);
  assert.equal(h1.reasons.length, 2, 'four siblings plus an unrelated child are not');
  assert.match(h1.reasons[0]!, /the request is for 4 children \(Ana and 3 siblings\)\./);
  assert.match(h1.reasons[1]!, /usual fostering limit of three/);
});

test('evaluateHousehold re-checks one household inside the caller\'s transaction', async () => {
  const result = await w.database.db.transaction(async (tx) => ({
    good: await evaluateHousehold(tx, ids.request!, ids.h1!, TODAY),
    bad: await evaluateHousehold(tx, ids.request!, ids.h3!, TODAY),
  }));
  assert.equal(result.good.eligible, true);
  assert.deepEqual(result.good.reasons, []);
  assert.equal(result.good.score, 53);
  assert.deepEqual(result.good.factors[2], { name: 'Language', points: 15, explanation: "The carers speak Polish, Sam's first language." });
  assert.equal(result.bad.eligible, false);
  assert.deepEqual(result.bad.reasons, ['Approved for ages 0–11; Sam will be 14 on 10 March 2025, when the placement is needed.']);
  await assert.rejects(
    w.database.db.transaction((tx) => evaluateHousehold(tx, ids.request!, '00000000-0000-4000-8000-000000000000', TODAY)),
    /Household not found/,
  );
});

test('a draft request, or one without a kind, cannot be matched', async () => {
  await assert.rejects(w.services.matching.matchRequest(ctx(), ids.draft!), /still a draft/);
  await assert.rejects(w.services.matching.matchRequest(ctx(), '00000000-0000-4000-8000-000000000000'), /Placement request not found/);
});

test('matching page: the request, ranked households with factor tables and a "Consider this household" form, the excluded with reasons', async () => {
  const c = await as('placement_officer');
  const res = await c.get(paths.requests.matching(ids.request));
  assert.equal(res.statusCode, 200);
  const body = text(res.body);
  assert.match(body, /Matching for Sam Rivers/);
  assert.match(body, /Households that can be considered \(4\)/);
  assert.match(body, /1\. HM001 Ada HM001 Score \+53/);
  assert.match(body, /Distance from school \+20 The carers live in the same postcode district as Sam's school \(BS21\)\./);
  assert.match(body, /Households excluded \(4\)/);
  // The excluded are behind a disclosure, grouped by reason, each group counted; the nearest miss is named with its reason.
  assert.match(res.body, /<details class="govuk-details"[^>]*>\s*<summary class="govuk-details__summary">\s*<span class="govuk-details__summary-text">\s*Show the 4 households excluded, grouped by reason/);
  assert.match(
    body,
    /Approval not current \(in assessment, on hold or deregistered\) \(1\) 1 household is not named here\. Not approved for the children's ages on the placement date \(1\) 1 household is not named here\. Not enough places free on the placement date \(1\) 1 household is not named here\. Over the usual fostering limit, with no exemption that covers the children \(1\) HM005 Eve HM005: 1 reason/,
  );
  assert.match(body, /usual fostering limit of three \(Children Act 1989 Schedule 7 para 2\)/);
  assert.match(body, /How the score is worked out/);
  const forms = [...res.body.matchAll(/<form method="post" action="([^"]+)" novalidate>\s*<input type="hidden" name="_csrf" value="([^"]+)">\s*<input type="hidden" name="householdId" value="([^"]+)">/g)];
  assert.equal(forms.length, 4);
  assert.equal(forms[0]![1], paths.proposals.create(ids.request));
  assert.equal(forms[0]![3], ids.h1);
  assert.ok(forms[0]![2]!.length > 10, 'the CSRF token is in the form');
  assert.match(res.body, /Consider this household<span class="govuk-visually-hidden"> \(HM001\)<\/span>/);
});

test('matching page: a submitted request shows no "Consider" buttons yet; a draft says it cannot be matched; others are refused', async () => {
  const c = await as('placement_officer');
  const submitted = await c.get(paths.requests.matching(ids.submitted));
  assert.equal(submitted.statusCode, 200);
  assert.match(text(submitted.body), /Start matching on the request before considering a household\./);
  assert.doesNotMatch(submitted.body, /name="householdId"/);

  const draft = await c.get(paths.requests.matching(ids.draft));
  assert.equal(draft.statusCode, 409);
  assert.match(text(draft.body), /This request cannot be matched yet/);

  for (const role of ['social_worker', 'supervising_social_worker', 'iro'] as const) {
    const res = await (await as(role)).get(paths.requests.matching(ids.request));
    assert.equal(res.statusCode, 403, role);
  }
  const manager = await as('team_manager');
  assert.equal((await manager.get(paths.requests.matching(ids.request))).statusCode, 200);
});

// API -----------------------------------------------------------------------------------------------

test('API: vacancies and matching, with permission and validation; both are in the OpenAPI document', async () => {
  const vac = await api('GET', '/api/v1/vacancies?placementKind=short_term&minPlaces=2');
  assert.equal(vac.statusCode, 200);
  assert.deepEqual(
    (vac.json() as { items: { reference: string }[] }).items.map((v) => v.reference).sort(),
    ['HM001', 'HM002', 'HM003', 'HM008'],
  );
  const badVac = await api('GET', '/api/v1/vacancies?minPlaces=0');
  assert.equal(badVac.statusCode, 400);
  assert.deepEqual((badVac.json() as { errors: unknown[] }).errors, [{ field: 'minPlaces', message: 'Enter the number of places as a whole number from 1 to 10' }]);

  const match = await api('GET', `/api/v1/requests/${ids.request}/matching`);
  assert.equal(match.statusCode, 200);
  const m = match.json() as { eligible: { household: { reference: string }; score: number; factors: { name: string; points: number; explanation: string }[] }[]; excluded: { reasons: { code: string; message: string }[] }[] };
  assert.equal(m.eligible[0]!.household.reference, 'HM001');
  assert.equal(m.eligible[0]!.score, 53);
  assert.ok(m.excluded.every((e) => e.reasons.length > 0 && e.reasons.every((r) => r.code && r.message)));

  assert.equal((await api('GET', `/api/v1/requests/${ids.request}/matching`, undefined, swToken)).statusCode, 403);
  assert.equal((await api('GET', `/api/v1/requests/${ids.draft}/matching`)).statusCode, 400);
  assert.equal((await api('GET', '/api/v1/requests/00000000-0000-4000-8000-000000000000/matching')).statusCode, 404);

  const doc = (await w.app.inject({ method: 'GET', url: paths.api.openapi })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
  assert.match(doc.paths['/api/v1/vacancies']!.get!.summary!, /places free/);
  assert.match(doc.paths['/api/v1/requests/{id}/matching']!.get!.summary!, /every reason/);
});

// The household's soft-factor fields --------------------------------------------------------------

test('household form: what the carers offer is saved, shown on the household page, and kept by an API update that leaves it out', async () => {
  const c = await as('supervising_social_worker');
  const form = await c.get(paths.households.new);
  assert.match(form.body, /Languages the carers speak/);
  assert.match(form.body, /name="experience"[^>]*value="self_harm"/);
  assert.match(form.body, /name="preferences"[^>]*value="no_teenagers"/);
  const res = await c.post(paths.households.new, {
    carer1FirstName: 'Iris',
    carer1LastName: 'Okafor',
    addressLine1: '12 Mill Row',
    town: 'Yate',
    postcode: 'bs37 5ta',
    fosteringServiceId: w.laId,
    supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
    approvalStatus: 'approved',
    'approvalDate-day': '1',
    'approvalDate-month': '6',
    'approvalDate-year': '2023',
    approvedChildren: '2',
    ageMin: '0',
    ageMax: '17',
    placementKinds: ['short_term'],
    skillLevel: '3',
    languages: 'English, Yoruba',
    faith: 'Christian',
    experience: ['trauma', 'learning_disability'],
    preferences: ['no_under_5s'],
    pets: 'true',
    accessibleHome: 'false',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  const [row] = await w.database.db.select().from(household).where(eq(household.addressLine1, '12 Mill Row'));
  assert.deepEqual([row!.languages, row!.faith, row!.experience, row!.preferences, row!.pets, row!.accessibleHome], [
    ['English', 'Yoruba'],
    'Christian',
    ['trauma', 'learning_disability'],
    ['no_under_5s'],
    true,
    false,
  ]);
  const page = text((await c.get(paths.households.show(row!.id))).body);
  assert.match(page, /What the carers offer Languages English, Yoruba Faith Christian Experience of Trauma, abuse or neglect, Learning disability or autism Preferences Prefer not to care for children under 5 Pets Yes Accessible home No/);

  const edit = await c.get(paths.households.edit(row!.id));
  assert.match(edit.body, /name="languages"[^>]*value="English, Yoruba"/);
  assert.match(edit.body, /name="pets"[^>]*value="true"[^>]*checked/);
  assert.match(edit.body, /name="experience"[^>]*value="trauma"[^>]*checked/);

  // Both girls only and boys only: refused with the error summary.
  const bad = await c.post(paths.households.edit(row!.id), {
    version: String(row!.version),
    carer1FirstName: 'Iris',
    carer1LastName: 'Okafor',
    addressLine1: '12 Mill Row',
    town: 'Yate',
    postcode: 'BS37 5TA',
    fosteringServiceId: w.laId,
    approvalStatus: 'approved',
    'approvalDate-day': '1',
    'approvalDate-month': '6',
    'approvalDate-year': '2023',
    approvedChildren: '2',
    ageMin: '0',
    ageMax: '17',
    skillLevel: '3',
    preferences: ['girls_only', 'boys_only'],
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Select girls only or boys only, not both/);

  // An API client that does not send the new fields keeps them.
  const put = await api('PUT', `/api/v1/households/${row!.id}`, {
    version: row!.version,
    carer1FirstName: 'Iris',
    carer1LastName: 'Okafor',
    addressLine1: '12 Mill Row',
    town: 'Yate',
    postcode: 'BS37 5TA',
    fosteringServiceId: w.laId,
    approvalStatus: 'approved',
    approvalDate: '2023-06-01',
    approvedChildren: 3,
    ageMin: 0,
    ageMax: 17,
    skillLevel: 3,
  });
  assert.equal(put.statusCode, 200, put.body);
  const after = put.json() as { approvedChildren: number; languages: string[]; pets: boolean; experience: string[] };
  assert.equal(after.approvedChildren, 3);
  assert.deepEqual([after.languages, after.pets, after.experience], [['English', 'Yoruba'], true, ['trauma', 'learning_disability']]);
  // And one that sends them changes them.
  const [again] = await w.database.db.select().from(household).where(eq(household.id, row!.id));
  const put2 = await api('PUT', `/api/v1/households/${row!.id}`, {
    version: again!.version,
    carer1FirstName: 'Iris',
    carer1LastName: 'Okafor',
    addressLine1: '12 Mill Row',
    town: 'Yate',
    postcode: 'BS37 5TA',
    fosteringServiceId: w.laId,
    approvalStatus: 'approved',
    approvalDate: '2023-06-01',
    approvedChildren: 3,
    ageMin: 0,
    ageMax: 17,
    skillLevel: 3,
    languages: ['English'],
    pets: false,
    accessibleHome: true,
  });
  assert.equal(put2.statusCode, 200, put2.body);
  const changed = put2.json() as { languages: string[]; pets: boolean; accessibleHome: boolean };
  assert.deepEqual([changed.languages, changed.pets, changed.accessibleHome], [['English'], false, true]);
});

test('docs/rules/matching.md states the weights the code uses', async () => {
  const doc = await readFile(new URL('../docs/rules/matching.md', import.meta.url), 'utf8');
  const row = (factor: string) => doc.split('\n').filter((l) => l.startsWith(`| ${factor} |`));
  const distance = (w: typeof WEIGHTS.schoolDistance | typeof WEIGHTS.homeDistance) => {
    let lower = 0;
    const bands = w.bands.map((b) => {
      const t = `${lower === 0 ? `up to ${b.upTo}` : `${lower} to ${b.upTo}`} miles ${signed(b.points)}`;
      lower = b.upTo;
      return t;
    });
    return `${bands.join('; ')}; further ${signed(w.beyond)}. No distance known: same postcode district ${signed(w.sameDistrict)}, same area ${signed(w.sameArea)}, another area ${signed(w.differentArea)}`;
  };
  assert.ok(row('Distance from school')[0]?.includes(distance(WEIGHTS.schoolDistance)), 'school distance');
  assert.ok(row('Distance from home')[0]?.includes(distance(WEIGHTS.homeDistance)), 'home distance');
  assert.ok(row('Language')[0]?.includes(`a carer speaks it ${signed(WEIGHTS.language)}`));
  assert.ok(row('Religion')[0]?.includes(`the same ${signed(WEIGHTS.faith)}`));
  assert.ok(row('Experience')[0]?.includes(`experience of it ${signed(WEIGHTS.experiencePerNeed)}`));
  assert.ok(row("Carers' preference")[0]?.includes(`${signed(WEIGHTS.agePreferenceAgainst)} each`));
  assert.ok(row("Carers' preference")[1]?.includes(`${signed(WEIGHTS.sexPreferenceAgainst)} each`));
  assert.ok(row('Accessible home')[0]?.includes(`accessible ${signed(WEIGHTS.accessibleHome)}, not ${signed(WEIGHTS.notAccessibleHome)}`));
  assert.ok(row('Younger children')[0]?.includes(`living there ${signed(WEIGHTS.youngerChildren)}`));
});

// Last: it adds households the tests above do not expect.
test('at most 50 eligible households are shown, the best scores, with how many there are in all', async () => {
  for (let i = 0; i < 50; i++) await insertHousehold(`HZ${String(i).padStart(3, '0')}`, { town: 'Chippenham', postcode: 'SN15 1AA' }, 'Zed');
  const m = await w.services.matching.matchRequest(ctx(), ids.request!);
  assert.equal(m.eligibleTotal, 54);
  assert.equal(m.eligible.length, 50);
  assert.deepEqual(
    m.eligible.slice(0, 3).map((e) => e.household.reference),
    ['HM001', 'HM006', 'HM002'],
    'the best scores first, as before',
  );
  const res = await (await as('placement_officer')).get(paths.requests.matching(ids.request));
  assert.match(text(res.body), /Households that can be considered \(54\) The 50 with the highest scores are shown\./);
});
