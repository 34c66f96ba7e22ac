import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OWN_FORM_EVENT_KINDS, mayRecordEventKind, recordableKinds } from './recording.ts';
import { ROLES, can } from './index.ts';
import { CHILD_EVENT_KINDS } from '../deadlines/types.ts';

const kinds = Object.keys(CHILD_EVENT_KINDS);

test('the IRO records looked-after reviews and the delegated authority reviewed at them, nothing else', () => {
  assert.deepEqual(recordableKinds('iro', kinds).sort(), ['delegated_authority_reviewed', 'review_held']);
  assert.equal(mayRecordEventKind('iro', 'visit'), false);
  assert.equal(mayRecordEventKind('iro', 'carer_review_held'), false);
});

const general = kinds.filter((k) => !OWN_FORM_EVENT_KINDS.has(k));

test('every other role records every kind if and only if it may record obligations', () => {
  for (const role of ROLES.filter((r) => r !== 'iro')) {
    for (const k of general) assert.equal(mayRecordEventKind(role, k), can(role, 'obligation:record'), `${role} ${k}`);
  }
  assert.deepEqual(recordableKinds('administrator', kinds), []);
  assert.deepEqual(recordableKinds('social_worker', kinds), general);
});

test('the decision on placing with dual-approved carers is recorded only on its own page (who decided, outcome, reasons), by no role as a bare event', () => {
  assert.deepEqual([...OWN_FORM_EVENT_KINDS], ['early_permanence_considered']);
  for (const role of ROLES) assert.equal(mayRecordEventKind(role, 'early_permanence_considered'), false, role);
  assert.equal(mayRecordEventKind('social_worker', 'adoption_in_plan'), true);
});
