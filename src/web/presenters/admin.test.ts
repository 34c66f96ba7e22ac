import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDITABLE, auditRow, tokenRow } from './admin.ts';

test("an audit event is shown at England's time, one way for every page", () => {
  assert.deepEqual(auditRow({ at: new Date('2026-07-04T13:05:00Z'), actorLabel: 'Priya Officer', action: 'child.viewed', correlationId: null }), [
    { text: '4 July 2026 at 2:05pm' },
    { text: 'Priya Officer' },
    { text: 'child.viewed' },
    { text: '' },
  ]);
});

test('each kind of record with a trail leads back to its page', () => {
  assert.equal(AUDITABLE.user?.show('u1'), '/staff/u1');
  assert.equal(AUDITABLE.child?.label, 'Child');
  assert.equal(AUDITABLE.nonsense, undefined);
});

test('an active token says what it may do and until when, and can be revoked with a button named for it; a revoked or expired one says when', () => {
  const token = {
    id: 't1',
    name: 'Nightly export',
    prefix: 'hrt_ab12',
    createdAt: new Date('2026-01-15T09:30:00Z'),
    lastUsedAt: null,
    revokedAt: null,
    expiresAt: new Date('2026-04-15T09:30:00Z'),
    scope: 'read',
    userName: 'Ada',
    userEmail: 'ada@demo.test',
  };
  const now = new Date('2026-02-01T10:00:00Z');
  assert.deepEqual(tokenRow(token, now), [
    { text: 'Nightly export' },
    { text: 'Ada (ada@demo.test)' },
    { text: 'Read only' },
    { parts: [{ text: 'hrt_ab12…', code: true }] },
    { text: '15 January 2026 at 9:30am' },
    { text: 'Never' },
    { text: 'Active until 15 April 2026 at 10:30am' },
    { parts: [{ text: 'Revoke', href: '/admin/tokens/t1/revoke', hidden: 'Nightly export' }] },
  ]);
  assert.deepEqual(tokenRow({ ...token, scope: 'read_write' }, now)[2], { text: 'Read and change' });
  const revoked = tokenRow({ ...token, revokedAt: new Date('2026-02-01T12:00:00Z') }, now);
  assert.deepEqual(revoked.slice(6), [{ text: 'Revoked 1 February 2026 at midday' }, { text: '' }]);
  const expired = tokenRow(token, new Date('2026-04-15T09:30:00Z'));
  assert.deepEqual(expired.slice(6), [{ text: 'Expired 15 April 2026 at 10:30am' }, { text: '' }], 'nothing left to revoke');
});
