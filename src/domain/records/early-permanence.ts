/**
 * What is recorded for early permanence (Children Act 1989 s22C(9A)–(9B); Concurrent planning
 * guide): that adoption is, or may become, the child's plan; the decision on placing the child with
 * dual-approved carers; a household's adoption approval; the early permanence facts of the
 * household; and the carers' journey (preparation, training, assessment and support).
 */
import { z } from 'zod';
import { compareDates, type IsoDate } from '../dates.ts';
import { ADOPTION_APPROVAL_STATUSES, type AdoptionApprovalStatus } from '../matching/dual-approval.ts';
import { MAX_LONG_TEXT, checkbox, isoDate, oneOf, optionalIsoDate, optionalText, optionalUuid, text, version } from './fields.ts';

export const EARLY_PERMANENCE_OUTCOMES = {
  concurrent_planning: 'Refer to concurrent planning',
  fostering_for_adoption: 'Refer for fostering for adoption',
  neither: 'Neither: not the most appropriate placement for the child',
} as const;
export type EarlyPermanenceOutcome = keyof typeof EARLY_PERMANENCE_OUTCOMES;

/** Adoption is, or may become, the plan: recorded on the child's permanence plan, with the day. */
export const AdoptionInPlanInput = z.object({
  inPlanOn: isoDate('the date adoption came into the permanence plan'),
  note: text('what the permanence plan says', MAX_LONG_TEXT),
});
export type AdoptionInPlanInput = z.infer<typeof AdoptionInPlanInput>;

/** The decision on the duty: date, decision-maker, outcome, reasons. */
export const EarlyPermanenceDecisionInput = z.object({
  decidedOn: isoDate('the date of the decision'),
  decidedByName: text('who made the decision'),
  decidedByRole: text("the decision-maker's role"),
  outcome: oneOf(Object.keys(EARLY_PERMANENCE_OUTCOMES) as [EarlyPermanenceOutcome, ...EarlyPermanenceOutcome[]], 'the outcome'),
  reasons: text('the reasons', MAX_LONG_TEXT),
});
export type EarlyPermanenceDecisionInput = z.infer<typeof EarlyPermanenceDecisionInput>;

/** A household's adoption approval. agencyId empty = this authority's own adoption service. */
export const AdoptionApprovalInput = z.object({
  agencyId: optionalUuid('the adoption agency'),
  panelDate: optionalIsoDate('the panel date'),
  decisionDate: optionalIsoDate("the agency decision-maker's decision date"),
  status: oneOf(Object.keys(ADOPTION_APPROVAL_STATUSES) as [AdoptionApprovalStatus, ...AdoptionApprovalStatus[]], 'the status'),
  endedOn: optionalIsoDate('the date the approval stopped'),
  reviewDate: optionalIsoDate('the review date'),
});
export type AdoptionApprovalInput = z.infer<typeof AdoptionApprovalInput>;
export const AdoptionApprovalUpdate = AdoptionApprovalInput.extend({ version });

/** Rules across the fields of an adoption approval, given today: every failing rule. */
export function adoptionApprovalProblems(v: AdoptionApprovalInput, today: IsoDate): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (v.status !== 'in_assessment' && !v.decisionDate) out.push({ field: 'decisionDate', message: "Enter the agency decision-maker's decision date" });
  if (v.decisionDate && compareDates(v.decisionDate, today) > 0) out.push({ field: 'decisionDate', message: 'The decision date must be today or in the past' });
  if (v.panelDate && v.decisionDate && compareDates(v.decisionDate, v.panelDate) < 0) out.push({ field: 'decisionDate', message: 'The decision comes on or after the panel' });
  if (v.status === 'approved' && v.endedOn) out.push({ field: 'endedOn', message: 'An approval that is current has no end date: leave it blank' });
  if ((v.status === 'on_hold' || v.status === 'withdrawn') && !v.endedOn) out.push({ field: 'endedOn', message: 'Enter the date the approval was put on hold or withdrawn' });
  if (v.endedOn && v.decisionDate && compareDates(v.endedOn, v.decisionDate) < 0) out.push({ field: 'endedOn', message: 'The approval stops on or after the decision' });
  return out;
}

/** The household's early permanence facts and the carers' support. */
export const EarlyPermanenceHouseholdInput = z.object({
  fullTimeCarer: checkbox('one carer available full-time during the fostering phase'),
  returnAgreementSignedOn: optionalIsoDate("the date the carers signed their agreement to support a return home"),
  cpSocialWorker: optionalText('their concurrent planning social worker'),
  cpSupportGroup: optionalText('their support group', MAX_LONG_TEXT),
  cpHelpline: optionalText('the out-of-hours helpline'),
  version,
});
export type EarlyPermanenceHouseholdInput = z.infer<typeof EarlyPermanenceHouseholdInput>;

export const JOURNEY_KINDS = {
  preparation: 'Preparation',
  training: 'Training',
  assessment: 'Assessment',
  support_group: 'Support group',
  post_approval_training: 'Post-approval training',
} as const;
export type JourneyKind = keyof typeof JOURNEY_KINDS;

/** One session of the carers' journey: what, when, who attended. */
export const JourneySessionInput = z.object({
  kind: oneOf(Object.keys(JOURNEY_KINDS) as [JourneyKind, ...JourneyKind[]], 'the kind of session'),
  heldOn: isoDate('the date of the session'),
  title: text('the session'),
  attended: text('who attended'),
});
export type JourneySessionInput = z.infer<typeof JourneySessionInput>;
