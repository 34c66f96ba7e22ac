import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contactIntervalDays, contactSessionsDue } from './contact-sessions.ts';
import { deriveObligations } from './index.ts';
import { child, only } from './test-facts.ts';
import { fakeCalendar } from './fake-calendar.ts';

const row = (i: ReturnType<typeof contactSessionsDue>[number]) => [i.sequence, i.startedOn, i.dueOn, i.completedOn ?? null, i.notApplicableReason ?? null];

test('the longest gap between sessions: 7 days divided by the sessions a week, rounded up', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(contactIntervalDays), [7, 4, 3, 2, 2, 2, 1]);
});

test('weekly contact from Monday 2 November 2026: first due by Sunday 8th; a held session starts the next, 7 days on; a missed one does not count', () => {
  const plan = {
    start: '2026-11-02',
    end: null,
    sessionsPerWeek: 1,
    sessions: [
      { date: '2026-11-04', held: true },
      { date: '2026-11-11', held: false },
      { date: '2026-11-13', held: true },
    ],
  };
  assert.deepEqual(contactSessionsDue('c1', plan).map(row), [
    ['1', '2026-11-02', '2026-11-08', '2026-11-04', null],
    ['2', '2026-11-04', '2026-11-11', '2026-11-13', null],
    ['3', '2026-11-13', '2026-11-20', null, null],
  ]);
});

test('three a week: every 3 days; nothing held yet leaves the first open; a plan that ended before the next is due makes it not applicable', () => {
  assert.deepEqual(contactSessionsDue('c1', { start: '2026-11-02', end: null, sessionsPerWeek: 3, sessions: [] }).map(row), [['1', '2026-11-02', '2026-11-04', null, null]]);
  const ended = contactSessionsDue('c1', { start: '2026-11-02', end: '2026-11-05', sessionsPerWeek: 3, sessions: [{ date: '2026-11-03', held: true }] });
  assert.deepEqual(ended.map(row), [
    ['1', '2026-11-02', '2026-11-04', '2026-11-03', null],
    ['2', '2026-11-03', '2026-11-06', null, 'the contact plan ended on Thu 5 Nov 2026, before the session was due'],
  ]);
  // Two sessions on one day complete one obligation: the next runs from that day.
  const twice = contactSessionsDue('c1', { start: '2026-11-02', end: null, sessionsPerWeek: 3, sessions: [{ date: '2026-11-03', held: true }, { date: '2026-11-03', held: true }] });
  assert.deepEqual(twice.map((i) => i.completedOn ?? null), ['2026-11-03', null]);
});

test('deriveObligations includes the contact sessions only for a child with a contact plan, and stops them when care ends', () => {
  const cal = fakeCalendar();
  assert.equal(only(deriveObligations(child(), cal), 'contact-sessions').length, 0);
  const facts = child({ contactPlan: { start: '2023-12-21', end: null, sessionsPerWeek: 2, sessions: [{ date: '2023-12-22', held: true }] } });
  assert.deepEqual(only(deriveObligations(facts, cal), 'contact-sessions').map((i) => [i.dueOn, i.completedOn ?? null]), [
    ['2023-12-24', '2023-12-22'],
    ['2023-12-26', null],
  ]);
  const wentHome = child({ lookedAfterUntil: '2023-12-24', contactPlan: facts.contactPlan! });
  assert.match(only(deriveObligations(wentHome, cal), 'contact-sessions')[1]?.notApplicableReason ?? '', /stopped being looked after/);
});
