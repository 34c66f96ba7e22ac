import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { PLACEMENT_STATUSES, PlacementInput, PlacementUpdateInput, type PlacementStatus } from '../domain/records/placement.ts';
import { PLACEMENT_TYPES } from '../domain/ssda903/codes.ts';
import { route } from '../web/route.ts';
import { bodyWithVersion, docs, requireObject, withVersion } from './helpers.ts';
import { queryString } from '../web/forms.ts';

const tag = 'Placements';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For the OpenAPI document: the child and household may be named by id or by reference. */
const PlacementCreateDoc = z.union([
  PlacementInput,
  z.object({
    childReference: z.string().describe('Instead of childId, e.g. C00012'),
    householdReference: z.string().describe('Instead of householdId, e.g. H00034'),
    startDate: z.string(),
    endDate: z.string().nullable().optional(),
    placementType: z.enum(Object.keys(PLACEMENT_TYPES) as [string, ...string[]]),
    status: z.enum(Object.keys(PLACEMENT_STATUSES) as [string, ...string[]]),
  }),
]);

export function placementApi(api: FastifyInstance, services: Services) {
  const s = services.placements;

  route(api, {
    method: 'GET',
    url: '/api/v1/placements',
    access: 'placement:read',
    audit: 'placement.listed',
    schema: docs({
      tag,
      summary: 'List placements, newest first (at most 500; `truncated` says when there are more)',
      query: {
        q: { type: 'string', description: "Child's name or reference contains" },
        status: { type: 'string', enum: Object.keys(PLACEMENT_STATUSES) },
        placementType: { type: 'string', enum: Object.keys(PLACEMENT_TYPES) },
        householdId: { type: 'string', description: 'Household id (UUID)' },
        childId: { type: 'string', description: 'Child id (UUID)' },
      },
    }),
    handler: async (req) => {
      const status = queryString(req.query, 'status');
      const type = queryString(req.query, 'placementType');
      const householdId = queryString(req.query, 'householdId');
      const childId = queryString(req.query, 'childId');
      return s.list(req.ctx(), {
        q: queryString(req.query, 'q'),
        status: status && status in PLACEMENT_STATUSES ? (status as PlacementStatus) : undefined,
        placementType: type && type in PLACEMENT_TYPES ? type : undefined,
        householdId: householdId && UUID.test(householdId) ? householdId : undefined,
        childId: childId && UUID.test(childId) ? childId : undefined,
      });
    },
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/placements',
    access: 'placement:write',
    audit: 'placement.created',
    schema: docs({ tag, summary: 'Create a placement (refused if it overlaps another planned or active placement of the child)', body: PlacementCreateDoc }),
    handler: async (req, reply) => reply.code(201).send(await s.create(req.ctx(), requireObject(req.body))),
  });

  route(api, {
    method: 'GET',
    url: '/api/v1/placements/:id',
    access: 'placement:read',
    audit: 'placement.viewed',
    schema: docs({ tag, summary: 'Get a placement', params: true }),
    handler: async (req) => s.get(req.ctx(), (req.params as { id: string }).id),
  });

  route(api, {
    method: 'PUT',
    url: '/api/v1/placements/:id',
    access: 'placement:write',
    audit: 'placement.updated',
    schema: docs({ tag, summary: "Change a placement's dates, type or status (send the version you read)", body: withVersion(PlacementUpdateInput), params: true }),
    handler: async (req) => {
      const id = (req.params as { id: string }).id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.update(req.ctx(), id, version, rest);
      return s.get(req.ctx(), id);
    },
  });
}
