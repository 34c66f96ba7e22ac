import { z } from 'zod';
import { optionalText, optionalUuid, text } from './fields.ts';
import { optionalEmailAddress } from './user.ts';

export const PHONE_PATTERN = /^\+?[0-9][0-9 ]*$/;

/** An optional UK-style phone number: digits and spaces, perhaps a leading +, 7 to 20 characters. */
export const optionalPhone = (label = 'the phone number') =>
  z
    .union([z.string(), z.null()], { error: `Enter ${label} as text` })
    .optional()
    .transform((v) => (v === undefined || v === null ? '' : v.trim().replace(/\s+/g, ' ')))
    .refine((v) => v === '' || (v.length >= 7 && v.length <= 20 && PHONE_PATTERN.test(v)), {
      error: 'Enter a phone number of 7 to 20 characters using only digits, spaces and a leading +, like 01632 960 001',
    })
    .transform((v) => (v === '' ? null : v));

/**
 * A professional outside the organisation (for example another authority's social worker). Their
 * organisation is either one Hearth knows (organisationId) or a name typed in (organisationName).
 */
export const ContactInput = z
  .object({
    fullName: text('the full name'),
    role: text('the role', 100),
    organisationId: optionalUuid('an organisation'),
    organisationName: optionalText('the organisation name'),
    email: optionalEmailAddress(),
    phone: optionalPhone(),
  })
  .superRefine((v, ctx) => {
    if (!v.organisationId && !v.organisationName) {
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: "Select an organisation or enter the organisation's name" });
    }
  });
export type ContactInput = z.infer<typeof ContactInput>;
