import { z } from 'zod';
import type { FastifySchema } from 'fastify';
import { ValidationError } from '../services/errors.ts';

/** JSON Schema for OpenAPI from a domain zod schema (input shape). */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export const idParam = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } as const;

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

export function docs(opts: {
  tag: string;
  summary: string;
  body?: z.ZodType;
  params?: boolean;
  query?: Record<string, { type: string; description?: string; enum?: readonly string[] }>;
}): FastifySchema {
  const s: FastifySchema & Record<string, unknown> = { tags: [opts.tag], summary: opts.summary };
  if (opts.body) s.body = jsonSchema(opts.body);
  if (opts.params) s.params = idParam;
  if (opts.query) s.querystring = { type: 'object', properties: opts.query };
  return s;
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

export function withVersion(schema: z.ZodType): z.ZodType {
  return z.intersection(schema, z.object({ version: z.number().int().min(1) }));
}
