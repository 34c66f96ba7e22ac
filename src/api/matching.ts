import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { PLACEMENT_KINDS } from '../domain/records/household.ts';
import { ValidationError } from '../services/errors.ts';
import { vacancyFilterFrom } from '../web/presenters/matching.ts';
import { z } from 'zod';
import { route } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { docs, queryText } from './helpers.ts';
import { MatchResult, Vacancies } from './responses/requests.ts';

const tag = 'Vacancies and matching';

export function matchingApi(api: FastifyInstance, services: Services) {
  route(api, {
    method: 'GET',
    url: '/api/v1/vacancies',
    access: 'household:read',
    audit: 'vacancy.listed',
    ...docs({
      tag,
      summary:
        'Approved households with places free today (approved number minus children placed now or planned to have started), with their kinds of placement, ages, skill level and supervising social worker',
      query: z.object({
        placementKind: z.enum(Object.keys(PLACEMENT_KINDS)).meta({ description: 'Approved for this kind of placement' }).optional(),
        age: queryText('Approved for a child of this age (0 to 25)'),
        minPlaces: queryText('At least this many places free (1 to 10; default 1)'),
        includeFull: z.enum(['true', 'false']).meta({ description: 'Also list approved households with no place free' }).optional(),
      }),
      response: Vacancies,
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
    ...docs({
      tag,
      summary:
        'Match a placement request: eligible households ranked by score with each factor (name, points, explanation), the 50 best (`eligibleTotal` counts them all); households failing a constraint checked first (approval, kind, skill level, ages, pets, places) counted under the first they fail (`excludedFirst`, with `excludedTotal` for all excluded); and the other excluded households, the nearest misses (the first 50), with every reason (code, message). A draft request, or one without a kind or needed-by date, is refused with 400',
      params: IdParams,
      response: MatchResult,
    }),
    handler: async (req) => services.matching.matchRequest(req.ctx(), req.params.id),
  });
}
