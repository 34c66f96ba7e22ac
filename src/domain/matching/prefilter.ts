/**
 * The hard constraints that matching checks in the database first, so that a national-scale register
 * (tens of thousands of households) is not loaded and evaluated household by household. They are the
 * rules of constraints.ts (termsReasons, hardConstraints) as parameters of one query
 * (src/data/repositories/households.ts matchingStages); every household that passes them is
 * evaluated here again, with every rule, so the domain stays the one that decides and explains.
 * test/matching-prefilter.property.test.ts proves that the query stops a household only with a
 * reason these rules also give it.
 */
import { ageOn, type IsoDate } from '../dates.ts';
import { isEarlyPermanenceKind } from '../records/household.ts';
import { groupOf, placementDate, PARENT_AND_CHILD_SKILL_LEVEL } from './constraints.ts';
import type { ConstraintCode, MatchRequest } from './types.ts';

/** The constraints checked first, in the order a household is counted under the first it fails. */
export const PREFILTER_CODES = ['approval-not-current', 'kind-not-approved', 'not-dual-approved', 'skill-level-too-low', 'age-outside-range', 'no-pets', 'not-enough-places'] as const satisfies readonly ConstraintCode[];
export type PrefilterCode = (typeof PREFILTER_CODES)[number];

export type MatchingPrefilter = {
  /** The kind of placement: within the terms of approval; null for an early permanence kind, which is not on the terms. */
  kind: string | null;
  /** Fostering for adoption or concurrent planning: a household with no adoption approval recorded at all is not dual approved. */
  earlyPermanence: boolean;
  /** The lowest skill level allowed (parent and child), or null for any. */
  minSkillLevel: number | null;
  /** The youngest and oldest of the children's ages on the placement date: both within the approved range. */
  youngest: number;
  oldest: number;
  /** The request says the child cannot live with pets. */
  noPets: boolean;
  /** The placement date, on which places are counted. */
  date: IsoDate;
  /** The children to be placed: their own placements there take no place, and each needs a place. */
  childIds: readonly string[];
};

/** What the database checks first for a request on `today`. */
export function prefilterFor(request: MatchRequest, today: IsoDate): MatchingPrefilter {
  const date = placementDate(request, today);
  const group = groupOf(request);
  const ages = group.map((c) => ageOn(c.dateOfBirth, date));
  return {
    kind: isEarlyPermanenceKind(request.kind) ? null : request.kind,
    earlyPermanence: isEarlyPermanenceKind(request.kind),
    minSkillLevel: request.kind === 'parent_and_child' ? PARENT_AND_CHILD_SKILL_LEVEL : null,
    youngest: Math.min(...ages),
    oldest: Math.max(...ages),
    noPets: request.needs.noPets === true,
    date,
    childIds: group.map((c) => c.id),
  };
}
