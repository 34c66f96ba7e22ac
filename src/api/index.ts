import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { organisationApi } from './organisations.ts';
import { childApi } from './children.ts';
import { userApi } from './users.ts';
import { contactApi } from './contacts.ts';
import { householdApi } from './households.ts';
import { placementApi } from './placements.ts';
import { calendarApi } from './calendar.ts';
import { obligationApi } from './obligations.ts';
import { matchingApi } from './matching.ts';
import { placementRequestApi } from './placement-requests.ts';
import { documentApi } from './documents.ts';
import { proposalApi } from './proposals.ts';
import { returnApi } from './ssda903.ts';
import { planningApi } from './planning.ts';
import { stabilityApi } from './stability.ts';
import { parentAndChildReviewsApi } from './parent-and-child-reviews.ts';
import { earlyPermanenceApi } from './early-permanence.ts';
import { parentAndChildApi } from './parent-and-child.ts';
import { movesApi } from './moves.ts';
import { panelApi } from './stability-panel.ts';
import { stabilityFiguresApi } from './stability-figures.ts';
import { moneyApi } from './money.ts';
import { sufficiencyApi } from './sufficiency.ts';
import { concurrentPlanningApi } from './concurrent-planning.ts';
import { importApi } from './imports.ts';
import { accessApi } from './access.ts';

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
  childApi(api, services);
  accessApi(api, services);
  userApi(api, services);
  contactApi(api, services);
  householdApi(api, services);
  placementApi(api, services);
  calendarApi(api, services);
  obligationApi(api, services);
  matchingApi(api, services);
  placementRequestApi(api, services);
  await documentApi(api, services);
  proposalApi(api, services);
  returnApi(api, services);
  importApi(api, services);
  planningApi(api, services);
  stabilityApi(api, services);
  parentAndChildReviewsApi(api, services);
  earlyPermanenceApi(api, services);
  parentAndChildApi(api, services);
  movesApi(api, services);
  panelApi(api, services);
  stabilityFiguresApi(api, services);
  moneyApi(api, services);
  sufficiencyApi(api, services);
  concurrentPlanningApi(api, services);
}
