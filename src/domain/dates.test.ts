import test from 'node:test';
import assert from 'node:assert/strict';
import { dateProblem, formatDate, missingDateParts, parseTime } from './dates.ts';

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
