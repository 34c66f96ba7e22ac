import { planningRoutes } from './planning.ts';
import { stabilityRoutes } from './stability.ts';
import { parentAndChildReviewRoutes } from './parent-and-child-reviews.ts';
import { earlyPermanenceRoutes } from './early-permanence.ts';
import { parentAndChildRoutes } from './parent-and-child.ts';
import { moveRoutes } from './moves.ts';
import { panelRoutes } from './stability-panel.ts';
import { stabilityFigureRoutes } from './stability-figures.ts';
import { moneyRoutes } from './money.ts';
import { sufficiencyRoutes } from './sufficiency.ts';
import { concurrentPlanningRoutes } from './concurrent-planning.ts';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { Config } from '../../config.ts';
import { registerRoutes, route } from '../../http/route.ts';
import { paths } from '../../http/paths.ts';
import { authRoutes } from './auth.ts';
import { organisationRoutes } from './organisations.ts';
import { childRoutes } from './children.ts';
import { accessRoutes } from './access.ts';
import { userRoutes } from './users.ts';
import { contactRoutes } from './contacts.ts';
import { householdRoutes } from './households.ts';
import { placementRoutes } from './placements.ts';
import { adminRoutes } from './admin.ts';
import { calendarRoutes } from './calendar.ts';
import { obligationRoutes } from './obligations.ts';
import { matchingRoutes } from './matching.ts';
import { placementRequestRoutes } from './placement-requests.ts';
import { emailRoutes } from './email.ts';
import { documentRoutes, documentUploadRoutes } from './documents.ts';
import { withImportUploads, withUploads } from '../../http/files.ts';
import { importRoutes, importUploadRoutes } from './imports.ts';
import { proposalRoutes } from './proposals.ts';
import { returnRoutes } from './ssda903.ts';
import { loggableError } from '../../logging.ts';
import { moreGroups } from '../presenters/navigation.ts';

export async function registerWebRoutes(app: FastifyInstance, services: Services, config: Config) {
  route(app, {
    method: 'GET',
    url: paths.health.live,
    access: 'public',
    audit: 'none',
    handler: async () => ({ status: 'ok' }),
  });
  route(app, {
    method: 'GET',
    url: paths.health.ready,
    access: 'public',
    audit: 'none',
    handler: async (req, reply) => {
      try {
        await services.ping();
        return { status: 'ok', database: 'ok' };
      } catch (err) {
        req.log.error({ error: loggableError(err) }, 'database not ready');
        return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
      }
    },
  });
  route(app, {
    method: 'GET',
    url: paths.home,
    access: 'signed-in',
    audit: 'none',
    handler: async (_req, reply) => reply.view('pages/home.njk', { title: 'Home' }),
  });
  route(app, {
    method: 'GET',
    url: paths.more,
    access: 'signed-in',
    audit: 'none',
    handler: async (req, reply) => reply.view('pages/more.njk', { title: 'More', groups: moreGroups(req.actor!.role) }),
  });
  route(app, {
    method: 'GET',
    url: paths.accessibility,
    access: 'public',
    audit: 'none',
    handler: async (_req, reply) => reply.view('pages/accessibility.njk', { title: 'Accessibility statement' }),
  });

  registerRoutes(app, authRoutes(services, config));
  registerRoutes(app, organisationRoutes(services));
  registerRoutes(app, childRoutes(services));
  registerRoutes(app, accessRoutes(services));
  registerRoutes(app, userRoutes(services));
  registerRoutes(app, contactRoutes(services));
  registerRoutes(app, householdRoutes(services));
  registerRoutes(app, placementRoutes(services));
  registerRoutes(app, adminRoutes(services, config));
  registerRoutes(app, calendarRoutes(services));
  registerRoutes(app, obligationRoutes(services));
  registerRoutes(app, matchingRoutes(services));
  registerRoutes(app, placementRequestRoutes(services));
  registerRoutes(app, emailRoutes(services));
  registerRoutes(app, documentRoutes(services));
  await withUploads(app, (scope) => registerRoutes(scope, documentUploadRoutes(services)));
  registerRoutes(app, importRoutes(services));
  await withImportUploads(app, (scope) => registerRoutes(scope, importUploadRoutes(services)));
  registerRoutes(app, proposalRoutes(services));
  registerRoutes(app, returnRoutes(services));
  registerRoutes(app, planningRoutes(services));
  registerRoutes(app, stabilityRoutes(services));
  registerRoutes(app, parentAndChildReviewRoutes(services));
  registerRoutes(app, earlyPermanenceRoutes(services));
  registerRoutes(app, parentAndChildRoutes(services));
  registerRoutes(app, moveRoutes(services));
  registerRoutes(app, panelRoutes(services));
  registerRoutes(app, stabilityFigureRoutes(services));
  registerRoutes(app, moneyRoutes(services));
  registerRoutes(app, sufficiencyRoutes(services));
  registerRoutes(app, concurrentPlanningRoutes(services));
}
