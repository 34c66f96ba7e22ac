import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import { PLACEMENT_STATUSES, type PlacementStatus } from '../../domain/records/placement.ts';
import { PLACEMENT_KINDS, type PlacementKind } from '../../domain/records/household.ts';
import { ENDING_BASES, type EndingBasis } from '../../domain/placements/moves.ts';
import { DateTime, Int, IsoDate, PagedItems, Uuid, describing } from '../responses.ts';

type S = Services['placements'];
type Result<K extends keyof S> = S[K] extends (...args: never[]) => Promise<infer R> ? R : never;

const Check = z.object({ code: z.string(), message: z.string(), aboutChildId: Uuid.optional().meta({ description: 'The child already placed the check was about' }) });

/** Every stored field of a placement. */
const placementFields = {
  id: Uuid,
  childId: Uuid,
  householdId: Uuid,
  startDate: IsoDate,
  endDate: IsoDate.nullable().meta({ description: 'A date still to come on a planned or active placement is a planned ending' }),
  placementType: z.string().meta({ description: 'SSDA903 PLACE code' }),
  status: z.enum(Object.keys(PLACEMENT_STATUSES) as PlacementStatus[]),
  kind: z.enum(Object.keys(PLACEMENT_KINDS) as PlacementKind[]).nullable(),
  emergency: z.boolean(),
  outsideTermsOfApproval: z.boolean(),
  intendedUntil18: z.boolean(),
  connectedPerson: z.boolean(),
  sixMonthlyVisitsAgreed: z.boolean(),
  assessmentPeriodEndsOn: IsoDate.nullable(),
  reasonEnded: z.string().nullable().meta({ description: 'SSDA903 REASON_PLACE_CHANGE' }),
  provider: z.string().nullable().meta({ description: 'SSDA903 PLACE_PROVIDER override' }),
  urn: z.string().nullable().meta({ description: 'Ofsted URN override' }),
  emergencyAuthorisedBy: Uuid.nullable(),
  emergencyAuthorisedAt: DateTime.nullable(),
  emergencyAuthorisedReason: z.string().nullable(),
  waivedChecks: z.array(Check).meta({ description: 'Checks an authorised emergency stood in for' }),
  recordedLateReason: z.string().nullable(),
  entryBreaches: z.array(Check).meta({ description: 'Checks a placement recorded late did not meet on the day it began' }),
  endingBasis: z.enum(Object.keys(ENDING_BASES) as EndingBasis[]).nullable().meta({ description: 'How its ending was allowed: a planned end in the care plan, leaving care, an agreed or urgent move, a temporary placement, a change of status only' }),
  moveRequestId: Uuid.nullable().meta({ description: 'The agreed or urgent move request its ending went through' }),
  importedOn: IsoDate.nullable().meta({ description: 'The day the placement was imported from an SSDA903 return (history: the placement gate was not run), or null' }),
  plPost: z.string().nullable().meta({ description: 'For an imported placement: PL_POST as returned' }),
  version: Int,
  createdAt: DateTime,
  updatedAt: DateTime,
};

/** A placement as made (POST). */
export const PlacementRecord = describing<Result<'create'>>()(z.object(placementFields));

export const PlacementList = describing<Result<'list'>>()(
  PagedItems(
    z.object({
      ...placementFields,
      child: z.object({ id: Uuid, reference: z.string(), firstName: z.string(), lastName: z.string() }),
      household: z.object({ id: Uuid, reference: z.string() }),
    }),
  ),
);

/** A placement as GET gives it, with its child and household. */
export const PlacementView = describing<Result<'get'>>()(
  z.object({
    ...placementFields,
    child: z.object({ id: Uuid, reference: z.string(), firstName: z.string(), lastName: z.string() }),
    household: z.object({ id: Uuid, reference: z.string(), carers: z.string().meta({ description: "The carers' names" }) }),
    emergencyAuthorisedByName: z.string().nullable(),
  }),
);
