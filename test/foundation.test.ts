import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql, eq } from 'drizzle-orm';
import { testWorld, signIn, Client, TEST_PASSWORD, tokenFor, bearer, type TestWorld } from './helpers.ts';
import { AUDIT_ACTIONS } from '../src/audit/events.ts';
import { PERMISSIONS, ROLES, can } from '../src/domain/access/index.ts';
import { auditEvent, appUser, organisation, userSession } from '../src/data/schema.ts';
import { writeAudit } from '../src/audit/writer.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/services/index.ts';

let w: TestWorld;
before(async () => {
  w = await testWorld();
});
after(async () => w.close());

test('every registered route declares its permission and audit event', () => {
  const routes = w.app.declaredRoutes.filter((r) => r.method !== 'HEAD');
  assert.ok(routes.length > 10, 'routes were catalogued');
  const missing = routes.filter((r) => !r.access || !r.audit);
  assert.deepEqual(missing, [], `routes without a declaration: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  for (const r of routes) {
    assert.ok(r.audit === 'none' || (AUDIT_ACTIONS as readonly string[]).includes(r.audit as string), `${r.method} ${r.url} names a known audit event`);
    assert.ok(['public', 'signed-in', ...PERMISSIONS].includes(r.access as string), `${r.method} ${r.url} names a known permission`);
  }
  const publicRoutes = routes.filter((r) => r.access === 'public' && !r.url.startsWith('/assets') && !r.url.startsWith('/api/v1/docs'));
  assert.deepEqual(publicRoutes.map((r) => `${r.method} ${r.url}`).sort(), [
    'GET /accessibility',
    // The single-use link another authority's social worker answers through (Concurrent placement agreement procedure), rate limited.
    'GET /agreement/:token',
    'GET /api/v1/openapi.json',
    'GET /health/live',
    'GET /health/ready',
    'GET /sign-in',
    // The code step of a password sign-in, for someone using two-factor sign-in (rate limited).
    'GET /sign-in/code',
    'POST /agreement/:token',
    'POST /sign-in',
    'POST /sign-in/code',
  ]);
});

test('every role is refused each route whose permission it lacks (route matrix)', async () => {
  const routes = w.app.declaredRoutes.filter((r) => r.method !== 'HEAD' && r.access && !['public', 'signed-in'].includes(r.access));
  const sample = '00000000-0000-4000-8000-000000000000';
  for (const role of ROLES) {
    const token = await tokenFor(w, role);
    for (const r of routes) {
      if (can(role, r.access as (typeof PERMISSIONS)[number])) continue;
      const url = r.url.replace(/:[a-zA-Z]+/g, (m) => (m === ':type' ? 'child' : sample));
      if (!url.startsWith('/api/')) continue;
      const res = await w.app.inject({ method: r.method as 'GET', url, headers: { ...bearer(token), 'content-type': 'application/json' }, payload: r.method === 'GET' ? undefined : '{}' });
      assert.equal(res.statusCode, 403, `${role} ${r.method} ${url} should be 403, got ${res.statusCode}`);
    }
  }
});

test('the permission matrix holds the key refusals', () => {
  assert.equal(can('supervising_social_worker', 'child:legal-status:write'), false);
  for (const role of ROLES) assert.equal(can(role, 'user:manage'), role === 'administrator', role);
  for (const role of ROLES) assert.equal(can(role, 'token:manage'), role === 'administrator', role);
  assert.equal(can('iro', 'placement:write'), false);
  assert.equal(can('social_worker', 'audit:read'), false);
  assert.equal(can('team_manager', 'audit:read'), true);
  // A move is agreed through HARP (recorded by a manager) or by the head of service, never by those who ask for it.
  for (const role of ROLES) assert.equal(can(role, 'move:decide'), role === 'team_manager' || role === 'head_of_service', role);
  assert.equal(can('social_worker', 'move:request'), true);
  assert.equal(can('iro', 'move:request'), false);
  // The Stability Panel: referred by the child's social worker or a manager; its sittings and decisions recorded by managers.
  for (const role of ROLES) assert.equal(can(role, 'panel:manage'), role === 'team_manager' || role === 'head_of_service', role);
  for (const role of ROLES) assert.equal(can(role, 'panel:refer'), ['social_worker', 'team_manager', 'head_of_service'].includes(role), role);
});

test('pages need sign-in; the API answers 401 without credentials', async () => {
  const page = await w.app.inject({ method: 'GET', url: '/organisations' });
  assert.equal(page.statusCode, 303);
  assert.equal(page.headers.location, '/sign-in?returnTo=%2Forganisations');
  const api = await w.app.inject({ method: 'GET', url: '/api/v1/organisations' });
  assert.equal(api.statusCode, 401);
  assert.match(api.headers['content-type'] as string, /application\/problem\+json/);
  const badToken = await w.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer('hth_not-a-real-token') });
  assert.equal(badToken.statusCode, 401);
});

test('sign-in: wrong password refused and audited; session cookie is HTTP-only and stored in the database', async () => {
  const c = new Client(w.app);
  await c.get('/sign-in');
  const bad = await c.post('/sign-in', { email: 'administrator@test.hearth.test', password: 'wrong' });
  assert.equal(bad.statusCode, 401);
  assert.match(bad.body, /Enter a correct email address and password/);
  const good = await c.post('/sign-in', { email: 'Administrator@Test.Hearth.Test', password: TEST_PASSWORD });
  assert.equal(good.statusCode, 303);
  const cookie = good.cookies.find((k) => k.name === 'hearth_session');
  assert.ok(cookie?.httpOnly);
  assert.equal(cookie?.sameSite, 'Lax');
  const sessions = await w.database.db.select().from(userSession);
  assert.ok(sessions.some((s) => (s.data as { userId?: string }).userId === w.users.administrator.userId));
  const actions = (await w.database.db.select().from(auditEvent)).map((a) => a.action);
  assert.ok(actions.includes('auth.sign-in-failed'));
  assert.ok(actions.includes('auth.sign-in'));
});

test('a session created by one app process works in another sharing the database', async () => {
  const c = await signIn(w.app, 'team_manager');
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' });
  const other = await buildApp({ config, services: createServices(w.database, { allowDemoAccounts: true }) });
  try {
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await other.inject({ method: 'GET', url: '/organisations', headers: { cookie } });
    assert.equal(res.statusCode, 200);
  } finally {
    await other.close();
  }
});

test('forms without a valid CSRF token are refused and change nothing', async () => {
  const c = await signIn(w.app, 'head_of_service');
  const res = await c.post('/organisations/new', { _csrf: 'forged', kind: 'fostering_agency', name: 'Forged Fostering' });
  assert.equal(res.statusCode, 403);
  const rows = await w.database.db.select().from(organisation).where(eq(organisation.name, 'Forged Fostering'));
  assert.equal(rows.length, 0);
  const api = await c.json('POST', '/api/v1/organisations', { kind: 'fostering_agency', name: 'Forged Fostering' });
  assert.equal(api.statusCode, 201, 'session API calls carry the CSRF header');
  const noHeader = await w.app.inject({
    method: 'POST',
    url: '/api/v1/organisations',
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/json' },
    payload: JSON.stringify({ kind: 'fostering_agency', name: 'No Header Fostering' }),
  });
  assert.equal(noHeader.statusCode, 403);
});

test('security headers include a nonce-based CSP whose nonce is on the page script', async () => {
  const res = await w.app.inject({ method: 'GET', url: '/sign-in' });
  const csp = res.headers['content-security-policy'] as string;
  const m = /script-src 'self' 'nonce-([^']+)'/.exec(csp);
  assert.ok(m, csp);
  assert.ok(res.body.includes(`nonce="${m[1]}"`));
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.ok(res.headers['x-request-id']);
});

test('sign-in is rate limited', async () => {
  const c = new Client(w.app);
  await c.get('/sign-in');
  const codes: number[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await c.post('/sign-in', { email: 'guess@example.test', password: `guess-${i}` });
    codes.push(res.statusCode);
  }
  assert.deepEqual(codes.slice(0, 10), Array(10).fill(401));
  assert.deepEqual(codes.slice(10), [429, 429], `codes: ${codes.join(',')}`);
  // Another account from the same address is not locked out by those guesses.
  const other = await c.post('/sign-in', { email: 'iro@test.hearth.test', password: TEST_PASSWORD });
  assert.equal(other.statusCode, 303);
});

test('demo accounts are refused when NODE_ENV=production', async () => {
  // Inject speaks plain HTTP, so the production world lets the (otherwise Secure) cookie through.
  const prod = await testWorld({ env: 'production', extraEnv: { COOKIE_SECURE: 'false' } });
  try {
    await prod.database.db.update(appUser).set({ isDemo: true }).where(eq(appUser.role, 'administrator'));
    const c = new Client(prod.app);
    await c.get('/sign-in');
    const res = await c.post('/sign-in', { email: 'administrator@test.hearth.test', password: TEST_PASSWORD });
    assert.equal(res.statusCode, 401);
    const ok = await c.post('/sign-in', { email: 'team_manager@test.hearth.test', password: TEST_PASSWORD });
    assert.equal(ok.statusCode, 303);
  } finally {
    await prod.close();
  }
});

test('audit rows cannot be updated or deleted, even by the application', async () => {
  const db = w.database.db;
  const appendOnly = (err: unknown) => /append-only/.test(String((err as { cause?: Error }).cause?.message ?? (err as Error).message));
  await assert.rejects(db.execute(sql`update audit_event set action = 'x'`), appendOnly);
  await assert.rejects(db.execute(sql`delete from audit_event`), appendOnly);
  await assert.rejects(db.execute(sql`truncate audit_event`), appendOnly);
});

test('a failed audit write rolls the change back', async () => {
  const db = w.database.db;
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.insert(organisation).values({ kind: 'fostering_agency', name: 'Rolled Back Fostering' });
      // Details that cannot be serialised make the audit insert fail inside the transaction.
      await writeAudit(tx, { actor: null }, { action: 'organisation.created', subjectType: 'organisation', subjectId: 'x', details: { bad: 1n as unknown as number } });
    }),
  );
  const rows = await db.select().from(organisation).where(eq(organisation.name, 'Rolled Back Fostering'));
  assert.equal(rows.length, 0);
});

test('health endpoints and the OpenAPI document', async () => {
  assert.deepEqual((await w.app.inject({ method: 'GET', url: '/health/live' })).json(), { status: 'ok' });
  assert.deepEqual((await w.app.inject({ method: 'GET', url: '/health/ready' })).json(), { status: 'ok', database: 'ok' });
  const doc = (await w.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/v1/organisations']);
  const docs = await w.app.inject({ method: 'GET', url: '/api/v1/docs/' });
  assert.equal(docs.statusCode, 200);
});

test('unknown API paths, malformed JSON and oversized bodies get problem responses', async () => {
  const token = await tokenFor(w, 'head_of_service');
  const nf = await w.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: bearer(token) });
  assert.equal(nf.statusCode, 404);
  assert.match(nf.headers['content-type'] as string, /problem\+json/);
  const badJson = await w.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: { ...bearer(token), 'content-type': 'application/json' }, payload: '{"kind":' });
  assert.equal(badJson.statusCode, 400);
  assert.match(badJson.headers['content-type'] as string, /problem\+json/);
  const big = await w.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: { ...bearer(token), 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(300_000) }) });
  assert.equal(big.statusCode, 413);
  const array = await w.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: { ...bearer(token), 'content-type': 'application/json' }, payload: '[1,2]' });
  assert.equal(array.statusCode, 400);
  const notUuid = await w.app.inject({ method: 'GET', url: '/api/v1/organisations/not-a-uuid', headers: bearer(token) });
  assert.equal(notUuid.statusCode, 404);
  const longName = await w.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: bearer(token), payload: { kind: 'fostering_agency', name: 'y'.repeat(201) } });
  assert.equal(longName.statusCode, 400);
});

test('revoked tokens stop working', async () => {
  const { id, token } = await w.services.auth.createToken({ actor: w.users.administrator }, w.users.iro.email, 'to revoke');
  assert.equal((await w.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer(token) })).statusCode, 200);
  await w.services.auth.revokeToken({ actor: w.users.administrator }, id);
  assert.equal((await w.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer(token) })).statusCode, 401);
});

test('an administrator creates a token on the tokens page and sees it once', async () => {
  const c = await signIn(w.app, 'administrator');
  await c.get('/admin/tokens');
  const res = await c.post('/admin/tokens', { user: w.users.placement_officer.email, name: 'Nightly export' });
  assert.equal(res.statusCode, 200);
  const token = /<code class="hearth-token">(hth_[^<]+)<\/code>/.exec(res.body)?.[1];
  assert.ok(token);
  assert.equal((await w.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer(token) })).statusCode, 200);
  const again = await c.get('/admin/tokens');
  assert.ok(!again.body.includes(token), 'the secret is not shown again');
  const bad = await c.post('/admin/tokens', { user: 'nobody@nowhere.test', name: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
});
