/**
 * A concern that a placement may be becoming unstable (Placement stability guidance, "Placements are
 * ended in a planned way…": "A Placement Support Meeting must be held as soon as there are signs that
 * a placement is becoming unstable"). Anyone working with the child records one: what was seen, the
 * day, who raised it and how serious it is. The carers raise concerns through their supervising
 * social worker, and the Virtual School through a worker, who records it naming them as the source.
 */
import { z } from 'zod';
import type { Role } from '../access/index.ts';
import { compareDates, type IsoDate } from '../dates.ts';
import { isoDate, oneOf, text, MAX_LONG_TEXT } from './fields.ts';

export const CONCERN_SERIOUSNESS = { low: 'Low', medium: 'Medium', high: 'High' } as const;
export type ConcernSeriousness = keyof typeof CONCERN_SERIOUSNESS;

/** What each level means, shown as the radios' hints. */
export const CONCERN_SERIOUSNESS_HINTS: Record<ConcernSeriousness, string> = {
  low: 'A worry to keep an eye on: the placement is coping',
  medium: 'The placement is under strain and needs more support soon',
  high: 'The placement may end without support now (an immediate safeguarding issue is dealt with under safeguarding procedures first)',
};

export const CONCERN_RAISED_BY = {
  childs_social_worker: "The child's social worker",
  supervising_social_worker: 'The supervising social worker',
  foster_carer: 'The foster carers (through their supervising social worker)',
  iro: 'The independent reviewing officer',
  team_manager: 'A team manager',
  head_of_service: 'A head of service',
  virtual_school: 'The Virtual School (through a worker)',
  other: 'Someone else working with the child',
} as const;
export type ConcernRaisedBy = keyof typeof CONCERN_RAISED_BY;

const RAISED_BY = Object.keys(CONCERN_RAISED_BY) as [ConcernRaisedBy, ...ConcernRaisedBy[]];
const SERIOUSNESS = Object.keys(CONCERN_SERIOUSNESS) as [ConcernSeriousness, ...ConcernSeriousness[]];

export const ConcernInput = z.object({
  raisedOn: isoDate('the date the concern was raised'),
  whatWasSeen: text('what was seen', MAX_LONG_TEXT),
  raisedByRole: oneOf(RAISED_BY, 'who raised the concern'),
  raisedByName: text('the name of the person who raised it'),
  seriousness: oneOf(SERIOUSNESS, 'how serious the concern is'),
});
export type ConcernInput = z.output<typeof ConcernInput>;

const MANAGERS: readonly Role[] = ['team_manager', 'head_of_service'];

/**
 * Rules across the fields, given who records it and today: every failing rule. The carers' concerns
 * come through their supervising social worker (or a manager); a concern is about something already seen.
 */
export function concernProblems(input: ConcernInput, recorder: Role, today: IsoDate, placement: { start: IsoDate; end: IsoDate | null }): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (compareDates(input.raisedOn, today) > 0) problems.push({ field: 'raisedOn', message: 'The date the concern was raised must be today or in the past' });
  else if (compareDates(input.raisedOn, placement.start) < 0) problems.push({ field: 'raisedOn', message: 'The date the concern was raised must be on or after the day the placement started' });
  else if (placement.end && compareDates(input.raisedOn, placement.end) > 0) problems.push({ field: 'raisedOn', message: 'The date the concern was raised must be on or before the day the placement ended' });
  if (input.raisedByRole === 'foster_carer' && recorder !== 'supervising_social_worker' && !MANAGERS.includes(recorder)) {
    problems.push({ field: 'raisedByRole', message: "The carers' concerns are recorded by their supervising social worker (or a manager)" });
  }
  return problems;
}
