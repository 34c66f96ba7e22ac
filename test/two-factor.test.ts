/**
 * Two-factor sign-in with TOTP codes: enrolment (the key shown once, confirmed with a code), the code
 * step after a correct password, a code used only once, administrators made to enrol when single
 * sign-on is not configured, the rate limit on codes, and an administrator's audited reset. Codes are
 * made with the same library (otplib) for a fixed clock, never by waiting.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { Client, TEST_PASSWORD, testWorld, type TestWorld } from './helpers.ts';
import { auditRows } from './audit-declared-fixtures.ts';
import { appUser } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';
import type { Role } from '../src/domain/access/index.ts';

let nowMs = Date.UTC(2026, 2, 2, 9, 0, 0);
let w: TestWorld;
before(async () => {
  w = await testWorld({ extraEnv: { ADMIN_TWO_FACTOR: 'required' }, clock: () => nowMs });
});
after(async () => w.close());

const codeFor = (secret: string, atMs = nowMs) => generate({ secret, epoch: Math.floor(atMs / 1000) });
/** Moves the fixed clock on by whole 30-second steps. */
const later = (steps = 1) => (nowMs += steps * 30_000);

async function passwordSignIn(role: Role) {
  const c = new Client(w.app);
  await c.get(paths.signIn);
  const res = await c.post(paths.signIn, { email: w.users[role].email, password: TEST_PASSWORD });
  // A browser follows the redirect to the code form (which carries a new CSRF token for the new session).
  if (res.headers.location === paths.signInCode) await c.get(paths.signInCode);
  return { c, res };
}

/** Signs `role` in and enrols them through the account page; returns their secret. */
async function enrol(c: Client): Promise<string> {
  const page = await c.get(paths.account.twoFactor);
  assert.equal(page.statusCode, 200);
  const secret = /data-totp-secret="([A-Z2-7]+)"/.exec(page.body)?.[1];
  assert.ok(secret, 'the key is shown');
  assert.match(page.body, new RegExp(`otpauth://totp/Hearth:[^"]*secret=${secret}`), 'with an otpauth:// link');
  const res = await c.post(paths.account.twoFactor, { code: await codeFor(secret) });
  assert.equal(res.statusCode, 303);
  return secret;
}

test('an administrator signing in with a password must set up two-factor sign-in before anything else', async () => {
  const { c, res } = await passwordSignIn('administrator');
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, paths.account.twoFactor);
  for (const url of [paths.home, paths.users.list, paths.children.list]) {
    const r = await c.get(url);
    assert.equal(r.statusCode, 303, url);
    assert.equal(r.headers.location, paths.account.twoFactor, url);
  }
  const page = await c.get(paths.account.twoFactor);
  assert.match(page.body, /Administrators must use two-factor sign-in/);
  assert.ok((await c.get('/assets/govuk/govuk-frontend.min.css')).statusCode === 200, 'the page still gets its styles');

  // A wrong code: the error summary, nothing turned on, the same key shown again.
  const secret = /data-totp-secret="([A-Z2-7]+)"/.exec(page.body)?.[1] ?? '';
  const wrong = await c.post(paths.account.twoFactor, { code: '000000' === (await codeFor(secret)) ? '111111' : '000000' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /govuk-error-summary/);
  assert.match(wrong.body, new RegExp(`data-totp-secret="${secret}"`));
  const [before] = await w.database.db.select().from(appUser).where(eq(appUser.id, w.users.administrator.userId));
  assert.equal(before?.totpSecret, null);

  const ok = await c.post(paths.account.twoFactor, { code: await codeFor(secret) });
  assert.equal(ok.statusCode, 303);
  assert.deepEqual((await auditRows(w, ok)).map((a) => [a.action, a.subjectId]), [['auth.two-factor-enrolled', w.users.administrator.userId]]);
  const [row] = await w.database.db.select().from(appUser).where(eq(appUser.id, w.users.administrator.userId));
  assert.ok(row?.totpSecret && row.totpEnabledAt, 'turned on');
  assert.ok(!row.totpSecret.includes(secret), 'the secret is stored sealed, not as given');
  const after = await c.get(paths.account.twoFactor);
  assert.match(after.body, /Two-factor sign-in is on/);
  assert.doesNotMatch(after.body, new RegExp(secret), 'the key is never shown again');
  assert.equal((await c.get(paths.users.list)).statusCode, 200, 'free to go on');
});

test('once enrolled, a password is not enough: the code is asked for, checked, and accepted once', async () => {
  const { c: first } = await passwordSignIn('social_worker');
  assert.equal((await first.get(paths.home)).statusCode, 200, 'others are not made to enrol');
  later();
  const secret = await enrol(first);

  later();
  const { c, res } = await passwordSignIn('social_worker');
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, paths.signInCode);
  assert.deepEqual(await auditRows(w, res), [], 'not signed in yet, so no sign-in is recorded');
  assert.equal((await c.get(paths.home)).statusCode, 303, 'not signed in until the code is given');
  const form = await c.get(paths.signInCode);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /autocomplete="one-time-code"/);

  const wrong = await c.post(paths.signInCode, { code: '12345' });
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /govuk-error-summary/);
  assert.deepEqual((await auditRows(w, wrong)).map((a) => [a.action, a.details]), [['auth.sign-in-failed', { method: 'password and code', reason: 'wrong code' }]]);

  const code = await codeFor(secret);
  const right = await c.post(paths.signInCode, { code: `${code.slice(0, 3)} ${code.slice(3)}` });
  assert.equal(right.statusCode, 303);
  assert.equal(right.headers.location, paths.home);
  assert.deepEqual((await auditRows(w, right)).map((a) => [a.action, a.details]), [['auth.sign-in', { method: 'password and code' }]]);
  assert.equal((await c.get(paths.home)).statusCode, 200);

  // The same code again (someone who saw it over a shoulder) does not work.
  const { c: other } = await passwordSignIn('social_worker');
  const replay = await other.post(paths.signInCode, { code });
  assert.equal(replay.statusCode, 401);
  // A code from far in the past does not work either; the one for now does.
  later();
  assert.equal((await other.post(paths.signInCode, { code: await codeFor(secret, nowMs - 10 * 60_000) })).statusCode, 401);
  assert.equal((await other.post(paths.signInCode, { code: await codeFor(secret) })).statusCode, 303);
});

test('codes are rate limited like passwords', async () => {
  const { c: first } = await passwordSignIn('iro');
  later();
  const secret = await enrol(first);
  later();
  const { c } = await passwordSignIn('iro');
  const wrong = (await codeFor(secret)) === '000000' ? '111111' : '000000';
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await c.post(paths.signInCode, { code: wrong })).statusCode);
  assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
  assert.equal((await c.post(paths.signInCode, { code: await codeFor(secret) })).statusCode, 429, 'even a right code waits');
});

test('an administrator resets another person’s two-factor sign-in (a lost phone), audited; not their own', async () => {
  const { c: tm } = await passwordSignIn('team_manager');
  later();
  await enrol(tm);
  const adminClient = await signedInAsAdministrator();
  const show = await adminClient.get(paths.users.show(w.users.team_manager.userId));
  assert.match(show.body, new RegExp(`href="${paths.users.resetTwoFactor(w.users.team_manager.userId)}"`));
  const confirm = await adminClient.get(paths.users.resetTwoFactor(w.users.team_manager.userId));
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Reset two-factor sign-in for Test team manager/);
  const res = await adminClient.post(paths.users.resetTwoFactor(w.users.team_manager.userId));
  assert.equal(res.statusCode, 303);
  assert.deepEqual((await auditRows(w, res)).map((a) => [a.action, a.subjectId]), [['auth.two-factor-reset', w.users.team_manager.userId]]);
  const { res: again } = await passwordSignIn('team_manager');
  assert.equal(again.headers.location, paths.home, 'a password alone again, until they enrol');

  const [me] = await w.database.db.select({ id: appUser.id }).from(appUser).where(eq(appUser.email, 'second.admin@test.hearth.test'));
  const own = await adminClient.post(paths.users.resetTwoFactor(me!.id));
  assert.equal(own.statusCode, 400);
  assert.match(own.body, /Another administrator must reset your own two-factor sign-in/);
});

/** A second administrator, enrolled through the pages, signed in with password and code. */
async function signedInAsAdministrator(): Promise<Client> {
  const [tpl] = await w.database.db.select().from(appUser).where(eq(appUser.id, w.users.administrator.userId));
  await w.database.db.insert(appUser).values({ organisationId: tpl!.organisationId, teamId: tpl!.teamId, email: 'second.admin@test.hearth.test', fullName: 'Second Admin', role: 'administrator', passwordHash: tpl!.passwordHash });
  const c = new Client(w.app);
  await c.get(paths.signIn);
  await c.post(paths.signIn, { email: 'second.admin@test.hearth.test', password: TEST_PASSWORD });
  later();
  const secret = await enrol(c);
  later();
  const d = new Client(w.app);
  await d.get(paths.signIn);
  assert.equal((await d.post(paths.signIn, { email: 'second.admin@test.hearth.test', password: TEST_PASSWORD })).headers.location, paths.signInCode);
  await d.get(paths.signInCode);
  assert.equal((await d.post(paths.signInCode, { code: await codeFor(secret) })).statusCode, 303);
  await d.get(paths.home);
  return d;
}

test('demo accounts (refused in production) are not made to enrol, so the demo runs as before', async () => {
  const [tpl] = await w.database.db.select().from(appUser).where(eq(appUser.id, w.users.administrator.userId));
  await w.database.db.insert(appUser).values({ organisationId: tpl!.organisationId, email: 'demo.admin@test.hearth.test', fullName: 'Demo Admin', role: 'administrator', passwordHash: tpl!.passwordHash, isDemo: true });
  const c = new Client(w.app);
  await c.get(paths.signIn);
  const res = await c.post(paths.signIn, { email: 'demo.admin@test.hearth.test', password: TEST_PASSWORD });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, paths.home);
  assert.equal((await c.get(paths.users.list)).statusCode, 200);
});

test('a sealed secret opens only with the key it was sealed under, and not once altered', async () => {
  const { secretBox } = await import('../src/services/secret-box.ts');
  const box = secretBox('k'.repeat(40));
  const sealed = box.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  assert.doesNotMatch(sealed, /JBSWY3DP/);
  assert.notEqual(box.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), sealed, 'a new nonce each time');
  assert.equal(box.open(sealed), 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  assert.equal(secretBox('z'.repeat(40)).open(sealed), null, 'another key');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
  assert.equal(box.open(`v1.${raw.toString('base64url')}`), null, 'altered');
  assert.equal(box.open('not sealed'), null);
});
