/**
 * Browser walk of parent and child fostering (Parent and child fostering procedure), across the roles
 * that do each step, with axe-core on every page state visited, the error states included:
 *
 * a parent-and-child request for a baby in care → the arrangement (who is in care and why, how the need
 * arose: 2 and 3), the information-sharing agreement (4.1) and a contingency plan for each possible
 * outcome (7.6), until the arrangement is ready → the placement proposed and confirmed (the arrangement
 * becomes active; its page shows the weekly amount and links the assessment) → the placement plan with
 * the procedure's sections (5.1, 5.4) → a carers' report received and read → a placement review →
 * a successful outcome (7.1, 7.2, 7.4), which ends the placement and the arrangement.
 *
 * The demo authority is loaded for realism; the baby, her mother (a family member, an adult not in
 * care), the household approved for parent-and-child placements and the request at the matching stage
 * are inserted here (synthetic names only): the request-to-placement walk covers a request from draft.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { childFamilyMember, familyMember, parentChildArrangement, placement } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import { addDays, formatDate, todayInEngland } from '../src/domain/dates.ts';
import { paths } from '../src/http/paths.ts';
import { approvedHousehold, childInCare, demoStaff, requestAtMatching } from './fixtures.ts';
import { AxeLog, launchBrowser, serveDemo, type Served, demoAccount, RoleBrowsers } from './browser.ts';
import { choose, errorSummary, fill, fillDate, follow, h1, mainText, path, press, tick } from './forms.ts';

/** The real today: the services run on the clock (dates recorded must be today or in the past). */
const TODAY = todayInEngland(new Date());
const BABY = { firstName: 'Wren', lastName: 'Ashdown', dateOfBirth: addDays(TODAY, -49), reference: 'E2E1601' };
const MOTHER = { name: 'Carys Ashdown', dateOfBirth: '2000-05-17' };
const HOUSEHOLD = 'HE2E61';
const CARER = { firstName: 'Morwenna', lastName: 'Tregear' };

let served: Served;
let browser: Browser;
const ids = { baby: '', mother: '', household: '', request: '' };
const roles = new RoleBrowsers(() => browser, () => served.base);
const as = (role: Role): Promise<Page> => roles.page(role);

before(async () => {
  served = await serveDemo({ children: 40, today: TODAY, seed: 61 });
  const db = served.database.db;
  const staff = await demoStaff(db);
  ids.household = await approvedHousehold(db, staff, { reference: HOUSEHOLD, addressLine1: '6 Chough Lane', carer: CARER }, {
    approvalDate: '2020-03-02',
    approvedChildren: 1,
    placementKinds: ['parent_and_child', 'short_term'],
    skillLevel: 4,
  });
  // The baby is in care (an interim care order); her mother is an adult, not looked after (2.3).
  ids.baby = await childInCare(db, staff, { ...BABY, sex: 'F' }, { code: 'C1', since: addDays(TODAY, -21) });
  const [mother] = await db.insert(familyMember).values(MOTHER).returning();
  ids.mother = mother!.id;
  await db.insert(childFamilyMember).values({ childId: ids.baby, familyMemberId: mother!.id, relationship: 'mother' });
  ids.request = await requestAtMatching(db, staff, { reference: 'PR91601', childId: ids.baby, kind: 'parent_and_child', neededBy: TODAY });
  browser = await launchBrowser();
});

after(async () => {
  await roles.close();
  await browser?.close();
  await served?.close();
});


test('a parent-and-child request through the arrangement, the confirmed placement, the plan, a carers’ report, a review and a successful outcome: every page free of axe violations', async () => {
  const db = served.database.db;
  const base = served.base;
  const log = new AxeLog();

  // ---- The child's social worker records the arrangement from the baby's record ----
  const sw = await as('social_worker');
  await log.visit(sw, paths.children.show(ids.baby), base, 'child');
  assert.equal(await follow(sw, 'Record a parent and child arrangement with this child'), 200);
  assert.equal(path(sw), paths.parentAndChild.newForChild(ids.baby));
  await log.check(sw, 'arrangement form');
  await fill(sw, 'scenarioRationale', 'Wren is subject to an interim care order; Carys is 26 and not looked after.');
  assert.equal(await press(sw, 'Record the arrangement'), 400);
  assert.match(await errorSummary(sw), /There is a problem/);
  assert.equal(await sw.inputValue('[name="scenarioRationale"]'), 'Wren is subject to an interim care order; Carys is 26 and not looked after.', 'what was typed is kept');
  await log.check(sw, 'arrangement form (errors)');
  await choose(sw, 'householdId', ids.household);
  await choose(sw, 'parent', `member:${ids.mother}`);
  await tick(sw, 'legalScenario', 'child_in_care');
  await tick(sw, 'needArose', 'pre_birth_assessment');
  await fillDate(sw, 'needAroseOn', addDays(TODAY, -30));
  assert.equal(await press(sw, 'Record the arrangement'), 200);
  const [arrangement] = await db.select().from(parentChildArrangement).where(eq(parentChildArrangement.householdId, ids.household));
  assert.ok(arrangement, 'the arrangement is recorded');
  const arrangementUrl = paths.parentAndChild.show(arrangement.id);
  assert.equal(path(sw), arrangementUrl);
  const fresh = await mainText(sw);
  assert.match(fresh, /Not ready/);
  assert.match(fresh, /Member of the fostering household while placed/, 'the mother, not in care, is part of the household (2.3)');
  assert.match(fresh, /Not started: the assessment begins when the placement is confirmed/);
  assert.match(fresh, /Weekly amount and who pays/);
  await log.check(sw, 'arrangement (not ready)');

  // The information-sharing agreement (4.1): refused incomplete, then recorded.
  assert.equal(await follow(sw, 'Record the information-sharing agreement'), 200);
  await log.check(sw, 'information-sharing agreement');
  await fill(sw, 'whatShared', 'How Wren is fed, sleeps and is cared for; any concern about her safety');
  assert.equal(await press(sw, 'Record the agreement'), 400);
  assert.match(await errorSummary(sw), /There is a problem/);
  await log.check(sw, 'information-sharing agreement (errors)');
  await fill(sw, 'sharedWith', 'The health visitor, the carers and the child’s social worker');
  await fill(sw, 'whenShared', 'Weekly, and at once for a safeguarding concern');
  await fill(sw, 'howShared', 'Secure e-mail and the carers’ written reports');
  await fillDate(sw, 'agreedWithParentOn', TODAY);
  assert.equal(await press(sw, 'Record the agreement'), 200);
  assert.equal(path(sw), arrangementUrl);
  assert.match(await mainText(sw), new RegExp(`Agreed with the parent on ${formatDate(TODAY)}`));

  // A contingency plan for each possible outcome (7.6): the baby is in care, so success and failure with the child in care.
  const plans = {
    success: 'Carys and Wren move to her flat with Early Help; the carers visit in the first week',
    failure_child_in_care: 'Wren moves to the Tregears’ short-term placement; Carys has contact three times a week',
  } as const;
  const outcomes = {
    success: 'The placement succeeds: the parent shows the skills and capabilities the assessment requires',
    failure_child_in_care: 'The placement fails and the child is in care: the child moves to another foster placement',
  } as const;
  for (const [outcome, plan] of Object.entries(plans) as [keyof typeof plans, string][]) {
    assert.equal(await follow(sw, `Record the plan: ${outcomes[outcome]}`), 200);
    await log.check(sw, `contingency plan: ${outcome}`);
    if (outcome === 'success') {
      assert.equal(await press(sw, 'Save the plan'), 400);
      assert.match(await errorSummary(sw), /There is a problem/);
      await log.check(sw, 'contingency plan (errors)');
    }
    await fill(sw, 'plan', plan);
    assert.equal(await press(sw, 'Save the plan'), 200);
    assert.equal(path(sw), arrangementUrl);
  }
  const ready = await mainText(sw);
  assert.match(ready, /Ready The information-sharing agreement and a contingency plan for each possible outcome are in place/);
  await log.check(sw, 'arrangement (ready)');

  // ---- The placement officer proposes the household from the request and confirms the placement ----
  const po = await as('placement_officer');
  await log.visit(po, paths.requests.matching(ids.request), base, 'matching');
  assert.equal(await press(po, `Consider this household (${HOUSEHOLD})`), 200);
  await log.check(po, 'proposal (considered)');
  await fillDate(po, 'proposedStart', TODAY);
  assert.equal(await press(po, 'Propose this household'), 200);
  await log.check(po, 'proposal (proposed)');
  await po.check('input[name=connectedPerson][value=no]');
  assert.equal(await press(po, 'Confirm the placement'), 200);
  assert.match(await h1(po), /Confirmed/);
  await log.check(po, 'proposal (confirmed)');
  const [made] = await db.select().from(placement).where(eq(placement.childId, ids.baby));
  assert.ok(made, 'the placement is made');
  assert.deepEqual([made.householdId, made.kind, made.startDate], [ids.household, 'parent_and_child', TODAY]);

  // The arrangement is active, shows the money and links the placement's assessment.
  await log.visit(sw, arrangementUrl, base, 'arrangement (active)');
  const active = await mainText(sw);
  assert.match(active, /Active/);
  assert.ok(await sw.locator(`a[href="${paths.money.arrangement(arrangement.id)}"]`).count(), 'links the weekly amount');
  assert.equal(await follow(sw, 'Plan, carers’ reports, reviews and outcome of the placement of Wren Ashdown'), 200);
  const assessmentUrl = paths.parentAndChildAssessment.show(made.id);
  assert.equal(path(sw), assessmentUrl);
  assert.match(await mainText(sw), /No reporting schedule yet: complete the placement plan/);
  await log.check(sw, 'assessment (no plan)');

  // ---- The placement plan with the procedure's sections (5.1, 5.4: the parent is not in care) ----
  assert.equal(await follow(sw, 'Open the placement plan'), 200);
  assert.equal(path(sw), paths.planning.record(made.id, 'placement-plan'));
  const planPage = await mainText(sw);
  assert.match(planPage, /Skills and capabilities the parent must demonstrate or learn/);
  assert.match(planPage, /The parent is not in care: expectations and help/);
  await log.check(sw, 'placement plan');
  const plan: Record<string, string> = {
    purpose: 'A parent-and-child assessment placement for Wren and her mother',
    dayToDay: 'Carys does the feeds and the bath; the carers are alongside',
    health: 'Health visitor weekly; six-week check booked',
    education: 'Not of school age',
    contact: 'Father on Saturdays, supervised by the carers',
    delegatedAuthority: 'Carys holds parental responsibility and makes day-to-day decisions',
    support: 'The supervising social worker visits weekly in the first month',
    childWishes: 'Too young to say; Carys wants them to stay together',
    pcPurpose: 'Whether Wren can safely stay in her mother’s care',
    'capabilities.0.capability': 'Feeds Wren on cue',
    'capabilities.0.evidence': 'The carers’ daily notes',
    carersSupportRemit: 'Model and prompt; do not take over',
    carersReportingRemit: 'A written report each week to the child’s social worker; concerns at once',
    conductAgreements: 'Visitors by agreement; no smoking in the house',
    parentExpectations: 'Does the night feeds; keeps every health appointment',
    parentHelp: 'The carers model settling and feeding; a parenting group on Thursdays',
  };
  for (const [name, value] of Object.entries(plan)) await fill(sw, name, value);
  await choose(sw, 'capabilities.0.aim', 'demonstrate');
  await choose(sw, 'reportFrequency', 'weekly');
  await fillDate(sw, 'reportFirstDueOn', TODAY);
  assert.equal(await press(sw, 'Save draft'), 200);
  assert.match(await mainText(sw), /The saved draft is complete/);
  assert.equal(await press(sw, 'Complete this version'), 200);
  assert.equal(path(sw), paths.planning.version(made.id, 'placement-plan', 1));
  assert.match(await mainText(sw), /Feeds Wren on cue/);
  await log.check(sw, 'placement plan: version 1');

  // ---- The supervising social worker records the carers' report (5.2) ----
  const ssw = await as('supervising_social_worker');
  await log.visit(ssw, assessmentUrl, base, 'assessment (plan complete)');
  assert.match(await mainText(ssw), new RegExp(`Every week, from ${formatDate(TODAY)}; next due ${formatDate(TODAY)}`));
  // The assessment's actions are buttons (links styled and named as buttons).
  assert.equal(await press(ssw, "Record a carers' report"), 200);
  await log.check(ssw, 'carers’ report');
  await fillDate(ssw, 'dueOn', TODAY);
  await fillDate(ssw, 'receivedOn', TODAY);
  await fill(ssw, 'summary', 'Carys fed Wren on cue every night this week');
  assert.equal(await press(ssw, 'Record the report'), 400);
  assert.match(await errorSummary(ssw), /Enter who the report is from/);
  await log.check(ssw, 'carers’ report (errors)');
  await fill(ssw, 'receivedFrom', `${CARER.firstName} ${CARER.lastName}`);
  assert.equal(await press(ssw, 'Record the report'), 200);
  assert.equal(path(ssw), assessmentUrl);
  assert.match(await mainText(ssw), /Carys fed Wren on cue every night this week/);
  await log.check(ssw, 'assessment (report received)');

  // ---- The child's social worker reads it, holds the review (5.3) and records the outcome (7) ----
  await log.visit(sw, assessmentUrl, base, 'assessment (social worker)');
  assert.equal(await follow(sw, `Record as read the report due ${formatDate(TODAY)}`), 200);
  await log.check(sw, 'report read');
  await fillDate(sw, 'readOn', TODAY);
  assert.equal(await press(sw, 'Record as read'), 200);
  assert.equal(path(sw), assessmentUrl);

  assert.equal(await press(sw, 'Record a review'), 200);
  await log.check(sw, 'review');
  await fillDate(sw, 'heldOn', TODAY);
  await fill(sw, 'attendees', `${demoAccount('social_worker').name}, child’s social worker\n${CARER.firstName} ${CARER.lastName}, foster carer\n${MOTHER.name}, parent`);
  await tick(sw, 'decision', 'end_successful');
  await fill(sw, 'reasons', 'Every capability in the plan has been demonstrated');
  assert.equal(await press(sw, 'Record the review'), 400);
  assert.match(await errorSummary(sw), /There is a problem/);
  await log.check(sw, 'review (errors)');
  await tick(sw, 'rating_0', 'demonstrated');
  await fill(sw, 'evidence_0', 'Fed on cue at every feed the carers saw');
  const report = sw.locator('input[name="reportIds"]');
  assert.equal(await report.count(), 1, 'the report received is offered as considered');
  await report.check();
  assert.equal(await press(sw, 'Record the review'), 200);
  assert.equal(path(sw), assessmentUrl);
  assert.match(await mainText(sw), /End the assessment: successful/);
  await log.check(sw, 'assessment (reviewed)');

  assert.equal(await press(sw, 'Record the outcome'), 200);
  await log.check(sw, 'outcome');
  await tick(sw, 'outcome', 'successful');
  await fillDate(sw, 'decidedOn', TODAY);
  await fill(sw, 'reasons', 'Carys has shown every skill the assessment required');
  assert.equal(await press(sw, 'Record the outcome'), 400);
  assert.match(await errorSummary(sw), /There is a problem/);
  await log.check(sw, 'outcome (errors)');
  await fill(sw, 'familyLifePlan', 'Carys and Wren move to her flat; the health visitor continues');
  await tick(sw, 'supportRoute', 'early_help');
  await fillDate(sw, 'supportReferredOn', TODAY);
  await fill(sw, 'servicesEngaged', 'Health visitor; a parenting group; the children’s centre');
  assert.equal(await press(sw, 'Record the outcome'), 200);
  assert.equal(path(sw), assessmentUrl);
  const done = await mainText(sw);
  assert.match(done, /Successful: the parent has shown the skills and capabilities required/);
  await log.check(sw, 'assessment (outcome)');

  // The outcome ended the placement (Wren left care, returned home: E4A) and the arrangement.
  const [ended] = await db.select().from(placement).where(eq(placement.id, made.id));
  assert.deepEqual([ended?.endDate, ended?.status], [TODAY, 'ended']);
  const [over] = await db.select().from(parentChildArrangement).where(eq(parentChildArrangement.id, arrangement.id));
  assert.deepEqual([over?.status, over?.endDate], ['ended', TODAY]);
  await log.visit(sw, arrangementUrl, base, 'arrangement (ended)');
  assert.match(await mainText(sw), /Ended/);

  log.assertClean();
  for (const [role, errors] of roles.scriptErrors(/status of 400/)) assert.deepEqual(errors, [], `no script errors for ${role}`);
});
