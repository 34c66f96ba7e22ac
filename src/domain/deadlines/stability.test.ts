import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { englandAndWales } from '../calendar/index.ts';
import { placementSupportMeeting } from './stability.ts';
import { DEFAULT_PSM_WORKING_DAYS, DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS, localTimescales, setLocalTimescales } from './local-settings.ts';
import { status } from './status.ts';
import { deriveObligations } from './index.ts';
import { child, placement } from './test-facts.ts';
import type { ChildEvent, DeadlineCalendar } from './types.ts';

const cal = christmasCalendar();
const concern = (date: string, placementId = 'pl-1'): ChildEvent => ({ kind: 'placement_concern', date, placementId });
const held = (date: string, placementId = 'pl-1'): ChildEvent => ({ kind: 'psm_held', date, placementId });
const derive = (events: ChildEvent[], c: DeadlineCalendar = cal) => placementSupportMeeting.derive(child({ events }), c);

afterEach(() => setLocalTimescales({ psmWorkingDays: DEFAULT_PSM_WORKING_DAYS, reviewFeedbackWorkingDays: DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS }));

test('no concern, no meeting: a placement alone does not start a Placement Support Meeting', () => {
  assert.deepEqual(derive([]), []);
});

test('a concern on Fri 22 Dec 2023 makes a meeting due 5 working days later, skipping Christmas, Boxing Day and New Year: Mon 1 Jan is skipped, due Wed 3 Jan 2024', () => {
  const [i, ...rest] = derive([concern('2023-12-22')]);
  assert.ok(i);
  assert.equal(rest.length, 0);
  assert.equal(i.id, 'placement-support-meeting:placement:pl-1:1');
  assert.equal(i.startedOn, '2023-12-22');
  assert.equal(i.dueOn, '2024-01-03');
  assert.equal(i.explanation, '5 working days after the concern was raised on Fri 22 Dec 2023 (skipping 23–26 Dec and 30 Dec 2023–1 Jan 2024)');
  assert.equal(status(i, '2023-12-27', cal), 'not_yet_due');
  assert.equal(status(i, '2024-01-02', cal), 'due_soon');
  assert.equal(status(i, '2024-01-04', cal), 'overdue');
});

test('with the real England and Wales calendar: a concern on Thu 28 Mar 2024 skips Good Friday and Easter Monday, due Mon 8 Apr 2024', () => {
  const [i] = derive([concern('2024-03-28')], englandAndWales);
  assert.equal(i?.dueOn, '2024-04-08');
  assert.match(i?.explanation ?? '', /skipping 29 Mar–1 Apr/);
});

test('concerns while a meeting is due start no second one; the meeting held completes it', () => {
  const open = derive([concern('2024-01-08'), concern('2024-01-09'), concern('2024-01-10')]);
  assert.equal(open.length, 1);
  assert.equal(open[0]?.dueOn, '2024-01-15');
  const done = derive([concern('2024-01-08'), concern('2024-01-10'), held('2024-01-12')]);
  assert.equal(done.length, 1);
  assert.equal(done[0]?.completedOn, '2024-01-12');
  assert.equal(status(done[0]!, '2024-02-01', cal), 'completed_on_time');
  const late = derive([concern('2024-01-08'), held('2024-01-16')]);
  assert.equal(status(late[0]!, '2024-02-01', cal), 'completed_late');
});

test('a concern after a meeting was held starts the next meeting; one on the day of the meeting is taken as discussed at it', () => {
  const list = derive([concern('2024-01-08'), held('2024-01-12'), concern('2024-01-12'), concern('2024-02-05'), concern('2024-02-06')]);
  assert.deepEqual(
    list.map((i) => [i.sequence, i.startedOn, i.dueOn, i.completedOn ?? null]),
    [
      ['1', '2024-01-08', '2024-01-15', '2024-01-12'],
      ['2', '2024-02-05', '2024-02-12', null],
    ],
  );
  const third = derive([concern('2024-01-08'), held('2024-01-12'), concern('2024-02-05'), held('2024-02-07'), concern('2024-03-04')]);
  assert.deepEqual(
    third.map((i) => i.id),
    ['placement-support-meeting:placement:pl-1:1', 'placement-support-meeting:placement:pl-1:2', 'placement-support-meeting:placement:pl-1:3'],
  );
});

test('a meeting held before the concern does not complete it', () => {
  const [i] = derive([held('2024-01-05'), concern('2024-01-08')]);
  assert.equal(i?.completedOn, undefined);
});

test('concerns belong to their placement: another placement’s meeting does not complete it', () => {
  const facts = child({
    placements: [placement({ id: 'pl-1', start: '2023-06-01', end: '2024-01-20' }), placement({ id: 'pl-2', householdId: 'hh-2', start: '2024-01-20' })],
    events: [concern('2024-01-08', 'pl-1'), held('2024-01-25', 'pl-2'), concern('2024-01-22', 'pl-2')],
  });
  const list = placementSupportMeeting.derive(facts, cal);
  const first = list.find((i) => i.subjectId === 'pl-1');
  const second = list.find((i) => i.subjectId === 'pl-2');
  assert.equal(first?.completedOn, undefined);
  assert.equal(second?.completedOn, '2024-01-25');
});

test('a placement that ended on or before the day its meeting was due, with none held: the meeting no longer applies', () => {
  const facts = child({ placements: [placement({ end: '2024-01-10' })], events: [concern('2024-01-08')] });
  const [i] = placementSupportMeeting.derive(facts, cal);
  assert.match(i?.notApplicableReason ?? '', /the placement ended on Wed 10 Jan 2024/);
  const later = child({ placements: [placement({ end: '2024-01-20' })], events: [concern('2024-01-08')] });
  assert.equal(placementSupportMeeting.derive(later, cal)[0]?.notApplicableReason, undefined, 'ended after it fell due: still overdue, for a manager to close');
});

test('the timescale is a local setting: 3 working days moves the due date and the rule says so', () => {
  setLocalTimescales({ psmWorkingDays: 3, reviewFeedbackWorkingDays: DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS });
  assert.equal(localTimescales().psmWorkingDays, 3);
  assert.equal(derive([concern('2024-01-08')])[0]?.dueOn, '2024-01-11');
  assert.match(placementSupportMeeting.dueRule, /^3 working days after/);
  assert.deepEqual(placementSupportMeeting.firstDue, { amount: 3, unit: 'working_days', from: 'the day the concern was raised' });
  assert.throws(() => setLocalTimescales({ psmWorkingDays: 0, reviewFeedbackWorkingDays: DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS }), /1 to 60/);
  assert.throws(() => setLocalTimescales({ psmWorkingDays: 2.5, reviewFeedbackWorkingDays: DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS }), /whole number/);
});

test('deriveObligations includes the meeting among the child’s obligations', () => {
  const all = deriveObligations(child({ events: [concern('2024-01-08')] }), cal);
  assert.ok(all.some((i) => i.id === 'placement-support-meeting:placement:pl-1:1'));
});

test('a meeting that agreed to meet again starts the next meeting, due by that date; a concern before then may bring it forward', () => {
  const agreed = (date: string, next: string): ChildEvent => ({ kind: 'psm_held', date, placementId: 'pl-1', periodEndsOn: next });
  // Concern Mon 8 Jan 2024, meeting Wed 10 Jan agreeing to meet again on Fri 9 Feb.
  const [first, second, ...rest] = derive([concern('2024-01-08'), agreed('2024-01-10', '2024-02-09')]);
  assert.equal(first?.completedOn, '2024-01-10');
  assert.equal(rest.length, 0);
  assert.equal(second?.startedOn, '2024-01-10');
  assert.equal(second?.dueOn, '2024-02-09');
  assert.equal(second?.explanation, 'The date the meeting on Wed 10 Jan 2024 agreed to meet again');
  assert.equal(second?.completedOn, undefined);
  // A concern on Mon 22 Jan makes it due 5 working days later, Mon 29 Jan, before the agreed date.
  const [, sooner] = derive([concern('2024-01-08'), agreed('2024-01-10', '2024-02-09'), concern('2024-01-22')]);
  assert.equal(sooner?.dueOn, '2024-01-29');
  assert.equal(sooner?.startedOn, '2024-01-10');
  // Held on the agreed day: done, and nothing more is due.
  const done = derive([concern('2024-01-08'), agreed('2024-01-10', '2024-02-09'), held('2024-02-09')]);
  assert.deepEqual(done.map((i) => i.completedOn), ['2024-01-10', '2024-02-09']);
});
