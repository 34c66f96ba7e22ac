import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayAccess } from '../domain/access/index.ts';
import type { Actor, Ctx } from '../services/context.ts';
import type { Services } from '../services/index.ts';
import { paths } from '../http/paths.ts';
import { sendProblem } from '../http/problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** How this request was authenticated. */
    authMethod: 'session' | 'token' | null;
    ctx: () => Ctx;
  }
}
declare module '@fastify/session' {
  interface FastifySessionObject {
    userId?: string;
    flash?: string;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const isApi = (req: FastifyRequest) => req.url.startsWith(`${paths.api.root}/`) || req.url === paths.api.root;

/**
 * Authentication (session cookie for pages and API; bearer personal access token for the API only),
 * then the route's declared permission, then CSRF on every unsafe request that a browser could forge.
 */
export function registerAuth(app: FastifyInstance, services: Services) {
  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('ctx', function (this: FastifyRequest) {
    return { actor: this.actor, correlationId: this.id };
  });

  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (header && isApi(req)) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = m?.[1] ? await services.auth.actorForToken(m[1]) : null;
      if (actor) {
        req.actor = actor;
        req.authMethod = 'token';
      }
      return;
    }
    const userId = req.session?.userId;
    if (userId) {
      const actor = await services.auth.actorForUser(userId);
      if (actor) {
        req.actor = actor;
        req.authMethod = 'session';
      } else {
        delete req.session.userId;
      }
    }
  });

  app.addHook('preHandler', async (req, reply) => {
    if (req.is404) return; // the not-found handler answers
    const config = req.routeOptions.config;
    const access = config?.access;
    if (!access || !config.audit) {
      // Deny by default: a route registered without a declaration is a defect.
      req.log.error({ url: req.routeOptions.url }, 'route without access declaration');
      return refuse(req, reply, 500);
    }
    if (!mayAccess(req.actor?.role, access)) return refuse(req, reply, req.actor ? 403 : 401);
    if (UNSAFE.has(req.method) && req.authMethod !== 'token') {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve()));
      });
    }
  });
}

function refuse(req: FastifyRequest, reply: FastifyReply, status: 401 | 403 | 500) {
  if (isApi(req)) {
    if (status === 401) return sendProblem(reply, 401, 'Sign in required', 'Send a session cookie or an Authorization: Bearer token.');
    if (status === 403) return sendProblem(reply, 403, 'Forbidden', 'Your role does not allow this.');
    return sendProblem(reply, 500, 'Route not declared');
  }
  if (status === 401) {
    const returnTo = req.method === 'GET' ? `?returnTo=${encodeURIComponent(req.url)}` : '';
    return reply.redirect(`${paths.signIn}${returnTo}`, 303);
  }
  return reply.code(status).view('errors/error.njk', {
    status,
    title: status === 403 ? 'You do not have permission to see this page' : 'Sorry, there is a problem with the service',
    user: req.actor,
  });
}
