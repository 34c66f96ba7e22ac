/**
 * Matching: which foster households can be considered for a placement request, and in what order.
 * Pure: the service gathers the facts (request, households, their placements, exemptions, members,
 * sibling links, postcode centroids) and passes "today"; nothing here reads a clock or a database.
 *
 * Step one, hard constraints (constraints.ts). A household is excluded, with every reason stated,
 * when:
 * - its approval is not current (in assessment, on hold or deregistered);
 * - the kind of placement is not in its terms of approval; fostering for adoption needs the dual
 *   approval as prospective adopters (Children Act 1989 s22C(9B));
 * - it is a parent-and-child placement and the carers are below skill level 4 (Parent and child fostering procedure, 6.2);
 * - the child's or any sibling's age on the placement date is outside the approved age range;
 * - the children to be placed (child and siblings) outnumber the places free by the terms of
 *   approval (approved number minus children placed on the placement date);
 * - the fostered children there after the placement would be more than three, the usual fostering
 *   limit (Children Act 1989 Schedule 7 para 2), unless they are all siblings of each other (para 3)
 *   or exemptions in force on the placement date name every one of them (para 4);
 * - the request says the child cannot live with other children and other children live there, or
 *   cannot live with pets and the carers have pets.
 *
 * The placement date is the needed-by date, or today if that has passed.
 *
 * Step two, soft factors (factors.ts), for every household; the score is their sum, and eligible
 * households are ranked by score, then by places free (more first), then by reference:
 *
 * | Factor | When it applies | Points |
 * |---|---|---|
 * | Distance from school | the child keeps their school and its postcode is known | ≤3 miles +20; ≤10 +10; ≤20 0; further −10. No centroid: same district +20, same area +5, other area −5 |
 * | Distance from home | the child's home postcode is known | ≤5 miles +10; ≤15 +5; ≤30 0; further −5. No centroid: same district +10, same area +3, other area −3 |
 * | Language | the child's first language is given | a carer speaks it +15, otherwise 0 |
 * | Religion | the child's religion is given (not "none") | the carers' faith is the same +10, otherwise 0 |
 * | Experience | each of the child's need tags | carers have experience of it +8, otherwise 0 |
 * | Carers' preference | no under-5s / no teenagers against a child of that age | −15 each |
 * | Carers' preference | girls only / boys only against a child of the other sex | −20 each |
 * | Accessible home | the child needs one | accessible +15, not −20 |
 * | Younger children | the child should not live with younger children | any younger child there −20, none 0 |
 *
 * Distances are straight lines between postcode-district centroids (postcodes.ts); the demo ships
 * invented centroids for its fictional postcode areas. docs/rules/matching.md says the same in full.
 */
import { groupOf, hardConstraints, othersPlacements, placementDate } from './constraints.ts';
import { softFactors } from './factors.ts';
import { availablePlaces } from './places.ts';
import { rankEvaluations } from './rank.ts';
import type { Evaluation, MatchContext, MatchHousehold, MatchRequest } from './types.ts';

export * from './types.ts';
export { availablePlaces, placedOn, placeCounts, type PlacementSpan, type PlacementStatus, type PlaceCounts } from './places.ts';
export { hardConstraints, termsReasons, entryLabel, fosteredThere, type Entry, type TermsHousehold, placementDate, groupOf, groupLabel, allSiblings, USUAL_FOSTERING_LIMIT, PARENT_AND_CHILD_SKILL_LEVEL } from './constraints.ts';
export { softFactors, WEIGHTS } from './factors.ts';
export { DEMO_CENTROIDS, outwardCode, postcodeArea, separation, type Centroids, type GridPoint, type Separation } from './postcodes.ts';
export { signed } from './text.ts';
export { matchHousehold, byHousehold, type HouseholdParts } from './household-facts.ts';
export { prefilterFor, PREFILTER_CODES, type MatchingPrefilter, type PrefilterCode } from './prefilter.ts';
export { rankEvaluations } from './rank.ts';
export { mayStillBeExcluded, rankBest, scoreCeiling, shortlist, type BestRanking, type HouseholdColumns, type Shortlist } from './shortlist.ts';

/** Both steps for one household. */
export function evaluate(request: MatchRequest, household: MatchHousehold, ctx: MatchContext): Evaluation {
  const reasons = hardConstraints(request, household, ctx);
  const factors = softFactors(request, household, ctx);
  return {
    householdId: household.id,
    reference: household.reference,
    eligible: reasons.length === 0,
    reasons,
    factors,
    score: factors.reduce((sum, f) => sum + f.points, 0),
    placesFree: availablePlaces(household, othersPlacements(household, new Set(groupOf(request).map((c) => c.id))), placementDate(request, ctx.today)),
  };
}

/**
 * Every household evaluated: the eligible ones ranked (score, then places free, then reference),
 * the excluded ones with the fewest reasons first (the nearest misses), then by reference.
 */
export function rank(request: MatchRequest, households: readonly MatchHousehold[], ctx: MatchContext): { eligible: Evaluation[]; excluded: Evaluation[] } {
  return rankEvaluations(households.map((h) => evaluate(request, h, ctx)));
}
