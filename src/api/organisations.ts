import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { OrganisationInput } from '../domain/records/organisation.ts';
import { route } from '../web/route.ts';
import { bodyWithVersion, docs, requireObject, withVersion } from './helpers.ts';
import { queryString } from '../web/forms.ts';

const tag = 'Organisations';

export function organisationApi(api: FastifyInstance, services: Services) {
  const s = services.organisations;
  route(api, {
    method: 'GET',
    url: '/api/v1/organisations',
    access: 'organisation:read',
    audit: 'organisation.listed',
    schema: docs({ tag, summary: 'List organisations', query: { q: { type: 'string', description: 'Name or LA code contains' }, kind: { type: 'string', enum: ['local_authority', 'fostering_agency'] } } }),
    handler: async (req) => {
      const kind = queryString(req.query, 'kind');
      const items = await s.list(req.ctx(), { q: queryString(req.query, 'q'), kind: kind === 'local_authority' || kind === 'fostering_agency' ? kind : undefined });
      return { items };
    },
  });
  route(api, {
    method: 'POST',
    url: '/api/v1/organisations',
    access: 'organisation:write',
    audit: 'organisation.created',
    schema: docs({ tag, summary: 'Create an organisation', body: OrganisationInput }),
    handler: async (req, reply) => reply.code(201).send(await s.create(req.ctx(), requireObject(req.body))),
  });
  route(api, {
    method: 'GET',
    url: '/api/v1/organisations/:id',
    access: 'organisation:read',
    audit: 'organisation.viewed',
    schema: docs({ tag, summary: 'Get an organisation', params: true }),
    handler: async (req) => s.get(req.ctx(), (req.params as { id: string }).id),
  });
  route(api, {
    method: 'PUT',
    url: '/api/v1/organisations/:id',
    access: 'organisation:write',
    audit: 'organisation.updated',
    schema: docs({ tag, summary: 'Change an organisation (send the version you read)', body: withVersion(OrganisationInput), params: true }),
    handler: async (req) => {
      const id = (req.params as { id: string }).id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.update(req.ctx(), id, version, rest);
      return s.get(req.ctx(), id);
    },
  });
}
