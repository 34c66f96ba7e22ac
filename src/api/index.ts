import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { route } from '../web/route.ts';
import { paths } from '../web/paths.ts';
import { organisationApi } from './organisations.ts';

/** The JSON API under /api/v1: same services, same permission and audit declarations as the pages. */
export async function registerApiRoutes(api: FastifyInstance, services: Services) {
  route(api, {
    method: 'GET',
    url: paths.api.openapi,
    access: 'public',
    audit: 'none',
    handler: async () => api.swagger(),
  });
  organisationApi(api, services);
}
