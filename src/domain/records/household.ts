import { z } from 'zod';
import { compareDates, type IsoDate } from '../dates.ts';
import { MAX_LONG_TEXT, capitalise, isoDate, oneOf, optionalIsoDate, optionalText, optionalUuid, postcode, text, uuid } from './fields.ts';

/** The kinds of placement (of a placement and of a request for one). */
export const PLACEMENT_KINDS = {
  emergency: 'Emergency',
  short_term: 'Short-term',
  long_term: 'Long-term',
  short_breaks: 'Short breaks',
  parent_and_child: 'Parent and child',
  fostering_for_adoption: 'Fostering for adoption (carers with dual approval)',
  concurrent_planning: 'Concurrent planning (carers with dual approval)',
} as const;
export type PlacementKind = keyof typeof PLACEMENT_KINDS;

/**
 * The early permanence kinds: the carers are foster carers also approved as prospective adopters
 * (Children Act 1989 s22C(9B)). They are not ticked on the terms of approval: dual approval is
 * derived from the fostering approval and the adoption approval both being current
 * (src/domain/matching/dual-approval.ts).
 */
export const EARLY_PERMANENCE_KINDS: ReadonlySet<PlacementKind> = new Set(['fostering_for_adoption', 'concurrent_planning']);
export const isEarlyPermanenceKind = (kind: string | null | undefined): boolean => kind !== null && kind !== undefined && EARLY_PERMANENCE_KINDS.has(kind as PlacementKind);

/** The kinds a household's terms of approval may list (the early permanence kinds are derived, not ticked). */
export const TERMS_KINDS = Object.fromEntries(Object.entries(PLACEMENT_KINDS).filter(([k]) => !isEarlyPermanenceKind(k))) as Omit<
  typeof PLACEMENT_KINDS,
  'fostering_for_adoption' | 'concurrent_planning'
>;
export type TermsKind = keyof typeof TERMS_KINDS;
const TERMS_KIND_CODES = Object.keys(TERMS_KINDS) as [TermsKind, ...TermsKind[]];

export const APPROVAL_STATUSES = {
  in_assessment: 'In assessment',
  approved: 'Approved',
  on_hold: 'On hold',
  deregistered: 'Deregistered',
} as const;
export type ApprovalStatus = keyof typeof APPROVAL_STATUSES;
const APPROVAL_STATUS_CODES = Object.keys(APPROVAL_STATUSES) as [ApprovalStatus, ...ApprovalStatus[]];

export const SKILL_LEVELS = { '1': 'Level 1', '2': 'Level 2', '3': 'Level 3', '4': 'Level 4' } as const;

/** People in the household other than the carers (carers are entered on the household form). */
export const MEMBER_KINDS = {
  carer_child: "Carer's own child",
  other_child: 'Other child',
  other_adult: 'Other adult',
} as const;
export type MemberKind = keyof typeof MEMBER_KINDS;
export const MEMBER_KIND_LABELS: Record<MemberKind | 'carer', string> = { carer: 'Foster carer', ...MEMBER_KINDS };

export const MAX_APPROVED_CHILDREN = 10;
export const MAX_AGE = 25;

/**
 * A whole number from a form (a numeric string) or JSON (a number). Empty means "not given", so
 * radios and blank inputs say "Enter…" / "Select…" rather than "must be 1 or more".
 */
const count = (label: string, min: number, max: number, missing = `Enter ${label}`) =>
  z
    .union([z.number(), z.string(), z.null(), z.undefined()], { error: `Enter ${label} as a number` })
    .transform((v, ctx) => {
      const s = typeof v === 'string' ? v.trim() : v;
      if (s === undefined || s === null || s === '') {
        ctx.addIssue({ code: 'custom', message: missing });
        return z.NEVER;
      }
      const n = typeof s === 'number' ? s : /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
      if (!Number.isInteger(n)) {
        ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be a whole number` });
        return z.NEVER;
      }
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be between ${min} and ${max}` });
        return z.NEVER;
      }
      return n;
    });

const placementKinds = z
  .array(z.enum(TERMS_KIND_CODES, { error: 'Select placement kinds from the list' }), { error: 'Select placement kinds from the list' })
  .max(TERMS_KIND_CODES.length)
  .optional()
  .transform((v) => [...new Set(v ?? [])]);

/**
 * A foster household: one or two carers, the address, the fostering service that approved them,
 * the supervising social worker and the terms of approval.
 */
export const HouseholdInput = z
  .object({
    carer1FirstName: text("carer 1's first name", 100),
    carer1LastName: text("carer 1's last name", 100),
    carer2FirstName: optionalText("carer 2's first name", 100),
    carer2LastName: optionalText("carer 2's last name", 100),
    addressLine1: text('address line 1'),
    addressLine2: optionalText('address line 2'),
    town: text('the town or city', 100),
    postcode: z
      .string({ error: 'Enter the postcode' })
      .trim()
      .min(1, { error: 'Enter the postcode' })
      .pipe(postcode('the address')),
    fosteringServiceId: uuid('the fostering service'),
    supervisingSocialWorkerId: optionalUuid('the supervising social worker'),
    approvalStatus: oneOf(APPROVAL_STATUS_CODES, 'the approval status'),
    approvalDate: optionalIsoDate('the approval date'),
    approvedChildren: count('the number of children approved for', 0, MAX_APPROVED_CHILDREN),
    ageMin: count('the youngest age approved for', 0, MAX_AGE),
    ageMax: count('the oldest age approved for', 0, MAX_AGE),
    placementKinds,
    skillLevel: count('the skill level', 1, 4, 'Select the skill level'),
  })
  .superRefine((v, ctx) => {
    for (const issue of householdRuleErrors(v)) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  });
export type HouseholdInput = z.infer<typeof HouseholdInput>;

type HouseholdRuleFacts = {
  carer2FirstName: string | null;
  carer2LastName: string | null;
  approvalStatus: ApprovalStatus;
  approvalDate: string | null;
  ageMin: number;
  ageMax: number;
};

/** The rules across fields of a household; every failing rule is returned, not just the first. */
export function householdRuleErrors(v: HouseholdRuleFacts): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (v.carer2FirstName && !v.carer2LastName) errors.push({ field: 'carer2LastName', message: "Enter carer 2's last name, or leave both of carer 2's names blank" });
  if (v.carer2LastName && !v.carer2FirstName) errors.push({ field: 'carer2FirstName', message: "Enter carer 2's first name, or leave both of carer 2's names blank" });
  if (v.approvalStatus === 'approved' && !v.approvalDate) errors.push({ field: 'approvalDate', message: 'Enter the approval date' });
  if (v.ageMin > v.ageMax) errors.push({ field: 'ageMax', message: 'The oldest age must be the same as or more than the youngest age' });
  return errors;
}

/** Rules that need "today": an approval cannot be dated in the future. */
export function householdDateErrors(v: { approvalDate: IsoDate | null }, today: IsoDate): { field: string; message: string }[] {
  if (v.approvalDate && compareDates(v.approvalDate, today) > 0) return [{ field: 'approvalDate', message: 'The approval date must be today or in the past' }];
  return [];
}

/** A person living in the household who is not a carer: the carers' own children, other children, other adults. */
export const MemberInput = z
  .object({
    kind: oneOf(Object.keys(MEMBER_KINDS) as [MemberKind, ...MemberKind[]], 'who the person is'),
    firstName: text('their first name', 100),
    lastName: text('their last name', 100),
    dateOfBirth: optionalIsoDate('their date of birth'),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'other_adult' && !v.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: "Enter the child's date of birth" });
  });
export type MemberInput = z.infer<typeof MemberInput>;

export function memberDateErrors(v: { dateOfBirth: IsoDate | null }, today: IsoDate): { field: string; message: string }[] {
  if (v.dateOfBirth && compareDates(v.dateOfBirth, today) > 0) return [{ field: 'dateOfBirth', message: 'The date of birth must be today or in the past' }];
  return [];
}

/** Child references as typed: "C00012, C00013" or one a line. */
export function splitReferences(value: string | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[\s,;]+/).map((r) => r.trim().toUpperCase()).filter(Boolean))];
}

/**
 * An exemption from the usual fostering limit (Children Act 1989 Schedule 7 para 4): a written
 * notice from the local authority where the carer lives, naming the children and any conditions.
 * The children are given by id (chosen from those placed) and/or by reference (typed).
 */
export const ExemptionInput = z
  .object({
    childIds: z
      .array(z.uuid({ error: 'Select children from the list' }), { error: 'Select children from the list' })
      .max(20, { error: 'Name 20 children or fewer' })
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
    childReferences: optionalText('the child references', 500),
    grantingAuthorityId: uuid('the local authority that granted the exemption'),
    conditions: optionalText('the conditions', MAX_LONG_TEXT).transform((v) => v ?? ''),
    startDate: isoDate('the date the exemption starts'),
    endDate: optionalIsoDate('the date the exemption ends'),
  })
  .superRefine((v, ctx) => {
    if (v.childIds.length === 0 && splitReferences(v.childReferences).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['childReferences'], message: 'Name at least one child: enter their references or select them' });
    }
    if (v.endDate && compareDates(v.endDate, v.startDate) < 0) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date must be the same as or after the start date' });
    }
  });
export type ExemptionInput = z.infer<typeof ExemptionInput>;

/** Is the exemption in force on `today`? */
export function exemptionInForce(e: { startDate: IsoDate; endDate: IsoDate | null }, today: IsoDate): boolean {
  return compareDates(e.startDate, today) <= 0 && (e.endDate === null || compareDates(today, e.endDate) <= 0);
}

export function carerNames(carers: { firstName: string; lastName: string }[]): string {
  return carers.map((c) => `${c.firstName} ${c.lastName}`).join(' and ');
}
