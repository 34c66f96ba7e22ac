/**
 * Early enquiries and referrals to a concurrent planning service (Concurrent planning guide, "What
 * is the referral criteria for this service?" and "Contact us with a referral or for an informal
 * discussion"). The criteria check is pure: each criterion answered with evidence, the child's age
 * worked out from the date of birth and the referral date (never typed), and older children and
 * sibling groups referred as exceptions with a recorded reason.
 */
import { z } from 'zod';
import { ageOn, compareDates, type IsoDate } from '../dates.ts';
import { MAX_LONG_TEXT, checkbox, isoDate, oneOf, optionalIsoDate, optionalText, optionalUuid, text, uuid, version } from './fields.ts';

/** The guide's age limit: "Under 4 years old". */
export const CP_AGE_LIMIT = 4;

/** The criteria answered on a referral, in the guide's order (the age is worked out, not answered). */
export const CP_CRITERIA = {
  interim_care_order: 'Subject to, or about to be the subject of, an interim care order',
  no_extended_family: 'Viability assessments indicate that no extended family members are available',
  older_siblings_adopters: 'If older siblings have been adopted, their adopters have been explored and ruled out',
  rehabilitation_considered: 'Rehabilitation to the birth parents is being considered, but an adoptive placement is likely to be needed',
} as const;
export type CpCriterion = keyof typeof CP_CRITERIA;
export const CP_CRITERION_CODES = Object.keys(CP_CRITERIA) as [CpCriterion, ...CpCriterion[]];

export const CP_ANSWERS = { yes: 'Yes', no: 'No', not_applicable: 'Does not apply' } as const;
export type CpAnswer = keyof typeof CP_ANSWERS;
const ANSWER_CODES = Object.keys(CP_ANSWERS) as [CpAnswer, ...CpAnswer[]];

/** Only the older-siblings criterion may not apply (the child has no older adopted siblings). */
const MAY_NOT_APPLY: ReadonlySet<CpCriterion> = new Set(['older_siblings_adopters']);

export type CriterionAnswer = { answer: CpAnswer; evidence: string };
export type CriteriaAnswers = Partial<Record<CpCriterion, CriterionAnswer>>;

export const CP_REFERRAL_STATUSES = {
  enquiry: 'Early enquiry',
  draft: 'Draft referral',
  sent: 'Referral sent',
  accepted: 'Accepted',
  declined: 'Declined',
  carers_identified: 'Carers identified',
  placed: 'Placed',
  closed: 'Closed',
} as const;
export type CpReferralStatus = keyof typeof CP_REFERRAL_STATUSES;

/** The steps a referral may take next: draft → sent → accepted or declined → carers identified → placed. */
export const CP_NEXT: Record<CpReferralStatus, readonly CpReferralStatus[]> = {
  enquiry: ['draft', 'closed'],
  draft: ['sent', 'closed'],
  sent: ['accepted', 'declined'],
  accepted: ['carers_identified', 'closed'],
  declined: [],
  carers_identified: ['placed', 'closed'],
  placed: [],
  closed: [],
};

export type CriterionResult = { code: CpCriterion | 'under_four'; label: string; met: boolean; answer: CpAnswer | null; evidence: string; note: string };

export type CriteriaCheck = {
  /** The child's age on the referral date, worked out from the date of birth. */
  ageOnReferral: number;
  results: CriterionResult[];
  /** Every criterion met. */
  allMet: boolean;
  /** Referred as an exception: the child is 4 or older, or one of a sibling group. */
  exception: boolean;
  /** Problems that stop the referral being sent (every one, never just the first). */
  problems: { field: string; message: string }[];
};

/**
 * Check a referral against the guide's criteria. `siblingGroup`: referred with brothers or sisters.
 * A criterion not met, an older child or a sibling group can go ahead only as an exception with a
 * recorded reason; a criterion not answered, or answered without evidence, cannot.
 */
export function checkCriteria(input: { dateOfBirth: IsoDate; referralDate: IsoDate; siblingGroup: boolean; answers: CriteriaAnswers; exceptionReason: string | null }): CriteriaCheck {
  const age = compareDates(input.referralDate, input.dateOfBirth) < 0 ? -1 : ageOn(input.dateOfBirth, input.referralDate);
  const problems: { field: string; message: string }[] = [];
  const results: CriterionResult[] = [];
  const unborn = age < 0;
  results.push({
    code: 'under_four',
    label: 'Under 4 years old',
    met: age < CP_AGE_LIMIT,
    answer: null,
    evidence: unborn ? 'Not yet born on the referral date' : `Aged ${age} on the referral date (worked out from the date of birth)`,
    note: age < CP_AGE_LIMIT ? '' : `The child is ${age} on the referral date: refer as an exception, with the reason`,
  });
  for (const code of CP_CRITERION_CODES) {
    const a = input.answers[code];
    const label = CP_CRITERIA[code];
    if (!a) {
      problems.push({ field: `criteria.${code}`, message: `Answer: ${label.toLowerCase()}` });
      results.push({ code, label, met: false, answer: null, evidence: '', note: 'Not answered' });
      continue;
    }
    if (!a.evidence.trim()) problems.push({ field: `criteria.${code}.evidence`, message: `Give the evidence for: ${label.toLowerCase()}` });
    if (a.answer === 'not_applicable' && !MAY_NOT_APPLY.has(code)) problems.push({ field: `criteria.${code}`, message: `Answer yes or no: ${label.toLowerCase()}` });
    const met = a.answer === 'yes' || (a.answer === 'not_applicable' && MAY_NOT_APPLY.has(code));
    results.push({ code, label, met, answer: a.answer, evidence: a.evidence, note: met ? '' : 'Not met: refer as an exception, with the reason' });
  }
  const allMet = results.every((r) => r.met);
  const exception = !allMet || input.siblingGroup;
  if (exception && !input.exceptionReason?.trim()) {
    const why = [!results[0]?.met ? 'the child is 4 or older' : '', input.siblingGroup ? 'the child is referred with brothers or sisters' : '', results.slice(1).some((r) => !r.met) ? 'a criterion is not met' : '']
      .filter(Boolean)
      .join(', ');
    problems.push({ field: 'exceptionReason', message: `Give the reason for referring as an exception (${why})` });
  }
  return { ageOnReferral: age, results, allMet, exception, problems };
}

/** May a referral move from one status to another? */
export function mayMove(from: CpReferralStatus, to: CpReferralStatus): boolean {
  return CP_NEXT[from].includes(to);
}

const answer = z.object({ answer: oneOf(ANSWER_CODES, 'yes, no or does not apply'), evidence: z.string().max(MAX_LONG_TEXT).default('') });

/** An early enquiry: no child identified in full yet. */
export const CpEnquiryInput = z.object({
  childId: optionalUuid('the child'),
  expectedBirthDate: optionalIsoDate('the expected date of birth'),
  siblings: optionalText('the brothers and sisters', MAX_LONG_TEXT),
  circumstances: text('the circumstances', MAX_LONG_TEXT),
  serviceId: optionalUuid('the concurrent planning service'),
});
export type CpEnquiryInput = z.infer<typeof CpEnquiryInput>;

/** A referral of an identified child (or an enquiry made into one). */
export const CpReferralInput = z.object({
  childId: uuid('the child'),
  serviceId: optionalUuid('the concurrent planning service'),
  referralDate: isoDate('the referral date'),
  siblingGroup: checkbox('referred with brothers or sisters'),
  criteria: z.partialRecord(z.enum(CP_CRITERION_CODES), answer).default({}),
  exceptionReason: optionalText('the reason for the exception', MAX_LONG_TEXT),
  circumstances: optionalText('the circumstances', MAX_LONG_TEXT),
});
export type CpReferralInput = z.infer<typeof CpReferralInput>;

export const CpStatusInput = z.object({
  status: oneOf(Object.keys(CP_REFERRAL_STATUSES) as [CpReferralStatus, ...CpReferralStatus[]], 'the new status'),
  on: isoDate('the date'),
  declineReason: optionalText('the reason it was declined', MAX_LONG_TEXT),
  placementId: optionalUuid('the placement'),
  version,
});
export type CpStatusInput = z.infer<typeof CpStatusInput>;

export const CpShortlistInput = z.object({ householdId: uuid('the carers'), shortlistedOn: isoDate('the date'), note: optionalText('a note', MAX_LONG_TEXT) });
export type CpShortlistInput = z.infer<typeof CpShortlistInput>;
