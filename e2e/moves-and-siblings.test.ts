/**
 * Browser test: what a placement officer sees when confirming a
 * proposal that is a move, and one for a sibling group. axe-core runs on every page state visited,
 * the error states included.
 *
 * 1. A move: a child who lives with household A is matched to household B (no other child there,
 *    so no written agreement is needed). The proposal page shows the placement that will end;
 *    confirming without the reason it ends and the connected-person answer names both and changes
 *    nothing; with them, the placement with A ends on the start date (today) with its reason, in
 *    the same step, and A's page and the child's page no longer show him living there.
 * 2. A sibling group: a request for two linked siblings, confirmed into a household with room,
 *    makes a placement for each, linked from the confirmed proposal, and the household lists both.
 *
 * The demo authority is loaded for realism, but everything the walks depend on is inserted here
 * (synthetic names only), with each request already at the matching stage: the request-to-placement walk
 * (e2e/request-to-placement.test.ts) covers a request from draft to matching.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { moveRequest as moveRequestRecord, placement, placementProposal, placementRequest, siblingLink } from '../src/data/schema.ts';
import { todayInEngland, formatDate } from '../src/domain/dates.ts';
import { siblingPair } from '../src/domain/records/child.ts';
import { paths } from '../src/http/paths.ts';
import { activePlacement, approvedHousehold, childInCare, demoStaff, requestAtMatching } from './fixtures.ts';
import { AxeLog, launchBrowser, serveDemo, type Served, signedInActor, type BrowserActor } from './browser.ts';
import { errorSummary, fillDate, follow, mainText, path, press, squash } from './forms.ts';

/** The real today: the services run on the clock. Both placements start today, so a move ends the old placement now. */
const TODAY = todayInEngland(new Date());
const START = TODAY;

const MOVER = { firstName: 'Kit', lastName: 'Mallowby', dateOfBirth: '2014-05-21', reference: 'E2E1101' };
const SIBLINGS = [
  { firstName: 'Juniper', lastName: 'Ashgrove', dateOfBirth: '2016-10-02', reference: 'E2E1201' },
  { firstName: 'Bram', lastName: 'Ashgrove', dateOfBirth: '2018-01-17', reference: 'E2E1202' },
] as const;
const HOUSEHOLD = { from: 'HE2E11', to: 'HE2E12', siblings: 'HE2E13' } as const;
/** The placement with household A began here. */
const MOVER_SINCE = '2025-02-03';
const END_REASON = { code: 'CARPL', label: 'Change to or implementation of the care plan' };
const REQUEST_REF = { move: 'PR91101', siblings: 'PR91201' };

let served: Served;
let browser: Browser;
let po: BrowserActor;
const ids = {
  from: '',
  to: '',
  siblingsHome: '',
  mover: '',
  moverPlacement: '',
  moveRequest: '',
  siblings: [] as string[],
  siblingsRequest: '',
};

before(async () => {
  served = await serveDemo({ children: 40, today: TODAY, seed: 23 });
  const db = served.database.db;
  const staff = await demoStaff(db);

  const newHousehold = (reference: string, approvedChildren: number, addressLine1: string, carer: { firstName: string; lastName: string }) =>
    approvedHousehold(db, staff, { reference, addressLine1, carer }, { approvedChildren });
  ids.from = await newHousehold(HOUSEHOLD.from, 2, '4 Wrenfield Court', { firstName: 'Dee', lastName: 'Penrose' });
  ids.to = await newHousehold(HOUSEHOLD.to, 2, '21 Quarry Lane', { firstName: 'Alex', lastName: 'Thornbury' });
  ids.siblingsHome = await newHousehold(HOUSEHOLD.siblings, 3, '9 Orchard Mews', { firstName: 'Morgan', lastName: 'Westerleigh' });

  const newChild = (c: { firstName: string; lastName: string; dateOfBirth: string; reference: string }, sex: 'M' | 'F') => childInCare(db, staff, { ...c, sex }, { code: 'C2', since: MOVER_SINCE });

  // The move: Kit lives with household A; a request for him is at the matching stage.
  ids.mover = await newChild(MOVER, 'M');
  ids.moverPlacement = await activePlacement(db, { childId: ids.mover, householdId: ids.from, startDate: MOVER_SINCE });
  // The move itself is agreed (Placement stability procedure: moves are agreed, not done), here by the
  // HARP panel; e2e/ walks the request for a move and its agreement elsewhere.
  await db.insert(moveRequestRecord).values({
    placementId: ids.moverPlacement,
    childId: ids.mover,
    reason: 'Kit asked to live nearer his school and his brother; the carers agree a move would help.',
    supportTried: 'Two Placement Support Meetings; extra respite.',
    virtualSchoolAdviceFrom: 'Virtual School: Pat Highmoor',
    virtualSchoolAdvice: 'Keep his school place; transport is arranged.',
    alternativesConsidered: 'More support where he lives.',
    tellingPlan: 'His social worker and Dee tell him together, a week before.',
    tellingConfirmedBySw: 'Sam Social Worker',
    tellingConfirmedBySsw: 'Sky Supervising',
    tellingConfirmedByCarers: 'Dee Penrose',
    status: 'agreed',
    decidedThrough: 'harp_panel',
    panelDate: TODAY,
    panelChair: 'Robin Chair',
    decisionReason: 'The move serves Kit\'s wishes and his schooling.',
    decidedAt: new Date(),
    decidedByName: 'Robin Chair',
    requestedByName: 'Sam Social Worker',
  });
  ids.moveRequest = await requestAtMatching(db, staff, { reference: REQUEST_REF.move, childId: ids.mover, neededBy: START });

  // The sibling group: Juniper and Bram, linked as siblings, not placed yet; one request for both.
  ids.siblings = [await newChild(SIBLINGS[0], 'F'), await newChild(SIBLINGS[1], 'M')];
  await db.insert(siblingLink).values(siblingPair(ids.siblings[0]!, ids.siblings[1]!));
  ids.siblingsRequest = await requestAtMatching(db, staff, { reference: REQUEST_REF.siblings, childId: ids.siblings[0]!, siblingIds: [ids.siblings[1]!], neededBy: START });

  browser = await launchBrowser();
  // One placement officer for both walks (sign-in is rate limited).
  po = await signedInActor(browser, served.base, 'placement_officer');
});

after(async () => {
  await po?.context.close();
  await browser?.close();
  await served?.close();
});

const errorLinks = (page: Page) => page.locator('.govuk-error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
/** A summary list row's value, by its key. */
const summaryValue = async (page: Page, key: string) => squash(await page.locator('main .govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) }).first().locator('dd').first().innerText());
/** The section of a record page under its heading (its table, or the sentence saying it is empty). */
const section = async (page: Page, id: string) => squash(await page.locator(`main h2#${id} + *`).innerText());
/** The rows of the table of a record page's section (inside the container that scrolls it on a narrow screen), each as its cells' text. */
const sectionRows = (page: Page, id: string) =>
  page.locator(`main h2#${id} + .hearth-table-scroll table tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));

/** From the matching page, considers the household: the proposal page it opens, and the proposal's id. */
async function considerHousehold(page: Page, log: AxeLog, requestId: string, reference: string, label: string): Promise<string> {
  await log.visit(page, paths.requests.matching(requestId), served.base, `${label}: matching`);
  assert.ok(await page.locator('main ol > li h3', { hasText: reference }).count(), `household ${reference} is ranked among the matches`);
  assert.equal(await press(page, `Consider this household (${reference})`), 200);
  const proposalId = /^\/proposals\/([0-9a-f-]{36})$/.exec(path(page))?.[1];
  assert.ok(proposalId, `the proposal page: ${page.url()}`);
  assert.match(await mainText(page), /No other fostered child lives with these carers: no consideration or agreement is needed/);
  await log.check(page, `${label}: proposal (considering)`);
  await fillDate(page, 'proposedStart', START);
  assert.equal(await press(page, 'Propose this household'), 200);
  assert.equal(path(page), paths.proposals.show(proposalId));
  assert.match(await page.locator('main h1').innerText(), /Proposed/);
  return proposalId;
}

test('a move: the proposal shows the placement that will end, asks why, and confirming ends it the day the new one starts', async () => {
  const db = served.database.db;
  const base = served.base;
  const log = new AxeLog();
  const page = po.page;
  const kit = `${MOVER.firstName} ${MOVER.lastName}`;

  // Before: Kit lives with household A.
  await log.visit(page, paths.households.show(ids.from), base, 'move: household A (before)');
  assert.match(await section(page, 'placed-now'), new RegExp(`${kit} ${MOVER.reference}`));

  const proposalId = await considerHousehold(page, log, ids.moveRequest, HOUSEHOLD.to, 'move');
  const proposalUrl = paths.proposals.show(proposalId);

  // The proposal names the placement that will end, and when.
  const ending = await summaryValue(page, 'Current placement that will end');
  assert.equal(ending, `${kit} lives with household ${HOUSEHOLD.from} since ${formatDate(MOVER_SINCE)}; that placement ends on ${formatDate(START)}, the day this one starts`);
  assert.equal(await page.locator('main .govuk-summary-list__row dt', { hasText: 'Current placement that will end' }).count(), 1);
  assert.equal(await page.locator('main .govuk-summary-list__row dd a', { hasText: HOUSEHOLD.from }).getAttribute('href'), paths.placements.show(ids.moverPlacement));
  assert.equal(await page.locator('main .govuk-summary-list__row dt', { hasText: 'Placed together' }).count(), 0, 'one child: nobody is placed together');
  assert.match(await mainText(page), /Written agreements .* None needed\./);
  // The confirmation form asks both questions: the connected person (with the placement type each answer gives) and why the current placement ends.
  const reasonSelect = page.locator(`select[name="reasonEnded-${ids.moverPlacement}"]`);
  assert.equal(await reasonSelect.count(), 1, 'the confirmation asks why the current placement ends');
  assert.equal(squash(await page.locator(`label[for="reasonEnded-${ids.moverPlacement}"]`).innerText()), `Why ${kit}'s placement with household ${HOUSEHOLD.from} ends`);
  assert.match(squash(await page.locator(`#reasonEnded-${ids.moverPlacement}-hint`).innerText()), new RegExp(`It ends on ${formatDate(START)}, the day this placement starts`));
  assert.equal(await reasonSelect.inputValue(), '', 'no reason is preselected');
  assert.equal(await page.locator('input[name=connectedPerson]:checked').count(), 0, 'no answer (so no placement type) is preselected');
  assert.match(await mainText(page), /Are the carers a relative, friend or other connected person of the child\?/);
  assert.match(squash(await page.locator('#connectedPerson-item-hint').innerText()), /^Placement type U6: /, 'not connected: U6 (short-term)');
  await log.check(page, 'move: proposal (proposed)');

  // Confirming with neither answer: the error summary names both, and nothing changes.
  const before = {
    placements: await db.select().from(placement).where(eq(placement.childId, ids.mover)),
    proposal: (await db.select().from(placementProposal).where(eq(placementProposal.id, proposalId)))[0],
    request: (await db.select().from(placementRequest).where(eq(placementRequest.id, ids.moveRequest)))[0],
  };
  assert.equal(await press(page, 'Confirm the placement'), 400);
  const problems = await errorSummary(page);
  assert.match(problems, /^There is a problem /);
  assert.match(problems, /Select whether the carers are a relative, friend or other connected person of the child/, 'the summary names the connected-person question');
  assert.match(problems, new RegExp(`${kit} lives with household ${HOUSEHOLD.from} until this placement starts: select the reason that placement ends`), 'the summary names the end reason');
  assert.deepEqual((await errorLinks(page)).sort(), ['#connectedPerson', `#reasonEnded-${ids.moverPlacement}`].sort(), 'each error links to its question');
  assert.ok(await page.locator(`#reasonEnded-${ids.moverPlacement}-error`).isVisible(), 'the reason question shows its error');
  assert.ok(await page.locator('#connectedPerson-error').isVisible(), 'the connected-person question shows its error');
  await log.check(page, 'move: proposal, confirmation (errors)');
  const unchanged = async (when: string) => {
    assert.deepEqual(await db.select().from(placement).where(eq(placement.childId, ids.mover)), before.placements, `${when}: Kit's placements are unchanged`);
    assert.deepEqual((await db.select().from(placementProposal).where(eq(placementProposal.id, proposalId)))[0], before.proposal, `${when}: the proposal is unchanged`);
    assert.deepEqual((await db.select().from(placementRequest).where(eq(placementRequest.id, ids.moveRequest)))[0], before.request, `${when}: the request is unchanged`);
    assert.deepEqual(await db.select().from(placement).where(eq(placement.householdId, ids.to)), [], `${when}: nothing is placed with household B`);
  };
  await unchanged('neither answer');

  // With the connected-person answer only: the reason is still asked for, and the answer given is kept.
  await page.check('input[name=connectedPerson][value=no]');
  assert.equal(await press(page, 'Confirm the placement'), 400);
  assert.equal(await errorSummary(page), `There is a problem ${kit} lives with household ${HOUSEHOLD.from} until this placement starts: select the reason that placement ends`);
  assert.deepEqual(await errorLinks(page), [`#reasonEnded-${ids.moverPlacement}`]);
  assert.ok(await page.isChecked('input[name=connectedPerson][value=no]'), 'the answer given is kept');
  await log.check(page, 'move: proposal, confirmation (errors: reason only)');
  await unchanged('no reason');

  // With both answers: confirmed, in one step.
  await reasonSelect.selectOption(END_REASON.code);
  assert.equal(await press(page, 'Confirm the placement'), 200);
  assert.equal(path(page), proposalUrl);
  assert.match(await page.locator('main h1').innerText(), /Confirmed/);
  assert.equal(await page.locator('.govuk-error-summary').count(), 0);
  await log.check(page, 'move: proposal (confirmed)');

  const after = await db.select().from(placement).where(eq(placement.childId, ids.mover));
  const old = after.find((p) => p.id === ids.moverPlacement);
  const made = after.filter((p) => p.householdId === ids.to);
  assert.equal(after.length, 2, 'the old placement and the new one');
  assert.equal(old?.endDate, START, 'the placement with household A ends the day the new one starts');
  assert.equal(old?.reasonEnded, END_REASON.code);
  assert.equal(old?.status, 'ended', 'it ends today, so it is ended now');
  assert.equal(made.length, 1);
  assert.equal(made[0]!.startDate, START);
  assert.equal(made[0]!.status, 'active');
  assert.equal(made[0]!.placementType, 'U6');
  const proposal = (await db.select().from(placementProposal).where(eq(placementProposal.id, proposalId)))[0];
  assert.equal(proposal?.status, 'confirmed');
  assert.equal(proposal?.placementId, made[0]!.id);
  assert.equal((await db.select().from(placementRequest).where(eq(placementRequest.id, ids.moveRequest)))[0]?.status, 'confirmed');

  // The confirmed proposal links the new placement; no placement is left "that will end".
  assert.equal(await page.locator('main .govuk-summary-list__row dt', { hasText: 'Current placement that will end' }).count(), 0);
  assert.equal(await follow(page, 'View the placement'), 200);
  assert.equal(path(page), paths.placements.show(made[0]!.id));
  assert.equal(await summaryValue(page, 'Household'), `${HOUSEHOLD.to}: Alex Thornbury`);
  assert.equal(await summaryValue(page, 'Start date'), formatDate(START));
  await log.check(page, 'move: new placement');

  // The old placement: ended on the start date, with its reason.
  await log.visit(page, paths.placements.show(ids.moverPlacement), base, 'move: old placement');
  assert.equal(await summaryValue(page, 'End date'), formatDate(START));
  assert.equal(await summaryValue(page, 'Status'), 'Ended');
  assert.match(await summaryValue(page, 'Reason the placement ended'), new RegExp(`${END_REASON.code}.*${END_REASON.label}`));

  // Household A no longer has Kit living there; household B has him.
  await log.visit(page, paths.households.show(ids.from), base, 'move: household A (after)');
  assert.equal(await section(page, 'placed-now'), 'No children are placed here now.');
  await log.visit(page, paths.households.show(ids.to), base, 'move: household B (after)');
  assert.match(await section(page, 'placed-now'), new RegExp(`${kit} ${MOVER.reference}`));

  // Kit's record: the placement with A ended today, the one with B active.
  await log.visit(page, paths.children.show(ids.mover), base, 'move: child');
  const rows = await sectionRows(page, 'placements');
  // Columns: the placement (its start, linked), end, household, type, status.
  const withA = rows.find((r) => r[2] === HOUSEHOLD.from);
  const withB = rows.find((r) => r[2] === HOUSEHOLD.to);
  assert.deepEqual(withA && [withA[0]?.startsWith(`From ${formatDate(MOVER_SINCE)}`), withA[1], withA[4]], [true, formatDate(START), 'Ended'], `the placement with A: ${JSON.stringify(rows)}`);
  assert.deepEqual(withB && [withB[0]?.startsWith(`From ${formatDate(START)}`), withB[1], withB[4]], [true, '', 'Active'], `the placement with B: ${JSON.stringify(rows)}`);

  log.assertClean();
  assert.ok(log.seen.size >= 10, `walked ${log.seen.size} page states: ${[...log.seen.keys()].join(', ')}`);
  assert.deepEqual(po.errors.filter((e) => !/status of 400/.test(e)), [], 'no script errors');
});

test('a sibling group: one confirmation places both siblings together, and the household lists both', async () => {
  const db = served.database.db;
  const base = served.base;
  const log = new AxeLog();
  const page = po.page;
  const names = SIBLINGS.map((s) => `${s.firstName} ${s.lastName}`);

  // Matching counts the siblings together: the household has three places, and two are needed.
  await log.visit(page, paths.vacancies, base, 'siblings: vacancies (before)');
  assert.match(squash(await page.locator('main table tr', { hasText: HOUSEHOLD.siblings }).innerText()), /\b3 of 3\b/);

  const proposalId = await considerHousehold(page, log, ids.siblingsRequest, HOUSEHOLD.siblings, 'siblings');
  assert.equal(await summaryValue(page, 'Placed together'), SIBLINGS.map((s) => `${s.firstName} ${s.lastName} (${s.reference})`).join(', '));
  assert.equal(await page.locator('main .govuk-summary-list__row dt', { hasText: 'Current placement that will end' }).count(), 0, 'neither sibling lives anywhere yet');
  assert.equal(await page.locator('select[name^="reasonEnded-"]').count(), 0, 'no end reason is asked for');
  await log.check(page, 'siblings: proposal (proposed)');

  // Without the connected-person answer: the error summary, and nothing is placed.
  assert.equal(await press(page, 'Confirm the placement'), 400);
  assert.match(await errorSummary(page), /There is a problem Select whether the carers are a relative, friend or other connected person of the child/);
  assert.deepEqual(await errorLinks(page), ['#connectedPerson']);
  await log.check(page, 'siblings: proposal, confirmation (errors)');
  assert.deepEqual(await db.select().from(placement).where(inArray(placement.childId, ids.siblings)), [], 'no placement exists');

  await page.check('input[name=connectedPerson][value=no]');
  assert.equal(await press(page, 'Confirm the placement'), 200);
  assert.equal(path(page), paths.proposals.show(proposalId));
  assert.match(await page.locator('main h1').innerText(), /Confirmed/);
  assert.equal(await summaryValue(page, 'Placed together'), SIBLINGS.map((s) => `${s.firstName} ${s.lastName} (${s.reference})`).join(', '));
  await log.check(page, 'siblings: proposal (confirmed)');

  // A placement for each sibling, with the same household, start and type.
  const made = await db.select().from(placement).where(inArray(placement.childId, ids.siblings));
  assert.equal(made.length, 2, 'one placement per sibling');
  for (const [i, childId] of ids.siblings.entries()) {
    const p = made.find((x) => x.childId === childId);
    assert.ok(p, `${names[i]} has a placement`);
    assert.deepEqual([p.householdId, p.startDate, p.status, p.placementType, p.kind], [ids.siblingsHome, START, 'active', 'U6', 'short_term']);
  }
  const proposal = (await db.select().from(placementProposal).where(eq(placementProposal.id, proposalId)))[0];
  assert.equal(proposal?.status, 'confirmed');
  assert.equal((await db.select().from(placementRequest).where(eq(placementRequest.id, ids.siblingsRequest)))[0]?.status, 'confirmed');

  // The confirmed proposal links the placements (every sibling's is checked at the end).
  const linked = await page.locator('main .govuk-summary-list a[href^="/placements/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(linked.includes(paths.placements.show(proposal!.placementId!)), `the proposal links the placement: ${JSON.stringify(linked)}`);
  for (const p of made) {
    await log.visit(page, paths.placements.show(p.id), base, `siblings: placement of ${names[ids.siblings.indexOf(p.childId)]}`);
    assert.equal(await summaryValue(page, 'Household'), `${HOUSEHOLD.siblings}: Morgan Westerleigh`);
    assert.equal(await summaryValue(page, 'Start date'), formatDate(START));
  }

  // The household lists both children; the vacancies count both places taken.
  await log.visit(page, paths.households.show(ids.siblingsHome), base, 'siblings: household (after)');
  const placed = await section(page, 'placed-now');
  for (const [i, s] of SIBLINGS.entries()) assert.match(placed, new RegExp(`${names[i]} ${s.reference}`));
  assert.equal((await sectionRows(page, 'placed-now')).length, 2);
  await log.visit(page, paths.vacancies, base, 'siblings: vacancies (after)');
  assert.match(squash(await page.locator('main table tr', { hasText: HOUSEHOLD.siblings }).innerText()), /\b1 of 3\b/);
  // Each sibling's record shows the placement.
  for (const [i, childId] of ids.siblings.entries()) {
    await log.visit(page, paths.children.show(childId), base, `siblings: child ${names[i]}`);
    const rows = await sectionRows(page, 'placements');
    assert.deepEqual(
      rows.map((r) => [r[0]?.startsWith(`From ${formatDate(START)}`), r[1], r[2], r[4]]),
      [[true, '', HOUSEHOLD.siblings, 'Active']],
    );
  }
  // Both linked as siblings, still.
  assert.equal((await db.select().from(siblingLink).where(and(inArray(siblingLink.childId, ids.siblings), inArray(siblingLink.siblingId, ids.siblings)))).length, 1);

  log.assertClean();
  assert.ok(log.seen.size >= 10, `walked ${log.seen.size} page states: ${[...log.seen.keys()].join(', ')}`);
  assert.deepEqual(po.errors.filter((e) => !/status of 400/.test(e)), [], 'no script errors');
  // Last, as the rest of the walk does not depend on it: from the confirmed proposal, every sibling's placement is reachable.
  const unlinked = made.filter((p) => !linked.includes(paths.placements.show(p.id))).map((p) => names[ids.siblings.indexOf(p.childId)]);
  assert.deepEqual(unlinked, [], `the confirmed proposal links every sibling's placement (links: ${JSON.stringify(linked)})`);
});
