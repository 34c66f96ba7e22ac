/**
 * Agreement between Hearth's SSDA903 checks and another implementation of the DfE's rules (the
 * community validator data-to-insight/csc-validator-be-903): reading a return back from the CSV
 * files Hearth writes (write.ts), and counting, rule by rule, the rows both flag, only Hearth flags
 * and only the other flags. Pure: the developer script scripts/ssda903-agreement.ts reads the files
 * and runs the validator.
 */
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import type { Ad1Row, CollectionYear, EpisodeRow, HeaderRow, MissingRow, PlacedAdoptionRow, Return903, ReviewRow, SwEpisodeRow, UascRow } from './return-types.ts';
import { ADOPTION_COLUMNS, ADOPTION_FILE_NAMES, RETURN_COLUMNS, RETURN_FILE_NAMES } from './write.ts';

/** Every file of the return Hearth writes as CSV, the adoption files with the others. */
const COLUMNS = { ...RETURN_COLUMNS, ...ADOPTION_COLUMNS };
const FILE_NAMES = { ...RETURN_FILE_NAMES, ...ADOPTION_FILE_NAMES };
export type FileKey = keyof typeof COLUMNS;

/** RFC 4180 CSV: fields separated by commas, quoted with double quotes (doubled inside), CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** "01/04/2025" → "2025-04-01"; anything else unchanged. */
function isoDate(value: string): IsoDate {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : value;
}

const DATE_COLUMNS: ReadonlySet<string> = new Set(['DOB', 'MC_DOB', 'DECOM', 'DEC', 'DUC', 'REVIEW', 'MIS_START', 'MIS_END', 'SW_DECOM', 'SW_DEC', 'DATE_INT', 'DATE_MATCH', 'DATE_PLACED', 'DATE_PLACED_CEASED']);

/** The rows of one file as records of its columns: '' becomes null, dd/mm/yyyy dates become ISO dates. */
function rowsOf(text: string | undefined, file: FileKey): Record<string, string | null>[] {
  if (text === undefined) return [];
  const [head, ...body] = parseCsv(text);
  if (!head) return [];
  const expected: readonly string[] = COLUMNS[file];
  if (head.join(',') !== expected.join(',')) throw new Error(`${FILE_NAMES[file]}: expected the columns ${expected.join(',')}, found ${head.join(',')}`);
  return body
    .filter((cells) => cells.some((c) => c !== ''))
    .map((cells) => Object.fromEntries(head.map((column, i) => {
      const v = cells[i] ?? '';
      return [column, v === '' ? null : DATE_COLUMNS.has(column) ? isoDate(v) : v];
    })));
}

// The rows of each file as Return903 holds them: a value the type cannot hold (a blank CHILD, an
// RNE that is not a code) is an error naming the file and row, not a row of the wrong type.
type RowOf = { header: HeaderRow; episodes: EpisodeRow; uasc: UascRow; reviews: ReviewRow; missing: MissingRow; swEpisodes: SwEpisodeRow; ad1: Ad1Row; placedAdoption: PlacedAdoptionRow };

const required = z.string();
const optional = z.string().nullable();
const ROW_SCHEMAS: { [K in FileKey]: z.ZodType<RowOf[K]> } = {
  header: z.object({ CHILD: required, SEX: required, DOB: required, ETHNIC: required, UPN: required, MOTHER: z.enum(['0', '1']).nullable(), MC_DOB: optional }),
  episodes: z.object({
    CHILD: required,
    DECOM: required,
    RNE: z.enum(['S', 'L', 'P', 'T', 'B', 'U']),
    LS: required,
    CIN: required,
    PLACE: required,
    PLACE_PROVIDER: optional,
    DEC: optional,
    REC: optional,
    REASON_PLACE_CHANGE: optional,
    HOME_POST: optional,
    PL_POST: optional,
    URN: optional,
  }),
  uasc: z.object({ CHILD: required, SEX: required, DOB: required, DUC: optional }),
  reviews: z.object({ CHILD: required, DOB: required, REVIEW: required, REVIEW_CODE: z.string().nullable().transform((v) => v ?? '') }),
  missing: z.object({ CHILD: required, DOB: required, MISSING: z.enum(['M', 'A']), MIS_START: required, MIS_END: optional }),
  swEpisodes: z.object({ CHILD: required, DOB: required, SW_ID: z.string().nullable().transform((v) => v ?? ''), SW_DECOM: required, SW_DEC: optional, SW_REASON: optional }),
  ad1: z.object({ CHILD: required, DOB: required, DATE_INT: required, DATE_MATCH: optional, FOSTER_CARE: z.enum(['0', '1']), NB_ADOPTR: required, SEX_ADOPTR: optional, LS_ADOPTR: optional }),
  placedAdoption: z.object({ CHILD: required, DOB: required, DATE_PLACED: required, DATE_PLACED_CEASED: optional, REASON_PLACED_CEASED: optional }),
};


/** The typed rows of one file; a row that does not fit its file's columns is an error naming it. */
function typedRows<K extends FileKey>(text: string | undefined, file: K): RowOf[K][] {
  const schema: z.ZodType<RowOf[K]> = ROW_SCHEMAS[file];
  return rowsOf(text, file).map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new Error(`${FILE_NAMES[file]} row ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return parsed.data;
  });
}

/** A return read back from its CSV files (keyed by file name, as write.ts names them); a file not given has no rows. */
export function returnFromCsv(files: Readonly<Record<string, string>>, year: CollectionYear): Return903 {
  const text = (file: FileKey) => files[FILE_NAMES[file]];
  return {
    year,
    header: typedRows(text('header'), 'header'),
    episodes: typedRows(text('episodes'), 'episodes'),
    uasc: typedRows(text('uasc'), 'uasc'),
    reviews: typedRows(text('reviews'), 'reviews'),
    missing: typedRows(text('missing'), 'missing'),
    swEpisodes: typedRows(text('swEpisodes'), 'swEpisodes'),
    ad1: typedRows(text('ad1'), 'ad1'),
    placedAdoption: typedRows(text('placedAdoption'), 'placedAdoption'),
  };
}

/** The validator's table names for Hearth's files. */
export const VALIDATOR_TABLES: Readonly<Record<FileKey, string>> = {
  header: 'Header',
  episodes: 'Episodes',
  uasc: 'UASC',
  reviews: 'Reviews',
  missing: 'Missing',
  swEpisodes: 'SWEpisodes',
  ad1: 'AD1',
  placedAdoption: 'PlacedAdoption',
};

/** One flagged row: the rule, the validator's table name and the row's index in its file (from 0). */
export type Flag = { rule: string; table: string; row: number };

export type AgreementRow = { rule: string; both: number; onlyHearth: number; onlyValidator: number };

/** Rule by rule (in code order), the rows flagged by both, only by Hearth and only by the validator. */
export function agreement(hearth: readonly Flag[], validator: readonly Flag[]): AgreementRow[] {
  const key = (f: Flag) => `${f.table}[${f.row}]`;
  const byRule = (flags: readonly Flag[]) => {
    const m = new Map<string, Set<string>>();
    for (const f of flags) {
      let s = m.get(f.rule);
      if (!s) m.set(f.rule, (s = new Set()));
      s.add(key(f));
    }
    return m;
  };
  const h = byRule(hearth);
  const v = byRule(validator);
  const rules = [...new Set([...h.keys(), ...v.keys()])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return rules.map((rule) => {
    const hs = h.get(rule) ?? new Set<string>();
    const vs = v.get(rule) ?? new Set<string>();
    const both = [...hs].filter((k) => vs.has(k)).length;
    return { rule, both, onlyHearth: hs.size - both, onlyValidator: vs.size - both };
  });
}

/** The table as Markdown, with a note for each rule Hearth does not implement. */
export function agreementTable(rows: readonly AgreementRow[], hearthRules: ReadonlySet<string>, notes: Readonly<Record<string, string>> = {}): string {
  const lines = ['| Rule | Both | Only Hearth | Only the validator | Note |', '| --- | ---: | ---: | ---: | --- |'];
  for (const r of rows) {
    const note = notes[r.rule] ?? (hearthRules.has(r.rule) ? '' : 'not implemented in Hearth');
    lines.push(`| ${r.rule} | ${r.both} | ${r.onlyHearth} | ${r.onlyValidator} | ${note} |`);
  }
  if (rows.length === 0) lines.push('| (none) | 0 | 0 | 0 | no rule flagged any row |');
  return lines.join('\n');
}
