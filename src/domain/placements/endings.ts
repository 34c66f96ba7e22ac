/**
 * Endings (Placement stability guidance, "Placements are ended in a planned way unless there are
 * immediate safeguarding concerns"). How an ended placement's ending was allowed says whether it was
 * planned (./moves.ts, `isPlannedEnding`); who agreed it is the move request's decision; the SSDA903
 * reason is the placement's REASON_PLACE_CHANGE. A disruption (ending) meeting may be recorded about a
 * placement that has ended or has its end date: what happened, and the learning for the household and
 * for the child, shown on each of their records.
 */
import { z } from 'zod';
import { compareDates, formatDate, type IsoDate } from '../dates.ts';
import { isoDate, text, MAX_LONG_TEXT } from '../records/fields.ts';
import { DECIDED_THROUGH, ENDING_BASES, isPlannedEnding, type DecidedThrough, type EndingBasis } from './moves.ts';

export const EndingMeetingInput = z.object({
  heldOn: isoDate('the date of the meeting'),
  chair: text('who chaired the meeting'),
  attendees: text('who attended', MAX_LONG_TEXT),
  whatHappened: text('what happened', MAX_LONG_TEXT),
  learningForHousehold: text('the learning for the household', MAX_LONG_TEXT),
  learningForChild: text('the learning for the child', MAX_LONG_TEXT),
});
export type EndingMeetingInput = z.output<typeof EndingMeetingInput>;

/** A disruption meeting is about a placement that has ended or has its end date, and is held by today. */
export function endingMeetingProblems(input: EndingMeetingInput, placement: { startDate: IsoDate; endDate: IsoDate | null; status: string }, today: IsoDate): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (placement.endDate === null || placement.status === 'cancelled') problems.push({ field: 'form', message: 'A disruption meeting is about a placement that has ended or has an end date' });
  if (compareDates(input.heldOn, today) > 0) problems.push({ field: 'heldOn', message: 'The date of the meeting must be today or in the past' });
  else if (compareDates(input.heldOn, placement.startDate) < 0) problems.push({ field: 'heldOn', message: 'The date of the meeting must be on or after the day the placement started' });
  return problems;
}

/** How an ending is described: planned or not, and who agreed it. */
export function describeEnding(e: {
  endingBasis: EndingBasis | null;
  move: { decidedThrough: DecidedThrough | null; decidedByName: string | null; panelDate: IsoDate | null } | null;
}): { planned: boolean | null; basis: string; agreedBy: string } {
  if (!e.endingBasis) return { planned: null, basis: 'Not recorded (recorded before moves needed agreement, or as history)', agreedBy: 'Not recorded' };
  const agreedBy =
    e.move?.decidedThrough === 'harp_panel'
      ? `${DECIDED_THROUGH.harp_panel}${e.move.panelDate ? ` (${formatDate(e.move.panelDate)})` : ''}, recorded by ${e.move.decidedByName ?? 'a manager'}`
      : e.move?.decidedThrough === 'head_of_service'
        ? `${e.move.decidedByName ?? 'The head of service'} (head of service)`
        : e.endingBasis === 'care_plan'
          ? 'Planned in the care plan'
          : e.endingBasis === 'leaving_care'
            ? 'The child left care'
            : 'Not needed';
  return { planned: isPlannedEnding(e.endingBasis), basis: ENDING_BASES[e.endingBasis], agreedBy };
}
