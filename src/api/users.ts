import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { isRole, ROLES } from '../domain/access/index.ts';
import { NewUserInput, UserInput } from '../domain/records/user.ts';
import { route } from '../web/route.ts';
import { bodyWithVersion, docs, requireObject, withVersion } from './helpers.ts';
import { queryString } from '../web/forms.ts';

const tag = 'Staff';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrUndefined = (v: string | undefined) => (v && UUID.test(v) ? v : undefined);

/** Staff over the API. Responses never include password hashes; only administrators create or change users. */
export function userApi(api: FastifyInstance, services: Services) {
  const s = services.users;
  route(api, {
    method: 'GET',
    url: '/api/v1/users',
    access: 'user:read',
    audit: 'user.listed',
    schema: docs({
      tag,
      summary: 'List staff (at most 500; `truncated` says when there are more)',
      query: {
        q: { type: 'string', description: 'Name or email contains' },
        role: { type: 'string', enum: ROLES },
        teamId: { type: 'string', description: 'Team id' },
        organisationId: { type: 'string', description: 'Organisation id' },
        active: { type: 'string', enum: ['yes', 'no'] },
      },
    }),
    handler: async (req) => {
      const role = queryString(req.query, 'role');
      const active = queryString(req.query, 'active');
      return s.list(req.ctx(), {
        q: queryString(req.query, 'q'),
        role: role && isRole(role) ? role : undefined,
        teamId: uuidOrUndefined(queryString(req.query, 'teamId')),
        organisationId: uuidOrUndefined(queryString(req.query, 'organisationId')),
        active: active === 'yes' ? true : active === 'no' ? false : undefined,
      });
    },
  });
  route(api, {
    method: 'POST',
    url: '/api/v1/users',
    access: 'user:manage',
    audit: 'user.created',
    schema: docs({ tag, summary: 'Create a member of staff (administrators only; `password` optional, at least 12 characters)', body: NewUserInput }),
    handler: async (req, reply) => reply.code(201).send(await s.create(req.ctx(), requireObject(req.body))),
  });
  route(api, {
    method: 'GET',
    url: '/api/v1/users/:id',
    access: 'user:read',
    audit: 'user.viewed',
    schema: docs({ tag, summary: 'Get a member of staff, with the people they line-manage', params: true }),
    handler: async (req) => s.get(req.ctx(), (req.params as { id: string }).id),
  });
  route(api, {
    method: 'PUT',
    url: '/api/v1/users/:id',
    access: 'user:manage',
    audit: 'user.updated',
    schema: docs({ tag, summary: 'Change a member of staff (administrators only; send the version you read)', body: withVersion(UserInput), params: true }),
    handler: async (req) => {
      const id = (req.params as { id: string }).id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.update(req.ctx(), id, version, rest);
      return s.get(req.ctx(), id);
    },
  });
}
