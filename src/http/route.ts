import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import type { z } from 'zod';
import type { RouteAccess } from '../domain/access/index.ts';
import type { RouteAudit } from '../audit/events.ts';
import { NotFoundError, ValidationError } from '../services/errors.ts';
import { parseInput } from '../services/validate.ts';
import { problemSchema, toJsonSchema } from './schemas.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs ('public' and 'signed-in' are the only non-permission values). */
    access?: RouteAccess;
    /** The audit event the route's service writes, or 'none' for a route that shows and changes no record. */
    audit?: RouteAudit;
    kind?: 'page' | 'api' | 'asset';
    /** API routes answering JSON: the schema of a successful answer (the OpenAPI document's; tests check every answer against it). */
    response?: z.ZodType;
  }
}

/**
 * How an API operation appears in the OpenAPI document. A successful answer is one of: no content
 * (status 204), a file (produces), or JSON described precisely by `response`; there is no default.
 */
export type ApiDoc = {
  tag: string;
  summary: string;
  description?: string;
  /** A body that is not JSON (an upload): its media types. */
  consumes?: string[];
} & (
  | {
      /** The status of a successful answer (200 unless given; 202 for work started in the background). */
      status?: 200 | 201 | 202;
      /** The JSON a successful answer carries: every field, with its type, nullability and format. */
      response: z.ZodType;
      produces?: never;
    }
  | {
      status?: 200 | 201;
      /** A download: the media types a successful answer may have instead of JSON. */
      produces: string[];
      response?: never;
    }
  | { status: 204; response?: never; produces?: never }
);

/** The schema a successful JSON answer of this operation must match, if it answers JSON. */
export function responseSchema(doc: ApiDoc): z.ZodType | undefined {
  return doc.status === 204 || doc.produces ? undefined : doc.response;
}

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : unknown;
type In<S extends Schema> = S extends z.ZodType ? z.input<S> : unknown;

/** What a handler sees: params and query as its schemas give them, the body as sent once it has passed its schema. */
export type RouteRequest<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined> = FastifyRequest<{
  Params: Out<P>;
  Querystring: Out<Q>;
  Body: In<B>;
}>;

export type RouteSpec<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined> = {
  method: HTTPMethods | HTTPMethods[];
  url: string;
  access: RouteAccess;
  audit: RouteAudit;
  /** The URL's parameters. Required when the URL has any; one that does not pass is a page that does not exist (404). */
  params?: P;
  /** The query string: an API request that does not pass is refused (400 problem). */
  query?: Q;
  /**
   * The body. An API body that does not pass is refused (400 problem, every problem listed); a page
   * form's schema only fixes its shape (FormBody) and its answers are checked by the service. The
   * handler gets the body as sent, because the service parses it again with the domain's schema.
   */
  body?: B;
  /** API routes: their entry in the OpenAPI document. */
  doc?: ApiDoc;
  rateLimit?: { max: number; timeWindow: string; hook?: 'preHandler'; keyGenerator?: (req: FastifyRequest) => string };
  /** The largest body accepted, in bytes, where it is more than the app's (files sent as JSON). */
  bodyLimit?: number;
  handler: (req: RouteRequest<P, Q, B>, reply: FastifyReply) => unknown;
};

/** Where a NUL character occurs in a parsed query or body (field paths, at most ten). */
export function nulFields(value: unknown, path: string, out: string[] = []): string[] {
  if (out.length >= 10) return out;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulFields(v, `${path}.${i}`, out));
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) out.push(`${path}.${k.replaceAll('\u0000', '\\0')}`);
      nulFields(v, `${path}.${k}`, out);
    }
  }
  return out;
}

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

function openApiSchema(spec: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; doc?: ApiDoc }): FastifySchema {
  const doc = spec.doc;
  if (!doc) return {};
  const status = doc.status ?? 200;
  const response = responseSchema(doc);
  const success = doc.produces
    ? { description: 'The file', content: Object.fromEntries(doc.produces.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) }
    : response
      ? { description: 'Success', ...toJsonSchema(response) }
      : { description: 'No content', type: 'null' };
  return {
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(spec.params ? { params: toJsonSchema(spec.params) } : {}),
    ...(spec.query ? { querystring: toJsonSchema(spec.query) } : {}),
    ...(spec.body ? { body: toJsonSchema(spec.body) } : {}),
    ...(doc.consumes ? { consumes: doc.consumes } : {}),
    response: { [status]: success, '4xx': { description: problemSchema.description, content: { 'application/problem+json': { schema: problemSchema } } } },
  };
}

/**
 * The one way routes are registered: permission and audit event are declared here, next to the
 * URL, for pages and API alike. Access is enforced in a preHandler hook (src/web/auth.ts), and a
 * route without a declaration is refused (deny by default).
 *
 * Params, query and body are checked here, in the handler, after that hook, so that a caller who may
 * not use a route learns nothing about its input (401/403 come before 400/404).
 */
export function route<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(app: FastifyInstance, spec: RouteSpec<P, Q, B>): void {
  const kind = spec.url.startsWith('/api/') ? 'api' : 'page';
  if (spec.url.includes('/:') && !spec.params) throw new Error(`${spec.url}: a route with URL parameters declares their schema`);
  if (kind === 'api' && !spec.doc && !spec.url.endsWith('openapi.json')) throw new Error(`${spec.url}: an API route declares its OpenAPI entry (doc)`);
  // The type says so too; this is for a doc built at run time.
  if (spec.doc && spec.doc.status !== 204 && !spec.doc.produces && !spec.doc.response) throw new Error(`${spec.url}: an API route answering JSON declares what its answer carries (doc.response)`);
  const response = spec.doc ? responseSchema(spec.doc) : undefined;
  const { params, query, body } = spec;
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    ...(kind === 'api' ? { schema: openApiSchema({ params, query, body, doc: spec.doc }) } : {}),
    config: {
      access: spec.access,
      audit: spec.audit,
      kind,
      ...(response ? { response } : {}),
      ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
    },
    handler: async (req, reply) => {
      // PostgreSQL cannot store the NUL character in text, and no one types it: refused as input
      // anywhere (query, body), before it reaches a service.
      const nul = [...nulFields(req.query, 'query'), ...nulFields(req.body, 'body')];
      if (nul.length > 0) throw new ValidationError(nul.map((field) => ({ field, message: 'Remove the null character (\\0): it cannot be stored' })));
      // Record ids (and other parts) of a URL that do not fit are a page that does not exist.
      if (params) {
        const parsed = params.safeParse(req.params);
        if (!parsed.success) throw new NotFoundError(parsed.error.issues.some((i) => /id$/i.test(String(i.path[0] ?? ''))) ? 'Record' : 'Page');
        req.params = parsed.data;
      }
      if (query) req.query = parseInput(query, req.query);
      if (body) {
        if (kind === 'api' && !spec.doc?.consumes && !isObject(req.body)) throw new ValidationError([{ field: 'body', message: 'Send a JSON object' }]);
        parseInput(body, req.body);
      }
      // The values have just been checked against the route's schemas.
      const handle = () => spec.handler(req as RouteRequest<P, Q, B>, reply);
      // What is read to answer a GET is read in one transaction, committed before anything is sent.
      if ((req.method === 'GET' || req.method === 'HEAD') && app.hasDecorator('inOneTransaction')) return answerAfterCommit(reply, handle, app.inOneTransaction);
      return handle();
    },
  });
}

/** What the held `reply.send` and `reply.view` answer instead of the reply (see answerAfterCommit). */
const HELD = Object.freeze({ heldUntilCommit: true }) as unknown as FastifyReply;

/**
 * Runs a handler in one transaction (ADR 0017) and sends what it answered only once that has
 * committed: its audit rows, and the caseload check of every child they name, are done at the
 * commit, so a page must not leave before it. A page drawn with `reply.view` is drawn inside the
 * transaction (a template that fails rolls it back) and sent after; anything sent with `reply.send`
 * (a redirect, a file) is held until then; a value returned (the API's JSON) is serialised by
 * Fastify after the handler returns, so after the commit. If the commit refuses (caseload access),
 * nothing is sent and the refusal is answered instead, as any error of the handler.
 */
async function answerAfterCommit(reply: FastifyReply, handle: () => unknown, inOneTransaction: <T>(fn: () => Promise<T>) => Promise<T>): Promise<unknown> {
  const send = reply.send;
  const view = reply.view;
  let held: { payload: unknown } | null = null;
  let drawing: Promise<string> | null = null;
  // A reply is a promise of its own end: a handler returning it would wait for the send held here.
  // Neither the reply (not a promise meanwhile) nor the stand-ins below (HELD) is waited for.
  Object.defineProperty(reply, 'then', { value: undefined, configurable: true, writable: true });
  reply.send = function (this: FastifyReply, payload?: unknown) {
    held = { payload };
    return HELD;
  } as FastifyReply['send'];
  reply.view = function (this: FastifyReply, page: string, data?: object) {
    drawing = this.viewAsync(page, data);
    return HELD;
  } as FastifyReply['view'];
  let result: unknown;
  try {
    result = await inOneTransaction(async () => {
      const answer: unknown = await handle();
      if (drawing) {
        const html = await drawing;
        if (!reply.hasHeader('content-type')) reply.type('text/html; charset=utf-8');
        held = { payload: html };
      }
      return answer;
    });
  } finally {
    delete (reply as { then?: unknown }).then;
    reply.send = send;
    reply.view = view;
  }
  const answer = held as { payload: unknown } | null;
  if (answer) return reply.send(answer.payload);
  return result === HELD || result === reply ? reply : result;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** services.inOneTransaction, for GET routes (answerAfterCommit); absent in an app built without services. */
    inOneTransaction: <T>(fn: () => Promise<T>) => Promise<T>;
  }
  interface FastifyReply {
    /** Merged into every template's data by @fastify/view. */
    locals?: Record<string, unknown>;
  }
}

/** One row of a route table: what the route is, who may use it and what it audits, and how to register it. */
export type RouteEntry = Pick<RouteSpec, 'method' | 'url' | 'access' | 'audit'> & { register: (app: FastifyInstance) => void };

/**
 * A route for an area's route table (`export const outboxRoutes = (services) => [defineRoute({...}), …]`),
 * its schemas still typing its handler. The table reads one route after another: method, URL,
 * permission, audit action, schemas, then a handler that parses, calls a service, presents and renders.
 */
export function defineRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(spec: RouteSpec<P, Q, B>): RouteEntry {
  return { method: spec.method, url: spec.url, access: spec.access, audit: spec.audit, register: (app) => route(app, spec) };
}

/** Registers every route of a table, in order. */
export function registerRoutes(app: FastifyInstance, table: readonly RouteEntry[]): void {
  for (const entry of table) entry.register(app);
}
