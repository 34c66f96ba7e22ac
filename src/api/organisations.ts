import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { ORGANISATION_KIND_CODES, OrganisationInput } from '../domain/records/organisation.ts';
import { z } from 'zod';
import { route } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { Items } from './responses.ts';
import { Organisation, OrganisationWithTeams } from './responses/organisations.ts';
import { bodyWithVersion, docs, queryText, requireObject, withVersion } from './helpers.ts';

const tag = 'Organisations';

export function organisationApi(api: FastifyInstance, services: Services) {
  const s = services.organisations;
  route(api, {
    method: 'GET',
    url: '/api/v1/organisations',
    access: 'organisation:read',
    audit: 'organisation.listed',
    ...docs({ tag, summary: 'List organisations', query: z.object({ q: queryText('Name or LA code contains'), kind: z.enum(ORGANISATION_KIND_CODES).optional() }), response: Items(Organisation) }),
    handler: async (req) => {
      const items = await s.list(req.ctx(), req.query);
      return { items };
    },
  });
  route(api, {
    method: 'POST',
    url: '/api/v1/organisations',
    access: 'organisation:write',
    audit: 'organisation.created',
    ...docs({ tag, status: 201, summary: 'Create an organisation', body: OrganisationInput, response: Organisation }),
    handler: async (req, reply) => reply.code(201).send(await s.create(req.ctx(), requireObject(req.body))),
  });
  route(api, {
    method: 'GET',
    url: '/api/v1/organisations/:id',
    access: 'organisation:read',
    audit: 'organisation.viewed',
    ...docs({ tag, summary: 'Get an organisation with its teams', params: IdParams, response: OrganisationWithTeams }),
    handler: async (req) => s.get(req.ctx(), req.params.id),
  });
  route(api, {
    method: 'PUT',
    url: '/api/v1/organisations/:id',
    access: 'organisation:write',
    audit: 'organisation.updated',
    ...docs({ tag, summary: 'Change an organisation (send the version you read)', body: withVersion(OrganisationInput), params: IdParams, response: OrganisationWithTeams }),
    handler: async (req) => {
      const id = req.params.id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.update(req.ctx(), id, version, rest);
      return s.get(req.ctx(), id);
    },
  });
}
