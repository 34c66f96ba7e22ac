import { test } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { completionFor } from './completion.ts';
import {
  carePlan,
  childFriendlyProfile,
  concurrentPlacementAgreement,
  initialSupportPlan,
  placementNotification,
  placementPlan,
  placementPlanningMeeting,
  placementRiskAssessment,
} from './placement-obligations.ts';
import { status } from './status.ts';
import { child, placement } from './test-facts.ts';
import type { ChildEvent } from './types.ts';

const cal = christmasCalendar();
const ev = (kind: ChildEvent['kind'], date: string, extra: Partial<ChildEvent> = {}): ChildEvent => ({ kind, date, ...extra });

// --- placement plan --------------------------------------------------------------------------

test('placement plan: due 5 working days after Thu 21 Dec 2023, skipping the weekend, Christmas, Boxing Day and New Year: Tue 2 Jan 2024', () => {
  const [i] = placementPlan.derive(child(), cal);
  assert.ok(i);
  assert.equal(i.id, 'placement-plan:placement:pl-1:1');
  assert.equal(i.startedOn, '2023-12-21');
  assert.equal(i.dueOn, '2024-01-02');
  assert.equal(i.explanation, '5 working days after the placement started on Thu 21 Dec 2023 (skipping 23–26 Dec and 30 Dec 2023–1 Jan 2024)');
  assert.equal(status(i, '2023-12-22', cal), 'not_yet_due');
  assert.equal(status(i, '2023-12-27', cal), 'due_soon');
  assert.equal(status(i, '2024-01-03', cal), 'overdue');
});

test('placement plan: completed on the due date is on time, the day after is late, before placing is on time', () => {
  const due = (date: string, extra: Partial<ChildEvent> = { placementId: 'pl-1' }) => placementPlan.derive(child({ events: [ev('placement_plan_completed', date, extra)] }), cal)[0]!;
  assert.equal(status(due('2024-01-02'), '2024-02-01', cal), 'completed_on_time');
  assert.equal(status(due('2024-01-03'), '2024-02-01', cal), 'completed_late');
  // Written the day before placing, without naming the placement: it belongs to the next placement to start.
  const before = due('2023-12-20', {});
  assert.equal(before.completedOn, '2023-12-20');
  assert.equal(status(before, '2024-02-01', cal), 'completed_on_time');
});

test('placement plan: correcting the start date moves the due date', () => {
  const original = placementPlan.derive(child(), cal)[0]!;
  const corrected = placementPlan.derive(child({ placements: [placement({ start: '2023-12-14' })] }), cal)[0]!;
  assert.equal(original.dueOn, '2024-01-02');
  assert.equal(corrected.dueOn, '2023-12-21');
  assert.equal(corrected.id, original.id, 'the same obligation, recomputed');
  assert.match(corrected.explanation, /Thu 14 Dec 2023/);
  // A plan completed on 27 December was on time for the original date but is late for the corrected one.
  const events = [ev('placement_plan_completed', '2023-12-27', { placementId: 'pl-1' })];
  assert.equal(status(placementPlan.derive(child({ events }), cal)[0]!, '2024-02-01', cal), 'completed_on_time');
  assert.equal(status(placementPlan.derive(child({ events, placements: [placement({ start: '2023-12-14' })] }), cal)[0]!, '2024-02-01', cal), 'completed_late');
});

test('placement plan: one per placement, and a plan for one placement does not complete another', () => {
  const facts = child({
    placements: [placement({ end: '2024-02-01' }), placement({ id: 'pl-2', start: '2024-02-01' })],
    events: [ev('placement_plan_completed', '2024-02-02', { placementId: 'pl-2' })],
  });
  const [first, second] = placementPlan.derive(facts, cal);
  assert.equal(first?.subjectId, 'pl-1');
  assert.equal(first?.completedOn, undefined);
  assert.equal(second?.subjectId, 'pl-2');
  assert.equal(second?.dueOn, '2024-02-08');
  assert.equal(second?.completedOn, '2024-02-02');
});

test('placement plan: not applicable for short breaks (CPPCR reg 48), by placement kind or by a V3/V4 legal status', () => {
  const byKind = placementPlan.derive(child({ placements: [placement({ kind: 'short_breaks' })] }), cal)[0]!;
  assert.equal(status(byKind, '2024-03-01', cal), 'not_applicable');
  assert.match(byKind.notApplicableReason ?? '', /short breaks \(CPPCR reg 48\).*replaces the placement plan/);
  const byStatus = placementPlan.derive(child({ legalStatuses: [{ code: 'V4', start: '2023-12-01', end: null }] }), cal)[0]!;
  assert.equal(status(byStatus, '2024-03-01', cal), 'not_applicable');
  const ordinary = placementPlan.derive(child(), cal)[0]!;
  assert.equal(ordinary.notApplicableReason, undefined);
});

// --- care plan -------------------------------------------------------------------------------

test('care plan: due 10 working days after the first placement, across Christmas: Tue 9 Jan 2024; later placements add none', () => {
  const facts = child({ placements: [placement({ end: '2024-01-10' }), placement({ id: 'pl-2', start: '2024-01-10' })] });
  const all = carePlan.derive(facts, cal);
  assert.equal(all.length, 1);
  const [i] = all;
  assert.equal(i?.id, 'care-plan:child:child-1:1');
  assert.equal(i?.dueOn, '2024-01-09');
  assert.match(i?.explanation ?? '', /^10 working days after the first placement started on Thu 21 Dec 2023 \(skipping 23–26 Dec, 30 Dec 2023–1 Jan 2024 and 6–7 Jan\)$/);
});

test('care plan: completion on or before the due date is on time, after it late; no placement yet means no care plan due', () => {
  const at = (date: string) => carePlan.derive(child({ events: [ev('care_plan_completed', date)] }), cal)[0]!;
  assert.equal(status(at('2024-01-09'), '2024-02-01', cal), 'completed_on_time');
  assert.equal(status(at('2024-01-10'), '2024-02-01', cal), 'completed_late');
  assert.deepEqual(carePlan.derive(child({ placements: [] }), cal), []);
});

test('care plan: the first placement of this period of care, not one that ended before the child became looked after', () => {
  const facts = child({
    lookedAfterSince: '2024-01-08',
    placements: [placement({ id: 'old', start: '2023-06-01', end: '2023-07-01' }), placement({ id: 'new', start: '2024-01-08' })],
  });
  assert.equal(carePlan.derive(facts, cal)[0]?.dueOn, '2024-01-22');
});

test('care plan: not applicable where a court care plan applies (CA89 s31A), or for short breaks (CPPCR reg 48)', () => {
  const court = carePlan.derive(child({ courtCarePlan: true }), cal)[0]!;
  assert.equal(status(court, '2024-03-01', cal), 'not_applicable');
  assert.match(court.notApplicableReason ?? '', /s31A/);
  const breaks = carePlan.derive(child({ shortBreaks: true }), cal)[0]!;
  assert.equal(status(breaks, '2024-03-01', cal), 'not_applicable');
  assert.match(breaks.notApplicableReason ?? '', /reg 48.*replaces the care plan/);
});

// --- Placement Planning Meeting and initial support plan -------------------------------------

test('Placement Planning Meeting: before or within 5 working days, Tue 2 Jan 2024 for a 21 Dec placement; held before placing is on time', () => {
  const at = (date: string) => placementPlanningMeeting.derive(child({ events: [ev('ppm_held', date, { placementId: 'pl-1' })] }), cal)[0]!;
  const pending = placementPlanningMeeting.derive(child(), cal)[0]!;
  assert.equal(pending.dueOn, '2024-01-02');
  assert.equal(placementPlanningMeeting.responsibleRole, 'supervising_social_worker');
  assert.equal(status(at('2023-12-19'), '2024-02-01', cal), 'completed_on_time');
  assert.equal(status(at('2024-01-02'), '2024-02-01', cal), 'completed_on_time');
  assert.equal(status(at('2024-01-03'), '2024-02-01', cal), 'completed_late');
});

test('initial support plan: due at the Placement Planning Meeting; until it is held, the day the meeting is due', () => {
  const notHeld = initialSupportPlan.derive(child(), cal)[0]!;
  assert.equal(notHeld.dueOn, '2024-01-02');
  assert.match(notHeld.explanation, /which is due by Tue 2 Jan 2024/);
  const held = child({ events: [ev('ppm_held', '2023-12-28', { placementId: 'pl-1' })] });
  const i = initialSupportPlan.derive(held, cal)[0]!;
  assert.equal(i.dueOn, '2023-12-28');
  assert.equal(i.explanation, 'At the Placement Planning Meeting held on Thu 28 Dec 2023');
  assert.equal(status(i, '2023-12-29', cal), 'overdue');
  const withPlan = (date: string) => initialSupportPlan.derive({ ...held, events: [...held.events, ev('support_plan_completed', date, { placementId: 'pl-1' })] }, cal)[0]!;
  assert.equal(status(withPlan('2023-12-28'), '2024-01-10', cal), 'completed_on_time');
  assert.equal(status(withPlan('2023-12-29'), '2024-01-10', cal), 'completed_late');
});

// --- placement risk assessment (Placement planning guidance, Best Practice 7; Hearth's 5 working days) ------------

test('risk assessment: until the meeting is held, 5 working days after the day it is due: Tue 9 Jan 2024 for a 21 Dec placement', () => {
  const [i, ...rest] = placementRiskAssessment.derive(child(), cal);
  assert.equal(rest.length, 0);
  assert.equal(i?.id, 'placement-risk-assessment:placement:pl-1:1');
  assert.equal(i?.startedOn, '2023-12-21');
  assert.equal(i?.dueOn, '2024-01-09');
  assert.equal(
    i?.explanation,
    '5 working days after the Placement Planning Meeting (skipping 6–7 Jan), which is not yet held and is due by Tue 2 Jan 2024: ' +
      '5 working days after the placement started on Thu 21 Dec 2023 (skipping 23–26 Dec and 30 Dec 2023–1 Jan 2024)',
  );
  assert.equal(placementRiskAssessment.responsibleRole, 'supervising_social_worker');
  assert.equal(placementRiskAssessment.firstDue, undefined, 'not a fixed offset from the start once the meeting is held');
  assert.equal(status(i!, '2024-01-04', cal), 'due_soon');
  assert.equal(status(i!, '2024-01-10', cal), 'overdue');
});

test('risk assessment: once the meeting is held, 5 working days after it; the due date moves earlier or later with the meeting', () => {
  const heldOn = (date: string, more: ChildEvent[] = []) => placementRiskAssessment.derive(child({ events: [ev('ppm_held', date, { placementId: 'pl-1' }), ...more] }), cal)[0]!;
  // Held early, Thu 28 Dec 2023: skipping the weekend and New Year's Day, Fri 5 Jan 2024.
  const early = heldOn('2023-12-28');
  assert.equal(early.dueOn, '2024-01-05');
  assert.equal(early.explanation, '5 working days after the Placement Planning Meeting held on Thu 28 Dec 2023 (skipping 30 Dec 2023–1 Jan 2024)');
  assert.equal(status(early, '2024-01-08', cal), 'overdue', 'overdue the day after, though the meeting was due until 2 Jan');
  // Held late, Thu 4 Jan 2024: Thu 11 Jan, later than the 9 January due while it was pending.
  assert.equal(heldOn('2024-01-04').dueOn, '2024-01-11');
  // Held before the placement starts, Tue 19 Dec 2023: the weekend, Christmas and Boxing Day skipped, Thu 28 Dec.
  assert.equal(heldOn('2023-12-19').dueOn, '2023-12-28');
  // The first meeting recorded for the placement counts.
  assert.equal(heldOn('2024-01-04', [ev('ppm_held', '2023-12-28', { placementId: 'pl-1' })]).dueOn, '2024-01-05');
  // Completion: on the due date is on time, the next working day late.
  const done = (date: string) => heldOn('2023-12-28', [ev('risk_assessment_completed', date, { placementId: 'pl-1' })]);
  assert.equal(done('2024-01-05').completedOn, '2024-01-05');
  assert.equal(status(done('2024-01-05'), '2024-02-01', cal), 'completed_on_time');
  assert.equal(status(done('2024-01-08'), '2024-02-01', cal), 'completed_late');
});

test('risk assessment: across Christmas 2024 and New Year 2025 bank holidays', () => {
  const placed = child({ placements: [placement({ start: '2024-12-13' })], legalStatuses: [{ code: 'C2', start: '2024-12-13', end: null }] });
  // Meeting due Fri 20 Dec 2024; 5 working days on skips the weekend, Christmas Day and Boxing Day: Tue 31 Dec.
  assert.equal(placementRiskAssessment.derive(placed, cal)[0]?.dueOn, '2024-12-31');
  // Held Mon 23 Dec 2024: 24, 27, 30, 31 Dec, then New Year's Day skipped: Thu 2 Jan 2025.
  const held = placementRiskAssessment.derive({ ...placed, events: [ev('ppm_held', '2024-12-23', { placementId: 'pl-1' })] }, cal)[0]!;
  assert.equal(held.dueOn, '2025-01-02');
  assert.match(held.explanation, /\(skipping 25–26 Dec, 28–29 Dec and 1 Jan\)$/);
});

test('risk assessment: one per placement, each following its own meeting; short breaks and emergencies are not exempt', () => {
  const facts = child({
    placements: [placement({ end: '2024-02-01' }), placement({ id: 'pl-2', start: '2024-02-01', emergency: true, kind: 'short_breaks' })],
    events: [ev('ppm_held', '2024-02-02', { placementId: 'pl-2' }), ev('risk_assessment_completed', '2024-02-05', { placementId: 'pl-2' })],
  });
  const [first, second] = placementRiskAssessment.derive(facts, cal);
  assert.equal(first?.subjectId, 'pl-1');
  assert.equal(first?.dueOn, '2024-01-09', "the second placement's meeting does not move the first's due date");
  assert.equal(first?.completedOn, undefined);
  assert.equal(second?.subjectId, 'pl-2');
  assert.equal(second?.dueOn, '2024-02-09');
  assert.equal(second?.completedOn, '2024-02-05');
  assert.equal(second?.notApplicableReason, undefined);
});

// --- carers' child-friendly profile (Placement stability guidance) ----------------------------------------------

test("carers' profile: due the day a planned placement starts, even on a weekend or bank holiday", () => {
  const [i, ...rest] = childFriendlyProfile.derive(child(), cal);
  assert.equal(rest.length, 0);
  assert.equal(i?.id, 'child-friendly-profile:placement:pl-1:1');
  assert.equal(i?.dueOn, '2023-12-21');
  assert.equal(i?.explanation, 'Before the placement starts on Thu 21 Dec 2023');
  assert.equal(childFriendlyProfile.responsibleRole, 'social_worker');
  assert.deepEqual(childFriendlyProfile.firstDue, { amount: 0, unit: 'days', from: 'the day the placement started' });
  assert.equal(status(i!, '2023-12-18', cal), 'due_soon');
  assert.equal(status(i!, '2023-12-22', cal), 'overdue');
  // Saturday 23 December and Christmas Day: the due date is not moved off a non-working day.
  assert.equal(childFriendlyProfile.derive(child({ placements: [placement({ start: '2023-12-23' })] }), cal)[0]?.dueOn, '2023-12-23');
  assert.equal(childFriendlyProfile.derive(child({ placements: [placement({ start: '2023-12-25' })] }), cal)[0]?.dueOn, '2023-12-25');
});

test("carers' profile: shared before or on the start day is on time, after it late; shared for another placement does not count", () => {
  const shared = (date: string, extra: Partial<ChildEvent> = { placementId: 'pl-1' }) => childFriendlyProfile.derive(child({ events: [ev('carer_profile_shared', date, extra)] }), cal)[0]!;
  // Shared two days before placing, without naming the placement: it belongs to the next placement to start.
  const before = shared('2023-12-19', {});
  assert.equal(before.completedOn, '2023-12-19');
  assert.equal(status(before, '2024-01-10', cal), 'completed_on_time');
  assert.equal(status(shared('2023-12-21'), '2024-01-10', cal), 'completed_on_time');
  assert.equal(status(shared('2023-12-22'), '2024-01-10', cal), 'completed_late');
  const twoPlacements = child({
    placements: [placement({ end: '2024-02-01' }), placement({ id: 'pl-2', start: '2024-02-01' })],
    events: [ev('carer_profile_shared', '2024-01-29', { placementId: 'pl-2' })],
  });
  const [first, second] = childFriendlyProfile.derive(twoPlacements, cal);
  assert.equal(first?.completedOn, undefined);
  assert.equal(second?.completedOn, '2024-01-29');
  assert.equal(status(second!, '2024-02-10', cal), 'completed_on_time');
});

test("carers' profile: not applicable for an emergency placement; short breaks are not exempt", () => {
  const emergency = childFriendlyProfile.derive(child({ placements: [placement({ emergency: true })] }), cal)[0]!;
  assert.equal(status(emergency, '2024-01-10', cal), 'not_applicable');
  assert.equal(emergency.notApplicableReason, "An emergency placement leaves no time to share the carers' profile before the child moves in");
  assert.equal(completionFor(emergency), null, 'nothing to record');
  const byKind = childFriendlyProfile.derive(child({ placements: [placement({ kind: 'short_breaks' })] }), cal)[0]!;
  assert.equal(byKind.notApplicableReason, undefined);
  const byStatus = childFriendlyProfile.derive(child({ legalStatuses: [{ code: 'V4', start: '2023-12-01', end: null }] }), cal)[0]!;
  assert.equal(status(byStatus, '2024-01-10', cal), 'overdue');
});

test('recording completes both: the profile and the risk assessment are recorded against their placement', () => {
  const [profile] = childFriendlyProfile.derive(child(), cal);
  const [risk] = placementRiskAssessment.derive(child(), cal);
  assert.deepEqual(completionFor(profile!), { scope: 'child', kind: 'carer_profile_shared', placementId: 'pl-1', aboutChildId: null });
  assert.deepEqual(completionFor(risk!), { scope: 'child', kind: 'risk_assessment_completed', placementId: 'pl-1', aboutChildId: null });
});

// --- notification ----------------------------------------------------------------------------

test('notification: before placing ordinarily; within 5 working days after an emergency placement (Tue 2 Jan 2024 from 21 Dec)', () => {
  const planned = placementNotification.derive(child(), cal)[0]!;
  assert.equal(planned.dueOn, '2023-12-21');
  assert.equal(planned.explanation, 'Before the placement starts on Thu 21 Dec 2023');
  const emergency = placementNotification.derive(child({ placements: [placement({ emergency: true })] }), cal)[0]!;
  assert.equal(emergency.dueOn, '2024-01-02');
  assert.match(emergency.explanation, /^5 working days after the emergency placement started on Thu 21 Dec 2023/);
  const sent = (date: string) => placementNotification.derive(child({ placements: [placement({ emergency: true })], events: [ev('notification_sent', date)] }), cal)[0]!;
  assert.equal(status(sent('2024-01-02'), '2024-01-10', cal), 'completed_on_time');
  assert.equal(status(sent('2024-01-03'), '2024-01-10', cal), 'completed_late');
});

test('notification: not applicable for short breaks (reg 48 disapplies reg 13)', () => {
  const i = placementNotification.derive(child({ placements: [placement({ kind: 'short_breaks' })] }), cal)[0]!;
  assert.match(i.notApplicableReason ?? '', /reg 48 disapplies/);
});

// --- concurrent placement agreement (Concurrent placement agreement procedure) -----------------------------------------------

test('concurrent placement agreement: one per child already placed, due before the placement starts', () => {
  const facts = child({
    placements: [placement({ otherChildrenPlaced: ['other-a', 'other-b', 'other-a'] })],
    events: [
      ev('agreement_recorded', '2023-12-20', { placementId: 'pl-1', aboutChildId: 'other-a' }),
      ev('agreement_recorded', '2023-12-22', { placementId: 'pl-1', aboutChildId: 'other-b' }),
    ],
  });
  const [a, b, ...rest] = concurrentPlacementAgreement.derive(facts, cal);
  assert.equal(rest.length, 0, 'duplicates in the list count once');
  assert.equal(a?.id, 'concurrent-placement-agreement:placement:pl-1:other-a');
  assert.equal(a?.dueOn, '2023-12-21');
  assert.equal(status(a!, '2024-01-10', cal), 'completed_on_time');
  assert.equal(b?.id, 'concurrent-placement-agreement:placement:pl-1:other-b');
  assert.equal(status(b!, '2024-01-10', cal), 'completed_late');
  assert.equal(concurrentPlacementAgreement.responsibleRole, 'supervising_social_worker');
});

test('concurrent placement agreement: an agreement about another child, or for another placement, does not count', () => {
  const facts = child({
    placements: [placement({ end: '2024-01-05', otherChildrenPlaced: ['other-a'] }), placement({ id: 'pl-2', start: '2024-01-05', otherChildrenPlaced: ['other-a'] })],
    events: [ev('agreement_recorded', '2023-12-20', { placementId: 'pl-1', aboutChildId: 'someone-else' }), ev('agreement_recorded', '2024-01-04', { placementId: 'pl-2', aboutChildId: 'other-a' })],
  });
  const [first, second] = concurrentPlacementAgreement.derive(facts, cal);
  assert.equal(first?.completedOn, undefined);
  assert.equal(status(first!, '2024-01-02', cal), 'overdue');
  assert.equal(second?.completedOn, '2024-01-04');
});

test('concurrent placement agreement: not applicable when no other fostered child is placed with the carers', () => {
  const [i, ...rest] = concurrentPlacementAgreement.derive(child(), cal);
  assert.equal(rest.length, 0);
  assert.equal(status(i!, '2024-01-10', cal), 'not_applicable');
  assert.match(i!.notApplicableReason ?? '', /No other fostered child/);
});
