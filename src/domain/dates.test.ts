import test from 'node:test';
import assert from 'node:assert/strict';
import { dateProblem, formatDate, fromDayNumber, missingDateParts, parseTime, toDayNumber } from './dates.ts';

test('a date with boxes left empty says which, as the GOV.UK date input pattern does', () => {
  assert.equal(dateProblem('Date of birth', '2019--03'), 'Date of birth must include a month');
  assert.equal(dateProblem('Date of birth', '-11-03'), 'Date of birth must include a year');
  assert.equal(dateProblem('Date of birth', '2019-11-'), 'Date of birth must include a day');
  assert.equal(dateProblem('Date of birth', '2019--'), 'Date of birth must include a day and month');
  assert.equal(dateProblem('Date of birth', '-11-'), 'Date of birth must include a day and year');
  assert.equal(dateProblem('Date of birth', '--3'), 'Date of birth must include a month and year');
});

test('a date with every box filled in that is not a date is "not a real date"', () => {
  assert.equal(dateProblem('Date of birth', '2023-02-30'), 'Date of birth must be a real date');
  assert.equal(dateProblem('Date of birth', 'invalid'), 'Date of birth must be a real date');
  assert.equal(dateProblem('Date of birth', 42), 'Date of birth must be a real date');
  assert.deepEqual(missingDateParts('--'), [], 'nothing typed is "Enter …", not "must include"');
  assert.deepEqual(missingDateParts('2023-02-30'), []);
});

test('formatDate writes a date for people', () => {
  assert.equal(formatDate('2026-11-03'), '3 November 2026');
});

test('times as people type them are read; a time that is not real is refused', () => {
  assert.deepEqual(parseTime('10:30am'), { hour: 10, minute: 30 });
  assert.deepEqual(parseTime('2.15 PM'), { hour: 14, minute: 15 });
  assert.deepEqual(parseTime('12pm'), { hour: 12, minute: 0 });
  assert.deepEqual(parseTime('12:30am'), { hour: 0, minute: 30 });
  assert.deepEqual(parseTime('14:15'), { hour: 14, minute: 15 });
  assert.deepEqual(parseTime('09:05'), { hour: 9, minute: 5 });
  assert.deepEqual(parseTime('midday'), { hour: 12, minute: 0 });
  assert.deepEqual(parseTime('midnight'), { hour: 0, minute: 0 });
  for (const bad of ['25:99', '24:00', '10:60am', '13pm', '0am', '10', 'ten', '10:3', '']) assert.equal(parseTime(bad), null, bad);
});

test('toDayNumber counts the days since 1 January 1970 of every date from 1900 to 2200, as a UTC Date does, and fromDayNumber turns it back', () => {
  const first = Date.UTC(1900, 0, 1) / 86_400_000;
  const last = Date.UTC(2200, 11, 31) / 86_400_000;
  for (let n = first; n <= last; n++) {
    const date = new Date(n * 86_400_000).toISOString().slice(0, 10);
    assert.equal(toDayNumber(date), n, date);
    assert.equal(fromDayNumber(n), date);
  }
  assert.equal(toDayNumber('1970-01-01'), 0);
  assert.equal(toDayNumber('2000-02-29') - toDayNumber('2000-02-28'), 1);
  assert.equal(toDayNumber('1900-03-01') - toDayNumber('1900-02-28'), 1);
});

test('toDayNumber refuses what is not a calendar date it handles', () => {
  for (const bad of ['2023-02-29', '2100-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '2023-1-01', '20230101', '1899-12-31', '2201-01-01', ' 2023-01-01', '2023-01-01T00:00', '', 'yyyy-mm-dd']) {
    assert.throws(() => toDayNumber(bad), { name: 'RangeError', message: `Not a calendar date: ${bad}` }, bad);
  }
});
