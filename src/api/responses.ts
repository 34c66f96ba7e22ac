/** Descriptions of API answers for the OpenAPI document (they describe; the serializer does not apply them). */
import { z } from 'zod';
import { Uuid } from '../http/schemas.ts';

export const Ok = z.object({ ok: z.literal(true) });

/** A list of records: each as GET gives it. */
export const Items = (description: string, extra: z.ZodRawShape = {}) => z.object({ items: z.array(z.looseObject({}).meta({ description })), ...extra });

export const Truncated = { truncated: z.boolean().meta({ description: 'More records match than were sent' }) };

export const RecordedEvent = z.object({
  id: Uuid,
  kind: z.string(),
  kindLabel: z.string(),
  eventDate: z.string().meta({ description: 'YYYY-MM-DD' }),
  placementId: Uuid.nullable(),
  aboutChildId: Uuid.nullable(),
  aboutChildReference: z.string().nullable(),
  periodEndsOn: z.string().nullable(),
  evidence: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string().meta({ format: 'date-time' }),
  version: z.number().int(),
});
