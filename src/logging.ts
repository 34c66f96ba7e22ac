import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

/**
 * Structured JSON logs (pino) with the request id. Requests are logged by method, route pattern and
 * status only: no query strings, bodies, cookies or headers, so no personal data reaches the logs.
 */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: ['req.headers', 'res.headers', '*.password', '*.email'], remove: true },
    serializers: {
      req: (req: { method: string; routeOptions?: { url?: string }; url: string; id: string }) => ({
        method: req.method,
        route: req.routeOptions?.url ?? req.url.split('?')[0]?.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ':id'),
        id: req.id,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * What a server error's log line says about the error: its kind, codes and where it was thrown, never
 * its message. A failed query's message carries the query's parameters (a carer's name, a child's date
 * of birth), and other messages may quote input, so none is logged; the SQL text itself (parameters
 * are placeholders) and PostgreSQL's error code are kept, which is what finding the fault needs.
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const e = err as Error & { code?: unknown; query?: unknown; cause?: unknown };
  const cause = e.cause instanceof Error ? (e.cause as Error & { code?: unknown; routine?: unknown }) : undefined;
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).map((l) => l.trim());
  return {
    type: e.name,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.query === 'string' ? { query: e.query.slice(0, 2000) } : {}),
    ...(cause ? { cause: { type: cause.name, ...(typeof cause.code === 'string' ? { code: cause.code } : {}), ...(typeof cause.routine === 'string' ? { routine: cause.routine } : {}) } } : {}),
    stack: frames,
  };
}
