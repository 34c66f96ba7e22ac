/**
 * The placement gate on the direct paths into a placement: the
 * placement form and POST /api/v1/placements (starting today or later), an emergency authorised by
 * a head of service, recording a past placement, moves, and a change of dates through PUT. Each
 * child already placed in a household is put straight into the table, as records from before.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { testWorld, clientsFor, apiCaller, tokenFor, type TestWorld, childInserter, agreedMove } from './helpers.ts';
import { auditEvent, placement } from '../src/data/schema.ts';
import type { Household } from '../src/services/households.ts';
import { paths } from '../src/http/paths.ts';

/** Monday 20 January 2025. */
const TODAY = '2025-01-20';
/** When the children already living in the households moved in. */
const EARLIER = '2024-09-02';
const LATE_REASON = 'Placed out of hours by the emergency duty team; recorded when the office reopened';
const EMERGENCY_REASON = 'Police protection at 23:40; the social worker of the child already placed could not be reached out of hours';

let w: TestWorld;
let poToken: string;
let hosToken: string;
before(async () => {
  w = await testWorld({ today: TODAY });
  poToken = await tokenFor(w, 'placement_officer');
  hosToken = await tokenFor(w, 'head_of_service');
});
after(async () => w.close());

const as = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => poToken);

/** Children aged 9 today unless a test says otherwise. */
const insertChild = childInserter(() => w, (n) => ({ reference: `CG${String(n).padStart(4, '0')}`, firstName: `Gate${n}`, lastName: 'Kid', dateOfBirth: '2015-04-01' }));
const label = (c: { firstName: string; lastName: string; reference: string }) => `${c.firstName} ${c.lastName} (${c.reference})`;

let households = 0;
async function newHousehold(overrides: Record<string, unknown> = {}): Promise<Household> {
  households += 1;
  return w.services.households.create(
    { actor: w.users.placement_officer },
    {
      carer1FirstName: 'Nell',
      carer1LastName: `Gatehouse${households}`,
      addressLine1: `${households} Gate Lane`,
      town: 'Testford',
      postcode: 'TF1 1AA',
      fosteringServiceId: w.laId,
      supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2021-05-05',
      approvedChildren: 3,
      ageMin: 0,
      ageMax: 17,
      placementKinds: ['short_term', 'long_term', 'emergency'],
      skillLevel: 3,
      ...overrides,
    },
  );
}

/** A child already living in the household (a record from before the gate), active since `EARLIER`. */
async function alreadyPlaced(householdId: string, values: Partial<typeof placement.$inferInsert> = {}) {
  const kid = await insertChild();
  const [row] = await w.database.db
    .insert(placement)
    .values({ childId: kid.id, householdId, startDate: EARLIER, placementType: 'U6', status: 'active', kind: 'short_term', ...values })
    .returning();
  return { kid, placement: row! };
}

async function placementsOf(childId: string) {
  return w.database.db.select().from(placement).where(eq(placement.childId, childId));
}

async function placementRow(id: string) {
  const [row] = await w.database.db.select().from(placement).where(eq(placement.id, id));
  assert.ok(row, id);
  return row;
}

async function countPlacements() {
  const [row] = await w.database.db.select({ n: sql<number>`count(*)::int` }).from(placement);
  return row!.n;
}

async function linkSiblings(ids: readonly string[]) {
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) await w.services.children.linkSibling({ actor: w.users.social_worker }, ids[i]!, { siblingId: ids[j]! }, 'id');
  }
}

type Problem = { status: number; errors: { field: string; message: string }[] };

/** A refusal: 400 problem+json; returns its errors. */
function refused(res: { statusCode: number; headers: Record<string, unknown>; body: string; json: () => unknown }): Problem['errors'] {
  assert.equal(res.statusCode, 400, res.body);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  return (res.json() as Problem).errors;
}

const messages = (errors: Problem['errors']) => errors.map((e) => e.message).sort();

/** What the gate says for each child already living there with nothing recorded. */
const nothingRecordedAbout = (c: { firstName: string; lastName: string; reference: string }) => [
  `The placement officer (Referral Response Team) has not recorded whether another placement serves the well-being and best interests of ${label(c)}.`,
  `The supervising social worker has not recorded whether another placement serves the well-being and best interests of ${label(c)}.`,
  `No written agreement from the social worker of ${label(c)} is recorded.`,
];

/** The visible text of a page, without tags, on one line. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const dateParts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
};

/** The placement form as a browser posts it: an active short-term U6 placement from `start`, nothing else ticked. */
const pageForm = (childReference: string, householdReference: string, start: string) => ({
  childReference,
  householdReference,
  ...dateParts('startDate', start),
  'endDate-day': '',
  'endDate-month': '',
  'endDate-year': '',
  placementType: 'U6',
  status: 'active',
  kind: 'short_term',
  'assessmentPeriodEndsOn-day': '',
  'assessmentPeriodEndsOn-month': '',
  'assessmentPeriodEndsOn-year': '',
  currentPlacementEndReason: '',
});

const newPlacement = (childId: string, householdId: string, extra: Record<string, unknown> = {}) => ({
  childId,
  householdId,
  startDate: TODAY,
  placementType: 'U6',
  status: 'active',
  kind: 'short_term',
  ...extra,
});

// The direct path --------------------------------------------------------------------------------

test('a new child placed directly with carers who have two unrelated children is refused with every reason, by the API and the page, storing nothing', async () => {
  const h = await newHousehold();
  const a = await alreadyPlaced(h.id);
  const b = await alreadyPlaced(h.id);
  const kid = await insertChild({ firstName: 'Nia', lastName: 'Newcomer' });
  const count = await countPlacements();

  const errors = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id)));
  assert.deepEqual(messages(errors), [...nothingRecordedAbout(a.kid), ...nothingRecordedAbout(b.kid)].sort());
  assert.deepEqual([...new Set(errors.map((e) => e.field))], ['householdId']);
  assert.equal(await countPlacements(), count);

  // The same through "Add a placement": the GOV.UK error summary lists every reason.
  const c = await as('placement_officer');
  await c.get(paths.placements.new);
  const page = await c.post(paths.placements.new, { ...pageForm(kid.reference, h.reference, TODAY), emergencyAuthorisationReason: '' });
  assert.equal(page.statusCode, 400);
  assert.match(page.body, /class="govuk-error-summary"/);
  assert.match(page.body, /There is a problem/);
  const summary = text(page.body.slice(page.body.indexOf('govuk-error-summary'), page.body.indexOf('</ul>', page.body.indexOf('govuk-error-summary'))));
  for (const m of [...nothingRecordedAbout(a.kid), ...nothingRecordedAbout(b.kid)]) assert.ok(summary.includes(m), m);
  assert.match(page.body, /href="#householdReference"/);
  assert.match(page.body, new RegExp(`value="${kid.reference}"`), 'the input is kept');
  assert.equal(await countPlacements(), count);
  assert.deepEqual(await placementsOf(kid.id), []);
});

test('the walk-round from the issue: a 3rd, 4th and 5th child placed directly are refused; a 4th unrelated child is refused for the fostering limit even in an authorised emergency; siblings or an exemption go past it', async () => {
  // Approved for five: places never decide here, the usual fostering limit of three does.
  const h = await newHousehold({ approvedChildren: 5 });
  const first = await alreadyPlaced(h.id);
  await alreadyPlaced(h.id);
  for (const n of [3, 4, 5]) {
    const kid = await insertChild({ firstName: `Extra${n}` });
    const errors = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id)));
    assert.ok(errors.some((e) => e.message === `No written agreement from the social worker of ${label(first.kid)} is recorded.`), `child ${n}`);
    assert.deepEqual(await placementsOf(kid.id), [], `child ${n}`);
  }
  const household = (await (await api('GET', `/api/v1/households/${h.id}`)).json()) as { currentPlacements: unknown[] };
  assert.equal(household.currentPlacements.length, 2, 'still two children live there');

  // Three unrelated children there: a fourth is over the limit, and no emergency goes past that.
  await alreadyPlaced(h.id);
  const fourth = await insertChild({ firstName: 'Fourth' });
  const emergency = { kind: 'emergency', emergencyAuthorisationReason: EMERGENCY_REASON };
  const overLimit = refused(await api('POST', '/api/v1/placements', newPlacement(fourth.id, h.id, emergency), hosToken));
  assert.deepEqual(messages(overLimit), [
    `Placing Fourth would make 4 fostered children here, more than the usual fostering limit of three (Children Act 1989 Schedule 7 para 2); they are not all siblings of each other (para 3) and no exemption is in force today (para 4).`,
  ]);
  assert.deepEqual(await placementsOf(fourth.id), []);

  // An exemption that names the three already there but not the fourth child does not help.
  const namedThere = (await w.database.db.select().from(placement).where(eq(placement.householdId, h.id))).map((p) => p.childId);
  assert.equal(namedThere.length, 3);
  await w.services.households.addExemption({ actor: w.users.team_manager }, h.id, { childIds: namedThere, grantingAuthorityId: w.laId, startDate: '2025-01-01' });
  const unnamed = refused(await api('POST', '/api/v1/placements', newPlacement(fourth.id, h.id, emergency), hosToken));
  assert.equal(unnamed.length, 1);
  assert.match(unnamed[0]!.message, /the exemption in force today does not name Fourth \(para 4\)/);

  // One that names all four lets the authorised emergency placement go ahead.
  await w.services.households.addExemption({ actor: w.users.team_manager }, h.id, { childIds: [...namedThere, fourth.id], grantingAuthorityId: w.laId, startDate: '2025-01-01' });
  const exempt = await api('POST', '/api/v1/placements', newPlacement(fourth.id, h.id, emergency), hosToken);
  assert.equal(exempt.statusCode, 201, exempt.body);
  const exemptRow = await placementRow((exempt.json() as { id: string }).id);
  assert.ok(!exemptRow.waivedChecks.some((c) => c.code === 'fostering-limit'), 'the limit is not waived: the exemption meets it');
  assert.equal(exemptRow.waivedChecks.filter((c) => c.code === 'agreement-missing').length, 3);

  // Brothers and sisters (recorded sibling links) are not held to the limit: without an
  // authorisation the agreements are still needed, but the limit is not a reason.
  const s = await newHousehold({ approvedChildren: 5 });
  const sibs = [await alreadyPlaced(s.id), await alreadyPlaced(s.id), await alreadyPlaced(s.id)];
  const youngest = await insertChild({ firstName: 'Youngest' });
  await linkSiblings([...sibs.map((x) => x.kid.id), youngest.id]);
  const planned = refused(await api('POST', '/api/v1/placements', newPlacement(youngest.id, s.id)));
  assert.deepEqual(messages(planned), sibs.flatMap((x) => nothingRecordedAbout(x.kid)).sort());
  const siblings = await api('POST', '/api/v1/placements', newPlacement(youngest.id, s.id, emergency), hosToken);
  assert.equal(siblings.statusCode, 201, siblings.body);

  // A fourth child who is a sibling of only some of them is over the limit again.
  const halfSib = await insertChild({ firstName: 'Halfsib' });
  const t = await newHousehold({ approvedChildren: 5 });
  const others = [await alreadyPlaced(t.id), await alreadyPlaced(t.id), await alreadyPlaced(t.id)];
  await linkSiblings([others[0]!.kid.id, halfSib.id]);
  const partly = refused(await api('POST', '/api/v1/placements', newPlacement(halfSib.id, t.id, emergency), hosToken));
  assert.equal(partly.length, 1);
  assert.match(partly[0]!.message, /more than the usual fostering limit of three/);
});

test("outside the carers' terms of approval: approval on hold, age, kind, parent and child below level 4 and fostering for adoption without dual approval are each refused with the reason", async () => {
  const kid = await insertChild({ firstName: 'Tam', dateOfBirth: '2015-04-01' }); // 9 today
  const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
    [{ approvalStatus: 'on_hold' }, {}, 'Approval is on hold: no child can be placed while it is.'],
    [{ ageMin: 0, ageMax: 4 }, {}, 'Approved for ages 0–4; Tam is 9.'],
    [{ placementKinds: ['long_term'] }, {}, 'Approved for long-term placements, not short-term.'],
    [
      { placementKinds: ['parent_and_child'], skillLevel: 3 },
      { kind: 'parent_and_child' },
      'Parent-and-child placements are made only with carers accredited at skill level 4 or above (Parent and child fostering procedure, 6.2); these carers are at level 3.',
    ],
    [
      { placementKinds: ['short_term', 'long_term'] },
      { kind: 'fostering_for_adoption', placementType: 'U5' },
      'Fostering for adoption needs foster carers who are also approved as prospective adopters (Children Act 1989 s22C(9B)); on 20 January 2025 these carers have no current approval as prospective adopters.',
    ],
  ];
  for (const [terms, extra, reason] of cases) {
    const h = await newHousehold(terms);
    const errors = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id, extra)));
    // Fostering for adoption also asks for a carer full-time in the fostering phase (below).
    assert.deepEqual(messages(errors).filter((m) => !m.includes('full-time')), [reason], JSON.stringify(terms));
  }
  assert.deepEqual(await placementsOf(kid.id), []);

  // Within the terms, the same placements go ahead: parent and child at level 4, fostering for adoption with dual approval.
  const pc = await newHousehold({ placementKinds: ['parent_and_child'], skillLevel: 4 });
  assert.equal((await api('POST', '/api/v1/placements', newPlacement(kid.id, pc.id, { kind: 'parent_and_child', status: 'planned', startDate: '2025-02-03', endDate: '2025-02-10' }))).statusCode, 201);
  const ffa = await newHousehold({ placementKinds: ['short_term'] });
  await dualApprove(ffa.id, ffa.version, { returnAgreementSignedOn: null });
  assert.equal((await api('POST', '/api/v1/placements', newPlacement(kid.id, ffa.id, { kind: 'fostering_for_adoption', placementType: 'U5', status: 'planned', startDate: '2025-02-10' }))).statusCode, 201);
});

/** Dual approval as the records give it: an adoption approval decided before TODAY, a carer full-time, and (unless told otherwise) the signed agreement. */
async function dualApprove(householdId: string, version: number, over: { returnAgreementSignedOn?: string | null } = {}) {
  const officer = { actor: w.users.placement_officer };
  await w.services.earlyPermanence.addAdoptionApproval(officer, householdId, { status: 'approved', panelDate: '2024-11-01', decisionDate: '2024-11-15' });
  await w.services.earlyPermanence.updateHouseholdFacts(officer, householdId, { fullTimeCarer: true, returnAgreementSignedOn: '2024-12-01', ...over, version });
}

test("concurrent planning: refused without dual approval, a full-time carer and the carers' signed agreement to support a return home; each is said; with them it goes ahead", async () => {
  const kid = await insertChild({ firstName: 'Conny', dateOfBirth: '2024-10-01' });
  const h = await newHousehold();
  const cp = { kind: 'concurrent_planning', placementType: 'U5', status: 'planned', startDate: '2025-02-10' };
  const none = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id, cp)));
  assert.equal(none.length, 3);
  assert.match(messages(none).join(' | '), /no current approval as prospective adopters.*full-time during the fostering phase.*signed agreement to support the plan to return the child/);
  // An emergency authorisation stands in for none of them.
  const urgent = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id, { ...cp, kind: 'concurrent_planning', emergency: true, status: 'active', startDate: TODAY, emergencyAuthorisationReason: EMERGENCY_REASON }), hosToken));
  assert.ok(messages(urgent).some((m) => m.includes('signed agreement')));
  await dualApprove(h.id, h.version, { returnAgreementSignedOn: null });
  const unsigned = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id, cp)));
  assert.deepEqual(messages(unsigned), ["Concurrent planning needs the carers' signed agreement to support the plan to return the child to the birth family (Concurrent planning guide, \"Concurrent Planning\"); none is recorded."]);
  assert.deepEqual(await placementsOf(kid.id), []);
  const current = await w.services.earlyPermanence.ofHousehold({ actor: w.users.placement_officer }, h.id);
  assert.equal(current.dualApproved, true);
  await w.services.earlyPermanence.updateHouseholdFacts({ actor: w.users.placement_officer }, h.id, { fullTimeCarer: true, returnAgreementSignedOn: '2025-01-06', version: current.household.version });
  const placed = await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id, cp));
  assert.equal(placed.statusCode, 201, placed.body);
  assert.equal(JSON.parse(placed.body).kind, 'concurrent_planning');
});

// Emergencies ------------------------------------------------------------------------------------

test('an emergency authorised by a head of service with a reason starts before the agreement; the missing agreement is an obligation due at once and the page says so', async () => {
  const h = await newHousehold();
  const there = await alreadyPlaced(h.id);
  const kid = await insertChild({ firstName: 'Eli', lastName: 'Emergency' });
  const emergency = { kind: 'emergency', emergencyAuthorisationReason: EMERGENCY_REASON };

  // Only a head of service can authorise it.
  const byOfficer = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id, emergency)));
  assert.deepEqual(
    byOfficer.map((e) => e.field),
    ['emergencyAuthorisationReason'],
  );
  assert.match(byOfficer[0]!.message, /Only a head of service can authorise an emergency placement/);
  // …and only for an emergency: a planned (short-term, not emergency) placement waits for the checks.
  const planned = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id, { kind: 'short_term', emergency: false, emergencyAuthorisationReason: EMERGENCY_REASON }), hosToken));
  assert.ok(messages(planned).includes('Only an emergency placement can go ahead before every check is met: a planned placement waits for them.'));
  for (const m of nothingRecordedAbout(there.kid)) assert.ok(messages(planned).includes(m), m);
  assert.deepEqual(await placementsOf(kid.id), []);

  const res = await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id, emergency), hosToken);
  assert.equal(res.statusCode, 201, res.body);
  const id = (res.json() as { id: string }).id;
  const row = await placementRow(id);
  assert.equal(row.emergencyAuthorisedBy, w.users.head_of_service.userId);
  assert.equal(row.emergencyAuthorisedReason, EMERGENCY_REASON);
  assert.ok(row.emergencyAuthorisedAt instanceof Date);
  assert.equal(row.emergency, true);
  assert.equal(row.outsideTermsOfApproval, false);
  assert.equal(row.status, 'active');
  assert.deepEqual(
    row.waivedChecks.map((c) => [c.code, c.aboutChildId]).sort(),
    [
      ['agreement-missing', there.kid.id],
      ['not-considered', there.kid.id],
      ['not-considered', there.kid.id],
    ],
  );
  assert.deepEqual(row.entryBreaches, []);
  const [audit] = await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, id));
  assert.equal(audit?.action, 'placement.created');
  assert.equal(audit?.details.emergencyAuthorisation, EMERGENCY_REASON);

  // The written agreement for the child already there is an obligation, open and due today.
  const obligations = (await api('GET', `/api/v1/obligations?placementId=${id}&obligationId=concurrent-placement-agreement`)).json() as {
    items: { obligationId: string; status: string; dueOn: string; completedOn: string | null; flag: string | null; explanation: string }[];
  };
  assert.equal(obligations.items.length, 1);
  const agreement = obligations.items[0]!;
  assert.equal(agreement.dueOn, TODAY);
  assert.equal(agreement.completedOn, null);
  assert.equal(agreement.status, 'due_soon');
  assert.equal(agreement.flag, 'Started without written agreement');
  assert.ok(agreement.explanation.includes(there.kid.id));

  const c = await as('placement_officer');
  const page = text((await c.get(paths.placements.show(id))).body);
  assert.match(page, /Started without written agreement One written agreement is still to be recorded/);
  // (The date is when it was authorised, by the clock: not the test's "today".)
  assert.match(page, new RegExp(`Emergency placement authorised By Test head of service on \\d{1,2} \\w+ \\d{4}: ${EMERGENCY_REASON}`));
  assert.match(page, new RegExp(`Started before these checks were met .*No written agreement from the social worker of ${label(there.kid).replace(/[()]/g, '\\$&')} is recorded\\.`));
});

test("an authorised emergency may go outside the carers' terms of approval (CPPCR reg 23) and is marked so; it never goes past approval on hold", async () => {
  const young = await newHousehold({ ageMin: 0, ageMax: 4 });
  const kid = await insertChild({ firstName: 'Ola', dateOfBirth: '2013-06-01' }); // 11 today
  const emergency = { kind: 'emergency', emergencyAuthorisationReason: EMERGENCY_REASON };
  const res = await api('POST', '/api/v1/placements', newPlacement(kid.id, young.id, emergency), hosToken);
  assert.equal(res.statusCode, 201, res.body);
  const row = await placementRow((res.json() as { id: string }).id);
  assert.equal(row.outsideTermsOfApproval, true);
  assert.deepEqual(row.waivedChecks.map((c) => c.code), ['age-outside-range']);
  assert.equal(row.emergencyAuthorisedBy, w.users.head_of_service.userId);

  const held = await newHousehold({ approvalStatus: 'on_hold' });
  const other = await insertChild();
  const errors = refused(await api('POST', '/api/v1/placements', newPlacement(other.id, held.id, emergency), hosToken));
  assert.deepEqual(messages(errors), ['Approval is on hold: no child can be placed while it is.']);
  assert.deepEqual(await placementsOf(other.id), []);
});

// Past placements --------------------------------------------------------------------------------

test('a past placement into a household that was full is recorded with every check it missed, shown as missed obligations; the paths keep to their dates', async () => {
  const h = await newHousehold({ approvedChildren: 2 });
  const a = await alreadyPlaced(h.id);
  const b = await alreadyPlaced(h.id);
  const kid = await insertChild({ firstName: 'Pia', lastName: 'Past' });
  const body = newPlacement(kid.id, h.id, { startDate: '2025-01-06', recordedLateReason: LATE_REASON });

  // The reason it is recorded late is required.
  const count = await countPlacements();
  const noReason = refused(await api('POST', '/api/v1/placements/past', { ...body, recordedLateReason: '' }));
  assert.deepEqual(noReason.map((e) => e.field), ['recordedLateReason']);
  // A past placement began before today; a new one starts today or later.
  const today = refused(await api('POST', '/api/v1/placements/past', { ...body, startDate: TODAY }));
  assert.deepEqual(today.map((e) => e.field), ['startDate']);
  assert.match(today[0]!.message, /A past placement began before today/);
  const asNew = refused(await api('POST', '/api/v1/placements', { ...body, recordedLateReason: undefined }));
  assert.deepEqual(asNew.map((e) => e.field), ['startDate']);
  assert.match(asNew[0]!.message, /The start date is before today: record a placement that has already begun as a past placement/);
  assert.equal(await countPlacements(), count);

  const res = await api('POST', '/api/v1/placements/past', body);
  assert.equal(res.statusCode, 201, res.body);
  const id = (res.json() as { id: string }).id;
  const row = await placementRow(id);
  assert.equal(row.recordedLateReason, LATE_REASON);
  assert.equal(row.status, 'active');
  const breaches = row.entryBreaches.map((x) => x.code).sort();
  assert.deepEqual(breaches, ['not-considered', 'not-considered', 'not-considered', 'not-considered', 'not-enough-places']);
  assert.match(row.entryBreaches.find((x) => x.code === 'not-enough-places')!.message, /Approved for 2 children and 2 are placed \(counted on 6 January 2025, when the placement is needed\), so no place is free/);

  const obligations = (await api('GET', `/api/v1/obligations?placementId=${id}`)).json() as {
    items: { obligationId: string; status: string; missedReason: string | null; flag: string | null; dueOn: string }[];
  };
  const missed = obligations.items.filter((o) => o.obligationId === 'placement-entry-checks');
  assert.equal(missed.length, 5);
  assert.ok(missed.every((o) => o.status === 'missed' && o.dueOn === '2025-01-06'));
  assert.deepEqual(missed.map((o) => o.missedReason).sort(), row.entryBreaches.map((x) => x.message).sort());
  // The written agreements it began without are obligations of their own, overdue until recorded.
  const agreements = obligations.items.filter((o) => o.obligationId === 'concurrent-placement-agreement');
  assert.equal(agreements.length, 2);
  assert.ok(agreements.every((o) => o.status === 'overdue' && o.flag === 'Started without written agreement'));

  const c = await as('placement_officer');
  const page = text((await c.get(paths.placements.show(id))).body);
  assert.match(page, new RegExp(`Recorded after it began ${LATE_REASON}`));
  assert.match(page, /Checks not met when it began .*Approved for 2 children and 2 are placed/);
  assert.match(page, new RegExp(`has not recorded whether another placement serves the well-being and best interests of ${label(a.kid).replace(/[()]/g, '\\$&')}`));
  assert.match(page, new RegExp(`${label(b.kid).replace(/[()]/g, '\\$&')}`));
  assert.match(page, /Started without written agreement 2 written agreements are still to be recorded/);

  // The page path: "Record a past placement" asks why it is recorded late.
  const form = await c.get(paths.placements.past);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Record a past placement/);
  const other = await insertChild();
  const fields = pageForm(other.reference, h.reference, '2025-01-13');
  const missing = await c.post(paths.placements.past, { ...fields, recordedLateReason: '' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Enter why this placement is recorded after it began/);
  const recorded = await c.post(paths.placements.past, { ...fields, recordedLateReason: LATE_REASON });
  assert.equal(recorded.statusCode, 303, recorded.body);
  const [otherRow] = await placementsOf(other.id);
  assert.equal(recorded.headers.location, paths.placements.show(otherRow!.id));
  assert.ok(otherRow!.entryBreaches.some((x) => x.code === 'not-enough-places'));
});

// Moves ------------------------------------------------------------------------------------------

test('a move: refused without the reason the current placement ends, naming the household; with it the current placement ends the day the new one starts', async () => {
  const from = await newHousehold();
  const to = await newHousehold();
  const { kid, placement: current } = await alreadyPlaced(from.id);

  const noReason = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, to.id)));
  assert.deepEqual(noReason, [{ field: 'currentPlacementEndReason', message: `${kid.firstName} ${kid.lastName} lives with household ${from.reference} until this placement starts: select the reason that placement ends` }]);
  const badReason = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, to.id, { currentPlacementEndReason: 'XYZ' })));
  assert.deepEqual(badReason.map((e) => e.field), ['currentPlacementEndReason']);

  // Refused by the gate (another child lives with the new carers): the current placement is untouched.
  const busy = await newHousehold();
  await alreadyPlaced(busy.id);
  refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, busy.id, { currentPlacementEndReason: 'CARPL' })));
  let old = await placementRow(current.id);
  assert.deepEqual([old.status, old.endDate, old.reasonEnded, old.version], ['active', null, null, 1]);

  // Moves are agreed, not done: with no agreed move, the new placement is not confirmed.
  const unagreed = refused(await api('POST', '/api/v1/placements', newPlacement(kid.id, to.id, { currentPlacementEndReason: 'CARPL' })));
  assert.deepEqual(unagreed.map((e) => e.field), ['currentPlacementEndReason']);
  assert.match(unagreed[0]!.message, new RegExp(`lives with household ${from.reference}: This placement cannot end early unless a move is agreed`));
  await agreedMove(w, current.id);

  // Starting today: the current placement ends today, with the reason, in the same step.
  const res = await api('POST', '/api/v1/placements', newPlacement(kid.id, to.id, { currentPlacementEndReason: 'CARPL' }));
  assert.equal(res.statusCode, 201, res.body);
  const moved = await placementRow((res.json() as { id: string }).id);
  assert.deepEqual([moved.householdId, moved.status, moved.startDate], [to.id, 'active', TODAY]);
  old = await placementRow(current.id);
  assert.deepEqual([old.status, old.endDate, old.reasonEnded, old.version], ['ended', TODAY, 'CARPL', 2]);
  const audits = await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, current.id));
  assert.deepEqual(audits.map((a) => [a.action, a.details.move, a.details.endDate]), [['placement.updated', true, TODAY]]);
  const created = (await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, moved.id)))[0];
  assert.deepEqual(created?.details.moveFrom, [current.id]);
});

test('a move planned for a later day is a planned ending: the child is counted where they live until then', async () => {
  const from = await newHousehold({ approvedChildren: 1 });
  const to = await newHousehold();
  const { kid, placement: current } = await alreadyPlaced(from.id, { startDate: EARLIER });
  const MOVE = '2025-02-03';

  await agreedMove(w, current.id);
  const res = await api('POST', '/api/v1/placements', newPlacement(kid.id, to.id, { startDate: MOVE, status: 'planned', currentPlacementEndReason: 'CARPL' }));
  assert.equal(res.statusCode, 201, res.body);
  const next = await placementRow((res.json() as { id: string }).id);
  assert.deepEqual([next.status, next.startDate], ['planned', MOVE]);
  const old = await placementRow(current.id);
  assert.deepEqual([old.status, old.endDate, old.reasonEnded], ['active', MOVE, 'CARPL']);

  // Still there until the move: the household page shows the child, and no place is free.
  const c = await as('placement_officer');
  const page = await c.get(paths.households.show(from.id));
  assert.match(page.body, new RegExp(`${kid.firstName} ${kid.lastName}`));
  const vacancies = (await api('GET', '/api/v1/vacancies?includeFull=true')).json() as { items: { reference: string; placed: number; placesFree: number }[] };
  const v = vacancies.items.find((x) => x.reference === from.reference);
  assert.deepEqual([v?.placed, v?.placesFree], [1, 0]);
  // So another child cannot take that place before the move; from that day they can.
  const other = await insertChild();
  const tooSoon = refused(await api('POST', '/api/v1/placements', newPlacement(other.id, from.id, { startDate: '2025-01-27', status: 'planned' })));
  assert.ok(tooSoon.some((e) => /so no place is free/.test(e.message)));
  const onTheDay = await api('POST', '/api/v1/placements', newPlacement(other.id, from.id, { startDate: MOVE, status: 'planned' }));
  assert.equal(onTheDay.statusCode, 201, onTheDay.body);
});

test('a planned move that is cancelled leaves the child where they are; one that is put back moves the planned ending with it', async () => {
  const from = await newHousehold();
  const to = await newHousehold();
  const { kid, placement: current } = await alreadyPlaced(from.id, { startDate: EARLIER });
  await agreedMove(w, current.id);
  const res = await api('POST', '/api/v1/placements', newPlacement(kid.id, to.id, { startDate: '2025-02-03', status: 'planned', currentPlacementEndReason: 'CARPL' }));
  assert.equal(res.statusCode, 201, res.body);
  const next = res.json() as { id: string; version: number };
  // Put back a week: the planned ending follows.
  const later = await api('PUT', `/api/v1/placements/${next.id}`, { startDate: '2025-02-10', placementType: 'U6', status: 'planned', kind: 'short_term', version: next.version });
  assert.equal(later.statusCode, 200, later.body);
  const moved = await placementRow(current.id);
  assert.deepEqual([moved.status, moved.endDate, moved.reasonEnded], ['active', '2025-02-10', 'CARPL']);
  // Cancelled: the child stays, with no ending at all.
  const version = (later.json() as { version: number }).version;
  const cancelled = await api('PUT', `/api/v1/placements/${next.id}`, { startDate: '2025-02-10', placementType: 'U6', status: 'cancelled', kind: 'short_term', version });
  assert.equal(cancelled.statusCode, 200, cancelled.body);
  const stays = await placementRow(current.id);
  assert.deepEqual([stays.status, stays.endDate, stays.reasonEnded], ['active', null, null]);
  const audits = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, current.id), eq(auditEvent.action, 'placement.updated')));
  assert.equal(audits.length, 3, 'the planned ending, its move and its removal are each audited');
});

test('PUT: "Ended" only with an end date on or before today; an active placement may have a planned end date', async () => {
  const h = await newHousehold();
  const kid = await insertChild();
  const created = await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id));
  assert.equal(created.statusCode, 201, created.body);
  const id = (created.json() as { id: string }).id;
  const body = { startDate: TODAY, placementType: 'U6', kind: 'short_term', reasonEnded: 'CARPL', version: 1 };

  const ended = refused(await api('PUT', `/api/v1/placements/${id}`, { ...body, status: 'ended', endDate: '2025-03-01' }));
  assert.deepEqual(ended.map((e) => e.field), ['endDate']);
  assert.match(ended[0]!.message, /A placement can only be ended on or before today/);
  assert.equal((await placementRow(id)).version, 1);

  await agreedMove(w, id);
  const planned = await api('PUT', `/api/v1/placements/${id}`, { ...body, status: 'active', endDate: '2025-03-01' });
  assert.equal(planned.statusCode, 200, planned.body);
  const row = await placementRow(id);
  assert.deepEqual([row.status, row.endDate, row.reasonEnded, row.version], ['active', '2025-03-01', 'CARPL', 2]);
  // The household page still shows the child living there.
  const page = await (await as('placement_officer')).get(paths.households.show(h.id));
  assert.match(page.body, new RegExp(`${kid.firstName} ${kid.lastName}`));

  // Ending it today is "Ended".
  const today = await api('PUT', `/api/v1/placements/${id}`, { ...body, status: 'ended', endDate: TODAY, version: 2 });
  assert.equal(today.statusCode, 200, today.body);
  assert.equal((await placementRow(id)).status, 'ended');
});

// Changing the dates -----------------------------------------------------------------------------

test('PUT moving the start date runs the gate again: earlier, onto a day the household is full, is refused', async () => {
  // Approved for one child; the child there leaves on 10 February (a planned ending).
  const h = await newHousehold({ approvedChildren: 1 });
  const there = await alreadyPlaced(h.id, { endDate: '2025-02-10', reasonEnded: 'CARPL' });
  const kid = await insertChild({ firstName: 'Dee', lastName: 'Dates' });
  const created = await api('POST', '/api/v1/placements', newPlacement(kid.id, h.id, { startDate: '2025-02-10', status: 'planned' }));
  assert.equal(created.statusCode, 201, created.body);
  const id = (created.json() as { id: string }).id;

  const body = { placementType: 'U6', status: 'planned', kind: 'short_term', version: 1 };
  const earlier = refused(await api('PUT', `/api/v1/placements/${id}`, { ...body, startDate: '2025-02-03' }));
  assert.deepEqual(messages(earlier), [
    `Approved for 1 child and 1 is placed (counted on 3 February 2025, when the placement is needed), so no place is free; the request is for 1 child (Dee).`,
    ...nothingRecordedAbout(there.kid),
  ].sort());
  let row = await placementRow(id);
  assert.deepEqual([row.startDate, row.version], ['2025-02-10', 1]);

  // Later is fine: the household has room then.
  const later = await api('PUT', `/api/v1/placements/${id}`, { ...body, startDate: '2025-02-17' });
  assert.equal(later.statusCode, 200, later.body);
  row = await placementRow(id);
  assert.deepEqual([row.startDate, row.version], ['2025-02-17', 2]);

  // A cancelled placement made live again is checked too: another child has taken the place meanwhile.
  assert.equal((await api('PUT', `/api/v1/placements/${id}`, { ...body, status: 'cancelled', startDate: '2025-02-17', version: 2 })).statusCode, 200);
  const taker = await insertChild();
  assert.equal((await api('POST', '/api/v1/placements', newPlacement(taker.id, h.id, { startDate: '2025-02-10', status: 'planned' }))).statusCode, 201);
  const revived = refused(await api('PUT', `/api/v1/placements/${id}`, { ...body, startDate: '2025-02-17', version: 3 }));
  assert.ok(revived.some((e) => /so no place is free/.test(e.message)));
  assert.equal((await placementRow(id)).status, 'cancelled');

  // And a planned ending moved later must leave room for the child who arrives in the meantime.
  const stay = refused(
    await api('PUT', `/api/v1/placements/${there.placement.id}`, { startDate: EARLIER, endDate: '2025-02-17', placementType: 'U6', status: 'active', kind: 'short_term', reasonEnded: 'CARPL', version: 1 }),
  );
  assert.deepEqual(stay.map((e) => e.field), ['endDate']);
  assert.match(stay[0]!.message, /^On 10 February 2025, when another child joins the household: Approved for 1 child and 1 is placed/);
  assert.equal((await placementRow(there.placement.id)).endDate, '2025-02-10');
});
