/**
 * Schemas shared by page and API routes: one per route declares and checks its params, query and
 * body (see route.ts), and the API's become its OpenAPI document.
 */
import { z } from 'zod';
import { Uuid, isUuid } from '../domain/ids.ts';

export { Uuid, isUuid };

/** `/things/:id` */
export const IdParams = z.object({ id: Uuid });

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** One query-string value; when a name is repeated the first value counts (as `queryString` reads it). */
export const QueryText = z.union([z.string(), z.array(z.string())]).optional().transform(first);

/** A query string read field by field by the handler (`queryString`, form helpers): any names, text values. */
export const AnyQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/**
 * A posted page form (urlencoded or multipart fields): any names, text or repeated text. Pages check
 * their fields in the service and domain and re-render with the error summary, so the schema only
 * fixes the shape; it never refuses a form for what the user typed.
 */
export const PageForm = z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional();

/** JSON Schema (OpenAPI 3.1) for a zod schema, as a client sends it. */
export function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
} as const;
