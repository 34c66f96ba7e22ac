/**
 * The demo's parent-and-child assessments (Parent and child fostering procedure, 5 and 7), with a
 * Level 4 household of their own (copied from one of the authority's, so that nobody else's vacancies
 * change):
 * - A, both in care (2.1): a mother of 15 and her baby. The plan lists three capabilities and weekly
 *   carers' reports; the first review extended the assessment, the second ended it as successful, and
 *   the outcome was recorded: the baby left care (E4A), the baby's placement ended, and a placement
 *   request for the mother's long-term fostering placement was started.
 * - B, only the child in care (2.3): a mother of 19 is part of the household. Fortnightly reports (the
 *   last not yet read); one review extended, the next ended it as unsuccessful: a placement request for
 *   the baby to move to another foster placement.
 * - C, both in care, started 18 days ago: the plan and two weekly reports (one not read); the first
 *   review is due. Open it to record a report, a review and the outcome.
 * The outcomes' changes are those the one rule gives (src/domain/records/parent-and-child-outcome.ts).
 * Every name is synthetic; the text is neutral.
 */
import { addDays, type IsoDate } from '../domain/dates.ts';
import type { Content } from '../domain/planning/content.ts';
import { requestReference } from '../domain/records/placement-request.ts';
import { OutcomeInput, describeChange, outcomeChanges, type OutcomeChange, type OutcomePerson } from '../domain/records/parent-and-child-outcome.ts';
import type { ReviewDecision } from '../domain/records/parent-and-child-review.ts';
import type { GenChildEvent } from './events.ts';
import type { DemoData } from './generate.ts';
import type { GenPlanningDocument, GenPlanningVersion } from './planning.ts';
import type { GenPlacementRequest, GenRequestStatusChange } from './requests.ts';
import type { GenCareEnding, GenChild, GenHousehold, GenHouseholdMember, GenLegalStatus, GenPlacement } from './types.ts';
import { demoId, demoIdsFor } from './ids.ts';

export type GenFamilyMember = { id: string; name: string; dateOfBirth: IsoDate; childId: string; relationship: string };
export type GenArrangement = {
  id: string;
  reference: string;
  householdId: string;
  status: 'active' | 'ended';
  startDate: IsoDate;
  endDate: IsoDate | null;
  legalScenario: 'both_in_care' | 'parent_in_care' | 'child_in_care';
  scenarioRationale: string;
  needArose: 'court_order' | 'child_protection_conference' | 'pre_birth_assessment';
  needAroseOn: IsoDate;
  people: { role: 'parent' | 'child'; childId: string | null; familyMemberId: string | null; inCare: boolean; placementId: string | null }[];
};
export type GenCarerReport = { id: string; placementId: string; childId: string; dueOn: IsoDate; receivedOn: IsoDate; receivedFrom: string; summary: string; readOn: IsoDate | null; readBy: string | null; recordedBy: string | null };
export type GenReview = {
  id: string;
  placementId: string;
  childId: string;
  heldOn: IsoDate;
  attendees: { name: string; role: string }[];
  progress: { capability: string; rating: string; evidence: string }[];
  decision: ReviewDecision;
  periodEndsOn: IsoDate | null;
  reasons: string;
  eventId: string;
  recordedBy: string | null;
  recordedByName: string;
  reportIds: string[];
  /** Its PDF on the child's record. */
  documentId: string;
};
export type GenOutcome = {
  id: string;
  placementId: string;
  childId: string;
  reviewId: string;
  outcome: 'successful' | 'unsuccessful';
  decidedOn: IsoDate;
  details: Record<string, string>;
  changes: unknown[];
  placementRequestId: string | null;
  recordedBy: string | null;
  recordedByName: string;
};

export type ParentAndChildRecords = {
  households: GenHousehold[];
  householdMembers: GenHouseholdMember[];
  children: GenChild[];
  legalStatuses: GenLegalStatus[];
  placements: (GenPlacement & { endingBasis?: 'leaving_care' | null })[];
  familyMembers: GenFamilyMember[];
  arrangements: GenArrangement[];
  events: GenChildEvent[];
  planningDocuments: GenPlanningDocument[];
  planningVersions: GenPlanningVersion[];
  schedules: { placementId: string; childId: string; frequency: 'weekly' | 'fortnightly'; firstDueOn: IsoDate; planVersionId: string }[];
  reports: GenCarerReport[];
  reviews: GenReview[];
  outcomes: GenOutcome[];
  /** The day each assessment ended with its outcome, per placement of the arrangement. */
  assessmentEnds: { placementId: string; childId: string; outcomeId: string; endedOn: IsoDate }[];
  careEndings: GenCareEnding[];
  placementRequests: GenPlacementRequest[];
  placementRequestStatuses: GenRequestStatusChange[];
};

/** A stable UUID-shaped id from a name. */
/** This module's record ids for the authority being made (./ids.ts): set as each call begins. */
let idFrom: (name: string) => string = (name) => demoId('', name);

const CAPABILITIES = [
  { capability: "Feeding the baby on cue and keeping a feeding record", aim: 'demonstrate', evidence: "The carers' daily notes" },
  { capability: 'Safe sleep: on the back, in the cot, a smoke-free room', aim: 'learn_and_demonstrate', evidence: 'Night checks by the carers' },
  { capability: "Keeping the baby's health appointments", aim: 'demonstrate', evidence: 'Health visitor and GP records' },
];

function planContent(variant: 'parent_in_care' | 'parent_not_in_care', frequency: 'weekly' | 'fortnightly', firstDueOn: IsoDate): Content {
  const common: Content = {
    purpose: "To support the mother to care for her baby, and to assess whether the baby can stay in her care",
    dayToDay: 'The mother leads the routines; the carers are alongside and step in only when the baby is at risk',
    health: 'Registered with the GP; the health visitor visits every week',
    education: 'Not of school age (the baby)',
    contact: 'The father on Saturday afternoons, supervised by the carers',
    delegatedAuthority: 'See the delegated authority record',
    support: 'Modelling and prompting of feeding, settling and safe sleep',
    childWishes: 'Too young to say; the mother wants them to stay together',
    pcPurpose: "Whether the mother can care for her baby safely and meet the baby's needs as they grow",
    capabilities: CAPABILITIES.map((c) => ({ ...c })),
    carersSupportRemit: 'Model and prompt; do not take over. Help with night feeds only when agreed in advance',
    carersReportingRemit: "A written report to the child's social worker on the days set below; anything that puts the baby at risk by telephone at once",
    reportFrequency: frequency,
    reportFirstDueOn: firstDueOn,
    conductAgreements: 'Music and television off after 9pm; visitors by agreement with the carers; no smoking in the house or garden',
  };
  return variant === 'parent_in_care'
    ? {
        ...common,
        parentFosteringNeeds: "School three days a week; contact with her own mother; her own health appointments",
        childFosteringNeeds: 'Immunisations, the health visitor’s checks, a settled routine',
        parentExpectations: 'Does the night feeds; keeps the appointments; asks for help when she needs it',
      }
    : {
        ...common,
        parentExpectations: 'Does the night feeds; keeps the appointments; tells the carers when she goes out',
        parentHelp: 'A parenting course at the family hub; the carers’ modelling; weekly time with the health visitor',
      };
}

/** The demo's parent-and-child assessments, from the generated authority (see the header). */
export function parentAndChildRecordsFrom(data: DemoData): ParentAndChildRecords {
  idFrom = demoIdsFor(data, 'pc');
  const T = data.today;
  const sw = data.users.find((u) => u.isDemo && u.role === 'social_worker') ?? data.users.find((u) => u.role === 'social_worker');
  const ssw = data.users.find((u) => u.isDemo && u.role === 'supervising_social_worker') ?? data.users.find((u) => u.role === 'supervising_social_worker');
  const template = data.households.find((h) => h.placementKinds.includes('parent_and_child') && h.approvalStatus === 'approved') ?? data.households[0];
  const childTemplate = data.children.find((c) => c.responsibleAuthorityId === data.homeAuthorityId) ?? data.children[0];
  const out: ParentAndChildRecords = {
    households: [],
    householdMembers: [],
    children: [],
    legalStatuses: [],
    placements: [],
    familyMembers: [],
    arrangements: [],
    events: [],
    planningDocuments: [],
    planningVersions: [],
    schedules: [],
    reports: [],
    reviews: [],
    outcomes: [],
    assessmentEnds: [],
    careEndings: [],
    placementRequests: [],
    placementRequestStatuses: [],
  };
  if (!sw || !ssw || !template || !childTemplate) return out;
  const swName = sw.fullName;

  const householdId = idFrom('pc-household');
  out.households.push({
    ...template,
    id: householdId,
    reference: 'H91001',
    addressLine1: '4 Meadow Bank',
    addressLine2: null,
    supervisingSocialWorkerId: ssw.id,
    approvalStatus: 'approved',
    approvedChildren: 4,
    ageMin: 0,
    ageMax: 17,
    placementKinds: ['parent_and_child'],
    skillLevel: 4,
    experience: template.experience.includes('parent_and_child') ? template.experience : [...template.experience, 'parent_and_child'],
  });
  out.householdMembers.push(
    { id: idFrom('pc-carer-1'), householdId, kind: 'carer', firstName: 'Rowan', lastName: 'Ashby', dateOfBirth: '1972-03-14', position: 1, email: 'rowan.ashby@carers.example.test' },
    { id: idFrom('pc-carer-2'), householdId, kind: 'carer', firstName: 'Imogen', lastName: 'Ashby', dateOfBirth: '1974-08-02', position: 2, email: null },
  );
  const carers = 'Rowan and Imogen Ashby';
  let requestNo = data.placementRequests.length;

  const newChild = (key: string, firstName: string, lastName: string, dateOfBirth: IsoDate, sex: 'F' | 'M'): GenChild => {
    const c: GenChild = {
      ...childTemplate,
      id: idFrom(`pc-child-${key}`),
      reference: `CS91${String(out.children.length + 1).padStart(3, '0')}`,
      firstName,
      lastName,
      dateOfBirth,
      sex,
      upn: 'UN1',
      socialWorkerId: sw.id,
      externalSocialWorkerId: null,
      responsibleAuthorityId: data.homeAuthorityId,
      uasc: false,
      uascCeasedOn: null,
      courtCarePlan: false,
      otherNames: [],
      familyMembers: [],
    };
    out.children.push(c);
    return c;
  };
  const status = (childId: string, code: GenLegalStatus['code'], startDate: IsoDate): GenLegalStatus => {
    const s: GenLegalStatus = { id: idFrom(`pc-ls-${childId}-${code}`), childId, code, startDate, endDate: null };
    out.legalStatuses.push(s);
    return s;
  };
  const place = (childId: string, start: IsoDate): GenPlacement => {
    const p: GenPlacement = {
      id: idFrom(`pc-placement-${childId}`),
      childId,
      householdId,
      startDate: start,
      endDate: null,
      placementType: 'U6',
      status: 'active',
      kind: 'parent_and_child',
      emergency: false,
      outsideTermsOfApproval: false,
      intendedUntil18: false,
      connectedPerson: false,
      sixMonthlyVisitsAgreed: false,
      assessmentPeriodEndsOn: addDays(start, 28),
      reasonEnded: null,
    };
    out.placements.push(p);
    return p;
  };
  const event = (childId: string, placementId: string, kind: GenChildEvent['kind'], date: IsoDate, evidence: string, periodEndsOn: IsoDate | null = null) => {
    const e: GenChildEvent = { id: idFrom(`pc-event-${placementId}-${kind}-${date}`), childId, kind, eventDate: date, placementId, aboutChildId: null, periodEndsOn, evidence, recordedBy: sw.id, recordedAt: `${date}T16:00:00.000Z`, participationCode: null };
    out.events.push(e);
    return e;
  };
  const plan = (p: GenPlacement, variant: 'parent_in_care' | 'parent_not_in_care', frequency: 'weekly' | 'fortnightly', firstDueOn: IsoDate, completedOn: IsoDate, others: GenPlacement[] = []) => {
    const content = planContent(variant, frequency, firstDueOn);
    const documentId = idFrom(`pc-plan-${p.id}`);
    const versionId = idFrom(`pc-plan-v1-${p.id}`);
    out.planningDocuments.push({ id: documentId, placementId: p.id, childId: p.childId, kind: 'placement_plan', content, issuedVersion: 1, hasUnissuedChanges: false, updatedBy: sw.id });
    out.planningVersions.push({ id: versionId, documentId, number: 1, content, completedOn, completedBy: sw.id, completedByName: swName, sharedOn: completedOn, sharedWith: carers, acknowledgedOn: completedOn, acknowledgedBy: 'Rowan Ashby' });
    out.schedules.push({ placementId: p.id, childId: p.childId, frequency, firstDueOn, planVersionId: versionId });
    event(p.childId, p.id, 'placement_plan_completed', completedOn, `Placement plan version 1, completed in Hearth by ${swName}`);
    // One plan covers parent and child (5.4), as the service records it.
    for (const o of others) event(o.childId, o.id, 'placement_plan_completed', completedOn, `Placement plan version 1, completed in Hearth by ${swName}: one plan covers parent and child`);
  };
  const SUMMARIES = ['Settling in; feeds mostly on cue', 'A hard night on Tuesday; asked for help and took it', 'Feeding record kept every day', 'Kept the health visitor appointment', 'Safe sleep every night this week'];
  const reports = (p: GenPlacement, firstDueOn: IsoDate, step: number, until: IsoDate, unreadFrom: IsoDate | null) => {
    const list: GenCarerReport[] = [];
    for (let due = firstDueOn, i = 0; due <= until; due = addDays(due, step), i++) {
      const receivedOn = i % 3 === 2 ? addDays(due, 1) : due;
      if (receivedOn > T) break;
      const unread = unreadFrom !== null && due >= unreadFrom;
      const readOn = addDays(receivedOn, 2) <= T && !unread ? addDays(receivedOn, 2) : null;
      list.push({ id: idFrom(`pc-report-${p.id}-${due}`), placementId: p.id, childId: p.childId, dueOn: due, receivedOn, receivedFrom: 'Rowan Ashby', summary: SUMMARIES[i % SUMMARIES.length]!, readOn, readBy: readOn ? sw.id : null, recordedBy: ssw.id });
    }
    out.reports.push(...list);
    return list;
  };
  const review = (p: GenPlacement, heldOn: IsoDate, decision: ReviewDecision, periodEndsOn: IsoDate | null, ratings: string[], reasons: string, considered: GenCarerReport[], others: GenPlacement[] = []) => {
    const e = event(p.childId, p.id, 'parent_and_child_review_held', heldOn, `Parent-and-child placement review recorded in Hearth by ${swName}`, decision === 'extend' ? periodEndsOn : null);
    for (const o of others) event(o.childId, o.id, 'parent_and_child_review_held', heldOn, `Parent-and-child placement review recorded in Hearth by ${swName}`, decision === 'extend' ? periodEndsOn : null);
    const r: GenReview = {
      id: idFrom(`pc-review-${p.id}-${heldOn}`),
      placementId: p.id,
      childId: p.childId,
      heldOn,
      attendees: [
        { name: swName, role: "Child's social worker" },
        { name: ssw.fullName, role: 'Supervising social worker' },
        { name: 'Rowan Ashby', role: 'Foster carer' },
        { name: 'The mother', role: 'Parent' },
      ],
      progress: CAPABILITIES.map((c, i) => ({ capability: c.capability, rating: ratings[i] ?? 'progressing', evidence: 'As the carers’ reports describe' })),
      decision,
      periodEndsOn: decision === 'extend' ? periodEndsOn : null,
      reasons,
      eventId: e.id,
      recordedBy: sw.id,
      recordedByName: swName,
      reportIds: considered.filter((x) => x.receivedOn <= heldOn).map((x) => x.id),
      documentId: idFrom(`pc-review-pdf-${p.id}-${heldOn}`),
    };
    out.reviews.push(r);
    return r;
  };
  const request = (childId: string, at: IsoDate, why: string): GenPlacementRequest => {
    requestNo += 1;
    const q: GenPlacementRequest = {
      id: idFrom(`pc-request-${childId}`),
      reference: requestReference(requestNo),
      childId,
      status: 'draft',
      urgency: null,
      kind: null,
      neededBy: null,
      siblingIds: [],
      needs: {},
      risks: {},
      childViews: {},
      createdBy: sw.id,
      createdAt: `${at}T16:30:00.000Z`,
      updatedAt: `${at}T16:30:00.000Z`,
      version: 1,
    };
    out.placementRequests.push(q);
    out.placementRequestStatuses.push({ id: idFrom(`pc-request-status-${childId}`), requestId: q.id, status: 'draft', at: q.createdAt, byUserId: sw.id, note: `Started by the outcome of a parent-and-child placement: ${why}` });
    return q;
  };
  /** The outcome, with the changes the one rule gives, applied to the rows. */
  const outcome = (p: GenPlacement, r: GenReview, people: OutcomePerson[], raw: Record<string, unknown>) => {
    const input = OutcomeInput.parse(raw);
    const { problems, changes } = outcomeChanges(input, people, { today: T, placementStart: p.startDate });
    if (problems.length) throw new Error(`demo outcome: ${problems.map((x) => x.message).join('; ')}`);
    const names = new Map(people.flatMap((x) => (x.childId ? [[x.childId, x.name] as const] : [])));
    const applied: (OutcomeChange & { text: string; requestId?: string; requestReference?: string })[] = [];
    let requestId: string | null = null;
    for (const c of changes) {
      if (c.kind === 'end_legal_status') {
        const s = out.legalStatuses.find((x) => x.id === c.legalStatusId);
        if (s) s.endDate = c.endOn;
        out.careEndings.push({ id: idFrom(`pc-care-ending-${c.childId}`), childId: c.childId, endedOn: c.endOn, reason: c.careEndedReason });
        applied.push({ ...c, text: describeChange(c, names) });
      } else if (c.kind === 'end_placement') {
        const q = out.placements.find((x) => x.id === c.placementId);
        if (q) Object.assign(q, { endDate: c.endOn, reasonEnded: c.reasonEnded, status: 'ended', endingBasis: 'leaving_care' });
        applied.push({ ...c, text: describeChange(c, names) });
      } else if (c.kind === 'placement_request') {
        const q = request(c.childId, input.decidedOn, c.why);
        requestId ??= q.id;
        applied.push({ ...c, text: describeChange(c, names), requestId: q.id, requestReference: q.reference });
      } else {
        status(c.childId, c.code, c.startOn);
        applied.push({ ...c, text: describeChange(c, names) });
      }
    }
    const outcomeId = idFrom(`pc-outcome-${p.id}`);
    for (const x of people) if (x.placementId && x.childId) out.assessmentEnds.push({ placementId: x.placementId, childId: x.childId, outcomeId, endedOn: input.decidedOn });
    const { outcome: o, decidedOn, ...details } = input;
    out.outcomes.push({
      id: outcomeId,
      placementId: p.id,
      childId: p.childId,
      reviewId: r.id,
      outcome: o,
      decidedOn,
      details: Object.fromEntries(Object.entries(details).filter(([, v]) => v !== null && v !== '')) as Record<string, string>,
      changes: applied,
      placementRequestId: requestId,
      recordedBy: sw.id,
      recordedByName: swName,
    });
  };
  const person = (role: 'parent' | 'child', c: GenChild, p: GenPlacement | null, s: GenLegalStatus | null): OutcomePerson => ({
    role,
    name: `${c.firstName} ${c.lastName}`,
    childId: c.id,
    dateOfBirth: c.dateOfBirth,
    inCare: true,
    placementId: p?.id ?? null,
    legalStatus: s ? { id: s.id, code: s.code } : null,
  });

  // A: both in care (2.1), successful.
  {
    const start = addDays(T, -84);
    const mum = newChild('a-mum', 'Kayleigh', 'Brennan', addDays(T, -(15 * 365 + 120)), 'F');
    const baby = newChild('a-baby', 'Ellis', 'Brennan', addDays(start, -70), 'M');
    // Looked after from the day she was placed with her baby (every period of care has its placements).
    status(mum.id, 'C2', start);
    const babyStatus = status(baby.id, 'C1', start);
    const pm = place(mum.id, start);
    const pb = place(baby.id, start);
    out.arrangements.push({
      id: idFrom('pc-arrangement-a'),
      reference: 'PCA-DEMO-1',
      householdId,
      status: 'ended',
      startDate: start,
      endDate: addDays(start, 63),
      legalScenario: 'both_in_care',
      scenarioRationale: 'The mother is 15 and on a care order; the baby is on an interim care order. Both are looked after.',
      needArose: 'court_order',
      needAroseOn: addDays(start, -10),
      people: [
        { role: 'parent', childId: mum.id, familyMemberId: null, inCare: true, placementId: pm.id },
        { role: 'child', childId: baby.id, familyMemberId: null, inCare: true, placementId: pb.id },
      ],
    });
    plan(pb, 'parent_in_care', 'weekly', addDays(start, 7), addDays(start, 2), [pm]);
    const got = reports(pb, addDays(start, 7), 7, addDays(start, 63), null);
    review(pb, addDays(start, 21), 'extend', addDays(start, 70), ['progressing', 'progressing', 'demonstrated'], 'Feeding and safe sleep need more time to be seen consistently', got, [pm]);
    const last = review(pb, addDays(start, 63), 'end_successful', null, ['demonstrated', 'demonstrated', 'demonstrated'], 'Every capability has been demonstrated over six weeks', got, [pm]);
    outcome(pb, last, [person('parent', mum, pm, null), person('child', baby, pb, babyStatus)], {
      outcome: 'successful',
      decidedOn: last.heldOn,
      reasons: 'Every capability has been demonstrated over six weeks',
      familyLifePlan: 'Mother and baby to live together in a long-term foster placement, with the health visitor and the family hub',
      supportRoute: 'child_in_need',
      supportReferredOn: last.heldOn,
      parentRoute: 'long_term_fostering',
    });
  }

  // B: only the child in care (2.3), unsuccessful.
  {
    const start = addDays(T, -60);
    const baby = newChild('b-baby', 'Noa', 'Whitlock', addDays(start, -30), 'F');
    const babyStatus = status(baby.id, 'C1', start);
    const pb = place(baby.id, start);
    const mumId = idFrom('pc-family-b-mum');
    out.familyMembers.push({ id: mumId, name: 'Shannon Whitlock', dateOfBirth: addDays(T, -(19 * 365 + 40)), childId: baby.id, relationship: 'mother' });
    out.arrangements.push({
      id: idFrom('pc-arrangement-b'),
      reference: 'PCA-DEMO-2',
      householdId,
      // The outcome recorded at the last review (below) ended the arrangement that day.
      status: 'ended',
      startDate: start,
      endDate: addDays(start, 50),
      legalScenario: 'child_in_care',
      scenarioRationale: 'The mother is 19 and not looked after; she is part of the fostering household. The baby is on an interim care order.',
      needArose: 'child_protection_conference',
      needAroseOn: addDays(start, -14),
      people: [
        { role: 'parent', childId: null, familyMemberId: mumId, inCare: false, placementId: null },
        { role: 'child', childId: baby.id, familyMemberId: null, inCare: true, placementId: pb.id },
      ],
    });
    plan(pb, 'parent_not_in_care', 'fortnightly', addDays(start, 7), addDays(start, 1));
    const got = reports(pb, addDays(start, 7), 14, T, addDays(start, 49));
    review(pb, addDays(start, 21), 'extend', addDays(start, 56), ['progressing', 'concern', 'progressing'], 'Safe sleep is a concern; more time with closer support', got);
    const last = review(pb, addDays(start, 50), 'end_unsuccessful', null, ['not_yet', 'concern', 'progressing'], 'The baby was found unsafe at night twice despite support', got);
    outcome(pb, last, [{ role: 'parent', name: 'Shannon Whitlock', childId: null, dateOfBirth: null, inCare: false, placementId: null, legalStatus: null }, person('child', baby, pb, babyStatus)], {
      outcome: 'unsuccessful',
      decidedOn: last.heldOn,
      reasons: 'The baby was found unsafe at night twice despite support',
    });
  }

  // C: both in care (2.1), started 18 days ago: the first review is due.
  {
    const start = addDays(T, -18);
    const mum = newChild('c-mum', 'Tia', 'Okafor', addDays(T, -(16 * 365 + 200)), 'F');
    const baby = newChild('c-baby', 'Remi', 'Okafor', addDays(start, -21), 'M');
    status(mum.id, 'V2', start);
    status(baby.id, 'C1', start);
    const pm = place(mum.id, start);
    const pb = place(baby.id, start);
    out.arrangements.push({
      id: idFrom('pc-arrangement-c'),
      reference: 'PCA-DEMO-3',
      householdId,
      status: 'active',
      startDate: start,
      endDate: null,
      legalScenario: 'both_in_care',
      scenarioRationale: 'The mother is 16 and accommodated under section 20; the baby is on an interim care order.',
      needArose: 'pre_birth_assessment',
      needAroseOn: addDays(start, -40),
      people: [
        { role: 'parent', childId: mum.id, familyMemberId: null, inCare: true, placementId: pm.id },
        { role: 'child', childId: baby.id, familyMemberId: null, inCare: true, placementId: pb.id },
      ],
    });
    plan(pb, 'parent_in_care', 'weekly', addDays(start, 4), addDays(start, 1), [pm]);
    reports(pb, addDays(start, 4), 7, T, addDays(start, 11));
  }
  return out;
}
