/** Placement stability over JSON: concerns about placements (the meetings are planning records, kind `psm`: ./planning.ts). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { Concern, Consultation } from '../services/stability.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { Uuid } from '../http/schemas.ts';
import { CONCERN_RAISED_BY, CONCERN_SERIOUSNESS, ConcernInput } from '../domain/records/concern.ts';
import { ConsultationInput } from '../domain/records/consultation.ts';
import { checkedByService, docs } from './helpers.ts';

const tag = 'Placement stability';
const raisedBy = Object.keys(CONCERN_RAISED_BY) as [keyof typeof CONCERN_RAISED_BY, ...(keyof typeof CONCERN_RAISED_BY)[]];
const seriousness = Object.keys(CONCERN_SERIOUSNESS) as [keyof typeof CONCERN_SERIOUSNESS, ...(keyof typeof CONCERN_SERIOUSNESS)[]];

/** A concern as the API gives it: every field. */
export const ConcernResponse = z.strictObject({
  id: Uuid,
  placementId: Uuid,
  childId: Uuid,
  eventId: Uuid.meta({ description: 'The recorded event "placement_concern" that starts the Placement Support Meeting obligation; correcting its date moves the concern\'s' }),
  raisedOn: z.string().meta({ description: 'The day the concern was raised, YYYY-MM-DD' }),
  whatWasSeen: z.string(),
  raisedByRole: z.enum(raisedBy),
  raisedByRoleLabel: z.string(),
  raisedByName: z.string(),
  seriousness: z.enum(seriousness),
  recordedBy: Uuid.nullable(),
  recordedByName: z.string(),
  recordedAt: z.string().meta({ format: 'date-time' }),
});
export const ChildConcernResponse = ConcernResponse.extend({ householdReference: z.string(), placementStart: z.string().meta({ description: 'YYYY-MM-DD' }) });

export function presentConcern(c: Concern): z.output<typeof ConcernResponse> {
  return {
    id: c.id,
    placementId: c.placementId,
    childId: c.childId,
    eventId: c.eventId,
    raisedOn: c.raisedOn,
    whatWasSeen: c.whatWasSeen,
    raisedByRole: c.raisedByRole,
    raisedByRoleLabel: CONCERN_RAISED_BY[c.raisedByRole],
    raisedByName: c.raisedByName,
    seriousness: c.seriousness,
    recordedBy: c.recordedBy,
    recordedByName: c.recordedByName,
    recordedAt: c.recordedAt.toISOString(),
  };
}

/** A consultation with the Virtual School as the API gives it: every field. */
export const ConsultationResponse = z.strictObject({
  id: Uuid,
  childId: Uuid,
  virtualSchoolId: Uuid,
  virtualSchoolName: z.string(),
  contactId: Uuid.nullable().meta({ description: 'The contact consulted, when they are one of the Virtual School\'s contacts' }),
  consultedName: z.string(),
  consultedOn: z.string().meta({ description: 'YYYY-MM-DD' }),
  question: z.string(),
  advice: z.string(),
  recordedBy: Uuid.nullable(),
  recordedByName: z.string(),
  recordedAt: z.string().meta({ format: 'date-time' }),
});

export function presentConsultation(c: Consultation): z.output<typeof ConsultationResponse> {
  return {
    id: c.id,
    childId: c.childId,
    virtualSchoolId: c.virtualSchoolId,
    virtualSchoolName: c.virtualSchoolName,
    contactId: c.contactId,
    consultedName: c.consultedName,
    consultedOn: c.consultedOn,
    question: c.question,
    advice: c.advice,
    recordedBy: c.recordedBy,
    recordedByName: c.recordedByName,
    recordedAt: c.recordedAt.toISOString(),
  };
}

export function stabilityApi(api: FastifyInstance, services: Services) {
  const s = services.stability;
  const PlacementParams = z.object({ id: Uuid.meta({ description: 'Placement id' }) });

  route(api, {
    method: 'GET',
    url: paths.api.placementConcerns(),
    access: 'placement:read',
    audit: 'concern.listed',
    ...docs({ tag, summary: "A placement's concerns that it may be becoming unstable, latest raised first", params: PlacementParams, response: z.array(ConcernResponse) }),
    handler: async (req) => (await s.ofPlacement(req.ctx(), req.params.id)).map(presentConcern),
  });

  route(api, {
    method: 'POST',
    url: paths.api.placementConcerns(),
    access: 'concern:record',
    audit: 'concern.recorded',
    ...docs({
      tag,
      summary:
        "Record a concern that the placement may be becoming unstable. It starts a Placement Support Meeting obligation unless one is already due. The carers' concerns are recorded by their supervising social worker (raisedByRole foster_carer)",
      params: PlacementParams,
      body: ConcernInput,
      response: ConcernResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentConcern(await s.recordConcern(req.ctx(), req.params.id, req.body))),
  });

  route(api, {
    method: 'GET',
    url: paths.api.childConcerns(),
    access: 'child:read',
    audit: 'concern.listed',
    ...docs({ tag, summary: "The concerns about a child's placements, latest raised first", params: z.object({ id: Uuid.meta({ description: 'Child id' }) }), response: z.array(ChildConcernResponse) }),
    handler: async (req) => (await s.ofChild(req.ctx(), req.params.id)).map((c) => ({ ...presentConcern(c), householdReference: c.householdReference, placementStart: c.placementStart })),
  });

  const ChildParams = z.object({ id: Uuid.meta({ description: 'Child id' }) });

  route(api, {
    method: 'GET',
    url: paths.api.childConsultations(),
    access: 'child:read',
    audit: 'consultation.listed',
    ...docs({ tag, summary: "The child's consultations with the Virtual School, latest first", params: ChildParams, response: z.array(ConsultationResponse) }),
    handler: async (req) => (await s.consultationsOf(req.ctx(), req.params.id)).map(presentConsultation),
  });

  route(api, {
    method: 'POST',
    url: paths.api.childConsultations(),
    access: 'consultation:record',
    audit: 'consultation.recorded',
    ...docs({
      tag,
      summary: 'Record a consultation with the Virtual School (an organisation of kind virtual_school): the day, who was consulted (contactId of one of its contacts, or consultedName), the question and the advice',
      params: ChildParams,
      body: checkedByService(ConsultationInput),
      response: ConsultationResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentConsultation(await s.recordConsultation(req.ctx(), req.params.id, req.body))),
  });
}
