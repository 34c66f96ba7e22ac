/**
 * Browser tests: Debian's Chromium driven by playwright-core signs in, walks the main pages and runs
 * axe-core (WCAG 2.2 A and AA rules) on each, expecting zero violations.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/demo/demo-accounts.ts';
import { AxeLog, axeContext, consoleErrors, launchBrowser, serveDemo, signInAs as signInAt, type Served } from './browser.ts';

let served: Served;
let browser: Browser;
let base = '';

before(async () => {
  served = await serveDemo({ children: 40, today: '2026-11-20', seed: 7 });
  base = served.base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

const signInAs = (page: Page, email: string) => signInAt(page, base, email);

test('a team manager signs in and every main page has no axe violations', async () => {
  const context = await axeContext(browser);
  const page = await context.newPage();
  const log = new AxeLog();
  const check = (p: Page, url: string) => log.visit(p, url, base);
  const errors = consoleErrors(page);
  await check(page, '/sign-in');
  // The error summary on the sign-in form.
  // Wait for the answer to the POST, not just the click: the summary is on the page that comes back.
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  assert.ok(await page.isVisible('.govuk-error-summary'), 'the sign-in form shows an error summary');
  await log.check(page, '/sign-in (errors)');

  const manager = DEMO_ACCOUNTS.find((a) => a.role === 'team_manager');
  assert.ok(manager);
  await signInAs(page, manager.email);
  await log.check(page, '/');

  const navLinks = await page.$$eval('.govuk-service-navigation__link', (as) => as.map((a) => a.getAttribute('href')).filter((h): h is string => !!h && h.startsWith('/')));
  assert.ok(navLinks.length >= 5, `navigation links: ${navLinks.join(', ')}`);
  // The rest of the navigation is on the More page, in groups.
  if (navLinks.includes('/more')) {
    await page.goto(new URL('/more', base).toString());
    const more = await page.$$eval('main a.govuk-link', (as) => as.map((a) => a.getAttribute('href')).filter((h): h is string => !!h && h.startsWith('/')));
    navLinks.push(...more.filter((h) => !navLinks.includes(h)));
  }
  for (const href of navLinks) {
    await check(page, href);
    const first = await page.$('main table a.govuk-link');
    if (first) {
      const detail = await first.getAttribute('href');
      if (detail) await check(page, detail);
      const edit = await page.$('main a.govuk-button[href$="/edit"]');
      const editHref = edit ? await edit.getAttribute('href') : null;
      if (editHref) await check(page, editHref);
      const auditLink = await page.$('main a[href^="/audit/"]');
      const auditHref = auditLink ? await auditLink.getAttribute('href') : null;
      if (auditHref) await check(page, auditHref);
    }
    const add = await page.$('main a.govuk-button[href$="/new"]');
    const addHref = add ? await add.getAttribute('href') : null;
    if (addHref) {
      await check(page, addHref);
      // Submit the empty form: the error summary page must be accessible too.
      await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
      if (await page.isVisible('.govuk-error-summary')) await log.check(page, `${addHref} (errors)`);
    }
  }
  // The lists' other views and pages: all children (those who have left care too), and a second page.
  await check(page, '/children?view=all&page=2');
  await check(page, '/households?page=2');
  // The placement stability figures: the chart and table, and a household that does not exist.
  await check(page, '/reports/stability');
  assert.equal((await page.goto(`${base}/reports/stability?householdReference=NO-SUCH-HOUSEHOLD`))?.status(), 400);
  await log.check(page, '/reports/stability (errors)');
  assert.ok(await page.isVisible('.govuk-error-summary'), 'an unknown household is shown in an error summary');
  await check(page, '/accessibility');
  const missing = await page.goto(`${base}/no-such-page`);
  assert.equal(missing?.status(), 404);
  await log.check(page, '404');

  log.assertClean();
  assert.ok(log.seen.size >= 12, `walked ${log.seen.size} pages: ${[...log.seen.keys()].join(', ')}`);
  // 400 (forms submitted empty on purpose) and 404 (the missing page) are expected; any script error is not.
  assert.deepEqual(errors.filter((e) => !/status of (400|404)/.test(e)), []);
  await context.close();
});

test('an administrator reaches the token page; a social worker is refused it', async () => {
  const context = await axeContext(browser);
  const page = await context.newPage();
  const log = new AxeLog();
  const admin = DEMO_ACCOUNTS.find((a) => a.role === 'administrator');
  assert.ok(admin);
  await signInAs(page, admin.email);
  await log.visit(page, '/admin/tokens', base);
  // A token's questions answered wrongly: the error summary is accessible too.
  await page.fill('#days', '1000');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.ok(await page.isVisible('.govuk-error-summary'));
  await log.check(page, '/admin/tokens (errors)');
  // Importing records: the upload form, and the placements whose household is not known.
  await log.visit(page, '/admin/import', base);
  await log.visit(page, '/admin/import/unresolved', base);
  // Changing one's own password: the form, and a wrong current password refused (nothing changes).
  await log.visit(page, '/account/password', base);
  await page.fill('#currentPassword', 'not the password');
  await page.fill('#newPassword', 'three random words');
  await page.fill('#confirmPassword', 'three random words');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.match(await page.innerText('.govuk-error-summary'), /Your current password is not right/);
  await log.check(page, '/account/password (errors)');
  log.assertClean();
  await context.close();

  const swContext = await browser.newContext();
  const sw = await swContext.newPage();
  const worker = DEMO_ACCOUNTS.find((a) => a.role === 'social_worker');
  assert.ok(worker);
  await signInAs(sw, worker.email);
  const res = await sw.goto(`${base}/admin/tokens`);
  assert.equal(res?.status(), 403);
  // The real CSP is on: the GOV.UK Frontend script still runs (it is external, from 'self').
  const jsEnabled = await sw.evaluate(() => document.body.classList.contains('govuk-frontend-supported'));
  assert.equal(jsEnabled, true);
  await swContext.close();
});
