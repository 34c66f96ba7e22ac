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
import { entryOfRequest, placeTakers, placementDate, PARENT_AND_CHILD_SKILL_LEVEL } from './constraints.ts';
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
  /** The children to be placed and anyone arriving with them: their own placements there take no place. */
  childIds: readonly string[];
  /** How many of them need a place (placeTakers: not a child placed with their parent who is fostered there). */
  placesNeeded: number;
};

/** What the database checks first for a request on `today`. */
export function prefilterFor(request: MatchRequest, today: IsoDate): MatchingPrefilter {
  const date = placementDate(request, today);
  const entry = entryOfRequest(request, date);
  const takers = placeTakers(entry);
  const ages = takers.map((c) => ageOn(c.dateOfBirth, date));
  return {
    kind: isEarlyPermanenceKind(request.kind) ? null : request.kind,
    earlyPermanence: isEarlyPermanenceKind(request.kind),
    minSkillLevel: request.kind === 'parent_and_child' ? PARENT_AND_CHILD_SKILL_LEVEL : null,
    // No one taking a place (cannot happen for a request, whose child is fostered or arrives with a parent who is): no age to check.
    youngest: ages.length ? Math.min(...ages) : 99,
    oldest: ages.length ? Math.max(...ages) : -1,
    noPets: request.needs.noPets === true,
    date,
    childIds: [...entry.children, ...(entry.arriving ?? [])].map((c) => c.id),
    placesNeeded: takers.length,
  };
}
