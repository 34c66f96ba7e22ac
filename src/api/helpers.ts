import { z } from 'zod';
import type { ApiDoc } from '../http/route.ts';
import { toJsonSchema } from '../http/schemas.ts';
import { ValidationError } from '../services/errors.ts';

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

/** An optional query-string value, documented; blank is the same as not given, and it is trimmed. */
export const queryText = (description?: string) =>
  (description ? z.string().meta({ description }) : z.string())
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : undefined));

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
