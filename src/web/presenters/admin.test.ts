import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDITABLE, auditRow } from './admin.ts';

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
