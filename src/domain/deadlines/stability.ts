/**
 * Placement stability (Placement stability guidance, "Placements are ended in a planned way unless
 * there are immediate safeguarding concerns"): a concern that a placement may be becoming unstable
 * starts a Placement Support Meeting, at which the initial support plan is reviewed.
 */
import type { IsoDate } from '../dates.ts';
import type { ChildEvent, ChildFacts, ChildObligationDefinition, DeadlineCalendar, ObligationInstance, PlacementFact } from './types.ts';
import { afterWorkingDays, instance, isBefore, isOnOrBefore, placementEvents, placementsInOrder, shortDate } from './helpers.ts';
import { localTimescales } from './local-settings.ts';

const days = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

/**
 * The meetings one placement needs: the first concern starts one; it is completed by the first
 * meeting held on or after the concern's day; concerns raised while it is due are for that same
 * meeting; the first concern after a meeting was held starts the next, and so does the date a
 * meeting agreed to meet again (its `periodEndsOn`, "the next meeting"), whichever falls due first.
 * A concern recorded on the day a meeting is held is taken to be discussed at it.
 */
export function supportMeetingsOf(facts: ChildFacts, p: PlacementFact, cal: DeadlineCalendar, workingDays: number): ObligationInstance[] {
  const concerns = placementEvents(facts, p, 'placement_concern');
  const heldEvents = placementEvents(facts, p, 'psm_held');
  const held = heldEvents.map((e) => e.date);
  const out: ObligationInstance[] = [];
  // The last meeting held so far, and the date it agreed to meet again.
  let last: IsoDate | null = null;
  let nextAgreed: IsoDate | null = null;
  for (;;) {
    const since: IsoDate | null = last;
    const concern: ChildEvent | undefined = since === null ? concerns[0] : concerns.find((c) => isBefore(since, c.date));
    const byConcern = concern ? afterWorkingDays(concern.date, workingDays, 'the concern was raised', cal) : null;
    const byAgreement: { due: IsoDate; explanation: string } | null = since !== null && nextAgreed !== null ? { due: nextAgreed, explanation: `The date the meeting on ${shortDate(since)} agreed to meet again` } : null;
    if (!byConcern && !byAgreement) break;
    const first = byConcern && (!byAgreement || isBefore(byConcern.due, byAgreement.due)) ? byConcern : byAgreement!;
    // Started by the meeting that agreed the date, or else by the concern.
    const startedOn: IsoDate = byAgreement && since !== null ? since : (concern?.date ?? '');
    const completedOn: IsoDate | null = held.find((d) => (byAgreement ? isBefore(startedOn, d) : isOnOrBefore(startedOn, d))) ?? null;
    const endedFirst = !completedOn && p.end !== null && isOnOrBefore(p.end, first.due);
    out.push(
      instance({
        obligationId: 'placement-support-meeting',
        subjectType: 'placement',
        subjectId: p.id,
        sequence: out.length + 1,
        childId: facts.childId,
        startedOn,
        dueOn: first.due,
        completedOn,
        notApplicableReason: endedFirst && p.end ? `the placement ended on ${shortDate(p.end)}, before the meeting was due` : null,
        explanation: first.explanation,
      }),
    );
    if (!completedOn) break;
    last = completedOn;
    nextAgreed = heldEvents.find((e) => e.date === completedOn && e.periodEndsOn && isBefore(completedOn, e.periodEndsOn))?.periodEndsOn ?? null;
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
  trigger:
    'A concern is recorded about a placement (an event "placement_concern"): the first one, or the first one after the last meeting was held; or a meeting held agreed the date of the next one. Concerns raised while a meeting is due start no second one.',
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
