import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { ContactInput } from '../domain/records/contact.ts';
import { route } from '../web/route.ts';
import { bodyWithVersion, docs, requireObject, withVersion } from './helpers.ts';
import { queryString } from '../web/forms.ts';

const tag = 'External contacts';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function contactApi(api: FastifyInstance, services: Services) {
  const s = services.contacts;
  route(api, {
    method: 'GET',
    url: '/api/v1/contacts',
    access: 'contact:read',
    audit: 'contact.listed',
    schema: docs({
      tag,
      summary: 'List external contacts (at most 500; `truncated` says when there are more)',
      query: {
        q: { type: 'string', description: 'Name, email or organisation contains' },
        role: { type: 'string', description: 'Role contains' },
        organisationId: { type: 'string', description: 'Organisation id' },
      },
    }),
    handler: async (req) => {
      const org = queryString(req.query, 'organisationId');
      return s.list(req.ctx(), { q: queryString(req.query, 'q'), role: queryString(req.query, 'role'), organisationId: org && UUID.test(org) ? org : undefined });
    },
  });
  route(api, {
    method: 'POST',
    url: '/api/v1/contacts',
    access: 'contact:write',
    audit: 'contact.created',
    schema: docs({ tag, summary: 'Create an external contact (give organisationId or organisationName)', body: ContactInput }),
    handler: async (req, reply) => reply.code(201).send(await s.create(req.ctx(), requireObject(req.body))),
  });
  route(api, {
    method: 'GET',
    url: '/api/v1/contacts/:id',
    access: 'contact:read',
    audit: 'contact.viewed',
    schema: docs({ tag, summary: 'Get an external contact', params: true }),
    handler: async (req) => s.get(req.ctx(), (req.params as { id: string }).id),
  });
  route(api, {
    method: 'PUT',
    url: '/api/v1/contacts/:id',
    access: 'contact:write',
    audit: 'contact.updated',
    schema: docs({ tag, summary: 'Change an external contact (send the version you read)', body: withVersion(ContactInput), params: true }),
    handler: async (req) => {
      const id = (req.params as { id: string }).id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.update(req.ctx(), id, version, rest);
      return s.get(req.ctx(), id);
    },
  });
}
