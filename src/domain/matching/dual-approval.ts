/**
 * Dual approval (Concurrent planning guide, "Concurrent Planning": "carers who are dually approved
 * as both foster carers and adopters"; Children Act 1989 s22C(9B)(c): "a local authority foster
 * parent who has been approved as a prospective adopter"). It is never ticked: it is derived, for a
 * given day, from the household's fostering approval and its adoption approval both being current.
 *
 * And what an early permanence placement (concurrent planning, fostering for adoption) asks of the
 * carers besides: one carer looks after the child full-time during the fostering phase
 * (Concurrent planning guide, "What support is available for carers?"), and, for concurrent
 * planning, the carers' signed agreement to support the plan to return the child to the birth
 * family (Concurrent planning guide, "Concurrent Planning").
 */
import { compareDates, formatDate, type IsoDate } from '../dates.ts';
import type { PlacementKind } from '../records/household.ts';

export const ADOPTION_APPROVAL_STATUSES = {
  in_assessment: 'In assessment',
  approved: 'Approved',
  on_hold: 'On hold',
  withdrawn: 'Withdrawn',
} as const;
export type AdoptionApprovalStatus = keyof typeof ADOPTION_APPROVAL_STATUSES;

/** A household's approval as prospective adopters, as recorded. */
export type AdoptionApprovalFact = {
  status: AdoptionApprovalStatus;
  /** The agency decision-maker's decision: approved from this day. Null only for a record made from the former tick. */
  decisionDate: IsoDate | null;
  /** For an approval put on hold or withdrawn: the day it stopped. */
  endedOn: IsoDate | null;
  /** Made from the former "dual approval" tick: approved, from a day not recorded. */
  fromFormerTick?: boolean;
};

/** What the early permanence rules read of a household. */
export type EarlyPermanenceFacts = {
  adoptionApprovals: readonly AdoptionApprovalFact[];
  /** One carer is available to look after the child full-time during the fostering phase. */
  fullTimeCarer: boolean;
  /** The day the carers signed their agreement to support the plan to return a child to the birth family. */
  returnAgreementSignedOn: IsoDate | null;
};

/** Is this adoption approval current on the day? */
export function adoptionApprovalCurrentOn(a: AdoptionApprovalFact, day: IsoDate): boolean {
  if (a.status === 'in_assessment') return false;
  const from = a.decisionDate;
  if (from === null) return a.status === 'approved' && a.fromFormerTick === true;
  if (compareDates(from, day) > 0) return false;
  if (a.status === 'approved') return true;
  // On hold or withdrawn: current only before the day it stopped.
  return a.endedOn !== null && compareDates(day, a.endedOn) < 0;
}

/** Dual approval on the day: the fostering approval and an adoption approval both current. */
export function dualApprovalOn(fosteringApproved: boolean, approvals: readonly AdoptionApprovalFact[], day: IsoDate): boolean {
  return fosteringApproved && approvals.some((a) => adoptionApprovalCurrentOn(a, day));
}

export type EarlyPermanenceCode = 'not-dual-approved' | 'no-full-time-carer' | 'return-agreement-missing';
export type EarlyPermanenceReason = { code: EarlyPermanenceCode; message: string };

/**
 * Every reason these carers cannot take an early permanence placement of this kind on the day.
 * `fosteringApproved`: the fostering approval is current (checked, with its own reason, by the terms).
 */
export function earlyPermanenceReasons(kind: PlacementKind, fosteringApproved: boolean, facts: EarlyPermanenceFacts | undefined, day: IsoDate): EarlyPermanenceReason[] {
  if (kind !== 'fostering_for_adoption' && kind !== 'concurrent_planning') return [];
  const f = facts ?? { adoptionApprovals: [], fullTimeCarer: false, returnAgreementSignedOn: null };
  const what = kind === 'concurrent_planning' ? 'Concurrent planning' : 'Fostering for adoption';
  const out: EarlyPermanenceReason[] = [];
  const adoptionCurrent = f.adoptionApprovals.some((a) => adoptionApprovalCurrentOn(a, day));
  if (!adoptionCurrent || !fosteringApproved) {
    out.push({
      code: 'not-dual-approved',
      message: `${what} needs foster carers who are also approved as prospective adopters (Children Act 1989 s22C(9B)); on ${formatDate(day)} these carers ${
        adoptionCurrent ? 'are approved as adopters but their fostering approval is not current' : 'have no current approval as prospective adopters'
      }.`,
    });
  }
  if (!f.fullTimeCarer) {
    out.push({
      code: 'no-full-time-carer',
      message: `${what} needs one carer to look after the child full-time during the fostering phase (Concurrent planning guide, "What support is available for carers?"); that is not recorded for these carers.`,
    });
  }
  if (kind === 'concurrent_planning' && (f.returnAgreementSignedOn === null || compareDates(f.returnAgreementSignedOn, day) > 0)) {
    out.push({
      code: 'return-agreement-missing',
      message:
        "Concurrent planning needs the carers' signed agreement to support the plan to return the child to the birth family (Concurrent planning guide, \"Concurrent Planning\"); none is recorded" +
        (f.returnAgreementSignedOn ? ` before ${formatDate(f.returnAgreementSignedOn)}.` : '.'),
    });
  }
  return out;
}

/**
 * The days a household's dual approval began (for the service figures' "carers approved"): the
 * first day its fostering approval and an adoption approval were both current. For each adoption
 * approval with a decision date, that is the later of the fostering approval's day and the
 * decision, provided the adoption approval is still current on it (one put on hold or withdrawn
 * before the fostering approval began never overlapped it). `fostering` is the household's
 * fostering approval as recorded now: approved (current) and from which day; a household whose
 * fostering approval is not current, or whose day is not recorded, gives none, as does an approval
 * made from the former tick (its day was never recorded). Sorted, without repeats.
 */
export function dualApprovalBegan(fostering: { current: boolean; approvedOn: IsoDate | null }, approvals: readonly AdoptionApprovalFact[]): IsoDate[] {
  if (!fostering.current || fostering.approvedOn === null) return [];
  const from = fostering.approvedOn;
  const days = new Set<IsoDate>();
  for (const a of approvals) {
    if (a.decisionDate === null) continue;
    const day = compareDates(a.decisionDate, from) > 0 ? a.decisionDate : from;
    if (adoptionApprovalCurrentOn(a, day)) days.add(day);
  }
  return [...days].sort(compareDates);
}
