import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { ROLES } from '../domain/access/index.ts';
import { NewUserInput, UserInput } from '../domain/records/user.ts';
import { z } from 'zod';
import { route } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { UserList, UserRecord, UserView } from './responses/staff.ts';
import { bodyWithVersion, docs, pagingOf, pagingQuery, queryId, queryText, requireObject, withVersion } from './helpers.ts';

const tag = 'Staff';

/** Staff over the API. Responses never include password hashes; only administrators create or change users. */
export function userApi(api: FastifyInstance, services: Services) {
  const s = services.users;
  route(api, {
    method: 'GET',
    url: '/api/v1/users',
    access: 'user:read',
    audit: 'user.listed',
    ...docs({
      tag,
      summary:
        'List staff a page at a time, by name (500 unless `limit` says fewer; `total` counts every match, `truncated` says when more match than were sent). A teamId or organisationId that is not an id is refused (400), not ignored',
      query: z.object({
        q: queryText('Name or email contains'),
        role: z.enum(ROLES).optional(),
        teamId: queryId('Team id'),
        organisationId: queryId('Organisation id'),
        active: z.enum(['yes', 'no']).optional(),
        ...pagingQuery,
      }),
      response: UserList,
    }),
    handler: async (req) => {
      const { q, role, teamId, organisationId, active, page, limit } = req.query;
      return s.list(req.ctx(), { q, role, teamId, organisationId, active: active === 'yes' ? true : active === 'no' ? false : undefined }, pagingOf({ page, limit }));
    },
  });
  route(api, {
    method: 'POST',
    url: '/api/v1/users',
    access: 'user:manage',
    audit: 'user.created',
    ...docs({ tag, status: 201, summary: 'Create a member of staff (administrators only; `password` optional, at least 12 characters)', body: NewUserInput, response: UserRecord }),
    handler: async (req, reply) => reply.code(201).send(await s.create(req.ctx(), requireObject(req.body))),
  });
  route(api, {
    method: 'GET',
    url: '/api/v1/users/:id',
    access: 'user:read',
    audit: 'user.viewed',
    ...docs({ tag, summary: 'Get a member of staff, with the people they line-manage', params: IdParams, response: UserView }),
    handler: async (req) => s.get(req.ctx(), req.params.id),
  });
  route(api, {
    method: 'PUT',
    url: '/api/v1/users/:id',
    access: 'user:manage',
    audit: 'user.updated',
    ...docs({ tag, summary: 'Change a member of staff (administrators only; send the version you read)', body: withVersion(UserInput), params: IdParams, response: UserView }),
    handler: async (req) => {
      const id = req.params.id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.update(req.ctx(), id, version, rest);
      return s.get(req.ctx(), id);
    },
  });
}
