import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advocacyNotices, beforePlacingReasons, contingenciesNeeded, type BeforePlacingFacts } from './before-placing.ts';

const DAY = '2026-03-02';
const agreement = { whatShared: 'Health and parenting observations', sharedWith: 'Health visitor, carers, SW', whenShared: 'Weekly', howShared: 'Secure e-mail', agreedWithParentOn: '2026-02-20', childProtectionApplies: false, chairName: null, chairConfirmedOn: null };
const ready: BeforePlacingFacts = { agreement, contingencies: ['success', 'failure_child_in_care'], anyChildInCare: true, anyChildNotInCare: false, parentsNeedingAdvocacy: [] };

test('ready: an agreement agreed with the parent and a plan for each possible outcome', () => {
  assert.deepEqual(beforePlacingReasons(ready, DAY), []);
});

test('no agreement, and every missing plan, are all reasons', () => {
  const r = beforePlacingReasons({ ...ready, agreement: null, contingencies: [] }, DAY);
  assert.deepEqual(r.map((x) => x.code), ['sharing-agreement-missing', 'contingency-missing', 'contingency-missing']);
});

test('the failure plans needed follow who is in care', () => {
  assert.deepEqual(contingenciesNeeded({ anyChildInCare: true, anyChildNotInCare: false }), ['success', 'failure_child_in_care']);
  assert.deepEqual(contingenciesNeeded({ anyChildInCare: false, anyChildNotInCare: true }), ['success', 'failure_child_not_in_care']);
  assert.deepEqual(contingenciesNeeded({ anyChildInCare: true, anyChildNotInCare: true }), ['success', 'failure_child_in_care', 'failure_child_not_in_care']);
  const r = beforePlacingReasons({ ...ready, anyChildInCare: false, anyChildNotInCare: true }, DAY);
  assert.deepEqual(r.map((x) => x.code), ['contingency-missing']);
  assert.match(r[0]!.message, /child is not in care/);
});

test('an incomplete agreement says what it lacks; a future agreement day does not count', () => {
  const r = beforePlacingReasons({ ...ready, agreement: { ...agreement, howShared: ' ', agreedWithParentOn: '2026-03-05' } }, DAY);
  assert.deepEqual(r.map((x) => x.code), ['sharing-agreement-incomplete']);
  assert.match(r[0]!.message, /how, the day it was agreed with the parent/);
});

test('under child protection procedures, the conference chair confirms it, named and dated', () => {
  const cp = { ...agreement, childProtectionApplies: true };
  assert.deepEqual(beforePlacingReasons({ ...ready, agreement: cp }, DAY).map((x) => x.code), ['chair-confirmation-missing']);
  assert.deepEqual(beforePlacingReasons({ ...ready, agreement: { ...cp, chairName: 'Priya Shah', chairConfirmedOn: null } }, DAY).map((x) => x.code), ['chair-confirmation-missing']);
  assert.deepEqual(beforePlacingReasons({ ...ready, agreement: { ...cp, chairName: 'Priya Shah', chairConfirmedOn: '2026-02-25' } }, DAY), []);
});

test('advocacy: not offered, or offered and not answered, is visible; answered is not', () => {
  assert.deepEqual(advocacyNotices({ parentsNeedingAdvocacy: [{ name: 'Kayla', offers: [] }] }).map((n) => n.code), ['advocacy-not-offered']);
  const unanswered = advocacyNotices({ parentsNeedingAdvocacy: [{ name: 'Kayla', offers: [{ offeredOn: '2026-02-01', response: 'declined' }, { offeredOn: '2026-02-20', response: null }] }] });
  assert.deepEqual(unanswered.map((n) => n.code), ['advocacy-unanswered']);
  assert.match(unanswered[0]!.message, /20 February 2026/);
  assert.deepEqual(advocacyNotices({ parentsNeedingAdvocacy: [{ name: 'Kayla', offers: [{ offeredOn: '2026-02-20', response: 'accepted' }] }] }), []);
});
