/**
 * Early permanence over JSON: the duty to consider a placement with dual-approved carers (Children
 * Act 1989 s22C(9A)–(9B)), households' adoption approvals, early permanence facts and journey, and
 * enquiries and referrals to a concurrent planning service (Concurrent planning guide).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { ReferralView } from '../services/early-permanence.ts';
import type { ReferralRow } from '../data/repositories/early-permanence.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { Uuid } from '../http/schemas.ts';
import { ADOPTION_APPROVAL_STATUSES, type AdoptionApprovalStatus } from '../domain/matching/dual-approval.ts';
import { CP_ANSWERS, CP_CRITERION_CODES, CP_REFERRAL_STATUSES, CpEnquiryInput, CpReferralInput, CpShortlistInput, CpStatusInput, type CpAnswer, type CpReferralStatus } from '../domain/records/cp-referral.ts';
import {
  AdoptionApprovalInput,
  AdoptionApprovalUpdate,
  AdoptionInPlanInput,
  EARLY_PERMANENCE_OUTCOMES,
  EarlyPermanenceDecisionInput,
  EarlyPermanenceHouseholdInput,
  JOURNEY_KINDS,
  JourneySessionInput,
  type EarlyPermanenceOutcome,
  type JourneyKind,
} from '../domain/records/early-permanence.ts';
import { Created, DateTime, Int, IsoDate, Ok } from './responses.ts';
import { bodyWithVersion, checkedByService, docs } from './helpers.ts';

const tag = 'Early permanence';
const ChildParams = z.object({ id: Uuid.meta({ description: 'Child id' }) });
const HouseholdParams = z.object({ id: Uuid.meta({ description: 'Household id' }) });
const ReferralParams = z.object({ id: Uuid.meta({ description: 'Enquiry or referral id' }) });

const Outcome = z.enum(Object.keys(EARLY_PERMANENCE_OUTCOMES) as EarlyPermanenceOutcome[]);
const Status = z.enum(Object.keys(CP_REFERRAL_STATUSES) as CpReferralStatus[]);

const Decision = z.strictObject({
  id: Uuid,
  childId: Uuid,
  eventId: Uuid.meta({ description: 'The event "early_permanence_considered" that completes the obligation' }),
  decidedOn: IsoDate,
  decidedByName: z.string(),
  decidedByRole: z.string(),
  outcome: Outcome,
  reasons: z.string(),
  recordedBy: Uuid.nullable(),
  recordedByName: z.string(),
  recordedAt: DateTime,
  version: Int,
});

const ChildEarlyPermanence = z.strictObject({
  child: z.strictObject({ id: Uuid, reference: z.string(), name: z.string(), dateOfBirth: IsoDate }),
  adoptionInPlan: z.array(z.strictObject({ id: Uuid, eventDate: IsoDate, evidence: z.string() })).meta({ description: "Each record that adoption is, or may become, the child's plan; the first starts the obligation" }),
  decisions: z.array(Decision),
  referrals: z.array(z.strictObject({ id: Uuid, reference: z.string(), status: Status, referralDate: IsoDate.nullable() })),
});

const AdoptionApproval = z.strictObject({
  id: Uuid,
  householdId: Uuid,
  agencyId: Uuid.nullable().meta({ description: "The adoption agency or local authority that approved them; null = this authority's own adoption service" }),
  agencyName: z.string().nullable(),
  panelDate: IsoDate.nullable(),
  decisionDate: IsoDate.nullable().meta({ description: "The agency decision-maker's decision: approved from this day" }),
  status: z.enum(Object.keys(ADOPTION_APPROVAL_STATUSES) as AdoptionApprovalStatus[]),
  endedOn: IsoDate.nullable(),
  reviewDate: IsoDate.nullable(),
  fromFormerTick: z.boolean().meta({ description: 'Made from the former "dual approval" tick: the dates are to be confirmed' }),
  currentOn: z.boolean().meta({ description: 'Current on the day asked (`on`)' }),
  version: Int,
});

const HouseholdEarlyPermanence = z.strictObject({
  householdId: Uuid,
  reference: z.string(),
  on: IsoDate,
  dualApproved: z.boolean().meta({ description: 'Derived: the fostering approval and an adoption approval both current on `on`' }),
  fullTimeCarer: z.boolean(),
  returnAgreementSignedOn: IsoDate.nullable(),
  cpSocialWorker: z.string().nullable(),
  cpSupportGroup: z.string().nullable(),
  cpHelpline: z.string().nullable(),
  version: Int.meta({ description: "The household's version (send it to change the early permanence facts)" }),
  approvals: z.array(AdoptionApproval),
  journey: z.array(z.strictObject({ id: Uuid, kind: z.enum(Object.keys(JOURNEY_KINDS) as JourneyKind[]), heldOn: IsoDate, title: z.string(), attended: z.string() })),
});

const Criterion = z.strictObject({ answer: z.enum(Object.keys(CP_ANSWERS) as CpAnswer[]), evidence: z.string() });

const Referral = z.strictObject({
  id: Uuid,
  reference: z.string().meta({ description: 'CP00001 …' }),
  status: Status,
  childId: Uuid.nullable(),
  serviceId: Uuid.nullable().meta({ description: "The agency whose service it is; null = the authority's own" }),
  expectedBirthDate: IsoDate.nullable(),
  siblings: z.string(),
  circumstances: z.string(),
  referralDate: IsoDate.nullable(),
  criteria: z.partialRecord(z.enum(CP_CRITERION_CODES), Criterion).meta({ description: 'Each criterion answered, with its evidence' }),
  exceptionReason: z.string().nullable(),
  sentOn: IsoDate.nullable(),
  decidedOn: IsoDate.nullable(),
  declineReason: z.string().nullable(),
  placementId: Uuid.nullable(),
  createdAt: DateTime,
  version: Int,
});

const ReferralDetail = z.strictObject({
  referral: Referral,
  child: z.strictObject({ id: Uuid, reference: z.string(), name: z.string(), dateOfBirth: IsoDate }).nullable(),
  serviceName: z.string(),
  check: z
    .strictObject({
      ageOnReferral: Int.meta({ description: 'Worked out from the date of birth and the referral date (-1: not yet born)' }),
      allMet: z.boolean(),
      exception: z.boolean(),
      results: z.array(z.strictObject({ code: z.string(), label: z.string(), met: z.boolean(), answer: z.enum(Object.keys(CP_ANSWERS) as CpAnswer[]).nullable(), evidence: z.string(), note: z.string() })),
      problems: z.array(z.strictObject({ field: z.string(), message: z.string() })),
    })
    .nullable()
    .meta({ description: 'The criteria check (null until the child and the referral date are given)' }),
  shortlist: z.array(z.strictObject({ householdId: Uuid, householdReference: z.string(), shortlistedOn: IsoDate, note: z.string() })),
  next: z.array(Status),
});

const ReferralListItem = Referral.extend({ childReference: z.string().nullable(), childName: z.string().nullable(), serviceName: z.string() });

export function presentReferral(r: ReferralRow): z.output<typeof Referral> {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    childId: r.childId,
    serviceId: r.serviceId,
    expectedBirthDate: r.expectedBirthDate,
    siblings: r.siblings,
    circumstances: r.circumstances,
    referralDate: r.referralDate,
    criteria: r.criteria,
    exceptionReason: r.exceptionReason,
    sentOn: r.sentOn,
    decidedOn: r.decidedOn,
    declineReason: r.declineReason,
    placementId: r.placementId,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

function presentDetail(v: ReferralView): z.output<typeof ReferralDetail> {
  return {
    referral: presentReferral(v.referral),
    child: v.child,
    serviceName: v.serviceName,
    check: v.check
      ? { ageOnReferral: v.check.ageOnReferral, allMet: v.check.allMet, exception: v.check.exception, results: v.check.results.map((r) => ({ ...r })), problems: v.check.problems }
      : null,
    shortlist: v.shortlist.map((s) => ({ householdId: s.householdId, householdReference: s.householdReference, shortlistedOn: s.shortlistedOn, note: s.note })),
    next: v.next,
  };
}

export function earlyPermanenceApi(api: FastifyInstance, services: Services) {
  const s = services.earlyPermanence;

  route(api, {
    method: 'GET',
    url: paths.api.childEarlyPermanence(),
    access: 'child:read',
    audit: 'permanence.viewed',
    ...docs({ tag, summary: "The child's early permanence record: adoption in the permanence plan, the decisions on placing with dual-approved carers, and referrals", params: ChildParams, response: ChildEarlyPermanence }),
    handler: async (req) => {
      const r = await s.ofChild(req.ctx(), req.params.id);
      return {
        child: r.child,
        adoptionInPlan: r.adoptionInPlan,
        decisions: r.decisions.map((d) => ({ ...d, recordedAt: d.recordedAt.toISOString() })),
        referrals: r.referrals.map((x) => ({ id: x.id, reference: x.reference, status: x.status, referralDate: x.referralDate })),
      };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.childAdoptionInPlan(),
    access: 'permanence:record',
    audit: 'permanence.adoption-in-plan.recorded',
    ...docs({
      tag,
      summary: "Record that adoption is, or may become, the child's plan (on the permanence plan), with the day. The first such record starts the obligation to consider a placement with dual-approved carers (Children Act 1989 s22C(9A)–(9B))",
      params: ChildParams,
      body: checkedByService(AdoptionInPlanInput),
      response: Created,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(await s.recordAdoptionInPlan(req.ctx(), req.params.id, req.body)),
  });

  route(api, {
    method: 'POST',
    url: paths.api.childPermanenceDecisions(),
    access: 'permanence:record',
    audit: 'permanence.decision.recorded',
    ...docs({
      tag,
      summary: 'Record the decision on placing the child with a foster parent also approved as a prospective adopter: the date, the decision-maker, the outcome and the reasons. It completes the obligation',
      params: ChildParams,
      body: checkedByService(EarlyPermanenceDecisionInput),
      response: Decision,
      status: 201,
    }),
    handler: async (req, reply) => {
      const d = await s.recordDecision(req.ctx(), req.params.id, req.body);
      return reply.code(201).send({ ...d, recordedAt: d.recordedAt.toISOString() });
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.householdEarlyPermanence(),
    access: 'household:read',
    audit: 'household.viewed',
    ...docs({
      tag,
      summary: "A household's adoption approvals, early permanence facts and journey, with dual approval derived for a day",
      params: HouseholdParams,
      query: z.object({ on: IsoDate.optional().meta({ description: 'The day dual approval is worked out for (default today)' }) }),
      response: HouseholdEarlyPermanence,
    }),
    handler: async (req) => {
      const r = await s.ofHousehold(req.ctx(), req.params.id, req.query.on);
      const h = r.household;
      return {
        householdId: h.id,
        reference: h.reference,
        on: r.on,
        dualApproved: r.dualApproved,
        fullTimeCarer: h.fullTimeCarer,
        returnAgreementSignedOn: h.returnAgreementSignedOn,
        cpSocialWorker: h.cpSocialWorker,
        cpSupportGroup: h.cpSupportGroup,
        cpHelpline: h.cpHelpline,
        version: h.version,
        approvals: r.approvals.map((a) => ({
          id: a.id,
          householdId: a.householdId,
          agencyId: a.agencyId,
          agencyName: a.agencyName,
          panelDate: a.panelDate,
          decisionDate: a.decisionDate,
          status: a.status,
          endedOn: a.endedOn,
          reviewDate: a.reviewDate,
          fromFormerTick: a.fromFormerTick,
          currentOn: a.currentOn,
          version: a.version,
        })),
        journey: r.journey.map((j) => ({ id: j.id, kind: j.kind, heldOn: j.heldOn, title: j.title, attended: j.attended })),
      };
    },
  });

  route(api, {
    method: 'PUT',
    url: paths.api.householdEarlyPermanence(),
    access: 'household:write',
    audit: 'household.early-permanence.updated',
    ...docs({
      tag,
      summary: "Change the household's early permanence facts: one carer full-time during the fostering phase, the day the carers signed their agreement to support a return home, their concurrent planning social worker, support group and out-of-hours helpline",
      params: HouseholdParams,
      body: checkedByService(EarlyPermanenceHouseholdInput),
      response: Ok,
    }),
    handler: async (req) => {
      await s.updateHouseholdFacts(req.ctx(), req.params.id, req.body);
      return { ok: true as const };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.householdAdoptionApprovals(),
    access: 'household:write',
    audit: 'adoption-approval.added',
    ...docs({
      tag,
      summary: "Record the household's approval as prospective adopters (agency, panel date, the agency decision-maker's decision date, status, review date), beside its fostering approval",
      params: HouseholdParams,
      body: checkedByService(AdoptionApprovalInput),
      response: Created,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send({ id: (await s.addAdoptionApproval(req.ctx(), req.params.id, req.body)).id }),
  });

  route(api, {
    method: 'PUT',
    url: paths.api.householdAdoptionApproval(),
    access: 'household:write',
    audit: 'adoption-approval.updated',
    ...docs({
      tag,
      summary: 'Change an adoption approval (for example, put it on hold, or confirm the dates of one made from the former tick), with the version read',
      params: z.object({ id: Uuid.meta({ description: 'Household id' }), approvalId: Uuid.meta({ description: 'Adoption approval id' }) }),
      body: checkedByService(AdoptionApprovalUpdate),
      response: Ok,
    }),
    handler: async (req) => {
      await s.updateAdoptionApproval(req.ctx(), req.params.id, req.params.approvalId, req.body);
      return { ok: true as const };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.householdJourney(),
    access: 'household:write',
    audit: 'carer-journey.recorded',
    ...docs({ tag, summary: "Record a session of the carers' preparation, training, assessment or support: the kind, the date, what it was and who attended", params: HouseholdParams, body: checkedByService(JourneySessionInput), response: Created, status: 201 }),
    handler: async (req, reply) => reply.code(201).send({ id: (await s.addJourneySession(req.ctx(), req.params.id, req.body)).id }),
  });

  route(api, {
    method: 'GET',
    url: paths.api.cpReferrals,
    access: 'child:read',
    audit: 'cp-referral.listed',
    ...docs({ tag, summary: 'Enquiries and referrals to concurrent planning services, latest first (at most 200)', response: z.array(ReferralListItem) }),
    handler: async (req) => (await s.listReferrals(req.ctx())).map((r) => ({ ...presentReferral(r), childReference: r.childReference, childName: r.childName, serviceName: r.serviceName })),
  });

  route(api, {
    method: 'POST',
    url: paths.api.cpEnquiries,
    access: 'permanence:record',
    audit: 'cp-referral.created',
    ...docs({
      tag,
      summary: 'Log an early enquiry to a concurrent planning service, before the child is identified in full: expected date of birth, brothers and sisters, circumstances',
      body: checkedByService(CpEnquiryInput),
      response: Referral,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentReferral(await s.createEnquiry(req.ctx(), req.body))),
  });

  route(api, {
    method: 'POST',
    url: paths.api.cpReferrals,
    access: 'permanence:record',
    audit: 'cp-referral.created',
    ...docs({
      tag,
      summary: "Start a referral (a draft) of an identified child: the service (null = the authority's own), the referral date, each criterion answered with evidence, and any exception's reason. The age is worked out, not sent",
      body: checkedByService(CpReferralInput),
      response: Referral,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentReferral(await s.createReferral(req.ctx(), req.body))),
  });

  route(api, {
    method: 'GET',
    url: paths.api.cpReferral(),
    access: 'child:read',
    audit: 'cp-referral.viewed',
    ...docs({ tag, summary: 'An enquiry or referral, with its criteria check, shortlisted carers and the steps it may take next', params: ReferralParams, response: ReferralDetail }),
    handler: async (req) => presentDetail(await s.getReferral(req.ctx(), req.params.id)),
  });

  route(api, {
    method: 'PUT',
    url: paths.api.cpReferral(),
    access: 'permanence:record',
    audit: 'cp-referral.updated',
    ...docs({ tag, summary: 'Fill in or change a draft referral, or make an enquiry into one (with the version read)', params: ReferralParams, body: checkedByService(CpReferralInput), response: Ok }),
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      await s.updateReferral(req.ctx(), req.params.id, version, rest);
      return { ok: true as const };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.cpReferralStatus(),
    access: 'permanence:record',
    audit: 'cp-referral.status-changed',
    ...docs({
      tag,
      summary: 'Move a referral on: sent (only when the criteria are met, or an exception has its reason), accepted or declined (with the reason), carers identified, placed (with the placement), or closed',
      params: ReferralParams,
      body: checkedByService(CpStatusInput),
      response: Ok,
    }),
    handler: async (req) => {
      await s.moveReferral(req.ctx(), req.params.id, req.body);
      return { ok: true as const };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.cpReferralShortlist(),
    access: 'permanence:record',
    audit: 'cp-referral.shortlisted',
    ...docs({ tag, summary: 'Shortlist carers for an enquiry or a referral', params: ReferralParams, body: checkedByService(CpShortlistInput), response: Ok }),
    handler: async (req) => {
      await s.shortlist(req.ctx(), req.params.id, req.body);
      return { ok: true as const };
    },
  });
}
