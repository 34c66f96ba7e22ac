/**
 * Social worker visits to a child in a placement (CPPCR reg 28). A series: the first visit is due
 * within a week of the placement starting; each later visit is due a set interval after the
 * previous visit, the interval depending on the kind of placement and how long it has lasted.
 */
import type { IsoDate } from '../dates.ts';
import type { ChildFacts, ChildObligationDefinition, DeadlineCalendar, ObligationInstance, PlacementFact } from './types.ts';
import { afterPeriod, childEvents, instance, isBefore, isOnOrBefore, isShortBreakPlacement, lookedAfterEnd, placementEvents, placementsInOrder, shortDate, sortedDates } from './helpers.ts';

const ID = 'social-worker-visits';

type Regime = 'standard' | 'weekly_then_6_weeks' | 'weekly_then_4_weeks' | 'care_order_with_parent';

function regimeOf(p: PlacementFact): Regime {
  if (p.withParent === 'before_assessment') return 'weekly_then_6_weeks';
  if (p.connectedPerson || p.withParent === 'interim_care_order') return 'weekly_then_4_weeks';
  if (p.withParent === 'care_order') return 'care_order_with_parent';
  return 'standard';
}

/** When the visit after `last` is due, and why. */
type NextVisit = (last: IsoDate) => { due: IsoDate; explanation: string };

/**
 * When each visit of a placement is due after the last, and why: what depends on the placement alone
 * (its kind, when its first year ends, the first review after it started) is worked out once, as a
 * rebuild asks this for every visit ever recorded.
 */
function visitSchedule(facts: ChildFacts, p: PlacementFact, cal: DeadlineCalendar): NextVisit {
  // `n` weeks or months after the last visit, with the rule that sets that interval.
  const every =
    (n: number, unit: 'week' | 'month', why: string): NextVisit =>
    (last) => {
      const r = afterPeriod(last, n, unit, 'the last visit', cal);
      return { due: r.due, explanation: `${r.explanation}: ${why}` };
    };
  const regime = regimeOf(p);
  if (regime === 'weekly_then_6_weeks' || regime === 'weekly_then_4_weeks') {
    const later = regime === 'weekly_then_6_weeks' ? 6 : 4;
    const ruleRef = regime === 'weekly_then_6_weeks' ? 'reg 28(3): placed with a parent before assessment' : p.connectedPerson ? 'reg 28(4): connected person' : 'reg 28(4): interim care order, living with a parent';
    const weekly = every(1, 'week', `weekly until the first review (CPPCR ${ruleRef})`);
    // The weekly visits run until the first review after the placement starts.
    const firstReview = childEvents(facts, 'review_held').find((e) => isOnOrBefore(p.start, e.date))?.date;
    if (!firstReview) return weekly;
    const afterReview = every(later, 'week', `at most every ${later} weeks after the first review on ${shortDate(firstReview)} (CPPCR ${ruleRef})`);
    return (last) => {
      const next = weekly(last);
      return isOnOrBefore(firstReview, next.due) ? afterReview(last) : next;
    };
  }
  if (regime === 'care_order_with_parent') return every(6, 'week', 'at most every 6 weeks (CPPCR reg 28(5): care order, living with a parent)');
  const firstYear = every(6, 'week', 'at most every 6 weeks in the first year of the placement (CPPCR reg 28(2))');
  const afterFirstYear =
    p.longTerm && p.sixMonthlyVisitsAgreed
      ? every(6, 'month', 'at most every 6 months after the first year of a long-term placement, as the child agreed (CPPCR reg 28 as amended by SI 2015/495 [R])')
      : p.intendedUntil18 || p.longTerm
        ? every(3, 'month', 'at most every 3 months after the first year, as the placement is meant to last until the child is 18 (CPPCR reg 28(2))')
        : every(6, 'week', 'at most every 6 weeks (CPPCR reg 28(2); the placement is not meant to last until the child is 18)');
  const firstYearEnds = cal.addCalendarMonths(p.start, 12);
  return (last) => (isBefore(last, firstYearEnds) ? firstYear(last) : afterFirstYear(last));
}

/**
 * Why the next item of a series for a placement is not needed: the placement ended, or the child
 * stopped being looked after (or turned 18), on or before the day it was due. The earlier wins.
 */
export function stoppedBefore(facts: ChildFacts, p: PlacementFact, due: IsoDate, what: string, cal: DeadlineCalendar): string | null {
  const laEnd = lookedAfterEnd(facts, cal);
  const placementEnded = p.end !== null && isOnOrBefore(p.end, due) ? p.end : null;
  if (placementEnded && isOnOrBefore(placementEnded, laEnd.date)) return `The placement ended on ${shortDate(placementEnded)}, on or before the day this ${what} was due`;
  if (isOnOrBefore(laEnd.date, due)) return `Not needed: ${laEnd.reason}, on or before the day this ${what} was due`;
  return null;
}

function deriveForPlacement(facts: ChildFacts, p: PlacementFact, cal: DeadlineCalendar): ObligationInstance[] {
  // Each instance is written out in full: spreading a shared object into each was most of what a rebuild allocated.
  if (isShortBreakPlacement(facts, p)) {
    const first = afterPeriod(p.start, 1, 'week', 'the placement started', cal);
    return [
      instance({
        obligationId: ID,
        subjectType: 'placement',
        subjectId: p.id,
        childId: facts.childId,
        sequence: 1,
        startedOn: p.start,
        dueOn: first.due,
        explanation: first.explanation,
        notApplicableReason: 'The child receives short breaks (CPPCR reg 48): visits take place on days the child is placed, at intervals agreed with the IRO',
      }),
    ];
  }
  const visits = sortedDates(
    placementEvents(facts, p, 'visit')
      .map((e) => e.date)
      .filter((d) => isOnOrBefore(p.start, d) && (p.end === null || isOnOrBefore(d, p.end))),
  );
  const out: ObligationInstance[] = [];
  let startedOn = p.start;
  let { due, explanation } = afterPeriod(p.start, 1, 'week', 'the placement started', cal);
  explanation = `${explanation}: the first visit is due within 1 week (CPPCR reg 28(2))`;
  let next: NextVisit | undefined;
  visits.forEach((visit, i) => {
    out.push(instance({ obligationId: ID, subjectType: 'placement', subjectId: p.id, childId: facts.childId, sequence: i + 1, startedOn, dueOn: due, completedOn: visit, explanation }));
    startedOn = visit;
    ({ due, explanation } = (next ??= visitSchedule(facts, p, cal))(visit));
  });
  // The visit due next, unless the placement or the child's time in care ends first.
  const stop = stoppedBefore(facts, p, due, 'visit', cal);
  out.push(instance({ obligationId: ID, subjectType: 'placement', subjectId: p.id, childId: facts.childId, sequence: visits.length + 1, startedOn, dueOn: due, explanation, notApplicableReason: stop }));
  return out;
}

export const socialWorkerVisits: ChildObligationDefinition = {
  scope: 'child',
  id: ID,
  title: 'Social worker visits',
  rule:
    "The child's social worker visits the child where they live: within 1 week of the placement starting, then at most every 6 weeks during the first year. " +
    'After the first year, at most every 3 months if the placement is meant to last until the child is 18, otherwise at most every 6 weeks. ' +
    'A child with a connected person (temporarily approved), or on an interim care order and living with a parent, is visited weekly until the first review and then at most every 4 weeks; ' +
    'a child placed with a parent before assessment is visited weekly until the first review and then at most every 6 weeks.',
  source: {
    ref: 'CPPCR reg 28(2)–(5)',
    detail:
      'Any placement: within 1 week of the start, then every ≤6 weeks in the first year, then every ≤3 months if intended to last until 18, otherwise every ≤6 weeks. Placed with P before assessment: weekly until the first review, then every ≤6 weeks. Connected person, or interim care order living with P: weekly until the first review, then every ≤4 weeks. Care order living with P: within 1 week, then every ≤6 weeks.',
    confidence: 'V',
    url: 'https://www.legislation.gov.uk/uksi/2010/959/regulation/28',
  },
  otherSources: [
    {
      ref: 'CPPCR reg 28 as amended by SI 2015/495 reg 5',
      detail: 'Long-term foster placement, after the first year: every ≤6 months, if the child agrees.',
      confidence: 'R',
    },
  ],
  trigger: 'A placement starts; then each recorded visit starts the wait for the next one.',
  dueRule:
    'First visit: 1 calendar week after the placement starts. Each later visit: a calendar interval after the last visit, chosen by the placement: 6 weeks while the last visit was in the first year; then 3 months (meant to last until 18) or 6 weeks; ' +
    '1 week until the first review and then 4 weeks (connected person; interim care order with a parent) or 6 weeks (placed with a parent before assessment); 6 months for a long-term placement after year one if the child agrees.',
  firstDue: { amount: 1, unit: 'weeks', from: 'the day the placement started' },
  responsibleRole: 'social_worker',
  completes: 'A visit to the child, recorded as an event "visit" for the placement, on or before the due date. Each visit completes one due visit and starts the next.',
  notApplicableWhen:
    'The placement ends, or the child stops being looked after or turns 18, on or before the day the next visit is due. Short breaks (CPPCR reg 48): visits happen on days the child is placed, at intervals agreed with the IRO.',
  derive(facts, cal) {
    return placementsInOrder(facts).flatMap((p) => deriveForPlacement(facts, p, cal));
  },
};
