/**
 * What foster carers offer, for the soft factors of matching: the languages they speak, their faith,
 * the needs they have experience of (NEED_TAGS), their preferences (CARER_PREFERENCES), pets and an
 * accessible home. Kept on the household (migration 0003).
 *
 * It lives here rather than in records/household.ts because its codes come from
 * records/placement-request.ts, which itself imports records/household.ts: importing them there
 * would make a cycle that fails at load time.
 *
 * Every field is optional: one that is not sent (an API client that does not know it yet) leaves
 * the stored value as it is; the household form always sends them all.
 */
import { z } from 'zod';
import { CARER_PREFERENCES, NEED_TAGS, type CarerPreference, type NeedTag } from '../records/placement-request.ts';
import { HouseholdInput } from '../records/household.ts';

export const MAX_LANGUAGES = 20;
const MAX_LANGUAGE_LENGTH = 50;

const NEED_TAG_CODES = Object.keys(NEED_TAGS) as [NeedTag, ...NeedTag[]];
const PREFERENCE_CODES = Object.keys(CARER_PREFERENCES) as [CarerPreference, ...CarerPreference[]];

/** "English, Polish" (a form) or ["English", "Polish"] (JSON) → ["English", "Polish"]; the same language once. */
export function splitLanguages(value: string | readonly string[]): string[] {
  const items = (typeof value === 'string' ? value.split(/[,;\n]+/) : value).map((l) => l.trim().replace(/\s+/g, ' ')).filter(Boolean);
  const seen = new Set<string>();
  return items.filter((l) => (seen.has(l.toLowerCase()) ? false : (seen.add(l.toLowerCase()), true)));
}

const languages = z
  .union([z.string(), z.array(z.string({ error: 'Enter languages as text' }))], { error: 'Enter the languages as text, separated by commas' })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const list = splitLanguages(v);
    if (list.length > MAX_LANGUAGES) {
      ctx.addIssue({ code: 'custom', message: `Enter ${MAX_LANGUAGES} languages or fewer` });
      return z.NEVER;
    }
    if (list.some((l) => l.length > MAX_LANGUAGE_LENGTH)) {
      ctx.addIssue({ code: 'custom', message: `Each language must be ${MAX_LANGUAGE_LENGTH} characters or fewer` });
      return z.NEVER;
    }
    return list;
  });

const faith = z
  .union([z.string(), z.null()], { error: 'Faith must be text' })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const t = v?.trim() ?? '';
    if (t.length > 100) {
      ctx.addIssue({ code: 'custom', message: 'Faith must be 100 characters or fewer' });
      return z.NEVER;
    }
    return t === '' ? null : t;
  });

const codes = <T extends string>(values: [T, ...T[]], label: string) =>
  z
    .array(z.enum(values, { error: `Select ${label} from the list` }), { error: `Select ${label} from the list` })
    .max(values.length)
    .optional()
    .transform((v) => (v === undefined ? undefined : [...new Set(v)]));

/** Yes or no: a JSON boolean, or 'true' / 'false' from radios; blank or missing is "not answered". */
const yesNo = (label: string) =>
  z
    .union([z.boolean(), z.literal('true'), z.literal('false'), z.literal('')], { error: `Select whether ${label}` })
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v === true || v === 'true'));

export const HouseholdProfileInput = z.object({
  languages,
  faith,
  experience: codes(NEED_TAG_CODES, 'experience'),
  preferences: codes(PREFERENCE_CODES, 'preferences'),
  pets: yesNo('the carers have pets'),
  accessibleHome: yesNo('the home is accessible'),
});
export type HouseholdProfileInput = z.infer<typeof HouseholdProfileInput>;

/** The household record with what the carers offer: the schema the household service validates with. */
export const HouseholdRecordInput = HouseholdInput.safeExtend(HouseholdProfileInput.shape).superRefine((v, ctx) => {
  for (const issue of profileRuleErrors(v)) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
});
export type HouseholdRecordInput = z.infer<typeof HouseholdRecordInput>;

/** Preferences that cannot both hold. */
export function profileRuleErrors(v: { preferences?: readonly string[] | undefined }): { field: string; message: string }[] {
  if (v.preferences?.includes('girls_only') && v.preferences.includes('boys_only')) {
    return [{ field: 'preferences', message: 'Select girls only or boys only, not both' }];
  }
  return [];
}
