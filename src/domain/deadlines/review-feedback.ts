/**
 * Reviews hear the carers (Placement stability guidance, "All reviews and planning meetings include key
 * professionals…"): before each looked-after review, the supervising social worker has the foster
 * carers' (and the child's keyworker's, where there is one) written feedback for it, a set number of
 * working days before the review is due (a local setting), so the independent reviewing officer has
 * it to read. Their attendance is recorded with the review itself.
 */
import type { ChildObligationDefinition, DeadlineCalendar, ObligationInstance } from './types.ts';
import { childEvents, instance, isBefore, isOnOrBefore, placementsInOrder, shortDate, skippedText } from './helpers.ts';
import { localTimescales } from './local-settings.ts';
import { reviewsOf } from './reviews.ts';

const ID = 'review-feedback';
const days = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

/** One feedback obligation for each looked-after review that falls while the child is placed with foster carers. */
export function reviewFeedbackOf(facts: Parameters<ChildObligationDefinition['derive']>[0], cal: DeadlineCalendar, workingDays: number): ObligationInstance[] {
  const reviews = reviewsOf(facts, cal);
  const feedback = childEvents(facts, 'review_feedback_received').map((e) => e.date);
  const placements = placementsInOrder(facts);
  const out: ObligationInstance[] = [];
  reviews.forEach((review, i) => {
    const held = review.completedOn ?? null;
    // Due a set number of working days before the review is due; a review held earlier brings it forward to that day.
    let due = cal.addWorkingDays(review.dueOn, -workingDays);
    const skipped = skippedText(due, review.dueOn, cal);
    let explanation = `${days(workingDays)} before the looked-after review due on ${shortDate(review.dueOn)}${skipped ? ` (skipping ${skipped})` : ''}`;
    if (held && isBefore(held, due)) {
      due = held;
      explanation = `By the looked-after review held on ${shortDate(held)}, earlier than it was due`;
    }
    const reviewDay = held ?? review.dueOn;
    const openOn = (d: string) => placements.find((p) => isOnOrBefore(p.start, d) && (p.end === null || isBefore(d, p.end)));
    const placement = openOn(due) ?? openOn(reviewDay);
    if (!placement) return;
    // Feedback counts for this review when it came after the previous review (or, for the first, from the start) and by the review.
    const from = review.startedOn;
    const startedOn = isBefore(from, placement.start) ? placement.start : from;
    if (isBefore(due, startedOn)) {
      due = isBefore(reviewDay, startedOn) ? startedOn : reviewDay;
      explanation = `By the looked-after review on ${shortDate(due)}: the child was placed less than ${days(workingDays)} before it`;
    }
    const completedOn =
      feedback.find((d) => (i === 0 ? isOnOrBefore(from, d) : isBefore(from, d)) && (held === null || isOnOrBefore(d, held))) ?? null;
    out.push(
      instance({
        obligationId: ID,
        subjectType: 'placement',
        subjectId: placement.id,
        sequence: i + 1,
        childId: facts.childId,
        startedOn,
        dueOn: due,
        completedOn,
        notApplicableReason: completedOn ? null : (review.notApplicableReason ?? null),
        explanation,
      }),
    );
  });
  return out;
}

export const reviewFeedback: ChildObligationDefinition = {
  scope: 'child',
  id: ID,
  title: "Carers' feedback for the looked-after review",
  get rule() {
    return (
      "Before each looked-after review, the supervising social worker has the foster carers' written feedback for it (and the keyworker's, where the child has one), " +
      `${days(localTimescales().reviewFeedbackWorkingDays)} before the review is due (a local setting), so the independent reviewing officer has it to read. ` +
      'Whether the carers and the keyworker attended is recorded with the review.'
    );
  },
  source: {
    ref: 'Placement stability guidance, "All reviews and planning meetings include key professionals…"',
    detail: 'All keyworkers and foster carers feedback into all CLA review processes. All review meetings are attended by the key worker / foster carer.',
    confidence: 'V',
  },
  trigger: 'A looked-after review falls due (or is held) while the child is placed with foster carers: the first review, then each one after the previous review was held.',
  get dueRule() {
    return (
      `${days(localTimescales().reviewFeedbackWorkingDays)} before the day the review is due (weekends and bank holidays skipped); by the review itself when it is held earlier, or when the child was placed less than that before it. ` +
      'The guidance gives no number; it is a local setting (REVIEW_FEEDBACK_WORKING_DAYS, default 5).'
    );
  },
  responsibleRole: 'supervising_social_worker',
  completes:
    'The feedback is recorded as received (an event "review_feedback_received", with what the carers and the keyworker said) after the previous review and no later than the day of the review.',
  notApplicableWhen: 'The review itself is not needed (the child stops being looked after, or turns 18, first); no feedback is due for a review when the child is not placed.',
  derive(facts, cal) {
    return reviewFeedbackOf(facts, cal, localTimescales().reviewFeedbackWorkingDays);
  },
};
