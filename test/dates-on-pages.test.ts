/**
 * One date format for people: the main pages of a small demo authority, walked as a head of service
 * (lists, a child, a household, a placement and its planning records, a request, a proposal, My work,
 * the dashboards and reports), show no ISO date ("2026-11-03") and no 24-hour time in their visible
 * text. Inputs' values, attributes and machine-readable parts (hidden fields, links, scripts) are not
 * visible text and are left out; CSV, JSON and the API stay ISO.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testWorld, signIn, type TestWorld, type Client } from './helpers.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { paths } from '../src/http/paths.ts';

const TODAY = '2026-11-20';
let w: TestWorld;
let c: Client;

before(async () => {
  w = await testWorld({ today: TODAY });
  await loadDemoData(w.database.db, { children: 12, seed: 11, today: TODAY });
  c = await signIn(w.app, 'head_of_service');
});
after(async () => {
  await w?.close();
});

/** What a person reads on the page: the main content's text, without tags, attributes, scripts or typed values. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<textarea[\s\S]*?<\/textarea>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');
}

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
const TIME_24 = /\bat \d{2}:\d{2}\b/g;

/** Every link on a page that matches `pattern`, once. */
const linksOn = (html: string, pattern: RegExp) => [...new Set([...html.matchAll(/href="([^"#?]+)"/g)].map((m) => m[1]!).filter((h) => pattern.test(h)))];

async function walk(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = async (url: string) => {
    if (seen.has(url)) return '';
    seen.add(url);
    const res = await c.get(url);
    // A page that fails is a finding, not a page to pass over (a redirect or a refusal is walked past).
    assert.ok(res.statusCode < 500, `${url} answered ${res.statusCode}`);
    if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/html')) return '';
    const text = visibleText(res.body);
    const bad = [...(text.match(ISO_DATE) ?? []), ...(text.match(TIME_24) ?? [])];
    if (bad.length) found.set(url, [...new Set(bad)]);
    return res.body;
  };
  const lists = [paths.obligations.myWork, paths.requests.list, paths.children.list, paths.households.list, paths.placements.list, paths.vacancies, paths.contacts.list, paths.users.list, paths.organisations.list, paths.obligations.dashboard, paths.reports.stability, paths.returns.ssda903, paths.money.finance, paths.sufficiency.report, paths.concurrentPlanning.figures, paths.outbox.list, paths.earlyPermanence.referrals, paths.panel.home, paths.more];
  for (const list of lists) {
    const body = await visit(list);
    // A few records from each list, and a few of the pages they link to.
    for (const href of linksOn(body, /^\/(children|households|placements|requests|proposals|contacts|staff|organisations|outbox|moves|early-permanence|stability-panel|obligations)\/[0-9a-f-]{36}$/).slice(0, 3)) {
      const record = await visit(href);
      for (const inner of linksOn(record, /^\/(placements|requests|proposals|moves|agreements|documents|households|children|obligations|early-permanence|stability-panel)\/[0-9a-f-]{36}(\/[a-z0-9-]+){0,3}$/).slice(0, 12)) {
        const page = await visit(inner);
        for (const deeper of linksOn(page, /^\/(placements|proposals|moves|agreements|obligations)\/[0-9a-f-]{36}\/[a-z0-9-]+(\/[a-z0-9-]+){0,2}$/).slice(0, 6)) await visit(deeper);
      }
    }
  }
  assert.ok(seen.size > 40, `walked ${seen.size} pages`);
  return found;
}

test('the main pages show dates as "3 November 2026" and times as "2:15pm", never ISO dates or 24-hour times', async () => {
  const found = await walk();
  assert.deepEqual(Object.fromEntries(found), {});
});
