/**
 * Parent-and-child fostering placements (Parent and child fostering procedure, 5.2–5.3): the placement is also an assessment,
 * run in review periods. The initial period is at most 28 days; reviews extend it. Reviews happen
 * at least monthly, and at least a week before the end of each review period.
 *
 * Model:
 * - Period 1 ends on the agreed end of the initial period (placement.assessmentPeriodEndsOn), never
 *   more than 28 days after the placement starts (28 days if nothing was agreed).
 * - A review that records `periodEndsOn` later than the current period's end extends the assessment:
 *   it closes the current period and opens the next one, ending on that date.
 * - Review k+1 is due 1 calendar month after review k (or the placement start), or 7 days before the
 *   end of the current period if that is earlier and still after review k, unless a review other
 *   than the one that opened the current period has already been held in it.
 */
import { addDays, type IsoDate } from '../dates.ts';
import type { ChildFacts, ChildObligationDefinition, DeadlineCalendar, ObligationInstance, PlacementFact } from './types.ts';
import { afterPeriod, earliest, instance, isBefore, isOnOrBefore, placementEvents, placementsInOrder, shortDate } from './helpers.ts';
import { stoppedBefore } from './visits.ts';

const PERIOD_ID = 'parent-and-child-assessment-period';
const REVIEW_ID = 'parent-and-child-review';
const MAX_INITIAL_DAYS = 28;

const isParentAndChild = (p: PlacementFact) => p.parentAndChild === true || p.kind === 'parent_and_child';

export type Review = { date: IsoDate; periodEndsOn: IsoDate | null };
type Period = { startedOn: IsoDate; endsOn: IsoDate; explanation: string; extendedOn: IsoDate | null };

function reviewsOf(facts: ChildFacts, p: PlacementFact): Review[] {
  const seen = new Set<IsoDate>();
  const out: Review[] = [];
  for (const e of placementEvents(facts, p, 'parent_and_child_review_held')) {
    if (isBefore(e.date, p.start) || (p.end !== null && isBefore(p.end, e.date)) || seen.has(e.date)) continue;
    seen.add(e.date);
    out.push({ date: e.date, periodEndsOn: e.periodEndsOn ?? null });
  }
  return out;
}

function initialPeriod(p: Pick<PlacementFact, 'start' | 'assessmentPeriodEndsOn'>): Period {
  const max = addDays(p.start, MAX_INITIAL_DAYS);
  const agreed = p.assessmentPeriodEndsOn ?? null;
  if (agreed && isOnOrBefore(agreed, max) && isBefore(p.start, agreed)) {
    return { startedOn: p.start, endsOn: agreed, extendedOn: null, explanation: `The initial assessment period agreed when the placement started on ${shortDate(p.start)} (at most 28 days)` };
  }
  const note = agreed && isBefore(max, agreed) ? ` (the agreed end, ${shortDate(agreed)}, is more than 28 days after the start, which the procedure does not allow)` : '';
  return { startedOn: p.start, endsOn: max, extendedOn: null, explanation: `28 days after the placement started on ${shortDate(p.start)}: the initial assessment period is at most 28 days${note}` };
}

/** The review periods, earliest first, as the reviews extended them. */
function periodsOf(p: Pick<PlacementFact, 'start' | 'assessmentPeriodEndsOn'>, reviews: readonly Review[]): Period[] {
  const periods = [initialPeriod(p)];
  for (const r of reviews) {
    const current = periods[periods.length - 1]!;
    if (r.periodEndsOn && isBefore(current.endsOn, r.periodEndsOn)) {
      current.extendedOn = r.date;
      periods.push({ startedOn: r.date, endsOn: r.periodEndsOn, extendedOn: null, explanation: `The review period agreed at the review on ${shortDate(r.date)}` });
    }
  }
  return periods;
}

/**
 * The end of the review period in force on `date` (reviews before it counted): what a review held that
 * day must extend beyond (Parent and child fostering procedure, 5.2). `reviews` are the reviews already recorded.
 */
export function assessmentPeriodEnd(p: Pick<PlacementFact, 'start' | 'assessmentPeriodEndsOn'>, reviews: readonly Review[], date: IsoDate): IsoDate {
  const earlier = reviews.filter((r) => isBefore(r.date, date) || r.date === date);
  return periodAfter(periodsOf(p, earlier), date).endsOn;
}

/** The review period in force just after `date` (reviews on that date included). */
function periodAfter(periods: readonly Period[], date: IsoDate): Period {
  let current = periods[0]!;
  for (const period of periods) if (isOnOrBefore(period.startedOn, date)) current = period;
  return current;
}

/**
 * When the review after `anchor` (the placement start or the last review) is due. Every review
 * period needs a review at least a week before it ends, besides the one that opened it; once a
 * later review in the same period has been held, only the monthly rule remains.
 */
function reviewDue(anchor: IsoDate, anchorIsReview: boolean, periods: readonly Period[], cal: DeadlineCalendar): { due: IsoDate; explanation: string } {
  const monthly = afterPeriod(anchor, 1, 'month', anchorIsReview ? 'the last review' : 'the placement started', cal);
  const period = periodAfter(periods, anchor);
  const alreadyReviewed = anchorIsReview && isBefore(period.startedOn, anchor);
  const weekBefore = addDays(period.endsOn, -7);
  if (!alreadyReviewed && isBefore(anchor, weekBefore) && isBefore(weekBefore, monthly.due)) {
    return { due: weekBefore, explanation: `1 week before the review period ends on ${shortDate(period.endsOn)}, which is sooner than ${monthly.explanation}` };
  }
  return { due: monthly.due, explanation: `${monthly.explanation}: reviews at least monthly` };
}

/** Why nothing due on `due` is needed once the assessment ended with its outcome on or before it, or null. */
export function assessmentEnded(p: PlacementFact, due: IsoDate, what: string): string | null {
  const ended = p.assessmentEndedOn ?? null;
  return ended && isOnOrBefore(ended, due) ? `The assessment ended with its outcome on ${shortDate(ended)}, on or before the day this ${what} was due` : null;
}

function deriveForPlacement(facts: ChildFacts, p: PlacementFact, cal: DeadlineCalendar): ObligationInstance[] {
  const reviews = reviewsOf(facts, p);
  const periods = periodsOf(p, reviews);
  const base = { subjectType: 'placement' as const, subjectId: p.id, childId: facts.childId };
  const out: ObligationInstance[] = [];

  periods.forEach((period, i) => {
    const last = i === periods.length - 1;
    // The last period is over when the placement ends, or the assessment ends with its outcome (procedure, 7).
    const completedOn = period.extendedOn ?? (last ? earliest([p.end, p.assessmentEndedOn]) : null);
    out.push(
      instance({
        ...base,
        obligationId: PERIOD_ID,
        sequence: i + 1,
        startedOn: period.startedOn,
        dueOn: period.endsOn,
        completedOn,
        explanation: `${period.explanation}. By then a review extends the assessment or the placement ends`,
      }),
    );
  });

  let anchor = p.start;
  reviews.forEach((r, i) => {
    const { due, explanation } = reviewDue(anchor, i > 0, periods, cal);
    out.push(instance({ ...base, obligationId: REVIEW_ID, sequence: i + 1, startedOn: anchor, dueOn: due, completedOn: r.date, explanation }));
    anchor = r.date;
  });
  const next = reviewDue(anchor, reviews.length > 0, periods, cal);
  out.push(
    instance({
      ...base,
      obligationId: REVIEW_ID,
      sequence: reviews.length + 1,
      startedOn: anchor,
      dueOn: next.due,
      explanation: next.explanation,
      notApplicableReason: stoppedBefore(facts, p, next.due, 'review', cal) ?? assessmentEnded(p, next.due, 'review'),
    }),
  );
  return out;
}

const PARENT_AND_CHILD_PROCEDURE = 'Parent and child fostering procedure';

export const parentAndChildAssessmentPeriod: ChildObligationDefinition = {
  scope: 'child',
  id: PERIOD_ID,
  title: 'Parent-and-child assessment period',
  rule:
    'A parent-and-child placement is also an assessment. Agree an initial assessment period of no more than 28 days when the placement starts. ' +
    'Before each period ends, a placement review either extends the assessment with a new review period or the placement ends; it must not simply run on.',
  source: {
    ref: `${PARENT_AND_CHILD_PROCEDURE}, 5.2`,
    detail: 'Since the placement is also an assessment, an initial period of not more than 28 days should be agreed. This may be extended by subsequent reviews.',
    confidence: 'V',
  },
  otherSources: [{ ref: 'rules.md §1.9 (Volume 4 guidance, Islington fostering handbook)', detail: 'Four types of parent-and-child placement; record each person\'s looked-after status separately.', confidence: 'R' }],
  trigger: 'A parent-and-child placement starts; each review that extends the assessment starts a new period.',
  dueRule:
    'Period 1 ends on the agreed end of the initial period, and never more than 28 calendar days after the placement starts (28 days if no end was agreed). Each later period ends on the date the review that opened it agreed.',
  // At most 28 days: when no shorter end was agreed.
  firstDue: { amount: 28, unit: 'days', from: 'the day the placement started' },
  responsibleRole: 'social_worker',
  completes:
    'A review held on or before the end of the period that records a later end for the next review period (an event "parent_and_child_review_held" with periodEndsOn), the placement ending, or the outcome of the assessment recorded.',
  notApplicableWhen: 'The placement is not a parent-and-child placement (no instances).',
  derive(facts, cal) {
    return placementsInOrder(facts)
      .filter(isParentAndChild)
      .flatMap((p) => deriveForPlacement(facts, p, cal).filter((i) => i.obligationId === PERIOD_ID));
  },
};

export const parentAndChildReview: ChildObligationDefinition = {
  scope: 'child',
  id: REVIEW_ID,
  title: 'Parent-and-child placement review',
  rule:
    'Review a parent-and-child placement at least monthly, and at least one week before the end of each review period, so that a decision to extend or end the assessment is made in time.',
  source: {
    ref: `${PARENT_AND_CHILD_PROCEDURE}, 5.3`,
    detail: 'Placement reviews should occur at least monthly, at least one week before the end of any review period.',
    confidence: 'V',
  },
  trigger: 'A parent-and-child placement starts; then each review starts the wait for the next one.',
  dueRule:
    '1 calendar month after the placement started or the last review; or, if earlier (and after the last review), 7 calendar days before the end of the current review period. ' +
    'The review that opened a period does not count as that period\'s review; once another review has been held in the period, only the monthly rule applies.',
  // 1 week before a full 28-day initial period ends, which is always sooner than 1 month after the start.
  firstDue: { amount: 21, unit: 'days', from: 'the day the placement started' },
  responsibleRole: 'social_worker',
  completes: 'A parent-and-child placement review recorded as held (an event "parent_and_child_review_held" for the placement).',
  notApplicableWhen:
    'The placement is not a parent-and-child placement (no instances); the next review is not needed once the placement has ended, the child has stopped being looked after, or the assessment has ended with its outcome, on or before its due date.',
  derive(facts, cal) {
    return placementsInOrder(facts)
      .filter(isParentAndChild)
      .flatMap((p) => deriveForPlacement(facts, p, cal).filter((i) => i.obligationId === REVIEW_ID));
  },
};
