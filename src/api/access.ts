/** Caseload access through the API: restricting a child's record to named people, lifting it, and breaking the glass. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { route } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { docs, requireObject, Version } from './helpers.ts';

const tag = 'Caseload access';

const RestrictionBody = z.object({
  reason: z.string().meta({ description: 'Why the record is restricted' }),
  memberIds: z.array(z.string()).meta({ description: 'The people (user ids) who may see it, besides the allocated social worker, the manager restricting it and heads of service' }),
  version: Version.optional().meta({ description: 'To change a restriction: the version you read' }),
});

const GlassAnswer = z.object({ expiresAt: z.string().meta({ description: 'When the access ends (ISO 8601)', format: 'date-time' }) });

export function accessApi(api: FastifyInstance, services: Services) {
  const s = services.access;

  route(api, {
    method: 'PUT',
    url: '/api/v1/children/:id/restriction',
    access: 'child:write',
    audit: 'child.restricted',
    ...docs({
      tag,
      summary: "Restrict a child's record to named people, or change who is named (a team manager or head of service; send the version to change one)",
      params: IdParams,
      body: RestrictionBody,
      status: 204,
    }),
    handler: async (req, reply) => {
      const body = requireObject(req.body);
      await s.restrict(req.ctx(), req.params.id, body, typeof body.version === 'number' ? body.version : null);
      return reply.code(204).send();
    },
  });

  route(api, {
    method: 'DELETE',
    url: '/api/v1/children/:id/restriction',
    access: 'child:write',
    audit: 'child.restriction.lifted',
    ...docs({ tag, summary: 'Lift the restriction on a child’s record (a team manager or head of service; send the version you read)', params: IdParams, query: z.object({ version: z.coerce.number().int().min(1) }), status: 204 }),
    handler: async (req, reply) => {
      await s.lift(req.ctx(), req.params.id, req.query.version);
      return reply.code(204).send();
    },
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/children/:id/break-glass',
    access: 'child:read',
    audit: 'access.glass-broken',
    ...docs({
      tag,
      summary: "Break the glass: read a child's record that is not on your caseload (or is restricted) for 8 hours, with your reason; your line manager is told",
      params: IdParams,
      body: z.object({ reason: z.string().meta({ description: 'Why you need to see it (at least 10 characters)' }) }),
      status: 201,
      response: GlassAnswer,
    }),
    handler: async (req, reply) => {
      const { expiresAt } = await s.breakGlass(req.ctx(), req.params.id, requireObject(req.body));
      return reply.code(201).send({ expiresAt: expiresAt.toISOString() });
    },
  });
}
