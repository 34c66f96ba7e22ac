/**
 * Placement stability (Placement stability guidance, "Placements are ended in a planned way unless
 * there are immediate safeguarding concerns"): a concern that a placement may be becoming unstable
 * starts a Placement Support Meeting, at which the initial support plan is reviewed.
 */
import type { ChildFacts, ChildObligationDefinition, DeadlineCalendar, ObligationInstance, PlacementFact } from './types.ts';
import { afterWorkingDays, instance, isBefore, isOnOrBefore, placementEvents, placementsInOrder, shortDate } from './helpers.ts';
import { localTimescales } from './local-settings.ts';

const days = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

/**
 * The meetings one placement needs: the first concern starts one; it is completed by the first
 * meeting held on or after the concern's day; concerns raised while it is due are for that same
 * meeting; the first concern after a meeting was held starts the next. A concern recorded on the day
 * a meeting is held is taken to be discussed at it.
 */
export function supportMeetingsOf(facts: ChildFacts, p: PlacementFact, cal: DeadlineCalendar, workingDays: number): ObligationInstance[] {
  const concerns = placementEvents(facts, p, 'placement_concern');
  const held = placementEvents(facts, p, 'psm_held').map((e) => e.date);
  const out: ObligationInstance[] = [];
  let next = concerns[0];
  while (next) {
    const raised = next.date;
    const { due, explanation } = afterWorkingDays(raised, workingDays, 'the concern was raised', cal);
    const completedOn = held.find((d) => isOnOrBefore(raised, d)) ?? null;
    const endedFirst = !completedOn && p.end !== null && isOnOrBefore(p.end, due);
    out.push(
      instance({
        obligationId: 'placement-support-meeting',
        subjectType: 'placement',
        subjectId: p.id,
        sequence: out.length + 1,
        childId: facts.childId,
        startedOn: raised,
        dueOn: due,
        completedOn,
        notApplicableReason: endedFirst && p.end ? `the placement ended on ${shortDate(p.end)}, before the meeting was due` : null,
        explanation,
      }),
    );
    if (!completedOn) break;
    next = concerns.find((c) => isBefore(completedOn, c.date));
  }
  return out;
}

export const placementSupportMeeting: ChildObligationDefinition = {
  scope: 'child',
  id: 'placement-support-meeting',
  title: 'Placement Support Meeting',
  get rule() {
    return (
      'A Placement Support Meeting is held as soon as there are signs that a placement is becoming unstable: anyone working with the child records a concern, and the meeting follows ' +
      `within ${days(localTimescales().psmWorkingDays)} (a local setting). The initial support plan is reviewed at it, and at every later Placement Support Meeting. ` +
      'The Virtual School is invited to it, as to any discussion of a placement move.'
    );
  },
  source: {
    ref: 'Placement stability guidance, "Placements are ended in a planned way…"',
    detail:
      'A Placement Support Meeting must be held as soon as there are signs that a placement is becoming unstable. The initial support plan must be reviewed at this meeting and at all subsequent placement support meetings.',
    confidence: 'V',
  },
  otherSources: [
    {
      ref: 'Placement stability guidance, "Early and robust escalation processes…"',
      detail: 'The Virtual School to be included in any placement move discussion; at placement planning meetings, placement support meetings and / or the Placement Stability Panel.',
      confidence: 'V',
    },
  ],
  trigger: 'A concern is recorded about a placement (an event "placement_concern"): the first one, or the first one after the last meeting was held. Concerns raised while a meeting is due start no second one.',
  get dueRule() {
    return (
      `${days(localTimescales().psmWorkingDays)} after the day the concern was raised (that day not counted; weekends and bank holidays skipped). ` +
      'The guidance says "as soon as"; the number of days is a local setting (PSM_WORKING_DAYS, default 5), as the local chapter it refers to (5.1.7) is not available to Hearth.'
    );
  },
  get firstDue() {
    return { amount: localTimescales().psmWorkingDays, unit: 'working_days' as const, from: 'the day the concern was raised' };
  },
  responsibleRole: 'supervising_social_worker',
  completes: 'The meeting is recorded as held (an event "psm_held" for the placement) on or after the day the concern was raised.',
  notApplicableWhen: 'The placement ended on or before the day the meeting was due, with no meeting held.',
  derive(facts, cal) {
    const n = localTimescales().psmWorkingDays;
    return placementsInOrder(facts).flatMap((p) => supportMeetingsOf(facts, p, cal, n));
  },
};
