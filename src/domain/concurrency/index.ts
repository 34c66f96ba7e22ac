/**
 * Concurrent placement agreements (the procedure "Concurrent Placement Agreement"): the gates between
 * "a household is being considered" and "the placement is confirmed", when to chase an unanswered
 * request, who may give and record an agreement, and when an in-principle ("open") agreement counts.
 *
 * The procedure, in short:
 * - Before placing with carers who already care for other children, the Referral Response Team (RRT)
 *   and the supervising social worker (SSW) consider whether another placement serves the well-being
 *   and best interests of each child already living there.
 * - The social worker of each child already placed (often another authority's) must agree in
 *   writing, BEFORE the placement begins. The SSW (or their line manager) obtains it; the RRT
 *   reminds the SSW. Urgency matters: "any delay could result in the proposed placement being lost".
 * - An in-principle ("open") agreement still requires informing that social worker of this
 *   placement, and may require their specific written consent.
 *
 * Pure functions: the service gathers the state, these say what is missing.
 */
import { compareDates, formatDate, type IsoDate } from '../dates.ts';
import type { DeadlineCalendar } from '../deadlines/types.ts';

export type ConsiderationRole = 'placement_officer' | 'supervising_social_worker';
export const CONSIDERATION_ROLES: Record<ConsiderationRole, string> = {
  placement_officer: 'Placement officer (Referral Response Team)',
  supervising_social_worker: 'Supervising social worker',
};

export type ExistingChild = { id: string; label: string };
export type Consideration = { existingChildId: string; role: ConsiderationRole; servesWellbeing: boolean };

export type RequirementState = {
  id: string;
  existingChildLabel: string;
  status: 'not_requested' | 'requested' | 'agreed' | 'declined';
};

/** Conditions in plain English; an empty list means the step may go ahead. */
export type Blockers = string[];

/**
 * Before a household is proposed: both the placement officer and the supervising social worker
 * have recorded, for each child already living there, that the new placement serves that child's
 * well-being and best interests.
 */
export function proposalBlockers(existing: readonly ExistingChild[], considerations: readonly Consideration[]): Blockers {
  const out: Blockers = [];
  for (const c of existing) {
    for (const role of Object.keys(CONSIDERATION_ROLES) as ConsiderationRole[]) {
      const found = considerations.find((x) => x.existingChildId === c.id && x.role === role);
      if (!found) out.push(`The ${CONSIDERATION_ROLES[role].toLowerCase()} has not recorded whether this placement serves the well-being and best interests of ${c.label}`);
      else if (!found.servesWellbeing) out.push(`The ${CONSIDERATION_ROLES[role].toLowerCase()} recorded that this placement does not serve the well-being and best interests of ${c.label}`);
    }
  }
  return out;
}

export type ConfirmationState = {
  requestStatus: string;
  proposalStatus: string;
  proposedStart: IsoDate | null;
  /**
   * What the placement gate says stops the children starting to live there on the start date
   * (src/domain/placements/entry.ts): terms of approval, the fostering limit, considerations and
   * written agreements, with an emergency authorisation taken into account.
   */
  gate: readonly string[];
};

/**
 * Every unmet condition for confirming a placement: the proposal's own state (proposed, start date
 * today or later), then every reason the placement gate gives.
 */
export function confirmationBlockers(s: ConfirmationState, today: IsoDate): Blockers {
  const out: Blockers = [];
  if (s.proposalStatus !== 'proposed') out.push(`The household has not been proposed (the proposal is ${s.proposalStatus})`);
  if (s.requestStatus !== 'proposed') out.push(`The placement request is ${s.requestStatus}, not proposed`);
  if (!s.proposedStart) out.push('Enter the date the placement starts');
  else if (compareDates(s.proposedStart, today) < 0) out.push('The start date is in the past: change it to today or later');
  out.push(...s.gate);
  return out;
}

/** How long an agreement request may go unanswered before Hearth chases it, in working days. */
export const REMIND_AFTER_WORKING_DAYS = 1;
/** After this many reminders with no answer, the request is escalated to the SSW's line manager and the placement team. */
export const ESCALATE_AFTER_REMINDERS = 2;

export type ChaseState = {
  status: RequirementState['status'];
  requestedOn: IsoDate | null;
  lastChasedOn: IsoDate | null;
  remindersSent: number;
  escalated: boolean;
};

/**
 * What to do today about an agreement request: nothing; remind (the other social worker and the
 * SSW) when a working day has passed since it was sent or last chased; escalate once, after
 * ESCALATE_AFTER_REMINDERS reminders went unanswered. Only requested (unanswered) agreements are
 * chased: "any delay could result in the proposed placement being lost" (Concurrent placement agreement procedure).
 */
export function chaseAction(s: ChaseState, today: IsoDate, cal: DeadlineCalendar): 'none' | 'remind' | 'escalate' {
  if (s.status !== 'requested' || !s.requestedOn) return 'none';
  const since = s.lastChasedOn ?? s.requestedOn;
  if (compareDates(today, since) <= 0) return 'none';
  if (cal.workingDaysBetween(since, today) < REMIND_AFTER_WORKING_DAYS) return 'none';
  if (s.remindersSent >= ESCALATE_AFTER_REMINDERS) return s.escalated ? 'none' : 'escalate';
  return 'remind';
}

type Acting = { role: string; userId: string };

/**
 * Whose consideration the actor records (Concurrent placement agreement procedure: "the Referral Response Team (RRT) and the
 * relevant supervising social worker"): a placement officer records the RRT's; the household's own
 * supervising social worker records theirs; nobody else records one.
 */
export function considerationRoleOf(actor: Acting, householdSswId: string | null): ConsiderationRole | null {
  if (actor.role === 'placement_officer') return 'placement_officer';
  if (actor.role === 'supervising_social_worker' && actor.userId === householdSswId) return 'supervising_social_worker';
  return null;
}

/**
 * Who asks for and records the written agreements: "The proposed foster carers' supervising social
 * worker … or their line manager" (the procedure "Concurrent Placement Agreement"). Nobody else, a
 * head of service included, unless they are that line manager.
 */
export function mayRecordAgreements(actor: Acting, householdSswId: string | null, sswLineManagerId: string | null): boolean {
  if (householdSswId !== null && actor.userId === householdSswId) return true;
  return sswLineManagerId !== null && actor.userId === sswLineManagerId;
}

// ---- Who agrees -------------------------------------------------------------------------------

/** A problem with the input, tied to the form field it concerns. */
export type FieldIssue = { field: string; message: string };

/** Words before a name that say nothing about who the person is. */
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'doctor', 'prof', 'professor', 'sir', 'dame', 'lady', 'lord', 'rev', 'revd', 'reverend']);

/**
 * A person's name reduced to what identifies them, for comparing two spellings of it: letters
 * without accents, in lower case; punctuation, hyphens and runs of spaces as one space; apostrophes
 * dropped; titles (Mr, Ms, Dr…) and middle initials left out; the words in alphabetical order, so
 * "Other, Remi" and "Remi Other" are the same.
 */
export function normalisePersonName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && TITLES.has(words[0]!)) words.shift();
  // A single letter between a first and a last name is a middle initial.
  const core = words.length > 2 ? [words[0]!, ...words.slice(1, -1).filter((w) => w.length > 1), words[words.length - 1]!] : words;
  return core.sort().join(' ');
}

/** Whether two names are the same person's, spelt as people do (case, spaces, titles, initials, order). */
export function samePersonName(a: string, b: string): boolean {
  const x = normalisePersonName(a);
  return x !== '' && x === normalisePersonName(b);
}

export type ResponderCheck = { samePerson: boolean; issues: FieldIssue[] };

/**
 * The person who gave (or refused) agreement against the social worker recorded for the child already
 * placed (an app user, or the other authority's named contact). Someone else may answer for them, for
 * example their team manager, but only with the reason recorded; with no social worker recorded, the
 * reason says who the person is and why they can answer.
 */
export function checkResponder(recordedSocialWorker: string | null, responderName: string, onBehalfReason: string | null): ResponderCheck {
  if (recordedSocialWorker && samePersonName(recordedSocialWorker, responderName)) return { samePerson: true, issues: [] };
  if (onBehalfReason && onBehalfReason.trim()) return { samePerson: false, issues: [] };
  const message = recordedSocialWorker
    ? `${responderName.trim()} is not ${recordedSocialWorker}, the social worker recorded for the child: say why they answered instead, for example "their team manager, on their behalf"`
    : `No social worker is recorded for the child: say who ${responderName.trim()} is and why they can answer`;
  return { samePerson: false, issues: [{ field: 'onBehalfReason', message }] };
}

/**
 * The person answering through a secure link against the one it was sent to: the same person gives
 * the same name and the e-mail address the request went to. Anyone else (the team manager, or the
 * social worker writing from another address) may answer, with the reason recorded.
 */
export function checkLinkResponder(
  sentTo: { name: string | null; email: string | null },
  responder: { name: string; email: string },
  onBehalfReason: string | null,
): ResponderCheck {
  const sameName = sentTo.name !== null && samePersonName(sentTo.name, responder.name);
  const sameEmail = sentTo.email === null || sentTo.email.trim().toLowerCase() === responder.email.trim().toLowerCase();
  if (sameName && sameEmail) return { samePerson: true, issues: [] };
  if (onBehalfReason && onBehalfReason.trim()) return { samePerson: false, issues: [] };
  const message = !sentTo.name
    ? 'Say who you are and why you are answering'
    : !sameName
      ? `The name you gave is not ${sentTo.name}'s, to whom this request was sent: say why you are answering, for example "their team manager, on their behalf"`
      : `${responder.email.trim()} is not the address this request was sent to: say why you are answering from it`;
  return { samePerson: false, issues: [{ field: 'onBehalfReason', message }] };
}

// ---- In-principle ("open") agreements -----------------------------------------------------------

/** The existing placement of the child already living with the carers. */
export type ExistingPlacementFacts = {
  kind: string | null;
  status: string;
  endDate: IsoDate | null;
};

/** Whether the existing placement still goes on: planned or active, and not ended by today. */
export function placementIsLive(p: ExistingPlacementFacts, today: IsoDate): boolean {
  return (p.status === 'planned' || p.status === 'active') && (p.endDate === null || compareDates(p.endDate, today) > 0);
}

/**
 * Whether an in-principle agreement may be recorded on the existing placement: "For some longer-term
 * placements" only (the placement's kind is long-term), while the placement goes on, given on or
 * before today, and once (not while another one stands).
 */
export function openAgreementRecordIssues(p: ExistingPlacementFacts, givenOn: IsoDate, today: IsoDate, alreadyStanding: boolean): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (p.kind !== 'long_term') out.push({ field: 'givenOn', message: 'An in-principle agreement can be recorded only for a child in a long-term placement: ask for written agreement to this placement instead' });
  if (!placementIsLive(p, today)) out.push({ field: 'givenOn', message: "The child's placement with these carers has ended" });
  if (alreadyStanding) out.push({ field: 'givenOn', message: 'An in-principle agreement is already recorded for this child’s placement: use it, or withdraw it first' });
  if (compareDates(givenOn, today) > 0) out.push({ field: 'givenOn', message: 'The date the agreement was given must be today or in the past' });
  return out;
}

export type OpenAgreementFacts = { withdrawnOn: IsoDate | null };

/** An in-principle agreement stands while it has not been withdrawn and the child's placement goes on. */
export function openAgreementStands(oa: OpenAgreementFacts | null, p: ExistingPlacementFacts, today: IsoDate): boolean {
  return oa !== null && oa.withdrawnOn === null && placementIsLive(p, today);
}

export type OpenAgreementUse = {
  /** Whether an in-principle agreement stands for the child's placement (openAgreementStands). */
  stands: boolean;
  /** The day the household was proposed (this proposal was made). */
  proposedOn: IsoDate;
  /** The day the social worker was told of this proposal. */
  informedOn: IsoDate;
  /** Whether they asked to give specific written consent to this placement. */
  specificConsentAsked: boolean;
};

/**
 * Using a standing in-principle agreement for one proposal. "Even with this kind of 'open' agreement,
 * we still have a duty to inform the social worker … that another child will be placed, and we may
 * need to obtain their specific written consent": they must have been told of this proposal after it
 * was made (an earlier conversation was about another one), and if they asked to consent to it
 * specifically, the written agreement is still to come ('requested'); otherwise it is complete ('agreed').
 */
export function openAgreementUse(u: OpenAgreementUse, today: IsoDate): { issues: FieldIssue[]; status: 'agreed' | 'requested' } {
  const issues: FieldIssue[] = [];
  if (!u.stands) issues.push({ field: 'informedOn', message: 'No in-principle agreement stands for this child’s placement: record one first, or ask for written agreement' });
  if (compareDates(u.informedOn, today) > 0) issues.push({ field: 'informedOn', message: 'The date the social worker was told must be today or in the past' });
  else if (compareDates(u.informedOn, u.proposedOn) < 0) {
    issues.push({ field: 'informedOn', message: `The social worker must be told of this placement after it was proposed on ${formatDate(u.proposedOn)}: tell them again and enter that date` });
  }
  return { issues, status: u.specificConsentAsked ? 'requested' : 'agreed' };
}

/** "December 2026": the month a placement would start, as the request and its filed copy give it. */
export function startMonth(date: IsoDate | null | undefined): string {
  if (!date) return 'a date to be agreed';
  return formatDate(`${date.slice(0, 7)}-01`).replace(/^1 /, '');
}
