import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englandAndWales as cal } from '../calendar/index.ts';
import { chaseAction, confirmationBlockers, considerationRoleOf, mayRecordAgreements, proposalBlockers, type ConfirmationState } from './index.ts';

const existing = [
  { id: 'a', label: 'a girl aged 9 (C00001)' },
  { id: 'b', label: 'a boy aged 12 (C00002)' },
];
const allConsidered = existing.flatMap((c) => [
  { existingChildId: c.id, role: 'placement_officer' as const, servesWellbeing: true },
  { existingChildId: c.id, role: 'supervising_social_worker' as const, servesWellbeing: true },
]);

test('a household cannot be proposed until both the placement officer and the SSW have considered each child already there', () => {
  assert.deepEqual(proposalBlockers(existing, allConsidered), []);
  assert.deepEqual(proposalBlockers([], []), [], 'nobody else lives there: nothing to consider');
  const missing = proposalBlockers(existing, allConsidered.slice(1));
  assert.deepEqual(missing, ['The placement officer (referral response team) has not recorded whether this placement serves the well-being and best interests of a girl aged 9 (C00001)']);
  const against = proposalBlockers(existing, allConsidered.map((c, i) => (i === 3 ? { ...c, servesWellbeing: false } : c)));
  assert.deepEqual(against, ['The supervising social worker recorded that this placement does not serve the well-being and best interests of a boy aged 12 (C00002)']);
});

const ready: ConfirmationState = {
  requestStatus: 'proposed',
  proposalStatus: 'proposed',
  proposedStart: '2026-12-01',
  gate: [],
};

test('confirmation: every unmet condition is listed, not just the first, the gate\'s reasons after the proposal\'s own', () => {
  assert.deepEqual(confirmationBlockers(ready, '2026-11-25'), []);
  const blocked = confirmationBlockers(
    { ...ready, proposedStart: '2026-11-20', gate: ['Approval is on hold: no child can be placed while it is.', 'The social worker of a boy aged 12 (C00002) declined this placement in writing.'] },
    '2026-11-25',
  );
  assert.deepEqual(blocked, [
    'The start date is in the past: change it to today or later',
    'Approval is on hold: no child can be placed while it is.',
    'The social worker of a boy aged 12 (C00002) declined this placement in writing.',
  ]);
  assert.deepEqual(confirmationBlockers({ ...ready, proposalStatus: 'considering', requestStatus: 'matching', proposedStart: null }, '2026-11-25'), [
    'The household has not been proposed (the proposal is considering)',
    'The placement request is matching, not proposed',
    'Enter the date the placement starts',
  ]);
});

test('chasing an unanswered request: remind after a working day, twice, then escalate once', () => {
  const s = { status: 'requested' as const, requestedOn: '2026-11-20', lastChasedOn: null, remindersSent: 0, escalated: false };
  assert.equal(chaseAction(s, '2026-11-20', cal), 'none', 'not on the day it was sent');
  assert.equal(chaseAction(s, '2026-11-21', cal), 'none', 'Saturday is not a working day');
  assert.equal(chaseAction(s, '2026-11-23', cal), 'remind', 'Monday: one working day has passed');
  assert.equal(chaseAction({ ...s, lastChasedOn: '2026-11-23', remindersSent: 1 }, '2026-11-23', cal), 'none', 'once a day');
  assert.equal(chaseAction({ ...s, lastChasedOn: '2026-11-23', remindersSent: 1 }, '2026-11-24', cal), 'remind');
  assert.equal(chaseAction({ ...s, lastChasedOn: '2026-11-24', remindersSent: 2 }, '2026-11-25', cal), 'escalate');
  assert.equal(chaseAction({ ...s, lastChasedOn: '2026-11-25', remindersSent: 2, escalated: true }, '2026-11-27', cal), 'none');
  assert.equal(chaseAction({ ...s, status: 'agreed' }, '2026-12-25', cal), 'none', 'answered requests are not chased');
  // Across Christmas: sent on Christmas Eve 2026 (Thursday); 25, 26 (Sat), 27 (Sun) and 28 (substitute Boxing Day) are not working days.
  assert.equal(chaseAction({ ...s, requestedOn: '2026-12-24' }, '2026-12-28', cal), 'none');
  assert.equal(chaseAction({ ...s, requestedOn: '2026-12-24' }, '2026-12-29', cal), 'remind');
});

test('who considers and who records agreements: the placement officer and the household’s own SSW; the SSW or their line manager', () => {
  const ssw = 'ssw-1';
  assert.equal(considerationRoleOf({ role: 'placement_officer', userId: 'po' }, ssw), 'placement_officer');
  assert.equal(considerationRoleOf({ role: 'supervising_social_worker', userId: ssw }, ssw), 'supervising_social_worker');
  assert.equal(considerationRoleOf({ role: 'supervising_social_worker', userId: 'other' }, ssw), null);
  assert.equal(considerationRoleOf({ role: 'team_manager', userId: 'tm' }, ssw), null);
  assert.equal(mayRecordAgreements({ role: 'supervising_social_worker', userId: ssw }, ssw, 'tm'), true);
  assert.equal(mayRecordAgreements({ role: 'team_manager', userId: 'tm' }, ssw, 'tm'), true);
  assert.equal(mayRecordAgreements({ role: 'team_manager', userId: 'another-tm' }, ssw, 'tm'), false);
  assert.equal(mayRecordAgreements({ role: 'head_of_service', userId: 'hos' }, ssw, 'tm'), false, 'a head of service is neither the SSW nor their line manager');
  assert.equal(mayRecordAgreements({ role: 'head_of_service', userId: 'hos' }, ssw, 'hos'), true, '…unless they are the line manager');
  assert.equal(mayRecordAgreements({ role: 'placement_officer', userId: 'po' }, ssw, 'tm'), false);
  assert.equal(mayRecordAgreements({ role: 'supervising_social_worker', userId: 'x' }, null, null), false);
});
