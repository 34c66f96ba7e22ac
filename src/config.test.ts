import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, parseTrustProxy } from './config.ts';

test('TRUST_PROXY names the proxies to believe, never every address', () => {
  assert.equal(parseTrustProxy('false'), false);
  assert.equal(parseTrustProxy(''), false);
  assert.deepEqual(parseTrustProxy('10.0.0.5'), ['10.0.0.5']);
  assert.deepEqual(parseTrustProxy(' 10.0.0.0/24, fd00::/8 ,loopback'), ['10.0.0.0/24', 'fd00::/8', 'loopback']);
  for (const everything of ['true', '*', '0.0.0.0/0', '::/0']) assert.equal(typeof parseTrustProxy(everything), 'string', everything);
  for (const bad of ['proxy.example.org', '10.0.0.0/33', '10.0.0.1/8/1', '300.1.1.1', 'fd00::/129', '10.0.0.0/x']) assert.equal(typeof parseTrustProxy(bad), 'string', bad);
  assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY: give the addresses or CIDR ranges of your reverse proxies/);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '192.168.1.1' }).trustProxy, ['192.168.1.1']);
});

test('sessions end 30 minutes idle and 12 hours after sign-in, and tokens last 90 days, unless set otherwise', () => {
  const defaults = loadConfig({});
  assert.deepEqual(defaults.session, { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 });
  assert.equal(defaults.apiTokenDays, 90);
  assert.equal(defaults.usingDevelopmentSecret, true);
  const set = loadConfig({ SESSION_IDLE_MINUTES: '15', SESSION_ABSOLUTE_HOURS: '8', API_TOKEN_DAYS: '30', SESSION_SECRET: 's'.repeat(32) });
  assert.deepEqual(set.session, { idleMs: 15 * 60_000, absoluteMs: 8 * 3_600_000 });
  assert.equal(set.apiTokenDays, 30);
  assert.equal(set.usingDevelopmentSecret, false);
  assert.throws(() => loadConfig({ API_TOKEN_DAYS: '400' }), /API_TOKEN_DAYS/);
  assert.throws(() => loadConfig({ SESSION_IDLE_MINUTES: '0' }), /SESSION_IDLE_MINUTES/);
});

test('templates are compiled once whatever NODE_ENV, and read again on every page only when RELOAD_TEMPLATES=true (npm run dev)', () => {
  assert.equal(loadConfig({}).reloadTemplates, false);
  assert.equal(loadConfig({ NODE_ENV: 'development' }).reloadTemplates, false);
  assert.equal(loadConfig({ NODE_ENV: 'test', RELOAD_TEMPLATES: 'false' }).reloadTemplates, false);
  assert.equal(loadConfig({ RELOAD_TEMPLATES: 'true' }).reloadTemplates, true);
  assert.throws(() => loadConfig({ RELOAD_TEMPLATES: 'yes' }), /RELOAD_TEMPLATES/);
});
