import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { PLACEMENT_KINDS } from '../domain/records/household.ts';
import { ValidationError } from '../services/errors.ts';
import { vacancyFilterFrom } from '../web/routes/matching.ts';
import { route } from '../web/route.ts';
import { docs } from './helpers.ts';

const tag = 'Vacancies and matching';

export function matchingApi(api: FastifyInstance, services: Services) {
  route(api, {
    method: 'GET',
    url: '/api/v1/vacancies',
    access: 'household:read',
    audit: 'vacancy.listed',
    schema: docs({
      tag,
      summary:
        'Approved households with places free today (approved number minus children placed now or planned to have started), with their kinds of placement, ages, skill level and supervising social worker',
      query: {
        placementKind: { type: 'string', enum: Object.keys(PLACEMENT_KINDS), description: 'Approved for this kind of placement' },
        age: { type: 'string', description: "Approved for a child of this age (0 to 25)" },
        minPlaces: { type: 'string', description: 'At least this many places free (1 to 10; default 1)' },
        includeFull: { type: 'string', enum: ['true', 'false'], description: 'Also list approved households with no place free' },
      },
    }),
    handler: async (req) => {
      const { filter, errors } = vacancyFilterFrom(req.query);
      if (errors.length) throw new ValidationError(errors);
      return services.matching.vacancies(req.ctx(), filter);
    },
  });

  route(api, {
    method: 'GET',
    url: '/api/v1/requests/:id/matching',
    access: 'matching:run',
    audit: 'matching.viewed',
    schema: docs({
      tag,
      summary:
        'Match a placement request: eligible households ranked by score with each factor (name, points, explanation), and excluded households with every reason (code, message). A draft request, or one without a kind or needed-by date, is refused with 400',
      params: true,
    }),
    handler: async (req) => services.matching.matchRequest(req.ctx(), (req.params as { id: string }).id),
  });
}
