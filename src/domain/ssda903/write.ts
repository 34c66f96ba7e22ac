/**
 * Writing an SSDA903 return (return-types.ts) as the files the DfE takes: the CSV files, one per
 * table (rules.md §3.2), and the XML form (rules.md §3.1). Pure: text in, text out; the caller
 * writes the files.
 *
 * Decisions, and why:
 * - UTF-8 with no byte order mark. The DfE's community validator (data-to-insight
 *   csc-validator-be-903, lac_validator/ingress.py) reads each CSV with pandas' default UTF-8
 *   decoding and recognises the file by comparing its header row with the expected column names,
 *   so nothing may precede "CHILD". Codes, dates and postcodes are ASCII anyway.
 * - CRLF line endings, as RFC 4180 specifies for CSV; pandas (and COLLECT, and Excel) read either.
 * - Fields are quoted only when they contain a comma, a double quote, CR or LF; quotes are
 *   doubled. Nothing else is quoted, so "01/04/2025" and codes go out bare. Written here rather
 *   than with csv-stringify (used elsewhere in Hearth): for a return of 100,000 children it took
 *   about five times as long as these few lines (bench/ssda903.ts), and the rule is all of RFC 4180
 *   a writer needs.
 * - Blank for null. Dates dd/mm/yyyy in both CSV and XML: the validator parses every date with
 *   format "%d/%m/%Y", and reads XML element text unchanged into the same tables.
 * - SEX is written in the coding of the collection year whatever form the row holds it in
 *   ("1"/"2" to 2023-24, "M"/"F"/"U" from 2024-25; rules.md §3.3, §3.11; rule 101), in the UASC
 *   file as in the header so that a child's two rows agree. (rules.md notes that the liia-tools
 *   schema still lists 1/2 for the UASC file; check the current DfE guide.) "U" has no code
 *   before 2024-25 and is written unchanged, so that validation rule 101 reports it rather than
 *   the writer guessing.
 */
import type { IsoDate } from '../dates.ts';
import { dayNumberOf } from './day-numbers.ts';
import { firstYearOf } from './return-codes.ts';
import type { Ad1Row, AdoptionFileKey, CollectionYear, EpisodeRow, HeaderRow, MissingRow, PlacedAdoptionRow, Return903, ReturnFileKey, ReviewRow, SwEpisodeRow, UascRow } from './return-types.ts';

export type ReturnFile = { name: string; content: string };

/** The DfE's column names and order for each CSV file Hearth writes (rules.md §3.2). */
export const RETURN_COLUMNS = {
  header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
  uasc: ['CHILD', 'SEX', 'DOB', 'DUC'],
  reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  swEpisodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
} as const satisfies Record<ReturnFileKey, readonly string[]>;

/**
 * The adoption files' columns (rules.md §3.2; the community validator's config: AD1 and
 * PlacedAdoption). Kept apart from RETURN_COLUMNS, which lists the files Hearth reads back on import
 * (read.ts) and validates.
 */
export const ADOPTION_COLUMNS = {
  ad1: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  placedAdoption: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
} as const satisfies Record<AdoptionFileKey, readonly string[]>;

/** The adoption files' names, as the DfE's community validator's sample names them. */
export const ADOPTION_FILE_NAMES = { ad1: 'ad1.csv', placedAdoption: 'placed_for_adoption.csv' } as const satisfies Record<AdoptionFileKey, string>;

/** The columns of each file that hold dates, written dd/mm/yyyy. */
const DATE_COLUMNS: ReadonlySet<string> = new Set(['DOB', 'MC_DOB', 'DECOM', 'DEC', 'DUC', 'REVIEW', 'MIS_START', 'MIS_END', 'SW_DECOM', 'SW_DEC', 'DATE_INT', 'DATE_MATCH', 'DATE_PLACED', 'DATE_PLACED_CEASED']);

/** The file names, in the order returnFiles gives them. */
export const RETURN_FILE_NAMES = {
  header: 'header.csv',
  episodes: 'episodes.csv',
  uasc: 'uasc.csv',
  reviews: 'reviews.csv',
  missing: 'missing.csv',
  swEpisodes: 'sw_episodes.csv',
} as const;

/** The social worker episodes file is part of the return from 2023-24 (rules.md §3.11). */
export function hasSwEpisodesFile(year: CollectionYear | string): boolean {
  return firstYearOf(year) >= 2023;
}

/** SEX coded as the collection year requires: 1/2 to 2023-24, M/F/U from 2024-25 (rule 101). */
export function sexCodeFor(sex: string, year: CollectionYear | string): string {
  const letters = firstYearOf(year) >= 2024;
  const s = sex.trim().toUpperCase();
  if (s === 'M' || s === '1') return letters ? 'M' : '1';
  if (s === 'F' || s === '2') return letters ? 'F' : '2';
  // "U" from 2024-25; before then there is no code for it, and validation reports it (rule 101).
  return s;
}

/**
 * Dates already written, by day number: a return repeats the same few thousand dates. Found by the
 * date's day number, worked out from its characters, rather than by the date string in a Map, which
 * hashes every row's own copy of the string afresh (a second of CPU at 100,000 children).
 */
/** Day numbers from 1900-01-01 to 2200-12-31, the dates dayNumberOf accepts, index `written` ('' when not yet written). */
const FIRST_DAY = dayNumberOf('1900-01-01') as number;
const written: string[] = new Array<string>((dayNumberOf('2200-12-31') as number) - FIRST_DAY + 1).fill('');

/** "2025-04-01" → "01/04/2025". A malformed date is a bug upstream, not something to send. */
export function dfeDate(date: IsoDate): string {
  const day = dayNumberOf(date);
  if (day === null) throw new Error(`Not an ISO date: ${JSON.stringify(date)}`);
  const known = written[day - FIRST_DAY] as string;
  if (known !== '') return known;
  const dfe = `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  written[day - FIRST_DAY] = dfe;
  return dfe;
}

type AnyRow = HeaderRow | EpisodeRow | UascRow | ReviewRow | MissingRow | SwEpisodeRow | Ad1Row | PlacedAdoptionRow;

/** Characters that make a field quoted (RFC 4180: a comma, a double quote, CR or LF). */
const NEEDS_QUOTES = /[",\r\n]/;
const csvField = (v: string) => (NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Text written a piece at a time into 64 KB of bytes, which are made into a flat string each time
 * they fill; those strings are joined into the whole text once, at the end. A file of a national
 * return is 100 MB or more (bench/ssda903.ts), and how it is built decides the time:
 * - kept as a million small strings until the end, the garbage collector went through them again
 *   and again, with the whole authority's records in the heap;
 * - kept as 64 KB Buffers, three full collections of that heap followed while one return was
 *   written (about 3 s of CPU at 100,000 children, node --trace-gc), the heap itself hardly growing:
 *   V8 starts a full collection when memory outside the heap grows by tens of megabytes;
 * - lines built by concatenating strings are ropes, which joining has to walk piece by piece.
 * Here no string is made but the 64 KB ones (ADR 0015, addendum). Bytes are ASCII only, so they are
 * read back as Latin-1, exactly; text beyond ASCII (rare: codes, dates and postcodes are ASCII) goes
 * in as a string piece of its own, in its place.
 */
export class TextPieces {
  private readonly pieces: string[] = [];
  private readonly bytes = Buffer.allocUnsafe(65_536);
  private at = 0;
  add(text: string): void {
    const bytes = this.bytes;
    let at = this.at;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 127) {
        this.at = at;
        this.flush();
        this.pieces.push(i === 0 ? text : text.slice(i));
        return;
      }
      if (at === 65_536) {
        this.at = at;
        this.flush();
        at = 0;
      }
      bytes[at++] = c;
    }
    this.at = at;
  }
  private flush(): void {
    if (this.at === 0) return;
    this.pieces.push(this.bytes.toString('latin1', 0, this.at));
    this.at = 0;
  }
  text(): string {
    this.flush();
    const whole = this.pieces.length === 1 ? (this.pieces[0] as string) : this.pieces.join('');
    this.pieces.length = 0;
    return whole;
  }
}

/** How a column's value is written: as it is, as a date (dd/mm/yyyy) or as SEX in the year's coding. */
const AS_IS = 0;
const DATE = 1;
const SEX = 2;

function csv(rows: readonly AnyRow[], columns: readonly string[], year: CollectionYear): string {
  const kinds = columns.map((c) => (DATE_COLUMNS.has(c) ? DATE : c === 'SEX' ? SEX : AS_IS));
  const out = new TextPieces();
  out.add(columns.map(csvField).join(',') + '\r\n');
  for (let r = 0; r < rows.length; r++) {
    const record = rows[r] as unknown as Readonly<Record<string, string | null | undefined>>;
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) out.add(',');
      const value = record[columns[c] as string];
      if (value === null || value === undefined || value === '') continue;
      const kind = kinds[c];
      out.add(csvField(kind === DATE ? dfeDate(value) : kind === SEX ? sexCodeFor(value, year) : value));
    }
    out.add('\r\n');
  }
  return out.text();
}

/**
 * The CSV files of the return: header.csv, episodes.csv, uasc.csv (always, even with only its
 * header row), reviews.csv, missing.csv, and sw_episodes.csv from 2023-24 on (before then the
 * file is not part of the return and is left out, whatever the rows), then ad1.csv and
 * placed_for_adoption.csv (from the court record: assemble.ts, adoptionRowsInYear). Each file has
 * its header row even when it has no data rows. In AD1, SEX_ADOPTR and LS_ADOPTR are recorded with
 * the adoption order; they are blank only for an order recorded before Hearth asked for them.
 *
 * Not written, because Hearth does not hold their data: PrevPerm, OC2, OC3, and the DoLo file that
 * the return asks for from 2026-27.
 */
export function returnFiles(ret: Return903): ReturnFile[] {
  const { year } = ret;
  const files: ReturnFile[] = [
    { name: RETURN_FILE_NAMES.header, content: csv(ret.header, RETURN_COLUMNS.header, year) },
    { name: RETURN_FILE_NAMES.episodes, content: csv(ret.episodes, RETURN_COLUMNS.episodes, year) },
    { name: RETURN_FILE_NAMES.uasc, content: csv(ret.uasc, RETURN_COLUMNS.uasc, year) },
    { name: RETURN_FILE_NAMES.reviews, content: csv(ret.reviews, RETURN_COLUMNS.reviews, year) },
    { name: RETURN_FILE_NAMES.missing, content: csv(ret.missing, RETURN_COLUMNS.missing, year) },
  ];
  if (hasSwEpisodesFile(year)) {
    files.push({ name: RETURN_FILE_NAMES.swEpisodes, content: csv(ret.swEpisodes, RETURN_COLUMNS.swEpisodes, year) });
  }
  files.push({ name: ADOPTION_FILE_NAMES.ad1, content: csv(ret.ad1 ?? [], ADOPTION_COLUMNS.ad1, year) });
  files.push({ name: ADOPTION_FILE_NAMES.placedAdoption, content: csv(ret.placedAdoption ?? [], ADOPTION_COLUMNS.placedAdoption, year) });
  return files;
}

// ---------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------

/** Characters that escapeXml changes: XML's five specials and the characters XML 1.0 forbids. */
const XML_SPECIAL = /[&<>"']|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Whether every character is printable ASCII other than & < > " ' (then nothing needs escaping). */
function plainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126 || c === 38 || c === 60 || c === 62 || c === 34 || c === 39) return false;
  }
  return true;
}

/** Text escaped for an XML element or attribute; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  // Codes, dates and postcodes almost never need escaping: return them as they are.
  if (plainAscii(text) || !XML_SPECIAL.test(text)) return text;
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const EOL = '\r\n';

/** A leaf element and its line end, written to `out`; nothing when the value is blank (optional elements are left out, not emptied). */
function leaf(out: TextPieces, tag: string, value: string | null | undefined, indent: string): void {
  if (value === null || value === undefined || value === '') return;
  out.add(indent);
  out.add('<');
  out.add(tag);
  out.add('>');
  out.add(escapeXml(value));
  out.add('</');
  out.add(tag);
  out.add('>\r\n');
}

/** Rows grouped by child, in order; a child's rows usually come together, so the previous row's group is tried first. */
function byChild<T extends { CHILD: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  let lastChild: string | null = null;
  let last: T[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as T;
    if (row.CHILD !== lastChild) {
      lastChild = row.CHILD;
      const list = map.get(lastChild);
      if (list) last = list;
      else map.set(lastChild, (last = []));
    }
    last.push(row);
  }
  return map;
}

/**
 * The XML form of the return (rules.md §3.1; XSD "Expanded SSDA903 Return 2021" v3.3.0): root
 * EXPSSDA903, one CHILD per child in the header rows' order (then any child found only in other
 * tables), each with
 *   HEADER: CHILDID, UPN, SEX, DOB, ETHNIC, UASC, DUC, MOTHER, MC_DOB, then AREVIEW (REVIEW,
 *           REVIEW_CODE) and AMISSING (MISSING, MIS_START, MIS_END), repeated;
 *           then the AD1 fields (DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR,
 *           LS_ADOPTR; a blank one left out) for a child adopted in the year, and AD_PLACED
 *           (DATE_PLACED, DATE_PLACED_CEASED, REASON_PLACED_CEASED), repeated;
 *   EPISODE, repeated: DECOM, RNE, LS, CIN, PL (the placement type: PLACE in the CSV),
 *           PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN.
 * UASC is written (as 1, with DUC) only for a child in the UASC rows: the validator takes a child
 * into its UASC table whenever the element is present.
 *
 * NOT PRODUCED, because Hearth does not hold the data: the OC3 fields (IN_TOUCH, ACTIV, ACCOM) and
 * SEX_ADOPTR and LS_ADOPTR in HEADER, and the nested OC2 and PERMANENCE elements. Social worker episodes are not in the
 * 2021 XSD, and the validator's XML reader does not read them; they go out only in
 * sw_episodes.csv.
 *
 * CHECKED AND NOT SETTLED (for the 2025-26 collection): no XSD later than the 2021 one (v3.3.0) was
 * found, so neither the element names of a social worker episode in the XML nor the order of the
 * elements in a later schema could be checked. The validator's XML reader
 * (csc-validator-be-903 lac_validator/ingress.py, read_xml_from_text) matches elements by tag name
 * whatever their order, renames only CHILDID → CHILD and PL → PLACE, reads AREVIEW, AMISSING, OC2,
 * PERMANENCE and AD_PLACED inside HEADER and EPISODE beside it, and has no social worker table.
 * Until the DfE 2025-26 XSD is in hand, the CSV files are the form that carries the whole return.
 */
export function returnXml(ret: Return903): string {
  const { year } = ret;
  const date = (d: IsoDate | null | undefined) => (d ? dfeDate(d) : null);
  const episodesOf = byChild(ret.episodes);
  const uascOf = byChild(ret.uasc);
  const reviewsOf = byChild(ret.reviews);
  const missingOf = byChild(ret.missing);
  const ad1Of = byChild(ret.ad1 ?? []);
  const placedOf = byChild(ret.placedAdoption ?? []);
  const headerOf = new Map(ret.header.map((h) => [h.CHILD, h]));

  const children: string[] = [];
  const seen = new Set<string>();
  for (const rows of [ret.header, ret.episodes, ret.uasc, ret.reviews, ret.missing, ret.ad1 ?? [], ret.placedAdoption ?? []]) {
    for (const r of rows) {
      if (!seen.has(r.CHILD)) {
        seen.add(r.CHILD);
        children.push(r.CHILD);
      }
    }
  }

  // Written piece by piece (TextPieces): a return of 100,000 children is about a million lines.
  const out = new TextPieces();
  out.add(`<?xml version="1.0" encoding="UTF-8"?>${EOL}<EXPSSDA903>${EOL}`);
  const I4 = '      ';
  const I8 = '        ';
  for (const child of children) {
    const h = headerOf.get(child);
    const uasc = uascOf.get(child)?.[0];
    out.add(`  <CHILD>${EOL}    <HEADER>${EOL}`);
    leaf(out, 'CHILDID', child, I4);
    leaf(out, 'UPN', h?.UPN, I4);
    leaf(out, 'SEX', h?.SEX ? sexCodeFor(h.SEX, year) : null, I4);
    leaf(out, 'DOB', date(h?.DOB), I4);
    leaf(out, 'ETHNIC', h?.ETHNIC, I4);
    leaf(out, 'UASC', uasc ? '1' : null, I4);
    leaf(out, 'DUC', date(uasc?.DUC), I4);
    leaf(out, 'MOTHER', h?.MOTHER, I4);
    leaf(out, 'MC_DOB', date(h?.MC_DOB), I4);
    const ad1 = ad1Of.get(child)?.[0];
    if (ad1) {
      leaf(out, 'DATE_INT', date(ad1.DATE_INT), I4);
      leaf(out, 'DATE_MATCH', date(ad1.DATE_MATCH), I4);
      leaf(out, 'FOSTER_CARE', ad1.FOSTER_CARE, I4);
      leaf(out, 'NB_ADOPTR', ad1.NB_ADOPTR, I4);
      leaf(out, 'SEX_ADOPTR', ad1.SEX_ADOPTR, I4);
      leaf(out, 'LS_ADOPTR', ad1.LS_ADOPTR, I4);
    }
    for (const r of reviewsOf.get(child) ?? []) {
      out.add(`      <AREVIEW>${EOL}`);
      leaf(out, 'REVIEW', date(r.REVIEW), I8);
      leaf(out, 'REVIEW_CODE', r.REVIEW_CODE, I8);
      out.add(`      </AREVIEW>${EOL}`);
    }
    for (const m of missingOf.get(child) ?? []) {
      out.add(`      <AMISSING>${EOL}`);
      leaf(out, 'MISSING', m.MISSING, I8);
      leaf(out, 'MIS_START', date(m.MIS_START), I8);
      leaf(out, 'MIS_END', date(m.MIS_END), I8);
      out.add(`      </AMISSING>${EOL}`);
    }
    for (const p of placedOf.get(child) ?? []) {
      out.add(`      <AD_PLACED>${EOL}`);
      leaf(out, 'DATE_PLACED', date(p.DATE_PLACED), I8);
      leaf(out, 'DATE_PLACED_CEASED', date(p.DATE_PLACED_CEASED), I8);
      leaf(out, 'REASON_PLACED_CEASED', p.REASON_PLACED_CEASED, I8);
      out.add(`      </AD_PLACED>${EOL}`);
    }
    out.add(`    </HEADER>${EOL}`);
    for (const e of episodesOf.get(child) ?? []) {
      out.add(`    <EPISODE>${EOL}`);
      leaf(out, 'DECOM', date(e.DECOM), I4);
      leaf(out, 'RNE', e.RNE, I4);
      leaf(out, 'LS', e.LS, I4);
      leaf(out, 'CIN', e.CIN, I4);
      leaf(out, 'PL', e.PLACE, I4);
      leaf(out, 'PLACE_PROVIDER', e.PLACE_PROVIDER, I4);
      leaf(out, 'DEC', date(e.DEC), I4);
      leaf(out, 'REC', e.REC, I4);
      leaf(out, 'REASON_PLACE_CHANGE', e.REASON_PLACE_CHANGE, I4);
      leaf(out, 'HOME_POST', e.HOME_POST, I4);
      leaf(out, 'PL_POST', e.PL_POST, I4);
      leaf(out, 'URN', e.URN, I4);
      out.add(`    </EPISODE>${EOL}`);
    }
    out.add(`  </CHILD>${EOL}`);
  }
  out.add(`</EXPSSDA903>${EOL}`);
  return out.text();
}
