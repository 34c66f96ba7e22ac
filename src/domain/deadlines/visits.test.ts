import { test } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { status } from './status.ts';
import { child, only, placement } from './test-facts.ts';
import type { ChildEvent, ChildFacts, PlacementFact } from './types.ts';
import { socialWorkerVisits } from './visits.ts';

const cal = christmasCalendar();
const visits = (...dates: string[]): ChildEvent[] => dates.map((date) => ({ kind: 'visit', date, placementId: 'pl-1' }));
const START = '2024-01-08'; // a Monday
const facts = (p: Partial<PlacementFact>, events: ChildEvent[] = [], over: Partial<ChildFacts> = {}) =>
  child({ legalStatuses: [{ code: 'C2', start: START, end: null }], placements: [placement({ start: START, ...p })], events, ...over });
const derive = (f: ChildFacts) => only(socialWorkerVisits.derive(f, cal), 'social-worker-visits');

test('first visit: within 1 week of the placement starting', () => {
  const [first, ...rest] = derive(facts({}));
  assert.equal(rest.length, 0);
  assert.equal(first?.id, 'social-worker-visits:placement:pl-1:1');
  assert.equal(first?.startedOn, START);
  assert.equal(first?.dueOn, '2024-01-15');
  assert.match(first?.explanation ?? '', /^1 week after the placement started on Mon 8 Jan 2024/);
  assert.equal(status(first!, '2024-01-16', cal), 'overdue');
});

test('first visit across Christmas: 1 calendar week, holidays do not stretch it (Thu 21 Dec 2023 → Thu 28 Dec 2023)', () => {
  const [first] = socialWorkerVisits.derive(child(), cal);
  assert.equal(first?.dueOn, '2023-12-28');
});

test('each visit completes one due visit and the next is due from the last visit date: 6 weeks in the first year', () => {
  const series = derive(facts({ intendedUntil18: true }, visits('2024-01-12', '2024-02-26')));
  assert.deepEqual(
    series.map((i) => [i.sequence, i.startedOn, i.dueOn, i.completedOn ?? null]),
    [
      ['1', '2024-01-08', '2024-01-15', '2024-01-12'],
      ['2', '2024-01-12', '2024-02-23', '2024-02-26'],
      ['3', '2024-02-26', '2024-04-08', null],
    ],
  );
  assert.equal(status(series[0]!, '2024-03-01', cal), 'completed_on_time');
  assert.equal(status(series[1]!, '2024-03-01', cal), 'completed_late');
  assert.equal(status(series[2]!, '2024-03-01', cal), 'not_yet_due');
  assert.match(series[2]!.explanation, /^6 weeks after the last visit on Mon 26 Feb 2024: at most every 6 weeks in the first year/);
});

test('after the first year: every 3 months where the placement is meant to last until 18, otherwise still every 6 weeks', () => {
  // A visit late in year one still sets a 6-week interval; a visit after the first anniversary (8 Jan 2025) sets 3 months.
  const untilEighteen = derive(facts({ intendedUntil18: true }, visits('2024-01-12', '2024-12-30', '2025-01-20')));
  assert.equal(untilEighteen[2]?.dueOn, '2025-02-10', '6 weeks after 30 Dec 2024, a visit in the first year');
  assert.equal(untilEighteen[3]?.startedOn, '2025-01-20');
  assert.equal(untilEighteen[3]?.dueOn, '2025-04-20', '3 months after 20 Jan 2025');
  assert.match(untilEighteen[3]?.explanation ?? '', /meant to last until the child is 18/);
  const shortTerm = derive(facts({}, visits('2024-01-12', '2024-12-30', '2025-01-20')));
  assert.equal(shortTerm[3]?.dueOn, '2025-03-03', '6 weeks after 20 Jan 2025');
});

test('long-term placement after the first year: every 6 months if the child agrees [R], else 3 months', () => {
  const agreed = derive(facts({ longTerm: true, sixMonthlyVisitsAgreed: true }, visits('2024-01-12', '2025-01-20')));
  assert.equal(agreed[2]?.dueOn, '2025-07-20');
  const notAgreed = derive(facts({ longTerm: true }, visits('2024-01-12', '2025-01-20')));
  assert.equal(notAgreed[2]?.dueOn, '2025-04-20');
});

test('connected person (reg 28(4)): weekly until the first review, then every 4 weeks', () => {
  const noReview = derive(facts({ connectedPerson: true }, visits('2024-01-12', '2024-01-19')));
  assert.equal(noReview[1]?.dueOn, '2024-01-19');
  assert.equal(noReview[2]?.dueOn, '2024-01-26');
  assert.match(noReview[2]?.explanation ?? '', /weekly until the first review \(CPPCR reg 28\(4\): connected person\)/);
  const review: ChildEvent = { kind: 'review_held', date: '2024-01-24' };
  const afterReview = derive(facts({ connectedPerson: true }, [...visits('2024-01-12', '2024-01-19'), review]));
  assert.equal(afterReview[2]?.dueOn, '2024-02-16', '4 weeks after the visit on 19 Jan, the first review having been held on 24 Jan');
  const icoWithParent = derive(facts({ withParent: 'interim_care_order' }, [...visits('2024-01-12', '2024-01-19'), review]));
  assert.equal(icoWithParent[2]?.dueOn, '2024-02-16');
});

test('placed with a parent before assessment (reg 28(3)): weekly until the first review, then every 6 weeks', () => {
  const review: ChildEvent = { kind: 'review_held', date: '2024-01-24' };
  assert.equal(derive(facts({ withParent: 'before_assessment' }, visits('2024-01-12')))[1]?.dueOn, '2024-01-19');
  assert.equal(derive(facts({ withParent: 'before_assessment' }, [...visits('2024-01-12', '2024-01-19'), review]))[2]?.dueOn, '2024-03-01');
});

test('care order, living with a parent (reg 28(5)): every 6 weeks, even after the first year', () => {
  const series = derive(facts({ withParent: 'care_order', intendedUntil18: true }, visits('2024-01-12', '2025-01-20')));
  assert.equal(series[2]?.dueOn, '2025-03-03');
});

test('correcting a visit date recomputes the next due visit', () => {
  const before = derive(facts({}, visits('2024-01-12')));
  const after = derive(facts({}, visits('2024-01-10')));
  assert.equal(before[1]?.dueOn, '2024-02-23');
  assert.equal(after[1]?.dueOn, '2024-02-21');
  assert.equal(after[1]?.id, before[1]?.id);
});

test('visits without a placement id count for the placement in effect that day; visits before the placement do not', () => {
  const events: ChildEvent[] = [
    { kind: 'visit', date: '2024-01-05' },
    { kind: 'visit', date: '2024-01-11' },
  ];
  const series = derive(facts({}, events));
  assert.equal(series.length, 2);
  assert.equal(series[0]?.completedOn, '2024-01-11');
});

test('the next visit is not needed once the placement has ended, or the child turns 18, first', () => {
  const ended = derive(facts({ end: '2024-02-01' }, visits('2024-01-12')));
  assert.equal(ended.length, 2);
  assert.equal(status(ended[1]!, '2024-03-01', cal), 'not_applicable');
  assert.equal(ended[1]?.notApplicableReason, 'The placement ended on Thu 1 Feb 2024, on or before the day this visit was due');
  // A visit missed before the placement ended stays overdue: it was a missed visit.
  const missed = derive(facts({ end: '2024-04-01' }, visits('2024-01-12')));
  assert.equal(status(missed[1]!, '2024-05-01', cal), 'overdue');
  const eighteen = derive(facts({}, visits('2024-01-12'), { dateOfBirth: '2006-02-01' }));
  assert.match(eighteen[1]?.notApplicableReason ?? '', /the child turns 18 on Thu 1 Feb 2024/);
});

test('short breaks: visits on days the child is placed, at intervals agreed with the IRO, so not computed', () => {
  const [i, ...rest] = derive(facts({ kind: 'short_breaks' }, visits('2024-01-12')));
  assert.equal(rest.length, 0);
  assert.equal(status(i!, '2024-03-01', cal), 'not_applicable');
  assert.match(i!.notApplicableReason ?? '', /agreed with the IRO/);
});
