import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayAccess } from '../domain/access/index.ts';
import { tokenAllows, type TokenScope } from '../domain/access/tokens.ts';
import { sessionHasEnded } from '../domain/access/sessions.ts';
import type { Actor, Ctx } from '../services/context.ts';
import type { Services } from '../services/index.ts';
import { paths } from '../http/paths.ts';
import { sendProblem } from '../http/problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** How this request was authenticated. */
    authMethod: 'session' | 'token' | null;
    /** A token's scope (read only, or read and change); null for a session. */
    tokenScope: TokenScope | null;
    ctx: () => Ctx;
  }
}
declare module '@fastify/session' {
  interface FastifySessionObject {
    userId?: string;
    /** When the user signed in (milliseconds since 1970): the session ends SESSION_ABSOLUTE_HOURS later. */
    signedInAt?: number;
    /** The banner for the next page (src/web/flash.ts): a success as text, or a warning. */
    flash?: string | { text: string; important: true };
    /** A correct password from someone using two-factor sign-in, waiting for their code. */
    pendingTwoFactor?: { userId: string; at: number; returnTo: string };
    /** An administrator signed in with a password who must set up two-factor sign-in before anything else. */
    enrolTwoFactor?: boolean;
    /** A new TOTP secret (sealed) being set up, until confirmed with a code. */
    twoFactorSecret?: string;
    /** Single sign-on under way: the state, nonce and PKCE verifier, and where to go afterwards. */
    oidc?: { state: string; nonce: string; verifier: string; returnTo: string };
  }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'hearth_session';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Where an administrator who must set up two-factor sign-in may go meanwhile. */
const ENROLMENT_PATHS = new Set<string>([paths.account.twoFactor, paths.signOut]);

export const isApi = (req: FastifyRequest) => req.url.startsWith(`${paths.api.root}/`) || req.url === paths.api.root;

/**
 * Authentication (session cookie for pages and API; bearer personal access token for the API only),
 * then the route's declared permission, then CSRF on every unsafe request that a browser could forge.
 */
export function registerAuth(app: FastifyInstance, services: Services, session: { absoluteMs: number }) {
  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('tokenScope', null);
  app.decorateRequest('ctx', function (this: FastifyRequest) {
    return { actor: this.actor, correlationId: this.id };
  });

  app.addHook('onRequest', async (req, reply) => {
    const header = req.headers.authorization;
    if (header && isApi(req)) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const bearer = m?.[1] ? await services.auth.resolveToken(m[1]) : null;
      if (bearer) {
        req.actor = bearer.actor;
        req.authMethod = 'token';
        req.tokenScope = bearer.scope;
      }
      return;
    }
    const userId = req.session?.userId;
    if (userId) {
      // Idle sessions end in the store (the cookie's and the row's expiry roll on with each request);
      // every session ends a fixed time after sign-in, however busy. A session from before sign-in
      // times were kept has none, and ends too.
      if (sessionHasEnded(req.session.signedInAt, Date.now(), session.absoluteMs)) {
        delete req.session.userId;
        delete req.session.signedInAt;
        if (!isApi(req)) req.session.flash = `You have been signed out: sessions end ${Math.round(session.absoluteMs / 3_600_000)} hours after signing in. Sign in again to carry on.`;
        return;
      }
      const actor = await services.auth.actorForUser(userId);
      if (actor) {
        // An administrator who must set up two-factor sign-in may do only that (or sign out) first.
        if (req.session.enrolTwoFactor && !ENROLMENT_PATHS.has(req.url.split('?')[0] ?? '') && !req.url.startsWith('/assets/')) {
          if (isApi(req)) return;
          return reply.redirect(paths.account.twoFactor, 303);
        }
        req.actor = actor;
        req.authMethod = 'session';
      } else {
        delete req.session.userId;
      }
    }
  });

  // What a signed-in person was shown is kept by no cache: not the browser's (the back button after
  // signing out on a shared computer), not a proxy's. Files and exports set their own (also no-store).
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.actor && req.routeOptions.config?.kind !== 'asset' && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
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
    if (req.tokenScope && !tokenAllows(req.tokenScope, req.method)) {
      return sendProblem(reply, 403, 'Forbidden', 'This API token may only read: ask an administrator for a token that may also change records.');
    }
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
