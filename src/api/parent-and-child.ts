/** Parent and child fostering over JSON: arrangements, what is recorded before placing, family members (Parent and child fostering procedure). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { ArrangementView } from '../services/parent-and-child.ts';
import type { ArrangementWithPeople } from '../data/repositories/parent-and-child.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { Uuid } from '../http/schemas.ts';
import { LEGAL_SCENARIOS, NEED_AROSE, REGULATIONS, type LegalScenario, type NeedArose, type Regulation } from '../domain/parent-and-child/arrangement.ts';
import { CONTINGENCY_OUTCOMES, type ContingencyOutcome } from '../domain/parent-and-child/before-placing.ts';
import { AdvocacyAnswerInput, AdvocacyOfferInput, ArrangementInput, ContingencyInput, ExtraSupportInput, FamilyMemberInput, HealthObservationInput, SharingAgreementInput } from '../domain/parent-and-child/inputs.ts';
import { DateTime, Int, IsoDate } from './responses.ts';
import { checkedByService, docs } from './helpers.ts';

const tag = 'Parent and child fostering';
const keys = <T extends string>(o: Record<T, unknown>) => Object.keys(o) as [T, ...T[]];

const Person = z.object({
  id: Uuid,
  role: z.enum(['parent', 'child']),
  childId: Uuid.nullable().meta({ description: 'Their child record, when Hearth holds one' }),
  familyMemberId: Uuid.nullable().meta({ description: 'The family member, when they have no child record' }),
  name: z.string(),
  dateOfBirth: IsoDate.nullable(),
  inCare: z.boolean().meta({ description: 'In care today: from the child record’s legal status, or the family member’s own record or “looked after by”' }),
  placementId: Uuid.nullable().meta({ description: 'Their own placement with the household, once it has started' }),
});

const ArrangementSummary = z.object({
  id: Uuid,
  reference: z.string(),
  householdId: Uuid,
  status: z.enum(['planned', 'active', 'ended', 'cancelled']),
  legalScenario: z.enum(keys<LegalScenario>(LEGAL_SCENARIOS)).meta({ description: Object.entries(LEGAL_SCENARIOS).map(([k, v]) => `${k}: ${v}`).join('; ') }),
  scenarioRationale: z.string(),
  parentNotCinAssessedOn: IsoDate.nullable(),
  needArose: z.enum(keys<NeedArose>(NEED_AROSE)),
  needAroseOn: IsoDate,
  needDocumentId: Uuid.nullable(),
  needReason: z.string(),
  version: Int,
  createdAt: DateTime,
  people: z.array(Person),
});

const Reason = z.object({ code: z.string(), message: z.string() });

export const ArrangementResponse = ArrangementSummary.extend({
  householdReference: z.string().nullable(),
  obligations: z.array(
    z.object({
      role: z.enum(['parent', 'child']),
      name: z.string(),
      regulations: z.array(z.enum(keys<Regulation>(REGULATIONS))).meta({ description: Object.entries(REGULATIONS).map(([k, v]) => `${k}: ${v}`).join('; ') }),
      fostered: z.boolean().meta({ description: 'A foster child of the carers: takes a place and counts towards the fostering limit' }),
      householdMember: z.boolean().meta({ description: 'Part of the fostering household while placed (2.3)' }),
      source: z.string(),
    }),
  ),
  beforePlacing: z.array(Reason).meta({ description: 'What stops a parent-and-child placement starting (the placement gate); empty when ready' }),
  notices: z.array(Reason).meta({ description: 'Advocacy not offered, or offered and not answered (visible, not blocking)' }),
  contingenciesNeeded: z.array(z.enum(keys<ContingencyOutcome>(CONTINGENCY_OUTCOMES))),
  sharingAgreements: z.array(
    z.object({ id: Uuid, whatShared: z.string(), sharedWith: z.string(), whenShared: z.string(), howShared: z.string(), agreedWithParentOn: IsoDate, childProtectionApplies: z.boolean(), chairName: z.string().nullable(), chairConfirmedOn: IsoDate.nullable(), recordedByName: z.string(), recordedAt: DateTime }),
  ).meta({ description: 'Latest first; the latest is the one in force' }),
  healthObservations: z.array(z.object({ id: Uuid, professional: z.enum(['health_visitor', 'midwife', 'gp']), professionalName: z.string(), observedOn: IsoDate, observation: z.string(), recordedByName: z.string(), recordedAt: DateTime })),
  advocacyOffers: z.array(z.object({ id: Uuid, personId: Uuid, offeredOn: IsoDate, response: z.enum(['accepted', 'declined']).nullable(), respondedOn: IsoDate.nullable(), advocate: z.string().nullable(), version: Int })),
  contingencyPlans: z.array(z.object({ outcome: z.enum(keys<ContingencyOutcome>(CONTINGENCY_OUTCOMES)), plan: z.string(), recordedByName: z.string(), recordedAt: DateTime })),
  extraSupport: z.array(z.object({ id: Uuid, consideredOn: IsoDate, socialWorkerName: z.string(), supervisingSocialWorkerName: z.string(), forParent: z.string(), forCarers: z.string(), recordedByName: z.string(), recordedAt: DateTime })),
});

function presentSummary(a: ArrangementWithPeople): z.output<typeof ArrangementSummary> {
  return {
    id: a.id,
    reference: a.reference,
    householdId: a.householdId,
    status: a.status,
    legalScenario: a.legalScenario,
    scenarioRationale: a.scenarioRationale,
    parentNotCinAssessedOn: a.parentNotCinAssessedOn,
    needArose: a.needArose,
    needAroseOn: a.needAroseOn,
    needDocumentId: a.needDocumentId,
    needReason: a.needReason,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    people: a.people.map((p) => ({ id: p.id, role: p.role, childId: p.childId, familyMemberId: p.familyMemberId, name: p.name, dateOfBirth: p.dateOfBirth, inCare: p.inCare, placementId: p.placementId })),
  };
}

export function presentArrangement(a: ArrangementView): z.output<typeof ArrangementResponse> {
  const r = a.records;
  return {
    ...presentSummary(a),
    householdReference: a.householdReference,
    obligations: a.obligations,
    beforePlacing: a.beforePlacing.map(({ code, message }) => ({ code, message })),
    notices: a.notices.map(({ code, message }) => ({ code, message })),
    contingenciesNeeded: a.contingenciesNeeded,
    sharingAgreements: r.agreements.map((x) => ({ id: x.id, whatShared: x.whatShared, sharedWith: x.sharedWith, whenShared: x.whenShared, howShared: x.howShared, agreedWithParentOn: x.agreedWithParentOn, childProtectionApplies: x.childProtectionApplies, chairName: x.chairName, chairConfirmedOn: x.chairConfirmedOn, recordedByName: x.recordedByName, recordedAt: x.recordedAt.toISOString() })),
    healthObservations: r.observations.map((x) => ({ id: x.id, professional: x.professional, professionalName: x.professionalName, observedOn: x.observedOn, observation: x.observation, recordedByName: x.recordedByName, recordedAt: x.recordedAt.toISOString() })),
    advocacyOffers: r.advocacy.map((x) => ({ id: x.id, personId: x.personId, offeredOn: x.offeredOn, response: x.response, respondedOn: x.respondedOn, advocate: x.advocate, version: x.version })),
    contingencyPlans: r.contingencies.map((x) => ({ outcome: x.outcome, plan: x.plan, recordedByName: x.recordedByName, recordedAt: x.recordedAt.toISOString() })),
    extraSupport: r.extraSupport.map((x) => ({ id: x.id, consideredOn: x.consideredOn, socialWorkerName: x.socialWorkerName, supervisingSocialWorkerName: x.supervisingSocialWorkerName, forParent: x.forParent, forCarers: x.forCarers, recordedByName: x.recordedByName, recordedAt: x.recordedAt.toISOString() })),
  };
}

export const FamilyMemberResponse = z.object({
  id: Uuid,
  name: z.string(),
  dateOfBirth: IsoDate.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  lookedAfterChildId: Uuid.nullable().meta({ description: 'Their own record, when they are a child in care held in Hearth' }),
  lookedAfterBy: z.string().nullable().meta({ description: 'Who looks after them, when Hearth does not hold their record' }),
  advocacyNeed: z.string().nullable().meta({ description: 'A learning disability or other reason they need an advocate to take part (Parent and child fostering procedure, 4.3)' }),
  version: Int,
  children: z.array(z.object({ childId: Uuid, firstName: z.string(), lastName: z.string(), reference: z.string(), relationship: z.string() })),
});

const Created = z.object({ id: Uuid });

export function parentAndChildApi(api: FastifyInstance, services: Services) {
  const s = services.parentAndChild;
  const Params = z.object({ id: Uuid.meta({ description: 'Arrangement id' }) });
  const write = 'parent-and-child:record' as const;

  route(api, {
    method: 'GET',
    url: paths.api.parentAndChildArrangements,
    access: 'placement:read',
    audit: 'parent-and-child.listed',
    ...docs({ tag, summary: 'Every parent-and-child arrangement, newest first (at most 200)', response: z.array(ArrangementSummary) }),
    handler: async (req) => (await s.list(req.ctx())).map(presentSummary),
  });

  route(api, {
    method: 'POST',
    url: paths.api.parentAndChildArrangements,
    access: write,
    audit: 'parent-and-child.recorded',
    ...docs({
      tag,
      summary:
        'Record a parent-and-child arrangement: the household, the people (each a child record or a family member, as parent or child), the legal scenario with its rationale (checked against who is in care today by their legal status), and how the need arose',
      body: checkedByService(ArrangementInput),
      response: ArrangementResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentArrangement(await s.create(req.ctx(), req.body))),
  });

  route(api, {
    method: 'GET',
    url: paths.api.parentAndChildArrangement(),
    access: 'placement:read',
    audit: 'parent-and-child.viewed',
    ...docs({ tag, summary: 'One arrangement: the people, which regulations apply to whom, what is recorded, and what stops the placement starting', params: Params, response: ArrangementResponse }),
    handler: async (req) => presentArrangement(await s.get(req.ctx(), req.params.id)),
  });

  route(api, {
    method: 'GET',
    url: paths.api.childParentAndChild(),
    access: 'child:read',
    audit: 'parent-and-child.listed',
    ...docs({ tag, summary: 'The arrangements a child is part of (as parent or child)', params: z.object({ id: Uuid.meta({ description: 'Child id' }) }), response: z.array(ArrangementSummary) }),
    handler: async (req) => (await s.ofChild(req.ctx(), req.params.id)).map(presentSummary),
  });

  const post = (url: string, audit: 'parent-and-child.sharing-agreement.recorded' | 'parent-and-child.health-observation.recorded' | 'parent-and-child.advocacy.offered' | 'parent-and-child.extra-support.recorded', summary: string, body: z.ZodType, fn: (ctx: ReturnType<Parameters<Parameters<typeof route>[1]['handler']>[0]['ctx']>, id: string, raw: unknown) => Promise<string>) =>
    route(api, {
      method: 'POST',
      url,
      access: write,
      audit,
      ...docs({ tag, summary, params: Params, body: checkedByService(body), response: Created, status: 201 }),
      handler: async (req, reply) => reply.code(201).send({ id: await fn(req.ctx(), req.params.id, req.body) }),
    });

  post(
    paths.api.parentAndChildSharingAgreements(),
    'parent-and-child.sharing-agreement.recorded',
    'Record the information-sharing agreement (what may be shared, with whom, when, how; agreed with the parent; the Child Protection Conference Chair’s confirmation when child protection procedures apply). The latest is the one in force',
    SharingAgreementInput,
    s.recordSharingAgreement,
  );
  post(paths.api.parentAndChildHealthObservations(), 'parent-and-child.health-observation.recorded', 'Record a health professional’s observation (health visitor, midwife or GP)', HealthObservationInput, s.recordHealthObservation);
  post(paths.api.parentAndChildAdvocacyOffers(), 'parent-and-child.advocacy.offered', 'Record that local advocacy support was offered to a parent in the arrangement (personId)', AdvocacyOfferInput, s.offerAdvocacy);
  post(paths.api.parentAndChildExtraSupport(), 'parent-and-child.extra-support.recorded', 'Record the extra support the child’s social worker and the supervising social worker considered for the parent and for the carers, when the placement may not succeed', ExtraSupportInput, s.recordExtraSupport);

  route(api, {
    method: 'PUT',
    url: paths.api.parentAndChildAdvocacyOffer(),
    access: write,
    audit: 'parent-and-child.advocacy.answered',
    ...docs({ tag, summary: 'Record the parent’s answer to an offer of advocacy (send the version you read); the advocate when accepted', params: z.object({ id: Uuid, offerId: Uuid }), body: checkedByService(AdvocacyAnswerInput), status: 204 }),
    handler: async (req, reply) => {
      await s.answerAdvocacy(req.ctx(), req.params.id, req.params.offerId, req.body);
      return reply.code(204).send();
    },
  });

  route(api, {
    method: 'PUT',
    url: paths.api.parentAndChildContingencyPlans(),
    access: write,
    audit: 'parent-and-child.contingency.recorded',
    ...docs({ tag, summary: 'Record the contingency plan for one possible outcome (replacing the one before)', params: Params, body: checkedByService(ContingencyInput), status: 204 }),
    handler: async (req, reply) => {
      await s.recordContingency(req.ctx(), req.params.id, req.body);
      return reply.code(204).send();
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.familyMember(),
    access: 'child:read',
    audit: 'family-member.viewed',
    ...docs({ tag, summary: 'A family member: their details and the children they are family of', params: z.object({ id: Uuid }), response: FamilyMemberResponse }),
    handler: async (req) => {
      const m = await s.familyMember(req.ctx(), req.params.id);
      return { id: m.id, name: m.name, dateOfBirth: m.dateOfBirth, phone: m.phone, email: m.email, address: m.address, postcode: m.postcode, lookedAfterChildId: m.lookedAfterChildId, lookedAfterBy: m.lookedAfterBy, advocacyNeed: m.advocacyNeed, version: m.version, children: m.children };
    },
  });

  route(api, {
    method: 'PUT',
    url: paths.api.familyMember(),
    access: 'child:write',
    audit: 'family-member.updated',
    ...docs({ tag, summary: 'Change a family member’s details (send the version you read); every child they are family of sees the change', params: z.object({ id: Uuid }), body: checkedByService(FamilyMemberInput), status: 204 }),
    handler: async (req, reply) => {
      await s.updateFamilyMember(req.ctx(), req.params.id, req.body);
      return reply.code(204).send();
    },
  });
}
