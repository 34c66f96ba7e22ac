import { z } from 'zod';
import { ROLES } from '../access/index.ts';
import { capitalise, oneOf, optionalUuid, text, uuid } from './fields.ts';

export const MAX_EMAIL = 254;
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;

const emailFormat = 'Enter an email address in the correct format, like name@example.com';

/** A required e-mail address, trimmed and lowercased. */
export const emailAddress = (label = 'an email address') =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(MAX_EMAIL, { error: `${capitalise(label.replace(/^an? /, ''))} must be ${MAX_EMAIL} characters or fewer` })
    .toLowerCase()
    .pipe(z.email({ error: emailFormat }));

/** An optional e-mail address: blank becomes null, anything else must be a real address. */
export const optionalEmailAddress = (label = 'the email address') =>
  z
    .union([z.string(), z.null()], { error: `${capitalise(label)} must be text` })
    .optional()
    .transform((v) => (v === undefined || v === null ? '' : v.trim().toLowerCase()))
    .refine((v) => v.length <= MAX_EMAIL, { error: `${capitalise(label)} must be ${MAX_EMAIL} characters or fewer` })
    .refine((v) => v === '' || z.email().safeParse(v).success, { error: emailFormat })
    .transform((v) => (v === '' ? null : v));

/**
 * Yes/no answers arrive as 'yes'/'no' from radios or as booleans from the API. A missing value
 * (API only) means yes; an empty form answer is an error.
 */
export const yesNo = (label: string, whenMissing: boolean) =>
  z
    .union([z.boolean(), z.enum(['yes', 'no'])], { error: `Select ${label}` })
    .optional()
    .transform((v) => (v === undefined ? whenMissing : v === true || v === 'yes'));

/**
 * A Social Work England registration number: "SW" and digits (SSDA903 SW_ID). Optional: staff who
 * are not registered social workers have none. Stored upper case without spaces.
 */
export const sweNumber = z
  .union([z.string(), z.null()], { error: 'The Social Work England number must be text' })
  .optional()
  .transform((v) => (v === undefined || v === null ? '' : v.replace(/\s+/g, '').toUpperCase()))
  .refine((v) => v === '' || /^SW[0-9]{1,10}$/.test(v), { error: 'Enter the Social Work England registration number as SW followed by digits, like SW123456' })
  .transform((v) => (v === '' ? null : v));

/** A member of staff: who they are, what they do, where they sit and who manages them. */
export const UserInput = z.object({
  fullName: text('the full name'),
  email: emailAddress(),
  role: oneOf(ROLES, 'a role'),
  organisationId: uuid('an organisation'),
  teamId: uuid('a team'),
  lineManagerId: optionalUuid('a line manager'),
  active: yesNo('whether the account is active', true),
  sweNumber,
});
export type UserInput = z.infer<typeof UserInput>;

/** Creating a user may also set a first password (otherwise the account cannot sign in yet). */
export const NewUserInput = UserInput.extend({
  password: z
    .union([z.string(), z.null()], { error: 'The password must be text' })
    .optional()
    .transform((v) => (v === undefined || v === null ? '' : v))
    .refine((v) => v === '' || v.length >= MIN_PASSWORD, { error: `The password must be ${MIN_PASSWORD} characters or more` })
    .refine((v) => v.length <= MAX_PASSWORD, { error: `The password must be ${MAX_PASSWORD} characters or fewer` })
    .transform((v) => (v === '' ? null : v)),
});
export type NewUserInput = z.infer<typeof NewUserInput>;

/**
 * Would making `managerId` the line manager of `userId` create a loop (including managing
 * oneself)? `managerOf` maps each user to their current line manager. Tolerates loops already in
 * the map (it stops when it sees a user twice).
 */
export function wouldCreateManagerCycle(userId: string, managerId: string | null, managerOf: ReadonlyMap<string, string | null>): boolean {
  if (managerId === null) return false;
  const seen = new Set<string>();
  let current: string | null | undefined = managerId;
  while (current) {
    if (current === userId) return true;
    if (seen.has(current)) return false;
    seen.add(current);
    current = managerOf.get(current);
  }
  return false;
}
