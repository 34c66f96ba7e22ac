import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayRecordEventKind, recordableKinds } from './recording.ts';
import { ROLES, can } from './index.ts';
import { CHILD_EVENT_KINDS } from '../deadlines/types.ts';

const kinds = Object.keys(CHILD_EVENT_KINDS);

test('the IRO records looked-after reviews and the delegated authority reviewed at them, nothing else', () => {
  assert.deepEqual(recordableKinds('iro', kinds).sort(), ['delegated_authority_reviewed', 'review_held']);
  assert.equal(mayRecordEventKind('iro', 'visit'), false);
  assert.equal(mayRecordEventKind('iro', 'carer_review_held'), false);
});

test('every other role records every kind if and only if it may record obligations', () => {
  for (const role of ROLES.filter((r) => r !== 'iro')) {
    for (const k of kinds) assert.equal(mayRecordEventKind(role, k), can(role, 'obligation:record'), `${role} ${k}`);
  }
  assert.deepEqual(recordableKinds('administrator', kinds), []);
  assert.deepEqual(recordableKinds('social_worker', kinds), kinds);
});
