/**
 * Recording that something happened (a plan written, a meeting held, a visit made…), the facts the
 * statutory obligations are derived from. Each carries its date and the evidence, and the recorder
 * and the time of recording are kept by the service.
 */
import { z } from 'zod';
import { compareDates, type IsoDate } from '../dates.ts';
import { CHILD_EVENT_KINDS, HOUSEHOLD_EVENT_KINDS, type ChildEventKind } from '../deadlines/types.ts';
import { MAX_LONG_TEXT, isoDate, oneOf, optionalIsoDate, optionalUuid, text } from './fields.ts';

const childKinds = Object.keys(CHILD_EVENT_KINDS) as [ChildEventKind, ...ChildEventKind[]];
const householdKinds = Object.keys(HOUSEHOLD_EVENT_KINDS) as [keyof typeof HOUSEHOLD_EVENT_KINDS, ...(keyof typeof HOUSEHOLD_EVENT_KINDS)[]];

/** Events that belong to one placement: the form asks which. */
export const PLACEMENT_EVENT_KINDS: ReadonlySet<ChildEventKind> = new Set([
  'placement_plan_completed',
  'ppm_held',
  'notification_sent',
  'visit',
  'agreement_recorded',
  'support_plan_completed',
  'parent_and_child_review_held',
]);

const evidence = text('the evidence, for example where the document is kept or who attended', MAX_LONG_TEXT);

type DateRules = { eventDate: IsoDate; periodEndsOn?: IsoDate | null };

/** Rules across the fields, given today: every failing rule is returned. */
export function eventDateErrors(v: DateRules, today: IsoDate): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (compareDates(v.eventDate, today) > 0) errors.push({ field: 'eventDate', message: 'The date must be today or in the past: record things once they have happened' });
  if (v.periodEndsOn && compareDates(v.periodEndsOn, v.eventDate) <= 0) errors.push({ field: 'periodEndsOn', message: 'The end of the next review period must be after the review' });
  return errors;
}

export const ChildEventInput = z
  .object({
    kind: oneOf(childKinds, 'what happened'),
    eventDate: isoDate('the date it happened'),
    placementId: optionalUuid('the placement'),
    aboutChildId: optionalUuid('the child already placed whose social worker agreed'),
    periodEndsOn: optionalIsoDate('the end of the next review period'),
    evidence,
  })
  .superRefine((v, ctx) => {
    if (PLACEMENT_EVENT_KINDS.has(v.kind) && !v.placementId) ctx.addIssue({ code: 'custom', path: ['placementId'], message: 'Select the placement this is about' });
    if (v.kind === 'agreement_recorded' && !v.aboutChildId) ctx.addIssue({ code: 'custom', path: ['aboutChildId'], message: 'Select the child already placed whose social worker agreed' });
    if (v.kind !== 'agreement_recorded' && v.aboutChildId) ctx.addIssue({ code: 'custom', path: ['aboutChildId'], message: 'Only a written agreement names a child already placed' });
    if (v.kind !== 'parent_and_child_review_held' && v.periodEndsOn) ctx.addIssue({ code: 'custom', path: ['periodEndsOn'], message: 'Only a parent-and-child review sets the end of the next review period' });
  });
export type ChildEventInput = z.infer<typeof ChildEventInput>;

/** A correction: the date and the evidence (what happened and for whom stay as recorded). */
export const EventCorrectionInput = z.object({
  eventDate: isoDate('the date it happened'),
  periodEndsOn: optionalIsoDate('the end of the next review period'),
  evidence,
  reason: text('why the record is being corrected', 500),
});
export type EventCorrectionInput = z.infer<typeof EventCorrectionInput>;

export const HouseholdEventInput = z.object({
  kind: oneOf(householdKinds, 'what happened'),
  eventDate: isoDate('the date it happened'),
  placementId: optionalUuid('the placement'),
  evidence,
});
export type HouseholdEventInput = z.infer<typeof HouseholdEventInput>;
