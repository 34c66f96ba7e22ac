import { test } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { deriveHouseholdObligations, deriveObligations, isOpen, status } from './index.ts';
import { complianceTotals } from './compliance.ts';
import { child, household, one } from './test-facts.ts';

const cal = christmasCalendar();

test('a manager closes an open obligation as missed: it leaves the overdue list and counts as missed', () => {
  const plan = one(deriveObligations(child(), cal), 'placement-plan');
  assert.equal(status(plan, '2024-02-01', cal), 'overdue');
  const closed = one(deriveObligations(child({ closures: [{ instanceId: plan.id, outcome: 'missed', reason: 'The child went home before it was written', closedOn: '2024-02-01' }] }), cal), 'placement-plan');
  assert.equal(status(closed, '2024-02-01', cal), 'missed');
  assert.equal(closed.missedReason, 'closed by a manager on Thu 1 Feb 2024: The child went home before it was written');
  assert.equal(isOpen(closed), false);
  // In the compliance figures it is missed, as an overdue one was.
  const totals = complianceTotals([{ status: status(closed, '2024-02-01', cal), dueOn: closed.dueOn }], '2023-12-01', '2024-01-31');
  assert.deepEqual([totals.overdue, totals.missed, totals.onTimeShare], [0, 1, 0]);
});

test('closed as not applicable: it leaves the figures altogether; a closure never reopens or hides a completed one', () => {
  const plan = one(deriveObligations(child(), cal), 'placement-plan');
  const na = one(deriveObligations(child({ closures: [{ instanceId: plan.id, outcome: 'not_applicable', reason: 'Recorded against the wrong child', closedOn: '2024-01-10' }] }), cal), 'placement-plan');
  assert.equal(status(na, '2024-02-01', cal), 'not_applicable');
  const done = child({ events: [{ kind: 'placement_plan_completed', date: '2023-12-22', placementId: 'pl-1' }], closures: [{ instanceId: plan.id, outcome: 'missed', reason: 'x', closedOn: '2024-01-10' }] });
  assert.equal(status(one(deriveObligations(done, cal), 'placement-plan'), '2024-02-01', cal), 'completed_on_time');
});

test('household obligations can be closed too', () => {
  const review = deriveHouseholdObligations(household(), cal).find((i) => i.obligationId === 'foster-carer-review')!;
  const closed = deriveHouseholdObligations(household({ closures: [{ instanceId: review.id, outcome: 'missed', reason: 'Carers resigned', closedOn: '2024-03-01' }] }), cal).find((i) => i.id === review.id)!;
  assert.equal(status(closed, '2024-06-01', cal), 'missed');
});

test('once care has ended nothing more falls due; what fell due before stays as it was', () => {
  const facts = child({ lookedAfterUntil: '2024-01-03' });
  const all = deriveObligations(facts, cal);
  // The placement plan was due on 2 January (before care ended): still overdue, for a manager to close.
  const plan = one(all, 'placement-plan');
  assert.equal(plan.dueOn, '2024-01-02');
  assert.equal(status(plan, '2024-02-01', cal), 'overdue');
  // The care plan was due after care ended: it no longer applies.
  const care = one(all, 'care-plan');
  assert.equal(status(care, '2024-02-01', cal), 'not_applicable');
  assert.match(care.notApplicableReason ?? '', /stopped being looked after on Wed 3 Jan 2024, before it fell due/);
  for (const i of all) if (isOpen(i)) assert.ok(i.dueOn < '2024-01-03', `${i.id} is open though due on ${i.dueOn}, after care ended`);
});
