/**
 * Early permanence as data for the pages: the forms (the duty's decision, adoption in the plan, an
 * adoption approval, the household's facts, a journey session, an enquiry, a referral with its
 * criteria), and the tables and summaries the pages show.
 */
import type { Field } from '../forms.ts';
import { itemsFrom } from '../forms.ts';
import { paths } from '../../http/paths.ts';
import { ADOPTION_APPROVAL_STATUSES } from '../../domain/matching/dual-approval.ts';
import { CP_ANSWERS, CP_CRITERIA, CP_CRITERION_CODES, CP_REFERRAL_STATUSES, type CpReferralStatus, type CriteriaCheck } from '../../domain/records/cp-referral.ts';
import { EARLY_PERMANENCE_OUTCOMES, JOURNEY_KINDS, type EarlyPermanenceOutcome } from '../../domain/records/early-permanence.ts';
import { formatDate, linkTo, tagPart, text, type SummaryRow, type Table, type Tag } from './common.ts';

type Item = { value: string; text: string };
const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];

export const adoptionInPlanFields = (): Field[] => [
  { name: 'inPlanOn', label: 'Date adoption came into the permanence plan', type: 'date', hint: 'The day the plan came to include adoption, or that it may. For example, 16 11 2026' },
  { name: 'note', label: 'What the permanence plan says', type: 'textarea' },
];

export const decisionFields = (): Field[] => [
  { name: 'decidedOn', label: 'Date of the decision', type: 'date' },
  { name: 'decidedByName', label: 'Who made the decision', type: 'text' },
  { name: 'decidedByRole', label: "The decision-maker's role", type: 'text', hint: 'For example, team manager, or head of service' },
  { name: 'outcome', label: 'Outcome', type: 'radios', items: itemsFrom(EARLY_PERMANENCE_OUTCOMES, false) },
  { name: 'reasons', label: 'Reasons', type: 'textarea', hint: 'Including why a placement with a relative, friend or other connected person is not the most appropriate' },
];

export const adoptionApprovalFields = (agencies: Item[]): Field[] => [
  { name: 'agencyId', label: 'Adoption agency', type: 'select', placeholder: "This authority's own adoption service", items: agencies },
  { name: 'status', label: 'Status', type: 'radios', items: itemsFrom(ADOPTION_APPROVAL_STATUSES, false) },
  { name: 'panelDate', label: 'Panel date', type: 'date' },
  { name: 'decisionDate', label: "The agency decision-maker's decision date", type: 'date', hint: 'Approved from this day' },
  { name: 'endedOn', label: 'Date the approval was put on hold or withdrawn', type: 'date', hint: 'Only for an approval on hold or withdrawn' },
  { name: 'reviewDate', label: 'Review date', type: 'date' },
];

export const householdFactsFields = (): Field[] => [
  { name: 'fullTimeCarer', label: 'Is one carer available to look after the child full-time during the fostering phase?', type: 'radios', items: YES_NO, classes: 'govuk-radios--inline' },
  { name: 'returnAgreementSignedOn', label: 'Date the carers signed their agreement to support the plan to return a child to the birth family', type: 'date', hint: 'Needed for a concurrent planning placement' },
  { name: 'cpSocialWorker', label: 'Concurrent planning social worker', type: 'text' },
  { name: 'cpSupportGroup', label: 'Support group', type: 'textarea' },
  { name: 'cpHelpline', label: 'Out-of-hours helpline', type: 'text' },
];

export const journeyFields = (): Field[] => [
  { name: 'kind', label: 'Kind of session', type: 'radios', items: itemsFrom(JOURNEY_KINDS, false) },
  { name: 'heldOn', label: 'Date of the session', type: 'date' },
  { name: 'title', label: 'The session', type: 'text' },
  { name: 'attended', label: 'Who attended', type: 'text' },
];

export const enquiryFields = (services: Item[]): Field[] => [
  { name: 'serviceId', label: 'Concurrent planning service', type: 'select', placeholder: "This authority's own service", items: services },
  { name: 'expectedBirthDate', label: 'Expected date of birth', type: 'date', hint: 'If the baby is not yet born' },
  { name: 'siblings', label: 'Brothers and sisters', type: 'textarea' },
  { name: 'circumstances', label: 'Circumstances', type: 'textarea' },
];

/** The referral form: the criteria as a pair of fields each (answer, evidence), flattened. */
export const referralFields = (children: Item[], services: Item[]): Field[] => [
  { name: 'childId', label: 'Child', type: 'select', placeholder: 'Select the child', items: children },
  { name: 'serviceId', label: 'Concurrent planning service', type: 'select', placeholder: "This authority's own service", items: services },
  { name: 'referralDate', label: 'Referral date', type: 'date', hint: "The child's age on this day is worked out from the date of birth" },
  { name: 'siblingGroup', label: 'Is the child referred with brothers or sisters?', type: 'radios', items: YES_NO, classes: 'govuk-radios--inline' },
  ...CP_CRITERION_CODES.flatMap((code): Field[] => [
    { name: `answer_${code}`, label: CP_CRITERIA[code], type: 'radios', items: itemsFrom(CP_ANSWERS, false), classes: 'govuk-radios--inline' },
    { name: `evidence_${code}`, label: `Evidence: ${CP_CRITERIA[code].toLowerCase()}`, type: 'textarea' },
  ]),
  { name: 'exceptionReason', label: 'Reason for referring as an exception', type: 'textarea', hint: 'Needed for a child of 4 or over, a sibling group, or a criterion not met' },
  { name: 'circumstances', label: 'Circumstances', type: 'textarea' },
];

/** From the flattened referral form to the service's input. */
export function referralInput(form: Record<string, unknown>): Record<string, unknown> {
  const criteria: Record<string, { answer: unknown; evidence: unknown }> = {};
  for (const code of CP_CRITERION_CODES) {
    const answer = form[`answer_${code}`];
    if (answer) criteria[code] = { answer, evidence: form[`evidence_${code}`] ?? '' };
  }
  return {
    childId: form.childId,
    serviceId: form.serviceId,
    referralDate: form.referralDate,
    siblingGroup: form.siblingGroup === 'yes',
    criteria,
    exceptionReason: form.exceptionReason,
    circumstances: form.circumstances,
  };
}

/** Errors on the nested criteria named as the flattened form's fields. */
export function referralFieldName(field: string): string {
  const m = /^criteria\.(\w+?)(\.evidence)?$/.exec(field);
  if (!m) return field;
  return m[2] ? `evidence_${m[1]}` : `answer_${m[1]}`;
}

export function statusFields(next: readonly CpReferralStatus[], placements: Item[]): Field[] {
  return [
    { name: 'status', label: 'Move the referral on to', type: 'radios', items: next.map((s) => ({ value: s, text: CP_REFERRAL_STATUSES[s] })) },
    { name: 'on', label: 'Date', type: 'date' },
    { name: 'declineReason', label: 'Reason it was declined', type: 'textarea', hint: 'Only when the service declined the referral' },
    ...(next.includes('placed') ? [{ name: 'placementId', label: "The child's placement", type: 'select' as const, placeholder: 'Select the placement', items: placements }] : []),
  ];
}

export const shortlistFields = (households: Item[]): Field[] => [
  { name: 'householdId', label: 'Carers', type: 'select', placeholder: 'Select the carers', items: households },
  { name: 'shortlistedOn', label: 'Date shortlisted', type: 'date' },
  { name: 'note', label: 'Note', type: 'text' },
];

const STATUS_TAG: Record<CpReferralStatus, Tag> = {
  enquiry: { text: 'Early enquiry', classes: 'govuk-tag--light-blue' },
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  sent: { text: 'Sent', classes: 'govuk-tag--blue' },
  accepted: { text: 'Accepted', classes: 'govuk-tag--turquoise' },
  declined: { text: 'Declined', classes: 'govuk-tag--red' },
  carers_identified: { text: 'Carers identified', classes: 'govuk-tag--purple' },
  placed: { text: 'Placed', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
};
export const referralTag = (s: CpReferralStatus): Tag => STATUS_TAG[s];

export function referralsTable(rows: readonly { id: string; reference: string; status: CpReferralStatus; childName: string | null; childReference: string | null; expectedBirthDate: string | null; serviceName: string; referralDate: string | null }[]): Table {
  return {
    head: [{ text: 'Reference' }, { text: 'Child' }, { text: 'Service' }, { text: 'Referral date' }, { text: 'Status' }],
    rows: rows.map((r) => [
      { parts: [linkTo(paths.earlyPermanence.referral(r.id), r.reference)] },
      { text: r.childName ? `${r.childName} (${r.childReference})` : `Not yet identified${r.expectedBirthDate ? `, expected ${formatDate(r.expectedBirthDate)}` : ''}` },
      { text: r.serviceName },
      { text: r.referralDate ? formatDate(r.referralDate) : 'Not yet' },
      { parts: [tagPart(referralTag(r.status))] },
    ]),
  };
}

export function criteriaTable(check: CriteriaCheck): Table {
  return {
    head: [{ text: 'Criterion' }, { text: 'Answer' }, { text: 'Evidence' }, { text: 'Met' }],
    rows: check.results.map((r) => [
      { text: r.label },
      { text: r.answer ? CP_ANSWERS[r.answer] : r.code === 'under_four' ? 'Worked out' : 'Not answered' },
      { text: r.evidence || '—' },
      { parts: [tagPart(r.met ? { text: 'Met', classes: 'govuk-tag--green' } : { text: 'Not met', classes: 'govuk-tag--yellow' }), ...(r.note ? [text(` ${r.note}`)] : [])] },
    ]),
  };
}

export function decisionsTable(rows: readonly { decidedOn: string; decidedByName: string; decidedByRole: string; outcome: EarlyPermanenceOutcome; reasons: string }[]): Table {
  return {
    head: [{ text: 'Date' }, { text: 'Decided by' }, { text: 'Outcome' }, { text: 'Reasons' }],
    rows: rows.map((d) => [{ text: formatDate(d.decidedOn) }, { text: `${d.decidedByName} (${d.decidedByRole})` }, { text: EARLY_PERMANENCE_OUTCOMES[d.outcome] }, { text: d.reasons }]),
  };
}

export function approvalsTable(rows: readonly { agencyName: string | null; status: keyof typeof ADOPTION_APPROVAL_STATUSES; panelDate: string | null; decisionDate: string | null; endedOn: string | null; reviewDate: string | null; fromFormerTick: boolean; currentOn: boolean }[]): Table {
  return {
    head: [{ text: 'Agency' }, { text: 'Panel' }, { text: 'Decision' }, { text: 'Status' }, { text: 'Review' }, { text: 'Current today' }],
    rows: rows.map((a) => [
      { text: a.agencyName ?? "This authority's adoption service" },
      { text: a.panelDate ? formatDate(a.panelDate) : 'Not recorded' },
      { text: a.decisionDate ? formatDate(a.decisionDate) : a.fromFormerTick ? 'To be confirmed (from the former dual-approval tick)' : 'Not recorded' },
      { text: `${ADOPTION_APPROVAL_STATUSES[a.status]}${a.endedOn ? ` from ${formatDate(a.endedOn)}` : ''}` },
      { text: a.reviewDate ? formatDate(a.reviewDate) : 'Not recorded' },
      { text: a.currentOn ? 'Yes' : 'No' },
    ]),
  };
}

export function journeyTable(rows: readonly { kind: keyof typeof JOURNEY_KINDS; heldOn: string; title: string; attended: string }[]): Table {
  return {
    head: [{ text: 'Date' }, { text: 'Kind' }, { text: 'Session' }, { text: 'Who attended' }],
    rows: rows.map((j) => [{ text: formatDate(j.heldOn) }, { text: JOURNEY_KINDS[j.kind] }, { text: j.title }, { text: j.attended }]),
  };
}

export function householdFactsSummary(h: { fullTimeCarer: boolean; returnAgreementSignedOn: string | null; cpSocialWorker: string | null; cpSupportGroup: string | null; cpHelpline: string | null }, dualApproved: boolean): SummaryRow[] {
  const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
  return [
    row('Dual approval today', dualApproved ? 'Yes: approved as foster carers and as prospective adopters' : 'No: needs a current fostering approval and a current adoption approval'),
    row('A carer full-time in the fostering phase', h.fullTimeCarer ? 'Yes' : 'No'),
    row('Agreement to support a return home signed', h.returnAgreementSignedOn ? formatDate(h.returnAgreementSignedOn) : 'Not recorded'),
    row('Concurrent planning social worker', h.cpSocialWorker ?? 'Not recorded'),
    row('Support group', h.cpSupportGroup ?? 'Not recorded'),
    row('Out-of-hours helpline', h.cpHelpline ?? 'Not recorded'),
  ];
}
