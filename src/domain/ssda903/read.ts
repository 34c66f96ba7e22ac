/**
 * Reading an authority's SSDA903 return files (the CSV files any case system produces for the DfE)
 * back into rows (return-types.ts). Pure: text in, rows and row errors out; the caller reads the
 * files. The reverse of write.ts.
 *
 * Decisions, and why:
 * - A file is recognised by its columns, not its name, as the DfE's tools do (the community
 *   validator, csc-validator-be-903 lac_validator/ingress.py, compares each file's header row with
 *   the expected column names): header, episodes, UASC, reviews, missing and social worker episodes
 *   each have a set of columns no other file has. Extra columns are ignored; column names are
 *   compared without case or surrounding spaces; a byte order mark is dropped.
 * - Dates are dd/mm/yyyy, as the DfE specifies (a single-digit day or month is accepted); anything
 *   else, or a day that does not exist (31/02/2025), is a row error.
 * - Codes are checked against the DfE's code lists of any year (return-codes.ts, codes.ts); whether a
 *   code is valid in the year of the return is for the validation rules, after import.
 * - Every problem is a row error with the file, the line (1 is the header row), the column and a
 *   plain-English message; a row with an error gives no row. The import (import-plan.ts) then leaves
 *   out the whole child, so a child's history is never half imported.
 */
import { parse } from 'csv-parse/sync';
import { isValidIsoDate, type IsoDate } from '../dates.ts';
import { CATEGORY_OF_NEED, ETHNICITY_CODES, LEGAL_STATUS } from './codes.ts';
import { MISSING_CODES, PLACE_CODES, PLACE_PROVIDER_CODES, REASON_PLACE_CHANGE_CODES, REC_CODES, REVIEW_CODES, RNE_CODES, SW_REASON_CODES, type CodeList } from './return-codes.ts';
import type { EpisodeRow, HeaderRow, MissingRow, ReturnFileKey, ReviewRow, SwEpisodeRow, UascRow } from './return-types.ts';
import { ADOPTION_COLUMNS, RETURN_COLUMNS, RETURN_FILE_NAMES } from './write.ts';

/** One file as given: its name (for messages only) and its text. */
export type InputFile = { name: string; content: string };

/** Where a row came from: the file's name and the line (the header row is line 1). */
export type RowAt = { file: string; line: number };

/** A problem with one row (or a whole file, line 1 and no column). */
export type RowError = RowAt & { column: string | null; message: string; child?: string; rule?: string };

/** A row with where it came from. */
export type Located<T> = { row: T; at: RowAt };

export type ParsedReturn = {
  /** The files recognised, by kind. */
  files: { name: string; kind: ReturnFileKey; rows: number }[];
  header: Located<HeaderRow>[];
  episodes: Located<EpisodeRow>[];
  uasc: Located<UascRow>[];
  reviews: Located<ReviewRow>[];
  missing: Located<MissingRow>[];
  swEpisodes: Located<SwEpisodeRow>[];
  errors: RowError[];
};

const KINDS = Object.keys(RETURN_COLUMNS) as ReturnFileKey[];

/** A file's first line as its columns, quotes and a byte-order mark removed (enough to recognise the file). */
export function columnsOf(f: InputFile): string[] {
  return (f.content.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => c.replace(/"/g, ''));
}

/** The kind of file a header row belongs to: the one whose columns are all there and most of them (so header is not taken for UASC). */
export function recogniseFile(columns: readonly string[]): ReturnFileKey | null {
  const have = new Set(columns.map((c) => c.trim().toUpperCase()));
  let best: ReturnFileKey | null = null;
  for (const kind of KINDS) {
    const needed = RETURN_COLUMNS[kind];
    if (!needed.every((c) => have.has(c))) continue;
    if (best === null || needed.length > RETURN_COLUMNS[best].length) best = kind;
  }
  return best;
}

/** A file with exactly the columns of one of the adoption files (AD1, PlacedAdoption). */
function isAdoptionFile(columns: readonly string[]): boolean {
  const have = columns.map((c) => c.trim().toUpperCase()).join(',');
  return Object.values(ADOPTION_COLUMNS).some((needed) => needed.join(',') === have);
}

/** "01/04/2025" → "2025-04-01"; null when it is not a real dd/mm/yyyy date. */
export function isoFromDfeDate(text: string): IsoDate | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

const ANY_YEAR = (list: CodeList | Readonly<Record<string, string>>, code: string) => Object.hasOwn(list, code);

/** Reads one row's cells into typed values, collecting every error of the row. */
class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    private readonly cells: Readonly<Record<string, string>>,
    private readonly at: RowAt,
  ) {}

  private fail(column: string, message: string, rule?: string): null {
    const child = this.cells.CHILD?.trim();
    this.errors.push({ ...this.at, column, message, ...(child ? { child } : {}), ...(rule ? { rule } : {}) });
    return null;
  }

  text(column: string): string | null {
    const v = (this.cells[column] ?? '').trim();
    return v === '' ? null : v;
  }

  required(column: string, what: string): string {
    const v = this.text(column);
    if (v === null) this.fail(column, `${column} (${what}) is blank: every row needs it`);
    return v ?? '';
  }

  date(column: string, required: boolean): IsoDate | null {
    const v = this.text(column);
    if (v === null) {
      if (required) this.fail(column, `${column} is blank: enter the date as dd/mm/yyyy`);
      return null;
    }
    const iso = isoFromDfeDate(v);
    return iso ?? this.fail(column, `${column} "${v}" is not a real date written dd/mm/yyyy`);
  }

  code(column: string, list: CodeList | Readonly<Record<string, string>>, required: boolean, rule?: string): string | null {
    const v = this.text(column);
    if (v === null) {
      if (required) this.fail(column, `${column} is blank: every row needs a code`, rule);
      return null;
    }
    const code = v.toUpperCase();
    return ANY_YEAR(list, code) ? code : this.fail(column, `${column} "${v}" is not one of the DfE's codes for ${column}`, rule);
  }

  /** Two dates that must not go backwards. */
  order(fromColumn: string, from: IsoDate | null, toColumn: string, to: IsoDate | null, rule?: string): void {
    if (from && to && to < from) this.fail(toColumn, `${toColumn} (${dfe(to)}) is before ${fromColumn} (${dfe(from)})`, rule);
  }
}

const dfe = (d: IsoDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

const SEX_ANY = { '1': 'M', '2': 'F', M: 'M', F: 'F', U: 'U' } as const;

function headerRow(r: RowReader): HeaderRow {
  const sex = r.code('SEX', SEX_ANY, true, '101');
  const mother = r.text('MOTHER');
  if (mother !== null && mother !== '0' && mother !== '1') r.code('MOTHER', { '0': '', '1': '' }, false);
  const dob = r.date('DOB', true);
  const mcDob = r.date('MC_DOB', false);
  return {
    CHILD: r.required('CHILD', 'the child’s identifier'),
    SEX: sex ? SEX_ANY[sex as keyof typeof SEX_ANY] : '',
    DOB: dob ?? '',
    ETHNIC: r.code('ETHNIC', ETHNICITY_CODES, true, '103') ?? '',
    UPN: r.text('UPN') ?? '',
    MOTHER: mother === '0' || mother === '1' ? mother : null,
    MC_DOB: mcDob,
  };
}

function episodeRow(r: RowReader): EpisodeRow {
  const DECOM = r.date('DECOM', true);
  const DEC = r.date('DEC', false);
  r.order('DECOM', DECOM, 'DEC', DEC);
  return {
    CHILD: r.required('CHILD', 'the child’s identifier'),
    DECOM: DECOM ?? '',
    RNE: (r.code('RNE', RNE_CODES, true, '143') ?? 'S') as EpisodeRow['RNE'],
    LS: r.code('LS', LEGAL_STATUS, true, '144') ?? '',
    CIN: r.code('CIN', CATEGORY_OF_NEED, true, '145') ?? '',
    PLACE: r.code('PLACE', PLACE_CODES, true, '146') ?? '',
    PLACE_PROVIDER: r.code('PLACE_PROVIDER', PLACE_PROVIDER_CODES, false),
    DEC,
    REC: r.code('REC', REC_CODES, false, '149'),
    REASON_PLACE_CHANGE: r.code('REASON_PLACE_CHANGE', REASON_PLACE_CHANGE_CODES, false),
    HOME_POST: r.text('HOME_POST'),
    PL_POST: r.text('PL_POST'),
    URN: r.text('URN'),
  };
}

function uascRow(r: RowReader): UascRow {
  const sex = r.code('SEX', SEX_ANY, true, '101');
  return { CHILD: r.required('CHILD', 'the child’s identifier'), SEX: sex ? SEX_ANY[sex as keyof typeof SEX_ANY] : '', DOB: r.date('DOB', true) ?? '', DUC: r.date('DUC', false) };
}

function reviewRow(r: RowReader): ReviewRow {
  return { CHILD: r.required('CHILD', 'the child’s identifier'), DOB: r.date('DOB', true) ?? '', REVIEW: r.date('REVIEW', true) ?? '', REVIEW_CODE: r.code('REVIEW_CODE', REVIEW_CODES, false) ?? '' };
}

function missingRow(r: RowReader): MissingRow {
  const MIS_START = r.date('MIS_START', true);
  const MIS_END = r.date('MIS_END', false);
  r.order('MIS_START', MIS_START, 'MIS_END', MIS_END);
  return {
    CHILD: r.required('CHILD', 'the child’s identifier'),
    DOB: r.date('DOB', true) ?? '',
    MISSING: (r.code('MISSING', MISSING_CODES, true) ?? 'M') as MissingRow['MISSING'],
    MIS_START: MIS_START ?? '',
    MIS_END,
  };
}

function swEpisodeRow(r: RowReader): SwEpisodeRow {
  const SW_DECOM = r.date('SW_DECOM', true);
  const SW_DEC = r.date('SW_DEC', false);
  r.order('SW_DECOM', SW_DECOM, 'SW_DEC', SW_DEC);
  return {
    CHILD: r.required('CHILD', 'the child’s identifier'),
    DOB: r.date('DOB', true) ?? '',
    SW_ID: r.required('SW_ID', 'the social worker’s identifier'),
    SW_DECOM: SW_DECOM ?? '',
    SW_DEC,
    SW_REASON: r.code('SW_REASON', SW_REASON_CODES, false),
  };
}

const READERS = { header: headerRow, episodes: episodeRow, uasc: uascRow, reviews: reviewRow, missing: missingRow, swEpisodes: swEpisodeRow } as const;

/** Parse CSV text into records of trimmed, upper-cased column names; null (with an error) when it is not CSV. */
function csvRecords(file: InputFile, errors: RowError[]): { columns: string[]; rows: { cells: Record<string, string>; line: number }[] } | null {
  let table: string[][];
  try {
    table = parse(file.content, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as string[][];
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === 'number' ? (err as { lines: number }).lines : 1;
    errors.push({ file: file.name, line, column: null, message: `The file cannot be read as CSV: ${(err as Error).message}` });
    return null;
  }
  const [head, ...body] = table;
  if (!head) {
    errors.push({ file: file.name, line: 1, column: null, message: 'The file is empty: it needs a header row of column names' });
    return null;
  }
  const columns = head.map((c) => c.trim().toUpperCase());
  const rows = body.map((cells, i) => ({ cells: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ''])), line: i + 2 }));
  return { columns, rows };
}

/**
 * Reads the files of one year's return. The adoption files (AD1, PlacedAdoption) are skipped without
 * a word (Hearth writes them; adoption is recorded through the court record, not imported); other
 * files that are none of the six (for example the XML, or a PrevPerm file) are reported and skipped; two files of the same kind are an error for the second.
 */
export function readReturnFiles(files: readonly InputFile[]): ParsedReturn {
  const out: ParsedReturn = { files: [], header: [], episodes: [], uasc: [], reviews: [], missing: [], swEpisodes: [], errors: [] };
  const seen = new Map<ReturnFileKey, string>();
  for (const file of files) {
    const table = csvRecords(file, out.errors);
    if (!table) continue;
    const kind = recogniseFile(table.columns);
    // The adoption files Hearth writes (AD1, PlacedAdoption) are recognised and not imported: adoption is recorded through the court record.
    if (kind === null && isAdoptionFile(table.columns)) continue;
    if (kind === null) {
      out.errors.push({
        file: file.name,
        line: 1,
        column: null,
        message: `Not recognised as a file of the SSDA903 return: its columns (${table.columns.join(', ')}) are not those of ${KINDS.map((k) => RETURN_FILE_NAMES[k]).join(', ')}`,
      });
      continue;
    }
    const already = seen.get(kind);
    if (already) {
      out.errors.push({ file: file.name, line: 1, column: null, message: `Has the same columns as ${already}: give each file of the return once` });
      continue;
    }
    seen.set(kind, file.name);
    out.files.push({ name: file.name, kind, rows: table.rows.length });
    for (const { cells, line } of table.rows) {
      const at = { file: file.name, line };
      const reader = new RowReader(cells, at);
      const row = READERS[kind](reader);
      if (reader.errors.length) out.errors.push(...reader.errors);
      else (out[kind] as Located<typeof row>[]).push({ row, at });
    }
  }
  return out;
}
