/**
 * Browser tests: Debian's Chromium driven by playwright-core signs in, walks the main pages and runs
 * axe-core (WCAG 2.2 A and AA rules) on each, expecting zero violations.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../test/helpers.ts';
import type { Database } from '../src/data/db.ts';
import { createServices } from '../src/services/index.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { loadDemoData } from '../src/seed/load.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo-accounts.ts';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base = '';

before(async () => {
  database = await freshDatabase();
  await loadDemoData(database.db, { children: 40, today: '2026-11-20', seed: 7 });
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'e'.repeat(40), LOG_LEVEL: 'silent' });
  app = await buildApp({ config, services: createServices(database, { allowDemoAccounts: true }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://localhost:${address.port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  })) as string[];
  return violations;
}

async function check(page: Page, url: string, seen: Map<string, string[]>) {
  const res = await page.goto(url.startsWith('http') ? url : base + url);
  assert.ok(res && res.status() < 400, `${url} answered ${res?.status()}`);
  seen.set(new URL(page.url()).pathname, await axe(page));
}

async function signInAs(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/`);
}

test('a team manager signs in and every main page has no axe violations', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const seen = new Map<string, string[]>();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await check(page, '/sign-in', seen);
  // The error summary on the sign-in form.
  // Wait for the answer to the POST, not just the click: the summary is on the page that comes back.
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  assert.ok(await page.isVisible('.govuk-error-summary'), 'the sign-in form shows an error summary');
  seen.set('/sign-in (errors)', await axe(page));

  const manager = DEMO_ACCOUNTS.find((a) => a.role === 'team_manager');
  assert.ok(manager);
  await signInAs(page, manager.email);
  seen.set('/', await axe(page));

  const navLinks = await page.$$eval('.govuk-service-navigation__link', (as) => as.map((a) => a.getAttribute('href')).filter((h): h is string => !!h && h.startsWith('/')));
  assert.ok(navLinks.length >= 5, `navigation links: ${navLinks.join(', ')}`);
  for (const href of navLinks) {
    await check(page, href, seen);
    const first = await page.$('main table a.govuk-link');
    if (first) {
      const detail = await first.getAttribute('href');
      if (detail) await check(page, detail, seen);
      const edit = await page.$('main a.govuk-button[href$="/edit"]');
      const editHref = edit ? await edit.getAttribute('href') : null;
      if (editHref) await check(page, editHref, seen);
      const auditLink = await page.$('main a[href^="/audit/"]');
      const auditHref = auditLink ? await auditLink.getAttribute('href') : null;
      if (auditHref) await check(page, auditHref, seen);
    }
    const add = await page.$('main a.govuk-button[href$="/new"]');
    const addHref = add ? await add.getAttribute('href') : null;
    if (addHref) {
      await check(page, addHref, seen);
      // Submit the empty form: the error summary page must be accessible too.
      await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
      if (await page.isVisible('.govuk-error-summary')) seen.set(`${addHref} (errors)`, await axe(page));
    }
  }
  await check(page, '/accessibility', seen);
  const missing = await page.goto(`${base}/no-such-page`);
  assert.equal(missing?.status(), 404);
  seen.set('404', await axe(page));

  const failures = [...seen].filter(([, v]) => v.length > 0).map(([url, v]) => `${url}\n  ${v.join('\n  ')}`);
  assert.deepEqual(failures, [], `axe violations:\n${failures.join('\n')}`);
  assert.ok(seen.size >= 12, `walked ${seen.size} pages: ${[...seen.keys()].join(', ')}`);
  // 400 (forms submitted empty on purpose) and 404 (the missing page) are expected; any script error is not.
  assert.deepEqual(consoleErrors.filter((e) => !/status of (400|404)/.test(e)), []);
  await context.close();
});

test('an administrator reaches the token page; a social worker is refused it', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const seen = new Map<string, string[]>();
  const admin = DEMO_ACCOUNTS.find((a) => a.role === 'administrator');
  assert.ok(admin);
  await signInAs(page, admin.email);
  await check(page, '/admin/tokens', seen);
  assert.deepEqual([...seen.values()].flat(), []);
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
