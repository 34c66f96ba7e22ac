import { z } from 'zod';
import { addDays, compareDates, formatDate, isValidIsoDate, type IsoDate } from '../dates.ts';
import { PLACEMENT_TYPES, keysOf } from '../ssda903/codes.ts';
import { PLACEMENT_KINDS, type PlacementKind } from './household.ts';
import { fosterTypesFor, isFosterPlacementType } from '../placements/placement-type.ts';
import { PLACE_PROVIDER_CODES, REASON_PLACE_CHANGE_CODES, TEMPORARY_PLACES } from '../ssda903/return-codes.ts';
import { placementRecordProblems } from '../ssda903/record-rules.ts';
import { checkbox, isoDate, oneOf, optionalIsoDate, uuid } from './fields.ts';
import { collectionYearOn, optionalReturnCode } from './return-fields.ts';

export const PLACEMENT_STATUSES = {
  planned: 'Planned',
  active: 'Active',
  ended: 'Ended',
  cancelled: 'Cancelled',
} as const;
export type PlacementStatus = keyof typeof PLACEMENT_STATUSES;

/** Statuses that hold a child's place in a household: two of these may not overlap for one child. */
export const LIVE_STATUSES: readonly PlacementStatus[] = ['planned', 'active'];

/**
 * The yes/no facts about a placement that decide which statutory obligations apply to it (the
 * obligations engine in domain/deadlines reads them). Pages and messages use these words.
 */
export const PLACEMENT_FLAGS = {
  emergency: 'Placed in an emergency',
  outsideTermsOfApproval: "Outside the carers' terms of approval",
  intendedUntil18: 'Intended to last until the child is 18',
  connectedPerson: 'With a connected person',
  sixMonthlyVisitsAgreed: 'Child agrees to six-monthly visits',
} as const;
export type PlacementFlag = keyof typeof PLACEMENT_FLAGS;
export const PLACEMENT_FLAG_NAMES = Object.keys(PLACEMENT_FLAGS) as PlacementFlag[];

/** A parent-and-child placement's initial assessment period lasts at most this many days (Parent and child fostering procedure, 5.2). */
export const MAX_ASSESSMENT_PERIOD_DAYS = 28;

const PLACEMENT_KIND_CODES = Object.keys(PLACEMENT_KINDS) as [PlacementKind, ...PlacementKind[]];

/** The kind of placement, as on carers' terms of approval. Optional: older records have none. */
const placementKind = z
  .union([z.enum(PLACEMENT_KIND_CODES), z.literal(''), z.null()], { error: 'Select the kind of placement' })
  .optional()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));

/** An Ofsted URN as typed: letters and digits (SC123456, 1234567), or the DfE's placeholder XXXXXXX. */
const urn = z
  .union([z.string(), z.null()], { error: 'The Ofsted URN must be text' })
  .optional()
  .transform((v) => (v === undefined || v === null ? '' : v.replace(/\s+/g, '').toUpperCase()))
  .refine((v) => v === '' || /^[A-Z0-9]{6,10}$/.test(v), { error: 'Enter the Ofsted URN as 6 to 10 letters and digits, like SC123456, or leave it blank' })
  .transform((v) => (v === '' ? null : v));

export const REASON_ENDED_MESSAGE = 'Select the reason the placement ended';
export const PROVIDER_MESSAGE = 'Select the placement provider, from PR0 to PR5, or leave it blank';

/**
 * The SSDA903 fields of a placement, for the collection year `year` (null: any year, for the API
 * documentation and for checking records made elsewhere): the reason it ended (REASON_PLACE_CHANGE),
 * and overrides of the placement provider and Ofsted URN, which otherwise come from the household's
 * fostering service.
 */
const returnFields = (year: string | null) => ({
  reasonEnded: optionalReturnCode(REASON_PLACE_CHANGE_CODES, year, REASON_ENDED_MESSAGE),
  provider: optionalReturnCode(PLACE_PROVIDER_CODES, year, PROVIDER_MESSAGE),
  urn,
});

const details = {
  startDate: isoDate('the start date'),
  endDate: optionalIsoDate('the end date'),
  placementType: oneOf(keysOf(PLACEMENT_TYPES), 'the placement type'),
  status: oneOf(keysOf(PLACEMENT_STATUSES), 'the status'),
  kind: placementKind,
  emergency: checkbox(`"${PLACEMENT_FLAGS.emergency}"`),
  outsideTermsOfApproval: checkbox(`"${PLACEMENT_FLAGS.outsideTermsOfApproval}"`),
  intendedUntil18: checkbox(`"${PLACEMENT_FLAGS.intendedUntil18}"`),
  connectedPerson: checkbox(`"${PLACEMENT_FLAGS.connectedPerson}"`),
  sixMonthlyVisitsAgreed: checkbox(`"${PLACEMENT_FLAGS.sixMonthlyVisitsAgreed}"`),
  assessmentPeriodEndsOn: optionalIsoDate('the end of the assessment period'),
};

type PlacementFacts = {
  startDate: IsoDate;
  endDate: IsoDate | null;
  status: PlacementStatus;
  placementType?: string;
  reasonEnded?: string | null;
  provider?: string | null;
  urn?: string | null;
  kind?: PlacementKind | null;
  emergency?: boolean;
  outsideTermsOfApproval?: boolean;
  intendedUntil18?: boolean;
  sixMonthlyVisitsAgreed?: boolean;
  connectedPerson?: boolean;
  assessmentPeriodEndsOn?: IsoDate | null;
};

/**
 * Kinds of placement that cannot be intended to last until the child is 18. CPPCR reg 28(2) gives
 * 3-monthly visits after the first year "where the placement is intended to last until the child
 * is 18": that is the care plan's intention, not the kind on the carers' approval, so a short-term
 * placement that the plan now means to keep (before any reg 22B long-term decision), a
 * parent-and-child or a fostering-for-adoption placement may all carry it, and so may a placement
 * whose kind was never recorded. An emergency placement is a stopgap by definition, and short
 * breaks (reg 48) are a series of short stays with their own visiting pattern: for these two the
 * answer would only loosen the visits the child is owed, so it is refused.
 */
const NEVER_UNTIL_18: Partial<Record<PlacementKind, string>> = {
  emergency: 'An emergency placement is not intended to last until the child is 18',
  short_breaks: 'Short breaks are not intended to last until the child is 18',
};

/**
 * A planned ending: a live (planned or active) placement with an end date still to come. The child
 * still lives there, and is counted in the household, until that day. Without `today` (records
 * checked outside a request) any end date on a live placement is taken as planned.
 */
export function hasPlannedEnding(v: { status: PlacementStatus; endDate: IsoDate | null }, today?: IsoDate): boolean {
  if (!LIVE_STATUSES.includes(v.status) || !v.endDate) return false;
  return today === undefined || compareDates(v.endDate, today) > 0;
}

/**
 * Rules across a placement's fields; every failing rule is returned. With `today`: a placement is
 * "Ended" only on or before today; an ending still to come is a planned ending of an active (or
 * planned) placement, and an active placement whose end date has come is "Ended".
 */
export function placementRuleErrors(v: PlacementFacts, today?: IsoDate): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (v.endDate && compareDates(v.endDate, v.startDate) < 0) errors.push({ field: 'endDate', message: 'The end date must be the same as or after the start date' });
  if (v.status === 'ended' && !v.endDate) errors.push({ field: 'endDate', message: 'Enter the end date of an ended placement' });
  if (today !== undefined && v.status === 'active' && isValidIsoDate(v.startDate) && compareDates(v.startDate, today) > 0) {
    errors.push({ field: 'status', message: 'A placement that starts after today is "Planned" until the child moves in: choose "Planned"' });
  }
  if (today !== undefined && v.endDate && isValidIsoDate(v.endDate)) {
    if (v.status === 'ended' && compareDates(v.endDate, today) > 0) {
      errors.push({
        field: 'endDate',
        message: `A placement can only be ended on or before today. For an ending still to come, keep it "Active" (or "Planned") with the planned end date: the child is counted in the household until ${formatDate(v.endDate)}`,
      });
    }
    if (v.status === 'active' && compareDates(v.endDate, today) <= 0 && compareDates(v.endDate, v.startDate) >= 0) {
      errors.push({ field: 'endDate', message: 'The end date has come: choose "Ended", or remove the end date, or enter a planned end date after today' });
    }
  }

  // SSDA903: the reason a placement ended (rules 225, 226) and who provides it (rules 178, 213, 527–531, 550).
  const temporary = v.placementType !== undefined && TEMPORARY_PLACES.has(v.placementType);
  if (v.reasonEnded) {
    if (v.status !== 'ended' && !hasPlannedEnding(v, today)) errors.push({ field: 'reasonEnded', message: 'Only an ended placement, or one with a planned end date, has a reason it ends: remove the reason, or enter the end date' });
    else if (temporary) errors.push({ field: 'reasonEnded', message: 'A temporary placement (T0 to T4) has no reason it ended, because the child goes back to their placement: remove the reason' });
  }
  if (v.placementType !== undefined) {
    // Provider against type, a URN the type has none of, how long T1 and T3 last: the return's own
    // limits (ssda903/record-rules.ts). The minimum ages need the child: placementAgeProblems.
    const p = { placeType: v.placementType, provider: v.provider ?? null, urn: v.urn ?? null, startDate: v.startDate, endDate: v.endDate };
    for (const e of placementRecordProblems(p, null, null)) errors.push({ field: e.field, message: e.message });
  }

  const kind = v.kind ?? null;
  // The SSDA903 foster placement type follows from the kind (long-term, fostering for adoption, other)
  // and whether the carers are connected to the child (domain/placements/placement-type.ts).
  if (v.placementType !== undefined && isFosterPlacementType(v.placementType)) {
    if (kind) {
      const [connected, other] = fosterTypesFor(kind);
      if (v.placementType !== connected && v.placementType !== other) {
        errors.push({ field: 'placementType', message: `A placement of the kind "${PLACEMENT_KINDS[kind]}" is ${connected} (carers who are a relative, friend or other connected person) or ${other} (other foster carers), not ${v.placementType}` });
      }
    }
    if (v.connectedPerson && ['U4', 'U5', 'U6'].includes(v.placementType)) {
      errors.push({ field: 'placementType', message: `A placement with a connected person is U1, U2 or U3 (relative or friend), not ${v.placementType}` });
    }
  }
  // Dates that are not real dates have their own message already.
  if (v.assessmentPeriodEndsOn && isValidIsoDate(v.assessmentPeriodEndsOn) && isValidIsoDate(v.startDate)) {
    const latest = addDays(v.startDate, MAX_ASSESSMENT_PERIOD_DAYS);
    if (kind !== 'parent_and_child') {
      errors.push({ field: 'assessmentPeriodEndsOn', message: 'Only a parent and child placement has an assessment period: remove the date, or choose "Parent and child" as the kind of placement' });
    } else if (compareDates(v.assessmentPeriodEndsOn, v.startDate) < 0) {
      errors.push({ field: 'assessmentPeriodEndsOn', message: 'The end of the assessment period must be the same as or after the start date' });
    } else if (compareDates(v.assessmentPeriodEndsOn, latest) > 0) {
      errors.push({
        field: 'assessmentPeriodEndsOn',
        message: `The initial assessment period must end no more than ${MAX_ASSESSMENT_PERIOD_DAYS} days after the start date, on or before ${formatDate(latest)}`,
      });
    }
  }
  if (v.sixMonthlyVisitsAgreed && kind !== 'long_term') {
    errors.push({ field: 'sixMonthlyVisitsAgreed', message: 'Six-monthly visits can only be agreed for a long-term placement: untick "Child agrees to six-monthly visits", or choose "Long-term" as the kind of placement' });
  }
  const until18 = kind ? NEVER_UNTIL_18[kind] : undefined;
  if (v.intendedUntil18 && until18) {
    errors.push({ field: 'intendedUntil18', message: `${until18}: untick "Intended to last until the child is 18", or change the kind of placement` });
  }
  // CPPCR reg 23: placing outside the carers' terms of approval is allowed only in an emergency.
  if (v.outsideTermsOfApproval && !(v.emergency || kind === 'emergency')) {
    errors.push({ field: 'outsideTermsOfApproval', message: `A child can only be placed outside the carers' terms of approval in an emergency: also tick "Placed in an emergency", or untick "Outside the carers' terms of approval"` });
  }
  return errors;
}

const refineOn = (today?: IsoDate) => (v: PlacementFacts, ctx: z.RefinementCtx) => {
  for (const e of placementRuleErrors(v, today)) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
};
const refine = refineOn();

/**
 * When a placement is recorded as ended through Hearth, the reason must be given (except for a
 * temporary T0–T4 placement). Records made before Hearth asked for it may have none: the
 * any-year schemas accept those, and the return's validation reports them.
 */
const requireReason = (v: PlacementFacts, ctx: z.RefinementCtx) => {
  if (v.status === 'ended' && !v.reasonEnded && !(v.placementType !== undefined && TEMPORARY_PLACES.has(v.placementType))) {
    ctx.addIssue({ code: 'custom', path: ['reasonEnded'], message: REASON_ENDED_MESSAGE });
  }
};

/**
 * A placement of kind "emergency" was made in an emergency: rather than make people tick both, the
 * flag is set for them. It stays set if the kind later changes (the placement was still made in an
 * emergency); once the kind is another, it can be unticked to correct a mistake.
 */
const impliedFlags = <T extends { kind: PlacementKind | null; emergency: boolean }>(v: T): T => (v.kind === 'emergency' && !v.emergency ? { ...v, emergency: true } : v);

/**
 * A child's placement with a foster household: dates, SSDA903 type, status, and the details that
 * decide which statutory obligations apply (kind, emergency, terms of approval, visits, assessment).
 */
export const PlacementInput = z
  .object({ childId: uuid('the child'), householdId: uuid('the household'), ...details, ...returnFields(null) })
  .superRefine(refine)
  .transform(impliedFlags);
export type PlacementInput = z.infer<typeof PlacementInput>;

/** What can change on an existing placement: the child and household stay as they were. */
export const PlacementUpdateInput = z
  .object({ ...details, ...returnFields(null) })
  .superRefine(refine)
  .transform(impliedFlags);
export type PlacementUpdateInput = z.infer<typeof PlacementUpdateInput>;

/**
 * A new placement as the service takes it on `today`: only the SSDA903 codes valid in the
 * collection year containing today, and the reason required when it is recorded as ended.
 */
export const placementInputOn = (today: IsoDate) =>
  z
    .object({ childId: uuid('the child'), householdId: uuid('the household'), ...details, ...returnFields(collectionYearOn(today)) })
    .superRefine(refineOn(today))
    .superRefine(requireReason)
    .transform(impliedFlags);

/** A change to a placement as the service takes it on `today` (as `placementInputOn`). */
export const placementUpdateInputOn = (today: IsoDate) =>
  z
    .object({ ...details, ...returnFields(collectionYearOn(today)) })
    .superRefine(refineOn(today))
    .superRefine(requireReason)
    .transform(impliedFlags);

/**
 * The minimum age for the placement type on its start date (SSDA903 rules 371–374: K3 from 16, R5
 * from 10, S1 from 4, P3 from 14), for the service to check once it knows the child's date of birth.
 */
export function placementAgeProblems(v: { placementType: string; startDate: IsoDate; endDate: IsoDate | null }, dateOfBirth: IsoDate, today: IsoDate): { field: string; message: string }[] {
  return placementRecordProblems({ placeType: v.placementType, provider: null, urn: null, startDate: v.startDate, endDate: null }, { dateOfBirth }, collectionYearOn(today))
    .filter((e) => e.field === 'placementType')
    .map((e) => ({ field: e.field, message: e.message }));
}

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
