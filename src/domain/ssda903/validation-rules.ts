/**
 * The DfE's SSDA903 validation rules for the fields Hearth holds, one small named rule each: its
 * number, the DfE's wording, how to put it right in plain English, and the check on one child's
 * rows. The sources and the rules left out are in docs/rules/ssda903-validation.md.
 */
import { addDays, isValidIsoDate, type IsoDate } from '../dates.ts';
import { CATEGORY_OF_NEED, ETHNICITY_CODES, LEGAL_STATUS } from './codes.ts';
import {
  MISSING_CODES,
  NO_PROVIDER_PLACES,
  NO_URN_PLACES,
  PLACE_CODES,
  PLACE_PROVIDER_CODES,
  REASON_PLACE_CHANGE_CODES,
  REC_CODES,
  REVIEW_CODES,
  RNE_CODES,
  SEX_BY_YEAR,
  SW_REASON_CODES,
  SEX_ADOPTR_CODES,
  LS_ADOPTR_CODES,
  TEMPORARY_PLACES,
  URN_PLACEHOLDER,
  codesValidIn,
  firstYearOf,
  isCodeValidIn,
} from './return-codes.ts';
import type { Ad1Row, EpisodeRow, PlacedAdoptionRow, ReviewRow, SwEpisodeRow } from './return-types.ts';
import { ADOPTER_RULES, adopterProblems, LEGAL_STATUS_MAX_DAYS, LEGAL_STATUS_MIN_AGE, PLACEMENT_MIN_AGE, PROVIDER_PLACEMENT_RULES, TEMPORARY_MAX_DAYS } from './record-rules.ts';
import {
  ageAt,
  birthday,
  blank,
  cap,
  chains,
  collect,
  daysBetween,
  defineRule,
  describeEpisode,
  episodeFinding,
  formatDate,
  NONE,
  pick,
  same,
  samePostcode,
  type At,
  type ChildContext,
  type Finding,
  type RowKind,
  type RuleDefinition,
  uascLately,
} from './validation-engine.ts';

const has = (list: Readonly<Record<string, unknown>>, code: string | null): boolean => code !== null && Object.hasOwn(list, code);
/**
 * A code list's codes as a Set, made once: `codesOf(LIST).has(code)` is `has(LIST, code)` (null is
 * in no list), and the checks ask it for every row of a return, where Object.hasOwn on a list of many
 * codes cost a tenth of a second at 100,000 children.
 */
const codesOf = (list: Readonly<Record<string, unknown>>): ReadonlySet<string | null> => new Set(Object.getOwnPropertyNames(list));
const RNE_SET = codesOf(RNE_CODES);
const LEGAL_STATUS_SET = codesOf(LEGAL_STATUS);
const CATEGORY_OF_NEED_SET = codesOf(CATEGORY_OF_NEED);
const PLACE_PROVIDER_SET = codesOf(PLACE_PROVIDER_CODES);
const REC_SET = codesOf(REC_CODES);
const REASON_PLACE_CHANGE_SET = codesOf(REASON_PLACE_CHANGE_CODES);
const REVIEW_SET = codesOf(REVIEW_CODES);
const ETHNICITY_SET = codesOf(ETHNICITY_CODES);
const MISSING_SET = codesOf(MISSING_CODES);
const headerFinding = (ctx: ChildContext, detail: string): Finding[] => (ctx.header ? [{ file: 'header', index: ctx.header.index, detail }] : NONE);
const quoted = (v: string | null) => (blank(v) ? 'blank' : `“${v}”`);
const SHORT_BREAKS: ReadonlySet<string> = new Set(['V3', 'V4']);
/** Placed for adoption (placement types A3 to A6). */
const PLACED_FOR_ADOPTION: readonly string[] = ['A3', 'A4', 'A5', 'A6'];

// =============================================================================================
// Field validity
// =============================================================================================

export const sexValid = defineRule({
  rule: '101',
  name: 'Sex is a valid code',
  dfeMessage: 'The child or young person’s reported sex is not valid.',
  howToFix: 'Record the child’s sex on their details page (from 2024-25 the codes are M, F or U).',
  fields: ['SEX'],
  area: 'child',
  check: (ctx) => {
    const sex = ctx.header?.row.SEX ?? null;
    if (!ctx.header || isCodeValidIn(SEX_BY_YEAR, sex, ctx.year)) return NONE;
    const valid = codesValidIn(SEX_BY_YEAR, ctx.year).join(', ');
    return headerFinding(ctx, `Sex is ${quoted(sex)}, which is not one of ${valid} for ${ctx.year.label}.`);
  },
});

export const sexUnknown = defineRule({
  rule: '232',
  onlyWith: { header: { field: 'SEX', codes: ['U'] } },
  name: 'Sex reported as unknown',
  dfeMessage: 'Sex of the child/young person has been reported as unknown.',
  howToFix: 'This is a warning: check the child’s sex on their details page and record M or F if it is known.',
  severity: 'warning',
  fields: ['SEX'],
  area: 'child',
  years: { from: '2024-25' },
  check: (ctx) => (ctx.header?.row.SEX === 'U' ? headerFinding(ctx, 'Sex is recorded as unknown (U).') : NONE),
});

export const ethnicityValid = defineRule({
  rule: '103',
  name: 'Ethnicity is a valid code',
  dfeMessage: 'The ethnicity code is either not valid or has not been entered.',
  howToFix: 'Record the child’s ethnicity on their details page (use REFU if refused, NOBT if not yet obtained).',
  fields: ['ETHNIC'],
  area: 'child',
  check: (ctx) => {
    const v = ctx.header?.row.ETHNIC ?? null;
    return ctx.header && !ETHNICITY_SET.has(v) ? headerFinding(ctx, `Ethnicity is ${quoted(v)}, which is not a DfE ethnicity code.`) : NONE;
  },
});

/** A 13-character UPN: a check letter (not I, O or S), 11 digits, then a digit or a letter. */
const UPN_FORMAT = /^[A-HJ-NPQRT-Z](\d{12}|\d{11}[A-Z])$/;
const UPN_UNKNOWN = /^UN[1-5]$/;

export const upnValid = defineRule({
  rule: '168',
  name: 'UPN is valid',
  dfeMessage: 'Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.',
  howToFix: 'Record the child’s 13-character UPN on their details page, or the UN code that says why it is not known.',
  fields: ['UPN'],
  area: 'child',
  check: (ctx) => {
    const upn = ctx.header?.row.UPN ?? null;
    if (!ctx.header || (upn !== null && (UPN_FORMAT.test(upn) || UPN_UNKNOWN.test(upn)))) return NONE;
    return headerFinding(ctx, blank(upn) ? 'No UPN is recorded.' : `UPN ${quoted(upn)} is not a valid UPN or UN code.`);
  },
});

export const upnNotUn1AtSchoolAge = defineRule({
  rule: '209',
  onlyWith: { header: { field: 'UPN', codes: ['UN1'] } },
  name: 'UN1 only for children not of school age',
  dfeMessage: 'Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.',
  howToFix: 'The child is of school age: record their UPN, or another UN code that says why it is not known.',
  fields: ['UPN', 'DOB'],
  area: 'child',
  check: (ctx) => {
    if (ctx.header?.row.UPN !== 'UN1' || ctx.dob === null) return NONE;
    // School age: 4 or over on 31 August of the calendar year before the collection year starts.
    const ref = `${firstYearOf(ctx.year) - 1}-08-31`;
    const age = ageAt(ctx.dob, ref);
    return age !== null && age >= 4 ? headerFinding(ctx, `UPN is UN1 (not of school age), but the child was ${age} on ${formatDate(ref)}.`) : NONE;
  },
});

export const upnNotUn4AfterAWeek = defineRule({
  rule: '210',
  onlyWith: { header: { field: 'UPN', codes: ['UN4'] } },
  name: 'UN4 only for children newly looked after',
  dfeMessage: 'Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.',
  howToFix: 'The child has been looked after for more than a week: obtain and record their UPN, or another UN code.',
  fields: ['UPN', 'DECOM'],
  area: 'child',
  check: (ctx) => {
    if (ctx.header?.row.UPN !== 'UN4') return NONE;
    const last = ctx.periods[ctx.periods.length - 1];
    const lastEpisode = last?.[last.length - 1];
    const start = last?.[0]?.row.DECOM;
    if (!lastEpisode || lastEpisode.row.DEC !== null || start === undefined) return NONE;
    const weekBefore = addDays(ctx.year.end, -7);
    return start < weekBefore ? headerFinding(ctx, `UPN is UN4 (newly looked after), but the child has been looked after since ${formatDate(start)}.`) : NONE;
  },
});

/** One rule per code list on episodes: the value, when present (or always, when required), must be a valid code. */
function episodeCodeRule(opts: {
  rule: string;
  name: string;
  dfeMessage: string;
  howToFix: string;
  field: keyof EpisodeRow;
  area: RuleDefinition['area'];
  required: boolean;
  valid: (code: string, ctx: ChildContext) => boolean;
  what: string;
}): RuleDefinition {
  return defineRule({
    rule: opts.rule,
    name: opts.name,
    dfeMessage: opts.dfeMessage,
    howToFix: opts.howToFix,
    fields: [opts.field],
    area: opts.area,
    // A loop rather than collect: these six rules run on every episode of every child, and a
    // callback made for each call was a fifth of what the checks allocated.
    check: (ctx) => {
      let out: Finding[] | null = null;
      for (let i = 0; i < ctx.episodes.length; i++) {
        const e = ctx.episodes[i] as At<EpisodeRow>;
        const v = e.row[opts.field];
        if (blank(v)) {
          if (opts.required) (out ??= []).push(episodeFinding(e, `${cap(describeEpisode(e.row))} has no ${opts.what}.`));
        } else if (!opts.valid(v as string, ctx)) {
          (out ??= []).push(episodeFinding(e, `${cap(describeEpisode(e.row))} has ${opts.what} ${quoted(v)}, which is not valid for ${ctx.year.label}.`));
        }
      }
      return out ?? NONE;
    },
  });
}

export const rneValid = episodeCodeRule({
  rule: '143',
  name: 'Reason for new episode is a valid code',
  dfeMessage: 'The reason for new episode code is not a valid code.',
  howToFix: 'Episodes are derived from the legal status and placement history: check the changes recorded on that day.',
  field: 'RNE',
  area: 'history',
  required: true,
  valid: (c) => RNE_SET.has(c),
  what: 'reason for new episode',
});

export const legalStatusValid = episodeCodeRule({
  rule: '144',
  name: 'Legal status is a valid code',
  dfeMessage: 'The legal status code is not a valid code.',
  howToFix: 'Correct the legal status recorded for that date in the child’s legal status history.',
  field: 'LS',
  area: 'legal_status',
  required: true,
  valid: (c) => LEGAL_STATUS_SET.has(c),
  what: 'legal status',
});

export const categoryOfNeedValid = episodeCodeRule({
  rule: '145',
  name: 'Category of need is a valid code',
  dfeMessage: 'Category of need code is not a valid code.',
  howToFix: 'Record the child’s category of need (N1 to N8) for this period of care.',
  field: 'CIN',
  area: 'category_of_need',
  required: true,
  valid: (c) => CATEGORY_OF_NEED_SET.has(c),
  what: 'category of need',
});

export const placeValid = episodeCodeRule({
  rule: '146',
  name: 'Placement type is valid for the year',
  dfeMessage: 'Placement type code is not a valid code.',
  howToFix: 'Change the placement type to one valid for the collection year (H5 and P2 ended in 2023-24, K3 began in 2024-25, Z1 was split into Z11 to Z14 in 2025-26).',
  field: 'PLACE',
  area: 'placement',
  required: true,
  valid: (c, ctx) => isCodeValidIn(PLACE_CODES, c, ctx.year),
  what: 'placement type',
});

export const providerValid = episodeCodeRule({
  rule: '178',
  name: 'Placement provider is a valid code',
  dfeMessage: 'Placement provider code is not a valid code.',
  howToFix: 'Record who provides the placement (PR0 to PR5) on the placement page.',
  field: 'PLACE_PROVIDER',
  area: 'placement',
  required: false,
  valid: (c) => PLACE_PROVIDER_SET.has(c),
  what: 'placement provider',
});

export const recValid = episodeCodeRule({
  rule: '149',
  name: 'Reason episode ceased is a valid code',
  dfeMessage: 'Reason episode ceased code is not valid.',
  howToFix: 'Record why the child’s period of care ended using one of the DfE codes.',
  field: 'REC',
  area: 'care_ending',
  required: false,
  valid: (c) => REC_SET.has(c),
  what: 'reason episode ceased',
});

export const reasonPlaceChangeValid = episodeCodeRule({
  rule: '1009',
  name: 'Reason for placement change is a valid code',
  dfeMessage: 'Reason for placement change is not a valid code.',
  howToFix: 'Record why the placement ended using one of the DfE codes on the placement page.',
  field: 'REASON_PLACE_CHANGE',
  area: 'placement',
  required: false,
  valid: (c) => REASON_PLACE_CHANGE_SET.has(c),
  what: 'reason for placement change',
});

export const reviewCodeValid = defineRule({
  rule: '167',
  onlyWith: { rows: ['reviews'] },
  name: 'Review participation is a valid code',
  dfeMessage: 'Data entry for participation is invalid or blank.',
  howToFix: 'Record how the child took part in the review (PN0 to PN7) on the review record.',
  fields: ['REVIEW_CODE'],
  area: 'review',
  check: (ctx) =>
    pick(ctx.reviews, (r) => !REVIEW_SET.has(r.row.REVIEW_CODE), (r) => ({ file: 'reviews' as const, index: r.index, detail: `The review on ${formatDate(r.row.REVIEW)} has participation ${quoted(r.row.REVIEW_CODE)}.` })),
});

export const missingTypeValid = defineRule({
  rule: '1006',
  name: 'Missing type is a valid code',
  dfeMessage: 'Missing type invalid.',
  howToFix: 'Record whether the child was missing (M) or away from placement without authorisation (A).',
  fields: ['MISSING'],
  area: 'missing',
  check: (ctx) =>
    pick(ctx.missing, (m) => !MISSING_SET.has(m.row.MISSING), (m) => ({ file: 'missing' as const, index: m.index, detail: `The period from ${formatDate(m.row.MIS_START)} has type ${quoted(m.row.MISSING)}.` })),
});

/** 1 April 2023: from then on every social worker episode has an ID and a reason (SW01bSTG1, SW13STG1). */
const SW_DATA_START = '2023-04-01';

export const swReasonValid = defineRule({
  rule: 'SW13STG1',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Reason for social worker change is a valid code',
  dfeMessage: 'The reason for social worker change is either not valid or has not been entered.',
  howToFix: 'Record why the social worker changed on the social worker history, using one of the DfE codes (the first social worker’s episode is FCONTA, first contact).',
  fields: ['SW_REASON'],
  area: 'social_worker',
  years: { from: '2023-24' },
  check: (ctx) => {
    let out: Finding[] | null = null;
    for (let i = 0; i < ctx.swEpisodes.length; i++) {
      const s = ctx.swEpisodes[i] as At<SwEpisodeRow>;
      const reason = s.row.SW_REASON;
      if (blank(reason) ? s.row.SW_DECOM < SW_DATA_START : isCodeValidIn(SW_REASON_CODES, reason, ctx.year)) continue;
      const detail = blank(reason) ? 'has no reason for the change of social worker' : `has reason ${quoted(reason)}, which is not a DfE code`;
      (out ??= []).push({ file: 'swEpisodes', index: s.index, detail: `The social worker episode from ${formatDate(s.row.SW_DECOM)} ${detail}.` });
    }
    return out ?? NONE;
  },
});

export const swEpisodeComplete = defineRule({
  rule: 'SW01bSTG1',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Social worker episode complete',
  dfeMessage: 'For each social worker episode, information should be complete',
  howToFix: 'Record the social worker’s ID, the date they took the case on and why the social worker changed (FCONTA for the first) in the social worker history.',
  fields: ['SW_DECOM', 'SW_ID', 'SW_REASON'],
  area: 'social_worker',
  years: { from: '2024-25' },
  check: (ctx) =>
    collect(ctx.swEpisodes, (s) => {
      if (!blank(s.row.SW_DECOM) && (s.row.SW_DECOM < SW_DATA_START || (!blank(s.row.SW_ID) && !blank(s.row.SW_REASON)))) return null;
      const missing = blank(s.row.SW_DECOM) ? ['start date'] : [...(blank(s.row.SW_ID) ? ['social worker ID'] : []), ...(blank(s.row.SW_REASON) ? ['reason'] : [])];
      const from = blank(s.row.SW_DECOM) ? '' : ` from ${formatDate(s.row.SW_DECOM)}`;
      return { file: 'swEpisodes' as const, index: s.index, detail: `The social worker episode${from} has no ${missing.join(' and no ')}.` };
    }),
});

/** SW or XX and at least one more character (no flags: the one RegExp is shared, with no state). */
const SW_ID_START = /^(SW|XX)./;

export const swIdFormat = defineRule({
  rule: 'SW02STG1',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Social worker ID format',
  dfeMessage: 'Social worker ID does not begin with the characters ‘SW’ or ‘XX’.',
  howToFix: 'Record the social worker’s Social Work England registration number (SW…), or XX followed by a local ID.',
  fields: ['SW_ID'],
  area: 'social_worker',
  years: { from: '2023-24' },
  check: (ctx) =>
    pick(ctx.swEpisodes, (s) => !SW_ID_START.test(s.row.SW_ID) || s.row.SW_ID.length < 4, (s) => ({ file: 'swEpisodes' as const, index: s.index, detail: `The social worker episode from ${formatDate(s.row.SW_DECOM)} has ID ${quoted(s.row.SW_ID)}.` })),
});

export const socialWorkerAt31March = defineRule({
  rule: 'SW01STG1',
  name: 'Social worker recorded for a child looked after at 31 March',
  dfeMessage: 'Child looked after on 31 March, but no social worker episode information is reported',
  howToFix: 'Record the child’s social worker, and the date they took the case on, in the social worker history.',
  fields: ['DEC', 'SW_ID', 'SW_DECOM'],
  area: 'social_worker',
  years: { from: '2023-24' },
  check: (ctx) => {
    const last = ctx.episodes[ctx.episodes.length - 1];
    if (!last || last.row.DEC !== null || SHORT_BREAKS.has(last.row.LS)) return NONE;
    if (ctx.swEpisodes.some((s) => !blank(s.row.SW_ID) && !blank(s.row.SW_DECOM))) return NONE;
    return [episodeFinding(last, `The child is looked after on 31 March (${describeEpisode(last.row)}), but no social worker episode is recorded.`)];
  },
});

/** The child's latest social worker episode: the one with the latest SW_DECOM (the last of them when several share it). */
const latestSwEpisode = (ctx: ChildContext) => ctx.swEpisodes[ctx.swEpisodes.length - 1];

export const socialWorkerOpenAt31March = defineRule({
  rule: 'SW17STG2',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Latest social worker episode open at 31 March',
  dfeMessage: 'There is no social worker episode open at 31 March',
  howToFix: 'The child’s latest social worker episode is reported open: record the social worker who took over, or remove the end date of the last one.',
  fields: ['SW_DEC', 'SW_DECOM'],
  area: 'social_worker',
  years: { from: '2025-26' },
  check: (ctx) => {
    const last = latestSwEpisode(ctx);
    if (!last || last.row.SW_DEC === null) return NONE;
    return [{ file: 'swEpisodes' as const, index: last.index, detail: `The latest social worker episode, from ${formatDate(last.row.SW_DECOM)}, ends on ${formatDate(last.row.SW_DEC)} and no later one is recorded.` }];
  },
});

/** Days before 31 March within which an ended social worker episode needs a later one (SW11bSTG2). */
const SW_YEAR_END_DAYS = 5;

export const socialWorkerFollowsAtYearEnd = defineRule({
  rule: 'SW11bSTG2',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Social worker episode ending at the year end is followed by another',
  dfeMessage: 'Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.',
  howToFix: 'Record the social worker who took over from that date in the social worker history.',
  fields: ['SW_DEC'],
  area: 'social_worker',
  years: { from: '2023-24' },
  check: (ctx) => {
    let out: Finding[] | null = null;
    for (let i = 0; i < ctx.swEpisodes.length; i++) {
      const s = ctx.swEpisodes[i] as At<SwEpisodeRow>;
      const end = s.row.SW_DEC;
      if (end === null || end < addDays(ctx.year.end, -SW_YEAR_END_DAYS) || end > ctx.year.end) continue;
      if (ctx.swEpisodes.some((o) => o !== s && o.row.SW_DECOM > s.row.SW_DECOM)) continue;
      (out ??= []).push({ file: 'swEpisodes', index: s.index, detail: `The social worker episode from ${formatDate(s.row.SW_DECOM)} ends on ${formatDate(end)} and no later one is recorded.` });
    }
    return out ?? NONE;
  },
});

const swFinding = (s: At<SwEpisodeRow>, detail: string): Finding => ({ file: 'swEpisodes', index: s.index, detail });
const swFrom = (s: SwEpisodeRow) => (blank(s.SW_DECOM) ? 'with no start date' : `from ${formatDate(s.SW_DECOM)}`);

export const swEpisodeFilledIn = defineRule({
  rule: 'SW03STG1',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Social worker episode has an ID, a start date and a reason',
  dfeMessage: 'For each social worker episode, information should be complete.',
  howToFix: 'Record the social worker’s ID, the date they took the case on and why the social worker changed (FCONTA for the first) in the social worker history.',
  fields: ['SW_ID', 'SW_DECOM', 'SW_REASON'],
  area: 'social_worker',
  years: { from: '2023-24' },
  check: (ctx) =>
    pick(ctx.swEpisodes, (s) => blank(s.row.SW_ID) || blank(s.row.SW_DECOM) || blank(s.row.SW_REASON), (s) => swFinding(s, `The social worker episode ${swFrom(s.row)} is missing its ${[blank(s.row.SW_ID) ? 'ID' : '', blank(s.row.SW_DECOM) ? 'start date' : '', blank(s.row.SW_REASON) ? 'reason' : ''].filter(Boolean).join(', ')}.`)),
});

export const swStartsWithinYear = defineRule({
  rule: 'SW06STG2',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Social worker episode starts on or before 31 March',
  dfeMessage: 'Social worker episode data should be within the social worker data reporting year.',
  howToFix: 'A social worker episode starting after 31 March belongs to next year’s return: check the date the social worker took the case on.',
  fields: ['SW_DECOM'],
  area: 'social_worker',
  years: { from: '2023-24' },
  check: (ctx) => pick(ctx.swEpisodes, (s) => !blank(s.row.SW_DECOM) && s.row.SW_DECOM > ctx.year.end, (s) => swFinding(s, `The social worker episode starts on ${formatDate(s.row.SW_DECOM)}, after 31 March.`)),
});

/** The day a year before the collection year starts: SW07STG2 accepts an end date from then. */
const yearBefore = (d: IsoDate) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;

export const swEndsWithinPeriod = defineRule({
  rule: 'SW07STG2',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Social worker episode end date within the reporting period',
  dfeMessage: 'Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.',
  howToFix: 'Check the date the social worker stopped: it is reported only when it falls in the year before 31 March (an end after 31 March is not yet known then).',
  fields: ['SW_DEC'],
  area: 'social_worker',
  years: { from: '2024-25' },
  check: (ctx) =>
    pick(ctx.swEpisodes, (s) => s.row.SW_DEC !== null && (s.row.SW_DEC < yearBefore(ctx.year.start) || s.row.SW_DEC > ctx.year.end), (s) => swFinding(s, `The social worker episode ${swFrom(s.row)} ends on ${formatDate(s.row.SW_DEC)}, outside ${formatDate(yearBefore(ctx.year.start))} to ${formatDate(ctx.year.end)}.`)),
});

/** A finding for each of the child's social worker episodes other than the latest that have no end date. */
const openEarlierSwEpisodes = (ctx: ChildContext, finding: (s: At<SwEpisodeRow>) => Finding): Finding[] => {
  const last = latestSwEpisode(ctx);
  let out: Finding[] | null = null;
  for (let i = 0; i < ctx.swEpisodes.length; i++) {
    const s = ctx.swEpisodes[i] as At<SwEpisodeRow>;
    if (s !== last && s.row.SW_DEC === null && !blank(s.row.SW_DECOM)) (out ??= []).push(finding(s));
  }
  return out ?? NONE;
};
const sw08Finding = (s: At<SwEpisodeRow>): Finding => swFinding(s, `The social worker episode ${swFrom(s.row)} has no end date, but a later one starts.`);
const sw14Finding = (s: At<SwEpisodeRow>): Finding => swFinding(s, `The social worker episode ${swFrom(s.row)} has no end date and is not the child’s latest.`);

export const swPreviousEnded = defineRule({
  rule: 'SW08STG2',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'A social worker episode ends before the next starts',
  dfeMessage: 'A new social worker episode has started, but the previous episode has not ended.',
  howToFix: 'Record the date the earlier social worker stopped (the day the next one took over) in the social worker history.',
  fields: ['SW_DEC'],
  area: 'social_worker',
  years: { from: '2023-24' },
  check: (ctx) => openEarlierSwEpisodes(ctx, sw08Finding),
});

export const swEndedUnlessLatest = defineRule({
  rule: 'SW14STG2',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Only the latest social worker episode has no end date',
  dfeMessage: 'Social worker episode date ceased is blank.',
  howToFix: 'Record the date the earlier social worker stopped (the day the next one took over) in the social worker history.',
  fields: ['SW_DEC'],
  area: 'social_worker',
  years: { from: '2023-24' },
  check: (ctx) => openEarlierSwEpisodes(ctx, sw14Finding),
});

export const swLastsADay = defineRule({
  rule: 'SW09STG2',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Social worker episode lasts at least a day',
  dfeMessage: 'Social worker episode appears to have lasted for less than 24 hours.',
  howToFix: 'A social worker who had the case for less than a day is not reported: check the dates in the social worker history.',
  fields: ['SW_DECOM', 'SW_DEC'],
  area: 'social_worker',
  years: { from: '2023-24' },
  check: (ctx) => pick(ctx.swEpisodes, (s) => s.row.SW_DEC !== null && s.row.SW_DEC === s.row.SW_DECOM, (s) => swFinding(s, `The social worker episode starts and ends on ${formatDate(s.row.SW_DECOM)}.`)),
});

/** Days either side of the previous episode's end within which the next starts, unless it is a first contact (SW10STG2). */
const SW_CONTINUITY_DAYS = 7;

export const swFollowsPrevious = defineRule({
  rule: 'SW10STG2',
  onlyWith: { rows: ['swEpisodes'] },
  name: 'Social worker episode starts when the previous one ended, unless FCONTA',
  dfeMessage: 'A new social worker episode has started before the end date of the previous social worker episode.',
  howToFix: 'Check the dates in the social worker history: each social worker takes over within a week of the last one stopping, or the episode is a first contact (FCONTA).',
  fields: ['SW_DECOM', 'SW_DEC', 'SW_REASON'],
  area: 'social_worker',
  years: { from: '2024-25' },
  check: (ctx) => {
    let out: Finding[] | null = null;
    for (let i = 1; i < ctx.swEpisodes.length; i++) {
      const s = ctx.swEpisodes[i] as At<SwEpisodeRow>;
      const prev = ctx.swEpisodes[i - 1] as At<SwEpisodeRow>;
      if (s.row.SW_REASON === 'FCONTA' || blank(s.row.SW_DECOM)) continue;
      const gap = prev.row.SW_DEC === null ? null : daysBetween(prev.row.SW_DEC, s.row.SW_DECOM);
      if (gap !== null && Math.abs(gap) <= SW_CONTINUITY_DAYS) continue;
      const before = prev.row.SW_DEC === null ? 'has no end date' : `ended on ${formatDate(prev.row.SW_DEC)}`;
      (out ??= []).push(swFinding(s, `The social worker episode from ${formatDate(s.row.SW_DECOM)} (reason ${quoted(s.row.SW_REASON)}) does not start within ${SW_CONTINUITY_DAYS} days of the end of the one before, which ${before}.`));
    }
    return out ?? NONE;
  },
});

// =============================================================================================
// Dates and ages
// =============================================================================================

export const startsAfterBirth = defineRule({
  rule: '302',
  name: 'First episode starts after the child was born',
  dfeMessage: 'First episode starts before child was born.',
  howToFix: 'Check the child’s date of birth and the date their first legal status or placement began.',
  fields: ['DECOM', 'DOB'],
  area: 'child',
  check: (ctx) => {
    const first = ctx.episodes[0];
    return first && ctx.dob !== null && first.row.DECOM < ctx.dob ? [episodeFinding(first, `${cap(describeEpisode(first.row))} starts before the child’s date of birth (${formatDate(ctx.dob)}).`)] : NONE;
  },
});

/** Episodes with a code in `codes` (of LS or PLACE) that start before the child reaches `minAge`. */
function minimumAgeRule(opts: { rule: string; name: string; dfeMessage: string; howToFix: string; field: 'LS' | 'PLACE'; codes: readonly string[]; minAge: number; years?: RuleDefinition['years'] }): RuleDefinition {
  return defineRule({
    rule: opts.rule,
    name: opts.name,
    dfeMessage: opts.dfeMessage,
    howToFix: opts.howToFix,
    fields: ['DECOM', 'DOB', opts.field],
    area: opts.field === 'LS' ? 'legal_status' : 'placement',
    ...(opts.years ? { years: opts.years } : {}),
    onlyWith: { code: { field: opts.field, codes: opts.codes } },
    check: (ctx) =>
      collect(ctx.episodes, (e) => {
        if (!opts.codes.includes(e.row[opts.field])) return null;
        const age = ageAt(ctx.dob, e.row.DECOM);
        const what = opts.field === 'LS' ? 'legal status' : 'placement type';
        return age !== null && age < opts.minAge ? episodeFinding(e, `${cap(describeEpisode(e.row))} has ${what} ${e.row[opts.field]}, but the child was ${age} when it started; the minimum age is ${opts.minAge}.`) : null;
      }),
  });
}

export const youthJusticeAge = minimumAgeRule({
  rule: '358',
  name: 'J legal statuses from age 10',
  dfeMessage: 'Child with this legal status should not be under 10.',
  howToFix: 'Check the child’s date of birth and the legal status: J1, J2 and J3 apply only from age 10.',
  field: 'LS',
  codes: ['J1', 'J2', 'J3'],
  minAge: LEGAL_STATUS_MIN_AGE.J1!.minAge,
});

export const supportedAccommodationAge = minimumAgeRule({
  rule: '371',
  name: 'K3 supported accommodation from age 16',
  dfeMessage: 'Child in supported accommodation not subject to children’s homes regulations should be at least 16.',
  howToFix: 'Check the child’s date of birth and the placement type: supported accommodation (K3) is only for young people aged 16 or over.',
  field: 'PLACE',
  codes: ['K3'],
  minAge: PLACEMENT_MIN_AGE.K3!.minAge,
  years: PLACEMENT_MIN_AGE.K3!.years!,
});

export const youthCustodyAge = minimumAgeRule({
  rule: '372',
  name: 'R5 from age 10',
  dfeMessage: 'Child in youth custody or prison should be at least 10.',
  howToFix: 'Check the child’s date of birth and the placement type: R5 applies only from age 10.',
  field: 'PLACE',
  codes: ['R5'],
  minAge: PLACEMENT_MIN_AGE.R5!.minAge,
});

export const residentialSchoolAge = minimumAgeRule({
  rule: '373',
  name: 'S1 from age 4',
  dfeMessage: 'Child placed in a school should be at least 4 years old.',
  howToFix: 'Check the child’s date of birth and the placement type: S1 applies only from age 4.',
  field: 'PLACE',
  codes: ['S1'],
  minAge: PLACEMENT_MIN_AGE.S1!.minAge,
});

export const residentialEmploymentAge = minimumAgeRule({
  rule: '374',
  name: 'P3 from age 14',
  dfeMessage: 'Child in residential employment should be at least 14 years old.',
  howToFix: 'Check the child’s date of birth and the placement type: P3 applies only from age 14.',
  field: 'PLACE',
  codes: ['P3'],
  minAge: PLACEMENT_MIN_AGE.P3!.minAge,
});

/** Runs of chained episodes under one legal status that last longer than the law allows. */
function legalStatusLimitRule(opts: { rule: string; name: string; dfeMessage: string; howToFix: string; code: string; maxDays: number }): RuleDefinition {
  return defineRule({
    rule: opts.rule,
    name: opts.name,
    dfeMessage: opts.dfeMessage,
    howToFix: opts.howToFix,
    fields: ['LS', 'DECOM', 'DEC'],
    area: 'legal_status',
    onlyWith: { code: { field: 'LS', codes: [opts.code] } },
    check: (ctx) => {
      if (!ctx.episodes.some((e) => e.row.LS === opts.code)) return NONE;
      const findings: Finding[] = [];
      let run: At<EpisodeRow>[] = [];
      const close = () => {
        const first = run[0];
        const last = run[run.length - 1];
        if (first && last) {
          const end = last.row.DEC ?? ctx.year.end;
          const days = daysBetween(first.row.DECOM, end);
          if (days !== null && days > opts.maxDays) {
            for (const e of run) findings.push(episodeFinding(e, `Legal status ${opts.code} lasts ${days} days from ${formatDate(first.row.DECOM)}${last.row.DEC ? '' : ' (still open at 31 March)'}; the limit is ${opts.maxDays}.`));
          }
        }
        run = [];
      };
      for (const e of ctx.episodes) {
        const prev = run[run.length - 1];
        if (e.row.LS !== opts.code) {
          close();
          continue;
        }
        if (prev && !chains(prev.row, e.row)) close();
        run.push(e);
      }
      close();
      return findings;
    },
  });
}

export const policeProtectionLimit = legalStatusLimitRule({
  rule: '361',
  name: 'Police protection (L1) at most 72 hours',
  dfeMessage: 'Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.',
  howToFix: 'Police protection lasts at most 72 hours: record the legal status that followed it, from the day it began.',
  code: 'L1',
  maxDays: LEGAL_STATUS_MAX_DAYS.L1!.maxDays,
});

export const emergencyProtectionLimit = legalStatusLimitRule({
  rule: '362',
  name: 'Emergency protection order (L2) at most 21 days',
  dfeMessage: 'Emergency protection order (EPO) lasted longer than 21 days',
  howToFix: 'An emergency protection order lasts at most 21 days (with its extension): record the legal status that followed it.',
  code: 'L2',
  maxDays: LEGAL_STATUS_MAX_DAYS.L2!.maxDays,
});

export const childAssessmentOrderLimit = legalStatusLimitRule({
  rule: '363',
  name: 'Child assessment order (L3) at most 7 days',
  dfeMessage: 'Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.',
  howToFix: 'A child assessment order lasts at most 7 days: record the legal status that followed it.',
  code: 'L3',
  maxDays: LEGAL_STATUS_MAX_DAYS.L3!.maxDays,
});

function temporaryPlacementLimitRule(opts: { rule: string; name: string; dfeMessage: string; howToFix: string; code: string; maxDays: number }): RuleDefinition {
  return defineRule({
    rule: opts.rule,
    name: opts.name,
    dfeMessage: opts.dfeMessage,
    howToFix: opts.howToFix,
    fields: ['PLACE', 'DECOM', 'DEC'],
    area: 'placement',
    onlyWith: { code: { field: 'PLACE', codes: [opts.code] } },
    check: (ctx) =>
      collect(ctx.episodes, (e) => {
        if (e.row.PLACE !== opts.code || e.row.DEC === null) return null;
        const days = daysBetween(e.row.DECOM, e.row.DEC);
        return days !== null && days > opts.maxDays ? episodeFinding(e, `${cap(describeEpisode(e.row))} (${opts.code}) lasts ${days} days; the limit is ${opts.maxDays}.`) : null;
      }),
  });
}

export const hospitalTemporaryLimit = temporaryPlacementLimitRule({
  rule: '375',
  name: 'T1 hospital stay at most six weeks',
  dfeMessage: 'Hospitalisation coded as a temporary placement exceeds six weeks.',
  howToFix: 'A hospital stay of more than six weeks is a placement in its own right (R2): record it as one.',
  code: 'T1',
  maxDays: TEMPORARY_MAX_DAYS.T1!.maxDays,
});

export const carerHolidayTemporaryLimit = temporaryPlacementLimitRule({
  rule: '376',
  name: 'T3 carer’s holiday at most three weeks',
  dfeMessage: 'Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.',
  howToFix: 'Care while the usual foster carer is on holiday lasts at most three weeks: record a longer stay as a placement in its own right.',
  code: 'T3',
  maxDays: TEMPORARY_MAX_DAYS.T3!.maxDays,
});

/**
 * The 4th birthday of a date of birth (birthday(dob, 4)), remembered for the last date of birth
 * asked: 440 and 441 ask it for each review of the same child, one after the other.
 */
let lastDob: IsoDate | null = null;
let lastFourth: IsoDate = '';
const fourthBirthday = (dob: IsoDate): IsoDate => {
  if (dob !== lastDob) {
    lastFourth = birthday(dob, 4);
    lastDob = dob;
  }
  return lastFourth;
};

export const underFourParticipation = defineRule({
  rule: '440',
  onlyWith: { rows: ['reviews'] },
  name: 'PN0 only for children under 4',
  dfeMessage: 'Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.',
  howToFix: 'The child was 4 or over at the review: record how they took part (PN1 to PN7).',
  fields: ['DOB', 'REVIEW', 'REVIEW_CODE'],
  area: 'review',
  check: (ctx) => {
    const dob = ctx.dob;
    if (dob === null) return NONE;
    let out: Finding[] | null = null;
    for (let i = 0; i < ctx.reviews.length; i++) {
      const r = ctx.reviews[i] as At<ReviewRow>;
      if (r.row.REVIEW_CODE === 'PN0' && r.row.REVIEW > fourthBirthday(dob)) (out ??= []).push({ file: 'reviews', index: r.index, detail: `The review on ${formatDate(r.row.REVIEW)} is recorded as PN0, but the child was ${ageAt(dob, r.row.REVIEW)}.` });
    }
    return out ?? NONE;
  },
});

export const fourAndOverParticipation = defineRule({
  rule: '441',
  onlyWith: { rows: ['reviews'] },
  name: 'PN1 to PN7 only for children aged 4 or over',
  dfeMessage: 'Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.',
  howToFix: 'The child was under 4 at the review: record participation as PN0.',
  fields: ['DOB', 'REVIEW', 'REVIEW_CODE'],
  area: 'review',
  check: (ctx) => {
    const dob = ctx.dob;
    if (dob === null) return NONE;
    let out: Finding[] | null = null;
    for (let i = 0; i < ctx.reviews.length; i++) {
      const r = ctx.reviews[i] as At<ReviewRow>;
      if (r.row.REVIEW_CODE !== 'PN0' && REVIEW_SET.has(r.row.REVIEW_CODE) && r.row.REVIEW < fourthBirthday(dob)) (out ??= []).push({ file: 'reviews', index: r.index, detail: `The review on ${formatDate(r.row.REVIEW)} is recorded as ${r.row.REVIEW_CODE}, but the child was under 4.` });
    }
    return out ?? NONE;
  },
});


export const shortBreaksNoPostcodes = defineRule({
  rule: '398',
  onlyWith: { code: { field: 'LS', codes: SHORT_BREAKS } },
  name: 'No postcodes for short breaks',
  dfeMessage: 'Distance field completed but child looked after under legal status V3 or V4.',
  howToFix: 'Short-break episodes (V3, V4) carry no home or placement postcode: leave them out of the return for these episodes.',
  fields: ['LS', 'HOME_POST', 'PL_POST'],
  area: 'placement',
  check: (ctx) =>
    pick(ctx.episodes, (e) => SHORT_BREAKS.has(e.row.LS) && (!blank(e.row.HOME_POST) || !blank(e.row.PL_POST)), (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} has legal status ${e.row.LS} but a postcode is recorded.`)),
});

/**
 * Whether the child is or was UASC: a row in this year's UASC file or in last year's, or UASC in
 * either of the two years before as Hearth's records say (the return's formerlyUasc). The DfE looks
 * back two years (“<UASC> = '0' and <COLLECTION YEAR> - 1 <UASC> = '0' and <COLLECTION YEAR> - 2
 * <UASC> = '0'”, the condition of 392a and 392b as quoted by the validator); the validator, and
 * Hearth on a return read back from its files, see at most last year's UASC file.
 */
const uascThisYearOrLast = uascLately;
const lookedAfterNotShortBreaks = (e: At<EpisodeRow>) => !SHORT_BREAKS.has(e.row.LS);
/** What 392a and 392b both look at: episodes (not short breaks) of a child not UASC lately, lacking a postcode. */
const lacksPostcode = (e: At<EpisodeRow>): boolean => lookedAfterNotShortBreaks(e) && (blank(e.row.HOME_POST) || blank(e.row.PL_POST));
/** The findings for those episodes, made by `finding`. */
const episodesWithoutPostcodes = (ctx: ChildContext, finding: (e: At<EpisodeRow>) => Finding): Finding[] => (uascThisYearOrLast(ctx) ? NONE : pick(ctx.episodes, lacksPostcode, finding));

export const distanceRecorded = defineRule({
  rule: '392a',
  name: 'Distance can be worked out for a child looked after',
  dfeMessage: 'Child is looked after but no distance is recorded.',
  howToFix: 'The DfE works out the distance from the home and placement postcodes: record the child’s home postcode (where they lived before care) and the placement’s address.',
  fields: ['HOME_POST', 'PL_POST', 'LS'],
  area: 'child',
  check: (ctx) =>
    episodesWithoutPostcodes(ctx, (e) =>
      episodeFinding(e, `${cap(describeEpisode(e.row))} has no ${blank(e.row.HOME_POST) ? 'home' : 'placement'} postcode, so no distance can be worked out.`),
    ),
});

export const postcodesRecorded = defineRule({
  rule: '392b',
  name: 'Home and placement postcodes for a child looked after',
  dfeMessage: 'Child is looked after but no postcodes are recorded.',
  howToFix: 'Record the child’s home postcode (where they lived before care) on their details page, and the placement’s address.',
  fields: ['HOME_POST', 'PL_POST', 'LS'],
  area: 'child',
  check: (ctx) =>
    episodesWithoutPostcodes(ctx, (e) => {
      const which = [...(blank(e.row.HOME_POST) ? ['home'] : []), ...(blank(e.row.PL_POST) ? ['placement'] : [])].join(' or ');
      return episodeFinding(e, `${cap(describeEpisode(e.row))} has no ${which} postcode.`);
    }),
});

export const noDistanceForUasc = defineRule({
  rule: '406',
  onlyWith: { rows: ['uascLately'] },
  name: 'No distance for UASC',
  dfeMessage: 'Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be blank.',
  howToFix: 'An unaccompanied asylum-seeking child’s home was not in England: the return gives no home postcode for them, so no distance is worked out. Check whether the child is recorded as UASC.',
  fields: ['HOME_POST', 'PL_POST'],
  area: 'child',
  check: (ctx) =>
    uascThisYearOrLast(ctx)
      ? pick(ctx.episodes, (e) => !blank(e.row.HOME_POST) && !blank(e.row.PL_POST), (e) => episodeFinding(e, `The child is or was UASC, but ${describeEpisode(e.row)} has a home postcode (${e.row.HOME_POST}), so a distance would be worked out.`))
      : NONE,
});

export const uascCeasedInYear = defineRule({
  rule: '104',
  name: 'Date UASC status ceased is valid',
  dfeMessage: 'Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.',
  howToFix: 'A child whose UASC status ceased before the collection year began is not in that year’s UASC file: check the date UASC status ceased on the child’s details page.',
  fields: ['DUC'],
  area: 'child',
  check: (ctx) =>
    pick(ctx.uasc, (u) => u.row.DUC !== null && (!isValidIsoDate(u.row.DUC) || u.row.DUC < ctx.year.start), (u) => ({ file: 'uasc' as const, index: u.index, detail: `UASC status ceased on ${formatDate(u.row.DUC as string)}, before the collection year began (${formatDate(ctx.year.start)}).` })),
});

export const shortBreaksNoReviews = defineRule({
  rule: '399',
  onlyWith: { code: { field: 'LS', codes: SHORT_BREAKS } },
  name: 'No reviews or MOTHER for children only on short breaks',
  dfeMessage: 'Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4.',
  howToFix: 'A child looked after only for short breaks (V3, V4) has no reviews or MOTHER in the return: remove them, or correct the legal status.',
  fields: ['MOTHER', 'LS', 'REVIEW', 'REVIEW_CODE'],
  area: 'review',
  check: (ctx) => {
    if (ctx.episodes.length === 0 || !ctx.episodes.every((e) => SHORT_BREAKS.has(e.row.LS))) return NONE;
    const findings: Finding[] = ctx.reviews.map((r) => ({ file: 'reviews' as const, index: r.index, detail: `The child is looked after only for short breaks but has a review on ${formatDate(r.row.REVIEW)}.` }));
    if (ctx.header && ctx.header.row.MOTHER !== null) findings.push(...headerFinding(ctx, 'The child is looked after only for short breaks but MOTHER is recorded.'));
    return findings;
  },
});

/** The period of care (as [start, end or null]) containing a date, if any. */
function periodContaining(ctx: ChildContext, date: string): { start: string; end: string | null } | null {
  for (const p of ctx.periods) {
    const first = p[0];
    const last = p[p.length - 1];
    if (!first || !last) continue;
    if (date >= first.row.DECOM && (last.row.DEC === null || date <= last.row.DEC)) return { start: first.row.DECOM, end: last.row.DEC };
  }
  return null;
}

export const missingWhileLookedAfter = defineRule({
  rule: '581',
  name: 'Missing periods start while looked after',
  dfeMessage: 'Child is missing but has not yet started to be looked after.',
  howToFix: 'A missing or away period must start while the child is looked after: check its start date and the child’s care history.',
  fields: ['MIS_START'],
  area: 'missing',
  check: (ctx) =>
    pick(ctx.missing, (m) => periodContaining(ctx, m.row.MIS_START) === null, (m) => ({ file: 'missing' as const, index: m.index, detail: `The missing period from ${formatDate(m.row.MIS_START)} starts when the child was not looked after.` })),
});

export const missingEndedWithCare = defineRule({
  rule: '577',
  name: 'Missing periods end when care ends',
  dfeMessage: 'Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.',
  howToFix: 'Record the date the missing or away period ended (no later than the day the child’s care ended).',
  fields: ['MIS_END'],
  area: 'missing',
  check: (ctx) =>
    collect(ctx.missing, (m) => {
      if (m.row.MIS_END !== null) return null;
      const p = periodContaining(ctx, m.row.MIS_START);
      return p && p.end !== null ? { file: 'missing' as const, index: m.index, detail: `The missing period from ${formatDate(m.row.MIS_START)} has no end date, but the child’s care ended on ${formatDate(p.end)}.` } : null;
    }),
});

export const missingNoOverlap = defineRule({
  rule: '574',
  name: 'Missing periods do not overlap',
  dfeMessage:
    'A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.',
  howToFix: 'End the earlier missing or away period before the next one starts.',
  fields: ['MIS_START', 'MIS_END'],
  area: 'missing',
  check: (ctx) =>
    collect(ctx.missing, (m, i) => {
      const prev = ctx.missing[i - 1];
      if (!prev) return null;
      const overlaps = prev.row.MIS_END === null || m.row.MIS_START < prev.row.MIS_END;
      return overlaps ? { file: 'missing' as const, index: m.index, detail: `The missing period from ${formatDate(m.row.MIS_START)} starts before the one from ${formatDate(prev.row.MIS_START)} has ended.` } : null;
    }),
});

export const missingEndsWithPlacement = defineRule({
  rule: '575',
  name: 'A missing period has an end date once the placement it started in has ended',
  dfeMessage: 'If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.',
  howToFix: 'Record the date the child came back (or was found) on the missing period.',
  fields: ['MIS_START', 'MIS_END', 'DECOM', 'DEC'],
  area: 'missing',
  check: (ctx) =>
    pick(ctx.missing, (m) => m.row.MIS_END === null && ctx.episodes.some((e) => e.row.DEC !== null && m.row.MIS_START >= e.row.DECOM && m.row.MIS_START <= e.row.DEC), (m) => ({ file: 'missing' as const, index: m.index, detail: `The ${m.row.MISSING === 'A' ? 'away' : 'missing'} period from ${formatDate(m.row.MIS_START)} has no end date, but the episode it started in has ended.` })),
});

export const missingAt18EndsCare = defineRule({
  rule: '580',
  name: 'Care ending at 18 while missing is E8',
  dfeMessage: 'Child is missing when cease being looked after but reason episode ceased not ‘E8’.',
  howToFix: 'A young person still missing on their 18th birthday, when their care ended, left care for another reason (E8): record that as the reason the period of care ended.',
  fields: ['MIS_END', 'DOB', 'DEC', 'REC'],
  area: 'care_ending',
  check: (ctx) => {
    const dob = ctx.dob;
    if (dob === null) return NONE;
    const eighteenth = birthday(dob, 18);
    if (!ctx.missing.some((m) => m.row.MIS_END === eighteenth)) return NONE;
    return pick(ctx.episodes, (e) => e.row.DEC === eighteenth && e.row.REC !== 'E8', (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} ends on the 18th birthday, when a missing period also ended, with reason ${quoted(e.row.REC)} rather than E8.`));
  },
});

/** The year of an ISO date of four-digit year, read from its characters. */
const yearOf = (d: IsoDate): number => (d.charCodeAt(0) - 48) * 1000 + (d.charCodeAt(1) - 48) * 100 + (d.charCodeAt(2) - 48) * 10 + (d.charCodeAt(3) - 48);

export const over18InCommunityHome = defineRule({
  rule: '359',
  name: 'Looked after past 18 only under V2 in K2',
  dfeMessage: 'Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.',
  howToFix: 'A young person looked after after their 18th birthday is accommodated under section 20(5) (V2) in a community home (K2): check the date of birth, or record when their care ended.',
  fields: ['DOB', 'DEC', 'LS', 'PLACE'],
  area: 'history',
  check: (ctx) => {
    const dob = ctx.dob;
    // A child born in a year 18 or fewer before 31 March's is not 18 by then: decided from the years
    // (dob is a calendar date, so its year has four digits), without making the birthday's date.
    if (dob === null || yearOf(dob) + 18 > yearOf(ctx.year.end) || birthday(dob, 18) >= ctx.year.end) return NONE;
    return pick(ctx.episodes, (e) => e.row.DEC === null && !(e.row.LS === 'V2' && e.row.PLACE === 'K2'), (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} is open at 31 March, after the 18th birthday (${formatDate(birthday(dob, 18))}), under ${e.row.LS} in ${e.row.PLACE}.`));
  },
});

// =============================================================================================
// Episode sequencing
// =============================================================================================

export const atLeastADay = defineRule({
  rule: '355',
  name: 'Episodes last at least a day',
  dfeMessage: 'Episode appears to have lasted for less than 24 hours',
  howToFix: 'Several changes on one day make one episode: keep only the state at the end of the day in the legal status and placement history.',
  fields: ['DECOM', 'DEC'],
  area: 'history',
  check: (ctx) => pick(ctx.episodes, (e) => e.row.DEC !== null && e.row.DEC === e.row.DECOM, (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} starts and ends on the same day.`)),
});

export const continuationX1 = defineRule({
  rule: '388',
  name: 'X1 exactly when the next episode starts the same day',
  dfeMessage: 'Reason episode ceased is coded new episode begins, but there is no continuation episode.',
  howToFix: 'An episode ends with X1 only when another begins the same day; when care ends, record why it ended.',
  fields: ['REC'],
  area: 'care_ending',
  // Over the episodes rather than ctx.steps, which a child with one episode does not need made.
  check: (ctx) =>
    collect(ctx.episodes, (cur, i) => {
      const next = ctx.episodes[i + 1];
      const { DEC, REC } = cur.row;
      if (DEC === null || blank(REC)) return null;
      if (!next) return REC === 'X1' ? episodeFinding(cur, `${cap(describeEpisode(cur.row))} ends with X1 but no episode follows.`) : null;
      if (REC === 'X1' && next.row.DECOM !== DEC) return episodeFinding(cur, `${cap(describeEpisode(cur.row))} ends with X1 but the next episode starts on ${formatDate(next.row.DECOM)}.`);
      if (REC !== 'X1' && next.row.DECOM === DEC) return episodeFinding(cur, `${cap(describeEpisode(cur.row))} ends with ${REC} but another episode starts the same day: it should end with X1.`);
      return null;
    }),
});

const CONTINUING_RNE = new Set(['P', 'L', 'T', 'U', 'B']);

export const continuationStartsSameDay = defineRule({
  rule: '433',
  onlyWith: { rows: ['severalEpisodes'] },
  name: 'A continuing episode starts the day the last ended',
  dfeMessage: 'The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.',
  howToFix: 'Check the dates in the legal status and placement history: a change continues care only if it follows the previous state without a gap.',
  fields: ['RNE', 'DECOM'],
  area: 'history',
  check: (ctx) =>
    collect(ctx.steps, ({ prev, cur }) =>
      prev && CONTINUING_RNE.has(cur.row.RNE) && prev.row.DEC !== cur.row.DECOM
        ? episodeFinding(cur, `${cap(describeEpisode(cur.row))} has reason for new episode ${cur.row.RNE} but does not start the day the previous episode ended (${prev.row.DEC ? formatDate(prev.row.DEC) : 'it is still open'}).`)
        : null,),
});

export const firstEpisodeIsStart = defineRule({
  rule: '357',
  name: 'The first episode is S',
  dfeMessage:
    'If this is the first episode ever for this child, reason for new episode must be S.  Check whether there is an episode immediately preceding this one, which has been left out.  If not the reason for new episode code must be amended to S.',
  howToFix: 'Check the start of the child’s care history: the first legal status and placement should start on the same day.',
  fields: ['RNE'],
  area: 'history',
  check: (ctx) => {
    const first = ctx.episodes[0];
    return first && first.row.DECOM >= ctx.year.start && first.row.RNE !== 'S' ? [episodeFinding(first, `${cap(describeEpisode(first.row))} is the child’s first, but its reason for new episode is ${first.row.RNE}.`)] : NONE;
  },
});

export const startAfterGap = defineRule({
  rule: '431',
  onlyWith: { rows: ['severalEpisodes'] },
  name: 'S only after care has ended',
  dfeMessage: 'The reason for new episode is started to be looked after, but the previous episode ended on the same day.',
  howToFix: 'The child was still looked after: this is a change of legal status or placement, not a new period of care. Check how the previous period ended.',
  fields: ['RNE', 'DECOM'],
  area: 'history',
  check: (ctx) =>
    collect(ctx.steps, ({ prev, cur }) =>
      prev && cur.row.RNE === 'S' && prev.row.DEC !== null && cur.row.DECOM <= prev.row.DEC ? episodeFinding(cur, `${cap(describeEpisode(cur.row))} starts a new period of care, but the previous episode ended on ${formatDate(prev.row.DEC)}.`) : null,),
});

export const startAfterCeased = defineRule({
  rule: '432',
  onlyWith: { rows: ['severalEpisodes'] },
  name: 'After care ends, the next episode is S',
  dfeMessage: 'The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.',
  howToFix: 'Care ended before this episode: it starts a new period of care (S). If care did not end, correct how the previous episode ended.',
  fields: ['RNE'],
  area: 'history',
  check: (ctx) =>
    collect(ctx.steps, ({ prev, cur }) =>
      prev && !blank(prev.row.REC) && prev.row.REC !== 'X1' && cur.row.RNE !== 'S' ? episodeFinding(cur, `Care ended (${prev.row.REC}) before ${describeEpisode(cur.row)}, but its reason for new episode is ${cur.row.RNE}.`) : null,),
});

/** Whether any of PLACE, PL_POST, URN or PLACE_PROVIDER differs (the DfE's "placement change"). */
const placementChanged = (a: EpisodeRow, b: EpisodeRow): boolean => !same(a.PLACE, b.PLACE) || !samePostcode(a.PL_POST, b.PL_POST) || !same(a.URN, b.URN) || !same(a.PLACE_PROVIDER, b.PLACE_PROVIDER);

export const legalStatusChangeOnly = defineRule({
  rule: '434',
  onlyWith: { rows: ['severalEpisodes'] },
  name: 'RNE L: legal status changed, placement did not',
  dfeMessage: "Reason for new episode is that child's legal status has changed but not the placement, but this is not reflected in the episode data.",
  howToFix: 'Check the legal status and placement history on that day: L means only the legal status changed.',
  fields: ['RNE', 'LS', 'PLACE', 'PL_POST', 'URN', 'PLACE_PROVIDER'],
  area: 'history',
  check: (ctx) =>
    collect(ctx.steps, ({ prev, cur }) => {
      if (!prev || cur.row.RNE !== 'L' || !chains(prev.row, cur.row)) return null;
      if (cur.row.LS === prev.row.LS) return episodeFinding(cur, `${cap(describeEpisode(cur.row))} is a change of legal status (L), but the legal status is still ${cur.row.LS}.`);
      if (placementChanged(prev.row, cur.row)) return episodeFinding(cur, `${cap(describeEpisode(cur.row))} is a change of legal status only (L), but the placement changed too.`);
      return null;
    }),
});

export const placementChangeOnly = defineRule({
  rule: '435',
  onlyWith: { rows: ['severalEpisodes'] },
  name: 'RNE P or T: placement changed, legal status did not',
  dfeMessage: 'Reason for new episode is that child’s placement has changed but not the legal status, but this is not reflected in the episode data recorded.',
  howToFix: 'Check the legal status and placement history on that day: P and T mean only the placement changed.',
  fields: ['LS', 'PLACE', 'PL_POST', 'URN', 'PLACE_PROVIDER'],
  area: 'history',
  check: (ctx) =>
    collect(ctx.steps, ({ prev, cur }) => {
      if (!prev || (cur.row.RNE !== 'P' && cur.row.RNE !== 'T') || !chains(prev.row, cur.row)) return null;
      if (cur.row.LS !== prev.row.LS) return episodeFinding(cur, `${cap(describeEpisode(cur.row))} is a change of placement only (${cur.row.RNE}), but the legal status changed from ${prev.row.LS} to ${cur.row.LS}.`);
      if (!placementChanged(prev.row, cur.row)) return episodeFinding(cur, `${cap(describeEpisode(cur.row))} is a change of placement (${cur.row.RNE}), but the placement is the same as before.`);
      return null;
    }),
});

export const bothChanged = defineRule({
  rule: '436',
  onlyWith: { rows: ['severalEpisodes'] },
  name: 'RNE B or U: legal status and placement both changed',
  dfeMessage: 'Reason for new episode is that both child’s placement and legal status have changed, but this is not reflected in the episode data.',
  howToFix: 'Check the legal status and placement history on that day: B and U mean both changed.',
  fields: ['RNE', 'LS', 'PLACE', 'PL_POST', 'URN', 'PLACE_PROVIDER'],
  area: 'history',
  check: (ctx) =>
    collect(ctx.steps, ({ prev, cur }) => {
      if (!prev || (cur.row.RNE !== 'B' && cur.row.RNE !== 'U') || !chains(prev.row, cur.row)) return null;
      if (cur.row.LS === prev.row.LS) return episodeFinding(cur, `${cap(describeEpisode(cur.row))} is a change of legal status and placement (${cur.row.RNE}), but the legal status is still ${cur.row.LS}.`);
      if (!placementChanged(prev.row, cur.row)) return episodeFinding(cur, `${cap(describeEpisode(cur.row))} is a change of legal status and placement (${cur.row.RNE}), but the placement is the same as before.`);
      return null;
    }),
});

export const nothingAfterDeathOrAdulthood = defineRule({
  rule: '437',
  onlyWith: { code: { field: 'REC', codes: ['E2', 'E15'] } },
  name: 'No episodes after E2 or E15',
  dfeMessage: 'Reason episode ceased is child has died or is aged 18 or over but there are further episodes.',
  howToFix: 'Check how care ended: after a child has died (E2) or been assessed as 18 or over (E15) there can be no later episodes.',
  fields: ['REC'],
  area: 'care_ending',
  check: (ctx) =>
    collect(ctx.episodes, (e, i) => ((e.row.REC === 'E2' || e.row.REC === 'E15') && ctx.episodes.length > i + 1 ? episodeFinding(e, `${cap(describeEpisode(e.row))} ends with ${e.row.REC}, but later episodes follow.`) : null)),
});

export const temporaryDoesNotStartCare = defineRule({
  rule: '380',
  onlyWith: { code: { field: 'PLACE', codes: TEMPORARY_PLACES } },
  name: 'A period of care does not start with a temporary placement',
  dfeMessage: 'A period of care cannot start with a temporary placement.',
  howToFix: 'A temporary placement (T0 to T4) follows a placement: record the child’s usual placement first.',
  fields: ['PLACE', 'RNE'],
  area: 'placement',
  check: (ctx) =>
    pick(ctx.episodes, (e) => TEMPORARY_PLACES.has(e.row.PLACE) && e.row.RNE !== 'P' && e.row.RNE !== 'B', (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} is a temporary placement (${e.row.PLACE}) with reason for new episode ${e.row.RNE}.`)),
});

export const temporaryDoesNotEndCare = defineRule({
  rule: '381',
  onlyWith: { code: { field: 'PLACE', codes: TEMPORARY_PLACES } },
  name: 'A period of care does not end with a temporary placement',
  dfeMessage: 'A period of care cannot end with a temporary placement.',
  howToFix: 'Care cannot end during a temporary placement (T0 to T4): end the temporary placement and record the placement the child returned to.',
  fields: ['PLACE', 'REC'],
  area: 'placement',
  check: (ctx) =>
    pick(ctx.episodes, (e) => TEMPORARY_PLACES.has(e.row.PLACE) && !blank(e.row.REC) && e.row.REC !== 'X1', (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} is a temporary placement (${e.row.PLACE}) and care ends with it (${e.row.REC}).`)),
});

// =============================================================================================
// Legal status and placement combinations
// =============================================================================================

export const placedWithParentsNotV2 = defineRule({
  rule: '378',
  onlyWith: { code: { field: 'PLACE', codes: ['P1'] } },
  name: 'P1 not with V2',
  dfeMessage: 'A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.',
  howToFix: 'A child accommodated under section 20 (V2) cannot be placed with parents (P1): correct the legal status or the placement type.',
  fields: ['PLACE', 'LS'],
  area: 'history',
  check: (ctx) => pick(ctx.episodes, (e) => e.row.PLACE === 'P1' && e.row.LS === 'V2', (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} has placement type P1 with legal status V2.`)),
});

/** The reasons for a new episode that say the placement changed. */
const PLACEMENT_CHANGE_RNE: ReadonlySet<string> = new Set(['P', 'B', 'T', 'U']);

export const reasonPlaceChangeRequired = defineRule({
  rule: '225',
  onlyWith: { rows: ['severalEpisodes'] },
  name: 'Reason for placement change recorded',
  dfeMessage: 'Reason for placement change must be recorded.',
  howToFix: 'Record why the placement ended on the placement page.',
  fields: ['REASON_PLACE_CHANGE'],
  area: 'placement',
  check: (ctx) =>
    collect(ctx.steps, ({ cur, next }) =>
      next &&
      cur.row.REC === 'X1' &&
      blank(cur.row.REASON_PLACE_CHANGE) &&
      !TEMPORARY_PLACES.has(cur.row.PLACE) &&
      PLACEMENT_CHANGE_RNE.has(next.row.RNE) &&
      !TEMPORARY_PLACES.has(next.row.PLACE)
        ? episodeFinding(cur, `The placement changed at the end of ${describeEpisode(cur.row)}, but no reason for the change is recorded.`)
        : null,
    ),
});

export const reasonPlaceChangeNotForTemporary = defineRule({
  rule: '226',
  onlyWith: { code: { field: 'PLACE', codes: TEMPORARY_PLACES } },
  name: 'No reason for placement change around temporary placements',
  dfeMessage: 'Reason for placement change is not required for temporary placements.',
  howToFix: 'A move into or out of a temporary placement (T0 to T4) is not a placement change: remove the reason recorded.',
  fields: ['REASON_PLACE_CHANGE', 'PLACE'],
  area: 'placement',
  check: (ctx) =>
    collect(ctx.steps, ({ prev, cur }) =>
      TEMPORARY_PLACES.has(cur.row.PLACE) && (!blank(cur.row.REASON_PLACE_CHANGE) || (prev !== undefined && !blank(prev.row.REASON_PLACE_CHANGE)))
        ? episodeFinding(cur, `${cap(describeEpisode(cur.row))} is a temporary placement (${cur.row.PLACE}), but a reason for placement change is recorded on it or on the episode before.`)
        : null,),
});

export const reasonPlaceChangeOnlyWhenEnded = defineRule({
  rule: '233',
  name: 'No reason for placement change on an open episode',
  dfeMessage: 'Reason for placement change is not required when the episode has not ceased.',
  howToFix: 'The placement has not ended: remove the reason for the placement change, or record the end of the placement.',
  fields: ['REASON_PLACE_CHANGE'],
  area: 'placement',
  check: (ctx) => pick(ctx.episodes, (e) => e.row.DEC === null && !blank(e.row.REASON_PLACE_CHANGE), (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} has a reason for placement change (${e.row.REASON_PLACE_CHANGE}).`)),
});

export const custodyNotUnderTen = defineRule({
  rule: '234',
  onlyWith: { code: { field: 'REASON_PLACE_CHANGE', codes: ['CUSTOD'] } },
  name: 'CUSTOD not for children under 10',
  dfeMessage: 'A child aged under 10 can not change placement due to being admitted to custody',
  howToFix: 'A child under 10 cannot be placed in custody: correct the reason the placement ended.',
  fields: ['REASON_PLACE_CHANGE', 'DOB'],
  area: 'placement',
  check: (ctx) =>
    collect(ctx.episodes, (e) => {
      if (e.row.REASON_PLACE_CHANGE !== 'CUSTOD') return null;
      const age = ageAt(ctx.dob, e.row.DEC ?? e.row.DECOM);
      return age !== null && age < 10 ? episodeFinding(e, `The placement in ${describeEpisode(e.row)} ended for custody (CUSTOD) when the child was ${age}.`) : null;
    }),
});

// =============================================================================================
// URN and provider
// =============================================================================================

export const urnRequired = defineRule({
  rule: '218',
  name: 'Ofsted URN recorded',
  dfeMessage: 'Ofsted Unique reference number (URN) is required.',
  howToFix: 'Record the Ofsted URN of the placement (or XXXXXXX if it has none) on the placement page.',
  fields: ['URN'],
  area: 'placement',
  check: (ctx) =>
    pick(ctx.episodes, (e) => !NO_URN_PLACES.has(e.row.PLACE) && blank(e.row.URN) && (e.row.DEC === null || e.row.DEC >= ctx.year.start), (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} (${e.row.PLACE}) has no Ofsted URN.`)),
});

export const urnNotForPlacementType = defineRule({
  rule: '222',
  onlyWith: { code: { field: 'PLACE', codes: NO_URN_PLACES } },
  name: 'No Ofsted URN for placement types without one',
  dfeMessage: 'Ofsted Unique reference number (URN) should not be recorded for this placement type.',
  howToFix: 'This placement type has no Ofsted URN: remove it from the placement (XXXXXXX is accepted).',
  fields: ['URN'],
  area: 'placement',
  check: (ctx) =>
    pick(ctx.episodes, (e) => NO_URN_PLACES.has(e.row.PLACE) && !blank(e.row.URN) && e.row.URN !== URN_PLACEHOLDER, (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} (${e.row.PLACE}) has Ofsted URN ${quoted(e.row.URN)}.`)),
});

export const providerNotForPlacementType = defineRule({
  rule: '213',
  onlyWith: { code: { field: 'PLACE', codes: NO_PROVIDER_PLACES } },
  name: 'No placement provider for temporary and other placements',
  dfeMessage: 'Placement provider information not required.',
  howToFix: 'Temporary placements (T0 to T4) and other placements (Z1, Z11 to Z14) have no placement provider: remove it.',
  fields: ['PLACE_PROVIDER'],
  area: 'placement',
  check: (ctx) =>
    pick(ctx.episodes, (e) => NO_PROVIDER_PLACES.has(e.row.PLACE) && !blank(e.row.PLACE_PROVIDER), (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} (${e.row.PLACE}) has placement provider ${e.row.PLACE_PROVIDER}.`)),
});

/** A provider code that cannot go with some placement types. */
function providerPlacementRule(opts: { rule: string; name: string; dfeMessage: string; howToFix: string; provider: string; notWith?: readonly string[]; onlyWith?: readonly string[] }): RuleDefinition {
  return defineRule({
    rule: opts.rule,
    name: opts.name,
    dfeMessage: opts.dfeMessage,
    howToFix: opts.howToFix,
    fields: ['PLACE', 'PLACE_PROVIDER'],
    area: 'placement',
    onlyWith: { code: { field: 'PLACE_PROVIDER', codes: [opts.provider] } },
    check: (ctx) =>
      pick(ctx.episodes, (e) => e.row.PLACE_PROVIDER === opts.provider && ((opts.notWith?.includes(e.row.PLACE) ?? false) || (opts.onlyWith !== undefined && !opts.onlyWith.includes(e.row.PLACE))), (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} has placement provider ${opts.provider} with placement type ${e.row.PLACE}.`)),
  });
}

export const pr0OnlyWithParents = providerPlacementRule({
  rule: '550',
  name: 'PR0 only with P1',
  dfeMessage: 'A placement provider code of PR0 can only be associated with placement P1.',
  howToFix: 'PR0 (parents) is the provider only when the child is placed with parents (P1): correct the provider or the placement type.',
  provider: 'PR0',
  onlyWith: PROVIDER_PLACEMENT_RULES.PR0!.onlyWith!,
});

export const pr1NotWith = providerPlacementRule({
  rule: '527',
  name: 'PR1 not with P1, R2 or R5',
  dfeMessage: 'A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.',
  howToFix: 'The local authority does not provide placements with parents, health or custody placements: correct the provider or the placement type.',
  provider: 'PR1',
  notWith: PROVIDER_PLACEMENT_RULES.PR1!.notWith!,
});

export const pr2NotWith = providerPlacementRule({
  rule: '528',
  name: 'PR2 not with P1, R2 or R5',
  dfeMessage: 'A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.',
  howToFix: 'Another local authority does not provide placements with parents, health or custody placements: correct the provider or the placement type.',
  provider: 'PR2',
  notWith: PROVIDER_PLACEMENT_RULES.PR2!.notWith!,
});

export const pr3NotWith = providerPlacementRule({
  rule: '529',
  name: 'PR3 not with P1, A3–A6, K1, K2 or U1–U6',
  dfeMessage: 'Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.',
  howToFix: 'Other public bodies do not provide these placements: correct the provider or the placement type.',
  provider: 'PR3',
  notWith: PROVIDER_PLACEMENT_RULES.PR3!.notWith!,
});

export const pr4NotWithParents = providerPlacementRule({
  rule: '530',
  name: 'PR4 not with P1',
  dfeMessage: 'A placement provider code of PR4 cannot be associated with placement P1.',
  howToFix: 'A private provider does not provide a placement with parents (P1): correct the provider or the placement type.',
  provider: 'PR4',
  notWith: PROVIDER_PLACEMENT_RULES.PR4!.notWith!,
});

export const pr5NotWithParents = providerPlacementRule({
  rule: '531',
  name: 'PR5 not with P1',
  dfeMessage: 'A placement provider code of PR5 cannot be associated with placements P1.',
  howToFix: 'A voluntary provider does not provide a placement with parents (P1): correct the provider or the placement type.',
  provider: 'PR5',
  notWith: PROVIDER_PLACEMENT_RULES.PR5!.notWith!,
});

export const homeAndPlacementPostcodesDiffer = defineRule({
  rule: '392d',
  name: 'Home and placement postcodes differ unless P1',
  dfeMessage: 'Home and placement postcodes should not be same unless the placement type is P1.',
  howToFix: 'Check the child’s home postcode (where they lived before care) and the placement postcode.',
  fields: ['HOME_POST', 'PL_POST', 'PLACE'],
  area: 'placement',
  check: (ctx) =>
    pick(ctx.episodes, (e) => e.row.PLACE !== 'P1' && !blank(e.row.HOME_POST) && !blank(e.row.PL_POST) && samePostcode(e.row.HOME_POST, e.row.PL_POST), (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} (${e.row.PLACE}) has the same home and placement postcode (${e.row.PL_POST}).`)),
});

export const categoryOfNeedFixed = defineRule({
  rule: '504',
  onlyWith: { rows: ['severalEpisodes'] },
  name: 'Category of need fixed for the period of care',
  dfeMessage: 'The category of need code differs from that reported at start of current period of being looked after',
  howToFix: 'The category of need is recorded once, when the child starts to be looked after: keep it for the whole period of care.',
  fields: ['CIN'],
  area: 'category_of_need',
  check: (ctx) =>
    collect(ctx.steps, ({ prev, cur }) =>
      prev && prev.row.REC === 'X1' && chains(prev.row, cur.row) && cur.row.CIN !== prev.row.CIN ? episodeFinding(cur, `${cap(describeEpisode(cur.row))} has category of need ${cur.row.CIN}, but the period of care started with ${prev.row.CIN}.`) : null,),
});

// =============================================================================================
// Comparing with the previous year's return
// =============================================================================================

/** The child's last episode in the previous return, when it was still open at 31 March. */
function openAtLastYearEnd(ctx: ChildContext): EpisodeRow | null {
  const prev = ctx.previous?.episodes ?? [];
  let last: EpisodeRow | null = null;
  for (const e of prev) if (last === null || e.DECOM > last.DECOM) last = e;
  return last !== null && last.DEC === null ? last : null;
}

export const carriedOverStartDate = defineRule({
  rule: '502',
  name: 'Open episode carried over from last year',
  dfeMessage: 'Last year’s record ended with an open episode. The date on which that episode started does not match the start date of the first episode on this year’s record.',
  howToFix: 'An episode open at 31 March carries into this year unchanged: check the history around that date, which may have been changed since last year’s return.',
  fields: ['DECOM'],
  area: 'history',
  check: (ctx) => {
    const open = openAtLastYearEnd(ctx);
    const first = ctx.episodes[0];
    return open && first && first.row.DECOM !== open.DECOM ? [episodeFinding(first, `Last year’s return ended with an episode open from ${formatDate(open.DECOM)}, but this year’s first episode starts on ${formatDate(first.row.DECOM)}.`)] : NONE;
  },
});

function carriedOverFieldRule(suffix: string, field: 'RNE' | 'LS' | 'CIN' | 'PLACE' | 'PLACE_PROVIDER' | 'URN', what: string, dfeMessage: string): RuleDefinition {
  return defineRule({
    rule: `503${suffix}`,
    name: `Open episode carried over from last year: ${what}`,
    dfeMessage,
    howToFix: `An episode open at 31 March carries into this year unchanged: check the ${what} recorded for it.`,
    fields: [field],
    area: field === 'LS' ? 'legal_status' : field === 'CIN' ? 'category_of_need' : field === 'RNE' ? 'history' : 'placement',
    check: (ctx) => {
      const open = openAtLastYearEnd(ctx);
      const first = ctx.episodes[0];
      if (!open || !first || same(first.row[field], open[field])) return NONE;
      return [episodeFinding(first, `Last year’s open episode had ${what} ${quoted(open[field])}; this year’s first episode has ${quoted(first.row[field])}.`)];
    },
  });
}

export const carriedOverRne = carriedOverFieldRule('A', 'RNE', 'reason for new episode', 'The reason for new episode in the first episode does not match open episode at end of last year.');
export const carriedOverLegalStatus = carriedOverFieldRule('B', 'LS', 'legal status', 'The legal status in the first episode does not match open episode at end of last year.');
export const carriedOverCategoryOfNeed = carriedOverFieldRule('C', 'CIN', 'category of need', 'The category of need in the first episode does not match open episode at end of last year.');
export const carriedOverPlace = carriedOverFieldRule('D', 'PLACE', 'placement type', 'The placement type in the first episode does not match open episode at end of last year');
export const carriedOverProvider = carriedOverFieldRule('E', 'PLACE_PROVIDER', 'placement provider', 'The placement provider in the first episode does not match open episode at end of last year.');
export const carriedOverUrn = carriedOverFieldRule('F', 'URN', 'Ofsted URN', 'The Ofsted URN in the  first episode does not match open episode at end of last year.');

/**
 * The distance the DfE works out for an episode (PL_DISTANCE) exists when both postcodes are given;
 * Hearth does not hold the ONS postcode directory the distance is computed from, so it compares the
 * postcodes themselves: the same two postcodes give the same distance.
 */
const hasDistance = (e: EpisodeRow): boolean => !blank(e.HOME_POST) && !blank(e.PL_POST);
/** Why the carried-over episode's distance would differ from last year's, or null when it would not. */
function distanceChange(open: EpisodeRow, first: EpisodeRow): string | null {
  if (!hasDistance(first)) return null;
  if (!hasDistance(open)) return `last year’s open episode had no distance (no ${blank(open.HOME_POST) ? 'home' : 'placement'} postcode), but this year’s first episode has both postcodes (${first.HOME_POST}, ${first.PL_POST}), so a distance is worked out`;
  if (samePostcode(open.HOME_POST, first.HOME_POST) && samePostcode(open.PL_POST, first.PL_POST)) return null;
  return `last year’s open episode had postcodes ${open.HOME_POST} and ${open.PL_POST}, this year’s first episode ${first.HOME_POST} and ${first.PL_POST}, so the distance worked out may differ`;
}

export const carriedOverDistance = defineRule({
  rule: '503G',
  name: 'Open episode carried over from last year: distance',
  dfeMessage: 'The distance in first episode does not match open episode at end of last year.',
  howToFix: 'An episode open at 31 March carries into this year unchanged: check the child’s home postcode and the placement’s postcode, which the distance is worked out from.',
  fields: ['PL_DISTANCE', 'HOME_POST', 'PL_POST'],
  area: 'child',
  check: (ctx) => {
    const open = openAtLastYearEnd(ctx);
    const first = ctx.episodes[0];
    const why = open && first ? distanceChange(open, first.row) : null;
    return why && first ? [episodeFinding(first, `${cap(why)}.`)] : NONE;
  },
});

export const carriedOverDistanceSameRne = defineRule({
  rule: '453',
  name: 'Distance contradicts last year’s open episode',
  dfeMessage: 'Contradiction between placement distance in the last episode of the previous year and in the first episode of the current year.',
  howToFix: 'The same episode carried over from last year keeps its distance: check the child’s home postcode and the placement’s postcode, which the distance is worked out from.',
  fields: ['PL_DISTANCE', 'HOME_POST', 'PL_POST', 'RNE'],
  area: 'child',
  check: (ctx) => {
    const open = openAtLastYearEnd(ctx);
    const first = ctx.episodes[0];
    if (!open || !first || first.row.RNE !== open.RNE) return NONE;
    const why = distanceChange(open, first.row);
    return why ? [episodeFinding(first, `${cap(why)}.`)] : NONE;
  },
});

// =============================================================================================
// UASC compared with last year's return. A child's row in the UASC file is what makes them UASC
// in the year (the DfE's CSV reading: the header's UASC flag is 1 when the child has a UASC row);
// DUC is the date their status ceased, or the date it will cease at 18 while it continues.
// =============================================================================================

const uascLastYear = (ctx: ChildContext) => ctx.previous?.uasc[0] ?? null;
const dateOrBlank = (d: IsoDate | null) => (d === null ? 'blank' : isValidIsoDate(d) ? formatDate(d) : `“${d}”`);

export const uascCeasedLastYear = defineRule({
  rule: '205A',
  name: 'UASC last year but not this year: status ceased last year',
  dfeMessage: 'Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both years does not support this.',
  howToFix: 'A child UASC last year and not this year stopped being UASC before 1 April: check the date UASC status ceased on the child’s details page.',
  fields: ['CHILD', 'UASC', 'DUC'],
  area: 'child',
  check: (ctx) => {
    const last = uascLastYear(ctx);
    if (!last || ctx.uasc.length > 0 || !ctx.previous) return NONE;
    const lastYearStart = `${Number(ctx.year.start.slice(0, 4)) - 1}${ctx.year.start.slice(4)}`;
    const lastYearEnd = `${Number(ctx.year.end.slice(0, 4)) - 1}${ctx.year.end.slice(4)}`;
    if (last.DUC !== null && isValidIsoDate(last.DUC) && last.DUC >= lastYearStart && last.DUC <= lastYearEnd) return NONE;
    return headerFinding(ctx, `The child was UASC last year and is not this year, but last year’s date UASC status ceased is ${dateOrBlank(last.DUC)}, not a date in last year (${formatDate(lastYearStart)} to ${formatDate(lastYearEnd)}).`);
  },
});

export const uascContinuesAt18 = defineRule({
  rule: '205B',
  name: 'UASC both years: date ceased is the 18th birthday or this year',
  dfeMessage: 'Child previously identified as UASC is also UASC this year, but date UASC ceased in both years does not support this.',
  howToFix: 'For a child still UASC at 31 March the date UASC status ceased is their 18th birthday (when it will cease); a status that ended in the year gives that date. Check the date of birth and the date UASC status ceased on the child’s details page.',
  fields: ['DUC', 'UASC', 'DOB'],
  area: 'child',
  check: (ctx) => {
    const last = uascLastYear(ctx);
    const cur = ctx.uasc[0];
    if (!last || !cur || !isValidIsoDate(last.DOB)) return NONE;
    const eighteenth = birthday(last.DOB, 18);
    const reasons: string[] = [];
    if (last.DUC !== eighteenth) reasons.push(`last year’s date UASC status ceased is ${dateOrBlank(last.DUC)}, not the 18th birthday (${formatDate(eighteenth)})`);
    const inYear = cur.row.DUC !== null && isValidIsoDate(cur.row.DUC) && cur.row.DUC >= ctx.year.start && cur.row.DUC <= ctx.year.end;
    if (!inYear && cur.row.DUC !== last.DUC) reasons.push(`this year’s (${dateOrBlank(cur.row.DUC)}) is neither in the year nor last year’s date`);
    return reasons.length > 0 ? [{ file: 'uasc' as const, index: cur.index, detail: `The child was UASC last year and this year, but ${reasons.join(', and ')}.` }] : NONE;
  },
});

export const uascNotLastYear = defineRule({
  rule: '205D',
  name: 'UASC this year but not last year',
  dfeMessage: 'Child identified as UASC this year but not identified as UASC status provided for the child last year.',
  howToFix: 'A child in last year’s return who is UASC this year was UASC then too (a child is UASC from arrival): check whether the child is recorded as UASC, and last year’s return.',
  fields: ['UASC', 'CHILD'],
  area: 'child',
  check: (ctx) =>
    ctx.uasc.length > 0 && ctx.previous?.header && ctx.previous.uasc.length === 0 ? headerFinding(ctx, 'The child is UASC this year but was in last year’s return without UASC status.') : NONE,
});

// =============================================================================================
// Adoption: the AD1 file (a child adopted in the year) and PlacedAdoption (decisions that the
// child should be placed for adoption), with the episodes they must agree with.
// =============================================================================================

const ad1Finding = (a: At<Ad1Row>, detail: string): Finding => ({ file: 'ad1', index: a.index, detail });
const placedFinding = (p: At<PlacedAdoptionRow>, detail: string): Finding => ({ file: 'placedAdoption', index: p.index, detail });
const ADOPTED: ReadonlySet<string> = new Set(['E11', 'E12']);
/** The AD1 items that are given all together or not at all (rule 151). */
const AD1_ITEMS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const;

/**
 * A rule that looks at each row of one adoption file on its own: a row that fails `when` (given the
 * row, the child's context and the row's place in its file) gets the finding `detail` describes. Most
 * of the adoption rules have this one shape; they are the tables below, made into rules by rowRules.
 */
type RowCheck<T> = {
  rule: string;
  name: string;
  dfeMessage: string;
  howToFix: string;
  fields: readonly string[];
  /** 'adoption' unless given. */
  area?: RuleDefinition['area'];
  years?: RuleDefinition['years'];
  when: (row: T, ctx: ChildContext, i: number) => boolean;
  detail: (row: T, ctx: ChildContext) => string;
};

function rowRules<T, K extends string>(file: 'ad1' | 'placedAdoption', rows: (ctx: ChildContext) => readonly At<T>[], table: Record<K, RowCheck<T>>): Record<K, RuleDefinition> {
  const rules = {} as Record<K, RuleDefinition>;
  for (const key of Object.keys(table) as K[]) {
    const { when, detail, area, ...described } = table[key];
    rules[key] = defineRule({
      ...described,
      area: area ?? 'adoption',
      check: (ctx) => {
        const list = rows(ctx);
        let out: Finding[] | null = null;
        for (let i = 0; i < list.length; i++) {
          const r = list[i] as At<T>;
          if (when(r.row, ctx, i)) (out ??= []).push({ file, index: r.index, detail: detail(r.row, ctx) });
        }
        return out ?? NONE;
      },
    });
  }
  return rules;
}

/** AD1's code fields: a value, when given, is one of the codes. */
const ad1Code = (rule: string, field: 'FOSTER_CARE' | 'NB_ADOPTR' | 'SEX_ADOPTR' | 'LS_ADOPTR', codes: Readonly<Record<string, unknown>>, what: string, dfeMessage: string): RowCheck<Ad1Row> => ({
  rule,
  name: `${cap(what)} is a valid code`,
  dfeMessage,
  howToFix: `Record ${what} with the adoption order on the child’s court record.`,
  fields: [field],
  when: (a) => !blank(a[field]) && !has(codes, a[field]),
  detail: (a) => `${field} (${what}) is ${quoted(a[field])}, not one of ${Object.keys(codes).join(', ')}.`,
});

/** The adopters' legal status against their genders (record-rules.ts' ADOPTER_RULES, which the court record form applies too). */
/** Whether an AD1 row's adopters break `rule`, as the adoption order form decides it (adopterProblems). */
const breaks = (a: Ad1Row, rule: string) => adopterProblems({ numberOfAdopters: a.NB_ADOPTR, sex: a.SEX_ADOPTR, legalStatus: a.LS_ADOPTR }).some((p) => p.rule === rule);

const adopterLegalStatus = (rule: string, dfeMessage: string): RowCheck<Ad1Row> => {
  const r = ADOPTER_RULES.find((x) => x.rule === rule) as (typeof ADOPTER_RULES)[number];
  return {
    rule,
    name: `Adopters ${r.legalStatus}: genders ${r.sexes.join(' or ')}`,
    dfeMessage,
    howToFix: 'Correct the adopters’ legal status or genders on the child’s court record.',
    fields: ['LS_ADOPTR', 'SEX_ADOPTR'],
    when: (a) => breaks(a, rule),
    detail: (a) => `The adopters’ legal status is ${r.legalStatus} but their genders are ${quoted(a.SEX_ADOPTR)}: ${r.message}.`,
  };
};

/** The adoption files' rows give the header's date of birth (INT11, INT12). */
const dobAsHeader = (rule: string, what: string, dfeMessage: string): RowCheck<{ DOB: string }> => ({
  rule,
  name: `${what}: date of birth as in the header`,
  dfeMessage,
  howToFix: 'The child’s date of birth is one date in every file: check the child’s details.',
  fields: ['DOB'],
  area: 'child',
  when: (r, ctx) => ctx.header !== null && r.DOB !== ctx.header.row.DOB,
  detail: (r, ctx) => `The date of birth here is ${formatDate(r.DOB)}; the header has ${formatDate(ctx.header?.row.DOB ?? '')}.`,
});

/** Every child in the adoption files is in the header (INT01, INT02). */
const childInHeader = (rule: string, what: string, dfeMessage: string): RowCheck<unknown> => ({
  rule,
  name: `${what}: the child is in the header`,
  dfeMessage,
  howToFix: 'Every child in the adoption files is in the return: check that the child was looked after in the year.',
  fields: ['CHILD'],
  when: (_, ctx) => ctx.header === null,
  detail: () => 'The child is not in the header file.',
});

/** Whether any of the AD1 items is given for the child (the child was adopted in the year: rule 525). */
const adoptedInYear = (ctx: ChildContext): boolean => ctx.ad1.some((a) => AD1_ITEMS.some((f) => !blank(a.row[f])));
/** The child's first episode that is not a short break (rule 118). */
const firstNotShortBreak = (ctx: ChildContext) => ctx.episodes.find((e) => !SHORT_BREAKS.has(e.row.LS));

export const {
  fosterCareValid,
  numberOfAdoptersValid,
  adoptersSexValid,
  adoptersLegalStatusValid,
  ad1AllOrNothing,
  adoptersAgree,
  singleAdopter,
  unmarriedDifferentGenders,
  unmarriedSameGender,
  civilPartners,
  marriedDifferentGenders,
  marriedSameGender,
  matchedAfterDecision,
  ad1DobAsHeader,
  ad1ChildInHeader,
  ad1Once,
} = rowRules('ad1', (ctx) => ctx.ad1, {
  fosterCareValid: ad1Code('114', 'FOSTER_CARE', { 0: 1, 1: 1 }, 'whether the child was adopted by their foster carers', 'Data entry to record the status of former carer(s) of an adopted child is invalid.'),
  numberOfAdoptersValid: ad1Code('175', 'NB_ADOPTR', { 1: 1, 2: 1 }, 'the number of adopters', 'The number of adopter(s) code is not a valid code.'),
  adoptersSexValid: ad1Code('176', 'SEX_ADOPTR', SEX_ADOPTR_CODES, 'the adopters’ genders', 'The gender of adopter(s) at the date of adoption code is not a valid code.'),
  adoptersLegalStatusValid: ad1Code('177', 'LS_ADOPTR', LS_ADOPTR_CODES, 'the adopters’ legal status', 'The legal status of adopter(s) code is not a valid code.'),
  ad1AllOrNothing: {
    rule: '151',
    name: 'Every adoption item given, or none',
    dfeMessage: 'All data items relating to a childs adoption must be coded or left blank.',
    howToFix: 'Record the date the child was matched (with the adoptive placement) and the adopters’ number, genders and legal status (with the adoption order) on the child’s court record.',
    fields: AD1_ITEMS,
    when: (a) => {
      const missing = AD1_ITEMS.filter((f) => blank(a[f])).length;
      return missing > 0 && missing < AD1_ITEMS.length;
    },
    detail: (a) => `The adoption is missing ${AD1_ITEMS.filter((f) => blank(a[f])).join(', ')}.`,
  },
  adoptersAgree: {
    rule: '511',
    name: 'Two adopters are a couple',
    dfeMessage:
      'If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting couple are male and female.',
    howToFix: 'Correct the adopters’ number or genders on the child’s court record.',
    fields: ['NB_ADOPTR', 'SEX_ADOPTR'],
    when: (a) => breaks(a, '511'),
    detail: (a) => `Two adopters, but their genders are ${quoted(a.SEX_ADOPTR)}.`,
  },
  singleAdopter: adopterLegalStatus('514', 'Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.'),
  unmarriedDifferentGenders: adopterLegalStatus('517', 'If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.'),
  unmarriedSameGender: adopterLegalStatus('518', 'If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.'),
  civilPartners: adopterLegalStatus('519', 'Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.'),
  marriedDifferentGenders: adopterLegalStatus('520', 'Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.'),
  marriedSameGender: adopterLegalStatus('524', 'If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females'),
  matchedAfterDecision: {
    rule: '333',
    name: 'Decision to place for adoption on or before matching',
    dfeMessage: 'Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).',
    howToFix: 'Check the date of the decision that the child should be placed for adoption and the date the child was matched, on the child’s court record.',
    fields: ['DATE_INT', 'DATE_MATCH'],
    when: (a) => !blank(a.DATE_MATCH) && (blank(a.DATE_INT) || a.DATE_INT > (a.DATE_MATCH as string)),
    detail: (a) =>
      blank(a.DATE_INT)
        ? `Matched on ${formatDate(a.DATE_MATCH as string)} with no date of the decision that the child should be placed for adoption.`
        : `The decision that the child should be placed for adoption (${formatDate(a.DATE_INT)}) is after they were matched (${formatDate(a.DATE_MATCH as string)}).`,
  },
  ad1DobAsHeader: dobAsHeader('INT11', 'AD1', 'Internal Check: DOB in AD1 is different to DOB in Header.'),
  ad1ChildInHeader: childInHeader('INT01', 'AD1', 'Data Integrity Check: Child in AD1 does not exist in Header.'),
  ad1Once: {
    rule: 'INT31',
    name: 'A child once in AD1',
    dfeMessage: 'Internal Check: Child should only exist once in AD1.',
    howToFix: 'A child is adopted once in a year: check the child’s court records.',
    fields: ['CHILD'],
    when: (_, ctx) => ctx.ad1.length > 1,
    detail: (_, ctx) => `The child has ${ctx.ad1.length} rows in AD1.`,
  },
});

export const {
  reasonPlacedCeasedValid,
  placedCeasedComplete,
  placedAdoptionAfterBirth,
  placedCeasedAfterDecision,
  noAdoptionAfterReversal,
  placedCeasedWithinYearAndCare,
  reversalHasDecision,
  earlierDecisionsReversed,
  placedAdoptionDobAsHeader,
  placedAdoptionChildInHeader,
} = rowRules('placedAdoption', (ctx) => ctx.placedAdoption, {
  reasonPlacedCeasedValid: {
    rule: '120',
    name: 'Reason a decision to place for adoption was reversed is a valid code',
    dfeMessage: 'The reason for the reversal of the decision that the child should be placed for adoption code is not valid.',
    howToFix: 'The reason is RD1 to RD4: correct it on the child’s court record.',
    fields: ['REASON_PLACED_CEASED'],
    when: (p) => !blank(p.REASON_PLACED_CEASED) && !['RD1', 'RD2', 'RD3', 'RD4'].includes(p.REASON_PLACED_CEASED as string),
    detail: (p) => `The reason is ${quoted(p.REASON_PLACED_CEASED)}, not one of RD1 to RD4.`,
  },
  placedCeasedComplete: {
    rule: '119',
    name: 'A reversed decision to place for adoption has its date and reason',
    dfeMessage: 'If the decision is made that a child should no longer be placed for adoption, then the date of this decision and the reason why this decision was made must be completed.',
    howToFix: 'Record both the date of the decision that the child should no longer be placed for adoption and its reason, or neither.',
    fields: ['REASON_PLACED_CEASED', 'DATE_PLACED_CEASED'],
    when: (p) => blank(p.DATE_PLACED_CEASED) !== blank(p.REASON_PLACED_CEASED),
    detail: (p) => `The decision of ${formatDate(p.DATE_PLACED)} has ${blank(p.DATE_PLACED_CEASED) ? 'a reason it was reversed but no date' : 'a date it was reversed but no reason'}.`,
  },
  placedAdoptionAfterBirth: {
    rule: '184',
    name: 'Decision to place for adoption after birth',
    dfeMessage: 'Date of decision that a child should be placed for adoption is before the child was born.',
    howToFix: 'Check the date of the decision that the child should be placed for adoption, and the child’s date of birth.',
    fields: ['DATE_PLACED', 'DOB'],
    when: (p, ctx) => ctx.dob !== null && p.DATE_PLACED < ctx.dob,
    detail: (p, ctx) => `The decision was made on ${formatDate(p.DATE_PLACED)}, before the child was born (${formatDate(ctx.dob as string)}).`,
  },
  placedCeasedAfterDecision: {
    rule: '522',
    name: 'Decision reversed on or after it was made',
    dfeMessage: 'Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.',
    howToFix: 'Check the dates of the decision that the child should be placed for adoption and of its reversal.',
    fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'],
    when: (p) => !blank(p.DATE_PLACED_CEASED) && (p.DATE_PLACED_CEASED as string) < p.DATE_PLACED,
    detail: (p) => `The decision of ${formatDate(p.DATE_PLACED)} was reversed on ${formatDate(p.DATE_PLACED_CEASED as string)}, before it was made.`,
  },
  noAdoptionAfterReversal: {
    rule: '525',
    name: 'No adoption after the decision was reversed',
    dfeMessage: 'A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.',
    howToFix: 'Check the child’s court record: a reversed decision to place for adoption and an adoption in the same year cannot both be right.',
    fields: ['DATE_PLACED_CEASED', ...AD1_ITEMS],
    when: (p, ctx) => !blank(p.DATE_PLACED_CEASED) && adoptedInYear(ctx),
    detail: (p) => `The decision of ${formatDate(p.DATE_PLACED)} was reversed on ${formatDate(p.DATE_PLACED_CEASED as string)}, but the child was adopted in the year.`,
  },
  placedCeasedWithinYearAndCare: {
    rule: '118',
    name: 'A reversal within the year and the care',
    dfeMessage: 'Date of decision that a child should no longer be placed for adoption is before the current collection year or before the date the child started to be looked after.',
    howToFix: 'Check the date the decision that the child should be placed for adoption was reversed, on the child’s court record.',
    fields: ['DATE_PLACED_CEASED', 'DECOM', 'LS'],
    when: (p, ctx) => {
      if (blank(p.DATE_PLACED_CEASED)) return false;
      const first = firstNotShortBreak(ctx);
      return (p.DATE_PLACED_CEASED as string) < ctx.year.start || (first !== undefined && (p.DATE_PLACED_CEASED as string) < first.row.DECOM);
    },
    detail: (p, ctx) => `The decision was reversed on ${formatDate(p.DATE_PLACED_CEASED as string)}, before ${(p.DATE_PLACED_CEASED as string) < ctx.year.start ? 'the collection year began' : 'the child’s care began'}.`,
  },
  reversalHasDecision: {
    rule: '563',
    name: 'A reversal has the decision it reverses',
    dfeMessage: 'The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank',
    howToFix: 'Record the date of the decision that was reversed.',
    fields: ['DATE_PLACED', 'REASON_PLACED_CEASED', 'DATE_PLACED_CEASED'],
    when: (p) => blank(p.DATE_PLACED) && (!blank(p.DATE_PLACED_CEASED) || !blank(p.REASON_PLACED_CEASED)),
    detail: () => 'A reversal is recorded with no decision date.',
  },
  earlierDecisionsReversed: {
    rule: '583',
    name: 'Only the latest decision to place for adoption may stand',
    dfeMessage:
      'More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.',
    howToFix: 'Record when each earlier decision that the child should be placed for adoption was reversed.',
    fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'],
    years: { from: '2023-24' },
    when: (p, ctx, i) => i < ctx.placedAdoption.length - 1 && blank(p.DATE_PLACED_CEASED),
    detail: (p) => `The decision of ${formatDate(p.DATE_PLACED)} was followed by a later one but is not recorded as reversed.`,
  },
  placedAdoptionDobAsHeader: dobAsHeader('INT12', 'PlacedAdoption', 'Internal Check: DOB in PlacedAdoption is different to DOB in Header.'),
  placedAdoptionChildInHeader: childInHeader('INT02', 'PlacedAdoption', 'Internal Check: Child in PlacedAdoption does not exist in Header.'),
});

export const placedDateMatchesAd1 = defineRule({
  rule: '523',
  name: 'AD1’s date should be placed is the PlacedAdoption decision',
  dfeMessage: 'Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).',
  howToFix: 'The decision that the child should be placed for adoption is one date in both files: check it on the child’s court record.',
  fields: ['DATE_PLACED', 'DATE_INT'],
  area: 'adoption',
  check: (ctx) => {
    const out: Finding[] = [];
    for (const a of ctx.ad1) {
      if (blank(a.row.DATE_INT)) continue;
      let differs = false;
      for (const p of ctx.placedAdoption) {
        if (p.row.DATE_PLACED === a.row.DATE_INT) continue;
        differs = true;
        out.push(placedFinding(p, `The decision is dated ${formatDate(p.row.DATE_PLACED)} here and ${formatDate(a.row.DATE_INT)} in AD1.`));
      }
      if (differs) out.push(ad1Finding(a, `The decision that the child should be placed for adoption is dated ${formatDate(a.row.DATE_INT)} here and differently in PlacedAdoption.`));
    }
    return out;
  },
});

export const placedWithinYearAndCare = defineRule({
  rule: '117',
  name: 'Decisions about placing for adoption within the year and the care',
  dfeMessage: 'Date of decision that a child should/should no longer be placed for adoption is beyond the current collection year or after the child ceased to be looked after.',
  howToFix: 'Check the dates of the decisions about placing the child for adoption on the child’s court record, and when their care ended.',
  fields: ['DATE_PLACED_CEASED', 'DATE_PLACED', 'DEC', 'REC', 'DECOM'],
  area: 'adoption',
  check: (ctx) => {
    let lastEnded: EpisodeRow | null = null;
    for (const e of ctx.episodes) if (e.row.REC !== 'X1' && (lastEnded === null || e.row.DECOM >= lastEnded.DECOM)) lastEnded = e.row;
    const limit = lastEnded?.DEC && lastEnded.DEC < ctx.year.end ? lastEnded.DEC : ctx.year.end;
    const out: Finding[] = [];
    for (const p of ctx.placedAdoption) {
      const late = [p.row.DATE_PLACED, p.row.DATE_PLACED_CEASED].filter((d): d is string => !blank(d) && (d as string) > limit);
      if (late.length > 0) out.push(placedFinding(p, `${formatDate(late[0] as string)} is after ${limit === ctx.year.end ? '31 March' : `care ended (${formatDate(limit)})`}.`));
    }
    return out;
  },
});

export const matchedBeforePlacedForAdoption = defineRule({
  rule: '331',
  name: 'Matched on or before the adoptive placement',
  dfeMessage: 'Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.',
  howToFix: 'Check the date the child was matched with the adopters and the day the placement became an adoptive placement, on the child’s court record.',
  fields: ['DATE_MATCH', 'DECOM', 'REC'],
  area: 'adoption',
  check: (ctx) => {
    const out: Finding[] = [];
    for (const a of ctx.ad1) {
      if (blank(a.row.DATE_MATCH)) continue;
      for (const e of ctx.episodes) if (ADOPTED.has(e.row.REC ?? '') && (a.row.DATE_MATCH as string) > e.row.DECOM) out.push(ad1Finding(a, `Matched on ${formatDate(a.row.DATE_MATCH as string)}, after the adoptive placement began (${formatDate(e.row.DECOM)}).`));
    }
    return out;
  },
});

export const decisionAfterCareBegan = defineRule({
  rule: '334',
  name: 'Decision to place for adoption after the latest period of care began',
  dfeMessage: 'Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption. ',
  howToFix: 'Check the date of the decision that the child should be placed for adoption, and when the child’s care began.',
  fields: ['DATE_INT', 'DECOM', 'RNE'],
  area: 'adoption',
  check: (ctx) => {
    let start: EpisodeRow | null = null;
    for (const e of ctx.episodes) if (e.row.RNE === 'S') start = e.row;
    if (!start) return NONE;
    const s = start;
    return pick(ctx.ad1, (a) => !blank(a.row.DATE_INT) && a.row.DATE_INT < s.DECOM, (a) => ad1Finding(a, `The decision that the child should be placed for adoption (${formatDate(a.row.DATE_INT)}) is before their latest period of care began (${formatDate(s.DECOM)}).`));
  },
});

export const fosterCareAgreesWithPlacement = defineRule({
  rule: '335',
  name: 'Adopted by foster carers agrees with the placement',
  dfeMessage:
    'The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current foster carer, but last placement is A1, A4 or A6.',
  howToFix: 'A5 (placed for adoption with the current foster carers) goes with FOSTER_CARE 1: check the adoptive placement’s type.',
  fields: ['PLACE', 'FOSTER_CARE'],
  area: 'adoption',
  check: (ctx) => {
    const out: Finding[] = [];
    for (const a of ctx.ad1) {
      for (const e of ctx.episodes) {
        if (!['E1', 'E11', 'E12'].includes(e.row.REC ?? '')) continue;
        const wrong = (['A2', 'A3', 'A5'].includes(e.row.PLACE) && a.row.FOSTER_CARE === '0') || (['A1', 'A4', 'A6'].includes(e.row.PLACE) && a.row.FOSTER_CARE === '1');
        if (wrong) out.push(ad1Finding(a, `FOSTER_CARE is ${a.row.FOSTER_CARE} but the adoption ended ${describeEpisode(e.row)} in placement ${e.row.PLACE}.`));
      }
    }
    return out;
  },
});

export const decisionBeforeAdoptivePlacement = defineRule({
  rule: '521',
  name: 'Decision to place for adoption on or before the adoptive placement',
  dfeMessage: 'Date of local authority’s decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.',
  howToFix: 'Check the date of the decision that the child should be placed for adoption, and the day the placement became an adoptive placement.',
  fields: ['PLACE', 'DECOM', 'DATE_INT'],
  area: 'adoption',
  check: (ctx) => {
    const out: Finding[] = [];
    for (const a of ctx.ad1) {
      if (blank(a.row.DATE_INT)) continue;
      for (const e of ctx.episodes) if (['A3', 'A4', 'A5', 'A6'].includes(e.row.PLACE) && a.row.DATE_INT > e.row.DECOM) out.push(ad1Finding(a, `The decision (${formatDate(a.row.DATE_INT)}) is after the child was placed for adoption (${formatDate(e.row.DECOM)}).`));
    }
    return out;
  },
});

export const adoptedHasAd1 = defineRule({
  rule: '601',
  // What Hearth checks, which is narrower than the DfE's wording: see docs/rules/ssda903-validation.md.
  name: 'A child in AD1 whose care ended with adoption in the year has every adoption item (a child adopted with no AD1 row is not checked)',
  dfeMessage: 'The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.',
  howToFix: 'Record the adoption on the child’s court record (the decision to place for adoption, matching, the adoptive placement and the adoption order with the adopters’ details).',
  fields: ['REC', 'DEC', ...AD1_ITEMS],
  area: 'adoption',
  check: (ctx) => {
    // As the validator reads it: a child in AD1 (a child adopted with no AD1 row is not flagged; see docs/rules/ssda903-validation.md).
    if (ctx.ad1.length === 0) return NONE;
    const adopted = ctx.episodes.filter((e) => ADOPTED.has(e.row.REC ?? '') && e.row.DEC !== null && e.row.DEC >= ctx.year.start && e.row.DEC <= ctx.year.end);
    const complete = ctx.ad1.every((a) => AD1_ITEMS.every((f) => !blank(a.row[f])));
    if (complete || adopted.length === 0) return NONE;
    return [
      ...adopted.map((e) => episodeFinding(e, `${cap(describeEpisode(e.row))} ended with adoption (${e.row.REC}), but the adoption items are incomplete.`)),
      ...ctx.ad1.map((a) => ad1Finding(a, 'The child was adopted in the year, but the adoption items are incomplete.')),
    ];
  },
});

export const ad1OnlyIfAdopted = defineRule({
  rule: '602',
  name: 'AD1 only for a child adopted in the year',
  dfeMessage: 'The episode data submitted for this child does not show that he/she was adopted during the year.',
  howToFix: 'A child in AD1 has an episode ending with adoption (E11 or E12) in the year: check how the child’s care ended.',
  fields: ['CHILD', 'REC', 'DEC'],
  area: 'adoption',
  check: (ctx) =>
    ctx.ad1.length > 0 && !ctx.episodes.some((e) => ADOPTED.has(e.row.REC ?? '') && e.row.DEC !== null && e.row.DEC >= ctx.year.start && e.row.DEC <= ctx.year.end)
      ? ctx.ad1.map((a) => ad1Finding(a, 'The child is in AD1, but no episode ends with adoption in the year.'))
      : NONE,
});

export const adoptedNotOnMatchingDay = defineRule({
  rule: '582',
  name: 'Not adopted on the day of matching',
  dfeMessage:
    'Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters. In most circumstances we expect the date the child is matched with adopters to be before the date of adoption.',
  howToFix: 'Check the date the child was matched with the adopters and the date of the adoption order.',
  fields: ['DEC', 'REC', 'DATE_MATCH'],
  area: 'adoption',
  years: { from: '2023-24' },
  check: (ctx) => {
    const out: Finding[] = [];
    for (const a of ctx.ad1) for (const e of ctx.episodes) if (ADOPTED.has(e.row.REC ?? '') && e.row.DEC !== null && e.row.DEC === a.row.DATE_MATCH) out.push(episodeFinding(e, `The child was adopted on ${formatDate(e.row.DEC)}, the day they were matched.`));
    return out;
  },
});

export const placedAdoptionHasDecision = defineRule({
  rule: '551',
  onlyWith: { code: { field: 'PLACE', codes: PLACED_FOR_ADOPTION } },
  name: 'Placed for adoption with a decision to place',
  dfeMessage: 'Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.',
  howToFix: 'Record the date of the decision that the child should be placed for adoption on the child’s court record.',
  fields: ['DATE_PLACED', 'PLACE'],
  area: 'adoption',
  check: (ctx) =>
    ctx.placedAdoption.length > 0 ? NONE : pick(ctx.episodes, (e) => PLACED_FOR_ADOPTION.includes(e.row.PLACE), (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} is a placement for adoption (${e.row.PLACE}), but no decision that the child should be placed for adoption is in the return.`)),
});

export const decisionBeforePlacedForAdoption = defineRule({
  rule: '552',
  name: 'Decision to place for adoption on or before the placement for adoption',
  dfeMessage: 'Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.',
  howToFix: 'Check the date of the decision that the child should be placed for adoption, and the day the placement became an adoptive placement.',
  fields: ['DATE_PLACED', 'DECOM', 'PLACE'],
  area: 'adoption',
  check: (ctx) => {
    const latest = ctx.placedAdoption[ctx.placedAdoption.length - 1];
    const first = ctx.episodes.find((e) => ['A3', 'A4', 'A5', 'A6'].includes(e.row.PLACE));
    return latest && first && latest.row.DATE_PLACED > first.row.DECOM ? [placedFinding(latest, `The decision (${formatDate(latest.row.DATE_PLACED)}) is after the child was placed for adoption (${formatDate(first.row.DECOM)}).`)] : NONE;
  },
});

export const placementOrderHasDecision = defineRule({
  rule: '553',
  onlyWith: { code: { field: 'LS', codes: ['E1'] } },
  name: 'A placement order with a decision to place for adoption',
  dfeMessage: 'Placement order has been granted but there is no date of decision that the child should be placed for adoption.',
  howToFix: 'Record the date of the decision that the child should be placed for adoption on the child’s court record.',
  fields: ['DATE_PLACED', 'LS'],
  area: 'adoption',
  check: (ctx) => {
    if (ctx.placedAdoption.length > 0) return NONE;
    return pick(ctx.episodes, (e) => e.row.LS === 'E1', (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} is under a placement order (E1), but no decision that the child should be placed for adoption is in the return.`));
  },
});

export const decisionBeforePlacementOrder = defineRule({
  rule: '554',
  name: 'Decision to place for adoption on or before the placement order',
  dfeMessage:
    'Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted. [NOTE: This rule may result in false positives or false negatives if relevant episodes are in previous years; please check carefully!]',
  howToFix: 'The agency decision-maker’s decision comes before the court’s placement order: check both dates.',
  fields: ['DATE_PLACED', 'DECOM', 'LS'],
  area: 'adoption',
  check: (ctx) => {
    const e1 = ctx.episodes.find((e) => e.row.LS === 'E1');
    const latest = ctx.placedAdoption[ctx.placedAdoption.length - 1];
    return e1 && latest && latest.row.DATE_PLACED > e1.row.DECOM ? [placedFinding(latest, `The decision (${formatDate(latest.row.DATE_PLACED)}) is after the placement order (${formatDate(e1.row.DECOM)}).`)] : NONE;
  },
});

export const freeingOrderHasDecision = defineRule({
  rule: '555',
  onlyWith: { code: { field: 'LS', codes: ['D1'] } },
  name: 'A freeing order with a decision to place for adoption',
  dfeMessage: 'Freeing order has been granted but there is no date of decision that the child should be placed for adoption.',
  howToFix: 'Record the date of the decision that the child should be placed for adoption on the child’s court record.',
  fields: ['DATE_PLACED', 'LS'],
  area: 'adoption',
  check: (ctx) =>
    ctx.placedAdoption.length > 0 ? NONE : pick(ctx.episodes, (e) => e.row.LS === 'D1', (e) => episodeFinding(e, `${cap(describeEpisode(e.row))} is under a freeing order (D1), but no decision that the child should be placed for adoption is in the return.`)),
});

export const decisionBeforeFreeingOrder = defineRule({
  rule: '556',
  name: 'Decision to place for adoption on or before the freeing order',
  dfeMessage: 'Date of decision that the child should be placed for adoption should be on or prior to the date that the freeing order was granted.',
  howToFix: 'The decision that the child should be placed for adoption comes before the freeing order: check both dates.',
  fields: ['DATE_PLACED', 'DECOM'],
  area: 'adoption',
  check: (ctx) => {
    const d1 = ctx.episodes.find((e) => e.row.LS === 'D1');
    const latest = ctx.placedAdoption[ctx.placedAdoption.length - 1];
    return d1 && latest && latest.row.DATE_PLACED > d1.row.DECOM ? [placedFinding(latest, `The decision (${formatDate(latest.row.DATE_PLACED)}) is after the freeing order (${formatDate(d1.row.DECOM)}).`)] : NONE;
  },
});

export const adoptedDecisionNotReversed = defineRule({
  rule: '558',
  name: 'An adopted child’s decision was not reversed',
  dfeMessage:
    'If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.',
  howToFix: 'Check the child’s court record: an adopted child’s latest decision to place for adoption was not reversed.',
  fields: ['DATE_PLACED_CEASED', 'REC'],
  area: 'adoption',
  check: (ctx) => {
    const last = ctx.episodes[ctx.episodes.length - 1];
    const latest = ctx.placedAdoption[ctx.placedAdoption.length - 1];
    return last && ADOPTED.has(last.row.REC ?? '') && latest && !blank(latest.row.DATE_PLACED_CEASED) ? [placedFinding(latest, `The child was adopted, but the decision of ${formatDate(latest.row.DATE_PLACED)} is recorded as reversed.`)] : NONE;
  },
});

export const decisionsDoNotOverlap = defineRule({
  rule: '579',
  name: 'Decisions to place for adoption do not overlap',
  dfeMessage:
    'A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open. Decisions to place the child for adoption should also not overlap. The date of any new decision to place the child for adoption must not be before the date placed ceased of previous decisions.',
  howToFix: 'Check the dates of the child’s decisions to place for adoption and their reversals.',
  fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'],
  area: 'adoption',
  check: (ctx) => {
    const out: Finding[] = [];
    for (let i = 1; i < ctx.placedAdoption.length; i++) {
      const prev = ctx.placedAdoption[i - 1] as At<PlacedAdoptionRow>;
      const cur = ctx.placedAdoption[i] as At<PlacedAdoptionRow>;
      if (blank(prev.row.DATE_PLACED_CEASED) || cur.row.DATE_PLACED < (prev.row.DATE_PLACED_CEASED as string)) out.push(placedFinding(cur, `The decision of ${formatDate(cur.row.DATE_PLACED)} starts while the one of ${formatDate(prev.row.DATE_PLACED)} still stands.`));
    }
    return out;
  },
});

// =============================================================================================
// The register
// =============================================================================================

/**
 * Rules that read only rows of one kind (a child's adoption rows, last year's return, missing periods,
 * UASC rows) and find nothing without them: run only for a child with such rows (onlyWith).
 */
const ONLY_WITH: Readonly<Record<string, RowKind>> = {
  ...Object.fromEntries(
    ['114', '175', '176', '177', '120', '119', '151', '511', '514', '517', '518', '519', '520', '524', '333', '184', '522', '523', '525', '117', '118', '331', '334', '335', '521', '601', '602', '582', '552', '554', '556', '558', '563', '583', '579', 'INT01', 'INT02', 'INT11', 'INT12', 'INT31'].map((r) => [r, 'adoption']),
  ),
  ...Object.fromEntries(['502', '503A', '503B', '503C', '503D', '503E', '503F', '503G', '453', '205A', '205B', '205D'].map((r) => [r, 'previous'])),
  ...Object.fromEntries(['1006', '581', '577', '574', '575', '580'].map((r) => [r, 'missing'])),
  '104': 'uasc',
};
const gated = (rules: readonly RuleDefinition[]): RuleDefinition[] =>
  rules.map((r) => {
    const kind = ONLY_WITH[r.rule];
    return kind === undefined ? r : { ...r, onlyWith: { ...r.onlyWith, rows: [...(r.onlyWith?.rows ?? []), kind] } };
  });

/** Every rule Hearth checks, in the order failures are listed for a child. */
export const RULES: readonly RuleDefinition[] = gated([
  // Field validity
  sexValid,
  sexUnknown,
  ethnicityValid,
  upnValid,
  upnNotUn1AtSchoolAge,
  upnNotUn4AfterAWeek,
  rneValid,
  legalStatusValid,
  categoryOfNeedValid,
  placeValid,
  providerValid,
  recValid,
  reasonPlaceChangeValid,
  reviewCodeValid,
  missingTypeValid,
  swReasonValid,
  swEpisodeComplete,
  swIdFormat,
  socialWorkerAt31March,
  socialWorkerOpenAt31March,
  socialWorkerFollowsAtYearEnd,
  swEpisodeFilledIn,
  swStartsWithinYear,
  swEndsWithinPeriod,
  swPreviousEnded,
  swEndedUnlessLatest,
  swLastsADay,
  swFollowsPrevious,
  // Dates and ages
  startsAfterBirth,
  youthJusticeAge,
  supportedAccommodationAge,
  youthCustodyAge,
  residentialSchoolAge,
  residentialEmploymentAge,
  policeProtectionLimit,
  emergencyProtectionLimit,
  childAssessmentOrderLimit,
  hospitalTemporaryLimit,
  carerHolidayTemporaryLimit,
  underFourParticipation,
  fourAndOverParticipation,
  shortBreaksNoPostcodes,
  distanceRecorded,
  postcodesRecorded,
  noDistanceForUasc,
  uascCeasedInYear,
  shortBreaksNoReviews,
  missingWhileLookedAfter,
  missingEndedWithCare,
  missingNoOverlap,
  missingEndsWithPlacement,
  missingAt18EndsCare,
  over18InCommunityHome,
  // Episode sequencing
  atLeastADay,
  continuationX1,
  continuationStartsSameDay,
  firstEpisodeIsStart,
  startAfterGap,
  startAfterCeased,
  legalStatusChangeOnly,
  placementChangeOnly,
  bothChanged,
  nothingAfterDeathOrAdulthood,
  temporaryDoesNotStartCare,
  temporaryDoesNotEndCare,
  // Legal status and placement combinations
  placedWithParentsNotV2,
  reasonPlaceChangeRequired,
  reasonPlaceChangeNotForTemporary,
  reasonPlaceChangeOnlyWhenEnded,
  custodyNotUnderTen,
  // URN and provider
  urnRequired,
  urnNotForPlacementType,
  providerNotForPlacementType,
  pr0OnlyWithParents,
  pr1NotWith,
  pr2NotWith,
  pr3NotWith,
  pr4NotWithParents,
  pr5NotWithParents,
  homeAndPlacementPostcodesDiffer,
  categoryOfNeedFixed,
  // Comparing with last year
  carriedOverStartDate,
  carriedOverRne,
  carriedOverLegalStatus,
  carriedOverCategoryOfNeed,
  carriedOverPlace,
  carriedOverProvider,
  carriedOverUrn,
  carriedOverDistance,
  carriedOverDistanceSameRne,
  uascCeasedLastYear,
  uascContinuesAt18,
  uascNotLastYear,
  // Adoption (AD1, PlacedAdoption)
  fosterCareValid,
  numberOfAdoptersValid,
  adoptersSexValid,
  adoptersLegalStatusValid,
  reasonPlacedCeasedValid,
  placedCeasedComplete,
  ad1AllOrNothing,
  adoptersAgree,
  singleAdopter,
  unmarriedDifferentGenders,
  unmarriedSameGender,
  civilPartners,
  marriedDifferentGenders,
  marriedSameGender,
  matchedAfterDecision,
  placedAdoptionAfterBirth,
  placedCeasedAfterDecision,
  placedDateMatchesAd1,
  noAdoptionAfterReversal,
  placedWithinYearAndCare,
  placedCeasedWithinYearAndCare,
  matchedBeforePlacedForAdoption,
  decisionAfterCareBegan,
  fosterCareAgreesWithPlacement,
  decisionBeforeAdoptivePlacement,
  adoptedHasAd1,
  ad1OnlyIfAdopted,
  adoptedNotOnMatchingDay,
  placedAdoptionHasDecision,
  decisionBeforePlacedForAdoption,
  placementOrderHasDecision,
  decisionBeforePlacementOrder,
  freeingOrderHasDecision,
  decisionBeforeFreeingOrder,
  adoptedDecisionNotReversed,
  reversalHasDecision,
  earlierDecisionsReversed,
  decisionsDoNotOverlap,
  ad1ChildInHeader,
  placedAdoptionChildInHeader,
  ad1DobAsHeader,
  placedAdoptionDobAsHeader,
  ad1Once,
]);
