import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { APPROVAL_STATUSES, ExemptionInput, MemberInput, TERMS_KINDS, type ApprovalStatus, type TermsKind } from '../domain/records/household.ts';
import { z } from 'zod';
import { HouseholdRecordInput } from '../domain/matching/household-profile.ts';
import { route } from '../http/route.ts';
import { IdParams, isUuid } from '../http/schemas.ts';
import { Exemption, HouseholdList, HouseholdMember, HouseholdView } from './responses/households.ts';
import { bodyWithVersion, docs, pagingOf, pagingQuery, queryText, requireObject, withVersion } from './helpers.ts';

const tag = 'Households';

export function householdApi(api: FastifyInstance, services: Services) {
  const s = services.households;

  route(api, {
    method: 'GET',
    url: '/api/v1/households',
    access: 'household:read',
    audit: 'household.listed',
    ...docs({
      tag,
      summary: 'List foster households by reference, a page at a time (500 unless `limit` says fewer; `total` counts every match, `truncated` says when more match than were sent)',
      query: z.object({
        q: queryText('Reference, carer name or postcode contains'),
        approvalStatus: z.enum(Object.keys(APPROVAL_STATUSES) as ApprovalStatus[]).optional(),
        placementKind: z.enum(Object.keys(TERMS_KINDS) as TermsKind[]).meta({ description: 'Approved for this kind of placement (terms of approval; dual approval is derived from the adoption approval)' }).optional(),
        supervisingSocialWorkerId: queryText('Staff id (UUID)'),
        fosteringServiceId: queryText('Organisation id (UUID)'),
        ...pagingQuery,
      }),
      response: HouseholdList,
    }),
    handler: async (req) => {
      const { supervisingSocialWorkerId: ssw, fosteringServiceId: service, page, limit, ...rest } = req.query;
      return s.list(
        req.ctx(),
        { ...rest, supervisingSocialWorkerId: isUuid(ssw) ? ssw : undefined, fosteringServiceId: isUuid(service) ? service : undefined },
        pagingOf({ page, limit }),
      );
    },
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/households',
    access: 'household:write',
    audit: 'household.created',
    ...docs({ tag, status: 201, summary: 'Create a foster household (the reference is given by Hearth) with what the carers offer for matching', body: HouseholdRecordInput, response: HouseholdView }),
    handler: async (req, reply) => {
      const created = await s.create(req.ctx(), requireObject(req.body));
      return reply.code(201).send(await s.get(req.ctx(), created.id));
    },
  });

  route(api, {
    method: 'GET',
    url: '/api/v1/households/:id',
    access: 'household:read',
    audit: 'household.viewed',
    ...docs({ tag, summary: 'Get a household with its carers, members, exemptions and the children placed there now', params: IdParams, response: HouseholdView }),
    handler: async (req) => s.get(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'PUT',
    url: '/api/v1/households/:id',
    access: 'household:write',
    audit: 'household.updated',
    ...docs({
      tag,
      summary: 'Change a household and its carers (send the version you read); what the carers offer (languages, faith, experience, preferences, pets, accessibleHome) is kept when not sent',
      body: withVersion(HouseholdRecordInput),
      params: IdParams,
      response: HouseholdView,
    }),
    handler: async (req) => {
      const id = req.params.id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.update(req.ctx(), id, version, rest);
      return s.get(req.ctx(), id);
    },
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/households/:id/members',
    access: 'household:write',
    audit: 'household.member.added',
    ...docs({ tag, status: 201, summary: "Add a household member (a carer's own child, another child or another adult)", body: MemberInput, params: IdParams, response: HouseholdMember }),
    handler: async (req, reply) => reply.code(201).send(await s.addMember(req.ctx(), req.params.id, requireObject(req.body))),
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/households/:id/exemptions',
    access: 'household:write',
    audit: 'household.exemption.added',
    ...docs({ tag, status: 201, summary: 'Record an exemption from the usual fostering limit, naming children by id and/or reference', body: ExemptionInput, params: IdParams, response: Exemption }),
    handler: async (req, reply) => reply.code(201).send(await s.addExemption(req.ctx(), req.params.id, requireObject(req.body))),
  });
}
