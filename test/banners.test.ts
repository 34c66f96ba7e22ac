/**
 * A GOV.UK notification banner after every save (src/web/flash.ts): a representative set of forms
 * across the service, each saying what happened ("Foster carer review recorded"), the banner shown
 * once, kept across a redirect; a refusal carried by a banner shown as "Important", not as a success;
 * every page form route with a message of its own; and a walk over every page form route (POST) that
 * checks any answer that redirects leads to a page with a banner, or to the question of a
 * confirmation step (which saved nothing).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testWorld, signIn, approvedHousehold, childInserter, type TestWorld, type Client } from './helpers.ts';
import { paths } from '../src/http/paths.ts';
import { SAVED_TEXT, savedMessage } from '../src/web/flash.ts';

let w: TestWorld;
before(async () => {
  w = await testWorld();
});
after(async () => {
  await w?.close();
});

const BANNER = /govuk-notification-banner--success[\s\S]*?govuk-notification-banner__content">\s*<p class="govuk-notification-banner__heading">\s*([^<]*?)\s*<\/p>/;
/** The success banner's words (null when there is none). */
const bannerOf = (html: string) => BANNER.exec(html)?.[1] ?? null;
const IMPORTANT = /<div class="govuk-notification-banner"[^>]*>[\s\S]*?govuk-notification-banner__title[^>]*>\s*Important\s*<[\s\S]*?govuk-notification-banner__heading">\s*([^<]*?)\s*<\/p>/;
/** The "Important" (non-success) banner's words (null when there is none). */
const importantOf = (html: string) => IMPORTANT.exec(html)?.[1] ?? null;
const insertChild = childInserter(() => w, (n) => ({ reference: `BN${n}`, firstName: `Banner${n}`, lastName: 'Child' }));

/** Posts a form, expects a redirect, and returns the banner on the page it leads to. */
async function saveAndFollow(c: Client, url: string, form: Record<string, string>): Promise<string | null> {
  await c.get(url);
  const res = await c.post(url, form);
  assert.equal(res.statusCode, 303, `${url}: ${res.body.slice(0, 300)}`);
  const next = await c.get(String(res.headers.location));
  assert.equal(next.statusCode, 200);
  return bannerOf(next.body);
}

test('saves across the service end with a success banner that says what happened, shown once', async () => {
  const c = await signIn(w.app, 'head_of_service');
  assert.equal(await saveAndFollow(c, paths.organisations.new, { kind: 'fostering_agency', name: 'Banner Fostering' }), 'Organisation added');
  const again = await c.get(paths.organisations.list);
  assert.equal(bannerOf(again.body), null, 'shown once');
  assert.equal(await saveAndFollow(c, paths.contacts.new, { fullName: 'Jo Banner', role: 'Health visitor', organisationId: '', organisationName: 'Testshire NHS Trust', email: '', phone: '' }), 'Contact added');
  const admin = await signIn(w.app, 'administrator');
  const { id } = await w.services.auth.createToken({ actor: w.users.administrator, correlationId: 't' }, w.users.iro.email, 'banner token');
  assert.equal(await saveAndFollow(admin, paths.tokens.revoke(id), { confirm: 'yes' }), 'API token revoked');

  // A household's event says which event; a request started names its reference.
  const ssw = await signIn(w.app, 'supervising_social_worker');
  const hh = await approvedHousehold(w, { reference: 'HBN001', addressLine1: '1 Banner Row' });
  const review = { kind: 'carer_review_held', 'eventDate-day': '10', 'eventDate-month': '1', 'eventDate-year': '2024', evidence: 'Review report to panel' };
  assert.equal(await saveAndFollow(ssw, paths.obligations.newHouseholdEvent(hh), review), 'Foster carer review recorded');
  const sw = await signIn(w.app, 'social_worker');
  const kid = await insertChild();
  const started = await saveAndFollow(sw, paths.requests.new, { child: kid.id });
  assert.match(started ?? '', /^Placement request \S+ started: it is saved as a draft as you go$/);
});

test('a banner that carries a refusal is "Important", not a success', async () => {
  const sw = await signIn(w.app, 'social_worker');
  const kid = await insertChild();
  const ctx = { actor: w.users.social_worker, correlationId: 't' };
  const r = await w.services.requests.create(ctx, kid.id);
  await w.services.requests.withdraw(ctx, r.id, r.version, 'Returned home');
  const res = await sw.get(paths.requests.withdraw(r.id));
  assert.equal(res.statusCode, 303);
  const next = await sw.get(String(res.headers.location));
  assert.equal(importantOf(next.body), 'This request is withdrawn and cannot be withdrawn');
  assert.equal(bannerOf(next.body), null, 'not in the success style');
});

test('every page form route that saves has a message of its own, not the generic one', () => {
  const unsaved = new Set(['auth.sign-in', 'auth.sign-out', 'none']);
  const saves = w.app.declaredRoutes.filter((r) => r.method === 'POST' && !r.url.startsWith('/api/') && !unsaved.has(r.audit ?? 'none'));
  assert.ok(saves.length > 100, `${saves.length} page form routes`);
  const generic = saves.filter((r) => savedMessage(r.url, r.audit) === SAVED_TEXT).map((r) => `${r.url} (${r.audit})`);
  assert.deepEqual(generic, []);
});

test('the banner waits for a page: a redirect in between does not take it', async () => {
  const c = await signIn(w.app, 'head_of_service');
  await c.get(paths.organisations.new);
  const res = await c.post(paths.organisations.new, { kind: 'fostering_agency', name: 'Later Fostering' });
  assert.equal(res.statusCode, 303);
  const signInPage = await c.get(paths.signIn);
  assert.equal(signInPage.statusCode, 303, 'signed in: sent home');
  assert.equal(bannerOf((await c.get(String(res.headers.location))).body), 'Organisation added');
});

test('a failed save shows the error summary and no banner; a confirmation not given saves nothing and shows none', async () => {
  const c = await signIn(w.app, 'head_of_service');
  await c.get(paths.organisations.new);
  const bad = await c.post(paths.organisations.new, { kind: 'local_authority', name: 'Nowhere Council', laCode: '12' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bannerOf(bad.body), null);
  const admin = await signIn(w.app, 'administrator');
  const { id } = await w.services.auth.createToken({ actor: w.users.administrator, correlationId: 't' }, w.users.iro.email, 'kept token');
  await admin.get(paths.tokens.list);
  const unasked = await admin.post(paths.tokens.revoke(id));
  assert.equal(unasked.headers.location, paths.tokens.revoke(id));
  const question = await admin.get(paths.tokens.revoke(id));
  assert.equal(bannerOf(question.body), null);
  assert.match(question.body, /Are you sure you want to revoke/);
});

test('every page form route: an answer that redirects leads to a banner or to a confirmation question; none fails', async () => {
  const posts = w.app.declaredRoutes.filter((r) => r.method === 'POST' && !r.url.startsWith('/api/') && !/^\/(sign-|auth\/|account\/)/.test(r.url));
  assert.ok(posts.length > 60, `${posts.length} page form routes`);
  const someId = '00000000-0000-4000-8000-000000000000';
  const redirected: string[] = [];
  for (const role of ['head_of_service', 'administrator'] as const) {
    const c = await signIn(w.app, role);
    await c.get(paths.home);
    for (const r of posts) {
      const url = r.url.replace(/:[A-Za-z]+/g, someId);
      const res = await c.post(url, {});
      assert.ok(res.statusCode < 500, `${role} POST ${r.url}: ${res.statusCode}`);
      if (res.statusCode !== 302 && res.statusCode !== 303) continue;
      redirected.push(`${role} ${r.url}`);
      const next = await c.get(String(res.headers.location));
      // A confirmation step asks at the same address (here about a record that does not exist: not found).
      const asked = /Are you sure you want to/.test(next.body) || res.headers.location === url;
      assert.ok(asked || bannerOf(next.body) !== null || importantOf(next.body) !== null, `${role} POST ${r.url} → ${String(res.headers.location)}: no banner`);
    }
  }
  assert.ok(redirected.length > 0, 'some form routes redirect even when posted empty');
});
