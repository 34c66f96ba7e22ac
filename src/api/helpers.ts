import { z } from 'zod';
import type { ApiDoc } from '../http/route.ts';
import { isUuid, toJsonSchema } from '../http/schemas.ts';
import { ValidationError } from '../services/errors.ts';
import { API_LIMIT_MAX } from '../domain/paging.ts';

type Schema = z.ZodType | undefined;

/**
 * An API operation's schemas and OpenAPI entry, spread into its route() declaration: params, query
 * and body both validate the request and document it; `response` documents the answer.
 */
export function docs<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(
  opts: ApiDoc & { params?: P; query?: Q; body?: B },
): { doc: ApiDoc; params?: P; query?: Q; body?: B } {
  const { params, query, body, ...doc } = opts;
  return { doc, ...(params ? { params } : {}), ...(query ? { query } : {}), ...(body ? { body } : {}) };
}

/**
 * `page` and `limit` of a paged API list (spread into its query schema). Without them an answer
 * holds the first 500 records, as it always has; `total`, `page` and `pages` in the answer say
 * what else there is.
 */
export const pagingQuery = {
  page: z
    .string()
    .regex(/^\d{1,7}$/, 'Page must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'Page must be 1 or more'))
    .meta({ description: 'Which page, from 1 (a page past the last gives the last)' })
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'Limit must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'Limit must be 1 or more').max(API_LIMIT_MAX, `Limit must be ${API_LIMIT_MAX} or fewer`))
    .meta({ description: `Records a page holds, 1 to ${API_LIMIT_MAX} (default ${API_LIMIT_MAX})` })
    .optional(),
};

/** The paging of an API list's query as the services take it. */
export const pagingOf = (q: { page?: number | undefined; limit?: number | undefined }) => ({ page: q.page, size: q.limit });

/** An optional query-string value, documented; blank is the same as not given, and it is trimmed. */
export const queryText = (description?: string) =>
  (description ? z.string().meta({ description }) : z.string())
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : undefined));

/**
 * An optional id (a UUID) in the query string, documented; blank is the same as not given, and it is
 * trimmed. Anything else is refused (400, naming the field), never ignored.
 */
export const queryId = (description: string) =>
  queryText(`${description} (a UUID)`).refine((v) => v === undefined || isUuid(v), { message: `${description} must be an id (a UUID)` });

/**
 * A body the service checks itself, against rules that depend on the day or on records it looks up
 * (names given by reference, one schema of several), listing every problem by field. Here it must be
 * a JSON object; the schema is its OpenAPI description.
 */
export function checkedByService(schema: z.ZodType) {
  return z.looseObject({}).meta(toJsonSchema(schema));
}

/** An API write carries the version the client last read, so concurrent edits are detected. */
export function bodyWithVersion(body: unknown): { version: number; rest: Record<string, unknown> } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError([{ field: 'body', message: 'Send a JSON object' }]);
  }
  const { version, ...rest } = body as Record<string, unknown>;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ValidationError([{ field: 'version', message: 'Send the version of the record you read (a whole number)' }]);
  }
  return { version, rest };
}

export function requireObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError([{ field: 'body', message: 'Send a JSON object' }]);
  return body as Record<string, unknown>;
}

const VERSION_MESSAGE = 'Send the version of the record you read (a whole number)';

/** The version of a record the client last read, sent with every change to it. */
export const Version = z.number({ error: VERSION_MESSAGE }).int({ error: VERSION_MESSAGE }).min(1, { error: VERSION_MESSAGE });

/** An API write's body: the record's fields and the version the client last read. */
export function withVersion<S extends z.ZodType>(schema: S) {
  return z.intersection(schema, z.object({ version: Version }));
}
