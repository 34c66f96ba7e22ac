/**
 * A household's places: its terms of approval minus the children placed there, worked out on
 * read from the placements (never stored as a second number that could drift).
 */
import { compareDates, type IsoDate } from '../dates.ts';
import type { ApprovalStatus } from '../records/household.ts';

export type PlacementStatus = 'planned' | 'active' | 'ended' | 'cancelled';

/**
 * A child's placement with the household. Periods are half-open: [startDate, endDate). `fostered`
 * false: a placement that is not fostering by the carers (a child not in care placed with their
 * parent who is, Parent and child fostering procedure, 2.2): it takes no place and does not count
 * towards the fostering limit. Left out: fostered.
 */
export type PlacementSpan = { childId: string; status: PlacementStatus; startDate: IsoDate; endDate: IsoDate | null; fostered?: boolean };

/** The placements of foster children: all but those marked not fostered. */
export function fosteredSpans<P extends PlacementSpan>(placements: readonly P[]): P[] {
  return placements.filter((p) => p.fostered !== false);
}

/**
 * The placements that take a place on `date`: active ones (already started) and planned ones that
 * start on or before it, in both cases unless they end on or before that date. Ended and cancelled
 * placements take none.
 */
export function placedOn<P extends PlacementSpan>(placements: readonly P[], date: IsoDate): P[] {
  return placements.filter((p) => {
    if (p.status !== 'active' && p.status !== 'planned') return false;
    if (p.status === 'planned' && compareDates(p.startDate, date) > 0) return false;
    return p.endDate === null || compareDates(p.endDate, date) > 0;
  });
}

export type PlaceCounts = {
  /** The number of children the terms of approval allow. */
  approved: number;
  /** Distinct foster children placed on the date. */
  placed: number;
  /** Approved minus placed (never below 0), whatever the approval status. */
  free: number;
};

/** Places by the terms of approval alone, on `date`. */
export function placeCounts(household: { approvedChildren: number }, placements: readonly PlacementSpan[], date: IsoDate): PlaceCounts {
  const placed = new Set(placedOn(fosteredSpans(placements), date).map((p) => p.childId)).size;
  return { approved: household.approvedChildren, placed, free: Math.max(0, household.approvedChildren - placed) };
}

/**
 * Available places on `today`: the number of children approved for minus the children placed now
 * (active, or planned to start by then); 0 when the approval is not current (in assessment, on hold
 * or deregistered).
 */
export function availablePlaces(
  household: { approvalStatus: ApprovalStatus; approvedChildren: number },
  placementsThere: readonly PlacementSpan[],
  today: IsoDate,
): number {
  if (household.approvalStatus !== 'approved') return 0;
  return placeCounts(household, placementsThere, today).free;
}
