/**
 * The carers' reports on a parent-and-child placement (Parent and child fostering procedure, 5.1: the
 * placement plan records "the remit and responsibilities of the Foster Carer, both for support of the
 * parent and child and also for reporting to … Children's Services"). The plan sets a reporting
 * schedule (every week, 2 weeks or 4 weeks from the first report due); each report due is an
 * obligation, completed when the report is received, and each report received is read by the child's
 * social worker.
 *
 * The series runs like the visits: every report due up to the last one received (those not received
 * stay open, overdue), then the next one. A report due after the placement ended, or after the child
 * stopped being looked after, is not needed.
 */
import { addDays, compareDates, type IsoDate } from '../dates.ts';
import type { CarerReportsFact, ChildFacts, ChildObligationDefinition, DeadlineCalendar, ObligationInstance, PlacementFact } from './types.ts';
import { afterWorkingDays, instance, isBefore, isOnOrBefore, placementsInOrder, shortDate } from './helpers.ts';
import { stoppedBefore } from './visits.ts';

const REPORT_ID = 'parent-and-child-carer-report';
const READ_ID = 'parent-and-child-carer-report-read';
const PROCEDURE = 'Parent and child fostering procedure';

/**
 * Working days the child's social worker has to read a carers' report once it is received. The procedure sets
 * no time; this is Hearth's default, the same as the other local timescales of 5 working days.
 */
export const READ_WITHIN_WORKING_DAYS = 5;

export const FREQUENCY_DAYS: Record<CarerReportsFact['frequency'], number> = { weekly: 7, fortnightly: 14, four_weekly: 28 };
const FREQUENCY_WORDS: Record<CarerReportsFact['frequency'], string> = { weekly: 'every week', fortnightly: 'every 2 weeks', four_weekly: 'every 4 weeks' };

/**
 * The days reports are due, in order: every one up to the last received report's due day, then the
 * next one. Bounded by 1,000 (about 19 years of weekly reports) so bad data cannot loop.
 */
export function dueDays(r: CarerReportsFact): IsoDate[] {
  const step = FREQUENCY_DAYS[r.frequency];
  const lastReceived = r.received.reduce<IsoDate | null>((m, x) => (m === null || compareDates(x.dueOn, m) > 0 ? x.dueOn : m), null);
  const out: IsoDate[] = [];
  for (let d = r.firstDueOn; out.length < 1000; d = addDays(d, step)) {
    out.push(d);
    if (lastReceived === null || compareDates(d, lastReceived) > 0) break;
  }
  return out;
}

function reportsFor(facts: ChildFacts, p: PlacementFact, cal: DeadlineCalendar): ObligationInstance[] {
  const r = p.carerReports;
  if (!r) return [];
  const base = { obligationId: REPORT_ID, subjectType: 'placement' as const, subjectId: p.id, childId: facts.childId };
  const byDue = new Map(r.received.map((x) => [x.dueOn, x]));
  const days = dueDays(r);
  return days.flatMap((due, i) => {
    const got = byDue.get(due);
    const ended = p.assessmentEndedOn && isBefore(p.assessmentEndedOn, due) ? `The assessment ended with its outcome on ${shortDate(p.assessmentEndedOn)}, before this report was due` : null;
    const stop = got ? null : (stoppedBefore(facts, p, due, 'report', cal) ?? ended);
    // After the placement ended, reports not yet due are not wanted at all; the one in progress says why.
    if (stop && i < days.length - 1) return [];
    const startedOn = i === 0 ? p.start : (days[i - 1] ?? p.start);
    return [
      instance({
        ...base,
        sequence: due,
        startedOn: isOnOrBefore(startedOn, due) ? startedOn : due,
        dueOn: due,
        completedOn: got?.receivedOn ?? null,
        explanation: i === 0 ? `The first carers' report, due on ${shortDate(due)} as the placement plan set` : `The carers' report due ${FREQUENCY_WORDS[r.frequency]} after the first, due on ${shortDate(r.firstDueOn)}, as the placement plan set`,
        notApplicableReason: stop,
      }),
    ];
  });
}

function readsFor(facts: ChildFacts, p: PlacementFact, cal: DeadlineCalendar): ObligationInstance[] {
  const r = p.carerReports;
  if (!r) return [];
  return [...r.received]
    .sort((a, b) => compareDates(a.dueOn, b.dueOn))
    .map((x) => {
      const due = afterWorkingDays(x.receivedOn, READ_WITHIN_WORKING_DAYS, "the carers' report was received", cal);
      return instance({
        obligationId: READ_ID,
        subjectType: 'placement',
        subjectId: p.id,
        childId: facts.childId,
        sequence: x.dueOn,
        startedOn: x.receivedOn,
        dueOn: due.due,
        completedOn: x.readOn,
        explanation: `${due.explanation}: the report due on ${shortDate(x.dueOn)}`,
      });
    });
}

export const parentAndChildCarerReport: ChildObligationDefinition = {
  scope: 'child',
  id: REPORT_ID,
  title: "Parent-and-child carers' report",
  rule:
    "The carers of a parent-and-child placement report to Children's Services as the placement plan sets out: each written report is due on the days its reporting schedule gives (every week, 2 weeks or 4 weeks from the first report due).",
  source: {
    ref: `${PROCEDURE}, 5.1`,
    detail:
      'The Placement Plan … should also record the remit and responsibilities of the Foster Carer, both for support of the parent and child and also for reporting to … Children\'s Services.',
    confidence: 'V',
  },
  trigger: "A parent-and-child placement plan is completed with a reporting schedule (how often, and the first report's due day).",
  dueRule: 'On the first due day the plan gives, then every 7, 14 or 28 calendar days after it, as the plan sets. A due day on a weekend or bank holiday is not moved.',
  responsibleRole: 'supervising_social_worker',
  completes: "The carers' report due that day recorded as received (on the day it was received).",
  notApplicableWhen:
    "The placement has no reporting schedule (it is not a parent-and-child placement, or its plan sets none); a report is not needed once the placement has ended, or the child has stopped being looked after, on or before its due day, or the assessment ended with its outcome before it.",
  derive(facts, cal) {
    return placementsInOrder(facts).flatMap((p) => reportsFor(facts, p, cal));
  },
};

export const parentAndChildCarerReportRead: ChildObligationDefinition = {
  scope: 'child',
  id: READ_ID,
  title: "Parent-and-child carers' report read",
  rule: `The child's social worker reads each carers' report on a parent-and-child placement within ${READ_WITHIN_WORKING_DAYS} working days of its receipt, so that what the carers report informs the assessment and the reviews.`,
  source: {
    ref: `${PROCEDURE}, 5.1`,
    detail:
      "The carers' responsibilities include \"reporting to … Children's Services\". The procedure sets no time for reading the reports: " +
      `${READ_WITHIN_WORKING_DAYS} working days is Hearth's default.`,
    confidence: 'V',
  },
  trigger: "A carers' report is recorded as received.",
  dueRule: `${READ_WITHIN_WORKING_DAYS} working days after the day the report was received (weekends and bank holidays in England and Wales skipped).`,
  firstDue: { amount: READ_WITHIN_WORKING_DAYS, unit: 'working_days', from: "the day the carers' report was received" },
  responsibleRole: 'social_worker',
  completes: "The report recorded as read by the child's social worker (on the day they read it).",
  notApplicableWhen: 'Never, once a report is received: a report received is read, even after the placement has ended.',
  derive(facts, cal) {
    return placementsInOrder(facts).flatMap((p) => readsFor(facts, p, cal));
  },
};
