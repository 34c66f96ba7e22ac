/**
 * Reflow (WCAG 1.4.10): at 390 and 320 CSS px wide, no page of the main ones each role uses scrolls
 * sideways; tables scroll inside their own container instead. Each page is measured in Chromium: the
 * document must be no wider than the window.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Role } from '../src/domain/access/index.ts';
import { AxeLog, launchBrowser, overflow, serveDemo, signedInActor, type Served } from './browser.ts';

let served: Served;
let browser: Browser;

before(async () => {
  served = await serveDemo({ children: 40, today: '2026-11-20', seed: 7 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

/** The first link on the page matching the selector, if any. */
async function firstHref(page: Page, selector: string): Promise<string | null> {
  const a = await page.$(selector);
  return a ? a.getAttribute('href') : null;
}

/** The main pages of a role: their navigation's lists, and a record of each kind opened from them. */
async function mainPages(page: Page, base: string): Promise<string[]> {
  const urls = ['/', '/my-work', '/children', '/placements', '/requests', '/households'];
  await page.goto(`${base}/children`);
  const child = await firstHref(page, 'main table a[href^="/children/"]');
  if (child) urls.push(child);
  await page.goto(`${base}/placements`);
  const placement = await firstHref(page, 'main table a[href^="/placements/"]');
  if (placement) urls.push(placement, `${placement}/planning/placement-plan`, `${placement}/planning/ppm`);
  await page.goto(`${base}/households`);
  const household = await firstHref(page, 'main table a[href^="/households/"]');
  if (household) urls.push(household);
  await page.goto(`${base}/requests`);
  const request = await firstHref(page, 'main table a[href^="/requests/"]');
  if (request) urls.push(request);
  await page.goto(`${base}/my-work`);
  const item = await firstHref(page, 'main .hearth-queue__item a');
  if (item) urls.push(item);
  return urls;
}

const ROLES: Role[] = (process.env.REFLOW_ROLES?.split(',') as Role[] | undefined) ?? ['placement_officer', 'social_worker', 'supervising_social_worker', 'iro', 'team_manager'];

test('at 390 and 320 CSS px, the main pages of each role reflow without scrolling sideways', async () => {
  const failures: string[] = [];
  const log = new AxeLog();
  let measured = 0;
  for (const role of ROLES) {
    const actor = await signedInActor(browser, served.base, role);
    try {
      const urls = await mainPages(actor.page, served.base);
      for (const width of [390, 320]) {
        await actor.page.setViewportSize({ width, height: 800 });
        for (const url of urls) {
          const res = await actor.page.goto(served.base + url);
          assert.ok(res && res.status() < 400, `${role} ${url} answered ${res?.status()}`);
          const o = await overflow(actor.page);
          measured += 1;
          if (o.excess > 0) failures.push(`${role} at ${width}px: ${url} is ${o.excess}px too wide (${o.culprits.join('; ')})`);
          // The work queues and the child's summary are new: axe on them at the narrow width too.
          if (width === 320 && (url === '/my-work' || url.startsWith('/children/'))) await log.check(actor.page, `${role} ${url} at ${width}px`);
        }
      }
    } finally {
      await actor.context.close();
    }
  }
  assert.ok(measured >= ROLES.length * 2 * 8, `pages measured: ${measured}`);
  assert.deepEqual(failures, []);
  log.assertClean();
});
