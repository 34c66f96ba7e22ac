import { test } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { afterWorkingDays, legalStatusOn, placementOfEvent, skippedText } from './helpers.ts';
import { child, placement } from './test-facts.ts';

const cal = christmasCalendar();

test('skipped days in words: bank-holiday runs listed, one plain weekend listed, several summed up as "weekends"', () => {
  assert.equal(skippedText('2023-12-21', '2024-01-02', cal), '23–26 Dec and 30 Dec 2023–1 Jan 2024');
  assert.equal(skippedText('2024-01-08', '2024-01-15', cal), '13–14 Jan');
  assert.equal(skippedText('2024-01-08', '2024-01-30', cal), 'weekends');
  assert.equal(skippedText('2023-12-21', '2024-01-23', cal), '23–26 Dec, 30 Dec 2023–1 Jan 2024 and weekends');
  assert.equal(skippedText('2024-01-08', '2024-01-10', cal), '');
  assert.equal(skippedText('2024-01-31', '2024-02-05', cal), '3–4 Feb');
  assert.equal(afterWorkingDays('2024-01-08', 1, 'the meeting', cal).explanation, '1 working day after the meeting on Mon 8 Jan 2024');
});

test('legal status and placement on a date: a period ending on a day no longer covers it; a one-day period covers only its day', () => {
  const facts = child({
    legalStatuses: [
      { code: 'L1', start: '2023-12-20', end: '2023-12-20' },
      { code: 'V2', start: '2023-12-21', end: '2024-01-10' },
      { code: 'C2', start: '2024-01-10', end: null },
    ],
    placements: [placement({ id: 'a', start: '2023-12-20', end: '2023-12-20' }), placement({ id: 'b', start: '2023-12-21', end: '2024-01-10' }), placement({ id: 'c', start: '2024-01-10' })],
  });
  assert.equal(legalStatusOn(facts, '2023-12-20'), 'L1');
  assert.equal(legalStatusOn(facts, '2024-01-09'), 'V2');
  assert.equal(legalStatusOn(facts, '2024-01-10'), 'C2');
  assert.equal(legalStatusOn(facts, '2023-12-01'), null);
  const on = (date: string) => placementOfEvent(facts, { kind: 'visit', date })?.id;
  assert.equal(on('2023-12-20'), 'a');
  assert.equal(on('2024-01-05'), 'b');
  assert.equal(on('2024-01-10'), 'c', 'the day one placement ends and the next starts belongs to the new one');
  assert.equal(on('2023-12-01'), 'a', 'before any placement: the next to start');
  assert.equal(placementOfEvent(facts, { kind: 'visit', date: '2024-01-05', placementId: 'c' })?.id, 'c', 'a named placement wins');
  assert.equal(placementOfEvent(facts, { kind: 'visit', date: '2024-01-05', placementId: 'nope' }), null);
});
