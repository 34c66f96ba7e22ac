import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { APPROVAL_STATUSES, ExemptionInput, MemberInput, PLACEMENT_KINDS, type ApprovalStatus, type PlacementKind } from '../domain/records/household.ts';
import { HouseholdRecordInput } from '../domain/matching/household-profile.ts';
import { route } from '../web/route.ts';
import { bodyWithVersion, docs, requireObject, withVersion } from './helpers.ts';
import { queryString } from '../web/forms.ts';

const tag = 'Households';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function householdApi(api: FastifyInstance, services: Services) {
  const s = services.households;

  route(api, {
    method: 'GET',
    url: '/api/v1/households',
    access: 'household:read',
    audit: 'household.listed',
    schema: docs({
      tag,
      summary: 'List foster households (at most 500; `truncated` says when there are more)',
      query: {
        q: { type: 'string', description: 'Reference, carer name or postcode contains' },
        approvalStatus: { type: 'string', enum: Object.keys(APPROVAL_STATUSES) },
        placementKind: { type: 'string', enum: Object.keys(PLACEMENT_KINDS), description: 'Approved for this kind of placement' },
        supervisingSocialWorkerId: { type: 'string', description: 'Staff id (UUID)' },
        fosteringServiceId: { type: 'string', description: 'Organisation id (UUID)' },
      },
    }),
    handler: async (req) => {
      const status = queryString(req.query, 'approvalStatus');
      const kind = queryString(req.query, 'placementKind');
      const ssw = queryString(req.query, 'supervisingSocialWorkerId');
      const service = queryString(req.query, 'fosteringServiceId');
      return s.list(req.ctx(), {
        q: queryString(req.query, 'q'),
        approvalStatus: status && status in APPROVAL_STATUSES ? (status as ApprovalStatus) : undefined,
        placementKind: kind && kind in PLACEMENT_KINDS ? (kind as PlacementKind) : undefined,
        supervisingSocialWorkerId: ssw && UUID.test(ssw) ? ssw : undefined,
        fosteringServiceId: service && UUID.test(service) ? service : undefined,
      });
    },
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/households',
    access: 'household:write',
    audit: 'household.created',
    schema: docs({ tag, summary: 'Create a foster household (the reference is given by Hearth) with what the carers offer for matching', body: HouseholdRecordInput }),
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
    schema: docs({ tag, summary: 'Get a household with its carers, members, exemptions and the children placed there now', params: true }),
    handler: async (req) => s.get(req.ctx(), (req.params as { id: string }).id),
  });

  route(api, {
    method: 'PUT',
    url: '/api/v1/households/:id',
    access: 'household:write',
    audit: 'household.updated',
    schema: docs({
      tag,
      summary: 'Change a household and its carers (send the version you read); what the carers offer (languages, faith, experience, preferences, pets, accessibleHome) is kept when not sent',
      body: withVersion(HouseholdRecordInput),
      params: true,
    }),
    handler: async (req) => {
      const id = (req.params as { id: string }).id;
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
    schema: docs({ tag, summary: "Add a household member (a carer's own child, another child or another adult)", body: MemberInput, params: true }),
    handler: async (req, reply) => reply.code(201).send(await s.addMember(req.ctx(), (req.params as { id: string }).id, requireObject(req.body))),
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/households/:id/exemptions',
    access: 'household:write',
    audit: 'household.exemption.added',
    schema: docs({ tag, summary: 'Record an exemption from the usual fostering limit, naming children by id and/or reference', body: ExemptionInput, params: true }),
    handler: async (req, reply) => reply.code(201).send(await s.addExemption(req.ctx(), (req.params as { id: string }).id, requireObject(req.body))),
  });
}
