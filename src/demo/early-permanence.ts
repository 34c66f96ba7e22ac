/**
 * The demo's early permanence records (Children Act 1989 s22C(9A)–(9B); Concurrent planning guide):
 * - the generator's carers approved for fostering for adoption become dual approved the way Hearth
 *   records it: an adoption approval beside the fostering approval, a carer at home full-time, and no
 *   tick on the terms of approval;
 * - the first of them is a concurrent planning household, approved by a (synthetic) adoption agency,
 *   with its preparation, training and assessment, its social worker, support group and helpline,
 *   and the signed agreement to support a return home;
 * - a young child whose plan came to include adoption three weeks ago has the decision recorded
 *   (refer to concurrent planning) and a referral to the agency's service, accepted, with those
 *   carers shortlisted; a second child's plan changed this week and the decision is due;
 * - an early enquiry about a baby not yet born.
 * Every name is from the synthetic data or made up here; the text is neutral.
 */
import { addDays, ageOn, type IsoDate } from '../domain/dates.ts';
import type { GenChildEvent } from './events.ts';
import type { DemoData } from './generate.ts';
import type { GenHousehold, GenOrganisation } from './types.ts';
import { generatedAsDualApproved } from './dual-approval.ts';
import { demoId, demoIdsFor } from './ids.ts';

/** A stable UUID-shaped id from a name. */
/** This module's record ids for the authority being made (./ids.ts): set as each call begins. */
let idFrom: (name: string) => string = (name) => demoId('', name);

export type GenAdoptionApproval = {
  id: string;
  householdId: string;
  agencyId: string | null;
  panelDate: IsoDate | null;
  decisionDate: IsoDate | null;
  status: 'approved';
  reviewDate: IsoDate | null;
};
export type GenJourneySession = { id: string; householdId: string; kind: 'preparation' | 'training' | 'assessment' | 'support_group' | 'post_approval_training'; heldOn: IsoDate; title: string; attended: string; recordedAt: string };
export type GenDecision = {
  id: string;
  childId: string;
  eventId: string;
  decidedOn: IsoDate;
  decidedByName: string;
  decidedByRole: string;
  outcome: 'concurrent_planning';
  reasons: string;
  recordedBy: string | null;
  recordedByName: string;
  recordedAt: string;
};
export type GenReferral = {
  id: string;
  reference: string;
  childId: string | null;
  serviceId: string | null;
  status: 'enquiry' | 'carers_identified';
  expectedBirthDate: IsoDate | null;
  siblings: string;
  circumstances: string;
  referralDate: IsoDate | null;
  criteria: Record<string, { answer: 'yes' | 'no' | 'not_applicable'; evidence: string }>;
  exceptionReason: string | null;
  sentOn: IsoDate | null;
  decidedOn: IsoDate | null;
  createdBy: string | null;
};

export type EarlyPermanenceRecords = {
  agency: GenOrganisation;
  /** The households as stored: the generator's tick removed; early permanence facts filled in. */
  households: (GenHousehold & { fullTimeCarer: boolean; returnAgreementSignedOn: IsoDate | null; cpSocialWorker: string | null; cpSupportGroup: string | null; cpHelpline: string | null })[];
  approvals: GenAdoptionApproval[];
  journey: GenJourneySession[];
  events: GenChildEvent[];
  decisions: GenDecision[];
  referrals: GenReferral[];
  shortlist: { referralId: string; householdId: string; shortlistedOn: IsoDate; note: string }[];
};

const event = (childId: string, kind: GenChildEvent['kind'], eventDate: IsoDate, evidence: string, recordedBy: string | null): GenChildEvent => ({
  id: idFrom(`${childId}:${kind}:${eventDate}`),
  childId,
  kind,
  eventDate,
  placementId: null,
  aboutChildId: null,
  periodEndsOn: null,
  evidence,
  recordedBy,
  recordedAt: `${eventDate}T10:00:00.000Z`,
  participationCode: null,
});

export function earlyPermanenceRecordsFrom(d: DemoData): EarlyPermanenceRecords {
  idFrom = demoIdsFor(d, 'ep');
  const agency: GenOrganisation = { id: idFrom('adoption-agency'), kind: 'adoption_agency', name: 'Northfold Concurrent Planning Partnership (demo)', laCode: null, ofstedUrn: null, providerCode: null };
  const dual = d.households.filter((h) => generatedAsDualApproved(h) && h.approvalStatus === 'approved' && h.approvalDate);
  const cpHousehold = dual[0];
  const approvals: GenAdoptionApproval[] = dual.map((h) => ({
    id: idFrom(`${h.id}:adoption-approval`),
    householdId: h.id,
    agencyId: h === cpHousehold ? agency.id : null,
    panelDate: addDays(h.approvalDate!, -14),
    decisionDate: h.approvalDate,
    status: 'approved',
    reviewDate: addDays(h.approvalDate!, 365),
  }));
  const signedOn = cpHousehold?.approvalDate ? addDays(cpHousehold.approvalDate, 7) : null;
  const households = d.households.map((h) => ({
    ...h,
    placementKinds: h.placementKinds.filter((k) => k !== 'fostering_for_adoption'),
    fullTimeCarer: generatedAsDualApproved(h),
    returnAgreementSignedOn: h === cpHousehold ? signedOn : null,
    cpSocialWorker: h === cpHousehold ? 'Avery Lund, concurrent planning social worker (Northfold, demo)' : null,
    cpSupportGroup: h === cpHousehold ? 'Monthly support group and stay and play sessions, Northfold family centre' : null,
    cpHelpline: h === cpHousehold ? '0300 000 0000 (demo out-of-hours line)' : null,
  }));
  const journey: GenJourneySession[] = [];
  if (cpHousehold?.approvalDate) {
    const a = cpHousehold.approvalDate;
    const session = (days: number, kind: GenJourneySession['kind'], title: string, attended: string) => {
      const heldOn = addDays(a, days);
      if (heldOn <= d.today) journey.push({ id: idFrom(`${cpHousehold.id}:journey:${days}`), householdId: cpHousehold.id, kind, heldOn, title, attended, recordedAt: `${heldOn}T16:00:00.000Z` });
    };
    session(-120, 'preparation', 'Preparation day 1: what concurrent planning asks of carers', 'Both carers');
    session(-113, 'preparation', 'Preparation day 2: contact with birth families', 'Both carers');
    session(-90, 'training', 'Attachment and early development', 'Both carers');
    session(-60, 'assessment', 'Assessment visit: the carers as a family', 'Both carers and the assessing social worker');
    session(60, 'post_approval_training', 'Supporting supervised contact and handovers', 'Both carers');
    session(90, 'support_group', 'Monthly support group', 'One carer');
  }

  // Young children looked after now, for the duty and the referral.
  const open = new Set(d.legalStatuses.filter((s) => s.endDate === null).map((s) => s.childId));
  const young = d.children.filter((c) => open.has(c.id) && c.socialWorkerId && ageOn(c.dateOfBirth, d.today) < 3).sort((a, b) => (a.reference < b.reference ? -1 : 1));
  const users = new Map(d.users.map((u) => [u.id, u]));
  const events: GenChildEvent[] = [];
  const decisions: GenDecision[] = [];
  const referrals: GenReferral[] = [];
  const shortlist: EarlyPermanenceRecords['shortlist'] = [];
  const referred = young[0];
  if (referred) {
    const sw = users.get(referred.socialWorkerId!);
    const inPlan = addDays(d.today, -21);
    const decided = addDays(d.today, -16);
    events.push(event(referred.id, 'adoption_in_plan', inPlan, 'Permanence plan at the care planning meeting: return home being assessed; adoption likely if it is not safe', sw?.id ?? null));
    const decisionEvent = event(referred.id, 'early_permanence_considered', decided, 'Refer to concurrent planning. Decided by the team manager at the permanence planning meeting.', sw?.id ?? null);
    events.push(decisionEvent);
    decisions.push({
      id: idFrom(`${referred.id}:decision`),
      childId: referred.id,
      eventId: decisionEvent.id,
      decidedOn: decided,
      decidedByName: 'Team manager, permanence planning meeting (demo)',
      decidedByRole: 'Team manager',
      outcome: 'concurrent_planning',
      reasons: 'No connected person is available after viability assessments; the parents are engaging with an assessment, but the likelihood is that an adoptive placement will be needed. A concurrent placement avoids a move.',
      recordedBy: sw?.id ?? null,
      recordedByName: sw?.fullName ?? "The child's social worker",
      recordedAt: `${decided}T15:00:00.000Z`,
    });
    const referralId = idFrom(`${referred.id}:cp-referral`);
    referrals.push({
      id: referralId,
      reference: 'CP00001',
      childId: referred.id,
      serviceId: agency.id,
      status: cpHousehold ? 'carers_identified' : 'enquiry',
      expectedBirthDate: null,
      siblings: '',
      circumstances: 'Referred after the early permanence decision.',
      referralDate: addDays(decided, 1),
      criteria: {
        interim_care_order: { answer: 'yes', evidence: 'Interim care order made at the first hearing' },
        no_extended_family: { answer: 'yes', evidence: 'Viability assessments of the maternal grandmother and an aunt: both negative' },
        older_siblings_adopters: { answer: 'not_applicable', evidence: 'No older brothers or sisters' },
        rehabilitation_considered: { answer: 'yes', evidence: 'Parenting assessment under way; previous proceedings for this family ended in adoption' },
      },
      exceptionReason: null,
      sentOn: addDays(decided, 1),
      decidedOn: addDays(decided, 6),
      createdBy: sw?.id ?? null,
    });
    if (cpHousehold) shortlist.push({ referralId, householdId: cpHousehold.id, shortlistedOn: addDays(decided, 7), note: 'Dual approved, a carer at home full-time, agreement to support a return home signed' });
  }
  const due = young[1];
  if (due) {
    events.push(event(due.id, 'adoption_in_plan', addDays(d.today, -3), 'Permanence plan updated: adoption may become the plan if the parenting assessment is negative', due.socialWorkerId));
  }
  referrals.push({
    id: idFrom('cp-enquiry'),
    reference: 'CP00002',
    childId: null,
    serviceId: agency.id,
    status: 'enquiry',
    expectedBirthDate: addDays(d.today, 42),
    siblings: 'Two older brothers, adopted together three years ago',
    circumstances: 'Pre-birth assessment under way; proceedings likely at birth. Early discussion with the service so that carers can be identified.',
    referralDate: null,
    criteria: {},
    exceptionReason: null,
    sentOn: null,
    decidedOn: null,
    createdBy: referred?.socialWorkerId ?? null,
  });
  return { agency, households, approvals, journey, events, decisions, referrals, shortlist };
}
