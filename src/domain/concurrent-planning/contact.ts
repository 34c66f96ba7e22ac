/**
 * Concurrent planning: the child's contact plan with their birth family and the log of its sessions
 * (Concurrent planning guide, "Concurrent Planning" and "What are the benefits for parents?"):
 * supervised sessions on a frequent basis, to which the carers bring the child, handing over at the
 * beginning and the end; the sessions contribute to the parents' overall assessment.
 */
import { z } from 'zod';
import { compareDates, type IsoDate } from '../dates.ts';
import { isoDate, oneOf, optionalIsoDate, text, wholeNumber, MAX_LONG_TEXT } from '../records/fields.ts';

type Problem = { field: string; message: string };

export const ContactPlanInput = z.object({
  startsOn: isoDate('the date the contact plan starts'),
  endsOn: optionalIsoDate('the date the contact plan ends'),
  sessionsPerWeek: wholeNumber('how many sessions a week', 1, 7),
  supervisor: text('who supervises the sessions'),
  venue: text('where the sessions take place'),
  transport: text('how the child gets to the sessions', MAX_LONG_TEXT),
  whoAttends: text('who attends the sessions', MAX_LONG_TEXT),
});
export type ContactPlanInput = z.output<typeof ContactPlanInput>;

export function contactPlanProblems(input: ContactPlanInput): Problem[] {
  if (input.endsOn && compareDates(input.endsOn, input.startsOn) < 0) return [{ field: 'endsOn', message: 'The date the contact plan ends must be on or after the date it starts' }];
  return [];
}

export const SESSION_OUTCOMES = { took_place: 'Took place', missed: 'Missed (did not take place, not cancelled beforehand)', cancelled: 'Cancelled' } as const;
export type SessionOutcome = keyof typeof SESSION_OUTCOMES;

export const CANCELLED_BY = {
  parents: 'The parents (birth family)',
  carers: 'The carers',
  local_authority: 'The local authority',
  supervisor: 'The contact supervisor',
  court: 'The court',
  other: 'Someone else',
} as const;
export type CancelledBy = keyof typeof CANCELLED_BY;

const yesNo = (label: string) =>
  z
    .union([z.boolean(), z.enum(['yes', 'no']), z.literal(''), z.null()], { error: `Select ${label}` })
    .optional()
    .transform((v) => (v === 'yes' || v === true ? true : v === 'no' || v === false ? false : null));

export const ContactSessionInput = z.object({
  sessionDate: isoDate('the date of the session'),
  outcome: oneOf(Object.keys(SESSION_OUTCOMES) as [SessionOutcome, ...SessionOutcome[]], 'whether the session took place'),
  whoAttended: z.string().trim().max(MAX_LONG_TEXT).optional().default(''),
  handoverAtStartByCarers: yesNo('whether the carers handed the child over at the start'),
  handoverAtEndByCarers: yesNo('whether the carers took the child back at the end'),
  observations: z.string().trim().max(MAX_LONG_TEXT).optional().default(''),
  cancelledBy: z
    .union([z.enum(Object.keys(CANCELLED_BY) as [CancelledBy, ...CancelledBy[]]), z.literal(''), z.null()], { error: 'Select who cancelled the session' })
    .optional()
    .transform((v) => (v ? v : null)),
  notHeldReason: z.string().trim().max(MAX_LONG_TEXT).optional().default(''),
});
export type ContactSessionInput = z.output<typeof ContactSessionInput>;

/**
 * A session held records who attended, both handovers and the supervisor's observations; a session
 * not held says why, and a cancelled one who cancelled. Sessions are recorded once they have
 * happened (or not), within the plan's dates.
 */
export function contactSessionProblems(input: ContactSessionInput, plan: { startsOn: IsoDate; endsOn: IsoDate | null }, today: IsoDate): Problem[] {
  const problems: Problem[] = [];
  if (compareDates(input.sessionDate, today) > 0) problems.push({ field: 'sessionDate', message: 'The date of the session must be today or in the past' });
  else if (compareDates(input.sessionDate, plan.startsOn) < 0) problems.push({ field: 'sessionDate', message: 'The date of the session must be on or after the day the contact plan starts' });
  else if (plan.endsOn && compareDates(input.sessionDate, plan.endsOn) > 0) problems.push({ field: 'sessionDate', message: 'The date of the session must be on or before the day the contact plan ends' });
  if (input.outcome === 'took_place') {
    if (!input.whoAttended) problems.push({ field: 'whoAttended', message: 'Enter who attended the session' });
    if (input.handoverAtStartByCarers === null) problems.push({ field: 'handoverAtStartByCarers', message: 'Select whether the carers handed the child over at the start' });
    if (input.handoverAtEndByCarers === null) problems.push({ field: 'handoverAtEndByCarers', message: 'Select whether the carers took the child back at the end' });
    if (!input.observations) problems.push({ field: 'observations', message: "Enter the supervisor's observations" });
    if (input.cancelledBy) problems.push({ field: 'cancelledBy', message: 'A session that took place was not cancelled: leave who cancelled blank' });
  } else {
    if (!input.notHeldReason) problems.push({ field: 'notHeldReason', message: `Enter why the session ${input.outcome === 'missed' ? 'was missed' : 'was cancelled'}` });
    if (input.outcome === 'cancelled' && !input.cancelledBy) problems.push({ field: 'cancelledBy', message: 'Select who cancelled the session' });
    if (input.outcome === 'missed' && input.cancelledBy) problems.push({ field: 'cancelledBy', message: 'A missed session was not cancelled: leave who cancelled blank, or record it as cancelled' });
  }
  return problems;
}

/** A session as the observations list for the parents' assessment shows it. */
export type ObservationLine = { date: IsoDate; outcome: SessionOutcome; whoAttended: string; handovers: string; observations: string; notHeld: string };

export function handoverText(start: boolean | null, end: boolean | null): string {
  if (start === null && end === null) return '';
  const say = (v: boolean | null) => (v === null ? 'not recorded' : v ? 'by the carers' : 'not by the carers');
  return `Start: ${say(start)}; end: ${say(end)}`;
}

/**
 * The sessions for the parents' assessment, oldest first: every session, held or not (a missed or
 * cancelled session is part of the picture), as lines for a printable list and a CSV.
 */
export function observationLines(
  sessions: readonly { sessionDate: IsoDate; outcome: SessionOutcome; whoAttended: string; handoverAtStartByCarers: boolean | null; handoverAtEndByCarers: boolean | null; observations: string; cancelledBy: CancelledBy | null; notHeldReason: string }[],
): ObservationLine[] {
  return [...sessions]
    .sort((a, b) => compareDates(a.sessionDate, b.sessionDate))
    .map((s) => ({
      date: s.sessionDate,
      outcome: s.outcome,
      whoAttended: s.whoAttended,
      handovers: handoverText(s.handoverAtStartByCarers, s.handoverAtEndByCarers),
      observations: s.observations,
      notHeld: s.outcome === 'took_place' ? '' : `${SESSION_OUTCOMES[s.outcome]}${s.cancelledBy ? ` by ${CANCELLED_BY[s.cancelledBy].toLowerCase()}` : ''}: ${s.notHeldReason}`,
    }));
}

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function observationsCsv(lines: readonly ObservationLine[]): string {
  const rows = [['Date', 'Outcome', 'Who attended', 'Handovers', "Supervisor's observations", 'Why not held']];
  for (const l of lines) rows.push([l.date, SESSION_OUTCOMES[l.outcome], l.whoAttended, l.handovers, l.observations, l.notHeld]);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
