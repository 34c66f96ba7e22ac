/**
 * Single sign-on in a real browser: Chromium presses Hearth's sign-in button, signs in on the login
 * page of an OpenID Connect provider running in this process (oidc-provider), comes back signed in,
 * and axe finds nothing wrong on the Hearth pages on the way (the sign-in page, the refusal page, the
 * two-factor set-up page and the code page).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { Browser } from 'playwright-core';
import { generate } from 'otplib';
import { AxeLog, axeContext, demoAccount, launchBrowser, serveDemo, signInAs, type Served } from './browser.ts';
import { startProvider, type TestProvider } from '../test/oidc-provider.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-accounts.ts';

let served: Served;
let idp: TestProvider;
let browser: Browser;
let base = '';

/** A port free now, for Hearth: the provider must know Hearth's callback address before Hearth starts. */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

before(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  idp = await startProvider({
    redirectUris: [`${base}/auth/oidc/callback`],
    accounts: { 'tm-001': { email: demoAccount('team_manager').email.toUpperCase(), email_verified: true }, 'stranger-1': { email: 'stranger@elsewhere.test' } },
  });
  served = await serveDemo({
    children: 20,
    today: '2026-11-20',
    seed: 11,
    port,
    env: { OIDC_ISSUER_URL: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_LABEL: 'Sign in with Testshire', PUBLIC_URL: base },
  });
  assert.equal(served.base, base);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await served?.close();
  await idp?.close();
});

test('a team manager signs in through the identity provider’s login page; a stranger is refused', async () => {
  const log = new AxeLog();
  const context = await axeContext(browser);
  const page = await context.newPage();
  // Hearth's pages log no errors (the provider's development login page is not Hearth's to judge).
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && m.location().url.startsWith(base)) errors.push(m.text());
  });
  await log.visit(page, '/sign-in', base);
  await Promise.all([page.waitForURL(`${idp.issuer}/**`), page.click('a.govuk-button--start')]);
  // The provider's own (development) login page: any password.
  await page.fill('input[name=login]', 'tm-001');
  await page.fill('input[name=password]', 'anything at all');
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  assert.match(await page.textContent('.govuk-phase-banner') ?? '', /Signed in as/);
  await log.check(page, '/ (after single sign-on)');
  await context.close();

  const other = await axeContext(browser);
  const p2 = await other.newPage();
  await p2.goto(`${base}/sign-in`);
  await Promise.all([p2.waitForURL(`${idp.issuer}/**`), p2.click('a.govuk-button--start')]);
  await p2.fill('input[name=login]', 'stranger-1');
  await p2.fill('input[name=password]', 'anything');
  const [answer] = await Promise.all([p2.waitForResponse((r) => r.url().startsWith(`${base}/auth/oidc/callback`)), p2.click('button[type=submit]')]);
  assert.equal(answer.status(), 403);
  assert.match(await p2.textContent('h1') ?? '', /You cannot sign in to Hearth with this account/);
  await log.check(p2, '/auth/oidc/callback (refused)');
  await other.close();
  assert.deepEqual(errors, []);
  log.assertClean();
});

test('setting up two-factor sign-in and the code page pass axe', async () => {
  const log = new AxeLog();
  const context = await axeContext(browser);
  const page = await context.newPage();
  const account = demoAccount('placement_officer');
  await signInAs(page, base, account.email);
  await log.visit(page, '/account/two-factor', base);
  await Promise.all([page.waitForNavigation(), page.click('main button.govuk-button')]);
  assert.ok(await page.isVisible('.govuk-error-summary'));
  await log.check(page, '/account/two-factor (errors)');
  const secret = await page.getAttribute('[data-totp-secret]', 'data-totp-secret');
  assert.ok(secret);
  await page.fill('#code', await generate({ secret }));
  await Promise.all([page.waitForNavigation(), page.click('main button.govuk-button')]);
  assert.match(await page.textContent('main') ?? '', /Two-factor sign-in is on/);
  await log.check(page, '/account/two-factor (on)');
  await context.close();

  const again = await axeContext(browser);
  const p2 = await again.newPage();
  await p2.goto(`${base}/sign-in`);
  await p2.fill('#email', account.email);
  await p2.fill('#password', DEMO_PASSWORD);
  await Promise.all([p2.waitForURL(`${base}/sign-in/code`), p2.click('main button.govuk-button')]);
  await log.check(p2, '/sign-in/code');
  await p2.fill('#code', '12');
  await Promise.all([p2.waitForNavigation(), p2.click('main button.govuk-button')]);
  assert.ok(await p2.isVisible('.govuk-error-summary'));
  await log.check(p2, '/sign-in/code (errors)');
  await again.close();
  log.assertClean();
});
