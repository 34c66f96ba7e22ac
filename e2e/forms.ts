/**
 * What the browser walks do on a page, one way each: press a button or follow a link and wait for the
 * page that comes back, fill the GOV.UK form fields by name (the planning forms' names have dots, which
 * are not CSS ids), and read the page's text.
 */
import type { Page } from 'playwright-core';
import type { IsoDate } from '../src/domain/dates.ts';

/** Clicks a button (within `scope`, or anywhere on the page) and waits for the page that comes back; its status. */
export async function press(page: Page, name: string | RegExp, scope?: string): Promise<number> {
  const where = scope ? page.locator(scope) : page;
  const [res] = await Promise.all([page.waitForNavigation(), where.getByRole('button', { name, exact: typeof name === 'string' }).click()]);
  return res?.status() ?? 0;
}

/** Follows a link (the first of that name) and waits for the page it opens; its status. */
export async function follow(page: Page, name: string | RegExp): Promise<number> {
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('link', { name, exact: typeof name === 'string' }).first().click()]);
  return res?.status() ?? 0;
}

export const named = (name: string) => `[name="${name}"]`;
export const fill = (page: Page, name: string, value: string) => page.fill(named(name), value);
export const choose = (page: Page, name: string, value: string) => page.selectOption(named(name), value);
export const tick = (page: Page, name: string, value: string) => page.check(`input[name="${name}"][value="${value}"]`);

/** A GOV.UK date input: its day, month and year fields. */
export async function fillDate(page: Page, name: string, iso: IsoDate) {
  const [y, m, d] = iso.split('-');
  await fill(page, `${name}-day`, String(Number(d)));
  await fill(page, `${name}-month`, String(Number(m)));
  await fill(page, `${name}-year`, y!);
}

export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
export const errorSummary = async (page: Page) => squash(await page.locator('.govuk-error-summary').innerText());
export const mainText = async (page: Page) => squash(await page.locator('main').innerText());
export const h1 = async (page: Page) => squash(await page.locator('main h1').innerText());
export const path = (page: Page) => new URL(page.url()).pathname;
