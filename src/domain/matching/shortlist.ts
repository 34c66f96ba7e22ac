/**
 * Matching at the scale of a national register: which of the households that pass the database's
 * checks (prefilter.ts) must be evaluated in full for the page to be exactly what evaluating every
 * one of them would give (rank in index.ts): the best `shown` eligible households and the `shown`
 * nearest misses, with every factor and reason, and how many can be considered.
 *
 * Two facts make it possible, both read from a household's own columns (its terms of approval and
 * what the carers offer), before its placements, members, exemptions and adoption approvals:
 *
 * - Its score can be bounded: every soft factor is decided by those columns except "Younger
 *   children", which can only take points away, so the score with no one living there (scoreCeiling)
 *   is the most the household can get.
 * - Whether it can still be excluded: after the database's checks, only the fostering limit (which
 *   cannot be passed where the terms of approval allow no more than three children and the children
 *   to be placed take a place), the request's "no other children", and the early permanence facts
 *   remain (mayStillBeExcluded). The households that can still be excluded are evaluated in full
 *   whatever their score (they give the nearest misses and the count); the others are eligible.
 *
 * The eligible ones are then evaluated in full from the highest ceiling down, a batch at a time,
 * until the `shown`-th best score found is above the ceiling of every household not yet evaluated
 * (rankBest): no such household can then be among the best. src/domain/matching/
 * shortlist.property.test.ts proves the result equals the full evaluation's.
 */
import { isEarlyPermanenceKind } from '../records/household.ts';
import { entryOfRequest, placementDate, placeTakers, USUAL_FOSTERING_LIMIT } from './constraints.ts';
import { softFactors } from './factors.ts';
import { rankEvaluations } from './rank.ts';
import { firstConstraint, type ConstraintCode, type Evaluation, type MatchContext, type MatchHousehold, type MatchRequest } from './types.ts';

/** A household as its own columns give it: without its placements, residents, exemptions and adoption approvals. */
export type HouseholdColumns = Omit<MatchHousehold, 'placements' | 'exemptions' | 'residents' | 'earlyPermanence'>;

/** The highest score the household can get for the request: its score with no one living there. */
export function scoreCeiling(request: MatchRequest, household: HouseholdColumns, ctx: MatchContext): number {
  let sum = 0;
  for (const f of softFactors(request, { ...household, placements: [], exemptions: [], residents: [] }, ctx)) sum += f.points;
  return sum;
}

/**
 * Whether a household that passed the database's checks (approval, kind, skill level, ages, pets,
 * places: prefilter.ts) can still fail a hard constraint. False means it is eligible: the fostering
 * limit cannot be passed (at most three children approved, and the children to be placed take a
 * place, so those there afterwards are no more than the places), the request does not ask for no
 * other children, and the kind of placement is not an early permanence one (dual approval, a
 * full-time carer, the return-home agreement are read from rows of their own).
 */
export function mayStillBeExcluded(request: MatchRequest, household: Pick<HouseholdColumns, 'approvedChildren'>, today: MatchContext['today']): boolean {
  if (isEarlyPermanenceKind(request.kind) || request.needs.noOtherChildren === true) return true;
  if (placeTakers(entryOfRequest(request, placementDate(request, today))).length === 0) return true;
  return household.approvedChildren > USUAL_FOSTERING_LIMIT;
}

export type Shortlist = {
  /** Households to evaluate in full whatever their score: they may still be excluded. */
  uncertain: string[];
  /** The others, eligible: highest ceiling first (then by reference, for a stable order). */
  certain: { id: string; ceiling: number }[];
};

/** The households that passed the database's checks, split and ordered for evaluation. */
export function shortlist(request: MatchRequest, households: readonly HouseholdColumns[], ctx: MatchContext): Shortlist {
  const uncertain: string[] = [];
  const certain: { id: string; ceiling: number; reference: string }[] = [];
  for (const h of households) {
    if (mayStillBeExcluded(request, h, ctx.today)) uncertain.push(h.id);
    else certain.push({ id: h.id, ceiling: scoreCeiling(request, h, ctx), reference: h.reference });
  }
  certain.sort((a, b) => b.ceiling - a.ceiling || (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
  return { uncertain, certain: certain.map(({ id, ceiling }) => ({ id, ceiling })) };
}

/** What the matching page shows: the best eligible households and the nearest misses, ranked as rank() ranks them. */
export type BestRanking = {
  /** The best `shown` eligible households. */
  eligible: Evaluation[];
  /** How many are eligible in all. */
  eligibleTotal: number;
  /** The `shown` nearest misses (fewest reasons first). */
  excluded: Evaluation[];
  /** How many of the households given are excluded in all. */
  excludedTotal: number;
  /** How many of those are excluded under each first reason (firstConstraint), every excluded household counted once. */
  excludedByFirstReason: ReadonlyMap<ConstraintCode, number>;
};

/**
 * The best `shown` eligible households and the `shown` nearest misses among `households` (those that
 * passed the database's checks), evaluating in full as few as it can. A generator, so that the
 * caller does the reading: it yields the ids of the households to evaluate next (at most `batch` of
 * the eligible ones at a time, after all of those that may still be excluded) and is given their
 * evaluations (evaluate() of each, in any order); it returns what rank() of every household would
 * give, cut to `shown`.
 */
export function* rankBest(
  request: MatchRequest,
  households: readonly HouseholdColumns[],
  ctx: MatchContext,
  shown: number,
  batch: number,
): Generator<readonly string[], BestRanking, readonly Evaluation[]> {
  const list = shortlist(request, households, ctx);
  const evaluated: Evaluation[] = [];
  let done = Math.min(list.certain.length, shown > 0 ? Math.max(1, batch) : 0);
  const first = [...list.uncertain, ...list.certain.slice(0, done).map((c) => c.id)];
  if (first.length) evaluated.push(...(yield first));
  let ranked = rankEvaluations(evaluated);
  for (let ids = nextToEvaluate(list, done, ranked.eligible, shown, batch); ids.length; ids = nextToEvaluate(list, done, ranked.eligible, shown, batch)) {
    evaluated.push(...(yield ids));
    done += ids.length;
    ranked = rankEvaluations(evaluated);
  }
  return {
    eligible: ranked.eligible.slice(0, Math.max(0, shown)),
    eligibleTotal: ranked.eligible.length + list.certain.length - done,
    excluded: ranked.excluded.slice(0, Math.max(0, shown)),
    excludedTotal: ranked.excluded.length,
    excludedByFirstReason: countByFirstReason(ranked.excluded),
  };
}

function countByFirstReason(excluded: readonly Evaluation[]): Map<ConstraintCode, number> {
  const counts = new Map<ConstraintCode, number>();
  for (const e of excluded) {
    const code = firstConstraint(e.reasons);
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/**
 * The eligible households still to evaluate in full, given the first `done` of `list.certain`
 * evaluated already and the eligible ones found so far, ranked: the next `batch` of them, or none
 * when the best `shown` are settled (the `shown`-th best score is above the ceiling of the next
 * household, and so of every one after it).
 */
function nextToEvaluate(list: Shortlist, done: number, rankedEligible: readonly Evaluation[], shown: number, batch: number): string[] {
  const next = list.certain[done];
  if (!next || shown <= 0) return [];
  const last = rankedEligible[shown - 1];
  if (last && last.score > next.ceiling) return [];
  return list.certain.slice(done, done + Math.max(1, batch)).map((c) => c.id);
}
