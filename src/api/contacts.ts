import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { ContactInput } from '../domain/records/contact.ts';
import { z } from 'zod';
import { route } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { Contact, ContactList } from './responses/staff.ts';
import { bodyWithVersion, docs, pagingOf, pagingQuery, queryId, queryText, requireObject, withVersion } from './helpers.ts';

const tag = 'External contacts';

export function contactApi(api: FastifyInstance, services: Services) {
  const s = services.contacts;
  route(api, {
    method: 'GET',
    url: '/api/v1/contacts',
    access: 'contact:read',
    audit: 'contact.listed',
    ...docs({
      tag,
      summary:
        'List external contacts a page at a time, by name (500 unless `limit` says fewer; `total` counts every match, `truncated` says when more match than were sent). An organisationId that is not an id is refused (400), not ignored',
      query: z.object({
        q: queryText('Name, email or organisation contains'),
        role: queryText('Role contains'),
        organisationId: queryId('Organisation id'),
        ...pagingQuery,
      }),
      response: ContactList,
    }),
    handler: async (req) => {
      const { q, role, organisationId, page, limit } = req.query;
      return s.list(req.ctx(), { q, role, organisationId }, pagingOf({ page, limit }));
    },
  });
  route(api, {
    method: 'POST',
    url: '/api/v1/contacts',
    access: 'contact:write',
    audit: 'contact.created',
    ...docs({ tag, status: 201, summary: 'Create an external contact (give organisationId or organisationName)', body: ContactInput, response: Contact }),
    handler: async (req, reply) => reply.code(201).send(await s.create(req.ctx(), requireObject(req.body))),
  });
  route(api, {
    method: 'GET',
    url: '/api/v1/contacts/:id',
    access: 'contact:read',
    audit: 'contact.viewed',
    ...docs({ tag, summary: 'Get an external contact', params: IdParams, response: Contact }),
    handler: async (req) => s.get(req.ctx(), req.params.id),
  });
  route(api, {
    method: 'PUT',
    url: '/api/v1/contacts/:id',
    access: 'contact:write',
    audit: 'contact.updated',
    ...docs({ tag, summary: 'Change an external contact (send the version you read)', body: withVersion(ContactInput), params: IdParams, response: Contact }),
    handler: async (req) => {
      const id = req.params.id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.update(req.ctx(), id, version, rest);
      return s.get(req.ctx(), id);
    },
  });
}
