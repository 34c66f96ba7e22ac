import { test } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { delegatedAuthorityReview, lookedAfterReview } from './reviews.ts';
import { status } from './status.ts';
import { child, placement } from './test-facts.ts';
import type { ChildEvent } from './types.ts';

const cal = christmasCalendar();
const reviews = (...dates: string[]): ChildEvent[] => dates.map((date) => ({ kind: 'review_held', date }));

test('first review: within 20 working days of becoming looked after on Thu 21 Dec 2023 → Tue 23 Jan 2024 (Christmas, Boxing Day and New Year skipped)', () => {
  const [first, ...rest] = lookedAfterReview.derive(child(), cal);
  assert.equal(rest.length, 0);
  assert.equal(first?.id, 'looked-after-review:child:child-1:1');
  assert.equal(first?.startedOn, '2023-12-21');
  assert.equal(first?.dueOn, '2024-01-23');
  assert.match(first?.explanation ?? '', /^20 working days after the child became looked after on Thu 21 Dec 2023 \(skipping 23–26 Dec, 30 Dec 2023–1 Jan 2024 and weekends\)/);
  assert.equal(lookedAfterReview.responsibleRole, 'iro');
});

test('second review within 3 months of the first, then every 6 months after the previous one, each from the date actually held', () => {
  const series = lookedAfterReview.derive(child({ events: reviews('2024-01-18', '2024-04-30', '2024-10-15') }), cal);
  assert.deepEqual(
    series.map((i) => [i.sequence, i.startedOn, i.dueOn, i.completedOn ?? null]),
    [
      ['1', '2023-12-21', '2024-01-23', '2024-01-18'],
      ['2', '2024-01-18', '2024-04-18', '2024-04-30'],
      ['3', '2024-04-30', '2024-10-30', '2024-10-15'],
      ['4', '2024-10-15', '2025-04-15', null],
    ],
  );
  assert.deepEqual(
    series.map((i) => status(i, '2025-01-01', cal)),
    ['completed_on_time', 'completed_late', 'completed_on_time', 'not_yet_due'],
  );
});

test('the start of care comes from lookedAfterSince, else the earliest legal status; correcting it moves the first review', () => {
  const derived = lookedAfterReview.derive(child({ legalStatuses: [{ code: 'V2', start: '2024-01-08', end: null }], placements: [] }), cal);
  assert.equal(derived[0]?.dueOn, '2024-02-05');
  const stated = lookedAfterReview.derive(child({ lookedAfterSince: '2024-01-15' }), cal);
  assert.equal(stated[0]?.dueOn, '2024-02-12');
  // Reviews from before this period of care do not count.
  const old = lookedAfterReview.derive(child({ lookedAfterSince: '2024-01-15', events: reviews('2023-06-01') }), cal);
  assert.equal(old.length, 1);
  assert.equal(old[0]?.completedOn, undefined);
});

test('no further review once the child has stopped being looked after before it was due', () => {
  const series = lookedAfterReview.derive(child({ lookedAfterUntil: '2024-03-01', events: reviews('2024-01-18') }), cal);
  assert.equal(series[1]?.notApplicableReason, 'Not needed: the child stopped being looked after on Fri 1 Mar 2024, on or before the day this review was due');
  assert.equal(status(series[1]!, '2024-05-01', cal), 'not_applicable');
});

test('short breaks: first review within 3 months of the first break, then every 6 months [R]', () => {
  const facts = child({ legalStatuses: [{ code: 'V4', start: '2023-12-21', end: null }] });
  assert.equal(lookedAfterReview.derive(facts, cal)[0]?.dueOn, '2024-03-21');
  const later = lookedAfterReview.derive({ ...facts, events: reviews('2024-03-01') }, cal);
  assert.equal(later[1]?.dueOn, '2024-09-01');
});

test('nothing to review for a child with no legal status and no placement', () => {
  assert.deepEqual(lookedAfterReview.derive(child({ legalStatuses: [], placements: [] }), cal), []);
});

test('delegated authority: reviewed at every looked-after review; on the day is on time, later is late, after the next review does not count', () => {
  const events: ChildEvent[] = [
    ...reviews('2024-01-18', '2024-04-18', '2024-10-10'),
    { kind: 'delegated_authority_reviewed', date: '2024-01-18' },
    { kind: 'delegated_authority_reviewed', date: '2024-04-22' },
  ];
  const series = delegatedAuthorityReview.derive(child({ events }), cal);
  assert.deepEqual(
    series.map((i) => [i.id, i.dueOn, i.completedOn ?? null, status(i, '2024-11-01', cal)]),
    [
      ['delegated-authority-review:child:child-1:1', '2024-01-18', '2024-01-18', 'completed_on_time'],
      ['delegated-authority-review:child:child-1:2', '2024-04-18', '2024-04-22', 'completed_late'],
      ['delegated-authority-review:child:child-1:3', '2024-10-10', null, 'overdue'],
    ],
  );
});

test('delegated authority: not applicable at a review held while the child was not in a placement', () => {
  const facts = child({ placements: [placement({ end: '2024-03-01' })], events: reviews('2024-01-18', '2024-04-18') });
  const [placed, notPlaced] = delegatedAuthorityReview.derive(facts, cal);
  assert.equal(placed?.notApplicableReason, undefined);
  assert.match(notPlaced?.notApplicableReason ?? '', /not in a placement on the day of the review \(Thu 18 Apr 2024\)/);
});
