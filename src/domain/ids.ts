import { z } from 'zod';

/**
 * The one definition of a record id: a UUID written as 8-4-4-4-12 hexadecimal digits, any version,
 * either case. Everything that checks an id (URL parameters, API bodies, form answers) uses this.
 */
export const Uuid = z.guid();

export const isUuid = (value: unknown): value is string => Uuid.safeParse(value).success;
