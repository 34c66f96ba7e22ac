import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { Client, TEST_PASSWORD, bearer, signIn, testWorld, type TestWorld } from './helpers.ts';
import { apiToken, userSession } from '../src/data/schema.ts';
import { queryRows } from '../src/data/db.ts';
import { paths } from '../src/http/paths.ts';

let w: TestWorld;
before(async () => {
  w = await testWorld({ extraEnv: { SESSION_ABSOLUTE_HOURS: '2', SESSION_IDLE_MINUTES: '30' } });
});
after(async () => w.close());

const admin = () => ({ actor: w.users.administrator });

/** The one stored session of a signed-in client. */
async function sessionRow(c: Client) {
  const cookie = c.cookies.get('hearth_session') ?? '';
  const sid = decodeURIComponent(cookie).split('.')[0] ?? '';
  const [row] = await w.database.db.select().from(userSession).where(eq(userSession.sid, sid));
  assert.ok(row, 'the session is stored');
  return row;
}

test('what a signed-in person is shown is never cached: pages and the API say no-store', async () => {
  const c = await signIn(w.app, 'social_worker');
  for (const url of [paths.home, paths.children.list]) assert.equal((await c.get(url)).headers['cache-control'], 'no-store', url);
  const api = await w.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer((await w.services.auth.createToken(admin(), w.users.iro.email, 'cache')).token) });
  assert.equal(api.statusCode, 200);
  assert.equal(api.headers['cache-control'], 'no-store');
  const asset = await c.get('/assets/images/favicon.ico');
  assert.notEqual(asset.headers['cache-control'], 'no-store', 'the GOV.UK assets are still cached');
});

test('a session ends a fixed time after sign-in, however busy, and the sign-in page says why', async () => {
  const c = await signIn(w.app, 'social_worker');
  assert.equal((await c.get(paths.children.list)).statusCode, 200);
  const row = await sessionRow(c);
  const data = row.data as Record<string, unknown>;
  assert.equal(typeof data.signedInAt, 'number', 'sign-in time kept');
  // Signed in two hours ago (the limit in this world), busy ever since.
  await w.database.db.update(userSession).set({ data: { ...data, signedInAt: Date.now() - 2 * 3_600_000 - 1000 } }).where(eq(userSession.sid, row.sid));
  const out = await c.get(paths.children.list);
  assert.equal(out.statusCode, 303);
  assert.match(String(out.headers.location), /^\/sign-in\?returnTo=%2Fchildren/);
  const page = await c.get(String(out.headers.location));
  assert.match(page.body, /govuk-notification-banner/);
  assert.match(page.body, /You have been signed out: sessions end 2 hours after signing in/);
  assert.doesNotMatch((await c.get(String(out.headers.location))).body, /You have been signed out/, 'said once');
  // Signing in again starts a new session.
  const again = await c.post(String(out.headers.location), { email: w.users.social_worker.email, password: TEST_PASSWORD });
  assert.equal(again.statusCode, 303);
  assert.equal((await c.get(paths.children.list)).statusCode, 200);
});

test('a session idle for longer than the idle timeout has ended', async () => {
  const c = await signIn(w.app, 'iro');
  const row = await sessionRow(c);
  const cookie = (await c.get(paths.home)).cookies.find((k) => k.name === 'hearth_session');
  const lasts = cookie?.expires ? (cookie.expires.getTime() - Date.now()) / 60_000 : 0;
  assert.ok(lasts <= 30 && lasts > 29, `the cookie lasts the idle timeout, from each request (${lasts} minutes)`);
  await w.database.db.update(userSession).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(userSession.sid, row.sid));
  const out = await c.get(paths.children.list);
  assert.equal(out.statusCode, 303);
  assert.match(String(out.headers.location), /^\/sign-in/);
});

test('signing out ends the session and clears its cookie', async () => {
  const c = await signIn(w.app, 'team_manager');
  const res = await c.post(paths.signOut);
  assert.equal(res.statusCode, 303);
  const cleared = res.cookies.find((k) => k.name === 'hearth_session');
  assert.ok(cleared, 'the cookie is set again');
  assert.equal(cleared.value, '');
  assert.ok(cleared.expires && cleared.expires.getTime() <= Date.now(), 'to expire now');
});

test('a read-only token reads but cannot change; an expired token works no more; a token lasts 90 days unless chosen', async () => {
  const { token, expiresAt, scope } = await w.services.auth.createToken(admin(), w.users.administrator.email, 'Reports', { scope: 'read' });
  assert.equal(scope, 'read');
  const days = (expiresAt.getTime() - Date.now()) / 86_400_000;
  assert.ok(days > 89.9 && days <= 90, `${days} days`);
  assert.equal((await w.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer(token) })).statusCode, 200);
  const organisations = async () => (await queryRows<{ n: number }>(w.database.db, sql`select count(*)::int as n from organisation`))[0]?.n;
  const before = await organisations();
  const write = await w.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: bearer(token), payload: { kind: 'local_authority', name: 'Readonly Borough', laCode: '998' } });
  assert.equal(write.statusCode, 403);
  assert.match(String(write.headers['content-type']), /application\/problem\+json/);
  assert.match(write.json().detail, /may only read/);
  assert.equal(await organisations(), before, 'nothing created');

  const rw = await w.services.auth.createToken(admin(), w.users.administrator.email, 'Sync', { days: '7', scope: 'read_write' });
  assert.ok(Math.abs(rw.expiresAt.getTime() - Date.now() - 7 * 86_400_000) < 60_000);
  await w.database.db.update(apiToken).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiToken.id, rw.id));
  const expired = await w.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer(rw.token) });
  assert.equal(expired.statusCode, 401);

  await assert.rejects(w.services.auth.createToken(admin(), w.users.administrator.email, 'Bad', { days: '0', scope: 'everything' }), (err: { errors?: { field: string }[] }) => {
    assert.deepEqual(err.errors?.map((e) => e.field), ['days', 'scope']);
    return true;
  });
  await assert.rejects(w.services.auth.createToken(admin(), w.users.administrator.email, 'Bad', { days: '367' }), /Validation/);
});

test('the tokens page makes read-only tokens by default and says what each may do and until when', async () => {
  const c = await signIn(w.app, 'administrator');
  const form = await c.get(paths.tokens.list);
  assert.match(form.body, /name="days"[^>]*value="90"/);
  assert.match(form.body, /name="scope" type="radio" value="read" checked/);
  const made = await c.post(paths.tokens.list, { user: w.users.placement_officer.email, name: 'Weekly report', days: '30', scope: 'read' });
  assert.equal(made.statusCode, 200);
  assert.match(made.body, /Weekly report<\/th>\s*<td class="govuk-table__cell">[^<]*<\/td>\s*<td class="govuk-table__cell">\s*Read only/);
  assert.match(made.body, /Active until /);
  const bad = await c.post(paths.tokens.list, { user: w.users.placement_officer.email, name: 'Too long', days: '1000', scope: 'read' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#days"/);
  assert.match(bad.body, /name="days"[^>]*value="1000"/, 'the input is kept');
});

test('start-up can tell when demo accounts could sign in', async () => {
  assert.equal(await w.services.auth.usableDemoAccounts(), 0, 'the test world has none');
});

test('behind a trusted proxy, sign-in attempts are counted per real client; an untrusted sender cannot choose its address', async () => {
  const pw = await testWorld({ extraEnv: { TRUST_PROXY: '127.0.0.1' } });
  try {
    const attempt = async (forwardedFor: string, remoteAddress = '127.0.0.1') => {
      const c = new Client(pw.app);
      await c.get(paths.signIn);
      return pw.app.inject({
        method: 'POST',
        url: paths.signIn,
        remoteAddress,
        headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-forwarded-for': forwardedFor, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: c.csrf, email: 'guess@example.test', password: 'wrong' }).toString(),
      });
    };
    const codes = [];
    for (let i = 0; i < 11; i++) codes.push((await attempt('203.0.113.7')).statusCode);
    assert.deepEqual(codes, [...Array(10).fill(401), 429], 'one client behind the proxy is limited');
    assert.equal((await attempt('203.0.113.8')).statusCode, 401, 'another client behind the same proxy is not');
    // Not from the proxy: X-Forwarded-For is ignored, so changing it does not reset the count.
    const direct = [];
    for (let i = 0; i < 11; i++) direct.push((await attempt(`198.51.100.${i}`, '192.0.2.50')).statusCode);
    assert.deepEqual(direct, [...Array(10).fill(401), 429]);
  } finally {
    await pw.close();
  }
});

test('people change their own password with their current one; other sessions end; the old password stops working', async () => {
  const elsewhere = await signIn(w.app, 'head_of_service');
  const c = await signIn(w.app, 'head_of_service');
  const form = await c.get(paths.account.password);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Change your password/);
  assert.match((await c.get(paths.home)).body, new RegExp(`class="govuk-service-navigation__link" href="${paths.more}"`), 'More is linked from every page');
  assert.match((await c.get(paths.more)).body, new RegExp(`href="${paths.account.password}">Change password`), 'Change password is on the More page');

  const wrong = await c.post(paths.account.password, { currentPassword: 'not it', newPassword: 'three random words', confirmPassword: 'three random words' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /govuk-error-summary/);
  assert.match(wrong.body, /Your current password is not right/);
  assert.doesNotMatch(wrong.body, /three random words|not it/, 'no password is shown again');
  const short = await c.post(paths.account.password, { currentPassword: TEST_PASSWORD, newPassword: 'short', confirmPassword: 'short' });
  assert.equal(short.statusCode, 400);
  assert.match(short.body, /12 characters or more/);

  const changed = await c.post(paths.account.password, { currentPassword: TEST_PASSWORD, newPassword: 'three random words', confirmPassword: 'three random words' });
  assert.equal(changed.statusCode, 303);
  const after = await c.get(String(changed.headers.location));
  assert.match(after.body, /Your password has been changed\. You have been signed out of one other session\./);
  assert.equal((await c.get(paths.children.list)).statusCode, 200, 'still signed in here');
  assert.equal((await elsewhere.get(paths.children.list)).statusCode, 303, 'signed out elsewhere');

  const email = w.users.head_of_service.email;
  assert.equal(await w.services.auth.signIn(email, TEST_PASSWORD), null, 'the old password no longer works');
  assert.equal((await w.services.auth.signIn(email, 'three random words'))?.actor.userId, w.users.head_of_service.userId);
  const audit = await queryRows<{ action: string; details: { otherSessionsEnded?: number } }>(
    w.database.db,
    sql`select action, details from audit_event where action = 'auth.password-changed' and subject_id = ${w.users.head_of_service.userId}`,
  );
  assert.deepEqual(audit.map((a) => [a.action, a.details.otherSessionsEnded]), [['auth.password-changed', 1]]);
});
