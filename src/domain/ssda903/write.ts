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
 *   doubled. Nothing else is quoted, so "01/04/2025" and codes go out bare.
 * - Blank for null. Dates dd/mm/yyyy in both CSV and XML: the validator parses every date with
 *   format "%d/%m/%Y", and reads XML element text unchanged into the same tables.
 * - SEX is written in the coding of the collection year whatever form the row holds it in
 *   ("1"/"2" to 2023-24, "M"/"F"/"U" from 2024-25; rules.md §3.3, §3.11; rule 101), in the UASC
 *   file as in the header so that a child's two rows agree. (rules.md notes that the liia-tools
 *   schema still lists 1/2 for the UASC file; check the current DfE guide.) "U" has no code
 *   before 2024-25 and is written unchanged, so that validation rule 101 reports it rather than
 *   the writer guessing.
 */
import { stringify } from 'csv-stringify/sync';
import { isValidIsoDate, type IsoDate } from '../dates.ts';
import { firstYearOf } from './return-codes.ts';
import type { CollectionYear, EpisodeRow, HeaderRow, MissingRow, Return903, ReturnFileKey, ReviewRow, SwEpisodeRow, UascRow } from './return-types.ts';

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

/** The columns of each file that hold dates, written dd/mm/yyyy. */
const DATE_COLUMNS: ReadonlySet<string> = new Set(['DOB', 'MC_DOB', 'DECOM', 'DEC', 'DUC', 'REVIEW', 'MIS_START', 'MIS_END', 'SW_DECOM', 'SW_DEC']);

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

/** "2025-04-01" → "01/04/2025". A malformed date is a bug upstream, not something to send. */
export function dfeDate(date: IsoDate): string {
  if (!isValidIsoDate(date)) throw new Error(`Not an ISO date: ${JSON.stringify(date)}`);
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

type AnyRow = HeaderRow | EpisodeRow | UascRow | ReviewRow | MissingRow | SwEpisodeRow;

/** One row as the strings the file holds, column by column ('' for null). */
function cells(row: AnyRow, columns: readonly string[], year: CollectionYear): string[] {
  const record = row as Readonly<Record<string, string | null | undefined>>;
  return columns.map((column) => {
    const value = record[column];
    if (value === null || value === undefined || value === '') return '';
    if (DATE_COLUMNS.has(column)) return dfeDate(value);
    if (column === 'SEX') return sexCodeFor(value, year);
    return value;
  });
}

function csv(rows: readonly AnyRow[], columns: readonly string[], year: CollectionYear): string {
  return stringify(
    rows.map((row) => cells(row, columns, year)),
    {
      header: true,
      columns: [...columns],
      record_delimiter: 'windows',
      // csv-stringify quotes a delimiter, a quote or the record delimiter (CRLF) but not a lone
      // CR or LF; quote those too so that no value can break a row.
      quoted_match: /[\r\n]/,
    },
  );
}

/**
 * The CSV files of the return: header.csv, episodes.csv, uasc.csv (always, even with only its
 * header row), reviews.csv, missing.csv, and sw_episodes.csv from 2023-24 on (before then the
 * file is not part of the return and is left out, whatever the rows). Each file has its header
 * row even when it has no data rows.
 *
 * Not written, because Hearth does not hold their data: AD1, PlacedAdoption, PrevPerm, OC2, OC3,
 * and the DoLo file that the return asks for from 2026-27.
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
  return files;
}

// ---------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------

/** Text escaped for an XML element or attribute; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A leaf element, or nothing when the value is blank (optional elements are left out, not emptied). */
function leaf(tag: string, value: string | null | undefined, indent: string): string[] {
  if (value === null || value === undefined || value === '') return [];
  return [`${indent}<${tag}>${escapeXml(value)}</${tag}>`];
}

function byChild<T extends { CHILD: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.CHILD);
    if (list) list.push(row);
    else map.set(row.CHILD, [row]);
  }
  return map;
}

/**
 * The XML form of the return (rules.md §3.1; XSD "Expanded SSDA903 Return 2021" v3.3.0): root
 * EXPSSDA903, one CHILD per child in the header rows' order (then any child found only in other
 * tables), each with
 *   HEADER: CHILDID, UPN, SEX, DOB, ETHNIC, UASC, DUC, MOTHER, MC_DOB, then AREVIEW (REVIEW,
 *           REVIEW_CODE) and AMISSING (MISSING, MIS_START, MIS_END), repeated;
 *   EPISODE, repeated: DECOM, RNE, LS, CIN, PL (the placement type: PLACE in the CSV),
 *           PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN.
 * UASC is written (as 1, with DUC) only for a child in the UASC rows: the validator takes a child
 * into its UASC table whenever the element is present.
 *
 * NOT PRODUCED, because Hearth does not hold the data: the OC3 fields (IN_TOUCH, ACTIV, ACCOM) and
 * the AD1 fields (DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR) in HEADER,
 * and the nested OC2, PERMANENCE and AD_PLACED elements. Social worker episodes are not in the
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
  const headerOf = new Map(ret.header.map((h) => [h.CHILD, h]));

  const children: string[] = [];
  const seen = new Set<string>();
  for (const rows of [ret.header, ret.episodes, ret.uasc, ret.reviews, ret.missing]) {
    for (const r of rows) {
      if (!seen.has(r.CHILD)) {
        seen.add(r.CHILD);
        children.push(r.CHILD);
      }
    }
  }

  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<EXPSSDA903>'];
  for (const child of children) {
    const h = headerOf.get(child);
    const uasc = uascOf.get(child)?.[0];
    out.push('  <CHILD>', '    <HEADER>');
    out.push(
      ...leaf('CHILDID', child, '      '),
      ...leaf('UPN', h?.UPN, '      '),
      ...leaf('SEX', h?.SEX ? sexCodeFor(h.SEX, year) : null, '      '),
      ...leaf('DOB', date(h?.DOB), '      '),
      ...leaf('ETHNIC', h?.ETHNIC, '      '),
      ...leaf('UASC', uasc ? '1' : null, '      '),
      ...leaf('DUC', date(uasc?.DUC), '      '),
      ...leaf('MOTHER', h?.MOTHER, '      '),
      ...leaf('MC_DOB', date(h?.MC_DOB), '      '),
    );
    for (const r of reviewsOf.get(child) ?? []) {
      out.push('      <AREVIEW>', ...leaf('REVIEW', date(r.REVIEW), '        '), ...leaf('REVIEW_CODE', r.REVIEW_CODE, '        '), '      </AREVIEW>');
    }
    for (const m of missingOf.get(child) ?? []) {
      out.push(
        '      <AMISSING>',
        ...leaf('MISSING', m.MISSING, '        '),
        ...leaf('MIS_START', date(m.MIS_START), '        '),
        ...leaf('MIS_END', date(m.MIS_END), '        '),
        '      </AMISSING>',
      );
    }
    out.push('    </HEADER>');
    for (const e of episodesOf.get(child) ?? []) {
      out.push(
        '    <EPISODE>',
        ...leaf('DECOM', date(e.DECOM), '      '),
        ...leaf('RNE', e.RNE, '      '),
        ...leaf('LS', e.LS, '      '),
        ...leaf('CIN', e.CIN, '      '),
        ...leaf('PL', e.PLACE, '      '),
        ...leaf('PLACE_PROVIDER', e.PLACE_PROVIDER, '      '),
        ...leaf('DEC', date(e.DEC), '      '),
        ...leaf('REC', e.REC, '      '),
        ...leaf('REASON_PLACE_CHANGE', e.REASON_PLACE_CHANGE, '      '),
        ...leaf('HOME_POST', e.HOME_POST, '      '),
        ...leaf('PL_POST', e.PL_POST, '      '),
        ...leaf('URN', e.URN, '      '),
        '    </EPISODE>',
      );
    }
    out.push('  </CHILD>');
  }
  out.push('</EXPSSDA903>');
  return out.join('\r\n') + '\r\n';
}
