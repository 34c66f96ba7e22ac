import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signInPage } from './auth.ts';

test('the sign-in form keeps where to return to, and warns of demo accounts only where they are allowed', () => {
  const page = signInPage('/children?q=a b', true);
  assert.equal(page.action, '/sign-in?returnTo=%2Fchildren%3Fq%3Da%20b');
  assert.deepEqual(page.fields.map((f) => f.name), ['email', 'password']);
  assert.match(page.warning ?? '', /refused in production/);
  assert.equal(signInPage('/', false).warning, undefined);
});
