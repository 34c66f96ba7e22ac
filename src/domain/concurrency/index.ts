/**
 * Concurrent placement agreements (seed 000_47f71d08ca7d9e42.txt): the gates between "a household is
 * being considered" and "the placement is confirmed", and when to chase an unanswered request.
 *
 * Seed 000, in short:
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
import { compareDates, type IsoDate } from '../dates.ts';
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
  /** Reasons the household no longer meets the hard matching constraints (empty when it does). */
  householdReasons: readonly string[];
  existing: readonly ExistingChild[];
  considerations: readonly Consideration[];
  requirements: readonly RequirementState[];
  /** A head of service's recorded override of the agreement requirements. */
  override: { reason: string } | null;
};

/**
 * Every unmet condition for confirming a placement. A head of service's override (with its reason)
 * lifts only the written-agreement requirement; everything else must hold.
 */
export function confirmationBlockers(s: ConfirmationState, today: IsoDate): Blockers {
  const out: Blockers = [];
  if (s.proposalStatus !== 'proposed') out.push(`The household has not been proposed (the proposal is ${s.proposalStatus})`);
  if (s.requestStatus !== 'proposed') out.push(`The placement request is ${s.requestStatus}, not proposed`);
  if (!s.proposedStart) out.push('Enter the date the placement starts');
  else if (compareDates(s.proposedStart, today) < 0) out.push('The start date is in the past: change it to today or later');
  for (const r of s.householdReasons) out.push(`The household no longer meets the matching conditions: ${r}`);
  out.push(...proposalBlockers(s.existing, s.considerations));
  if (!s.override) {
    for (const r of s.requirements) {
      if (r.status === 'agreed') continue;
      if (r.status === 'declined') out.push(`The social worker of ${r.existingChildLabel} declined the placement in writing`);
      else if (r.status === 'requested') out.push(`The written agreement of the social worker of ${r.existingChildLabel} has been requested but not received`);
      else out.push(`The written agreement of the social worker of ${r.existingChildLabel} has not been requested`);
    }
  }
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
 * chased: "any delay could result in the proposed placement being lost" (seed 000).
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
 * Whose consideration the actor records (seed 000: "the Referral Response Team (RRT) and the
 * relevant supervising social worker"): a placement officer records the RRT's; the household's own
 * supervising social worker records theirs; nobody else records one.
 */
export function considerationRoleOf(actor: Acting, householdSswId: string | null): ConsiderationRole | null {
  if (actor.role === 'placement_officer') return 'placement_officer';
  if (actor.role === 'supervising_social_worker' && actor.userId === householdSswId) return 'supervising_social_worker';
  return null;
}

/**
 * Who asks for and records the written agreements (seed 000: "The proposed foster carers'
 * supervising social worker … or their line manager"), and a head of service.
 */
export function mayRecordAgreements(actor: Acting, householdSswId: string | null, sswLineManagerId: string | null): boolean {
  if (actor.role === 'head_of_service') return true;
  if (householdSswId !== null && actor.userId === householdSswId) return true;
  return actor.role === 'team_manager' && sswLineManagerId !== null && actor.userId === sswLineManagerId;
}
