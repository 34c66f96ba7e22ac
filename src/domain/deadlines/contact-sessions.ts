/**
 * Concurrent planning (Concurrent planning guide, "Concurrent Planning"): "The birth family has
 * regular contact with their child … The concurrent carers agree … to take the child to supervised
 * contact sessions on a frequent basis." The sessions due under the child's contact plan are a
 * series: each is due within the plan's interval of the last session held (the first, of the plan's
 * start); a session that was missed or cancelled does not count, so the one due stays open (and
 * becomes overdue) until a session is held.
 */
import { addDays, type IsoDate } from '../dates.ts';
import type { ChildFacts, ChildObligationDefinition, ContactPlanFact, ObligationInstance } from './types.ts';
import { instance, isBefore, isOnOrBefore, shortDate } from './helpers.ts';

export const CONTACT_SESSIONS_ID = 'contact-sessions';

/** The longest gap, in calendar days, between sessions under a plan of `sessionsPerWeek` sessions a week. */
export function contactIntervalDays(sessionsPerWeek: number): number {
  return Math.ceil(7 / Math.min(7, Math.max(1, Math.trunc(sessionsPerWeek))));
}

/** The sessions due under one contact plan: one open at a time, the next starting from the last held. */
export function contactSessionsDue(childId: string, plan: ContactPlanFact): ObligationInstance[] {
  const interval = contactIntervalDays(plan.sessionsPerWeek);
  const held = plan.sessions.filter((s) => s.held).map((s) => s.date).sort();
  const out: ObligationInstance[] = [];
  let from: IsoDate = plan.start;
  let first = true;
  // Bounded: each step moves past one held session.
  for (;;) {
    if (plan.end && !isBefore(from, plan.end)) break;
    const due = first ? addDays(from, interval - 1) : addDays(from, interval);
    const after = from;
    const completedOn = held.find((d) => (first ? isOnOrBefore(after, d) : isBefore(after, d))) ?? null;
    const endedFirst = !completedOn && plan.end !== null && isBefore(plan.end, due);
    out.push(
      instance({
        obligationId: CONTACT_SESSIONS_ID,
        subjectType: 'child',
        subjectId: childId,
        sequence: out.length + 1,
        childId,
        startedOn: from,
        dueOn: due,
        completedOn,
        notApplicableReason: endedFirst && plan.end ? `the contact plan ended on ${shortDate(plan.end)}, before the session was due` : null,
        explanation: first
          ? `within ${interval} ${interval === 1 ? 'day' : 'days'} of the contact plan starting on ${shortDate(from)} (${plan.sessionsPerWeek} a week; the first day counted)`
          : `${interval} ${interval === 1 ? 'day' : 'days'} after the last session held on ${shortDate(from)} (${plan.sessionsPerWeek} a week)`,
      }),
    );
    if (!completedOn) break;
    from = completedOn;
    first = false;
  }
  return out;
}

export const contactSessions: ChildObligationDefinition = {
  scope: 'child',
  id: CONTACT_SESSIONS_ID,
  title: 'Contact session with the birth family',
  rule:
    "In a concurrent planning placement the birth family has regular, supervised contact with the child, under the child's contact plan, and the carers take the child to it. " +
    'Each session the plan asks for is due in turn: a session missed or cancelled does not count, and the next session is due from the last one held.',
  source: {
    ref: 'Concurrent planning guide, "Concurrent Planning"',
    detail:
      'The birth family has regular contact with their child and is given the opportunity to show that they can care for the child in the future. The concurrent carers agree to support the plan to return the child to the birth family and take the child to supervised contact sessions on a frequent basis.',
    confidence: 'V',
  },
  otherSources: [
    {
      ref: 'Concurrent planning guide, "What are the benefits for parents?"',
      detail:
        'Parents have the opportunity to show that they can care for their children by attending supervised contact sessions with their child which contributes to their overall assessment. Concurrent carers are expected to bring the child to contact and facilitate a handover at the beginning and the end of the session.',
      confidence: 'V',
    },
  ],
  trigger: "A contact plan is recorded for the child: the first session is due from the plan's start; each session held starts the next.",
  dueRule:
    'The plan says how many sessions a week (1 to 7). The longest gap allowed is 7 days divided by that number, rounded up (weekly: 7 days; twice a week: 4; three times: 3; four to six times: 2; daily: 1). ' +
    "The first session is due within that many days of the plan's start (the start day counted); each later one that many days after the last session held. Calendar days: the guide asks for frequent contact, not working days. " +
    'The guide gives no number: how often is the plan\'s, made with the court.',
  responsibleRole: 'social_worker',
  completes: 'A session recorded as held on or after the day the session became due to be arranged (a missed or cancelled session does not complete it).',
  notApplicableWhen: 'The contact plan ended before the session fell due, or the child stopped being looked after (returned home, or adopted).',
  derive(facts: ChildFacts) {
    return facts.contactPlan ? contactSessionsDue(facts.childId, facts.contactPlan) : [];
  },
};
