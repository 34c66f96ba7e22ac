/**
 * Browser test of a placement's first weeks, from the placement page that confirmation
 * leads to, across the two roles that write the records (the child's social worker and the
 * supervising social worker): the carers' profile and the child's views, introductions, delegated
 * authority, the Placement Planning Meeting with its PDF minutes and agreed actions, the risk
 * assessment, the initial support plan, the placement plan (shared and acknowledged), the care plan
 * and the notice of the placement. axe-core runs on every page visited and on each error state.
 *
 * The demo authority is loaded for realism, but the placement walked is inserted here, as
 * confirmation would have made it (the walk from request to placement, e2e/request-to-placement.test.ts, covers the
 * confirmation itself): a household supervised by the demo SSW, and a child allocated to the demo
 * social worker, placed with them from today. The walk starts at that placement's page, where
 * confirming a placement leads.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { childDocument, childEvent, householdMember, placementTask, planningDocument } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import { addDays, todayInEngland } from '../src/domain/dates.ts';
import { paths } from '../src/http/paths.ts';
import { AxeLog, launchBrowser, serveDemo, type Served, demoAccount, signedInActor, type BrowserActor } from './browser.ts';
import { activePlacement, approvedHousehold, childInCare, demoStaff } from './fixtures.ts';
import { choose, errorSummary, fill, fillDate, follow, h1, mainText, named, path, press, squash, tick } from './forms.ts';

/** The real today: the services run on the clock (dates recorded must be today or in the past). */
const TODAY = todayInEngland(new Date());
/** The placement starts today, so nothing is overdue before the walk starts. */
const START = TODAY;
const CHILD = { firstName: 'Ellery', lastName: 'Brackenridge', dateOfBirth: '2017-02-14', reference: 'E2E0501' };
const HOUSEHOLD_REF = 'HE2E05';
const CARERS = ['Jo Hartwell', 'Sam Hartwell'];

let served: Served;
let browser: Browser;
const ids = { household: '', child: '', placement: '' };

const demo = demoAccount;

before(async () => {
  served = await serveDemo({ children: 40, today: TODAY, seed: 11 });
  const db = served.database.db;
  const staff = await demoStaff(db);
  ids.household = await approvedHousehold(db, staff, { reference: HOUSEHOLD_REF, addressLine1: '3 Thistle Close', carer: { firstName: 'Jo', lastName: 'Hartwell' } }, { postcode: 'BS37 5SE', approvalDate: '2022-06-01' });
  await db.insert(householdMember).values([
    { householdId: ids.household, kind: 'carer', firstName: 'Sam', lastName: 'Hartwell', position: 2 },
    { householdId: ids.household, kind: 'carer_child', firstName: 'Rowan', lastName: 'Hartwell', position: 3, dateOfBirth: '2012-08-30' },
  ]);
  ids.child = await childInCare(db, staff, { ...CHILD, sex: 'M' }, { code: 'C2', since: START }, { homePostcode: 'BS35 1DD' });
  ids.placement = await activePlacement(db, { childId: ids.child, householdId: ids.household, startDate: START, placementType: 'U3' });

  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

/** One signed-in browser context per role (sign-in is rate limited), kept for the whole walk. */
type Actor = BrowserActor;
const actorFor = (role: Role): Promise<Actor> => signedInActor(browser, served.base, role);

const TASKS = {
  profile: "Share the carers' profile and hear the child's views",
  introductions: 'Plan and hold introductions',
  notice: 'Give written notice of the placement',
  ppm: 'Hold the Placement Planning Meeting',
  delegated: 'Agree delegated authority',
  placementPlan: 'Write the placement plan',
  carePlan: 'Complete and share the care plan',
  risk: 'Write the risk assessment',
  support: 'Complete the initial support plan',
} as const;

/** The placement page's task list ("The first weeks"): each task's name and its status, in order. */
async function taskStatuses(page: Page): Promise<[string, string][]> {
  assert.equal(squash(await page.locator('h2#planning').innerText()), 'The first weeks');
  // No named functions inside: the page gets the function's source, without tsx's helpers.
  const rows = await page
    .locator('.govuk-task-list .govuk-task-list__item')
    .evaluateAll((items) => items.map((li) => [li.querySelector('.govuk-task-list__link')?.textContent ?? '', li.querySelector('.govuk-task-list__status')?.textContent ?? '']));
  return rows.map(([name, status]) => [squash(name!), squash(status!)]);
}

/** Follows a link in the error summary: the field it names gets the focus (GOV.UK Frontend's error summary script). */
async function followErrorLink(page: Page, text: string, field: string) {
  await page.locator('.govuk-error-summary').getByRole('link', { name: text, exact: true }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.id ?? null), field, `"${text}" leads to its field`);
}

/** Saves the draft on a record page: back on the same page, with the "… saved as a draft" banner. */
async function saveDraft(page: Page) {
  // The record's own page (a refused completion is shown at .../complete).
  const recordPath = path(page).replace(/\/complete$/, '');
  assert.equal(await press(page, 'Save draft'), 200);
  assert.equal(path(page), recordPath);
  assert.match(await mainText(page), /saved as a draft/);
}

/** Completes the saved draft with the record's own button: its first version's page. */
async function complete(page: Page, button: string, slug: string, title: string) {
  assert.match(await mainText(page), /The saved draft is complete/);
  assert.equal(await press(page, button), 200);
  assert.equal(path(page), paths.planning.version(ids.placement, slug, 1));
  assert.equal(await h1(page), `${title}: version 1`);
}

test("a placement's first weeks: every record written and completed by the people who own it, the task list complete, every page free of axe violations", async () => {
  const db = served.database.db;
  const base = served.base;
  const log = new AxeLog();
  const actors: Actor[] = [];
  const as = async (role: Role) => {
    const a = await actorFor(role);
    actors.push(a);
    return a;
  };
  const placementUrl = paths.placements.show(ids.placement);
  const record = (slug: string) => paths.planning.record(ids.placement, slug);

  // ---- The child's social worker opens the placement: the task list of its first weeks ----
  const sw = (await as('social_worker')).page;
  await log.visit(sw, placementUrl, base, 'placement');
  assert.match(await h1(sw), /Placement of Ellery Brackenridge/);
  const initial = await taskStatuses(sw);
  assert.deepEqual(
    initial.map(([name]) => name),
    Object.values(TASKS),
  );
  for (const [name, status] of initial) assert.ok(status && status !== 'Completed', `${name} starts as ${status}`);
  assert.equal(Object.fromEntries(initial)[TASKS.ppm], 'Not started');
  assert.equal(Object.fromEntries(initial)[TASKS.delegated], 'Not started');

  // The carers' profile shared and the child's views.
  assert.equal(await follow(sw, TASKS.profile), 200);
  assert.equal(path(sw), record('carer-profile'));
  assert.equal(await h1(sw), "Carers' profile shared and the child's views");
  await log.check(sw, 'carer profile');
  await tick(sw, 'profileType', 'carer_profile');
  await tick(sw, 'carersAgreed', 'yes');
  await fillDate(sw, 'sharedOn', TODAY);
  await fill(sw, 'sharedHow', 'Read together at the introductory visit');
  await fill(sw, 'childViews', 'Ellery liked the photo of the dog and asked whether he can keep his bike there');
  await fillDate(sw, 'viewsRecordedOn', TODAY);
  await saveDraft(sw);
  assert.equal(await sw.inputValue(named('sharedHow')), 'Read together at the introductory visit', 'the draft is kept');
  await log.check(sw, 'carer profile (draft saved)');
  await complete(sw, 'Record as shared', 'carer-profile', "Carers' profile shared and the child's views");
  assert.match(await mainText(sw), /Ellery liked the photo of the dog/);
  await log.check(sw, 'carer profile: version 1');

  // Introductions: one held, one cancelled, then marked as finished.
  await log.visit(sw, placementUrl, base, 'placement (profile shared)');
  assert.equal(await follow(sw, TASKS.introductions), 200);
  assert.equal(path(sw), record('introductions'));
  await log.check(sw, 'introductions');
  await choose(sw, 'introductions.0.kind', 'phased_visit');
  await fillDate(sw, 'introductions.0.date', addDays(TODAY, -6));
  await choose(sw, 'introductions.0.status', 'held');
  await fill(sw, 'introductions.0.notes', 'Tea with the carers and Rowan; saw his bedroom');
  await choose(sw, 'introductions.1.kind', 'overnight_stay');
  await fillDate(sw, 'introductions.1.date', addDays(TODAY, -2));
  await choose(sw, 'introductions.1.status', 'cancelled');
  await fill(sw, 'introductions.1.notes', 'Cancelled: Ellery was unwell');
  await saveDraft(sw);
  await log.check(sw, 'introductions (draft saved)');
  await complete(sw, 'Mark introductions as finished', 'introductions', 'Introductions');
  const introductions = await mainText(sw);
  assert.match(introductions, /Tea with the carers and Rowan/);
  assert.match(introductions, /Cancelled: Ellery was unwell/);
  await log.check(sw, 'introductions: version 1');

  // Delegated authority: each prefilled decision answered. First sent incomplete: refused with every reason.
  await log.visit(sw, placementUrl, base, 'placement (introductions finished)');
  assert.equal(await follow(sw, TASKS.delegated), 200);
  assert.equal(path(sw), record('delegated-authority'));
  await log.check(sw, 'delegated authority');
  const decisions = await sw.locator('select[name^="decisions."][name$=".area"]').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value).filter(Boolean));
  assert.deepEqual(
    decisions,
    ['overnight_stays', 'school_trips', 'haircuts', 'routine_medical', 'routine_dental', 'holidays_uk', 'holidays_abroad', 'phone_social_media', 'religious_observance', 'parents_evenings'],
    'the usual decisions are prefilled',
  );
  assert.ok(await sw.isChecked('input[name=occasion][value=placement_planning_meeting]'), 'agreed at the meeting, by default');
  /** Not delegated to the carers: the parent decides holidays abroad, and routine medical treatment is shared. */
  const notDelegated: Record<number, { decider: string; reason: string }> = {
    3: { decider: 'shared', reason: 'Mother wants to be told before any new treatment' },
    6: { decider: 'parent', reason: 'Mother holds the passport and wants to decide' },
  };
  for (const [i] of decisions.entries()) {
    await choose(sw, `decisions.${i}.decider`, notDelegated[i]?.decider ?? 'both_carers');
    // Decision 10's parent's understanding is left out, and no reason given yet for those not delegated.
    if (i !== 9) await choose(sw, `decisions.${i}.parentUnderstands`, i === 7 ? 'not_known' : 'yes');
  }
  await fill(sw, 'childViews', 'Ellery wants to be able to go to sleepovers with his friend from football');
  await saveDraft(sw);
  assert.match(await mainText(sw), /Before you can do this:/);
  assert.equal(await press(sw, 'Complete this version'), 400);
  const daErrors = await errorSummary(sw);
  assert.match(daErrors, /There is a problem/);
  assert.match(daErrors, /Decision 4: say why this decision is not delegated to the carers/);
  assert.match(daErrors, /Decision 7: say why this decision is not delegated to the carers/);
  assert.match(daErrors, /Decision 10: select whether the birth parent understands/);
  await log.check(sw, 'delegated authority (errors)');
  await followErrorLink(sw, 'Decision 4: say why this decision is not delegated to the carers', 'decisions.3.reason');
  assert.equal((await db.select().from(planningDocument).where(and(eq(planningDocument.placementId, ids.placement), eq(planningDocument.kind, 'delegated_authority'))))[0]?.issuedVersion, 0, 'nothing was completed');
  for (const [i, d] of Object.entries(notDelegated)) await fill(sw, `decisions.${i}.reason`, d.reason);
  await choose(sw, 'decisions.9.parentUnderstands', 'yes');
  await saveDraft(sw);
  await complete(sw, 'Complete this version', 'delegated-authority', 'Delegated authority');
  assert.match(await mainText(sw), /Mother holds the passport and wants to decide/);
  await log.check(sw, 'delegated authority: version 1');

  // ---- The supervising social worker: the Placement Planning Meeting ----
  const ssw = (await as('supervising_social_worker')).page;
  await log.visit(ssw, placementUrl, base, 'placement (supervising social worker)');
  assert.equal(await follow(ssw, TASKS.ppm), 200);
  assert.equal(path(ssw), record('ppm'));
  assert.equal(await h1(ssw), 'Placement Planning Meeting minutes');
  await log.check(ssw, 'meeting');
  // The people Hearth knows are prefilled: the carers, both social workers, the child and a birth parent.
  const attendeeNames = await ssw.locator('input[name^="attendees."][name$=".name"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  assert.deepEqual(attendeeNames, [...CARERS, demo('social_worker').name, demo('supervising_social_worker').name, CHILD.firstName, '', '', '']);
  assert.equal(await ssw.inputValue(named('chair')), demo('supervising_social_worker').name);
  await fillDate(ssw, 'meetingDate', TODAY);
  await fill(ssw, 'meetingTime', '10:30am');
  const attendance = ['in_person', 'in_person', '', 'in_person', 'in_person'];
  for (const [i, a] of attendance.entries()) if (a) await choose(ssw, `attendees.${i}.attendance`, a);
  await fill(ssw, 'attendees.5.name', 'Carla Brackenridge');
  await choose(ssw, 'attendees.5.attendance', 'invited_absent');
  await fill(ssw, 'attendees.5.reason', 'At work; will meet the carers at the first family time');
  const discussion: Record<string, string> = {
    routines: 'Bed at 8pm with a story; likes toast for breakfast',
    health: 'Mild asthma; inhaler kept in his school bag',
    school: 'Stays at Larkspur Primary; the carers will drive him',
    familyTime: 'Mother twice a week, supervised at the family centre',
    friends: 'Best friend from football, Theo',
    hobbies: 'Football on Saturday mornings and drawing',
    safeguarding: 'No contact with the former partner of his mother (court order)',
    householdSupport: 'Time for Rowan with the carers one evening a week',
    background: 'Shared the chronology and the latest assessment with the carers',
    childWishes: 'Wants to keep playing football',
  };
  for (const [name, value] of Object.entries(discussion)) await fill(ssw, name, value);
  await tick(ssw, 'plansShared', 'no');
  await tick(ssw, 'delegatedAuthorityConfirmed', 'yes');
  await fill(ssw, 'actions.0.description', 'Buy football boots and a school uniform');
  await fill(ssw, 'actions.0.ownerName', CARERS[0]!);
  await fillDate(ssw, 'actions.0.dueOn', addDays(TODAY, 7));
  await saveDraft(ssw);
  await log.check(ssw, 'meeting (draft saved)');
  // The child's social worker's attendance is missing: the meeting cannot be marked as held.
  assert.match(await mainText(ssw), /Before you can do this:/);
  assert.equal(await press(ssw, 'Mark the meeting as held'), 400);
  const refused = await errorSummary(ssw);
  assert.match(refused, /The meeting cannot be marked as held: record the child's social worker as attending, in person or by video/);
  assert.match(refused, /Attendee 3: select whether they attended/);
  await log.check(ssw, 'meeting (errors)');
  await followErrorLink(ssw, 'Attendee 3: select whether they attended', 'attendees.2.attendance');
  assert.deepEqual(await db.select().from(placementTask).where(eq(placementTask.placementId, ids.placement)), [], 'no action is tracked before the meeting is held');
  await choose(ssw, 'attendees.2.attendance', 'video');
  await saveDraft(ssw);
  await complete(ssw, 'Mark the meeting as held', 'ppm', 'Placement Planning Meeting minutes');
  const minutes = await mainText(ssw);
  assert.match(minutes, /Buy football boots and a school uniform/);
  assert.match(minutes, /Carla Brackenridge/);
  await log.check(ssw, 'meeting: version 1');
  // The version page says how it was shared; recorded here too.
  await fillDate(ssw, 'sharedOn', TODAY);
  await fill(ssw, 'sharedWith', 'Both foster carers, the birth mother and the IRO');
  assert.equal(await press(ssw, 'Save', `form[action="${paths.planning.share(ids.placement, 'ppm', 1)}"]`), 200);
  assert.match(await mainText(ssw), /with Both foster carers, the birth mother and the IRO/);
  await log.check(ssw, 'meeting: version 1 (shared)');

  // The minutes as a PDF.
  const pdfHref = paths.planning.pdf(ids.placement, 'ppm', 1);
  const [download, pdfResponse] = await Promise.all([
    ssw.waitForEvent('download'),
    ssw.waitForResponse((r) => new URL(r.url()).pathname === pdfHref),
    ssw.getByRole('link', { name: 'Download version 1 as a PDF' }).click(),
  ]);
  assert.equal(pdfResponse.status(), 200);
  assert.equal(pdfResponse.headers()['content-type'], 'application/pdf');
  assert.equal(download.suggestedFilename(), `${CHILD.reference}-ppm-v1.pdf`);
  const saved = await download.path();
  assert.equal((await fs.readFile(saved)).subarray(0, 5).toString('latin1'), '%PDF-');

  // The risk assessment: each person living in the household is prefilled.
  await log.visit(ssw, placementUrl, base, 'placement (meeting held)');
  assert.equal(await follow(ssw, TASKS.risk), 200);
  assert.equal(path(ssw), record('risk-assessment'));
  await log.check(ssw, 'risk assessment');
  const people = await ssw.locator('input[name^="people."][name$=".person"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).filter(Boolean));
  assert.deepEqual(people, ['Jo Hartwell (foster carer)', 'Sam Hartwell (foster carer)', "Rowan Hartwell (carers' child)"]);
  await fill(ssw, 'riskToSelf', 'Low: runs off when upset, stays close to home');
  await fill(ssw, 'riskFromOthers', "His mother's former partner (court order against contact)");
  await fill(ssw, 'riskToOthers', 'Low');
  await fill(ssw, 'householdImpact', 'Rowan will share the bathroom and the carers’ time');
  for (const [i, impact] of ['Needs time with Ellery to settle in', 'Works from home two days a week: more time at home', 'One evening a week alone with the carers'].entries()) {
    await fill(ssw, `people.${i}.impact`, impact);
  }
  await fill(ssw, 'parentViews', 'Mother agrees with the plan');
  await fill(ssw, 'childViews', 'Would like a quiet place to go when he is cross');
  await fill(ssw, 'strategies', "A calm corner in his bedroom; the school has the former partner's photo");
  await fillDate(ssw, 'reviewOn', addDays(TODAY, 90));
  await saveDraft(ssw);
  await complete(ssw, 'Complete this version', 'risk-assessment', 'Placement risk assessment');
  await log.check(ssw, 'risk assessment: version 1');

  // The initial support plan.
  await log.visit(ssw, placementUrl, base, 'placement (risk assessed)');
  assert.equal(await follow(ssw, TASKS.support), 200);
  assert.equal(path(ssw), record('support-plan'));
  await log.check(ssw, 'support plan');
  await fill(ssw, 'needs.0.need', 'Settling at night in a new home');
  await fill(ssw, 'needs.0.support', 'Weekly telephone support for the carers for the first month');
  await fill(ssw, 'needs.0.by', 'The supervising social worker');
  await fill(ssw, 'needs.1.need', 'Getting to football on Saturdays');
  await fill(ssw, 'needs.1.support', 'Mileage paid for the drive');
  await fill(ssw, 'needs.1.by', 'Fostering service');
  await saveDraft(ssw);
  await complete(ssw, 'Complete this version', 'support-plan', 'Initial support plan');
  await log.check(ssw, 'support plan: version 1');

  // ---- The child's social worker: the placement plan, then the care plan ----
  await log.visit(sw, placementUrl, base, 'placement (support plan done)');
  assert.equal(await follow(sw, TASKS.placementPlan), 200);
  assert.equal(path(sw), record('placement-plan'));
  await log.check(sw, 'placement plan');
  const plan: Record<string, string> = {
    purpose: 'Short-term care while the parenting assessment completes',
    dayToDay: 'Carers drive him to school; football on Saturdays',
    health: 'Registered with the carers’ GP; asthma review booked',
    education: 'Stays at Larkspur Primary; personal education plan due next month',
    contact: 'Mother twice a week, supervised',
    delegatedAuthority: 'See the delegated authority record, version 1',
    support: 'Weekly visits from the supervising social worker for the first month',
    childWishes: 'Wants to keep playing football and see his mum',
  };
  for (const [name, value] of Object.entries(plan)) await fill(sw, name, value);
  await saveDraft(sw);
  await complete(sw, 'Complete this version', 'placement-plan', 'Placement plan (Placement Information)');
  await log.check(sw, 'placement plan: version 1');
  // Recorded as shared, then the carers' acknowledgement (offered only once it is shared).
  assert.equal(await sw.locator(`form[action="${paths.planning.acknowledge(ids.placement, 'placement-plan', 1)}"]`).count(), 0);
  const shareForm = `form[action="${paths.planning.share(ids.placement, 'placement-plan', 1)}"]`;
  await fill(sw, 'sharedWith', 'Jo and Sam Hartwell');
  assert.equal(await press(sw, 'Save', shareForm), 400, 'not without the date it was shared');
  assert.match(await errorSummary(sw), /There is a problem/);
  assert.equal(await sw.inputValue(named('sharedWith')), 'Jo and Sam Hartwell', 'the answer given is kept');
  await log.check(sw, 'placement plan: version 1 (errors)');
  await fillDate(sw, 'sharedOn', TODAY);
  assert.equal(await press(sw, 'Save', shareForm), 200);
  assert.equal(path(sw), paths.planning.version(ids.placement, 'placement-plan', 1));
  assert.match(await mainText(sw), /with Jo and Sam Hartwell/);
  await log.check(sw, 'placement plan: version 1 (shared)');
  await fillDate(sw, 'acknowledgedOn', TODAY);
  await fill(sw, 'acknowledgedBy', 'Jo Hartwell and Sam Hartwell');
  await fill(sw, 'acknowledgementNote', 'Signed copy returned');
  assert.equal(await press(sw, 'Save', `form[action="${paths.planning.acknowledge(ids.placement, 'placement-plan', 1)}"]`), 200);
  assert.match(await mainText(sw), /by Jo Hartwell and Sam Hartwell \(Signed copy returned\)/);
  await log.check(sw, 'placement plan: version 1 (acknowledged)');

  await log.visit(sw, placementUrl, base, 'placement (placement plan done)');
  assert.equal(await follow(sw, TASKS.carePlan), 200);
  assert.equal(path(sw), record('care-plan'));
  await log.check(sw, 'care plan');
  await fillDate(sw, 'completedOn', TODAY);
  await fill(sw, 'whereHeld', 'Case record: Care plan, Ellery Brackenridge');
  await tick(sw, 'agreedWithParent', 'yes');
  await saveDraft(sw);
  await complete(sw, 'Record the care plan as completed', 'care-plan', 'Care plan');
  await log.check(sw, 'care plan: version 1');
  await fillDate(sw, 'sharedOn', TODAY);
  await fill(sw, 'sharedWith', 'The carers, the mother and the IRO');
  assert.equal(await press(sw, 'Save', `form[action="${paths.planning.share(ids.placement, 'care-plan', 1)}"]`), 200);
  assert.match(await mainText(sw), /with The carers, the mother and the IRO/);
  await log.check(sw, 'care plan: version 1 (shared)');

  // The notice of the placement is an obligation recorded as an event, through "Record what happened".
  await log.visit(sw, placementUrl, base, 'placement (care plan done)');
  assert.equal(Object.fromEntries(await taskStatuses(sw))[TASKS.notice], 'Not started');
  assert.equal(await follow(sw, TASKS.notice), 200);
  assert.equal(path(sw), paths.obligations.newChildEvent(ids.child));
  assert.equal(await sw.inputValue('#kind'), 'notification_sent');
  assert.equal(await sw.inputValue('#placementId'), ids.placement);
  await log.check(sw, 'record what happened: notice');
  await fillDate(sw, 'eventDate', TODAY);
  await fill(sw, 'evidence', 'Letters to the mother, the GP, the school and the IRO; copies on the case record');
  assert.equal(await press(sw, 'Record'), 200);
  assert.equal(path(sw), paths.children.show(ids.child));
  const notices = await db.select().from(childEvent).where(and(eq(childEvent.childId, ids.child), eq(childEvent.kind, 'notification_sent')));
  assert.deepEqual(notices.map((e) => [e.eventDate, e.placementId]), [[TODAY, ids.placement]]);

  // ---- Back on the placement: every task completed; the agreed action, marked done ----
  await log.visit(sw, placementUrl, base, 'placement (first weeks done)');
  const done = await taskStatuses(sw);
  assert.deepEqual(
    done,
    Object.values(TASKS).map((name) => [name, 'Completed']),
  );
  const actions = sw.locator('table', { has: sw.locator('caption', { hasText: 'Actions agreed at meetings' }) });
  const actionRow = squash(await actions.locator('tbody tr').innerText());
  assert.match(actionRow, new RegExp(`^Buy football boots and a school uniform ${CARERS[0]} .+ Open$`));
  assert.equal(await follow(sw, 'Buy football boots and a school uniform'), 200);
  assert.match(path(sw), /^\/tasks\/[0-9a-f-]{36}$/);
  assert.equal(await h1(sw), 'Agreed action');
  await log.check(sw, 'agreed action');
  await fillDate(sw, 'completedOn', TODAY);
  await fill(sw, 'note', 'Bought at the weekend');
  assert.equal(await press(sw, 'Mark as done'), 200);
  assert.equal(path(sw), placementUrl);
  assert.doesNotMatch(squash(await actions.locator('tbody tr').innerText()), /Open$/);
  await log.check(sw, 'placement (action done)');
  const [task] = await db.select().from(placementTask).where(eq(placementTask.placementId, ids.placement));
  assert.equal(task?.completedOn, TODAY);

  // ---- The child's record lists the filed PDFs ----
  await log.visit(sw, paths.children.show(ids.child), base, 'child');
  const documents = sw.locator('table', { has: sw.locator('caption', { hasText: "Documents on the child's record" }) });
  const filed = squash(await documents.innerText());
  for (const title of ['Placement Planning Meeting minutes, version 1', 'Delegated authority, version 1', 'Placement risk assessment, version 1', 'Placement plan (Placement Information), version 1']) {
    assert.ok(filed.includes(title), `the child's record lists ${title}: ${filed}`);
  }
  const files = await db.select({ title: childDocument.title, contentType: childDocument.contentType }).from(childDocument).where(eq(childDocument.childId, ids.child));
  assert.equal(files.length, 4);
  assert.ok(files.every((f) => f.contentType === 'application/pdf'));
  const planLink = documents.getByRole('link', { name: /^Placement plan \(Placement Information\), version 1/ });
  const planPdf = await sw.request.get(base + ((await planLink.getAttribute('href')) ?? ''));
  assert.equal(planPdf.status(), 200);
  assert.equal(planPdf.headers()['content-type'], 'application/pdf');
  assert.equal((await planPdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');

  log.assertClean();
  assert.ok(log.seen.size >= 35, `walked ${log.seen.size} pages: ${[...log.seen.keys()].join(', ')}`);
  // The 400s are the error states visited on purpose; any script error is not expected.
  for (const a of actors) assert.deepEqual(a.errors.filter((e) => !/status of 400/.test(e)), []);
  for (const a of actors) await a.context.close();
});
