/**
 * Recording that something happened (a plan written, a meeting held, a visit made…), the facts the
 * statutory obligations are derived from. Each carries its date and the evidence, and the recorder
 * and the time of recording are kept by the service.
 */
import { z } from 'zod';
import { ageOn, compareDates, isValidIsoDate, type IsoDate } from '../dates.ts';
import { REVIEW_CODES } from '../ssda903/return-codes.ts';
import { isCodeAllowed, optionalReturnCode } from './return-fields.ts';
import { CHILD_EVENT_KINDS, HOUSEHOLD_EVENT_KINDS, type ChildEventKind } from '../deadlines/types.ts';
import { MAX_LONG_TEXT, checkbox, isoDate, oneOf, optionalIsoDate, optionalUuid, text } from './fields.ts';

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
  'risk_assessment_completed',
  'carer_profile_shared',
  'placement_concern',
  'psm_held',
  'review_feedback_received',
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

export const PARTICIPATION_MESSAGE = 'Select how the child took part in the review';

/**
 * The SSDA903 REVIEW_CODE of a looked-after review: PN0 if and only if the child is under 4 on the
 * review date (rules 440, 441), and a code of the collection year `year` (null: any year).
 */
export function participationErrors(v: { kind: string; eventDate: IsoDate; participationCode: string | null }, dateOfBirth: IsoDate, year: string | null): { field: string; message: string }[] {
  if (v.kind !== 'review_held') return [];
  if (!v.participationCode) return [{ field: 'participationCode', message: PARTICIPATION_MESSAGE }];
  if (!isCodeAllowed(REVIEW_CODES, v.participationCode, year)) return [{ field: 'participationCode', message: PARTICIPATION_MESSAGE }];
  if (!isValidIsoDate(v.eventDate) || !isValidIsoDate(dateOfBirth)) return [];
  const under4 = ageOn(dateOfBirth, v.eventDate) < 4;
  if (under4 && v.participationCode !== 'PN0') return [{ field: 'participationCode', message: 'The child was under 4 on the review date: select PN0' }];
  if (!under4 && v.participationCode === 'PN0') return [{ field: 'participationCode', message: 'PN0 is only for a child under 4 on the review date: select how the child took part' }];
  return [];
}

export const ChildEventInput = z
  .object({
    kind: oneOf(childKinds, 'what happened'),
    eventDate: isoDate('the date it happened'),
    placementId: optionalUuid('the placement'),
    aboutChildId: optionalUuid('the child already placed whose social worker agreed'),
    periodEndsOn: optionalIsoDate('the end of the next review period'),
    /** Looked-after reviews only: how the child took part (SSDA903 REVIEW_CODE, PN0–PN7). */
    participationCode: optionalReturnCode(REVIEW_CODES, null, PARTICIPATION_MESSAGE),
    evidence,
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'review_held' && v.participationCode) ctx.addIssue({ code: 'custom', path: ['participationCode'], message: 'Only a looked-after review records how the child took part' });
    if (v.kind === 'review_held' && !v.participationCode) ctx.addIssue({ code: 'custom', path: ['participationCode'], message: PARTICIPATION_MESSAGE });
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

export const HouseholdEventInput = z
  .object({
    kind: oneOf(householdKinds, 'what happened'),
    eventDate: isoDate('the date it happened'),
    placementId: optionalUuid('the placement'),
    extendedUntil: optionalIsoDate('the date the extension runs until'),
    evidence,
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'temporary_approval_extended') {
      if (v.extendedUntil) ctx.addIssue({ code: 'custom', path: ['extendedUntil'], message: 'Only an extension of a temporary approval has an end date' });
      return;
    }
    if (!v.placementId) ctx.addIssue({ code: 'custom', path: ['placementId'], message: "Select the placement with the connected person whose approval is extended" });
    if (!v.extendedUntil) ctx.addIssue({ code: 'custom', path: ['extendedUntil'], message: 'Enter the date the extension runs until' });
    else if (compareDates(v.extendedUntil, v.eventDate) <= 0) ctx.addIssue({ code: 'custom', path: ['extendedUntil'], message: 'The extension must run until after the day it was approved' });
  });
export type HouseholdEventInput = z.infer<typeof HouseholdEventInput>;

/** Whether the foster carers took part in a looked-after review (Placement stability guidance: "All review meetings are attended by the key worker / foster carer"). */
export const CARERS_ATTENDANCE = {
  attended: 'Attended',
  feedback_only: 'Did not attend; sent written feedback',
  did_not_attend: 'Did not attend and sent no feedback',
  not_placed: 'Not placed with foster carers',
} as const;
export type CarersAttendance = keyof typeof CARERS_ATTENDANCE;
export const KEYWORKER_ATTENDANCE = {
  attended: 'Attended',
  feedback_only: 'Did not attend; sent written feedback',
  did_not_attend: 'Did not attend and sent no feedback',
  no_keyworker: 'The child has no keyworker',
} as const;
export type KeyworkerAttendance = keyof typeof KEYWORKER_ATTENDANCE;

const CARERS_MESSAGE = 'Select whether the foster carers attended';
const KEYWORKER_MESSAGE = 'Select whether the keyworker attended';
const attendance = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === undefined || v === '' ? null : v), z.enum(values, { error: message }).nullable());

/** The attendance a review must record (Placement stability guidance: "All review meetings are attended by the key worker / foster carer"). */
export function attendanceErrors(v: { carersAttendance: string | null; keyworkerAttendance: string | null }): { field: string; message: string }[] {
  return [
    ...(v.carersAttendance ? [] : [{ field: 'carersAttendance', message: CARERS_MESSAGE }]),
    ...(v.keyworkerAttendance ? [] : [{ field: 'keyworkerAttendance', message: KEYWORKER_MESSAGE }]),
  ];
}

/**
 * A looked-after review as the independent reviewing officer records it: the day it was held, how the
 * child took part (SSDA903 REVIEW_CODE), the decisions made, and whether the delegated authority and
 * the placement plan were reviewed at it (IRO Handbook, chapter 3; Care Planning, Placement and Case
 * Review (England) Regulations 2010, Schedule 7).
 */
export const LookedAfterReviewInput = z.object({
  eventDate: isoDate('the date of the review'),
  participationCode: optionalReturnCode(REVIEW_CODES, null, PARTICIPATION_MESSAGE),
  decisions: text('the decisions made at the review', MAX_LONG_TEXT - 200),
  delegatedAuthorityReviewed: checkbox('delegated authority reviewed'),
  placementPlanReviewed: checkbox('placement plan reviewed'),
  // Reviews hear the carers (Placement stability guidance): whether the foster carers and the keyworker attended.
  // Required, but checked with the participation code (attendanceErrors), so a form shows every problem at once.
  carersAttendance: attendance(Object.keys(CARERS_ATTENDANCE) as [CarersAttendance, ...CarersAttendance[]], CARERS_MESSAGE),
  keyworkerAttendance: attendance(Object.keys(KEYWORKER_ATTENDANCE) as [KeyworkerAttendance, ...KeyworkerAttendance[]], KEYWORKER_MESSAGE),
});
export type LookedAfterReviewInput = z.infer<typeof LookedAfterReviewInput>;

/** What a looked-after review's record keeps as its evidence: the decisions and what was reviewed. */
export function reviewEvidence(v: LookedAfterReviewInput): string {
  return [
    `Decisions: ${v.decisions}`,
    `Delegated authority reviewed: ${v.delegatedAuthorityReviewed ? 'yes' : 'no'}`,
    `Placement plan reviewed: ${v.placementPlanReviewed ? 'yes' : 'no'}`,
    `Foster carers: ${v.carersAttendance ? CARERS_ATTENDANCE[v.carersAttendance] : 'not recorded'}`,
    `Keyworker: ${v.keyworkerAttendance ? KEYWORKER_ATTENDANCE[v.keyworkerAttendance] : 'not recorded'}`,
  ].join('\n');
}
