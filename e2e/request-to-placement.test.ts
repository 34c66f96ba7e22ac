/**
 * Browser test from end to end: a placement request from draft to a confirmed placement,
 * across the roles that share the work (the child's social worker, the placement officer, the
 * supervising social worker, and another authority's social worker through the secure link), with a
 * blocked confirmation on the way. axe-core runs on every page visited and on each error state.
 *
 * The demo authority is loaded for realism, but the scenario the walk depends on is inserted here:
 * a household approved for three children whose supervising social worker is the demo SSW, one child
 * of another authority already living there, and a new child allocated to the demo social worker.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { externalContact, organisation, outboundEmail, placement, placementProposal, placementRequest } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import { addDays, todayInEngland } from '../src/domain/dates.ts';
import { paths } from '../src/http/paths.ts';
import { AxeLog, axeContext, consoleErrors, launchBrowser, serveDemo, type Served, signedInActor, type BrowserActor } from './browser.ts';
import { errorSummary, fillDate, follow, mainText, path, press } from './forms.ts';
import { activePlacement, approvedHousehold, childInCare, demoStaff } from './fixtures.ts';

/** The real today: the services run on the clock (needed-by dates, link expiry). */
const TODAY = todayInEngland(new Date());
const START = addDays(TODAY, 7);
const NEW_CHILD = { firstName: 'Marnie', lastName: 'Quillfeather', dateOfBirth: '2015-09-09', reference: 'E2E0001' };
const RESIDENT = { firstName: 'Tobias', lastName: 'Ferncastle', reference: 'E2E0002' };
const HOUSEHOLD_REF = 'HE2E01';
const CONTACT = { fullName: 'Remi Okafor', email: 'remi.okafor@otherborough.test' };

let served: Served;
let browser: Browser;
const ids = { household: '', newChild: '', resident: '' };

before(async () => {
  served = await serveDemo({ children: 40, today: TODAY, seed: 7 });
  const db = served.database.db;
  const staff = await demoStaff(db);

  const [other] = await db.insert(organisation).values({ kind: 'local_authority', name: 'Otherborough Council', laCode: '989' }).returning();
  const [contact] = await db
    .insert(externalContact)
    .values({ fullName: CONTACT.fullName, role: 'Social worker', organisationId: other!.id, organisationName: 'Otherborough Council', email: CONTACT.email })
    .returning();
  ids.household = await approvedHousehold(db, staff, { reference: HOUSEHOLD_REF, addressLine1: '12 Larkspur Row', carer: { firstName: 'Jo', lastName: 'Hartwell' } }, { postcode: 'BS37 5XN', approvalDate: '2021-04-12', approvedChildren: 3 });

  // The child already living there is another authority's, with its own (outside) social worker.
  ids.resident = await childInCare(db, staff, { ...RESIDENT, dateOfBirth: '2013-03-03', sex: 'F' }, { code: 'C2', since: '2025-01-06' }, { responsibleAuthorityId: other!.id, socialWorkerId: null, externalSocialWorkerId: contact!.id, homePostcode: null });
  await activePlacement(db, { childId: ids.resident, householdId: ids.household, startDate: '2025-01-06', placementType: 'U3' });
  ids.newChild = await childInCare(db, staff, { ...NEW_CHILD, sex: 'F' }, { code: 'C2', since: addDays(TODAY, -3) });

  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

/** One signed-in browser context per role (sign-in is rate limited), kept for the whole walk. */
type Actor = BrowserActor;
const actorFor = (role: Role): Promise<Actor> => signedInActor(browser, served.base, role);

/** Opens the consideration form (a details element) and records that the placement serves the child already there. */
async function recordConsideration(page: Page, reasoning: string) {
  await page.locator('summary', { hasText: 'Record your consideration' }).click();
  await page.selectOption('#existingChildId', ids.resident);
  await page.check('input[name=servesWellbeing][value=yes]');
  await page.fill('#reasoning', reasoning);
  assert.equal(await press(page, 'Record consideration'), 200);
}

test('a request goes from draft to a confirmed placement: blocked until the other authority agrees through the secure link, every page free of axe violations', async () => {
  const db = served.database.db;
  const base = served.base;
  const log = new AxeLog();
  const actors: Actor[] = [];
  const as = async (role: Role) => {
    const a = await actorFor(role);
    actors.push(a);
    return a;
  };

  // ---- The child's social worker: from the child's page to a submitted request ----
  const sw = (await as('social_worker')).page;
  await log.visit(sw, paths.children.show(ids.newChild), base);
  assert.equal(await press(sw, 'Start a placement request'), 200);
  assert.match(await mainText(sw), /Start a placement request for Marnie Quillfeather/);
  await log.check(sw, 'start request');
  assert.equal(await press(sw, 'Start placement request'), 200);
  const requestId = /^\/requests\/([0-9a-f-]{36})\/basics$/.exec(path(sw))?.[1];
  assert.ok(requestId, `the first question page: ${sw.url()}`);
  await log.check(sw, 'request: basics');

  // A missing answer: the error summary names it, and the answers given are kept.
  await sw.check('input[name=urgency][value=planned]');
  await fillDate(sw, 'neededBy', START);
  assert.equal(await press(sw, 'Save and continue'), 400);
  assert.match(await errorSummary(sw), /There is a problem Select the kind of placement needed/);
  assert.ok(await sw.isChecked('input[name=urgency][value=planned]'), 'the answer given is kept');
  await log.check(sw, 'request: basics (errors)');
  await sw.check('input[name=kind][value=short_term]');
  assert.equal(await press(sw, 'Save and continue'), 200);
  assert.equal(path(sw), paths.requests.page(requestId, 'needs'));
  await log.check(sw, 'request: needs');
  await sw.fill('#health', 'Eczema; uses an emollient cream twice a day');
  await sw.fill('#firstLanguage', 'English');
  assert.equal(await press(sw, 'Save and continue'), 200);
  assert.equal(path(sw), paths.requests.page(requestId, 'risks'));
  await log.check(sw, 'request: risks');
  await sw.fill('#riskToSelf', 'None known');
  await sw.fill('#riskFromOthers', 'None known');
  await sw.fill('#riskToOthers', 'None known');
  assert.equal(await press(sw, 'Save and continue'), 200);
  assert.equal(path(sw), paths.requests.page(requestId, 'views'));
  await log.check(sw, 'request: views');
  await sw.fill('#childViews', 'Would like to live somewhere with a garden and keep going to her swimming club');
  assert.equal(await press(sw, 'Save and continue'), 200);
  assert.equal(path(sw), paths.requests.check(requestId));
  assert.match(await mainText(sw), /Check your answers before submitting the request/);
  assert.match(await mainText(sw), /Eczema; uses an emollient cream twice a day/);
  await log.check(sw, 'request: check answers');
  assert.equal(await press(sw, 'Submit request'), 200);
  assert.equal(path(sw), paths.requests.show(requestId));
  assert.match(await mainText(sw), /Request submitted to the placement team/);
  await log.check(sw, 'request (submitted)');
  const [request] = await db.select().from(placementRequest).where(eq(placementRequest.id, requestId));
  assert.equal(request?.status, 'submitted');

  // ---- The placement officer: matching, and the proposal's first consideration ----
  const po = (await as('placement_officer')).page;
  await log.visit(po, `${paths.requests.list}?status=submitted`, base, 'requests (submitted)');
  assert.equal(await follow(po, request.reference), 200);
  await log.check(po, 'request (placement officer)');
  assert.equal(await press(po, 'Start matching'), 200);
  assert.equal(path(po), paths.requests.matching(requestId));
  assert.match(await mainText(po), /Matching for Marnie Quillfeather/);
  const ranked = po.locator('main ol > li h3', { hasText: HOUSEHOLD_REF });
  assert.match((await ranked.innerText()).replace(/\s+/g, ' '), new RegExp(`^\\d+\\. ${HOUSEHOLD_REF} Jo Hartwell Score [+-]?\\d+`), 'the household is ranked with its score');
  await log.check(po, 'matching');
  // The excluded households are behind a disclosure, grouped by reason with counts.
  const excluded = po.locator('main details', { hasText: 'households excluded, grouped by reason' });
  assert.equal(await excluded.count(), 1, 'the demo authority has households excluded for this request');
  await excluded.locator('summary').click();
  assert.match(await excluded.innerText(), /\(\d[\d,]*\)/, 'each reason with its count');
  await log.check(po, 'matching (excluded households shown)');
  assert.equal(await press(po, `Consider this household (${HOUSEHOLD_REF})`), 200);
  const proposalId = /^\/proposals\/([0-9a-f-]{36})$/.exec(path(po))?.[1];
  assert.ok(proposalId, `the proposal page: ${po.url()}`);
  const proposalUrl = paths.proposals.show(proposalId);
  assert.match(await mainText(po), /It cannot be proposed yet/);
  await log.check(po, 'proposal (considering)');

  // The consideration form without an answer: its error summary, then the consideration.
  await po.locator('summary', { hasText: 'Record your consideration' }).click();
  await po.selectOption('#existingChildId', ids.resident);
  assert.equal(await press(po, 'Record consideration'), 400);
  assert.match(await errorSummary(po), /Select whether this placement serves the well-being/);
  await log.check(po, 'proposal: consideration (errors)');
  await po.check('input[name=servesWellbeing][value=yes]');
  await po.fill('#reasoning', 'Tobias is settled and has asked for company; the carers have a spare room');
  assert.equal(await press(po, 'Record consideration'), 200);
  assert.match(await mainText(po), /Tobias is settled and has asked for company/);

  // ---- The supervising social worker's consideration ----
  const ssw = (await as('supervising_social_worker')).page;
  await log.visit(ssw, proposalUrl, base, 'proposal (supervising social worker)');
  await recordConsideration(ssw, 'Discussed with Jo Hartwell and with Tobias, who would welcome another child');

  // ---- The placement officer proposes, then tries to confirm: blocked, and nothing is made ----
  await po.reload();
  assert.doesNotMatch(await mainText(po), /It cannot be proposed yet/);
  await fillDate(po, 'proposedStart', START);
  assert.equal(await press(po, 'Propose this household'), 200);
  assert.match(await mainText(po), /Written agreements/);
  await log.check(po, 'proposal (proposed)');
  assert.equal(await press(po, 'Confirm the placement'), 400);
  const blocked = await errorSummary(po);
  assert.match(blocked, /No written agreement from the social worker of Tobias Ferncastle \(E2E0002\) is recorded/);
  await log.check(po, 'proposal: confirmation (blocked)');
  assert.deepEqual(await db.select().from(placement).where(eq(placement.childId, ids.newChild)), [], 'no placement exists');

  // A head of service sees the same page; this request is for a planned placement, so there is no
  // emergency authorisation to give: a planned placement waits for every agreement.
  const head = (await as('head_of_service')).page;
  await log.visit(head, proposalUrl, base, 'proposal (proposed, head of service)');
  assert.doesNotMatch(await mainText(head), /Authorise the emergency placement/);
  await head.locator('summary', { hasText: 'Withdraw this proposal' }).click();
  assert.equal(await press(head, 'Withdraw'), 400);
  assert.deepEqual(await head.locator('.govuk-error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), ['#withdraw-reason']);
  assert.ok(await head.isVisible('#withdraw-reason'), 'the withdraw form is open on its error');
  await log.check(head, 'proposal: withdraw (errors)');
  assert.equal((await db.select().from(placementProposal).where(eq(placementProposal.id, proposalId)))[0]?.status, 'proposed', 'neither form changed anything');

  // ---- The SSW previews the anonymised summary and sends the secure link ----
  await ssw.reload();
  await log.check(ssw, 'proposal (proposed, supervising social worker)');
  assert.equal(await follow(ssw, 'Send request'), 200);
  assert.match(path(ssw), /^\/agreements\/[0-9a-f-]{36}\/request$/);
  const requirementId = path(ssw).split('/')[2]!;
  const preview = await mainText(ssw);
  assert.match(preview, /What they will see about the child/);
  for (const identifier of [NEW_CHILD.firstName, NEW_CHILD.lastName, NEW_CHILD.reference, NEW_CHILD.dateOfBirth, '9 September 2015', '09/09/2015']) {
    assert.ok(!preview.includes(identifier), `the preview shows ${identifier}`);
  }
  await log.check(ssw, 'agreement request preview');
  assert.equal(await press(ssw, 'Send the request'), 400, 'not without confirming the summary was read');
  assert.match(await errorSummary(ssw), /Confirm you have read the anonymised summary/);
  await log.check(ssw, 'agreement request preview (errors)');
  await ssw.check('input[name=confirm][value=yes]');
  assert.equal(await press(ssw, 'Send the request'), 200);
  assert.equal(path(ssw), proposalUrl);
  assert.match(await mainText(ssw), /Requested/);

  // ---- The link, read in the outbox ----
  await log.visit(po, paths.outbox.list, base);
  assert.equal(await follow(po, 'Agreement needed: a proposed placement with the carers of a child you are responsible for'), 200);
  await log.check(po, 'outbox message');
  const message = await po.locator('main pre').innerText();
  assert.ok(!message.includes(NEW_CHILD.firstName) && !message.includes(NEW_CHILD.lastName), 'the e-mail does not name the child');
  assert.match(await mainText(po), new RegExp(`To ${CONTACT.email.replace(/\./g, '\\.')}`));
  // The outbox never shows a live link to anyone but its recipient (here, another authority's social
  // worker without an account): the placement officer sees it masked. The message as sent, which is
  // what reaches the recipient's mailbox, carries it.
  assert.doesNotMatch(message, /\/agreement\/[A-Za-z0-9_-]{20,}/, 'the placement officer does not see the link');
  assert.match(message, /link hidden: only its recipient can see it/);
  const [sent] = await db.select().from(outboundEmail).where(eq(outboundEmail.subject, 'Agreement needed: a proposed placement with the carers of a child you are responsible for'));
  const linkPath = /(\/agreement\/[A-Za-z0-9_-]+)/.exec(sent?.bodySecret ?? '')?.[1];
  assert.ok(linkPath, 'the message as sent carries the secure link');

  // ---- The other authority's social worker, without an account ----
  const strangerContext = await axeContext(browser);
  const stranger = await strangerContext.newPage();
  const strangerErrors = consoleErrors(stranger);
  await log.visit(stranger, linkPath, base, 'secure link');
  assert.match(await mainText(stranger), /your agreement is needed/);
  assert.ok(!(await mainText(stranger)).includes(NEW_CHILD.lastName));
  await stranger.fill('#responderName', CONTACT.fullName);
  assert.equal(await press(stranger, 'Send my answer'), 400);
  assert.match(await errorSummary(stranger), /Select whether you agree to this placement/);
  assert.equal(await stranger.inputValue('#responderName'), CONTACT.fullName, 'the answer given is kept');
  await log.check(stranger, 'secure link (errors)');
  await stranger.check('input[name=outcome][value=agreed]');
  await stranger.fill('#responderEmail', CONTACT.email);
  await stranger.fill('#responderRole', 'Social worker, Otherborough Council');
  await stranger.fill('#comments', 'Agreed. Please keep Tobias’s Saturday football going.');
  assert.equal(await press(stranger, 'Send my answer'), 200);
  assert.match(await mainText(stranger), /your answer has been recorded/);
  await log.check(stranger, 'secure link (answered)');
  const again = await stranger.goto(base + linkPath);
  assert.equal(again?.status(), 410, 'the link works once');
  assert.match(await mainText(stranger), /This request has been answered/);
  await log.check(stranger, 'secure link (used)');
  await strangerContext.close();

  // ---- The placement team hears back: the answer waits on the placement officer's My work ----
  await log.visit(po, paths.obligations.myWork, base, 'my work (an agreement answer to mark seen)');
  assert.match(await mainText(po), /Answers about concurrent placements .*Tobias Ferncastle \(E2E0002\).*Agreed/);
  assert.equal(await press(po, /^Mark as seen/), 200);
  assert.doesNotMatch(await mainText(po), /Answers about concurrent placements/);
  // Tobias's placement is short-term: no in-principle agreement can be recorded for him.
  await log.visit(ssw, paths.agreements.open(requirementId), base, 'in-principle agreement (not long-term)');
  assert.match(await mainText(ssw), /only for a child in a long-term placement/);

  // ---- The placement officer confirms: the placement, its obligations, the carers' file ----
  await log.visit(po, proposalUrl, base, 'proposal (agreed)');
  assert.match(await mainText(po), /Agreed in writing/);
  assert.match(await mainText(po), /Secure link/);
  // The SSDA903 placement type follows from the answer: U6 for carers not connected to the child, short-term.
  assert.match(await mainText(po), /U6: Foster placement with other foster carer/);
  await po.check('input[name=connectedPerson][value=no]');
  assert.equal(await press(po, 'Confirm the placement'), 200);
  assert.equal(path(po), proposalUrl);
  assert.match(await po.locator('main h1').innerText(), /Confirmed/);
  await log.check(po, 'proposal (confirmed)');
  const made = await db.select().from(placement).where(and(eq(placement.childId, ids.newChild), eq(placement.householdId, ids.household)));
  assert.equal(made.length, 1);
  assert.equal(made[0]!.startDate, START);
  assert.equal(await follow(po, 'View the placement'), 200);
  assert.equal(path(po), paths.placements.show(made[0]!.id));
  const placementPage = await mainText(po);
  assert.match(placementPage, /Marnie Quillfeather/);
  assert.ok((await po.locator('main table a', { hasText: 'Placement Planning Meeting' }).count()) >= 1, 'the obligations include the Placement Planning Meeting');
  await log.check(po, 'placement');

  await log.visit(po, paths.households.show(ids.household), base, 'household');
  assert.equal(await press(po, "Carers' file"), 200);
  assert.equal(path(po), paths.documents.list(ids.household));
  const file = await po.locator('main table').innerText();
  assert.match(file, new RegExp(`Request for agreement sent to ${CONTACT.fullName} about Tobias Ferncastle`));
  assert.match(file, new RegExp(`Agreement from ${CONTACT.fullName} about Tobias Ferncastle .*\\(secure link\\)`));
  await log.check(po, "carers' file");
  // Uploading with nothing chosen: the error summary.
  assert.equal(await press(po, 'Upload'), 400);
  assert.match(await errorSummary(po), /There is a problem/);
  await log.check(po, "carers' file (errors)");

  // ---- The other pages of this part of the service ----
  await log.visit(po, paths.vacancies, base);
  // The placement starts next week: until then the household still has two of its three places.
  assert.match(await po.locator('main table tr', { hasText: HOUSEHOLD_REF }).innerText(), /\b2 of 3\b/);
  assert.equal((await po.goto(`${base}${paths.vacancies}?age=eleven`))?.status(), 400);
  assert.match(await errorSummary(po), /Enter the child's age as a whole number/);
  await log.check(po, 'vacancies (errors)');
  await log.visit(po, paths.obligations.rule('placement-plan'), base);
  await log.visit(po, paths.obligations.rule('placement-planning-meeting'), base);
  await log.visit(po, paths.requests.show(requestId), base, 'request (confirmed)');
  assert.match(await po.locator('main h1').innerText(), /Confirmed/);
  assert.equal((await db.select().from(placementRequest).where(eq(placementRequest.id, requestId)))[0]?.status, 'confirmed');

  log.assertClean();
  assert.ok(log.seen.size >= 30, `walked ${log.seen.size} pages: ${[...log.seen.keys()].join(', ')}`);
  // The 400s are the error states visited on purpose, the 410 the used link; any script error is not expected.
  for (const errors of [...actors.map((a) => a.errors), strangerErrors]) assert.deepEqual(errors.filter((e) => !/status of (400|410)/.test(e)), []);
  for (const a of actors) await a.context.close();
});
