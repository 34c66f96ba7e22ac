/**
 * dayNumberOf (day-numbers.ts), worked out from the characters for speed, agrees with dates.ts:
 * null exactly when isValidIsoDate says no, otherwise toDayNumber's answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { fromDayNumber, isValidIsoDate, toDayNumber } from '../dates.ts';
import { dayNumberOf } from './day-numbers.ts';

const expected = (s: string): number | null => (isValidIsoDate(s) ? toDayNumber(s) : null);

test('dayNumberOf is toDayNumber on every calendar date from 1900 to 2200', () => {
  let checked = 0;
  for (let n = toDayNumber('1900-01-01'); n <= toDayNumber('2200-12-31'); n++) {
    const date = fromDayNumber(n);
    assert.equal(dayNumberOf(date), n, date);
    checked++;
  }
  assert.ok(checked > 100_000);
});

test('dayNumberOf is null where isValidIsoDate says no, whatever the text', () => {
  const digits = fc.stringMatching(/^[0-9]{1,4}$/);
  const nearlyDate = fc.tuple(digits, fc.constantFrom('-', '/', ''), digits, fc.constantFrom('-', ' '), digits).map(([y, a, m, b, d]) => `${y}${a}${m}${b}${d}`);
  fc.assert(fc.property(fc.oneof(nearlyDate, fc.string({ maxLength: 12 })), (s) => {
    assert.equal(dayNumberOf(s), expected(s));
  }), { numRuns: 5000 });
  for (const s of ['2025-02-29', '2024-02-29', '1900-02-29', '2000-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '1899-12-31', '2201-01-01', '２０２５-01-01', '2025-1-01', ' 2025-01-01']) {
    assert.equal(dayNumberOf(s), expected(s), s);
  }
});
