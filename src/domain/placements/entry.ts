/**
 * The placement gate: may these children start living in this household on this date? One pure
 * decision, used by every path that creates or moves a placement (confirming a proposal, the
 * placement form, the API, a move, recording a past placement). It returns every reason, never
 * just the first, each saying whether an emergency authorisation can stand in for it.
 *
 * What it checks:
 * - the carers' approval is current (not in assessment, on hold or deregistered);
 * - the kind of placement, the children's ages and their number are within the terms of approval;
 *   fostering for adoption and concurrent planning only with dual approval (derived from both
 *   approvals being current on the date) and one carer full-time during the fostering phase, and
 *   concurrent planning only with the carers' signed agreement to support the plan to return the
 *   child to the birth family (Concurrent planning guide, "Concurrent Planning"); parent and child
 *   only with carers at skill level 4 or above (Parent and child fostering procedure, 6.2);
 * - the usual fostering limit of three (Children Act 1989 Schedule 7) unless all the children are
 *   siblings or a current exemption names them;
 * - for each fostered child already living there: the placement officer and the supervising
 *   social worker have both considered whether another placement serves that child's well-being
 *   and best interests, and that child's social worker has agreed in writing (Concurrent placement
 *   agreement procedure: "This agreement MUST be secured before the new placement begins");
 * - for a parent-and-child placement whose child is in an arrangement: the information-sharing
 *   agreement in place (Parent and child fostering procedure, 4.1) and a contingency plan for each
 *   possible outcome (7.6) (src/domain/parent-and-child/before-placing.ts).
 *
 * Emergencies, honestly: an emergency placement authorised by a head of service with a reason may
 * start before the considerations and written agreements are in (each missing agreement stays an
 * obligation, overdue from the day the placement starts, until it is recorded), and outside the
 * carers' terms of approval (CPPCR reg 23: at most 6 working days). Nothing stands in for a
 * recorded refusal, a consideration that found against the placement, approval that is not
 * current, the fostering limit, dual approval, the early permanence facts, the parent-and-child skill
 * level, or what must be in place before a parent-and-child placement.
 */
import { compareDates, type IsoDate } from '../dates.ts';
import { fosteredThere, termsReasons, type Entry, type TermsHousehold } from '../matching/constraints.ts';
import type { MatchContext, Reason } from '../matching/types.ts';
import type { PlacementKind } from '../records/household.ts';
import { beforePlacingReasons, type BeforePlacingFacts, type BeforePlacingReason } from '../parent-and-child/before-placing.ts';

/** The roles whose consideration is needed for each child already living there. */
export const CONSIDERING_ROLES = {
  placement_officer: 'placement officer (Referral Response Team)',
  supervising_social_worker: 'supervising social worker',
} as const;
export type ConsideringRole = keyof typeof CONSIDERING_ROLES;

/** What is recorded about one fostered child already living in the household. */
export type ExistingChildRecord = {
  childId: string;
  /** "Ali Khan (C00012)". */
  label: string;
  /** Each role's recorded view: true = serves the child's well-being, false = does not, absent = not recorded. */
  considered: Partial<Record<ConsideringRole, boolean>>;
  /** The written agreement of the child's social worker. */
  agreement: 'agreed' | 'declined' | 'requested' | 'not_requested';
};

/** A head of service's authorisation of an emergency placement, with the reason. */
export type EmergencyAuthorisation = { byHeadOfService: boolean; reason: string };

export type EntryFacts = Entry & {
  household: TermsHousehold;
  siblingLinks: MatchContext['siblingLinks'];
  /**
   * What is recorded for each fostered child living there on the date (other than the children
   * entering). A child living there with no entry here has nothing recorded.
   */
  existing: readonly ExistingChildRecord[];
  /** Made in an emergency (the kind is emergency, or the request was urgent). */
  emergency: boolean;
  authorisation: EmergencyAuthorisation | null;
  /** A parent-and-child placement whose child is in an arrangement: what is recorded before placing. */
  beforePlacing?: BeforePlacingFacts | null;
};

export type EntryCode =
  | Reason['code']
  | 'not-considered'
  | 'considered-against'
  | 'agreement-missing'
  | 'agreement-declined'
  | 'authorisation-not-by-head-of-service'
  | 'authorisation-needs-emergency'
  | 'authorisation-reason-missing'
  | BeforePlacingReason['code'];

export type EntryReason = {
  code: EntryCode;
  message: string;
  /** What may stand in for this condition: an emergency authorisation, or nothing. */
  waivable: 'emergency' | 'never';
  /** The child already living there that the reason is about. */
  aboutChildId?: string;
};

export type EntryDecision = {
  /** True when the children may start living there on the date. */
  allowed: boolean;
  /** Every unmet condition that stops it. */
  blocking: EntryReason[];
  /** Conditions not met that the emergency authorisation stands in for (recorded on the placement). */
  waived: EntryReason[];
  /** True when the placement is outside the carers' terms of approval by the authorisation (CPPCR reg 23). */
  outsideTerms: boolean;
};

/** Reasons about the terms of approval (kind, ages, number) that an authorised emergency may go past. */
const OUTSIDE_TERMS: ReadonlySet<EntryCode> = new Set(['kind-not-approved', 'age-outside-range', 'not-enough-places']);

/** The fostered children living there on the date, other than those entering (one per child). */
export function childrenLivingThere(facts: Pick<EntryFacts, 'household' | 'date' | 'children'>): string[] {
  return fosteredThere(facts.household, facts.date, new Set(facts.children.map((c) => c.id))).map((p) => p.childId);
}

/** Every condition not met, each marked with whether an emergency authorisation can stand in for it. */
export function entryReasons(facts: EntryFacts, today: IsoDate): EntryReason[] {
  const out: EntryReason[] = termsReasons(facts, facts.household, { today, siblingLinks: facts.siblingLinks }).map((r) => ({
    ...r,
    waivable: OUTSIDE_TERMS.has(r.code) ? 'emergency' : 'never',
  }));
  if (facts.kind === 'parent_and_child' && facts.beforePlacing) {
    for (const r of beforePlacingReasons(facts.beforePlacing, today)) out.push({ ...r, waivable: 'never' });
  }
  const recorded = new Map(facts.existing.map((e) => [e.childId, e]));
  for (const childId of childrenLivingThere(facts)) {
    const e = recorded.get(childId) ?? { childId, label: 'a child already placed there', considered: {}, agreement: 'not_requested' as const };
    for (const role of Object.keys(CONSIDERING_ROLES) as ConsideringRole[]) {
      const view = e.considered[role];
      if (view === undefined) {
        out.push({
          code: 'not-considered',
          aboutChildId: childId,
          waivable: 'emergency',
          message: `The ${CONSIDERING_ROLES[role]} has not recorded whether another placement serves the well-being and best interests of ${e.label}.`,
        });
      } else if (!view) {
        out.push({
          code: 'considered-against',
          aboutChildId: childId,
          waivable: 'never',
          message: `The ${CONSIDERING_ROLES[role]} recorded that another placement does not serve the well-being and best interests of ${e.label}.`,
        });
      }
    }
    if (e.agreement === 'declined') {
      out.push({ code: 'agreement-declined', aboutChildId: childId, waivable: 'never', message: `The social worker of ${e.label} declined this placement in writing.` });
    } else if (e.agreement !== 'agreed') {
      out.push({
        code: 'agreement-missing',
        aboutChildId: childId,
        waivable: 'emergency',
        message:
          e.agreement === 'requested'
            ? `The written agreement of the social worker of ${e.label} has been asked for but not received.`
            : `No written agreement from the social worker of ${e.label} is recorded.`,
      });
    }
  }
  return out;
}

/**
 * The decision: allowed when nothing blocks. An emergency authorisation stands in for the
 * conditions marked 'emergency' only when the placement is an emergency and a head of service gave
 * it with a reason; otherwise it is itself a reason.
 */
export function decideEntry(facts: EntryFacts, today: IsoDate): EntryDecision {
  const reasons = entryReasons(facts, today);
  const auth = facts.authorisation;
  const authProblems: EntryReason[] = [];
  if (auth) {
    if (!facts.emergency) {
      authProblems.push({
        code: 'authorisation-needs-emergency',
        waivable: 'never',
        message: 'Only an emergency placement can go ahead before every check is met: a planned placement waits for them.',
      });
    }
    if (!auth.byHeadOfService) {
      authProblems.push({ code: 'authorisation-not-by-head-of-service', waivable: 'never', message: 'Only a head of service can authorise an emergency placement before every check is met.' });
    }
  }
  const authorised = auth !== null && authProblems.length === 0 && auth.reason.trim() !== '';
  const waived = authorised ? reasons.filter((r) => r.waivable === 'emergency') : [];
  const blocking = [...(authorised ? reasons.filter((r) => r.waivable === 'never') : reasons), ...authProblems];
  if (auth && !auth.reason.trim()) blocking.push({ code: 'authorisation-reason-missing', waivable: 'never', message: "Give the head of service's reason for authorising the emergency placement." });
  return { allowed: blocking.length === 0, blocking, waived, outsideTerms: waived.some((r) => OUTSIDE_TERMS.has(r.code)) };
}

/**
 * Of the terms-of-approval reasons, those a change of kind on an existing placement must still meet:
 * the kind approved (unless it is an emergency placement flagged outside the terms, CPPCR reg 23),
 * dual approval and the early permanence facts for fostering for adoption and concurrent planning,
 * and the parent-and-child skill level.
 */
export function kindReasons<R extends Reason>(reasons: readonly R[], emergencyOutsideTerms: boolean): R[] {
  const codes: ReadonlySet<string> = new Set([...(emergencyOutsideTerms ? [] : ['kind-not-approved']), 'not-dual-approved', 'no-full-time-carer', 'return-agreement-missing', 'skill-level-too-low']);
  return reasons.filter((r) => codes.has(r.code));
}

/** Of the terms-of-approval reasons, those about room: the places approved and the usual fostering limit. */
export function roomReasons<R extends Reason>(reasons: readonly R[]): R[] {
  return reasons.filter((r) => r.code === 'not-enough-places' || r.code === 'fostering-limit');
}

/** A placement counts as made in an emergency when its kind is emergency or it was flagged so. */
export function isEmergency(p: { kind: PlacementKind | null; emergency: boolean }): boolean {
  return p.emergency || p.kind === 'emergency';
}

/** A placement is being recorded after it began (migration, late recording) when it starts before today. */
export function startsBeforeToday(startDate: IsoDate, today: IsoDate): boolean {
  return compareDates(startDate, today) < 0;
}
