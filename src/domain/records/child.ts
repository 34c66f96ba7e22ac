/**
 * A child looked after: the SSDA903 header fields (sex, date of birth, ethnicity, UPN), who is
 * responsible for them (authority, social worker, independent reviewing officer), and their legal
 * status history. Pure: "today" is always a parameter.
 */
import { z } from 'zod';
import { ageOn, compareDates, dateProblem, formatDate, isValidIsoDate, toDayNumber, type IsoDate } from '../dates.ts';
import { CATEGORY_OF_NEED, ETHNICITY_CODES, LEGAL_STATUS, SEX_CODES, isValidUpn, keysOf } from '../ssda903/codes.ts';
import { MISSING_CODES, REC_CODES, SW_REASON_CODES, codesValidIn } from '../ssda903/return-codes.ts';
import { isoDate, oneOf, optionalIsoDate, optionalUuid, postcode, text, uuid } from './fields.ts';
import { collectionYearOn, optionalReturnCode, returnCode } from './return-fields.ts';
import { LEGAL_STATUS_MIN_AGE, legalStatusDurationProblem } from '../ssda903/record-rules.ts';
import { inCareOn } from '../parent-and-child/arrangement.ts';
import { withMeaning } from '../ssda903/meanings.ts';

/** A child looked after may be recorded up to their 26th birthday (care leavers up to 25). */
export const MAX_CHILD_AGE = 26;
/** SSDA903 rule 358: the J legal statuses need the child to be 10 or older. */
export const MIN_AGE_FOR_J_CODES = LEGAL_STATUS_MIN_AGE.J1?.minAge ?? 10;

export type Issue = { field: string; message: string };

/** The LA's CHILD id: up to 10 letters or digits, stored upper case. */
const reference = z
  .string({ error: 'The child reference must be text' })
  .trim()
  .toUpperCase()
  .optional()
  .nullable()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v))
  .refine((v) => v === null || /^[A-Z0-9]{1,10}$/.test(v), { error: 'The child reference must be 1 to 10 letters or digits, like C123456' });

const upn = z
  .string({ error: 'Enter the UPN' })
  .trim()
  .toUpperCase()
  .min(1, { error: 'Enter the UPN, or a UN code if it is not known' })
  .refine(isValidUpn, { error: 'Enter a 13-character UPN, like A123456789012, or a code from UN1 to UN5' });

const optionalPostcode = (label: string) =>
  z
    .preprocess(
      (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v),
      z.union([z.null(), postcode(label)], { error: `Enter a real postcode for ${label}, like AB1 2CD` }),
    )
    .optional()
    .transform((v) => v ?? null);

/** Date of birth: a real date, not in the future, and the child under 26 on `today`. */
export const dateOfBirthOn = (today: IsoDate) =>
  isoDate('the date of birth')
    .refine((d) => compareDates(d, today) <= 0, { error: 'The date of birth must be today or in the past' })
    .refine((d) => ageOn(d, today) < MAX_CHILD_AGE, { error: `The child must be under ${MAX_CHILD_AGE} years old` });

/**
 * A yes/no question: radios send 'yes' or 'no', the API a boolean. Not answered means no, so
 * records and clients from before the question was asked keep working.
 */
const yesNoOrNo = (label: string) =>
  z
    .union([z.boolean(), z.enum(['yes', 'no', '']), z.null()], { error: `Select whether ${label}` })
    .optional()
    .transform((v) => v === true || v === 'yes');

export const SW_CHANGE_REASON_MESSAGE = 'Select why the social worker changed';

// ---------------------------------------------------------------------------------------------
// Other names and family members: kept so that they can be found and removed wherever the child
// must not be identified (the anonymised summary: docs/rules/anonymised-summary.md)
// ---------------------------------------------------------------------------------------------

/** Kinds of other name a child has or had. */
export const OTHER_NAME_KINDS = {
  nickname: 'Nickname or preferred name',
  previous: 'Previous name',
  other: 'Other name',
} as const;
export type OtherNameKind = keyof typeof OTHER_NAME_KINDS;
export type OtherName = { name: string; kind: OtherNameKind };
/** A parent or other relative: their name as written, and how they are related to the child ("mother", "maternal grandmother"). */
export type FamilyMember = { name: string; relationship: string };

export const MAX_OTHER_NAMES = 10;
export const MAX_FAMILY_MEMBERS = 20;
export const MAX_PERSON_NAME = 100;
export const MAX_RELATIONSHIP = 60;

/** The row a zod issue is about, counting from 1, for messages that say which row is wrong. */
const rowNumber = (path: readonly PropertyKey[] | undefined) => {
  const index = (path ?? []).find((p): p is number => typeof p === 'number');
  return index === undefined ? '' : ` ${index + 1}`;
};
const isBlank = (v: string | null | undefined) => v === undefined || v === null || v.trim() === '';
/** Trimmed, with runs of spaces (or a pasted line break) made one space. */
const tidy = (v: string | null | undefined) => (v ?? '').trim().replace(/\s+/gu, ' ');
const hasLetter = (v: string) => /\p{L}/u.test(v);

/**
 * A list of rows as a form or the API sends it. A row left entirely blank is dropped (a form shows
 * spare blank rows); a row partly filled in is an error naming its row ("Family member 2: …").
 * Problems are reported on `list.index.field`, the names the form gives its inputs.
 */
function rowList<F extends string, R>(opts: {
  noun: string;
  nounPlural: string;
  max: number;
  description: string;
  fields: Record<F, z.ZodType>;
  check: (row: Record<F, string>, add: (field: F, problem: string) => void) => void;
  out: (row: Record<F, string>) => R;
}) {
  const names = Object.keys(opts.fields) as F[];
  const blankRow = (r: Partial<Record<F, string | null>>) => names.every((f) => isBlank(r[f]));
  return z
    .array(z.object(opts.fields, { error: (iss) => `${opts.noun}${rowNumber(iss.path)} must be an object with ${names.join(' and ')}` }), {
      error: `${opts.nounPlural} must be a list`,
    })
    .meta({ description: `${opts.description} At most ${opts.max}; rows with every field blank are left out. Not sent: unchanged on a change, none for a new child; send [] to remove them all.` })
    .superRefine((rows, ctx) => {
      const given = rows as Partial<Record<F, string | null>>[];
      given.forEach((r, i) => {
        if (blankRow(r)) return;
        const row = Object.fromEntries(names.map((f) => [f, tidy(r[f])])) as Record<F, string>;
        opts.check(row, (field, problem) => ctx.addIssue({ code: 'custom', path: [i, field], message: `${opts.noun} ${i + 1}: ${problem}` }));
      });
      const kept = given.filter((r) => !blankRow(r)).length;
      if (kept > opts.max) ctx.addIssue({ code: 'custom', path: [], message: `Enter at most ${opts.max} ${opts.nounPlural.toLowerCase()}` });
    })
    .transform((rows) =>
      (rows as Partial<Record<F, string | null>>[]).filter((r) => !blankRow(r)).map((r) => opts.out(Object.fromEntries(names.map((f) => [f, tidy(r[f])])) as Record<F, string>)),
    )
    .optional();
}

const rowText = (noun: string, what: string) => z.string({ error: (iss) => `${noun}${rowNumber(iss.path)}: ${what} must be text` }).nullable().optional();

function personNameProblem(name: string, whose: string): string | null {
  if (name === '') return `enter ${whose}`;
  if (name.length > MAX_PERSON_NAME) return `the name must be ${MAX_PERSON_NAME} characters or fewer`;
  if (!hasLetter(name)) return 'the name must include letters';
  return null;
}

const OTHER_NAME_KIND_MESSAGE = 'select whether it is a nickname or preferred name, a previous name or another name';

/**
 * Nicknames, preferred names, previous names (before adoption or a change of surname) and other
 * names the child is or was known by. Left out: unchanged on a change, none for a new child.
 */
export const otherNamesInput = rowList<'name' | 'kind', OtherName>({
  noun: 'Other name',
  nounPlural: 'Other names',
  max: MAX_OTHER_NAMES,
  description: 'Nicknames, preferred names, previous names and other names the child is or was known by, each with its kind.',
  fields: {
    name: rowText('Other name', 'the name'),
    kind: rowText('Other name', 'the kind of name').meta({ enum: Object.keys(OTHER_NAME_KINDS), description: Object.entries(OTHER_NAME_KINDS).map(([k, v]) => `${k}: ${v}`).join('; ') }),
  },
  check: (row, add) => {
    const problem = personNameProblem(row.name, 'the name');
    if (problem) add('name', problem);
    if (!Object.hasOwn(OTHER_NAME_KINDS, row.kind)) add('kind', OTHER_NAME_KIND_MESSAGE);
  },
  out: (row) => ({ name: row.name, kind: row.kind as OtherNameKind }),
});

/** The child's parents and other relatives, by name and relationship. Left out: unchanged on a change, none for a new child. */
export const familyMembersInput = rowList<'name' | 'relationship', FamilyMember>({
  noun: 'Family member',
  nounPlural: 'Family members',
  max: MAX_FAMILY_MEMBERS,
  description: "The child's parents and other relatives: each one's name and how they are related to the child.",
  fields: {
    name: rowText('Family member', 'the name'),
    relationship: rowText('Family member', 'the relationship').meta({ description: 'How they are related to the child, for example mother, father, maternal grandmother, aunt' }),
  },
  check: (row, add) => {
    const problem = personNameProblem(row.name, 'their name');
    if (problem) add('name', problem);
    if (row.relationship === '') add('relationship', 'enter how they are related to the child, for example mother or maternal grandmother');
    else if (row.relationship.length > MAX_RELATIONSHIP) add('relationship', `the relationship must be ${MAX_RELATIONSHIP} characters or fewer`);
    else if (!hasLetter(row.relationship)) add('relationship', 'enter how they are related to the child in words, for example aunt');
  },
  out: (row) => ({ name: row.name, relationship: row.relationship }),
});

const childShape = <D extends z.ZodType<string, string>>(dateOfBirth: D, year: string | null) =>
  z.object({
    reference,
    firstName: text('the first name', 100),
    lastName: text('the last name', 100),
    dateOfBirth,
    sex: oneOf(keysOf(SEX_CODES), 'the sex'),
    ethnicity: oneOf(keysOf(ETHNICITY_CODES), 'the ethnicity'),
    upn,
    responsibleAuthorityId: uuid('the responsible authority'),
    socialWorkerId: optionalUuid('the allocated social worker'),
    /** The independent reviewing officer: looked-after reviews are their obligation. */
    iroId: optionalUuid('the independent reviewing officer'),
    categoryOfNeed: oneOf(keysOf(CATEGORY_OF_NEED), 'the category of need'),
    homePostcode: optionalPostcode("the child's home"),
    otherNames: otherNamesInput,
    familyMembers: familyMembersInput,
    /** SSDA903 UASC: an unaccompanied asylum-seeking child, and the date that status ceased (DUC). */
    uasc: yesNoOrNo('the child is an unaccompanied asylum-seeking child'),
    uascCeasedOn: optionalIsoDate('the date UASC status ceased'),
    /** SSDA903 MOTHER and MC_DOB: girls only. */
    isMother: yesNoOrNo('the child is a mother'),
    motherChildDob: optionalIsoDate("the date of birth of her first child"),
    /**
     * Not stored on the child: when the allocated social worker changes, why (SW_REASON, from
     * 2023-24), recorded on the social worker episode that closes.
     */
    socialWorkerChangeReason: optionalReturnCode(SW_REASON_CODES, year, SW_CHANGE_REASON_MESSAGE),
  });

type ChildFacts = {
  dateOfBirth: string;
  sex: string;
  uasc: boolean;
  uascCeasedOn: string | null;
  isMother: boolean;
  motherChildDob: string | null;
};

/** Rules across the child's UASC and mother fields (rules.md §3.3; SSDA903 header and UASC files). */
export function childRuleErrors(v: ChildFacts, today: IsoDate | null): Issue[] {
  const issues: Issue[] = [];
  const dobOk = isValidIsoDate(v.dateOfBirth);
  if (v.uascCeasedOn && isValidIsoDate(v.uascCeasedOn)) {
    if (!v.uasc) issues.push({ field: 'uascCeasedOn', message: 'Only an unaccompanied asylum-seeking child has a date UASC status ceased: remove the date, or answer yes' });
    else if (dobOk && compareDates(v.uascCeasedOn, v.dateOfBirth) <= 0) issues.push({ field: 'uascCeasedOn', message: 'The date UASC status ceased must be after the date of birth' });
  }
  if (v.isMother && v.sex !== 'F') issues.push({ field: 'isMother', message: 'Only a girl can be recorded as a mother: answer no, or check the sex' });
  if (v.isMother && !v.motherChildDob) issues.push({ field: 'motherChildDob', message: 'Enter the date of birth of her first child' });
  if (!v.isMother && v.motherChildDob) issues.push({ field: 'motherChildDob', message: 'Only a mother has a first child’s date of birth: remove the date, or answer yes' });
  if (v.isMother && v.motherChildDob && isValidIsoDate(v.motherChildDob)) {
    if (dobOk && compareDates(v.motherChildDob, v.dateOfBirth) <= 0) issues.push({ field: 'motherChildDob', message: 'Her first child’s date of birth must be after her own' });
    else if (today !== null && compareDates(v.motherChildDob, today) > 0) issues.push({ field: 'motherChildDob', message: 'Her first child’s date of birth must be today or in the past' });
  }
  return issues;
}

const refineChild = (today: IsoDate | null) => (v: ChildFacts, ctx: z.RefinementCtx) => {
  for (const i of childRuleErrors(v, today)) ctx.addIssue({ code: 'custom', path: [i.field], message: i.message });
};

/** The child's details as typed (for documentation); services parse with `childInputOn(today)`. */
export const ChildInput = childShape(isoDate('the date of birth'), null).superRefine(refineChild(null));
export type ChildInput = z.infer<typeof ChildInput>;

/**
 * The child's details, with the date rules that need today's date; the social worker change
 * reason must be a code of the collection year containing today.
 */
export const childInputOn = (today: IsoDate) => childShape(dateOfBirthOn(today), collectionYearOn(today)).superRefine(refineChild(today));

/** Whether changing social worker on `today` asks why (SW_REASON exists from 2023-24). */
export const asksSocialWorkerChangeReason = (today: IsoDate) => codesValidIn(SW_REASON_CODES, collectionYearOn(today)).length > 0;

/**
 * The SSDA903 SW_ID of a social worker: their Social Work England number, or, when they have none,
 * "XX" and the first eight characters of their Hearth id (stable, and unique enough to tell the
 * local authority's workers apart) (rules.md §3.2).
 */
export function socialWorkerReturnId(user: { id: string; sweNumber: string | null }): string {
  return user.sweNumber ?? `XX${user.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** Why a period of care ended (REC), asked when its last legal status ends with none following. */
export const CARE_ENDED_MESSAGE = 'Select why the period of care ended';
export const careEndingReason = (today: IsoDate | null) =>
  optionalReturnCode(REC_CODES, today === null ? null : collectionYearOn(today), CARE_ENDED_MESSAGE).refine((v) => v !== 'X1', {
    error: 'X1 is for an episode followed by another on the same day: leave the reason blank if another legal status follows, or select why the period of care ended',
  });

/** A missing (M) or away-without-authorisation (A) period, with the year's codes. */
export const missingInputOn = (today: IsoDate | null) =>
  z
    .object({
      kind: returnCode(MISSING_CODES, today === null ? null : collectionYearOn(today), 'Select whether the child was missing or away without authorisation'),
      startedOn: isoDate('the date the period started'),
      endedOn: optionalIsoDate('the date the period ended'),
    })
    .superRefine((v, ctx) => {
      if (v.endedOn && isValidIsoDate(v.startedOn) && compareDates(v.endedOn, v.startedOn) < 0) {
        ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'The end date must be the same as or after the start date' });
      }
      if (today !== null) {
        if (isValidIsoDate(v.startedOn) && compareDates(v.startedOn, today) > 0) ctx.addIssue({ code: 'custom', path: ['startedOn'], message: 'The start date must be today or in the past' });
        if (v.endedOn && compareDates(v.endedOn, today) > 0) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'The end date must be today or in the past' });
      }
    });
export const MissingInput = missingInputOn(null);
export type MissingInput = { kind: 'M' | 'A'; startedOn: IsoDate; endedOn: IsoDate | null };

/** One period of legal status (SSDA903 LS) as entered. */
export const LegalStatusInput = z
  .object({
    code: oneOf(keysOf(LEGAL_STATUS), 'the legal status'),
    startDate: isoDate('the start date'),
    endDate: optionalIsoDate('the end date'),
  })
  .superRefine((v, ctx) => {
    if (v.endDate && compareDates(v.endDate, v.startDate) < 0) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date must be the same as or after the start date' });
    }
  });
export type LegalStatusInput = z.infer<typeof LegalStatusInput>;

/**
 * Ending a legal status. When no legal status follows it, the period of care ends too and the
 * service asks why (REC): `careEndedReason`, a code of the collection year containing today.
 */
export const endLegalStatusInputOn = (today: IsoDate | null) =>
  z.object({
    endDate: isoDate('the end date'),
    careEndedReason: careEndingReason(today),
  });
export const EndLegalStatusInput = endLegalStatusInputOn(null);
export type EndLegalStatusInput = z.infer<typeof EndLegalStatusInput>;

/** Link a sibling: by their child reference (the page) or their id (the API). */
export const SiblingByReferenceInput = z.object({ siblingReference: text("the sibling's child reference", 10).toUpperCase() });
export const SiblingByIdInput = z.object({ siblingId: uuid('the sibling') });

export type LegalStatusPeriod = { id?: string; code: string; startDate: IsoDate; endDate: IsoDate | null };

/**
 * A period covers the days from its start up to (not including) its end: a new legal status may
 * start on the day the previous one ended, as SSDA903 episodes do. A period that starts and ends
 * on one day covers that day.
 */
function span(p: LegalStatusPeriod): [number, number] {
  const start = toDayNumber(p.startDate);
  const end = p.endDate === null ? Number.POSITIVE_INFINITY : Math.max(toDayNumber(p.endDate), start + 1);
  return [start, end];
}

export function periodsOverlap(a: LegalStatusPeriod, b: LegalStatusPeriod): boolean {
  const [as, ae] = span(a);
  const [bs, be] = span(b);
  return as < be && bs < ae;
}

const describe = (p: LegalStatusPeriod) => `${p.code} from ${formatDate(p.startDate)}${p.endDate ? ` to ${formatDate(p.endDate)}` : ''}`;

/**
 * Whether a new legal status period may be added to a child's history. Returns every problem:
 * dates in the future or before birth, J codes under 10 (rule 358), a second open period, and
 * overlaps with recorded periods.
 */
export function legalStatusProblems(
  period: LegalStatusPeriod,
  existing: readonly LegalStatusPeriod[],
  child: { dateOfBirth: IsoDate },
  today: IsoDate,
): Issue[] {
  const issues: Issue[] = [];
  if (!isValidIsoDate(period.startDate)) return [{ field: 'startDate', message: dateProblem('The start date', period.startDate) }];
  if (period.endDate !== null && !isValidIsoDate(period.endDate)) return [{ field: 'endDate', message: dateProblem('The end date', period.endDate) }];
  if (compareDates(period.startDate, today) > 0) issues.push({ field: 'startDate', message: 'The start date must be today or in the past' });
  if (compareDates(period.startDate, child.dateOfBirth) < 0) issues.push({ field: 'startDate', message: 'The start date must be on or after the date of birth' });
  if (period.endDate !== null) {
    if (compareDates(period.endDate, period.startDate) < 0) issues.push({ field: 'endDate', message: 'The end date must be the same as or after the start date' });
    if (compareDates(period.endDate, today) > 0) issues.push({ field: 'endDate', message: 'The end date must be today or in the past' });
    const tooLong = legalStatusDurationProblem(period.code, period.startDate, period.endDate);
    if (tooLong) issues.push({ field: tooLong.field, message: tooLong.message });
  }
  if (period.code.startsWith('J') && ageOn(child.dateOfBirth, period.startDate) < MIN_AGE_FOR_J_CODES) {
    issues.push({ field: 'code', message: `A J legal status needs the child to be ${MIN_AGE_FOR_J_CODES} or older on the start date (SSDA903 rule 358)` });
  }
  if (issues.some((i) => i.field !== 'code')) return issues;
  const open = existing.find((p) => p.endDate === null);
  if (period.endDate === null && open) {
    issues.push({ field: 'endDate', message: `The current legal status (${describe(open)}) has no end date. End it before adding another open period` });
    return issues;
  }
  const clash = existing.find((p) => periodsOverlap(p, period));
  if (clash) issues.push({ field: 'startDate', message: `The dates overlap the legal status ${describe(clash)}` });
  return issues;
}

/** Whether the open period may end on `endDate`. */
export function endLegalStatusProblems(period: LegalStatusPeriod, endDate: IsoDate, today: IsoDate): Issue[] {
  if (period.endDate !== null) return [{ field: 'endDate', message: 'This legal status has already ended' }];
  if (!isValidIsoDate(endDate)) return [{ field: 'endDate', message: dateProblem('The end date', endDate) }];
  const issues: Issue[] = [];
  if (compareDates(endDate, period.startDate) < 0) issues.push({ field: 'endDate', message: 'The end date must be the same as or after the start date' });
  if (compareDates(endDate, today) > 0) issues.push({ field: 'endDate', message: 'The end date must be today or in the past' });
  const tooLong = legalStatusDurationProblem(period.code, period.startDate, endDate);
  if (tooLong) issues.push({ field: tooLong.field, message: tooLong.message });
  return issues;
}

/** The legal status in force on `today`, if any. */
export function currentLegalStatus<P extends LegalStatusPeriod>(periods: readonly P[], today: IsoDate): P | null {
  const day = toDayNumber(today);
  return (
    periods
      .filter((p) => {
        const [s, e] = span(p);
        return s <= day && day < e;
      })
      .sort((a, b) => compareDates(b.startDate, a.startDate))[0] ?? null
  );
}

/** "C2: Full care order" (the meanings are in ssda903/meanings.ts). */
export function legalStatusLabel(code: string): string {
  return withMeaning('legalStatus', code);
}

/** Sibling links are stored once, the smaller id first (the table's CHECK constraint). */
export function siblingPair(a: string, b: string): { childId: string; siblingId: string } {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? { childId: x, siblingId: y } : { childId: y, siblingId: x };
}

/** A child reference for a new record: 'C' and six digits, from a random number the caller draws. */
export function childReference(random: number): string {
  return `C${String(Math.floor(random * 1_000_000) % 1_000_000).padStart(6, '0')}`;
}

/**
 * Left care by `day`: a legal status had begun by then and none is in force that day (inCareOn). The
 * children list leaves these children out of "Children in care" and shows them under "All children";
 * a child with no legal status begun yet (a record just started) is not one of them.
 */
export function leftCareBy(periods: readonly { startDate: IsoDate; endDate: IsoDate | null }[], day: IsoDate): boolean {
  return periods.some((p) => compareDates(p.startDate, day) <= 0) && !inCareOn(periods, day);
}
