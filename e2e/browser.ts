/**
 * What the browser tests share: the app on a random port over a fresh database with the demo
 * authority, Debian's Chromium driven by playwright-core, signing in as a demo account, and axe-core
 * (WCAG 2.2 A and AA rules) run on a page, with a log of every page checked and its violations.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../test/helpers.ts';
import type { Database } from '../src/data/db.ts';
import { createServices } from '../src/services/index.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/demo/demo-accounts.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { IsoDate } from '../src/domain/dates.ts';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export type Served = { database: Database; app: FastifyInstance; base: string; close: () => Promise<void> };

/** A fresh database with the synthetic demo authority, and the app listening on a random port. */
export async function serveDemo(opts: { children: number; today: IsoDate; seed: number; env?: Record<string, string>; port?: number }): Promise<Served> {
  const database = await freshDatabase();
  await loadDemoData(database.db, opts);
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'e'.repeat(40), LOG_LEVEL: 'silent', ...opts.env });
  const services = createServices(database, { allowDemoAccounts: true, secretKey: config.sessionSecret, oidc: config.oidc, adminTwoFactor: config.adminTwoFactor });
  const app = await buildApp({ config, services });
  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    database,
    app,
    base: `http://localhost:${address.port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** The demo sign-in for a role. */
export function demoAccount(role: Role): (typeof DEMO_ACCOUNTS)[number] {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role);
  if (!a) throw new Error(`no demo account for ${role}`);
  return a;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

/**
 * A browser context whose pages can take the axe script. The app's Content Security Policy allows
 * no inline script, so the context bypasses it; a test that checks the real policy uses a plain context.
 */
export function axeContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ bypassCSP: true });
}

/** Runs axe-core on the page as it is now; one line per violation, with where it was found. */
export async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return (await page.evaluate(async (tags) => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE_TAGS)) as string[];
}

/**
 * Two faults axe does not report, checked on the same pages: an id used twice (a label, hint or
 * error summary link then reaches the wrong field), and an error summary link to nothing on the page.
 */
export async function pageFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const counts = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) counts.set(el.id, (counts.get(el.id) ?? 0) + 1);
    for (const [id, n] of counts) if (n > 1) faults.push(`duplicate id: #${id} is used ${n} times`);
    for (const a of document.querySelectorAll<HTMLAnchorElement>('.govuk-error-summary a[href^="#"]')) {
      const id = decodeURIComponent(a.getAttribute('href')!.slice(1));
      if (!document.getElementById(id)) faults.push(`error summary link to nothing: "${a.textContent?.trim()}" goes to #${id}`);
    }
    return faults;
  });
}

/** Every page a test has run axe on, under a label, with its violations. */
export class AxeLog {
  readonly seen = new Map<string, string[]>();

  /** Runs axe (and pageFaults) on the page as it is now, under the label given (or the page's path). */
  async check(page: Page, label?: string): Promise<void> {
    this.seen.set(label ?? new URL(page.url()).pathname, [...(await axe(page)), ...(await pageFaults(page))]);
  }

  /** Opens a page (expecting no error status) and runs axe on it. */
  async visit(page: Page, url: string, base: string, label?: string): Promise<void> {
    const res = await page.goto(url.startsWith('http') ? url : base + url);
    assert.ok(res && res.status() < 400, `${url} answered ${res?.status()}`);
    await this.check(page, label);
  }

  /** Fails listing every page with a violation. */
  assertClean(): void {
    const failures = [...this.seen].filter(([, v]) => v.length > 0).map(([url, v]) => `${url}\n  ${v.join('\n  ')}`);
    assert.deepEqual(failures, [], `axe violations:\n${failures.join('\n')}`);
  }
}

/**
 * Reflow (WCAG 1.4.10): how far the page is wider than the window (more than 0 means it scrolls
 * sideways), and the widest elements sticking out (to say what to fix). Tables may scroll inside their
 * own container (.hearth-table-scroll); what is inside one is not a culprit.
 */
export async function overflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const culprits: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && !el.parentElement?.closest('.hearth-table-scroll') && culprits.length < 5) culprits.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
    }
    return { excess: root.scrollWidth - width, culprits };
  });
}

/** Fails if the page, as it is now, scrolls sideways (see `overflow`); `label` says which page state. */
export async function assertReflows(page: Page, label: string): Promise<void> {
  const o = await overflow(page);
  assert.ok(o.excess <= 0, `${label} is ${o.excess}px too wide at ${page.viewportSize()?.width}px (${o.culprits.join('; ')})`);
}

/** Signs in with a demo account's e-mail and the demo password, and waits for the home page. */
export async function signInAs(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/`);
}

/** Collects the page's console errors, to assert there were none (but the expected statuses). */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** A signed-in browser context for a demo role (sign-in is rate limited: keep one per role for a walk). */
export type BrowserActor = { context: BrowserContext; page: Page; errors: string[] };

export async function signedInActor(browser: Browser, base: string, role: Role): Promise<BrowserActor> {
  const context = await axeContext(browser);
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await signInAs(page, base, demoAccount(role).email);
  return { context, page, errors };
}

/** One signed-in browser per role for a file's walks (sign-in is rate limited), kept until `close`. */
export class RoleBrowsers {
  private readonly actors = new Map<Role, BrowserActor>();
  constructor(
    private readonly browser: () => Browser,
    private readonly base: () => string,
  ) {}

  /** The role's page, signing in on first use. */
  async page(role: Role): Promise<Page> {
    let a = this.actors.get(role);
    if (!a) {
      a = await signedInActor(this.browser(), this.base(), role);
      this.actors.set(role, a);
    }
    return a.page;
  }

  /** Each role's script errors, leaving out the answers the walks expect (say /status of 400/). */
  scriptErrors(expected: RegExp): [Role, string[]][] {
    return [...this.actors].map(([role, a]) => [role, a.errors.filter((e) => !expected.test(e))]);
  }

  async close(): Promise<void> {
    for (const a of this.actors.values()) await a.context.close();
  }
}
