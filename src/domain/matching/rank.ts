/** The order matching ranks evaluated households in (rank() in index.ts, and rankBest() in shortlist.ts). */
import type { Evaluation } from './types.ts';

/** Evaluations in the order of rank: the eligible ones by score, places free and reference; the excluded ones fewest reasons first, then by reference. */
export function rankEvaluations(all: readonly Evaluation[]): { eligible: Evaluation[]; excluded: Evaluation[] } {
  const byReference = (a: Evaluation, b: Evaluation) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);
  return {
    eligible: all.filter((e) => e.eligible).sort((a, b) => b.score - a.score || b.placesFree - a.placesFree || byReference(a, b)),
    excluded: all.filter((e) => !e.eligible).sort((a, b) => a.reasons.length - b.reasons.length || byReference(a, b)),
  };
}
