/**
 * The carers' reports and the placement reviews of a parent-and-child assessment (Parent and child
 * fostering procedure, 5.1 to 5.3):
 *
 * - 5.1: the placement plan records "the remit and responsibilities of the Foster Carer … for reporting";
 *   each report is recorded as received (when, from whom, what it says) and as read by the child's
 *   social worker.
 * - 5.2: "an initial period of not more than 28 days should be agreed. This may be extended by subsequent reviews."
 * - 5.3: "Placement reviews should occur at least monthly, at least one week before the end of any review period."
 *
 * A review records who attended, the parent's progress against each skill or capability in the plan,
 * the carers' reports it considered and its decision: extend the assessment to a new end date, or end
 * the placement as successful or as unsuccessful (the outcome then follows: ./parent-and-child-outcome.ts).
 */
import { z } from 'zod';
import { addDays, compareDates, formatDate, type IsoDate } from '../dates.ts';
import { isoDate, oneOf, optionalIsoDate, text, MAX_LONG_TEXT } from './fields.ts';

type Problem = { field: string; message: string };

export const REPORT_FREQUENCY_DAYS = { weekly: 7, fortnightly: 14, four_weekly: 28 } as const;
export type ReportFrequency = keyof typeof REPORT_FREQUENCY_DAYS;

export const CarerReportInput = z.object({
  dueOn: isoDate('the day the report was due'),
  receivedOn: isoDate('the day the report was received'),
  receivedFrom: text('who the report is from'),
  summary: text('what the report says', MAX_LONG_TEXT),
});
export type CarerReportInput = z.output<typeof CarerReportInput>;

export const ReportReadInput = z.object({ readOn: isoDate('the day the report was read') });
export type ReportReadInput = z.output<typeof ReportReadInput>;

/** Whether a day is one of the schedule's due days: the first, or a whole number of intervals after it. */
export function isDueDay(schedule: { frequency: ReportFrequency; firstDueOn: IsoDate }, day: IsoDate): boolean {
  if (compareDates(day, schedule.firstDueOn) < 0) return false;
  const step = REPORT_FREQUENCY_DAYS[schedule.frequency];
  for (let d = schedule.firstDueOn, i = 0; i < 1000; d = addDays(d, step), i++) {
    const c = compareDates(d, day);
    if (c === 0) return true;
    if (c > 0) return false;
  }
  return false;
}

/** The first due day not yet received, for the form's suggestion. */
export function nextReportDue(schedule: { frequency: ReportFrequency; firstDueOn: IsoDate }, receivedDueDays: readonly IsoDate[]): IsoDate {
  const got = new Set(receivedDueDays);
  let d = schedule.firstDueOn;
  for (let i = 0; i < 1000 && got.has(d); i++) d = addDays(d, REPORT_FREQUENCY_DAYS[schedule.frequency]);
  return d;
}

/** Every rule a carers' report breaks, given the placement's schedule and the reports already received. */
export function carerReportProblems(
  input: CarerReportInput,
  ctx: { today: IsoDate; placementStart: IsoDate; schedule: { frequency: ReportFrequency; firstDueOn: IsoDate } | null; receivedDueDays: readonly IsoDate[] },
): Problem[] {
  const problems: Problem[] = [];
  if (!ctx.schedule) return [{ field: 'form', message: "The placement plan sets no reporting schedule yet: complete the parent-and-child placement plan with how often the carers report" }];
  if (compareDates(input.receivedOn, ctx.today) > 0) problems.push({ field: 'receivedOn', message: 'The day the report was received must be today or in the past' });
  else if (compareDates(input.receivedOn, ctx.placementStart) < 0) problems.push({ field: 'receivedOn', message: 'The day the report was received must be on or after the day the placement started' });
  if (!isDueDay(ctx.schedule, input.dueOn)) {
    problems.push({ field: 'dueOn', message: `The day the report was due must be one of the days the plan sets: from ${formatDate(ctx.schedule.firstDueOn)}, every ${REPORT_FREQUENCY_DAYS[ctx.schedule.frequency]} days` });
  } else if (ctx.receivedDueDays.includes(input.dueOn)) {
    problems.push({ field: 'dueOn', message: `The report due on ${formatDate(input.dueOn)} is already recorded as received` });
  }
  return problems;
}

/** Every rule marking a report as read breaks. */
export function reportReadProblems(input: ReportReadInput, report: { receivedOn: IsoDate; readOn: IsoDate | null }, today: IsoDate): Problem[] {
  if (report.readOn) return [{ field: 'readOn', message: `This report was already read on ${formatDate(report.readOn)}` }];
  if (compareDates(input.readOn, today) > 0) return [{ field: 'readOn', message: 'The day the report was read must be today or in the past' }];
  if (compareDates(input.readOn, report.receivedOn) < 0) return [{ field: 'readOn', message: `The day the report was read must be on or after the day it was received (${formatDate(report.receivedOn)})` }];
  return [];
}

// Reviews ------------------------------------------------------------------------------------------

export const REVIEW_DECISIONS = {
  extend: 'Extend the assessment to a new end date',
  end_successful: 'End the assessment: successful',
  end_unsuccessful: 'End the assessment: unsuccessful',
} as const;
export type ReviewDecision = keyof typeof REVIEW_DECISIONS;

export const PROGRESS_RATINGS = {
  demonstrated: 'Demonstrated',
  progressing: 'Progressing',
  not_yet: 'Not yet seen',
  concern: 'A concern',
} as const;
export type ProgressRating = keyof typeof PROGRESS_RATINGS;

const DECISIONS = Object.keys(REVIEW_DECISIONS) as [ReviewDecision, ...ReviewDecision[]];
const RATINGS = Object.keys(PROGRESS_RATINGS) as [ProgressRating, ...ProgressRating[]];

export const ReviewInput = z.object({
  heldOn: isoDate('the day the review was held'),
  attendees: z
    .array(z.object({ name: text('the name of the person who attended'), role: text('their role') }), { error: 'List who attended' })
    .min(1, { error: 'List who attended the review' })
    .max(30, { error: 'List at most 30 people' }),
  progress: z
    .array(z.object({ capability: text('the skill or capability', 300), rating: oneOf(RATINGS, 'the progress seen'), evidence: text('what was seen', MAX_LONG_TEXT) }), { error: 'Record the progress against each skill or capability' })
    .max(20),
  reportIds: z.array(z.uuid({ error: "Select the carers' reports considered from the list" })).max(200).default([]),
  decision: oneOf(DECISIONS, 'the decision'),
  periodEndsOn: optionalIsoDate('the new end of the assessment'),
  reasons: text('the reasons for the decision', MAX_LONG_TEXT),
});
export type ReviewInput = z.output<typeof ReviewInput>;

export type ReviewContext = {
  today: IsoDate;
  placement: { start: IsoDate; end: IsoDate | null };
  /** The end of the review period in force on the day of the review (parent-and-child.ts assessmentPeriodEnd). */
  currentPeriodEndsOn: IsoDate;
  /** The skills and capabilities the latest completed plan lists, in order. */
  capabilities: readonly string[];
  /** The placement's carers' reports received. */
  reports: readonly { id: string; receivedOn: IsoDate }[];
  /** The placement's outcome is already recorded. */
  outcomeRecorded: boolean;
};

/**
 * Every rule a review record breaks: held on a day of the placement and not in the future; progress
 * against every capability the plan lists; reports considered are this placement's and received by
 * the review; an extension sets a new end later than the current period's and the review's own day.
 */
export function reviewProblems(input: ReviewInput, ctx: ReviewContext): Problem[] {
  const problems: Problem[] = [];
  if (ctx.outcomeRecorded) return [{ field: 'form', message: 'The outcome of this placement is already recorded: no further review of the assessment can be recorded' }];
  if (compareDates(input.heldOn, ctx.today) > 0) problems.push({ field: 'heldOn', message: 'The day the review was held must be today or in the past' });
  else if (compareDates(input.heldOn, ctx.placement.start) < 0) problems.push({ field: 'heldOn', message: 'The day the review was held must be on or after the day the placement started' });
  else if (ctx.placement.end && compareDates(input.heldOn, ctx.placement.end) > 0) problems.push({ field: 'heldOn', message: 'The day the review was held must be on or before the day the placement ended' });
  if (!ctx.capabilities.length) problems.push({ field: 'progress', message: 'The placement plan lists no skills or capabilities: complete the parent-and-child placement plan first' });
  ctx.capabilities.forEach((c, i) => {
    if (!input.progress.some((p) => p.capability === c)) problems.push({ field: `progress.${i}`, message: `Record the progress against "${c}"` });
  });
  input.progress.forEach((p, i) => {
    if (!ctx.capabilities.includes(p.capability)) problems.push({ field: `progress.${i}`, message: `"${p.capability}" is not a skill or capability in the placement plan` });
  });
  const byId = new Map(ctx.reports.map((r) => [r.id, r]));
  input.reportIds.forEach((id, i) => {
    const r = byId.get(id);
    if (!r) problems.push({ field: `reportIds.${i}`, message: "Select the carers' reports considered from this placement's reports" });
    else if (compareDates(r.receivedOn, input.heldOn) > 0) problems.push({ field: `reportIds.${i}`, message: `A report received on ${formatDate(r.receivedOn)}, after the review, cannot have been considered at it` });
  });
  if (input.decision === 'extend') {
    if (!input.periodEndsOn) problems.push({ field: 'periodEndsOn', message: 'Enter the new end of the assessment' });
    else if (compareDates(input.periodEndsOn, ctx.currentPeriodEndsOn) <= 0) {
      problems.push({ field: 'periodEndsOn', message: `The new end of the assessment must be after the end of the current review period (${formatDate(ctx.currentPeriodEndsOn)})` });
    } else if (compareDates(input.periodEndsOn, input.heldOn) <= 0) problems.push({ field: 'periodEndsOn', message: 'The new end of the assessment must be after the day of the review' });
  } else if (input.periodEndsOn) {
    problems.push({ field: 'periodEndsOn', message: 'A new end of the assessment is only for a decision to extend it: leave it blank' });
  }
  return problems;
}

/** What the review says about the decision, in words. */
export function decisionText(decision: ReviewDecision, periodEndsOn: IsoDate | null): string {
  return decision === 'extend' && periodEndsOn ? `Extend the assessment to ${formatDate(periodEndsOn)}` : REVIEW_DECISIONS[decision];
}
