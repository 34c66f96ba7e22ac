import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { freshDatabase, TEST_PASSWORD } from './helpers.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/services/index.ts';
import { loggerOptions } from '../src/logging.ts';
import { appUser, organisation } from '../src/data/schema.ts';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../src/services/auth.ts';

test('logs are JSON with a request id and carry no personal data', async () => {
  const database = await freshDatabase();
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'l'.repeat(40), LOG_LEVEL: 'info' });
  const options = loggerOptions(config) as Record<string, unknown>;
  const app = await buildApp({ config, services: createServices(database, { allowDemoAccounts: true }), logger: { ...options, stream } });
  try {
    const [la] = await database.db.insert(organisation).values({ kind: 'local_authority', name: 'Logshire', laCode: '995' }).returning();
    await database.db.insert(appUser).values({ organisationId: la!.id, email: 'jessica.quinnell@logs.test', fullName: 'Jessica Quinnell', role: 'team_manager', passwordHash: await hashPassword(TEST_PASSWORD) });
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}&email=jessica.quinnell%40logs.test&password=${TEST_PASSWORD}`,
    });
    await app.inject({ method: 'GET', url: '/organisations?q=Quinnell', headers: { 'x-request-id': 'trace-123' } });
    assert.ok(lines.length >= 4, 'requests were logged');
    for (const line of lines) {
      const entry = JSON.parse(line) as { reqId?: string };
      assert.ok(entry.reqId, `every request log line has a request id: ${line}`);
      assert.ok(!/quinnell|jessica/i.test(line), `no personal data in: ${line}`);
      assert.ok(!line.includes(TEST_PASSWORD));
    }
    assert.ok(lines.some((l) => l.includes('trace-123')), 'a caller-supplied request id is kept');
  } finally {
    await app.close();
    await database.close();
  }
});

test("a server error's log line names the fault, never the personal data in its message or the query's parameters", async () => {
  const database = await freshDatabase();
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'l'.repeat(40), LOG_LEVEL: 'info' });
  const services = createServices(database, { allowDemoAccounts: true });
  // A real failed query whose parameters hold a name and a date of birth, as a fault would throw it.
  services.organisations.list = async () => {
    await database.db.execute(sql`select ${'Tamsin Okonkwo-Reyes'}::text, ${'2011-02-29'}::date`);
    return [];
  };
  const app = await buildApp({ config, services, logger: { ...(loggerOptions(config) as Record<string, unknown>), stream } });
  try {
    const [la] = await database.db.insert(organisation).values({ kind: 'local_authority', name: 'Logshire', laCode: '995' }).returning();
    await database.db.insert(appUser).values({ organisationId: la!.id, email: 'hos@logs.test', fullName: 'Hana Oduya', role: 'head_of_service', passwordHash: await hashPassword(TEST_PASSWORD) });
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const signedIn = await app.inject({ method: 'POST', url: '/sign-in', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}&email=hos%40logs.test&password=${TEST_PASSWORD}` });
    const session = signedIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ') || cookie;
    const res = await app.inject({ method: 'GET', url: '/organisations', headers: { cookie: session } });
    assert.equal(res.statusCode, 500);
    assert.ok(!/Okonkwo|Tamsin|2011-02-29/.test(res.body), 'nor in the page');
    const failure = lines.map((l) => JSON.parse(l) as { msg?: string; error?: { type?: string; cause?: { code?: string }; stack?: string[] } }).find((e) => e.msg === 'request failed');
    assert.ok(failure?.error, 'the failure is logged');
    assert.equal(failure.error.cause?.code, '22008', "PostgreSQL's error code (a date out of range) is kept");
    assert.ok((failure.error.stack ?? []).length > 0, 'and where it was thrown');
    for (const line of lines) assert.ok(!/Okonkwo|Tamsin|2011-02-29|Oduya/.test(line), `no personal data in: ${line}`);
  } finally {
    await app.close();
    await database.close();
  }
});
