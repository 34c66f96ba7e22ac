import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDITABLE, auditRow, tokenRow } from './admin.ts';

test("an audit event is shown at England's time, one way for every page", () => {
  assert.deepEqual(auditRow({ at: new Date('2026-07-04T13:05:00Z'), actorLabel: 'Priya Officer', action: 'child.viewed', correlationId: null }), [
    { text: '4 July 2026 at 14:05' },
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

test('an active token can be revoked with a button named for it; a revoked one says when', () => {
  const token = { id: 't1', name: 'Nightly export', prefix: 'hrt_ab12', createdAt: new Date('2026-01-15T09:30:00Z'), lastUsedAt: null, revokedAt: null, userName: 'Ada', userEmail: 'ada@demo.test' };
  assert.deepEqual(tokenRow(token, 'csrf'), [
    { text: 'Nightly export' },
    { text: 'Ada (ada@demo.test)' },
    { parts: [{ text: 'hrt_ab12…', code: true }] },
    { text: '15 January 2026 at 09:30' },
    { text: 'Never' },
    { text: 'Active' },
    { parts: [{ button: { text: 'Revoke', action: '/admin/tokens/t1/revoke', csrf: 'csrf', hidden: 'Nightly export', classes: 'govuk-button--warning' } }] },
  ]);
  const revoked = tokenRow({ ...token, revokedAt: new Date('2026-02-01T12:00:00Z') }, 'csrf');
  assert.deepEqual(revoked.slice(5), [{ text: 'Revoked 1 February 2026 at 12:00' }, { text: '' }]);
});
