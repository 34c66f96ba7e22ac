/**
 * The API's answers, described: each operation's `doc.response` is the schema of its successful JSON
 * answer. It is its OpenAPI entry, and the route tests check every 2xx answer against it (fields,
 * types, nullability and formats; nothing undeclared: test/response-check.ts). The serializer does not
 * apply it. Shared record shapes are here; each area's are in responses/<area>.ts.
 */
import { z } from 'zod';
import { Uuid } from '../http/schemas.ts';
import type { RecordedEvent as RecordedEventRow } from '../services/obligations.ts';

export { Uuid };

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date();

/** A moment, ISO 8601 with its offset (as JSON gives a stored timestamp: 2026-12-06T09:15:00.000Z). */
export const DateTime = z.iso.datetime({ offset: true });

/** A whole number. */
export const Int = z.number().int();

/** What JSON.stringify makes of a value of type T: a Date becomes its ISO string; the rest keeps its shape. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends (...args: never[]) => unknown
      ? never
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

/** Shown by the compiler when a schema lets through less than the type it describes. */
type TheTypeHasValuesTheSchemaRefuses<T> = { readonly 'the type has values the schema refuses': T };

/**
 * A response schema tied at compile time to the TypeScript type T of what the handler sends (as JSON):
 * what the schema gives must be a T, and every T must be what the schema gives, so a field added,
 * dropped, renamed or made nullable in the service does not compile until the schema says so. (Extra
 * optional fields and narrower values than the type can say are left to the route tests' check.)
 */
export function describing<T>() {
  return <S extends z.ZodType<Json<T>>>(schema: S & ([Json<T>] extends [z.output<S>] ? unknown : TheTypeHasValuesTheSchemaRefuses<Json<T>>)): S => schema;
}

export const Ok = z.object({ ok: z.literal(true) });

export const Truncated = { truncated: z.boolean().meta({ description: 'More records come after those sent (a later page holds them)' }) };

/** A list of records, each as the schema gives it. */
export const Items = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item) });

/** A page of a list: whether more match than were sent, the true total, and which page of how many. */
export const Paged = {
  ...Truncated,
  total: Int.meta({ description: 'How many records match, on every page' }),
  page: Int.meta({ description: 'This page, from 1' }),
  pages: Int.meta({ description: 'How many pages there are (at least 1)' }),
  pageSize: Int.meta({ description: 'Records a page holds (the limit asked for, or 500)' }),
};

/** A page of a list of records (see Paged). */
export const PagedItems = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item), ...Paged });

/** A record newly made, by its id. */
export const Created = z.object({ id: Uuid });

/** An event recorded for a child or household (a plan, meeting, visit, review, agreement…). */
export const RecordedEvent = describing<RecordedEventRow>()(
  z.object({
    id: Uuid,
    kind: z.string(),
    kindLabel: z.string(),
    eventDate: IsoDate,
    placementId: Uuid.nullable(),
    aboutChildId: Uuid.nullable(),
    aboutChildReference: z.string().nullable(),
    periodEndsOn: IsoDate.nullable(),
    evidence: z.string(),
    recordedByName: z.string().nullable(),
    recordedAt: DateTime,
    version: Int,
  }),
);
