import { test } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { instance } from './helpers.ts';
import { describeDue, status } from './status.ts';
import type { ObligationInstance } from './types.ts';

const cal = christmasCalendar();
const due = (dueOn: string, over: Partial<ObligationInstance> = {}): ObligationInstance => ({
  ...instance({ obligationId: 'placement-plan', subjectType: 'placement', subjectId: 'pl-1', sequence: 1, startedOn: '2023-12-21', dueOn, explanation: 'test' }),
  ...over,
});

test('not yet due, due soon (within 3 working days, counting across Christmas), due today, overdue', () => {
  const i = due('2024-01-02'); // Tuesday after New Year
  assert.equal(status(i, '2023-12-22', cal), 'not_yet_due'); // 27, 28, 29 Dec and 2 Jan: 4 working days
  assert.equal(describeDue(i, '2023-12-22', cal), 'due in 4 working days');
  assert.equal(status(i, '2023-12-22', cal, 4), 'due_soon', 'the threshold is a parameter');
  assert.equal(status(i, '2023-12-27', cal), 'due_soon');
  assert.equal(describeDue(i, '2023-12-27', cal), 'due in 3 working days');
  assert.equal(describeDue(i, '2023-12-29', cal), 'due in 1 working day');
  assert.equal(status(i, '2024-01-02', cal), 'due_soon');
  assert.equal(describeDue(i, '2024-01-02', cal), 'due today');
  assert.equal(status(i, '2024-01-03', cal), 'overdue');
  assert.equal(describeDue(i, '2024-01-03', cal), '1 working day overdue');
  assert.equal(describeDue(i, '2024-01-04', cal), '2 working days overdue');
});

test('far-off due dates: not yet due without counting working days, described by their date', () => {
  const far = due('2030-06-28');
  // The fake calendar would count happily; the real one stops at the end of its bank-holiday data.
  const strict = { ...cal, workingDaysBetween: () => assert.fail('no need to count working days to a far-off date') };
  assert.equal(status(far, '2024-01-02', strict), 'not_yet_due');
  assert.equal(describeDue(far, '2024-01-02', strict), 'due on Fri 28 Jun 2030');
  assert.equal(describeDue(due('2024-01-30'), '2024-01-02', cal), 'due in 20 working days', '28 calendar days ahead is still counted');
  assert.equal(describeDue(due('2024-01-31'), '2024-01-02', cal), 'due on Wed 31 Jan 2024');
});

test('a due date on a weekend: no working days left before it, then overdue since that day', () => {
  const i = due('2024-01-06'); // Saturday
  assert.equal(status(i, '2024-01-05', cal), 'due_soon');
  assert.equal(describeDue(i, '2024-01-05', cal), 'due on Sat 6 Jan 2024 (no working days left)');
  assert.equal(status(i, '2024-01-07', cal), 'overdue');
  assert.equal(describeDue(i, '2024-01-07', cal), 'overdue since Sat 6 Jan 2024');
  assert.equal(describeDue(i, '2024-01-08', cal), '1 working day overdue');
});

test('completed on or before the due date is on time; after it, late by working days', () => {
  assert.equal(status(due('2024-01-02', { completedOn: '2024-01-02' }), '2024-03-01', cal), 'completed_on_time');
  assert.equal(status(due('2024-01-02', { completedOn: '2023-12-01' }), '2024-03-01', cal), 'completed_on_time');
  assert.equal(describeDue(due('2024-01-02', { completedOn: '2024-01-02' }), '2024-03-01', cal), 'completed on time');
  const late = due('2024-01-02', { completedOn: '2024-01-04' });
  assert.equal(status(late, '2024-03-01', cal), 'completed_late');
  assert.equal(describeDue(late, '2024-03-01', cal), 'completed 2 working days late');
  // Done on the Saturday after a Friday deadline: late, though no working day passed.
  assert.equal(describeDue(due('2024-01-05', { completedOn: '2024-01-06' }), '2024-03-01', cal), 'completed late, on Sat 6 Jan 2024 (due Fri 5 Jan 2024)');
});

test('not applicable wins over everything, with its reason', () => {
  const i = due('2024-01-02', { notApplicableReason: 'A court care plan applies', completedOn: '2024-01-09' });
  assert.equal(status(i, '2024-03-01', cal), 'not_applicable');
  assert.equal(describeDue(i, '2024-03-01', cal), 'not applicable: A court care plan applies');
});
