import { test } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { parentAndChildAssessmentPeriod, parentAndChildReview } from './parent-and-child.ts';
import { status } from './status.ts';
import { child, placement } from './test-facts.ts';
import type { ChildEvent, PlacementFact } from './types.ts';

const cal = christmasCalendar();
const START = '2024-01-08';
const review = (date: string, periodEndsOn: string | null = null): ChildEvent => ({ kind: 'parent_and_child_review_held', date, placementId: 'pl-1', periodEndsOn });
const facts = (p: Partial<PlacementFact> = {}, events: ChildEvent[] = []) =>
  child({ legalStatuses: [{ code: 'C1', start: START, end: null }], placements: [placement({ start: START, parentAndChild: true, ...p })], events });
const periods = (f: ReturnType<typeof facts>) => parentAndChildAssessmentPeriod.derive(f, cal);
const reviews = (f: ReturnType<typeof facts>) => parentAndChildReview.derive(f, cal);

test('assessment period: at most 28 days from the start; the first review is due a week before it ends', () => {
  const f = facts();
  const [period] = periods(f);
  assert.equal(period?.id, 'parent-and-child-assessment-period:placement:pl-1:1');
  assert.equal(period?.dueOn, '2024-02-05');
  const [first] = reviews(f);
  assert.equal(first?.id, 'parent-and-child-review:placement:pl-1:1');
  assert.equal(first?.dueOn, '2024-01-29');
  assert.match(first?.explanation ?? '', /^1 week before the review period ends on Mon 5 Feb 2024/);
});

test('a shorter agreed initial period is used; a longer one is capped at 28 days and says so', () => {
  assert.equal(periods(facts({ assessmentPeriodEndsOn: '2024-01-29' }))[0]?.dueOn, '2024-01-29');
  assert.equal(reviews(facts({ assessmentPeriodEndsOn: '2024-01-29' }))[0]?.dueOn, '2024-01-22');
  const capped = periods(facts({ assessmentPeriodEndsOn: '2024-02-20' }))[0]!;
  assert.equal(capped.dueOn, '2024-02-05');
  assert.match(capped.explanation, /more than 28 days after the start/);
  // The kind on the placement says the same as the flag.
  assert.equal(periods(facts({ parentAndChild: false, kind: 'parent_and_child' })).length, 1);
  assert.deepEqual(periods(facts({ parentAndChild: false })), []);
  assert.deepEqual(reviews(facts({ parentAndChild: false })), []);
});

test('a review that sets a later period end extends the assessment; the next review is due monthly or a week before the new end', () => {
  const longer = facts({}, [review('2024-01-26', '2024-03-15')]);
  const [p1, p2] = periods(longer);
  assert.equal(p1?.completedOn, '2024-01-26');
  assert.equal(status(p1!, '2024-02-10', cal), 'completed_on_time');
  assert.deepEqual([p2?.startedOn, p2?.dueOn, p2?.completedOn ?? null], ['2024-01-26', '2024-03-15', null]);
  const [r1, r2] = reviews(longer);
  assert.equal(status(r1!, '2024-02-10', cal), 'completed_on_time');
  assert.equal(r2?.startedOn, '2024-01-26');
  assert.equal(r2?.dueOn, '2024-02-26', 'a month after the last review comes before 8 Mar (a week before the end)');
  assert.match(r2?.explanation ?? '', /reviews at least monthly/);
  const shorter = reviews(facts({}, [review('2024-01-26', '2024-02-20')]));
  assert.equal(shorter[1]?.dueOn, '2024-02-13', 'a week before 20 Feb comes before a month after 26 Jan');
});

test('the assessment period runs out without a review extending it: overdue; a late extension is completed late', () => {
  const lapsed = periods(facts({}, [review('2024-01-26')]));
  assert.equal(lapsed.length, 1);
  assert.equal(status(lapsed[0]!, '2024-02-06', cal), 'overdue');
  // The review on 26 Jan already met "a week before the end" of this period: the next is due a month later.
  assert.equal(reviews(facts({}, [review('2024-01-26')]))[1]?.dueOn, '2024-02-26');
  const late = periods(facts({}, [review('2024-02-07', '2024-03-07')]));
  assert.equal(status(late[0]!, '2024-02-10', cal), 'completed_late');
  assert.equal(status(reviews(facts({}, [review('2024-02-07', '2024-03-07')]))[0]!, '2024-02-10', cal), 'completed_late');
});

test('the placement ending closes the period, and no further review is needed', () => {
  const f = facts({ end: '2024-02-01' }, [review('2024-01-26')]);
  const [period] = periods(f);
  assert.equal(period?.completedOn, '2024-02-01');
  assert.equal(status(period!, '2024-03-01', cal), 'completed_on_time');
  const [, next] = reviews(f);
  assert.equal(status(next!, '2024-03-01', cal), 'not_applicable');
  assert.match(next!.notApplicableReason ?? '', /placement ended on Thu 1 Feb 2024/);
});

test('correcting the start date moves the period end and the review', () => {
  const moved = facts({ start: '2024-01-01' });
  assert.equal(periods(moved)[0]?.dueOn, '2024-01-29');
  assert.equal(reviews(moved)[0]?.dueOn, '2024-01-22');
});
