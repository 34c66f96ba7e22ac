import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { reviewFeedback } from './review-feedback.ts';
import { DEFAULT_PSM_WORKING_DAYS, DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS, setLocalTimescales } from './local-settings.ts';
import { status } from './status.ts';
import { child } from './test-facts.ts';
import type { ChildEvent, ChildFacts } from './types.ts';

// Looked after and placed on Thu 21 Dec 2023: the first review is due Tue 23 Jan 2024 (20 working days,
// skipping Christmas, Boxing Day and New Year's Day).
const cal = christmasCalendar();
const feedback = (date: string): ChildEvent => ({ kind: 'review_feedback_received', date, placementId: 'pl-1' });
const review = (date: string): ChildEvent => ({ kind: 'review_held', date, placementId: null });
const derive = (events: ChildEvent[], over: Partial<ChildFacts> = {}) => reviewFeedback.derive(child({ events, ...over }), cal);

afterEach(() => setLocalTimescales({ psmWorkingDays: DEFAULT_PSM_WORKING_DAYS, reviewFeedbackWorkingDays: DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS }));

test("the carers' feedback for the first review is due 5 working days before it, on the placement, for the supervising social worker", () => {
  const [i, ...rest] = derive([]);
  assert.equal(rest.length, 0);
  assert.equal(i?.id, 'review-feedback:placement:pl-1:1');
  assert.equal(i?.startedOn, '2023-12-21');
  assert.equal(i?.dueOn, '2024-01-16');
  assert.equal(i?.explanation, '5 working days before the looked-after review due on Tue 23 Jan 2024 (skipping 20–21 Jan)');
  assert.equal(status(i!, '2024-01-12', cal), 'due_soon');
  assert.equal(status(i!, '2024-01-17', cal), 'overdue');
  assert.equal(reviewFeedback.responsibleRole, 'supervising_social_worker');
});

test('feedback recorded completes it; each review held starts the next, due 5 working days before the next review', () => {
  const [first, second] = derive([feedback('2024-01-12'), review('2024-01-19')]);
  assert.equal(first?.completedOn, '2024-01-12');
  assert.equal(status(first!, '2024-02-01', cal), 'completed_on_time');
  // The second review is due 3 months after the first was held: Fri 19 Apr 2024; feedback Fri 12 Apr.
  assert.equal(second?.startedOn, '2024-01-19');
  assert.equal(second?.dueOn, '2024-04-12');
  assert.equal(second?.completedOn, undefined, 'feedback before the previous review is not feedback for this one');
});

test('a review held before the feedback was due brings the feedback forward to the review; feedback after it is for the next', () => {
  const [first, second] = derive([review('2024-01-10'), feedback('2024-01-11')]);
  assert.equal(first?.dueOn, '2024-01-10');
  assert.equal(first?.explanation, 'By the looked-after review held on Wed 10 Jan 2024, earlier than it was due');
  assert.equal(first?.completedOn, undefined);
  assert.equal(status(first!, '2024-01-15', cal), 'overdue');
  assert.equal(second?.completedOn, '2024-01-11');
});

test('a child who moves between the feedback and the review: it is for the placement the child was in when it was due', () => {
  // A review on Fri 12 Jan 2024; the next due Fri 12 Apr, its feedback Fri 5 Apr; the child moved on Wed 10 Apr.
  const moved = derive([review('2024-01-12')], {
    placements: [
      { id: 'pl-0', householdId: 'hh-0', start: '2023-12-21', end: '2024-04-10' },
      { id: 'pl-1', householdId: 'hh-1', start: '2024-04-10', end: null },
    ],
  });
  const second = moved[1];
  assert.equal(second?.subjectId, 'pl-0', 'the placement open on the day the feedback was due');
  assert.equal(second?.dueOn, '2024-04-05');
});

test('a child placed less than 5 working days before a review: the feedback is due by the review itself', () => {
  // Looked after since 21 Dec 2023 but placed with these carers only on Mon 22 Jan 2024, the day before the review is due.
  const [i] = derive([], { placements: [{ id: 'pl-1', householdId: 'hh-1', start: '2024-01-22', end: null }] });
  assert.equal(i?.startedOn, '2024-01-22');
  assert.equal(i?.dueOn, '2024-01-23');
  assert.equal(i?.explanation, 'By the looked-after review on Tue 23 Jan 2024: the child was placed less than 5 working days before it');
});

test('no placement, no feedback due; a child who leaves care first needs none', () => {
  assert.deepEqual(derive([], { placements: [] }), []);
  const [left] = derive([], { lookedAfterUntil: '2024-01-10' });
  assert.match(left?.notApplicableReason ?? '', /Not needed/);
});

test('the number of working days is a local setting', () => {
  setLocalTimescales({ psmWorkingDays: DEFAULT_PSM_WORKING_DAYS, reviewFeedbackWorkingDays: 3 });
  assert.equal(derive([])[0]?.dueOn, '2024-01-18');
  assert.match(reviewFeedback.rule, /3 working days before the review is due/);
  assert.throws(() => setLocalTimescales({ psmWorkingDays: 5, reviewFeedbackWorkingDays: 31 }), /1 to 30/);
});
