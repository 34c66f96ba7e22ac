/**
 * Before a parent-and-child placement starts (Parent and child fostering procedure, 4.1 to 4.3 and
 * 7.6): what must be in place, what must be visible. Pure: the facts and the day in, every reason out.
 *
 * Blocking (the placement gate, docs/rules/placement-gate.md):
 * - an information-sharing agreement: what may be shared, with whom, when and how, agreed with the
 *   parent on a date; where child protection procedures are in effect, confirmed as sufficient by the
 *   Child Protection Conference Chair, named and dated (4.1);
 * - a contingency plan for each possible outcome: success; failure with the child in care (moved to
 *   another foster placement); failure with the child not in care (section 20 agreement or a court
 *   order) — the failures that can happen given who is in care (7.5, 7.6).
 * Visible, not blocking: an advocacy offer not yet made, or made and not answered, to a parent with
 * an advocacy need (4.3).
 */
import { compareDates, formatDate, type IsoDate } from '../dates.ts';

export const CONTINGENCY_OUTCOMES = {
  success: 'The placement succeeds: the parent shows the skills and capabilities the assessment requires',
  failure_child_in_care: 'The placement fails and the child is in care: the child moves to another foster placement',
  failure_child_not_in_care: 'The placement fails and the child is not in care: the parent’s agreement to section 20 accommodation, or a court order, and a placement elsewhere',
} as const;
export type ContingencyOutcome = keyof typeof CONTINGENCY_OUTCOMES;

export type SharingAgreementFacts = {
  whatShared: string;
  sharedWith: string;
  whenShared: string;
  howShared: string;
  agreedWithParentOn: IsoDate | null;
  childProtectionApplies: boolean;
  chairName: string | null;
  chairConfirmedOn: IsoDate | null;
};

export type BeforePlacingFacts = {
  /** The latest information-sharing agreement recorded, if any. */
  agreement: SharingAgreementFacts | null;
  /** The outcomes with a contingency plan recorded. */
  contingencies: readonly ContingencyOutcome[];
  /** Whether any child placed is in care (decides which failure plan is needed). */
  anyChildInCare: boolean;
  anyChildNotInCare: boolean;
  /** Parents with an advocacy need, and the offers made to each. */
  parentsNeedingAdvocacy: readonly { name: string; offers: readonly { offeredOn: IsoDate; response: 'accepted' | 'declined' | null }[] }[];
};

export type BeforePlacingReason = { code: 'sharing-agreement-missing' | 'sharing-agreement-incomplete' | 'chair-confirmation-missing' | 'contingency-missing'; message: string };
export type BeforePlacingNotice = { code: 'advocacy-not-offered' | 'advocacy-unanswered'; message: string };

/** The outcomes whose plan is needed for these people. */
export function contingenciesNeeded(f: Pick<BeforePlacingFacts, 'anyChildInCare' | 'anyChildNotInCare'>): ContingencyOutcome[] {
  return ['success', ...(f.anyChildInCare ? (['failure_child_in_care'] as const) : []), ...(f.anyChildNotInCare ? (['failure_child_not_in_care'] as const) : [])];
}

/** Every reason the placement may not start yet; empty when the agreement and the plans are in place. */
export function beforePlacingReasons(f: BeforePlacingFacts, day: IsoDate): BeforePlacingReason[] {
  const out: BeforePlacingReason[] = [];
  const a = f.agreement;
  if (!a) {
    out.push({
      code: 'sharing-agreement-missing',
      message: 'No information-sharing agreement is recorded: agree with the parent and the professionals what may be shared, with whom, when and how (Parent and child fostering procedure, 4.1).',
    });
  } else {
    const missing = [
      ...(a.whatShared.trim() ? [] : ['what may be shared']),
      ...(a.sharedWith.trim() ? [] : ['with whom']),
      ...(a.whenShared.trim() ? [] : ['when']),
      ...(a.howShared.trim() ? [] : ['how']),
      ...(a.agreedWithParentOn && compareDates(a.agreedWithParentOn, day) <= 0 ? [] : ['the day it was agreed with the parent']),
    ];
    if (missing.length) out.push({ code: 'sharing-agreement-incomplete', message: `The information-sharing agreement does not yet record ${missing.join(', ')} (Parent and child fostering procedure, 4.1).` });
    if (a.childProtectionApplies && (!a.chairName?.trim() || !a.chairConfirmedOn || compareDates(a.chairConfirmedOn, day) > 0)) {
      out.push({
        code: 'chair-confirmation-missing',
        message: 'Child protection procedures are in effect: the Child Protection Conference Chair must confirm the information-sharing arrangements are sufficient, named and dated (Parent and child fostering procedure, 4.1).',
      });
    }
  }
  const have = new Set(f.contingencies);
  for (const o of contingenciesNeeded(f)) {
    if (!have.has(o)) out.push({ code: 'contingency-missing', message: `No contingency plan for the outcome “${CONTINGENCY_OUTCOMES[o]}” (Parent and child fostering procedure, 7.6).` });
  }
  return out;
}

/** What the page shows about advocacy for parents who need it (4.3): not offered, or offered and not answered. */
export function advocacyNotices(f: Pick<BeforePlacingFacts, 'parentsNeedingAdvocacy'>): BeforePlacingNotice[] {
  const out: BeforePlacingNotice[] = [];
  for (const p of f.parentsNeedingAdvocacy) {
    if (p.offers.length === 0) out.push({ code: 'advocacy-not-offered', message: `${p.name} has an advocacy need and has not been offered local advocacy support (Parent and child fostering procedure, 4.3).` });
    else {
      const latest = [...p.offers].sort((x, y) => compareDates(y.offeredOn, x.offeredOn))[0];
      if (latest && latest.response === null) out.push({ code: 'advocacy-unanswered', message: `${p.name} was offered advocacy on ${formatDate(latest.offeredOn)} and has not answered.` });
    }
  }
  return out;
}
