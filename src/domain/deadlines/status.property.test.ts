/**
 * Property test: the "due soon" bound that SQL reads use agrees with `status` for every open
 * obligation, whatever today, due date and threshold, across the real England and Wales calendar.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { addDays, compareDates, fromDayNumber, toDayNumber } from '../dates.ts';
import { englandAndWales } from '../calendar/index.ts';
import { instance } from './helpers.ts';
import { dueSoonUntil, status } from './status.ts';

const first = toDayNumber(addDays(englandAndWales.firstDate, 40));
const last = toDayNumber(addDays(englandAndWales.lastDate, -40));

test('an open obligation is due soon exactly when due from today to dueSoonUntil(today)', () => {
  fc.assert(
    fc.property(fc.integer({ min: first, max: last }), fc.integer({ min: -10, max: 40 }), fc.integer({ min: 0, max: 6 }), (todayN, ahead, n) => {
      const today = fromDayNumber(todayN);
      const dueOn = fromDayNumber(todayN + ahead);
      const i = instance({ obligationId: 'placement-plan', subjectType: 'placement', subjectId: 'p', sequence: 1, startedOn: today, dueOn, explanation: 'x' });
      const until = dueSoonUntil(today, englandAndWales, n);
      const bySql = compareDates(dueOn, today) < 0 ? 'overdue' : compareDates(dueOn, until) <= 0 ? 'due_soon' : 'not_yet_due';
      assert.equal(bySql, status(i, today, englandAndWales, n));
    }),
    { numRuns: 3000 },
  );
});

test('over Christmas 2023: from Friday 22 December the three working days end on the 29th, and the days off after it still count', () => {
  assert.equal(dueSoonUntil('2023-12-22', englandAndWales), '2024-01-01');
  assert.equal(dueSoonUntil('2023-12-27', englandAndWales), '2024-01-02');
  assert.equal(dueSoonUntil('2023-12-29', englandAndWales), '2024-01-04');
});
