/**
 * A household as the matching domain sees it, from its stored columns and the rows hanging off it.
 * The matching service (from the database) and the demo-data generator (from generated rows) both
 * build households here, so they cannot disagree about what matching reads.
 */
import { groupBy } from '../collections.ts';
import type { IsoDate } from '../dates.ts';
import type { AdoptionApprovalFact } from './dual-approval.ts';
import type { HouseholdExemption, HouseholdPlacement, HouseholdResident, MatchHousehold } from './types.ts';

type Scalars = Omit<MatchHousehold, 'placements' | 'exemptions' | 'residents' | 'earlyPermanence'> & {
  /** One carer full-time during the fostering phase (early permanence). */
  fullTimeCarer?: boolean;
  /** The day the carers signed their agreement to support a plan to return a child home. */
  returnAgreementSignedOn?: IsoDate | null;
};

export type HouseholdParts = {
  /** Fostered children's placements there, with each child's date of birth. */
  placements: readonly HouseholdPlacement[];
  exemptions: readonly HouseholdExemption[];
  /** Everyone in the household record, carers included (carers are left out of the residents). */
  members: readonly { kind: 'carer' | HouseholdResident['kind']; dateOfBirth: HouseholdResident['dateOfBirth'] }[];
  /** The household's adoption approvals (dual approval is derived from them). */
  adoptionApprovals?: readonly AdoptionApprovalFact[];
};

export function matchHousehold(h: Scalars, parts: HouseholdParts): MatchHousehold {
  return {
    id: h.id,
    reference: h.reference,
    approvalStatus: h.approvalStatus,
    approvedChildren: h.approvedChildren,
    ageMin: h.ageMin,
    ageMax: h.ageMax,
    placementKinds: h.placementKinds,
    skillLevel: h.skillLevel,
    postcode: h.postcode,
    languages: h.languages,
    faith: h.faith,
    experience: h.experience,
    preferences: h.preferences,
    pets: h.pets,
    accessibleHome: h.accessibleHome,
    placements: parts.placements.map((p) => ({ childId: p.childId, status: p.status, startDate: p.startDate, endDate: p.endDate, dateOfBirth: p.dateOfBirth, ...(p.fostered === false ? { fostered: false } : {}) })),
    exemptions: parts.exemptions.map((e) => ({ childIds: e.childIds, startDate: e.startDate, endDate: e.endDate })),
    residents: parts.members.flatMap((m) => (m.kind === 'carer' ? [] : [{ kind: m.kind, dateOfBirth: m.dateOfBirth }])),
    earlyPermanence: {
      adoptionApprovals: (parts.adoptionApprovals ?? []).map((a) => ({ status: a.status, decisionDate: a.decisionDate, endedOn: a.endedOn, fromFormerTick: a.fromFormerTick === true })),
      fullTimeCarer: h.fullTimeCarer === true,
      returnAgreementSignedOn: h.returnAgreementSignedOn ?? null,
    },
  };
}

/** Rows grouped by their household. */
export function byHousehold<T extends { householdId: string }>(items: readonly T[]): Map<string, T[]> {
  return groupBy(items, (x) => x.householdId);
}
