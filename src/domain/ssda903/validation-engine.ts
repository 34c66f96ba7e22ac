/**
 * The machinery the SSDA903 validation rules run on: one child's rows of the return, sorted and
 * grouped into periods of care, and the shape of a rule. The rules are in validation-rules.ts; the
 * entry points (validateReturn, validateChild) in validation.ts.
 */
import { formatDate, isValidIsoDate, toDayNumber, type IsoDate } from '../dates.ts';
import type { YearRange } from './return-codes.ts';
import type { Ad1Row, AdoptionFileKey, CollectionYear, EpisodeRow, HeaderRow, MissingRow, PlacedAdoptionRow, ReturnFileKey, ReviewRow, SwEpisodeRow, UascRow, ValidationFailure } from './return-types.ts';

export type FileName = ReturnFileKey | AdoptionFileKey;
export type Area = NonNullable<ValidationFailure['area']>;

/** All of one child's rows of a return. */
export type ChildRows903 = {
  childId: string;
  header: HeaderRow | null;
  episodes: readonly EpisodeRow[];
  uasc: readonly UascRow[];
  reviews: readonly ReviewRow[];
  missing: readonly MissingRow[];
  swEpisodes: readonly SwEpisodeRow[];
  /** The adoption files' rows (absent: none). */
  ad1?: readonly Ad1Row[];
  placedAdoption?: readonly PlacedAdoptionRow[];
  /** Not in this year's UASC file but UASC in either of the two years before (Return903.formerlyUasc). */
  formerlyUasc?: boolean;
};

/** A row and its index in the caller's file (the whole return's, or the child's own rows). */
export type At<T> = { row: T; index: number };

/** An episode with the one before and the one after it in the child's sorted episodes. */
export type Step = { prev: At<EpisodeRow> | undefined; cur: At<EpisodeRow>; next: At<EpisodeRow> | undefined };

export type ChildContext = {
  childId: string;
  year: CollectionYear;
  header: At<HeaderRow> | null;
  /** From the header, when it is a calendar date. */
  dob: IsoDate | null;
  /** Sorted by DECOM, then DEC (open last). */
  episodes: readonly At<EpisodeRow>[];
  /** Each episode with the one before and after it. */
  steps: readonly Step[];
  /** The episodes grouped into periods of care: each starts where the previous one ended. */
  periods: readonly (readonly At<EpisodeRow>[])[];
  uasc: readonly At<UascRow>[];
  /** Sorted by REVIEW. */
  reviews: readonly At<ReviewRow>[];
  /** Sorted by MIS_START. */
  missing: readonly At<MissingRow>[];
  /** Sorted by SW_DECOM. */
  swEpisodes: readonly At<SwEpisodeRow>[];
  /** AD1 rows (a child adopted in the year). */
  ad1: readonly At<Ad1Row>[];
  /** PlacedAdoption rows, sorted by DATE_PLACED. */
  placedAdoption: readonly At<PlacedAdoptionRow>[];
  /** The same child's rows in the previous year's return, when it was given. */
  previous: ChildRows903 | null;
  /** UASC in either of the two years before this one, as Hearth's records say (Return903.formerlyUasc). */
  formerlyUasc: boolean;
};

/** One failed check: the row it concerns and a plain-English sentence about that row. */
export type Finding = { file: FileName; index: number; detail: string };

export type RuleDefinition = {
  /** The DfE rule number, e.g. "355" or "SW02STG1". */
  rule: string;
  /** A short name for the rule, for lists and logs. */
  name: string;
  /** The DfE's wording. */
  dfeMessage: string;
  /** Plain English: how to put it right in Hearth. */
  howToFix: string;
  severity: 'error' | 'warning';
  fields: readonly string[];
  area: Area;
  /** The collection years the rule applies in (every year when absent). */
  years?: YearRange;
  /**
   * When given, the rule is run only for a child whose rows have what it names (ruleApplies): the
   * rows the rule reads, or the codes it is about, so that a return of 100,000 children does not run
   * every rule on every child only to find nothing. It must find nothing for any other child
   * (validation.test.ts checks this on every fixture).
   */
  onlyWith?: OnlyWith;
  check(ctx: ChildContext): Finding[];
};

/**
 * Kinds of rows a rule may need: missing periods, UASC rows, adoption rows (AD1 or PlacedAdoption),
 * last year's return, reviews, social worker episodes, two episodes or more (a rule about an episode
 * and the one before or after it), and UASC this year or last or before (uascLately).
 */
export type RowKind = 'missing' | 'uasc' | 'adoption' | 'previous' | 'reviews' | 'swEpisodes' | 'severalEpisodes' | 'uascLately';

/**
 * What a rule needs in a child's rows to find anything (RuleDefinition.onlyWith): every kind of row
 * listed, an episode with one of the codes, and a header with one of the header codes.
 */
export type OnlyWith = { rows?: readonly RowKind[]; code?: { field: CodeField; codes: Iterable<string> }; header?: { field: HeaderCodeField; codes: Iterable<string> } };

/** The episode fields whose codes a rule may be about (OnlyWith.code). */
export type CodeField = 'LS' | 'PLACE' | 'PLACE_PROVIDER' | 'REASON_PLACE_CHANGE' | 'REC';

/** The header fields whose codes a rule may be about (OnlyWith.header). */
export type HeaderCodeField = 'SEX' | 'UPN';

/**
 * Whether the child is or was UASC: a row in this year's UASC file or in last year's, or UASC in
 * either of the two years before as Hearth's records say (the return's formerlyUasc).
 */
export const uascLately = (ctx: ChildContext): boolean => ctx.uasc.length > 0 || (ctx.previous?.uasc.length ?? 0) > 0 || ctx.formerlyUasc;

/** Whether a child has rows of a kind. */
export function hasRows(ctx: ChildContext, kind: RowKind): boolean {
  switch (kind) {
    case 'missing':
      return ctx.missing.length > 0;
    case 'uasc':
      return ctx.uasc.length > 0;
    case 'adoption':
      return ctx.ad1.length > 0 || ctx.placedAdoption.length > 0;
    case 'previous':
      return ctx.previous !== null;
    case 'reviews':
      return ctx.reviews.length > 0;
    case 'swEpisodes':
      return ctx.swEpisodes.length > 0;
    case 'severalEpisodes':
      return ctx.episodes.length > 1;
    case 'uascLately':
      return uascLately(ctx);
  }
}

/** Whether a rule is run for a child (its onlyWith, plainly; validation.ts works the same out with bits). */
export function ruleApplies(rule: RuleDefinition, ctx: ChildContext): boolean {
  const only = rule.onlyWith;
  if (only === undefined) return true;
  if (only.rows && !only.rows.every((kind) => hasRows(ctx, kind))) return false;
  const header = only.header;
  if (header !== undefined) {
    const codes = new Set(header.codes);
    if (ctx.header === null || !codes.has(ctx.header.row[header.field] as string)) return false;
  }
  const code = only.code;
  if (code === undefined) return true;
  const codes = new Set(code.codes);
  return ctx.episodes.some((e) => codes.has(e.row[code.field] as string));
}

export function defineRule(def: Omit<RuleDefinition, 'severity'> & { severity?: 'error' | 'warning' }): RuleDefinition {
  return { severity: 'error', ...def };
}

// ---------------------------------------------------------------------------------------------
// Building a child's context
// ---------------------------------------------------------------------------------------------

export type IndexedChildRows = {
  childId: string;
  header: At<HeaderRow> | null;
  episodes: At<EpisodeRow>[];
  uasc: At<UascRow>[];
  reviews: At<ReviewRow>[];
  missing: At<MissingRow>[];
  swEpisodes: At<SwEpisodeRow>[];
  ad1: At<Ad1Row>[];
  placedAdoption: At<PlacedAdoptionRow>[];
  formerlyUasc: boolean;
};

/**
 * No rows: one shared, frozen empty list for every file a child has no rows in (most children have
 * none in four of the seven), so that grouping 100,000 children's rows does not make half a million
 * empty lists. Frozen: whoever adds rows replaces it with a list of their own (validation.ts,
 * groupByChild), and adding to it fails at once.
 */
export const NO_ROWS: At<never>[] = Object.freeze([]) as unknown as At<never>[];

/** A child with no rows yet: every list is NO_ROWS. */
export function emptyIndexedRows(childId: string): IndexedChildRows {
  return { childId, header: null, episodes: NO_ROWS, uasc: NO_ROWS, reviews: NO_ROWS, missing: NO_ROWS, swEpisodes: NO_ROWS, ad1: NO_ROWS, placedAdoption: NO_ROWS, formerlyUasc: false };
}

/** A child's own rows, indexed from 0 in each file. */
export function indexChildRows(rows: ChildRows903): IndexedChildRows {
  const at = <T>(list: readonly T[]): At<T>[] => list.map((row, index) => ({ row, index }));
  return {
    childId: rows.childId,
    header: rows.header ? { row: rows.header, index: 0 } : null,
    episodes: at(rows.episodes),
    uasc: at(rows.uasc),
    reviews: at(rows.reviews),
    missing: at(rows.missing),
    swEpisodes: at(rows.swEpisodes),
    ad1: at(rows.ad1 ?? []),
    placedAdoption: at(rows.placedAdoption ?? []),
    formerlyUasc: rows.formerlyUasc === true,
  };
}

// The orders of buildContext: by a date, then (for some) a second one, nulls last, then by index.
// Written out for each list rather than made from key functions: they run for every child's rows.
const EPISODE_ORDER = (a: At<EpisodeRow>, b: At<EpisodeRow>): number => compareNullLast(a.row.DECOM, b.row.DECOM) || compareNullLast(a.row.DEC, b.row.DEC) || a.index - b.index;
const REVIEW_ORDER = (a: At<ReviewRow>, b: At<ReviewRow>): number => compareNullLast(a.row.REVIEW, b.row.REVIEW) || a.index - b.index;
const MISSING_ORDER = (a: At<MissingRow>, b: At<MissingRow>): number => compareNullLast(a.row.MIS_START, b.row.MIS_START) || compareNullLast(a.row.MIS_END, b.row.MIS_END) || a.index - b.index;
const SW_ORDER = (a: At<SwEpisodeRow>, b: At<SwEpisodeRow>): number => compareNullLast(a.row.SW_DECOM, b.row.SW_DECOM) || compareNullLast(a.row.SW_DEC, b.row.SW_DEC) || a.index - b.index;
const PLACED_ORDER = (a: At<PlacedAdoptionRow>, b: At<PlacedAdoptionRow>): number => compareNullLast(a.row.DATE_PLACED, b.row.DATE_PLACED) || a.index - b.index;

/**
 * The rows in that order: the list itself when it is already in order (nearly always: a return is
 * written child by child in date order, and most lists hold one row or none), otherwise a sorted
 * copy. Neither the list nor the copy is changed afterwards.
 */
function sorted<T>(rows: readonly At<T>[], order: (a: At<T>, b: At<T>) => number): readonly At<T>[] {
  for (let i = 1; i < rows.length; i++) {
    if (order(rows[i - 1] as At<T>, rows[i] as At<T>) > 0) return [...rows].sort(order);
  }
  return rows;
}

function compareNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * A child's context. The episodes' steps and periods are worked out when a rule first reads them:
 * most children have one episode, and the rules that read steps are run only for children with two
 * or more (onlyWith 'severalEpisodes').
 */
class Context implements ChildContext {
  readonly childId: string;
  readonly year: CollectionYear;
  readonly header: At<HeaderRow> | null;
  readonly dob: IsoDate | null;
  readonly episodes: readonly At<EpisodeRow>[];
  readonly uasc: readonly At<UascRow>[];
  readonly reviews: readonly At<ReviewRow>[];
  readonly missing: readonly At<MissingRow>[];
  readonly swEpisodes: readonly At<SwEpisodeRow>[];
  readonly ad1: readonly At<Ad1Row>[];
  readonly placedAdoption: readonly At<PlacedAdoptionRow>[];
  readonly previous: ChildRows903 | null;
  readonly formerlyUasc: boolean;
  #steps: readonly Step[] | undefined = undefined;
  #periods: readonly (readonly At<EpisodeRow>[])[] | undefined = undefined;

  constructor(rows: IndexedChildRows, year: CollectionYear, previous: ChildRows903 | null) {
    this.childId = rows.childId;
    this.year = year;
    this.header = rows.header;
    this.dob = rows.header && isValidIsoDate(rows.header.row.DOB) ? rows.header.row.DOB : null;
    this.episodes = sorted(rows.episodes, EPISODE_ORDER);
    this.uasc = rows.uasc;
    this.reviews = sorted(rows.reviews, REVIEW_ORDER);
    this.missing = sorted(rows.missing, MISSING_ORDER);
    this.swEpisodes = sorted(rows.swEpisodes, SW_ORDER);
    this.ad1 = rows.ad1;
    this.placedAdoption = sorted(rows.placedAdoption, PLACED_ORDER);
    this.previous = previous;
    this.formerlyUasc = rows.formerlyUasc;
  }

  get steps(): readonly Step[] {
    const episodes = this.episodes;
    return (this.#steps ??= episodes.map((cur, i) => ({ prev: episodes[i - 1], cur, next: episodes[i + 1] })));
  }

  get periods(): readonly (readonly At<EpisodeRow>[])[] {
    return (this.#periods ??= periodsOfCare(this.episodes));
  }
}

export function buildContext(rows: IndexedChildRows, year: CollectionYear, previous: ChildRows903 | null): ChildContext {
  return new Context(rows, year, previous);
}

/** A new period of care starts after an open episode or a gap; otherwise episodes chain on. */
export function periodsOfCare<T extends At<EpisodeRow>>(sorted: readonly T[]): T[][] {
  const periods: T[][] = [];
  let current: T[] = [];
  for (const e of sorted) {
    const prev = current[current.length - 1];
    if (prev && (prev.row.DEC === null || e.row.DECOM > prev.row.DEC)) {
      periods.push(current);
      current = [];
    }
    current.push(e);
  }
  if (current.length > 0) periods.push(current);
  return periods;
}

// ---------------------------------------------------------------------------------------------
// Small helpers the rules share
// ---------------------------------------------------------------------------------------------

/** Whole days from a to b (b − a), or null if either is not a calendar date. */
export function daysBetween(a: IsoDate, b: IsoDate): number | null {
  if (!isValidIsoDate(a) || !isValidIsoDate(b)) return null;
  return toDayNumber(b) - toDayNumber(a);
}

/** Whole years of age on a date, or null when either date is missing or not a calendar date. */
export function ageAt(dob: IsoDate | null, date: IsoDate | null): number | null {
  if (dob === null || date === null || !isValidIsoDate(dob) || !isValidIsoDate(date)) return null;
  // ISO dates: the years' difference, less one if the birthday (MM-DD) is still to come that year.
  const age = Number(date.slice(0, 4)) - Number(dob.slice(0, 4));
  return date.slice(5) < dob.slice(5) ? age - 1 : age;
}

/** The date of the nth birthday (29 February → 28 February in a common year). */
export function birthday(dob: IsoDate, n: number): IsoDate {
  const year = Number(dob.slice(0, 4)) + n;
  const monthDay = dob.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}

/**
 * Null, empty or only white space (as String.prototype.trim counts it). A value that starts with a
 * printable ASCII character other than a space is not blank, which is nearly every value: that is
 * decided without trimming.
 */
export const blank = (v: string | null | undefined): boolean => {
  if (v === null || v === undefined || v === '') return true;
  const c = v.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return v.trim() === '';
};

const SPACES = /\s+/g;
const normalPostcode = (v: string) => v.replace(SPACES, '').toUpperCase();
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const upper = (c: number) => (c >= 97 && c <= 122 ? c - 32 : c);

/**
 * Whether two ASCII postcodes are equal without spaces or case, compared in place (null when either
 * is not ASCII, for normalPostcode to decide): the rules compare every episode's postcodes.
 */
function sameAsciiPostcode(a: string, b: string): boolean | null {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSpace(a.charCodeAt(i))) i++;
    while (j < b.length && isSpace(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) {
      if (i === a.length && j === b.length) return true;
      // What is left of the other may be only non-ASCII spaces, which normalPostcode removes.
      const [rest, from] = i === a.length ? [b, j] : [a, i];
      for (let k = from; k < rest.length; k++) if (rest.charCodeAt(k) > 127) return null;
      return false;
    }
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (ca > 127 || cb > 127) return null;
    if (upper(ca) !== upper(cb)) return false;
    i++;
    j++;
  }
}

/** Postcodes compared without spaces or case. */
export function samePostcode(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  return sameAsciiPostcode(a as string, b as string) ?? normalPostcode(a as string) === normalPostcode(b as string);
}

export const same = (a: string | null, b: string | null): boolean => (blank(a) ? '' : a) === (blank(b) ? '' : b);

/** Whether `next` starts the day `prev` ended (the two episodes chain). */
export const chains = (prev: EpisodeRow, next: EpisodeRow): boolean => prev.DEC !== null && prev.DEC === next.DECOM;

/** "the episode from 3 May 2025 to 1 June 2025" / "the open episode from 3 May 2025". */
export function describeEpisode(e: EpisodeRow): string {
  return e.DEC ? `the episode from ${formatDate(e.DECOM)} to ${formatDate(e.DEC)}` : `the open episode from ${formatDate(e.DECOM)}`;
}

export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const episodeFinding = (e: At<EpisodeRow>, detail: string): Finding => ({ file: 'episodes', index: e.index, detail });

/**
 * No findings: one shared, frozen empty list, so that a rule that finds nothing (nearly every rule,
 * for nearly every child) allocates nothing. Frozen: a rule that adds to it fails at once.
 */
export const NONE: Finding[] = Object.freeze([]) as unknown as Finding[];

/**
 * The findings for the rows that fail a test, in their order: `finding` gives the row's finding, or
 * null when the row passes. One loop, and no list at all while every row passes (the rules used
 * filter/map and flatMap, which build two or more lists per rule for every child).
 */
export function collect<T>(rows: readonly T[], finding: (row: T, i: number) => Finding | null): Finding[] {
  let out: Finding[] | null = null;
  for (let i = 0; i < rows.length; i++) {
    const f = finding(rows[i] as T, i);
    if (f !== null) (out ??= []).push(f);
  }
  return out ?? NONE;
}

/** The findings for the rows that match `when`, each made by `finding`: filter then map, in one loop. */
export function pick<T>(rows: readonly T[], when: (row: T) => boolean, finding: (row: T) => Finding): Finding[] {
  let out: Finding[] | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as T;
    if (when(row)) (out ??= []).push(finding(row));
  }
  return out ?? NONE;
}


export { formatDate };
