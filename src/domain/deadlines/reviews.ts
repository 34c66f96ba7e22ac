/**
 * Looked-after reviews (CPPCR reg 33) and the review of delegated authority at each of them
 * (Placement planning guidance).
 */
import type { IsoDate } from '../dates.ts';
import type { ChildFacts, ChildObligationDefinition, DeadlineCalendar, ObligationInstance } from './types.ts';
import {
  afterPeriod,
  afterWorkingDays,
  childEvents,
  childOnShortBreaks,
  firstDate,
  instance,
  isBefore,
  isOnOrBefore,
  lookedAfterEnd,
  lookedAfterStart,
  placementsInOrder,
  shortDate,
  sortedDates,
} from './helpers.ts';

const REVIEW_ID = 'looked-after-review';

/** The reviews held in this period of care, earliest first. */
export function reviewsHeld(facts: ChildFacts): IsoDate[] {
  const since = lookedAfterStart(facts);
  return sortedDates(childEvents(facts, 'review_held').map((e) => e.date)).filter((d) => since === null || isOnOrBefore(since, d));
}

/** When the review after the first `count` reviews held is due, and why. */
function nextReviewDue(facts: ChildFacts, start: IsoDate, held: readonly IsoDate[], count: number, cal: DeadlineCalendar): { due: IsoDate; explanation: string } {
  const previous = held[count - 1];
  if (childOnShortBreaks(facts)) {
    if (previous === undefined) {
      const firstBreak = placementsInOrder(facts)[0]?.start ?? start;
      const r = afterPeriod(firstBreak, 3, 'month', 'the first short break started', cal);
      return { due: r.due, explanation: `${r.explanation}: the first short-breaks review is due within 3 months (CPPCR reg 48 [R])` };
    }
    const r = afterPeriod(previous, 6, 'month', 'the previous review', cal);
    return { due: r.due, explanation: `${r.explanation}: short-breaks reviews are due at most every 6 months (CPPCR reg 48 [R])` };
  }
  if (previous === undefined) {
    const r = afterWorkingDays(start, 20, 'the child became looked after', cal);
    return { due: r.due, explanation: `${r.explanation}: the first review (CPPCR reg 33 [R])` };
  }
  if (count === 1) {
    const r = afterPeriod(previous, 3, 'month', 'the first review', cal);
    return { due: r.due, explanation: `${r.explanation}: the second review (CPPCR reg 33 [R])` };
  }
  const r = afterPeriod(previous, 6, 'month', 'the previous review', cal);
  return { due: r.due, explanation: `${r.explanation}: later reviews at most every 6 months (CPPCR reg 33 [R])` };
}

export const lookedAfterReview: ChildObligationDefinition = {
  scope: 'child',
  id: REVIEW_ID,
  title: 'Looked-after review',
  rule:
    "The child's case is reviewed, chaired by their independent reviewing officer (IRO): first within 20 working days of the child becoming looked after, " +
    'the second within 3 months of the first, and then at most every 6 months after the previous review. ' +
    'A review may be needed sooner: if the IRO asks, after a visit finds the child\'s welfare is not safeguarded, before a significant change to the care plan, or before the child stops being looked after.',
  source: {
    ref: 'CPPCR reg 33',
    detail:
      'First review within 20 working days of C becoming looked after; second ≤3 months after the first; then every ≤6 months after the previous review. Wording not retrieved; corroborated by procedure manuals (childhoodfirst.proceduresonline.com). Ignore older "4 weeks" rules from the 1991 Regulations.',
    confidence: 'R',
    url: 'https://www.legislation.gov.uk/uksi/2010/959/regulation/33',
  },
  otherSources: [
    {
      ref: 'CPPCR reg 48 (short breaks); Waltham Forest procedures',
      detail: 'Short breaks: first review within 3 months of the first break, then every ≤6 months.',
      confidence: 'R',
    },
    { ref: 'Children Act 1989 s25A, s25B', detail: 'Every looked-after child has an IRO, appointed before the first review, who takes part in reviews.', confidence: 'V' },
  ],
  trigger: 'The child becomes looked after; then each review held starts the wait for the next one.',
  dueRule:
    'First: 20 working days after the day the child became looked after. Second: 3 calendar months after the first review. Then: 6 calendar months after the previous review. ' +
    'Short breaks: first 3 calendar months after the first short break starts, then 6 calendar months after the previous review.',
  firstDue: { amount: 20, unit: 'working_days', from: 'the day the child became looked after' },
  responsibleRole: 'iro',
  completes: 'A review recorded as held (an event "review_held") on or before the due date. Each review completes one due review and starts the next.',
  notApplicableWhen: 'The child stops being looked after, or turns 18, on or before the day the next review would be due. (Earlier reviews the IRO asks for are not computed here.)',
  derive(facts, cal) {
    return [...reviewsOf(facts, cal)];
  },
};

/**
 * Each child's looked-after reviews, kept for the facts and calendar they were derived from: the
 * carers' feedback before each review (review-feedback.ts) follows them too, so a rebuild would
 * otherwise derive every child's reviews twice.
 */
const reviewsKept = new WeakMap<ChildFacts, { cal: DeadlineCalendar; reviews: readonly ObligationInstance[] }>();

/** The child's looked-after reviews (the instances of lookedAfterReview), derived once per facts and calendar. */
export function reviewsOf(facts: ChildFacts, cal: DeadlineCalendar): readonly ObligationInstance[] {
  const kept = reviewsKept.get(facts);
  if (kept && kept.cal === cal) return kept.reviews;
  const reviews = deriveReviews(facts, cal);
  reviewsKept.set(facts, { cal, reviews });
  return reviews;
}

function deriveReviews(facts: ChildFacts, cal: DeadlineCalendar): ObligationInstance[] {
  const start = lookedAfterStart(facts);
  if (start === null) return [];
  const held = reviewsHeld(facts);
  const out: ObligationInstance[] = [];
  for (let i = 0; i <= held.length; i++) {
    const { due, explanation } = nextReviewDue(facts, start, held, i, cal);
    const startedOn = held[i - 1] ?? start;
    const completedOn = held[i];
    let notApplicableReason: string | null = null;
    if (completedOn === undefined) {
      const end = lookedAfterEnd(facts, cal);
      if (isOnOrBefore(end.date, due)) notApplicableReason = `Not needed: ${end.reason}, on or before the day this review was due`;
    }
    out.push(instance({ obligationId: REVIEW_ID, subjectType: 'child', subjectId: facts.childId, childId: facts.childId, sequence: i + 1, startedOn, dueOn: due, completedOn, notApplicableReason, explanation }));
  }
  return out;
}

const DA_ID = 'delegated-authority-review';

export const delegatedAuthorityReview: ChildObligationDefinition = {
  scope: 'child',
  id: DA_ID,
  title: 'Delegated authority reviewed at each looked-after review',
  rule:
    'The delegated authority document says which day-to-day decisions the foster carers may make (and whether both carers or one), and why any decision is not delegated. ' +
    'It is a living document, like the placement plan, and is reviewed at every looked-after review while the child is placed with foster carers.',
  source: {
    ref: 'Placement planning guidance, "Best Practice" 8',
    detail:
      'Delegated authority … Along with the Placement Information form, it is a living document and should be reviewed at every child in care review.',
    confidence: 'V',
  },
  otherSources: [
    {
      ref: 'CPPCR Schedule 2 as amended by SI 2013/984; CA89 Guidance Vol 2 (DfE, June 2015)',
      detail: 'The placement plan must record who decides what, and why any decision is not delegated; the child\'s views and competence are considered.',
      confidence: 'V',
    },
  ],
  trigger: 'A looked-after review is held while the child is in a placement.',
  dueRule: 'The day of the review.',
  // Due at the review itself (0 days): the review is the trigger.
  firstDue: { amount: 0, unit: 'days', from: 'the day of the looked-after review' },
  responsibleRole: 'social_worker',
  completes:
    'Delegated authority is recorded as reviewed (an event "delegated_authority_reviewed") on or after the day of the review and before the next review. Recorded on the review day is on time; later is late.',
  notApplicableWhen: 'The child was not in a placement on the day of the review.',
  derive(facts) {
    const held = reviewsHeld(facts);
    const reviewed = childEvents(facts, 'delegated_authority_reviewed');
    return held.map((review, i) => {
      const next = held[i + 1];
      const placed = facts.placements.some((p) => isOnOrBefore(p.start, review) && (p.end === null || isBefore(review, p.end)));
      return instance({
        obligationId: DA_ID,
        subjectType: 'child',
        subjectId: facts.childId,
        sequence: i + 1,
        childId: facts.childId,
        startedOn: review,
        dueOn: review,
        completedOn: firstDate(reviewed.filter((e) => isOnOrBefore(review, e.date) && (next === undefined || isBefore(e.date, next)))),
        notApplicableReason: placed ? null : `The child was not in a placement on the day of the review (${shortDate(review)})`,
        explanation: `At the looked-after review held on ${shortDate(review)}`,
      });
    });
  },
};
