/**
 * Single sign-on through a real OpenID Connect provider running in this process (oidc-provider): the
 * whole authorisation code flow with PKCE, from Hearth's sign-in button through the provider's login
 * page and back, matching staff by e-mail and by a recorded subject, refusing unknown and inactive
 * staff and a sign-in whose state does not match.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { Client, TEST_PASSWORD, testWorld, type TestWorld } from './helpers.ts';
import { auditRows } from './audit-declared-fixtures.ts';
import { startProvider, type TestProvider } from './oidc-provider.ts';
import { appUser } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';
import { loadConfig } from '../src/config.ts';

const REDIRECT = 'http://hearth.test/auth/oidc/callback';
let idp: TestProvider;
let w: TestWorld;

before(async () => {
  idp = await startProvider({
    redirectUris: [REDIRECT],
    accounts: {
      'ann-001': { email: 'Social_Worker@TEST.hearth.test', email_verified: true },
      'emp-42': { email: 'someone.else@elsewhere.test' },
      'iro-9': { email: 'iro@test.hearth.test' },
      'nobody-7': { email: 'nobody@test.hearth.test' },
      'unverified-1': { email: 'team_manager@test.hearth.test', email_verified: false },
    },
  });
  w = await testWorld({ extraEnv: { OIDC_ISSUER_URL: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_REDIRECT_URL: REDIRECT, OIDC_LABEL: 'Sign in with Testshire' } });
});
after(async () => {
  await w.close();
  await idp.close();
});

/** Presses the button on Hearth's sign-in page and signs in at the provider as `accountId`; returns Hearth's answer to the callback. */
async function ssoAs(c: Client, accountId: string, returnTo = '/children') {
  const page = await c.get(`${paths.signIn}?returnTo=${encodeURIComponent(returnTo)}`);
  const button = /<a href="([^"]+)"[^>]*class="govuk-button govuk-button--start"/.exec(page.body)?.[1];
  assert.ok(button, 'the sign-in page offers single sign-on');
  const start = await c.get(button.replace(/&amp;/g, '&'));
  assert.equal(start.statusCode, 303);
  const before = c.cookies.get('hearth_session');
  const authorisation = new URL(String(start.headers.location));
  const callback = await idp.signInAt(authorisation.href, accountId);
  assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT, 'the provider sends the browser back to Hearth');
  const res = await c.get(`${callback.pathname}${callback.search}`);
  return { authorisation, callback, res, sessionBefore: before, sessionAfter: c.cookies.get('hearth_session') };
}

test('the sign-in page offers the provider by its label, beside the password form', async () => {
  const page = await new Client(w.app).get(paths.signIn);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, />\s*Sign in with Testshire/);
  assert.match(page.body, /name="password"/, 'local passwords still work');
});

test('signing in through the provider: PKCE, state and nonce; matched by e-mail without case; the subject is recorded', async () => {
  const c = new Client(w.app);
  const { authorisation, res, sessionBefore, sessionAfter } = await ssoAs(c, 'ann-001');
  assert.equal(authorisation.origin, idp.issuer);
  assert.equal(authorisation.searchParams.get('code_challenge_method'), 'S256');
  assert.match(authorisation.searchParams.get('code_challenge') ?? '', /^[\w-]{43}$/);
  assert.ok(authorisation.searchParams.get('state'), 'a state');
  assert.ok(authorisation.searchParams.get('nonce'), 'a nonce');
  assert.equal(authorisation.searchParams.get('redirect_uri'), REDIRECT);
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/children', 'back where they were going');
  const home = await c.get(paths.home);
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Signed in as Test social worker/);
  const [row] = await w.database.db.select({ oidcSubject: appUser.oidcSubject }).from(appUser).where(eq(appUser.id, w.users.social_worker.userId));
  assert.equal(row?.oidcSubject, 'ann-001');
  const audit = await auditRows(w, res);
  assert.deepEqual(audit.map((a) => a.action), ['auth.sign-in']);
  assert.deepEqual(audit[0]?.details, { method: 'oidc', matchedBy: 'email', linked: true });
  assert.equal(audit[0]?.subjectId, w.users.social_worker.userId);
  // The session is new (regenerated at sign-in, as a password sign-in does): no fixation.
  assert.ok(sessionBefore, 'the browser had a session while at the provider');
  assert.notEqual(sessionAfter?.split('.')[0], sessionBefore.split('.')[0], 'a new session id after sign-in');
});

test('a staff record is matched by its recorded subject, whatever e-mail the provider gives', async () => {
  await w.database.db.update(appUser).set({ oidcSubject: 'emp-42' }).where(eq(appUser.id, w.users.head_of_service.userId));
  const c = new Client(w.app);
  const { res } = await ssoAs(c, 'emp-42', '/');
  assert.equal(res.statusCode, 303);
  assert.match((await c.get(paths.home)).body, /Signed in as Test head of service/);
  assert.deepEqual((await auditRows(w, res))[0]?.details, { method: 'oidc', matchedBy: 'subject', linked: false });
});

test('inactive staff are refused with a GOV.UK page, audited, and not signed in', async () => {
  await w.database.db.update(appUser).set({ active: false }).where(eq(appUser.id, w.users.iro.userId));
  try {
    const c = new Client(w.app);
    const { res } = await ssoAs(c, 'iro-9');
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Your Hearth account is not active/);
    assert.match(res.body, /govuk-template/);
    assert.deepEqual((await auditRows(w, res)).map((a) => [a.action, a.details]), [['auth.sign-in-failed', { method: 'oidc', reason: 'inactive' }]]);
    assert.equal((await c.get(paths.children.list)).statusCode, 303, 'not signed in');
  } finally {
    await w.database.db.update(appUser).set({ active: true }).where(eq(appUser.id, w.users.iro.userId));
  }
});

test('someone the provider knows but Hearth does not is refused; so is an e-mail the provider has not verified', async () => {
  for (const [account, reason] of [['nobody-7', 'unknown'], ['unverified-1', 'no-email']] as const) {
    const c = new Client(w.app);
    const { res } = await ssoAs(c, account);
    assert.equal(res.statusCode, 403, account);
    assert.match(res.body, /You cannot sign in to Hearth with this account/);
    assert.deepEqual((await auditRows(w, res)).map((a) => [a.action, a.details]), [['auth.sign-in-failed', { method: 'oidc', reason }]]);
    assert.equal((await c.get(paths.home)).statusCode, 303, 'not signed in');
  }
  const [tm] = await w.database.db.select({ oidcSubject: appUser.oidcSubject }).from(appUser).where(eq(appUser.id, w.users.team_manager.userId));
  assert.equal(tm?.oidcSubject, null, 'an unverified address links nothing');
});

test('a callback whose state does not match the one this browser was given is refused; so is one with no sign-in started', async () => {
  const c = new Client(w.app);
  await c.get(paths.signIn);
  const start = await c.get(paths.oidc.start);
  const callback = await idp.signInAt(String(start.headers.location), 'ann-001');
  callback.searchParams.set('state', 'not-the-state-we-sent');
  const res = await c.get(`${callback.pathname}${callback.search}`);
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Sign-in was not completed/);
  const [row] = await auditRows(w, res);
  assert.equal(row?.action, 'auth.sign-in-failed');
  assert.equal(row?.details.method, 'oidc');
  assert.equal((await c.get(paths.home)).statusCode, 303, 'not signed in');

  // A callback in a browser that started no sign-in.
  const stranger = await new Client(w.app).get(`${paths.oidc.callback}?code=made-up&state=x`);
  assert.equal(stranger.statusCode, 400);
  assert.match(stranger.body, /Your sign-in has expired/);
  assert.deepEqual((await auditRows(w, stranger)).map((a) => [a.action, a.details]), [['auth.sign-in-failed', { method: 'oidc', reason: 'no sign-in in progress' }]]);
});

test('password sign-in still works beside single sign-on', async () => {
  const c = new Client(w.app);
  await c.get(paths.signIn);
  const res = await c.post(paths.signIn, { email: w.users.placement_officer.email, password: TEST_PASSWORD });
  assert.equal(res.statusCode, 303);
  assert.equal((await c.get(paths.home)).statusCode, 200);
});

test('configuration: the provider by environment variables; local sign-in off only with single sign-on', () => {
  const base = { NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40) };
  assert.equal(loadConfig(base).oidc, null);
  const c = loadConfig({ ...base, OIDC_ISSUER_URL: 'https://login.example.org/tenant/v2.0', OIDC_CLIENT_ID: 'abc', PUBLIC_URL: 'https://hearth.example.org/' });
  assert.deepEqual(c.oidc, {
    issuerUrl: 'https://login.example.org/tenant/v2.0',
    clientId: 'abc',
    clientSecret: undefined,
    redirectUrl: 'https://hearth.example.org/auth/oidc/callback',
    scopes: 'openid email profile',
    matchClaim: 'email',
    label: 'Sign in with your organisation account',
  });
  assert.equal(c.localSignIn, true);
  assert.throws(() => loadConfig({ ...base, LOCAL_SIGN_IN: 'false' }), /LOCAL_SIGN_IN: may be false only when single sign-on is configured/);
  assert.throws(() => loadConfig({ ...base, OIDC_CLIENT_ID: 'abc' }), /OIDC_ISSUER_URL: required/);
  assert.throws(() => loadConfig({ ...base, OIDC_ISSUER_URL: 'https://x.example.org' }), /OIDC_CLIENT_ID: required/);
  assert.throws(() => loadConfig({ ...base, NODE_ENV: 'production', OIDC_ISSUER_URL: 'http://x.example.org', OIDC_CLIENT_ID: 'a' }), /must be https/);
  assert.throws(() => loadConfig({ ...base, OIDC_ISSUER_URL: 'https://x.example.org', OIDC_CLIENT_ID: 'a', OIDC_SCOPES: 'openid profile' }), /must include email/);
  assert.equal(loadConfig({ ...base, OIDC_ISSUER_URL: 'https://x.example.org', OIDC_CLIENT_ID: 'a', LOCAL_SIGN_IN: 'false' }).localSignIn, false);
});

test('matching by subject only (OIDC_MATCH_CLAIM=sub): an e-mail address alone links nobody', async () => {
  const { createAuthService } = await import('../src/services/auth.ts');
  const bySubOnly = createAuthService(w.database.db, { allowDemoAccounts: true, oidcMatchClaim: 'sub' });
  const refused = await bySubOnly.signInWithIdentity({ sub: 'new-subject-1', email: w.users.supervising_social_worker.email, email_verified: true });
  assert.deepEqual(refused, { refused: 'unknown' });
  const [row] = await w.database.db.select({ oidcSubject: appUser.oidcSubject }).from(appUser).where(eq(appUser.id, w.users.supervising_social_worker.userId));
  assert.equal(row?.oidcSubject, null);
  await w.database.db.update(appUser).set({ oidcSubject: 'ssw-sub' }).where(eq(appUser.id, w.users.supervising_social_worker.userId));
  const actor = await bySubOnly.signInWithIdentity({ sub: 'ssw-sub' });
  assert.equal('refused' in actor ? null : actor.userId, w.users.supervising_social_worker.userId);
});

test('an e-mail address already linked to another subject is refused, not re-linked', async () => {
  // The social worker was linked to ann-001 in an earlier test.
  const result = await w.services.auth.signInWithIdentity({ sub: 'impostor-2', email: w.users.social_worker.email, email_verified: true });
  assert.deepEqual(result, { refused: 'linked-elsewhere' });
  const [row] = await w.database.db.select({ oidcSubject: appUser.oidcSubject }).from(appUser).where(eq(appUser.id, w.users.social_worker.userId));
  assert.equal(row?.oidcSubject, 'ann-001');
});

test('someone who cancels at the provider comes back to a page saying so, not an error', async () => {
  const c = new Client(w.app);
  await c.get(paths.signIn);
  const start = await c.get(paths.oidc.start);
  const state = new URL(String(start.headers.location)).searchParams.get('state') ?? '';
  const res = await c.get(`${paths.oidc.callback}?error=access_denied&error_description=End-User+aborted&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(idp.issuer)}`);
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Sign-in was not completed/);
  assert.match(res.body, new RegExp(`href="${paths.signIn}"`), 'with the way back to the sign-in page');
  assert.deepEqual((await auditRows(w, res)).map((a) => [a.action, a.details]), [['auth.sign-in-failed', { method: 'oidc', reason: 'access_denied' }]]);
});

test('an identity provider that cannot be reached is reported as unavailable (which the start route shows as a 503 page)', async () => {
  const { createOidcRelyingParty, OidcUnavailableError } = await import('../src/services/oidc.ts');
  const rp = createOidcRelyingParty({ issuerUrl: 'http://127.0.0.1:9/nowhere', clientId: 'x', clientSecret: undefined, redirectUrl: REDIRECT, scopes: 'openid email', matchClaim: 'email', label: 'x' });
  await assert.rejects(rp.start(), OidcUnavailableError);
});
