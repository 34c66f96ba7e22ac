import path from 'node:path';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import session from '@fastify/session';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import nunjucks from 'nunjucks';
import qs from 'node:querystring';
import type { Config } from './config.ts';
import type { Services } from './services/index.ts';
import { registerAuth, isApi, SESSION_COOKIE } from './web/auth.ts';
import { registerCaseloadGuard } from './web/caseload-guard.ts';
import { configureNunjucks } from './web/nunjucks.ts';
import { registerErrorHandlers, sendFrameworkErrorPage } from './web/errors.ts';
import { clientErrorResponse, sendProblem } from './http/problem.ts';
import { registerWebRoutes } from './web/routes/index.ts';
import { registerApiRoutes } from './api/index.ts';
import { paths } from './http/paths.ts';
import { createWorkCount } from './web/work-count.ts';
import { defaultFlash, takeFlash, type Banner } from './web/flash.ts';
import { myWorkNavHtml } from './web/presenters/work.ts';
import type { RouteAccess } from './domain/access/index.ts';
import type { RouteAudit } from './audit/events.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const govukDist = path.join(here, '..', 'node_modules', 'govuk-frontend', 'dist');

export type DeclaredRoute = { method: string; url: string; access: RouteAccess | undefined; audit: RouteAudit | undefined };
declare module 'fastify' {
  interface FastifyInstance {
    declaredRoutes: DeclaredRoute[];
  }
}

export type AppOptions = {
  config: Config;
  services: Services;
  logger?: FastifyServerOptions['logger'];
  /** Called after each response is sent (tests check each route's audit declaration with it). */
  observe?: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** Called with each answer as it is sent, unchanged (tests check API answers against their declared schemas). */
  observeAnswer?: (req: FastifyRequest, reply: FastifyReply, payload: unknown) => void;
};

/** Plugins in a fixed, visible order, then routes. */
export async function buildApp({ config, services, logger = false, observe, observeAnswer }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { coerceTypes: false } },
    // A request Node cannot parse (headers over 16 KB, a broken request line): problem+json.
    clientErrorHandler: (err, socket) => {
      if (socket.writable) socket.end(clientErrorResponse(err as { code?: string }));
      else socket.destroy();
    },
    // A URL the router cannot read (a bad escape, a part over 100 characters) is refused like any
    // other bad request: problem+json for the API, the error page otherwise; never the framework's JSON.
    frameworkErrors: (err, req, reply) => {
      const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const title = status === 414 ? 'Address too long' : 'Bad request';
      const detail = status === 414 ? 'A part of the address is longer than any address in this service.' : 'The address could not be read.';
      if (req.url.startsWith('/api/')) return sendProblem(reply, status, title, detail);
      return sendFrameworkErrorPage(reply, status, title, detail);
    },
  });
  // Every route is catalogued with its declaration so a test can walk them all.
  const catalogue: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', catalogue);
  // A page's (or an API read's) service calls in one transaction: src/http/route.ts.
  app.decorate('inOneTransaction', services.inOneTransaction);
  app.addHook('onRoute', (opts) => {
    // Routes added by plugins (static files, API docs) are public and show no record.
    if (opts.config?.access === undefined && (opts.url.startsWith('/assets') || opts.url.startsWith(paths.api.docs))) {
      opts.config = { ...(opts.config ?? {}), access: 'public', audit: 'none', kind: 'asset' };
    }
    for (const method of [opts.method].flat()) {
      catalogue.push({ method: String(method), url: opts.url, access: opts.config?.access, audit: opts.config?.audit });
    }
  });

  // Each route's zod schemas check its params, query and body in route() (src/http/route.ts), after
  // authentication and the permission check; the JSON Schemas made from them for the API are its
  // OpenAPI document, so Fastify neither validates with them nor shapes answers by them.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  if (observe) app.addHook('onResponse', observe);
  // An import running in the background finishes (or fails) before the database it writes to is closed.
  app.addHook('onClose', async () => services.imports.settled());
  if (observeAnswer) {
    app.addHook('onSend', async (req, reply, payload) => {
      observeAnswer(req, reply, payload);
      return payload;
    });
  }

  // 1. Security headers with a per-request nonce for scripts.
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    strictTransportSecurity: config.env === 'production',
  });

  // 2. Bodies: HTML forms (with repeated fields kept as arrays) and JSON.
  await app.register(formbody, { parser: (body) => qs.parse(body), bodyLimit: 256 * 1024 });

  // 3. Sessions in the database, then CSRF tokens kept in the session.
  await app.register(cookie);
  // Before the session plugin's own onSend hook, which saves the session: a save's default banner.
  app.addHook('onSend', async (req, reply, payload) => {
    defaultFlash(req, reply);
    return payload;
  });
  await app.register(session, {
    secret: config.sessionSecret,
    cookieName: SESSION_COOKIE,
    store: services.sessionStore(),
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, secure: config.cookieSecure, sameSite: 'lax', path: '/', maxAge: config.session.idleMs },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });

  // 4. Rate limits: off globally, set on the routes that need them (sign-in). Counted in the database,
  //    so that every process on it counts the same attempts.
  await app.register(rateLimit, { global: false, store: services.rateLimitStore() });

  // 5. Views: Nunjucks with the GOV.UK Frontend macros.
  await app.register(view, {
    engine: { nunjucks },
    templates: [path.join(here, 'web', 'views'), govukDist],
    options: { onConfigure: (env: nunjucks.Environment) => configureNunjucks(env), noCache: config.reloadTemplates },
  });
  const workCount = createWorkCount(services);
  // Any change may add to or take from someone's queue: counts are read again after one.
  app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400) workCount.forgetAll();
  });
  app.addHook('preHandler', async (req, reply) => {
    // The count beside "My work", on pages only (not the API or assets).
    const page = req.method === 'GET' && req.actor && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/') && !req.url.startsWith('/health');
    reply.locals = {
      ...(reply.locals ?? {}),
      cspNonce: reply.cspNonce?.script,
      myWorkNav: myWorkNavHtml(page && req.actor ? await workCount.get(req.actor) : null),
      user: req.actor,
      currentPath: req.url.split('?')[0],
      csrfToken: () => reply.generateCsrf(),
    };
    // The success banner of the last save (src/web/flash.ts), taken from the session only when a
    // page is drawn for the signed-in person, so a redirect in between does not lose it.
    if (req.method === 'GET' && req.actor && req.session) {
      let taken: { banner: Banner | undefined } | null = null;
      Object.defineProperty(reply.locals, 'flash', {
        enumerable: true,
        get: () => (taken ??= { banner: takeFlash(req) }).banner,
      });
    }
  });

  // 6. GOV.UK Frontend assets, served locally (no CDN).
  await app.register(fastifyStatic, { root: path.join(govukDist, 'govuk', 'assets'), prefix: '/assets/', decorateReply: true, cacheControl: true, maxAge: '1d' });
  await app.register(fastifyStatic, {
    root: [path.join(govukDist, 'govuk'), path.join(here, 'web', 'public')],
    prefix: '/assets/govuk/',
    decorateReply: false,
    allowedPath: (p) => /^\/?(govuk-frontend\.min\.(css|js)(\.map)?|application\.(css|js))$/.test(p),
  });

  // 7. OpenAPI document and browsable docs.
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Hearth API', version: '1.0.0', description: 'JSON API for Hearth records. Authenticate with a session cookie or `Authorization: Bearer <personal access token>`.' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }],
    },
    hideUntagged: true,
  });
  await app.register(swaggerUi, { routePrefix: paths.api.docs, staticCSP: true, transformStaticCSP: (h) => h });

  // 8. Who is asking, may they, and CSRF.
  registerAuth(app, services, config.session);
  // Caseload access for routes about one child or household, after the role's permission is checked.
  registerCaseloadGuard(app, services);
  registerErrorHandlers(app);

  // 9. Routes.
  await registerWebRoutes(app, services, config);
  await registerApiRoutes(app, services);

  app.addHook('onRequest', async (req, reply) => {
    if (isApi(req)) reply.header('cache-control', 'no-store');
  });
  return app;
}
