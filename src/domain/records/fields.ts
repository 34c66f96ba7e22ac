/**
 * Field rules shared by the record schemas: each gives a plain-English message in the GOV.UK
 * style ("Enter…", "Select…") so pages and the API report the same words.
 */
import { z } from 'zod';
import { dateProblem, isValidIsoDate } from '../dates.ts';

export const MAX_TEXT = 200;
export const MAX_LONG_TEXT = 5000;

export const text = (label: string, max = MAX_TEXT) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${capitalise(label)} must be ${max} characters or fewer` });

export const optionalText = (label: string, max = MAX_TEXT) =>
  z
    .string({ error: `${capitalise(label)} must be text` })
    .trim()
    .max(max, { error: `${capitalise(label)} must be ${max} characters or fewer` })
    .optional()
    .nullable()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));

export const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .min(1, { error: `Enter ${label}` })
    .refine(isValidIsoDate, { error: (issue) => dateProblem(capitalise(label), issue.input) });

export const optionalIsoDate = (label: string) =>
  z
    .string({ error: `${capitalise(label)} must be a real date` })
    .optional()
    .nullable()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v))
    .refine((v) => v === null || isValidIsoDate(v), { error: (issue) => dateProblem(capitalise(label), issue.input) });

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `Select ${label}` });

export const uuid = (label: string) => z.uuid({ error: `Select ${label}` });
export const optionalUuid = (label: string) =>
  z
    .union([z.uuid({ error: `Select ${label}` }), z.literal(''), z.null()], { error: `Select ${label}` })
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));

export const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter ${label} as a number` })
    .int({ error: `${capitalise(label)} must be a whole number` })
    .min(min, { error: `${capitalise(label)} must be ${min} or more` })
    .max(max, { error: `${capitalise(label)} must be ${max} or fewer` });

/**
 * A tick box: a form sends 'true' when it is ticked and nothing when it is not; the API sends a
 * JSON boolean. Missing means no. Anything else (null, 'yes', 1) is refused rather than guessed.
 */
export const checkbox = (label: string) =>
  z
    .union([z.boolean(), z.literal('true')], { error: `${capitalise(label)} must be true or false` })
    .optional()
    .transform((v) => v === true || v === 'true');

export const version = z.coerce.number({ error: 'The record version is missing' }).int().min(1);

export const postcode = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/, { error: `Enter a real postcode for ${label}, like AB1 2CD` })
    .transform(normalisePostcode);

export function normalisePostcode(value: string): string {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
