/**
 * Browser walks of concurrent planning (Concurrent planning guide), each step by the role that does it,
 * with axe-core on every page state visited, the error states included:
 *
 * 1. The early permanence duty (adoption in the permanence plan, then the decision to refer to
 *    concurrent planning), a referral (the criteria, sent, accepted, carers shortlisted and identified),
 *    the concurrent planning placement made through the matching pages (the request, inserted here at
 *    the matching stage, is confirmed with dual-approved carers), and the referral marked placed.
 * 2. A child placed in concurrent planning: the contact plan and a contact session, court proceedings
 *    with a hearing, and the court's decision to return the child home.
 * 3. Another child: court proceedings with a hearing, a placement order, the adoptive placement (the
 *    fostering allowance stops) and the adoption order.
 *
 * The demo authority is loaded for realism; the children, the dual-approved households, the legal
 * statuses, the placements of walks 2 and 3 and the placement request of walk 1 are inserted here
 * (synthetic names only). The court walks need placements that started weeks ago: a placement made
 * through the pages starts today at the earliest, and each court step must come after the one before.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { adoptionApproval, courtProceedings, cpReferral, placement } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import { todayInEngland } from '../src/domain/dates.ts';
import { paths } from '../src/http/paths.ts';
import { activePlacement, approvedHousehold, childInCare, demoStaff, requestAtMatching } from './fixtures.ts';
import { AxeLog, launchBrowser, serveDemo, type Served, RoleBrowsers } from './browser.ts';
import { errorSummary, fill, fillDate, follow, mainText, named, path, press, tick } from './forms.ts';

const TODAY = todayInEngland(new Date());
const CHILDREN = {
  referred: { firstName: 'Wren', lastName: 'Ashdown', dateOfBirth: '2026-08-20', reference: 'E2E1701' },
  home: { firstName: 'Linnea', lastName: 'Parfitt', dateOfBirth: '2026-07-01', reference: 'E2E1702' },
  adopted: { firstName: 'Otto', lastName: 'Brackwell', dateOfBirth: '2026-05-01', reference: 'E2E1703' },
} as const;
const HOUSEHOLDS = { referred: 'HE2E71', home: 'HE2E72', adopted: 'HE2E73' } as const;

let served: Served;
let browser: Browser;
const ids = { referred: '', home: '', adopted: '', request: '', referredHousehold: '' };
const roles = new RoleBrowsers(() => browser, () => served.base);
const as = (role: Role): Promise<Page> => roles.page(role);

before(async () => {
  served = await serveDemo({ children: 30, today: TODAY, seed: 37 });
  const db = served.database.db;
  const staff = await demoStaff(db);
  // Dual-approved carers: approved to foster, approved as adopters, one at home full-time, the agreement to support a return home signed.
  const dualApproved = async (reference: string, addressLine1: string, carer: { firstName: string; lastName: string }) => {
    const id = await approvedHousehold(db, staff, { reference, addressLine1, carer }, {
      approvalDate: '2025-11-03',
      approvedChildren: 1,
      ageMax: 4,
      placementKinds: ['concurrent_planning', 'fostering_for_adoption'],
      fullTimeCarer: true,
      returnAgreementSignedOn: '2026-01-12',
    });
    await db.insert(adoptionApproval).values({ householdId: id, status: 'approved', panelDate: '2025-12-01', decisionDate: '2025-12-08' });
    return id;
  };
  const baby = (c: { firstName: string; lastName: string; dateOfBirth: string; reference: string }, sex: 'M' | 'F', c1From: string) => childInCare(db, staff, { ...c, sex }, { code: 'C1', since: c1From });
  ids.referredHousehold = await dualApproved(HOUSEHOLDS.referred, '4 Curlew Close', { firstName: 'Ellis', lastName: 'Haywood' });
  const homeHousehold = await dualApproved(HOUSEHOLDS.home, '11 Dunlin Lane', { firstName: 'Frankie', lastName: 'Orme' });
  const adoptedHousehold = await dualApproved(HOUSEHOLDS.adopted, '27 Godwit Road', { firstName: 'Gale', lastName: 'Pennock' });
  ids.referred = await baby(CHILDREN.referred, 'F', '2026-11-20');
  ids.home = await baby(CHILDREN.home, 'F', '2026-08-30');
  ids.adopted = await baby(CHILDREN.adopted, 'M', '2026-06-01');
  await activePlacement(db, { childId: ids.home, householdId: homeHousehold, startDate: '2026-09-01', placementType: 'U5', kind: 'concurrent_planning' });
  await activePlacement(db, { childId: ids.adopted, householdId: adoptedHousehold, startDate: '2026-06-03', placementType: 'U5', kind: 'concurrent_planning' });
  ids.request = await requestAtMatching(db, staff, { reference: 'PR91701', childId: ids.referred, kind: 'concurrent_planning', neededBy: TODAY });
  browser = await launchBrowser();
});

after(async () => {
  await roles.close();
  await browser?.close();
  await served?.close();
});


/** The referral page's "Next step" form: moves the referral on, on the day given. */
async function moveOn(page: Page, status: string, on: string) {
  await tick(page, 'status', status);
  await fillDate(page, 'on', on);
  return press(page, 'Save');
}

/** Court proceedings and a hearing, through the child's contact, court and adoption page. */
async function proceedingsWithHearing(sw: Page, log: AxeLog, childId: string, label: string, p: { caseNumber: string; appliedOn: string; heardOn: string }) {
  const base = served.base;
  await log.visit(sw, paths.concurrentPlanning.child(childId), base, `${label}: contact, court and adoption`);
  assert.equal(await press(sw, 'Record court proceedings'), 200);
  await log.check(sw, `${label}: proceedings`);
  await fill(sw, 'court', 'Bristol Family Court');
  assert.equal(await press(sw, 'Record the proceedings'), 400);
  assert.match(await errorSummary(sw), /There is a problem/);
  await log.check(sw, `${label}: proceedings (errors)`);
  await fill(sw, 'caseNumber', p.caseNumber);
  await fillDate(sw, 'appliedOn', p.appliedOn);
  assert.equal(await press(sw, 'Record the proceedings'), 200);
  assert.match(await mainText(sw), new RegExp(p.caseNumber));
  await log.check(sw, `${label}: proceedings recorded`);
  assert.equal(await follow(sw, 'Record a hearing'), 200);
  await log.check(sw, `${label}: hearing`);
  await fillDate(sw, 'heardOn', p.heardOn);
  await tick(sw, 'kind', 'case_management');
  await fill(sw, 'outcome', 'Directions for the parenting assessment; contact three times a week');
  assert.equal(await press(sw, 'Record the hearing'), 200);
  assert.match(await mainText(sw), /Case management hearing/);
  await log.check(sw, `${label}: hearing recorded`);
}

test('the early permanence duty, a referral through its steps, and the concurrent planning placement made through the matching pages', async () => {
  const db = served.database.db;
  const base = served.base;
  const log = new AxeLog();
  const sw = await as('social_worker');

  // ---- The duty: adoption in the permanence plan, then the decision ----
  await log.visit(sw, paths.earlyPermanence.child(ids.referred), base, 'early permanence');
  assert.equal(await press(sw, 'Record that adoption is in the plan'), 200);
  await log.check(sw, 'adoption in plan');
  assert.equal(await press(sw, 'Record it'), 400);
  assert.match(await errorSummary(sw), /There is a problem/);
  await log.check(sw, 'adoption in plan (errors)');
  await fillDate(sw, 'inPlanOn', '2026-09-10');
  await fill(sw, 'note', 'Twin-track plan: rehabilitation to the mother assessed, adoption if it cannot be achieved');
  assert.equal(await press(sw, 'Record it'), 200);
  assert.equal(path(sw), paths.earlyPermanence.child(ids.referred));
  assert.match(await mainText(sw), /Twin-track plan/);
  await log.check(sw, 'early permanence (adoption in plan)');

  assert.equal(await press(sw, 'Record the decision'), 200);
  await log.check(sw, 'decision');
  await fillDate(sw, 'decidedOn', '2026-09-12');
  await fill(sw, 'decidedByName', 'Robin Chair');
  await fill(sw, 'decidedByRole', 'Team manager');
  await tick(sw, 'outcome', 'concurrent_planning');
  await fill(sw, 'reasons', 'No connected person can care for her; her mother may yet be able to, and the carers would support that');
  assert.equal(await press(sw, 'Record the decision'), 200);
  assert.match(await mainText(sw), /Refer to concurrent planning/);
  await log.check(sw, 'early permanence (decided)');

  // ---- The referral: the criteria, refused while incomplete, then saved ----
  assert.equal(await press(sw, 'Refer to concurrent planning'), 200);
  await log.check(sw, 'referral');
  assert.equal(await sw.inputValue(named('childReference')), CHILDREN.referred.reference, 'the child is filled in from the duty page');
  await fillDate(sw, 'referralDate', '2026-09-14');
  await tick(sw, 'answer_interim_care_order', 'yes');
  await fill(sw, 'childReference', '');
  assert.equal(await press(sw, 'Save the referral as a draft'), 400);
  assert.match(await errorSummary(sw), /Enter the child(’|')s reference/);
  assert.equal(await sw.isChecked('input[name="answer_interim_care_order"][value="yes"]'), true, 'what was chosen is kept');
  await log.check(sw, 'referral (errors)');
  await fill(sw, 'childReference', CHILDREN.referred.reference);
  await fill(sw, 'evidence_interim_care_order', 'Interim care order sought at the first hearing');
  await tick(sw, 'answer_no_extended_family', 'yes');
  await fill(sw, 'evidence_no_extended_family', 'Viability assessments of the grandmother and an aunt were negative');
  await tick(sw, 'answer_older_siblings_adopters', 'not_applicable');
  await fill(sw, 'evidence_older_siblings_adopters', 'No older brothers or sisters');
  await tick(sw, 'answer_rehabilitation_considered', 'yes');
  await fill(sw, 'evidence_rehabilitation_considered', 'The mother is in a residential assessment; the outcome is uncertain');
  assert.equal(await press(sw, 'Save the referral as a draft'), 200);
  const [referral] = await db.select().from(cpReferral).where(eq(cpReferral.childId, ids.referred));
  assert.ok(referral, 'the referral is saved');
  assert.equal(path(sw), paths.earlyPermanence.referral(referral.id));
  await log.check(sw, 'referral (draft)');

  // ---- Sent, accepted, carers shortlisted and identified ----
  assert.equal(await moveOn(sw, 'sent', '2026-09-15'), 200);
  assert.match(await mainText(sw), /Referral sent/);
  await log.check(sw, 'referral (sent)');
  assert.equal(await moveOn(sw, 'accepted', '2026-09-16'), 200);
  await log.check(sw, 'referral (accepted)');
  assert.equal(await moveOn(sw, 'carers_identified', '2026-09-18'), 400);
  assert.match(await errorSummary(sw), /Shortlist the carers identified first/);
  await log.check(sw, 'referral: carers identified (errors)');
  await log.visit(sw, paths.earlyPermanence.referral(referral.id), base, 'referral (accepted, again)');
  await sw.locator('summary', { hasText: 'Shortlist carers' }).click();
  await fill(sw, 'householdReference', HOUSEHOLDS.referred);
  await fillDate(sw, 'shortlistedOn', '2026-09-17');
  await fill(sw, 'note', 'Dual approved; one carer at home full-time');
  assert.equal(await press(sw, 'Shortlist'), 200);
  assert.match(await mainText(sw), new RegExp(HOUSEHOLDS.referred));
  await log.check(sw, 'referral (shortlisted)');
  assert.equal(await moveOn(sw, 'carers_identified', '2026-09-18'), 200);
  assert.match(await mainText(sw), /Carers identified/);
  await log.check(sw, 'referral (carers identified)');

  // ---- The placement, through the matching pages: the dual-approved carers are proposed and confirmed ----
  const po = await as('placement_officer');
  await log.visit(po, paths.requests.matching(ids.request), base, 'matching');
  assert.equal(await press(po, `Consider this household (${HOUSEHOLDS.referred})`), 200);
  await fillDate(po, 'proposedStart', TODAY);
  assert.equal(await press(po, 'Propose this household'), 200);
  await log.check(po, 'proposal (proposed)');
  await po.check('input[name=connectedPerson][value=no]');
  assert.equal(await press(po, 'Confirm the placement'), 200);
  assert.match(await po.locator('main h1').innerText(), /Confirmed/);
  await log.check(po, 'proposal (confirmed)');
  const [made] = await db.select().from(placement).where(and(eq(placement.childId, ids.referred), eq(placement.householdId, ids.referredHousehold)));
  assert.ok(made, 'the placement is made');
  assert.deepEqual([made.kind, made.startDate], ['concurrent_planning', TODAY]);

  // ---- The referral is marked placed, linked to the placement ----
  await log.visit(sw, paths.earlyPermanence.referral(referral.id), base, 'referral (to mark placed)');
  await tick(sw, 'status', 'placed');
  await fillDate(sw, 'on', TODAY);
  await sw.selectOption(named('placementId'), made.id);
  assert.equal(await press(sw, 'Save'), 200);
  assert.match(await mainText(sw), /Placed/);
  await log.check(sw, 'referral (placed)');
  const [placed] = await db.select().from(cpReferral).where(eq(cpReferral.id, referral.id));
  assert.deepEqual([placed?.status, placed?.placementId], ['placed', made.id]);

  log.assertClean();
  for (const [role, errors] of roles.scriptErrors(/status of (400|403)/)) assert.deepEqual(errors, [], `no script errors for ${role}`);
});

test('a contact session, court proceedings with a hearing, and the decision to return the child home', async () => {
  const db = served.database.db;
  const base = served.base;
  const log = new AxeLog();
  const sw = await as('social_worker');

  // ---- The contact plan and a session ----
  await log.visit(sw, paths.concurrentPlanning.child(ids.home), base, 'home: contact, court and adoption');
  assert.equal(await follow(sw, 'Record the contact plan'), 200);
  await log.check(sw, 'home: contact plan');
  await fillDate(sw, 'startsOn', '2026-11-02');
  await fill(sw, 'sessionsPerWeek', '3');
  await fill(sw, 'supervisor', 'Family Time Service');
  await fill(sw, 'venue', 'Oak Lodge contact centre');
  await fill(sw, 'transport', 'The carers drive her and hand over at the start and the end');
  await fill(sw, 'whoAttends', 'Mother');
  assert.equal(await press(sw, 'Save the contact plan'), 200);
  await log.check(sw, 'home: contact plan saved');
  assert.equal(await press(sw, 'Record a contact session'), 200);
  await log.check(sw, 'home: session');
  await fillDate(sw, 'sessionDate', '2026-11-16');
  await tick(sw, 'outcome', 'took_place');
  await fill(sw, 'whoAttended', 'Mother');
  assert.equal(await press(sw, 'Record the session'), 400);
  assert.match(await errorSummary(sw), /observations/);
  await log.check(sw, 'home: session (errors)');
  await tick(sw, 'handoverAtStartByCarers', 'yes');
  await tick(sw, 'handoverAtEndByCarers', 'yes');
  await fill(sw, 'observations', 'Mother fed and settled her, responsive to her cues');
  assert.equal(await press(sw, 'Record the session'), 200);
  const withSession = await mainText(sw);
  assert.match(withSession, /responsive to her cues|Took place/);
  // The fostering phase's weekly allowance (age band and skills fee, from the demo's rate card).
  assert.match(withSession, /Fostering allowance: Linnea Parfitt \(age 0, band [^)]*\) £[0-9,.]+ a week/);
  assert.match(withSession, /Skills fee: Level 2 £[0-9,.]+ a week/);
  await log.check(sw, 'home: session recorded');

  // ---- Court proceedings, a hearing, and the return home ----
  await proceedingsWithHearing(sw, log, ids.home, 'home', { caseNumber: 'BS26C00411', appliedOn: '2026-08-28', heardOn: '2026-10-05' });
  assert.equal(await follow(sw, "Record the court's decision"), 200);
  await log.check(sw, 'home: decision');
  await tick(sw, 'decision', 'return_home');
  await fillDate(sw, 'decidedOn', '2026-11-20');
  assert.equal(await press(sw, 'Save'), 400);
  assert.match(await errorSummary(sw), /Enter the date the child went home/);
  await log.check(sw, 'home: decision (errors)');
  await fillDate(sw, 'returnedHomeOn', '2026-11-21');
  await tick(sw, 'carersContactAgreed', 'yes');
  await fill(sw, 'carersContactPlan', 'The carers visit once a month for the first year');
  assert.equal(await press(sw, 'Save'), 200);
  assert.match(await mainText(sw), /Return home to the birth family/);
  await log.check(sw, 'home: returned home');
  const [pl] = await db.select().from(placement).where(eq(placement.childId, ids.home));
  assert.deepEqual([pl?.endDate, pl?.status], ['2026-11-21', 'ended']);

  log.assertClean();
});

test('court proceedings with a hearing, a placement order, the adoptive placement and the adoption order', async () => {
  const db = served.database.db;
  const log = new AxeLog();
  const sw = await as('social_worker');

  await proceedingsWithHearing(sw, log, ids.adopted, 'adopted', { caseNumber: 'BS26C00352', appliedOn: '2026-05-28', heardOn: '2026-08-10' });
  assert.equal(await follow(sw, "Record the court's decision"), 200);
  await tick(sw, 'decision', 'placement_order');
  await fillDate(sw, 'decidedOn', '2026-10-01');
  assert.equal(await press(sw, 'Save'), 200);
  assert.match(await mainText(sw), /Placement order/);
  await log.check(sw, 'adopted: placement order');

  assert.equal(await follow(sw, 'Record the adoptive placement'), 200);
  await log.check(sw, 'adopted: adoptive placement');
  await fillDate(sw, 'shouldBePlacedOn', '2026-10-05');
  await fillDate(sw, 'matchedOn', '2026-10-08');
  await fillDate(sw, 'placedForAdoptionOn', '2026-10-01');
  assert.equal(await press(sw, 'Save'), 400);
  assert.match(await errorSummary(sw), /There is a problem/);
  await log.check(sw, 'adopted: adoptive placement (errors)');
  await fillDate(sw, 'placedForAdoptionOn', '2026-10-12');
  assert.equal(await press(sw, 'Save'), 200);
  assert.match(await mainText(sw), /The fostering allowance stopped on [^.]*12 Oct[^.]* 2026, when the child was placed with the carers for adoption/);
  await log.check(sw, 'adopted: placed for adoption');

  assert.equal(await follow(sw, 'Record the adoption order'), 200);
  await log.check(sw, 'adopted: adoption order');
  await fillDate(sw, 'adoptionOrderOn', '2026-11-30');
  await tick(sw, 'adoptionReason', 'E12');
  await tick(sw, 'adoptersCount', '2');
  await tick(sw, 'adoptersSex', 'MF');
  await tick(sw, 'adoptersLegalStatus', 'L11');
  assert.equal(await press(sw, 'Save'), 200);
  const text = await mainText(sw);
  assert.match(text, /Adoption order/);
  assert.match(text, /AD1 DATE_INT/);
  await log.check(sw, 'adopted: adopted');
  const [p] = await db.select().from(courtProceedings).where(eq(courtProceedings.childId, ids.adopted));
  assert.deepEqual([p?.decision, p?.placedForAdoptionOn, p?.adoptionOrderOn], ['placement_order', '2026-10-12', '2026-11-30']);

  log.assertClean();
  for (const [role, errors] of roles.scriptErrors(/status of (400|403)/)) assert.deepEqual(errors, [], `no script errors for ${role}`);
});
