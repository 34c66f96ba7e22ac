/**
 * Browser test: caseload access (docs/rules/caseload-access.md), with axe-core on every page state.
 *
 * 1. The demo social worker opens a child not on their caseload (unallocated): the card says whom to
 *    ask; breaking the glass without a reason is refused with the error summary; with one, the record
 *    opens, with a banner.
 * 2. The demo team manager (the social worker's line manager) restricts the record, refused first
 *    without a reason; then sees the broken glass to review and marks it reviewed.
 *
 * The demo authority is loaded for realism; the child the walk depends on is inserted here (synthetic name).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { todayInEngland } from '../src/domain/dates.ts';
import { paths } from '../src/http/paths.ts';
import { childInCare, demoStaff } from './fixtures.ts';
import { AxeLog, launchBrowser, serveDemo, type Served, signedInActor } from './browser.ts';
import { errorSummary, fill, h1, mainText, path, press, tick } from './forms.ts';

const TODAY = todayInEngland(new Date());
const CHILD = { firstName: 'Wren', lastName: 'Holloway', dateOfBirth: '2015-03-09', reference: 'E2E1901', sex: 'F' as const };

let served: Served;
let browser: Browser;
let childId = '';
let socialWorkerId = '';

before(async () => {
  served = await serveDemo({ children: 20, today: TODAY, seed: 31 });
  const db = served.database.db;
  const staff = await demoStaff(db);
  socialWorkerId = staff.sw.id;
  // Unallocated: on no social worker's caseload, so the demo social worker sees the card.
  childId = await childInCare(db, staff, CHILD, { code: 'C2', since: '2025-06-02' }, { socialWorkerId: null });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

test('the card, break the glass, restriction and the review of broken glass, with axe on every page state', async () => {
  const log = new AxeLog();
  const sw = await signedInActor(browser, served.base, 'social_worker');
  const { page } = sw;
  await log.visit(page, paths.children.show(childId), served.base, 'the card');
  assert.equal(await h1(page), 'This child is not on your caseload');
  assert.match(await mainText(page), /Wren Holloway/);

  assert.equal(await press(page, 'Break the glass and open the record'), 400);
  assert.match(await errorSummary(page), /Enter why you need to see this record/);
  await log.check(page, 'the card: no reason');

  await fill(page, 'reason', 'Out of hours duty: the police asked about Wren tonight');
  assert.equal(await press(page, 'Break the glass and open the record'), 200);
  assert.equal(path(page), paths.children.show(childId));
  assert.match(await mainText(page), /Record opened for 8 hours: your manager has been told/);
  assert.doesNotMatch(await h1(page), /not on your caseload/);
  await log.check(page, 'the record, opened');
  await sw.context.close();

  const tm = await signedInActor(browser, served.base, 'team_manager');
  await log.visit(tm.page, paths.access.restriction(childId), served.base, 'restrict: the form');
  assert.equal(await press(tm.page, 'Restrict the record'), 400);
  assert.match(await errorSummary(tm.page), /Enter why the record is restricted/);
  await log.check(tm.page, 'restrict: no reason');
  await fill(tm.page, 'reason', 'A relative works in the service');
  await tick(tm.page, 'memberIds', socialWorkerId);
  assert.equal(await press(tm.page, 'Restrict the record'), 200);
  assert.match(await mainText(tm.page), /Record restricted to the people named/);

  await log.visit(tm.page, paths.access.brokenGlass, served.base, 'broken glass to review');
  assert.match(await mainText(tm.page), /Out of hours duty: the police asked about Wren tonight/);
  assert.equal(await press(tm.page, /^Mark reviewed/), 200);
  assert.match(await mainText(tm.page), /Broken glass marked as reviewed/);
  assert.match(await mainText(tm.page), /Nothing to review/);
  await log.check(tm.page, 'broken glass: reviewed');
  await tm.context.close();
  log.assertClean();
});
