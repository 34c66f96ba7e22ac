/** The facts matching works from: the service gathers them, the domain decides. */
import type { EarlyPermanenceFacts } from './dual-approval.ts';
import type { IsoDate } from '../dates.ts';
import type { ApprovalStatus, PlacementKind } from '../records/household.ts';
import type { RequestNeedsInput } from '../records/placement-request.ts';
import type { PlacementSpan } from './places.ts';
import type { Centroids } from './postcodes.ts';

/** A child to be placed: the request's child or one of the siblings to be placed with them. */
export type MatchChild = {
  id: string;
  /** Used in the sentences ("Sam is 14"). */
  firstName: string;
  dateOfBirth: IsoDate;
  sex: 'M' | 'F' | 'U';
  homePostcode: string | null;
};

/** A placement request ready for matching (its kind and needed-by date are known). */
export type MatchRequest = {
  kind: PlacementKind;
  neededBy: IsoDate;
  child: MatchChild;
  /** Brothers and sisters to be placed together with the child. */
  siblings: readonly MatchChild[];
  needs: Partial<RequestNeedsInput>;
  /**
   * A parent-and-child request whose children are in an arrangement: the children placed with their
   * parent who is fostered there (not fostered: no place), and who arrives with them and takes a
   * place too (a parent in care). Absent: none.
   */
  parentAndChild?: { notFostered: readonly string[]; arriving: readonly ArrivingPerson[] };
};

/** Someone of a parent-and-child arrangement moving in with the children and taking a place of their own (a parent in care). */
export type ArrivingPerson = { id: string; firstName: string; dateOfBirth: IsoDate; role: 'parent' | 'child' };

/** A fostered child's placement with the household, with the child's date of birth. */
export type HouseholdPlacement = PlacementSpan & { dateOfBirth: IsoDate };

export type HouseholdExemption = { childIds: readonly string[]; startDate: IsoDate; endDate: IsoDate | null };

/** Someone in the household other than the carers and the fostered children. */
export type HouseholdResident = { kind: 'carer_child' | 'other_child' | 'other_adult'; dateOfBirth: IsoDate | null };

export type MatchHousehold = {
  id: string;
  reference: string;
  approvalStatus: ApprovalStatus;
  approvedChildren: number;
  ageMin: number;
  ageMax: number;
  placementKinds: readonly string[];
  skillLevel: number;
  postcode: string;
  /** What the carers offer (soft factors). */
  languages: readonly string[];
  faith: string | null;
  experience: readonly string[];
  preferences: readonly string[];
  pets: boolean;
  accessibleHome: boolean;
  /** Placements of fostered children there (any status: only those taking a place on the date count). */
  placements: readonly HouseholdPlacement[];
  exemptions: readonly HouseholdExemption[];
  /** The carers' own children, other children and other adults living there. */
  residents: readonly HouseholdResident[];
  /** Adoption approvals and the early permanence facts (absent: none recorded). */
  earlyPermanence?: EarlyPermanenceFacts;
};

export type MatchContext = {
  today: IsoDate;
  /** Known sibling links (either direction) among the children concerned. */
  siblingLinks: readonly { childId: string; siblingId: string }[];
  /** Outward-code centroids for distances (DEMO_CENTROIDS in the demo). */
  centroids: Centroids;
};

/** A hard constraint a household fails, stating the fact. */
export type Reason = { code: ConstraintCode; message: string };

/**
 * The hard constraints, in the order an excluded household is counted under the first it fails. Those
 * the database checks before matching (PREFILTER_CODES, src/domain/matching/prefilter.ts) come first and in
 * the same order, so a household the database stops is counted under the same reason the domain would give.
 */
export const CONSTRAINT_CODES = [
  'approval-not-current',
  'kind-not-approved',
  'not-dual-approved',
  'skill-level-too-low',
  'age-outside-range',
  'no-pets',
  'not-enough-places',
  'no-full-time-carer',
  'return-agreement-missing',
  'fostering-limit',
  'no-other-children',
] as const;
export type ConstraintCode = (typeof CONSTRAINT_CODES)[number];

/** The constraint an excluded household is counted under: the first of its reasons in the order of CONSTRAINT_CODES (undefined for none). */
export function firstConstraint(reasons: readonly Reason[]): ConstraintCode | undefined {
  let first: ConstraintCode | undefined;
  for (const r of reasons) if (first === undefined || CONSTRAINT_CODES.indexOf(r.code) < CONSTRAINT_CODES.indexOf(first)) first = r.code;
  return first;
}

/** A soft factor's contribution to a household's score, with the sentence that explains it. */
export type Factor = { code: FactorCode; name: string; points: number; explanation: string };

export type FactorCode = 'school-distance' | 'home-distance' | 'language' | 'faith' | 'experience' | 'preference' | 'accessible-home' | 'younger-children';

export type Evaluation = {
  householdId: string;
  reference: string;
  eligible: boolean;
  reasons: Reason[];
  factors: Factor[];
  score: number;
  /** Places free on the placement date by the terms of approval (0 when approval is not current). */
  placesFree: number;
};
