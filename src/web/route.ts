import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import type { RouteAccess } from '../domain/access/index.ts';
import type { RouteAudit } from '../audit/events.ts';
import { NotFoundError } from '../services/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs ('public' and 'signed-in' are the only non-permission values). */
    access?: RouteAccess;
    /** The audit event the route's service writes, or 'none' for a route that shows and changes no record. */
    audit?: RouteAudit;
    kind?: 'page' | 'api' | 'asset';
  }
}

export type RouteSpec = {
  method: HTTPMethods | HTTPMethods[];
  url: string;
  access: RouteAccess;
  audit: RouteAudit;
  schema?: FastifySchema;
  rateLimit?: { max: number; timeWindow: string; hook?: 'preHandler'; keyGenerator?: (req: FastifyRequest) => string };
  handler: (req: FastifyRequest, reply: FastifyReply) => unknown;
};

/**
 * The one way routes are registered: permission and audit event are declared here, next to the
 * URL, for pages and API alike. Access is enforced in a preHandler hook (src/web/auth.ts), and a
 * route without a declaration is refused (deny by default).
 */
export function route(app: FastifyInstance, spec: RouteSpec): void {
  const kind = spec.url.startsWith('/api/') ? 'api' : 'page';
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.schema ? { schema: spec.schema } : {}),
    config: {
      access: spec.access,
      audit: spec.audit,
      kind,
      ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
    },
    handler: async (req, reply) => {
      // Record ids in the URL are UUIDs; anything else is a page that does not exist.
      for (const [key, value] of Object.entries((req.params ?? {}) as Record<string, string>)) {
        if (/id$/i.test(key) && !UUID.test(value)) throw new NotFoundError('Record');
      }
      return spec.handler(req, reply);
    },
  });
}

declare module 'fastify' {
  interface FastifyReply {
    /** Merged into every template's data by @fastify/view. */
    locals?: Record<string, unknown>;
  }
}
