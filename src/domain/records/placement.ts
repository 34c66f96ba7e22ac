import { z } from 'zod';
import { compareDates, type IsoDate } from '../dates.ts';
import { PLACEMENT_TYPES, keysOf } from '../ssda903/codes.ts';
import { isoDate, oneOf, optionalIsoDate, uuid } from './fields.ts';

export const PLACEMENT_STATUSES = {
  planned: 'Planned',
  active: 'Active',
  ended: 'Ended',
  cancelled: 'Cancelled',
} as const;
export type PlacementStatus = keyof typeof PLACEMENT_STATUSES;

/** Statuses that hold a child's place in a household: two of these may not overlap for one child. */
export const LIVE_STATUSES: readonly PlacementStatus[] = ['planned', 'active'];

const details = {
  startDate: isoDate('the start date'),
  endDate: optionalIsoDate('the end date'),
  placementType: oneOf(keysOf(PLACEMENT_TYPES), 'the placement type'),
  status: oneOf(keysOf(PLACEMENT_STATUSES), 'the status'),
};

type PlacementFacts = { startDate: IsoDate; endDate: IsoDate | null; status: PlacementStatus };

/** Rules across a placement's fields; every failing rule is returned. */
export function placementRuleErrors(v: PlacementFacts): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (v.endDate && compareDates(v.endDate, v.startDate) < 0) errors.push({ field: 'endDate', message: 'The end date must be the same as or after the start date' });
  if (v.status === 'ended' && !v.endDate) errors.push({ field: 'endDate', message: 'Enter the end date of an ended placement' });
  if (v.status === 'active' && v.endDate) errors.push({ field: 'endDate', message: 'An active placement has no end date yet: remove the end date, or choose "Ended"' });
  return errors;
}

const refine = (v: PlacementFacts, ctx: z.RefinementCtx) => {
  for (const e of placementRuleErrors(v)) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
};

/** A child's placement with a foster household, in its simplest form: dates, SSDA903 type and status. */
export const PlacementInput = z
  .object({ childId: uuid('the child'), householdId: uuid('the household'), ...details })
  .superRefine(refine);
export type PlacementInput = z.infer<typeof PlacementInput>;

/** What can change on an existing placement: the child and household stay as they were. */
export const PlacementUpdateInput = z.object(details).superRefine(refine);
export type PlacementUpdateInput = z.infer<typeof PlacementUpdateInput>;

export type PlacementPeriod = { id?: string; startDate: IsoDate; endDate: IsoDate | null; status: PlacementStatus };

/**
 * Two periods overlap when each starts before the other ends. An end date is the day the child
 * moves on, so a placement ending on the day the next one starts does not overlap it (the
 * SSDA903 convention: one episode ends on the date the next begins). No end date means open-ended.
 */
export function periodsOverlap(a: { startDate: IsoDate; endDate: IsoDate | null }, b: { startDate: IsoDate; endDate: IsoDate | null }): boolean {
  const aBeforeBEnds = b.endDate === null || compareDates(a.startDate, b.endDate) < 0 || compareDates(a.startDate, b.startDate) === 0;
  const bBeforeAEnds = a.endDate === null || compareDates(b.startDate, a.endDate) < 0 || compareDates(a.startDate, b.startDate) === 0;
  return aBeforeBEnds && bBeforeAEnds;
}

/**
 * A child cannot have two planned or active placements at once. Given the placement being saved
 * and the child's other placements, returns the first one it clashes with, or null.
 */
export function clashingPlacement<T extends PlacementPeriod>(candidate: PlacementPeriod, others: readonly T[]): T | null {
  if (!LIVE_STATUSES.includes(candidate.status)) return null;
  for (const other of others) {
    if (candidate.id !== undefined && other.id === candidate.id) continue;
    if (!LIVE_STATUSES.includes(other.status)) continue;
    if (periodsOverlap(candidate, other)) return other;
  }
  return null;
}
