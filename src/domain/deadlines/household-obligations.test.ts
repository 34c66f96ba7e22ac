import { test } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { connectedPersonTemporaryApproval, emergencyPlacementOutsideTerms, fosterCarerReview } from './household-obligations.ts';
import { status } from './status.ts';
import { household } from './test-facts.ts';
import type { HouseholdEvent, HouseholdPlacementFact, TemporaryApprovalFact } from './types.ts';

const cal = christmasCalendar();

// --- foster carer review ---------------------------------------------------------------------

test('foster carer review: within a year of approval, then within a year of each review', () => {
  const events: HouseholdEvent[] = [
    { kind: 'carer_review_held', date: '2024-02-20' },
    { kind: 'carer_review_held', date: '2025-03-10' },
  ];
  const series = fosterCarerReview.derive(household({ events }), cal);
  assert.deepEqual(
    series.map((i) => [i.id, i.startedOn, i.dueOn, i.completedOn ?? null, status(i, '2025-04-01', cal)]),
    [
      ['foster-carer-review:household:hh-1:1', '2023-02-28', '2024-02-28', '2024-02-20', 'completed_on_time'],
      ['foster-carer-review:household:hh-1:2', '2024-02-20', '2025-02-20', '2025-03-10', 'completed_late'],
      ['foster-carer-review:household:hh-1:3', '2025-03-10', '2026-03-10', null, 'not_yet_due'],
    ],
  );
});

test('foster carer review: approval on 29 Feb 2024 is due by 28 Feb 2025; correcting the approval date moves it', () => {
  assert.equal(fosterCarerReview.derive(household({ approvalDate: '2024-02-29' }), cal)[0]?.dueOn, '2025-02-28');
  assert.equal(fosterCarerReview.derive(household({ approvalDate: '2024-03-05' }), cal)[0]?.dueOn, '2025-03-05');
});

test('foster carer review: none while in assessment; not needed once deregistered before it was due', () => {
  assert.deepEqual(fosterCarerReview.derive(household({ approvalStatus: 'in_assessment', approvalDate: null }), cal), []);
  const [i] = fosterCarerReview.derive(household({ approvalStatus: 'deregistered', deregisteredOn: '2023-11-30' }), cal);
  assert.equal(status(i!, '2024-06-01', cal), 'not_applicable');
  assert.match(i!.notApplicableReason ?? '', /deregistered on Thu 30 Nov 2023/);
});

// --- connected person temporary approval -----------------------------------------------------

const approval = (over: Partial<TemporaryApprovalFact> = {}): TemporaryApprovalFact => ({ id: 'ta-1', childId: 'child-1', start: '2024-01-08', ...over });
const temp = (a: TemporaryApprovalFact) => connectedPersonTemporaryApproval.derive(household({ temporaryApprovals: [a] }), cal)[0]!;

test('temporary approval of a connected person: 16 weeks', () => {
  const i = temp(approval());
  assert.equal(i.id, 'connected-person-temporary-approval:household:hh-1:ta-1');
  assert.equal(i.childId, 'child-1');
  assert.equal(i.dueOn, '2024-04-29');
  assert.equal(status(i, '2024-04-30', cal), 'overdue');
  assert.equal(status(temp(approval({ fullyApprovedOn: '2024-04-01' })), '2024-04-30', cal), 'completed_on_time');
  assert.equal(status(temp(approval({ endedOn: '2024-05-02' })), '2024-05-30', cal), 'completed_late');
});

test('temporary approval: extended once by up to 8 weeks; a longer extension is capped; one approved after expiry does not count', () => {
  assert.equal(temp(approval({ extension: { approvedOn: '2024-04-20', until: '2024-06-10' } })).dueOn, '2024-06-10');
  const capped = temp(approval({ extension: { approvedOn: '2024-04-20', until: '2024-07-31' } }));
  assert.equal(capped.dueOn, '2024-06-24');
  assert.match(capped.explanation, /adds at most 8 weeks/);
  const tooLate = temp(approval({ extension: { approvedOn: '2024-05-01', until: '2024-06-10' } }));
  assert.equal(tooLate.dueOn, '2024-04-29');
  assert.match(tooLate.explanation, /already expired/);
});

// --- emergency placement outside terms of approval -------------------------------------------

const emergency = (over: Partial<HouseholdPlacementFact> = {}): HouseholdPlacementFact => ({
  id: 'pl-1',
  childId: 'child-1',
  start: '2023-12-21',
  end: null,
  emergency: true,
  outsideTermsOfApproval: true,
  ...over,
});

test('emergency placement outside terms: at most 6 working days, Thu 21 Dec 2023 → Wed 3 Jan 2024 across Christmas', () => {
  const [i] = emergencyPlacementOutsideTerms.derive(household({ placements: [emergency()] }), cal);
  assert.equal(i?.id, 'emergency-placement-outside-terms:placement:pl-1:1');
  assert.equal(i?.dueOn, '2024-01-03');
  assert.match(i?.explanation ?? '', /^6 working days after the emergency placement started on Thu 21 Dec 2023 \(skipping 23–26 Dec and 30 Dec 2023–1 Jan 2024\)/);
  assert.equal(status(i!, '2024-01-02', cal), 'due_soon');
  assert.equal(status(i!, '2024-01-04', cal), 'overdue');
});

test('emergency placement outside terms: completed by the placement ending or the terms changing, whichever is first', () => {
  const ended = emergencyPlacementOutsideTerms.derive(household({ placements: [emergency({ end: '2024-01-03' })] }), cal)[0]!;
  assert.equal(status(ended, '2024-02-01', cal), 'completed_on_time');
  const changedLate = emergencyPlacementOutsideTerms.derive(
    household({ placements: [emergency()], events: [{ kind: 'terms_of_approval_changed', date: '2024-01-05' }] }),
    cal,
  )[0]!;
  assert.equal(changedLate.completedOn, '2024-01-05');
  assert.equal(status(changedLate, '2024-02-01', cal), 'completed_late');
  const otherPlacement = emergencyPlacementOutsideTerms.derive(
    household({ placements: [emergency()], events: [{ kind: 'terms_of_approval_changed', date: '2024-01-02', placementId: 'someone-else' }] }),
    cal,
  )[0]!;
  assert.equal(otherPlacement.completedOn, undefined);
});

test('emergency placement outside terms: only emergency placements outside the terms of approval', () => {
  const placements = [emergency({ id: 'a', outsideTermsOfApproval: false }), emergency({ id: 'b', emergency: false })];
  assert.deepEqual(emergencyPlacementOutsideTerms.derive(household({ placements }), cal), []);
});
