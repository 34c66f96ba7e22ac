import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REGISTRY } from '../deadlines/registry.ts';
import { englandAndWales as ew } from './index.ts';
import { CALCULATOR_OBLIGATIONS, answerWorkingDays, describeFirstDue, firstDuePeriod, type ObligationAnswer, type WorkingDaysQuestion } from './working-days-query.ts';

function answer(q: WorkingDaysQuestion) {
  const r = answerWorkingDays(ew, q);
  if (!r.ok) throw new Error(`Expected an answer, got ${JSON.stringify(r.errors)}`);
  return r.answer;
}

function obligationAnswer(q: WorkingDaysQuestion): ObligationAnswer {
  const a = answer(q);
  assert.equal(a.kind, 'obligation');
  return a as ObligationAnswer;
}

function errors(q: WorkingDaysQuestion) {
  const r = answerWorkingDays(ew, q);
  if (r.ok) throw new Error(`Expected errors, got ${JSON.stringify(r.answer)}`);
  return r.errors;
}

test('adding working days and counting up to an end date answer as before', () => {
  assert.deepEqual(answer({ from: '2023-12-21', add: '2' }), {
    kind: 'add',
    from: '2023-12-21',
    add: 2,
    date: '2023-12-27',
    skipped: [
      { date: '2023-12-23', reason: 'weekend', name: 'Saturday' },
      { date: '2023-12-24', reason: 'weekend', name: 'Sunday' },
      { date: '2023-12-25', reason: 'bank holiday', name: 'Christmas Day' },
      { date: '2023-12-26', reason: 'bank holiday', name: 'Boxing Day' },
    ],
  });
  const count = answer({ from: '2023-12-21', to: '2023-12-27' });
  assert.equal(count.kind, 'count');
  assert.equal(count.kind === 'count' && count.workingDays, 2);
});

test('the calculator offers every obligation with a first due date, and only those', () => {
  assert.deepEqual(
    CALCULATOR_OBLIGATIONS.map((d) => d.id),
    REGISTRY.filter((d) => d.firstDue).map((d) => d.id),
  );
  assert.ok(CALCULATOR_OBLIGATIONS.some((d) => d.id === 'placement-plan'));
  for (const d of CALCULATOR_OBLIGATIONS) {
    assert.ok(Number.isInteger(d.firstDue.amount) && d.firstDue.amount >= 0, d.id);
    assert.match(d.firstDue.from, /^the day /, `${d.id}: "from" reads after "after"`);
  }
});

test('the time allowed, in words', () => {
  assert.equal(firstDuePeriod({ amount: 5, unit: 'working_days', from: 'x' }), '5 working days');
  assert.equal(firstDuePeriod({ amount: 1, unit: 'working_days', from: 'x' }), '1 working day');
  assert.equal(firstDuePeriod({ amount: 1, unit: 'weeks', from: 'x' }), '1 week');
  assert.equal(firstDuePeriod({ amount: 12, unit: 'months', from: 'x' }), '12 months');
  assert.equal(firstDuePeriod({ amount: 0, unit: 'days', from: 'x' }), 'the same day');
  assert.equal(describeFirstDue({ amount: 5, unit: 'working_days', from: 'the day the placement started' }), '5 working days after the day the placement started');
  assert.equal(describeFirstDue({ amount: 0, unit: 'days', from: 'the day the placement started' }), 'on the day the placement started');
});

test('an obligation in working days: the placement plan for a placement on Thu 21 Dec 2023 is due Tue 2 Jan 2024, skipping Christmas and New Year', () => {
  const a = obligationAnswer({ from: '2023-12-21', obligation: 'placement-plan' });
  assert.equal(a.date, '2024-01-02');
  assert.equal(a.obligation, 'placement-plan');
  assert.equal(a.title, 'Placement plan');
  assert.equal(a.source.ref, 'CPPCR reg 9(1)–(3)');
  assert.match(a.rule, /within 5 working days/);
  assert.match(a.dueRule, /5 working days after/);
  assert.deepEqual(a.firstDue, { amount: 5, unit: 'working_days', from: 'the day the placement started' });
  assert.deepEqual(
    a.skipped.map((s) => [s.date, s.name]),
    [
      ['2023-12-23', 'Saturday'],
      ['2023-12-24', 'Sunday'],
      ['2023-12-25', 'Christmas Day'],
      ['2023-12-26', 'Boxing Day'],
      ['2023-12-30', 'Saturday'],
      ['2023-12-31', 'Sunday'],
      ['2024-01-01', "New Year's Day"],
    ],
  );
  assert.equal(a.nonWorkingDay, undefined);
  // The same question as a number of working days gives the same date.
  const same = answer({ from: '2023-12-21', add: '5' });
  assert.equal(same.kind === 'add' ? same.date : undefined, a.date);
  // Easter 2024: the care plan (10 working days) skips Good Friday and Easter Monday.
  const care = obligationAnswer({ from: '2024-03-27', obligation: 'care-plan' });
  assert.equal(care.date, '2024-04-12');
  assert.deepEqual(
    care.skipped.filter((s) => s.reason === 'bank holiday').map((s) => s.name),
    ['Good Friday', 'Easter Monday'],
  );
});

test('an obligation in calendar weeks or months skips nothing, and says when the due date is not a working day', () => {
  // Connected person: 16 weeks from Mon 8 Jan 2024 is Mon 29 Apr 2024, a working day.
  const temp = obligationAnswer({ from: '2024-01-08', obligation: 'connected-person-temporary-approval' });
  assert.equal(temp.date, '2024-04-29');
  assert.deepEqual(temp.skipped, []);
  assert.equal(temp.nonWorkingDay, undefined);
  // First social worker visit: 1 week after a placement on Mon 18 Dec 2023 is Christmas Day, left where it falls (as derive() leaves it).
  const visit = obligationAnswer({ from: '2023-12-18', obligation: 'social-worker-visits' });
  assert.equal(visit.date, '2023-12-25');
  assert.deepEqual(visit.skipped, []);
  assert.deepEqual(visit.nonWorkingDay, { date: '2023-12-25', reason: 'bank holiday', name: 'Christmas Day' });
  // Foster carer review: 12 months after approval on Thu 29 Feb 2024 is Fri 28 Feb 2025 (a shorter month clamps).
  assert.equal(obligationAnswer({ from: '2024-02-29', obligation: 'foster-carer-review' }).date, '2025-02-28');
  // 12 months after Sat 2 Mar 2024 is Sun 2 Mar 2025: a weekend.
  assert.deepEqual(obligationAnswer({ from: '2024-03-02', obligation: 'foster-carer-review' }).nonWorkingDay, { date: '2025-03-02', reason: 'weekend', name: 'Sunday' });
  // Parent-and-child: the initial assessment period ends 28 days after the start; the first review is a week before.
  assert.equal(obligationAnswer({ from: '2024-01-08', obligation: 'parent-and-child-assessment-period' }).date, '2024-02-05');
  assert.equal(obligationAnswer({ from: '2024-01-08', obligation: 'parent-and-child-review' }).date, '2024-01-29');
  // Due on the day itself: the concurrent placement agreement, even for a Saturday placement.
  const agreement = obligationAnswer({ from: '2024-01-06', obligation: 'concurrent-placement-agreement' });
  assert.equal(agreement.date, '2024-01-06');
  assert.deepEqual(agreement.skipped, []);
  assert.equal(agreement.nonWorkingDay?.reason, 'weekend');
});

test('obligation errors: unknown, together with a number or an end date, or neither', () => {
  assert.deepEqual(errors({ from: '2023-12-21', obligation: 'no-such-thing' }), [{ field: 'obligation', message: 'Select an obligation' }]);
  assert.deepEqual(errors({ from: '2023-12-21', add: '2', obligation: 'placement-plan' }), [{ field: 'add', message: 'Enter either a number of working days or an obligation, not both' }]);
  assert.deepEqual(errors({ from: '2023-12-21', obligation: 'placement-plan', to: '2024-01-02' }), [{ field: 'obligation', message: 'Select either an obligation or an end date, not both' }]);
  assert.deepEqual(errors({ from: '2023-12-21', add: '2', obligation: 'placement-plan', to: '2024-01-02' }), [
    { field: 'add', message: 'Enter only one of a number of working days, an obligation or an end date' },
  ]);
  assert.deepEqual(errors({ from: '2023-12-21', add: '2', to: '2024-01-02' }), [{ field: 'add', message: 'Enter either a number of working days or an end date, not both' }]);
  assert.deepEqual(errors({ from: '2023-12-21', add: ' ', obligation: '', to: '' }), [{ field: 'add', message: 'Enter a number of working days, select an obligation or enter an end date' }]);
  // A bad start date and an unknown obligation are both reported.
  assert.deepEqual(
    errors({ from: '2023-02-30', obligation: 'nope' }).map((e) => e.field),
    ['from', 'obligation'],
  );
  assert.deepEqual(errors({ obligation: 'placement-plan' }), [{ field: 'from', message: 'Enter the start date' }]);
});

test('obligation dates outside the bank-holiday data are refused, never guessed', () => {
  assert.match(errors({ from: '2010-01-04', obligation: 'placement-plan' })[0]!.message, /must be between 1 January 2015 and/);
  // Working days past the end of the data.
  const late = errors({ from: ew.lastDate, obligation: 'placement-plan' });
  assert.equal(late.length, 1);
  assert.equal(late[0]!.field, 'from');
  assert.match(late[0]!.message, /due date would be after .*, the last date Hearth has bank holidays for. Enter an earlier start date/);
  // A calendar period past the end of the data: the date is computable but whether it is a working day is not known.
  const year = errors({ from: ew.lastDate, obligation: 'foster-carer-review' });
  assert.equal(year[0]!.field, 'from');
  assert.match(year[0]!.message, /due date would be after/);
  // Due on the day itself, on the last day of the data, is fine.
  assert.equal(obligationAnswer({ from: ew.lastDate, obligation: 'concurrent-placement-agreement' }).date, ew.lastDate);
});
