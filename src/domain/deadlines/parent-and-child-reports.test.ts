import { test } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { dueDays, parentAndChildCarerReport, parentAndChildCarerReportRead } from './parent-and-child-reports.ts';
import { assessmentPeriodEnd } from './parent-and-child.ts';
import { status } from './status.ts';
import { child, placement } from './test-facts.ts';
import type { CarerReportsFact, PlacementFact } from './types.ts';

const cal = christmasCalendar();
const START = '2024-01-08';
const facts = (reports: CarerReportsFact | null, p: Partial<PlacementFact> = {}) =>
  child({ legalStatuses: [{ code: 'C1', start: START, end: null }], placements: [placement({ start: START, parentAndChild: true, carerReports: reports, ...p })] });
const weekly = (received: CarerReportsFact['received'] = []): CarerReportsFact => ({ frequency: 'weekly', firstDueOn: '2024-01-12', received });
const got = (dueOn: string, receivedOn: string, readOn: string | null = null) => ({ id: `r-${dueOn}`, dueOn, receivedOn, readOn });

test('no schedule, no reports due: a placement plan without a reporting schedule gives no obligation', () => {
  assert.deepEqual(parentAndChildCarerReport.derive(facts(null), cal), []);
  assert.deepEqual(parentAndChildCarerReportRead.derive(facts(null), cal), []);
});

test('the first report is due on the day the plan sets, and only it is open until a report is received', () => {
  const [first, ...rest] = parentAndChildCarerReport.derive(facts(weekly()), cal);
  assert.equal(rest.length, 0);
  assert.equal(first?.id, 'parent-and-child-carer-report:placement:pl-1:2024-01-12');
  assert.equal(first?.dueOn, '2024-01-12');
  assert.equal(first?.startedOn, START);
  assert.equal(status(first!, '2024-01-15', cal), 'overdue');
});

test('every report due up to the last received is listed (a missing one stays open), then the next', () => {
  const all = parentAndChildCarerReport.derive(facts(weekly([got('2024-01-12', '2024-01-12'), got('2024-01-26', '2024-01-29')])), cal);
  assert.deepEqual(
    all.map((i) => [i.dueOn, i.completedOn ?? null]),
    [
      ['2024-01-12', '2024-01-12'],
      ['2024-01-19', null],
      ['2024-01-26', '2024-01-29'],
      ['2024-02-02', null],
    ],
  );
  assert.equal(status(all[0]!, '2024-02-01', cal), 'completed_on_time');
  assert.equal(status(all[2]!, '2024-02-01', cal), 'completed_late');
  assert.match(all[1]!.explanation, /every week after the first, due on Fri 12 Jan 2024/);
});

test('fortnightly and four-weekly schedules step 14 and 28 days', () => {
  assert.deepEqual(dueDays({ frequency: 'fortnightly', firstDueOn: '2024-01-12', received: [got('2024-01-26', '2024-01-26')] }), ['2024-01-12', '2024-01-26', '2024-02-09']);
  assert.deepEqual(dueDays({ frequency: 'four_weekly', firstDueOn: '2024-01-31', received: [got('2024-01-31', '2024-01-31')] }), ['2024-01-31', '2024-02-28']);
});

test('the next report is not needed once the placement has ended on or before its due day', () => {
  const all = parentAndChildCarerReport.derive(facts(weekly([got('2024-01-12', '2024-01-12')]), { end: '2024-01-18' }), cal);
  assert.equal(all.length, 2);
  assert.match(all[1]!.notApplicableReason ?? '', /The placement ended on Thu 18 Jan 2024/);
});

test("each report received is read by the child's social worker within 5 working days, skipping weekends and holidays", () => {
  const reads = parentAndChildCarerReportRead.derive(facts(weekly([got('2024-01-12', '2024-01-12', '2024-01-16'), got('2023-12-22', '2023-12-22')])), cal);
  assert.deepEqual(
    reads.map((i) => [i.sequence, i.dueOn, i.completedOn ?? null]),
    [
      ['2023-12-22', '2024-01-03', null],
      ['2024-01-12', '2024-01-19', '2024-01-16'],
    ],
  );
  assert.match(reads[0]!.explanation, /5 working days after the carers' report was received on Fri 22 Dec 2023 \(skipping/);
});

test('the end of the review period in force on a day: the initial period, then as reviews extended it', () => {
  const p = { start: START, assessmentPeriodEndsOn: null };
  assert.equal(assessmentPeriodEnd(p, [], '2024-01-20'), '2024-02-05');
  const reviews = [{ date: '2024-01-26', periodEndsOn: '2024-03-15' }];
  assert.equal(assessmentPeriodEnd(p, reviews, '2024-01-25'), '2024-02-05', 'before the review, the initial period');
  assert.equal(assessmentPeriodEnd(p, reviews, '2024-02-20'), '2024-03-15', 'after it, the extended one');
});

test('once the assessment ends with its outcome, no further review, review period or carers’ report is due', async () => {
  const { parentAndChildAssessmentPeriod, parentAndChildReview } = await import('./parent-and-child.ts');
  const ended = facts(weekly([got('2024-01-12', '2024-01-12')]), { assessmentEndedOn: '2024-01-18' });
  const reviews = parentAndChildReview.derive(ended, cal);
  assert.match(reviews.at(-1)?.notApplicableReason ?? '', /The assessment ended with its outcome on Thu 18 Jan 2024/);
  const periods = parentAndChildAssessmentPeriod.derive(ended, cal);
  assert.deepEqual(periods.map((p) => [p.dueOn, p.completedOn]), [['2024-02-05', '2024-01-18']]);
  const reports = parentAndChildCarerReport.derive(ended, cal);
  assert.match(reports.at(-1)?.notApplicableReason ?? '', /ended with its outcome on Thu 18 Jan 2024, before this report was due/);
  // Without the end, the same facts leave the review and the period open.
  const open = facts(weekly([got('2024-01-12', '2024-01-12')]));
  assert.equal(parentAndChildReview.derive(open, cal).at(-1)?.notApplicableReason ?? null, null);
  assert.equal(parentAndChildAssessmentPeriod.derive(open, cal)[0]?.completedOn ?? null, null);
});
