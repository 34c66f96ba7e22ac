/**
 * Browser tests of placement stability (Placement stability guidance, "Placements are ended in a
 * planned way unless there are immediate safeguarding concerns"), across the roles that do each step,
 * with axe-core on every page state visited, the error states included:
 *
 * 1. A concern → a Placement Support Meeting (which cannot be held until the initial support plan has
 *    a new version reviewed at it) → the Placement Stability Panel (referral, sitting, decision) → a
 *    move requested and agreed by the HARP panel → the new placement confirmed, which ends the old one
 *    as an agreed move.
 * 2. An urgent move: requested for an immediate safeguarding issue with the alternatives listed,
 *    authorised by the head of service, and the new placement confirmed, ending the old one as an
 *    urgent move.
 *
 * The demo authority is loaded for realism; the children, households and the placement requests at the
 * matching stage are inserted here (synthetic names only): the request-to-placement walk covers a request
 * from draft to matching.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { appUser, moveRequest, placement, stabilityPanelReferral } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import { addDays, formatDate, todayInEngland } from '../src/domain/dates.ts';
import { paths } from '../src/http/paths.ts';
import { activePlacement, approvedHousehold, childInCare, demoStaff, requestAtMatching } from './fixtures.ts';
import { AxeLog, launchBrowser, serveDemo, type Served, demoAccount, RoleBrowsers } from './browser.ts';
import { choose, errorSummary, fill, fillDate, follow, mainText, named, path, press, tick } from './forms.ts';

/** The real today: the services run on the clock (dates recorded must be today or in the past). */
const TODAY = todayInEngland(new Date());
const SINCE = '2025-06-02';
const CHILDREN = {
  planned: { firstName: 'Marlo', lastName: 'Fenwicke', dateOfBirth: '2016-04-11', reference: 'E2E1501' },
  urgent: { firstName: 'Tansy', lastName: 'Oakhurst', dateOfBirth: '2015-09-23', reference: 'E2E1502' },
} as const;
const HOUSEHOLDS = { plannedFrom: 'HE2E51', plannedTo: 'HE2E52', urgentFrom: 'HE2E53', urgentTo: 'HE2E54' } as const;

let served: Served;
let browser: Browser;
const ids = { plannedPlacement: '', plannedChild: '', plannedRequest: '', plannedTo: '', urgentPlacement: '', urgentChild: '', urgentRequest: '', urgentTo: '' };
const roles = new RoleBrowsers(() => browser, () => served.base);
const as = (role: Role): Promise<Page> => roles.page(role);

before(async () => {
  served = await serveDemo({ children: 40, today: TODAY, seed: 31 });
  const db = served.database.db;
  const staff = await demoStaff(db);
  const newHousehold = (reference: string, addressLine1: string, carer: { firstName: string; lastName: string }) => approvedHousehold(db, staff, { reference, addressLine1, carer });
  const placed = async (c: { firstName: string; lastName: string; dateOfBirth: string; reference: string }, sex: 'M' | 'F', householdId: string) => {
    const childId = await childInCare(db, staff, { ...c, sex }, { code: 'C2', since: SINCE });
    return { childId, placementId: await activePlacement(db, { childId, householdId, startDate: SINCE }) };
  };
  const request = (reference: string, childId: string, urgency: 'planned' | 'emergency') => requestAtMatching(db, staff, { reference, childId, urgency, neededBy: TODAY });

  const plannedFrom = await newHousehold(HOUSEHOLDS.plannedFrom, '2 Linnet Row', { firstName: 'Ash', lastName: 'Kemble' });
  ids.plannedTo = await newHousehold(HOUSEHOLDS.plannedTo, '15 Harrier Way', { firstName: 'Bo', lastName: 'Sedley' });
  const urgentFrom = await newHousehold(HOUSEHOLDS.urgentFrom, '8 Plover Street', { firstName: 'Cas', lastName: 'Ridley' });
  ids.urgentTo = await newHousehold(HOUSEHOLDS.urgentTo, '30 Kestrel Drive', { firstName: 'Dale', lastName: 'Morrow' });
  const planned = await placed(CHILDREN.planned, 'M', plannedFrom);
  ids.plannedChild = planned.childId;
  ids.plannedPlacement = planned.placementId;
  const urgent = await placed(CHILDREN.urgent, 'F', urgentFrom);
  ids.urgentChild = urgent.childId;
  ids.urgentPlacement = urgent.placementId;
  ids.plannedRequest = await request('PR91501', ids.plannedChild, 'planned');
  ids.urgentRequest = await request('PR91502', ids.urgentChild, 'emergency');
  browser = await launchBrowser();
});

after(async () => {
  await roles.close();
  await browser?.close();
  await served?.close();
});


const MOVE = {
  reason: 'The carers have given notice after months of evenings that end in arguments',
  supportTried: 'A Placement Support Meeting; weekly mentoring agreed by the Placement Stability Panel',
  virtualSchoolAdviceFrom: 'Pat Highmoor, Virtual School',
  virtualSchoolAdvice: 'Keep his school place; transport is arranged from the new home',
  alternativesConsidered: 'More respite; a second mentor at weekends',
  tellingPlan: 'His social worker and Ash tell him together at home, a week before',
  tellingConfirmedBySw: demoAccount('social_worker').name,
  tellingConfirmedBySsw: demoAccount('supervising_social_worker').name,
  tellingConfirmedByCarers: 'Ash Kemble',
};

/** From the matching page, considers the household, proposes it for today, and confirms: the old placement ends today. */
async function confirmMove(page: Page, log: AxeLog, requestId: string, reference: string, endingPlacementId: string, label: string) {
  await log.visit(page, paths.requests.matching(requestId), served.base, `${label}: matching`);
  assert.equal(await press(page, `Consider this household (${reference})`), 200);
  await fillDate(page, 'proposedStart', TODAY);
  assert.equal(await press(page, 'Propose this household'), 200);
  await log.check(page, `${label}: proposal (proposed)`);
  await page.check('input[name=connectedPerson][value=no]');
  await page.locator(`select[name="reasonEnded-${endingPlacementId}"]`).selectOption('CARPL');
  assert.equal(await press(page, 'Confirm the placement'), 200);
  assert.match(await page.locator('main h1').innerText(), /Confirmed/);
  await log.check(page, `${label}: proposal (confirmed)`);
}

test('a concern leads to a Placement Support Meeting, the Placement Stability Panel and an agreed move: every step by its owner, every page free of axe violations', async () => {
  const db = served.database.db;
  const base = served.base;
  const log = new AxeLog();
  const placementUrl = paths.placements.show(ids.plannedPlacement);

  // ---- The supervising social worker records a concern ----
  const ssw = await as('supervising_social_worker');
  await log.visit(ssw, placementUrl, base, 'placement');
  assert.equal(await follow(ssw, 'Record a concern about this placement'), 200);
  await log.check(ssw, 'concern');
  await fill(ssw, 'whatWasSeen', 'Arguments every evening; Marlo has refused to come home twice');
  assert.equal(await press(ssw, 'Record the concern'), 400);
  assert.match(await errorSummary(ssw), /There is a problem/);
  assert.equal(await ssw.inputValue(named('whatWasSeen')), 'Arguments every evening; Marlo has refused to come home twice', 'what was typed is kept');
  await log.check(ssw, 'concern (errors)');
  await fillDate(ssw, 'raisedOn', TODAY);
  await tick(ssw, 'raisedByRole', 'foster_carer');
  await fill(ssw, 'raisedByName', 'Ash Kemble');
  await tick(ssw, 'seriousness', 'high');
  assert.equal(await press(ssw, 'Record the concern'), 200);
  assert.equal(path(ssw), placementUrl);
  const withConcern = await mainText(ssw);
  assert.match(withConcern, /Arguments every evening/);
  assert.match(withConcern, /Next Placement Support Meeting Due by/);
  await log.check(ssw, 'placement (concern recorded)');

  // ---- The Placement Support Meeting: refused until the support plan has a version reviewed at it ----
  assert.equal(await follow(ssw, /^Record the meeting/), 200);
  assert.equal(path(ssw), paths.planning.record(ids.plannedPlacement, 'psm'));
  await log.check(ssw, 'meeting');
  await fillDate(ssw, 'meetingDate', TODAY);
  await tick(ssw, 'venue', 'carers_home');
  await fill(ssw, 'chair', demoAccount('supervising_social_worker').name);
  await fill(ssw, 'concernsDiscussed', 'The arguments in the evenings and the two nights he refused to come home');
  const attendees: [string, string, string, string][] = [
    [demoAccount('social_worker').name, 'childs_social_worker', 'in_person', ''],
    [demoAccount('supervising_social_worker').name, 'supervising_social_worker', 'in_person', ''],
    ['Ash Kemble', 'foster_carer', 'in_person', ''],
    ['Pat Highmoor', 'virtual_school', 'invited_absent', 'Gave advice by telephone the day before'],
  ];
  for (const [i, [name, role, attendance, reason]] of attendees.entries()) {
    await fill(ssw, `attendees.${i}.name`, name);
    await choose(ssw, `attendees.${i}.role`, role);
    await choose(ssw, `attendees.${i}.attendance`, attendance);
    if (reason) await fill(ssw, `attendees.${i}.reason`, reason);
  }
  await fill(ssw, 'goingWell', 'School attendance is good; he loves the dog');
  await fill(ssw, 'notGoingWell', 'Evenings and screen time');
  await fill(ssw, 'supportPlanReview', 'Added weekly mentoring and an agreed evening routine');
  assert.equal(await press(ssw, 'Save draft'), 200);
  assert.match(await mainText(ssw), /saved as a draft/);
  assert.equal(await press(ssw, 'Mark the meeting as held'), 400);
  assert.match(await errorSummary(ssw), /initial support plan/);
  await log.check(ssw, 'meeting (errors)');

  await log.visit(ssw, paths.planning.record(ids.plannedPlacement, 'support-plan'), base, 'support plan');
  await fill(ssw, 'needs.0.need', 'Evenings at home');
  await fill(ssw, 'needs.0.support', 'Weekly mentoring and an agreed evening routine');
  await fill(ssw, 'needs.0.by', 'Mentoring service and the carers');
  assert.equal(await press(ssw, 'Save draft'), 200);
  assert.equal(await press(ssw, 'Complete this version'), 200);
  assert.match(await ssw.locator('main h1').innerText(), /Initial support plan: version 1/);
  await log.check(ssw, 'support plan: version 1');

  await log.visit(ssw, paths.planning.record(ids.plannedPlacement, 'psm'), base, 'meeting (support plan done)');
  assert.equal(await press(ssw, 'Mark the meeting as held'), 200);
  assert.match(await ssw.locator('main h1').innerText(), /Placement Support Meeting minutes: version 1/);
  await log.check(ssw, 'meeting: version 1');
  await log.visit(ssw, placementUrl, base, 'placement (meeting held)');
  assert.match(await mainText(ssw), new RegExp(`Meetings held 1 \\(latest on ${formatDate(TODAY)}\\)`));

  // ---- The child's social worker refers the case to the Placement Stability Panel ----
  const sw = await as('social_worker');
  await log.visit(sw, placementUrl, base, 'placement (social worker)');
  assert.equal(await follow(sw, 'Refer to the Placement Stability Panel'), 200);
  await log.check(sw, 'panel referral');
  await fillDate(sw, 'referredOn', TODAY);
  await fill(sw, 'reason', 'Mentoring is needed now and has no funding');
  await fill(sw, 'serviceSought', 'Weekly mentoring for twelve weeks');
  await fill(sw, 'tried', 'A Placement Support Meeting; an evening routine');
  assert.equal(await press(sw, 'Refer the case'), 200);
  await log.check(sw, 'panel referral (referred)');
  const [referral] = await db.select().from(stabilityPanelReferral).where(eq(stabilityPanelReferral.childId, ids.plannedChild));
  assert.ok(referral, 'the referral is recorded');

  // ---- A team manager records the sitting and the panel's decision ----
  const tm = await as('team_manager');
  await log.visit(tm, paths.panel.home, base, 'panel');
  await log.visit(tm, paths.panel.newSitting, base, 'panel sitting');
  await fillDate(tm, 'sitsOn', TODAY);
  await fill(tm, 'members', 'Helen Marsh (chair); two team managers');
  await fill(tm, 'virtualSchoolAttendee', 'Pat Highmoor, Virtual School');
  await tick(tm, 'referralIds', referral.id);
  assert.equal(await press(tm, 'Record the sitting'), 200);
  await log.check(tm, 'panel sitting (recorded)');
  await log.visit(tm, paths.panel.decide(referral.id), base, 'panel decision');
  await fill(tm, 'serviceAgreed', 'Weekly mentoring for twelve weeks');
  await fill(tm, 'fundedBy', "Children's services placements budget");
  await fill(tm, 'decision', 'Agreed; review in three months');
  await fillDate(tm, 'reviewOn', addDays(TODAY, 90));
  await fill(tm, 'action1Description', 'Commission the mentoring service');
  assert.equal(await press(tm, 'Record the decision'), 400);
  assert.match(await errorSummary(tm), /There is a problem/);
  await log.check(tm, 'panel decision (errors)');
  await choose(tm, 'action1Owner', (await db.select().from(appUser).where(eq(appUser.email, demoAccount('social_worker').email)))[0]!.id);
  await fillDate(tm, 'action1DueOn', addDays(TODAY, 14));
  assert.equal(await press(tm, 'Record the decision'), 200);
  assert.match(await mainText(tm), /Agreed; review in three months/);
  await log.check(tm, 'panel referral (decided)');

  // ---- The move: requested by the social worker, agreed by the HARP panel (recorded by the team manager) ----
  await log.visit(sw, placementUrl, base, 'placement (before the move)');
  assert.equal(await follow(sw, 'Request a move'), 200);
  await log.check(sw, 'move request');
  await fill(sw, 'reason', MOVE.reason);
  assert.equal(await press(sw, 'Send the request'), 400);
  await log.check(sw, 'move request (errors)');
  for (const [name, value] of Object.entries(MOVE)) await fill(sw, name, value);
  assert.equal(await press(sw, 'Send the request'), 200);
  const [move] = await db.select().from(moveRequest).where(eq(moveRequest.placementId, ids.plannedPlacement));
  assert.ok(move);
  assert.equal(move.status, 'requested');
  await log.check(sw, 'move (requested)');

  await log.visit(tm, paths.moves.decide(move.id), base, 'move decision');
  await tick(tm, 'outcome', 'agreed');
  await tick(tm, 'decidedThrough', 'harp_panel');
  await fillDate(tm, 'panelDate', TODAY);
  await fill(tm, 'panelChair', 'Robin Chair');
  await fill(tm, 'decisionReason', 'Support was tried; the move is in his interests');
  assert.equal(await press(tm, 'Record the decision'), 200);
  assert.match(await mainText(tm), /Agreed/);
  await log.check(tm, 'move (agreed)');

  // ---- The placement officer confirms the new placement; the old one ends as an agreed move ----
  const po = await as('placement_officer');
  await confirmMove(po, log, ids.plannedRequest, HOUSEHOLDS.plannedTo, ids.plannedPlacement, 'planned move');
  const [old] = await db.select().from(placement).where(eq(placement.id, ids.plannedPlacement));
  assert.deepEqual([old?.endDate, old?.status, old?.endingBasis, old?.moveRequestId], [TODAY, 'ended', 'agreed_move', move.id]);
  const made = await db.select().from(placement).where(eq(placement.householdId, ids.plannedTo));
  assert.deepEqual(made.map((p) => [p.childId, p.status]), [[ids.plannedChild, 'active']]);
  await log.visit(po, placementUrl, base, 'old placement (ended)');
  assert.match(await mainText(po), /agreed move|Agreed move/i);

  log.assertClean();
  for (const [role, errors] of roles.scriptErrors(/status of 400/)) assert.deepEqual(errors, [], `no script errors for ${role}`);
});

test('an urgent move: requested for an immediate safeguarding issue with the alternatives, authorised by the head of service, the new placement confirmed', async () => {
  const db = served.database.db;
  const base = served.base;
  const log = new AxeLog();
  const placementUrl = paths.placements.show(ids.urgentPlacement);

  const sw = await as('social_worker');
  await log.visit(sw, placementUrl, base, 'urgent: placement');
  assert.equal(await follow(sw, 'Request an urgent move (immediate safeguarding issue)'), 200);
  await log.check(sw, 'urgent: request');
  await fill(sw, 'safeguardingIssue', 'An allegation against an adult in the household, referred today');
  for (const [name, value] of Object.entries({ ...MOVE, tellingConfirmedByCarers: '' })) await fill(sw, name, value);
  await fill(sw, 'alternative1Option', 'Stay with a safety plan');
  await tick(sw, 'alternative1Suitable', 'no');
  assert.equal(await press(sw, 'Send the request'), 400);
  assert.match(await errorSummary(sw), /Enter why the option is or is not suitable/);
  await log.check(sw, 'urgent: request (errors)');
  await fill(sw, 'alternative1Why', 'The allegation is about someone living there');
  await fill(sw, 'alternative2Option', `Household ${HOUSEHOLDS.urgentTo} (vacancy)`);
  await tick(sw, 'alternative2Suitable', 'yes');
  await fill(sw, 'alternative2Why', 'Same school; approved for her age');
  assert.equal(await press(sw, 'Send the request'), 200);
  const [move] = await db.select().from(moveRequest).where(eq(moveRequest.placementId, ids.urgentPlacement));
  assert.ok(move);
  assert.deepEqual([move.urgent, move.status], [true, 'requested']);
  await log.check(sw, 'urgent: move (requested)');

  // A team manager may not authorise it; the head of service does.
  const tm = await as('team_manager');
  const refused = await tm.goto(`${base}${paths.moves.decide(move.id)}`);
  if (refused?.status() === 200) {
    await tick(tm, 'outcome', 'agreed');
    await tick(tm, 'decidedThrough', 'harp_panel');
    await fillDate(tm, 'panelDate', TODAY);
    await fill(tm, 'panelChair', 'Robin Chair');
    await fill(tm, 'decisionReason', 'Agreed');
    assert.equal(await press(tm, 'Record the decision'), 400);
    assert.match(await errorSummary(tm), /An urgent move is authorised by the head of service/);
    await log.check(tm, 'urgent: decision by a team manager (errors)');
  } else assert.equal(refused?.status(), 403);

  const hos = await as('head_of_service');
  await log.visit(hos, paths.moves.decide(move.id), base, 'urgent: decision');
  await tick(hos, 'outcome', 'agreed');
  await tick(hos, 'decidedThrough', 'head_of_service');
  await fill(hos, 'decisionReason', 'She cannot stay safely; the alternatives were considered');
  assert.equal(await press(hos, 'Record the decision'), 200);
  assert.match(await mainText(hos), /Authorised/);
  await log.check(hos, 'urgent: move (authorised)');

  const po = await as('placement_officer');
  await confirmMove(po, log, ids.urgentRequest, HOUSEHOLDS.urgentTo, ids.urgentPlacement, 'urgent move');
  const [old] = await db.select().from(placement).where(eq(placement.id, ids.urgentPlacement));
  assert.deepEqual([old?.endDate, old?.status, old?.endingBasis, old?.moveRequestId], [TODAY, 'ended', 'urgent_move', move.id]);
  assert.equal((await db.select().from(placement).where(eq(placement.householdId, ids.urgentTo)))[0]?.childId, ids.urgentChild);

  log.assertClean();
  for (const [role, errors] of roles.scriptErrors(/status of (400|403)/)) assert.deepEqual(errors, [], `no script errors for ${role}`);
});
