/**
 * Moves are agreed, not done (Placement stability guidance, "Placements are ended in a planned way
 * unless there are immediate safeguarding concerns"):
 *
 * - "A placement move can only be agreed through HARP or via the relevant Head of Service."
 * - "A discussion must take place between the Child's Social Worker, the Supervising Social Worker and
 *   the foster carer regarding when and how the child will be informed about the placement move."
 * - "Reference and advice must be sought from the Virtual School when considering a placement move."
 * - "An urgent placement move should only be requested if there is an immediate safeguarding issue.
 *   Authorisation for this will not be given by the Head of Service until there is a full
 *   understanding of the alternative placement options."
 *
 * `decideEnding` is the one gate on a placement ending: every path that ends a placement, or
 * confirms a new placement that moves the child out of one, calls it (through
 * src/services/moves.ts). `moveRequestProblems` and `moveDecisionProblems` are the rules of the
 * request and of its agreement.
 */
import { z } from 'zod';
import type { Role } from '../access/index.ts';
import { compareDates, formatDate, type IsoDate } from '../dates.ts';
import { TEMPORARY_PLACES } from '../ssda903/return-codes.ts';
import { isoDate, oneOf, optionalText, text, MAX_LONG_TEXT } from '../records/fields.ts';

/** How an ending was allowed. */
export const ENDING_BASES = {
  care_plan: 'A planned end already in the care plan',
  leaving_care: 'The child left care',
  agreed_move: 'An agreed move',
  urgent_move: 'An urgent move (immediate safeguarding issue)',
  temporary: 'A temporary placement ended (the child went back)',
  status_change: 'A change in the status of the placement only (the child stayed)',
} as const;
export type EndingBasis = keyof typeof ENDING_BASES;

/** A planned ending is any but an urgent move. */
export const isPlannedEnding = (b: EndingBasis): boolean => b !== 'urgent_move';

export type MoveStatus = 'requested' | 'agreed' | 'declined' | 'withdrawn';
export const MOVE_STATUS_LABELS: Record<MoveStatus, string> = { requested: 'Waiting for agreement', agreed: 'Agreed', declined: 'Not agreed', withdrawn: 'Withdrawn' };

export const DECIDED_THROUGH = { harp_panel: 'The HARP panel', head_of_service: 'The head of service' } as const;
export type DecidedThrough = keyof typeof DECIDED_THROUGH;

/** What the gate needs to know about a placement ending on a day. */
export type EndingFacts = {
  placementType: string;
  /** The day the placement would end (the child's last night is the night before). */
  endDate: IsoDate;
  /** The SSDA903 reason it ends, when given. */
  reasonEnded: string | null;
  /** The planned end of this placement in its latest care plan, if the care plan plans one. */
  carePlanEndOn: IsoDate | null;
  /** The days on which the child's period of care ends. */
  careEndsOn: readonly IsoDate[];
  /** The move requests about this placement. */
  moveRequests: readonly { id: string; urgent: boolean; status: MoveStatus }[];
};

export type EndingDecision = { allowed: true; basis: EndingBasis; moveRequestId: string | null } | { allowed: false; message: string };

/**
 * May this placement end on this day? A temporary placement (T0–T4) and a change in the placement's
 * status only (PLACE: the child stays with the same carers) are not moves; the child leaving care on
 * that day, or an end on or after the one planned in the care plan, is a planned end; any other end
 * needs a move request agreed by the HARP panel or the head of service, or an urgent move authorised
 * by the head of service.
 */
export function decideEnding(f: EndingFacts): EndingDecision {
  if (TEMPORARY_PLACES.has(f.placementType)) return { allowed: true, basis: 'temporary', moveRequestId: null };
  if (f.reasonEnded === 'PLACE') return { allowed: true, basis: 'status_change', moveRequestId: null };
  if (f.careEndsOn.includes(f.endDate)) return { allowed: true, basis: 'leaving_care', moveRequestId: null };
  if (f.carePlanEndOn && compareDates(f.endDate, f.carePlanEndOn) >= 0) return { allowed: true, basis: 'care_plan', moveRequestId: null };
  const agreed = f.moveRequests.find((m) => m.status === 'agreed');
  if (agreed) return { allowed: true, basis: agreed.urgent ? 'urgent_move' : 'agreed_move', moveRequestId: agreed.id };
  const waiting = f.moveRequests.find((m) => m.status === 'requested');
  const early = f.carePlanEndOn ? ` (the care plan plans its end on ${formatDate(f.carePlanEndOn)})` : '';
  return {
    allowed: false,
    message: waiting
      ? `The ${waiting.urgent ? 'urgent ' : ''}move from this placement has not been ${waiting.urgent ? 'authorised by the head of service' : 'agreed by the HARP panel or the head of service'} yet: the placement cannot end early${early} until it is`
      : `This placement cannot end early${early} unless a move is agreed by the HARP panel or the head of service: request a move, or an urgent move if there is an immediate safeguarding issue`,
  };
}

/** One alternative placement option considered for an urgent move. */
export const AlternativeOptionInput = z.object({
  option: text('the alternative placement option'),
  suitable: z.boolean({ error: 'Select whether the option is suitable' }),
  why: text('why the option is or is not suitable', MAX_LONG_TEXT),
});
export type AlternativeOptionInput = z.output<typeof AlternativeOptionInput>;

export const MoveRequestInput = z.object({
  urgent: z.boolean({ error: 'Select whether this is an urgent move' }).default(false),
  reason: text('the reason for the move', MAX_LONG_TEXT),
  supportTried: text('the support already tried (Placement Support Meetings held, the Placement Stability Panel)', MAX_LONG_TEXT),
  virtualSchoolAdviceFrom: text("who gave the Virtual School's advice"),
  virtualSchoolAdvice: text("the Virtual School's advice", MAX_LONG_TEXT),
  alternativesConsidered: text('the alternatives to a move that were considered', MAX_LONG_TEXT),
  tellingPlan: text('how and when the child will be told', MAX_LONG_TEXT),
  tellingConfirmedBySw: optionalText("the name of the child's social worker who agreed how the child will be told"),
  tellingConfirmedBySsw: optionalText('the name of the supervising social worker who agreed how the child will be told'),
  tellingConfirmedByCarers: optionalText('the name of the carer who agreed how the child will be told'),
  safeguardingIssue: optionalText('the immediate safeguarding issue', MAX_LONG_TEXT),
  alternativeOptions: z.array(AlternativeOptionInput, { error: 'List the alternative placement options' }).max(20, { error: 'List at most 20 alternative placement options' }).default([]),
});
export type MoveRequestInput = z.output<typeof MoveRequestInput>;

type Problem = { field: string; message: string };

/**
 * Rules across a request's fields. A planned move: the plan for telling the child is confirmed by
 * the child's social worker, the supervising social worker and the carers. An urgent move: the
 * immediate safeguarding issue is recorded (the telling plan's confirmations may follow).
 */
export function moveRequestProblems(input: MoveRequestInput): Problem[] {
  const problems: Problem[] = [];
  if (input.urgent) {
    if (!input.safeguardingIssue) problems.push({ field: 'safeguardingIssue', message: 'An urgent move is only for an immediate safeguarding issue: enter the issue' });
  } else {
    if (input.safeguardingIssue) problems.push({ field: 'safeguardingIssue', message: 'A safeguarding issue is recorded on an urgent move: answer yes to an urgent move, or leave it blank' });
    const parties: [keyof MoveRequestInput, string][] = [
      ['tellingConfirmedBySw', "the child's social worker"],
      ['tellingConfirmedBySsw', 'the supervising social worker'],
      ['tellingConfirmedByCarers', 'the carers'],
    ];
    for (const [field, who] of parties) {
      if (!input[field]) problems.push({ field, message: `Enter who agreed, for ${who}, how and when the child will be told` });
    }
  }
  return problems;
}

export const MoveDecisionInput = z.object({
  outcome: oneOf(['agreed', 'declined'], 'whether the move is agreed'),
  decidedThrough: oneOf(['harp_panel', 'head_of_service'], 'who decided: the HARP panel or the head of service'),
  panelDate: z
    .union([isoDate('the date of the HARP panel'), z.literal(''), z.null()])
    .optional()
    .transform((v) => (v ? v : null)),
  panelChair: optionalText('the name of the HARP panel chair'),
  decisionReason: text('the reason for the decision', MAX_LONG_TEXT),
});
export type MoveDecisionInput = z.output<typeof MoveDecisionInput>;

/**
 * Who may agree a move, and when. A HARP panel decision is recorded (by a manager) with the panel's
 * date and chair; the head of service decides only as themself. An urgent move is authorised only by
 * the head of service, and only once the alternative placement options are listed, each with why it
 * was or was not suitable.
 */
export function moveDecisionProblems(
  request: { status: MoveStatus; urgent: boolean; alternativeOptions: readonly unknown[] },
  input: MoveDecisionInput,
  decider: Role,
  today: IsoDate,
): Problem[] {
  const problems: Problem[] = [];
  if (request.status !== 'requested') return [{ field: 'outcome', message: `This move request is already ${MOVE_STATUS_LABELS[request.status].toLowerCase()}` }];
  if (input.decidedThrough === 'head_of_service' && decider !== 'head_of_service') {
    problems.push({ field: 'decidedThrough', message: 'Only the head of service can record their own decision: record the HARP panel decision, or ask the head of service' });
  }
  if (input.decidedThrough === 'harp_panel') {
    if (request.urgent) problems.push({ field: 'decidedThrough', message: 'An urgent move is authorised by the head of service' });
    if (!input.panelDate) problems.push({ field: 'panelDate', message: 'Enter the date of the HARP panel' });
    else if (compareDates(input.panelDate, today) > 0) problems.push({ field: 'panelDate', message: 'The date of the HARP panel must be today or in the past' });
    if (!input.panelChair) problems.push({ field: 'panelChair', message: 'Enter the name of the HARP panel chair' });
  } else if (input.panelDate || input.panelChair) {
    problems.push({ field: 'panelDate', message: "A head of service's decision has no panel date or chair: leave them blank" });
  }
  if (request.urgent && input.outcome === 'agreed' && request.alternativeOptions.length === 0) {
    problems.push({ field: 'outcome', message: 'The head of service authorises an urgent move only once the alternative placement options are listed on the request, each with why it is or is not suitable' });
  }
  return problems;
}
