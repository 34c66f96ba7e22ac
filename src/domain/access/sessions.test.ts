import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionHasEnded } from './sessions.ts';

test('a session ends its set time after sign-in, however busy; one with no sign-in time has ended', () => {
  const hours12 = 12 * 3_600_000;
  const signedIn = Date.UTC(2026, 11, 6, 8, 0);
  assert.equal(sessionHasEnded(signedIn, signedIn + hours12 - 1, hours12), false);
  assert.equal(sessionHasEnded(signedIn, signedIn + hours12, hours12), true);
  assert.equal(sessionHasEnded(undefined, signedIn, hours12), true);
  assert.equal(sessionHasEnded('2026-12-06', signedIn, hours12), true);
});
