import test from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDateTime, formatTime } from './common.ts';

test('dates for people: "3 November 2026"; none shown as nothing', () => {
  assert.equal(formatDate('2026-11-03'), '3 November 2026');
  assert.equal(formatDate(null), '');
});

test('times as GOV.UK writes them: 2:15pm, 9am, midday, midnight', () => {
  assert.equal(formatTime(14, 15), '2:15pm');
  assert.equal(formatTime(9, 0), '9am');
  assert.equal(formatTime(9, 5), '9:05am');
  assert.equal(formatTime(12, 0), 'midday');
  assert.equal(formatTime(12, 30), '12:30pm');
  assert.equal(formatTime(0, 0), 'midnight');
  assert.equal(formatTime(0, 30), '12:30am');
  assert.equal(formatTime(23, 59), '11:59pm');
});

test('a moment in England\'s time: "3 November 2026 at 2:15pm", summer time included', () => {
  assert.equal(formatDateTime(new Date('2026-11-03T14:15:00Z')), '3 November 2026 at 2:15pm');
  assert.equal(formatDateTime('2026-07-01T13:05:00Z'), '1 July 2026 at 2:05pm', 'BST');
  assert.equal(formatDateTime(new Date('2026-06-30T23:30:00Z')), '1 July 2026 at 12:30am', 'the next day in England');
  assert.equal(formatDateTime(null), '');
});
