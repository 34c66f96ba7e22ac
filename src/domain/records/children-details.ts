/**
 * Children's names for an import. The SSDA903 return holds no names: an imported child is named
 * with a placeholder, "Child <CHILD>", marked as a name not yet recorded, until a person records it
 * on the child's record or the authority gives the optional children's details file (template and
 * columns: docs/children-details.md). Pure: text in, names and row errors out.
 *
 * One rule for whether a child's name is recorded (`nameRecordedAfter`), used by the import and by
 * every change of a child's name (the form and the API).
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import { formatDate } from '../dates.ts';
import { isoFromDfeDate, type RowError } from '../ssda903/read.ts';
import { text } from './fields.ts';

/** The template's columns: CHILD, FIRST_NAME and LAST_NAME are required; DOB (dd/mm/yyyy) is a check that it is the same child. */
export const CHILD_DETAILS_COLUMNS = ['CHILD', 'FIRST_NAME', 'LAST_NAME', 'DOB'] as const;
const REQUIRED = CHILD_DETAILS_COLUMNS.slice(0, 3);

/** The name an imported child has until theirs is recorded. */
export const placeholderName = (reference: string) => ({ firstName: 'Child', lastName: reference });

/**
 * Whether a child's name is recorded after a change: it stays "not yet recorded" only while the name
 * is still the placeholder the import gave.
 */
export function nameRecordedAfter(current: { reference: string; nameRecorded: boolean }, next: { firstName?: string | undefined; lastName?: string | undefined }): boolean {
  if (current.nameRecorded) return true;
  const placeholder = placeholderName(current.reference);
  if (next.firstName === undefined && next.lastName === undefined) return false;
  return (next.firstName ?? placeholder.firstName).trim() !== placeholder.firstName || (next.lastName ?? placeholder.lastName).trim() !== placeholder.lastName;
}

/** A file is the children's details when its header has these columns (and so is not a file of the return). */
export function isChildrenDetails(columns: readonly string[]): boolean {
  const upper = columns.map((c) => c.replace(/"/g, '').trim().toUpperCase());
  return REQUIRED.every((c) => upper.includes(c));
}

export type ChildDetails = { reference: string; line: number; firstName: string; lastName: string; dateOfBirth: IsoDate | null };

const Names = z.object({ firstName: text('the first name', 100), lastName: text('the last name', 100) });

/** Reads the children's details file. A row in error gives no name; each error names its line and column. */
export function readChildrenDetails(file: { name: string; content: string }): { children: ChildDetails[]; errors: RowError[] } {
  const errors: RowError[] = [];
  let table: string[][];
  try {
    table = parse(file.content, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    return { children: [], errors: [{ file: file.name, line: 1, column: null, message: `The file cannot be read as CSV: ${(err as Error).message}` }] };
  }
  const [head, ...body] = table;
  const columns = (head ?? []).map((c) => c.trim().toUpperCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) return { children: [], errors: [{ file: file.name, line: 1, column: null, message: `Not the children's details template: the columns ${missing.join(', ')} are missing (docs/children-details.md)` }] };
  const children: ChildDetails[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const get = (c: string) => (columns.includes(c) ? (cells[columns.indexOf(c)] ?? '') : '').trim();
    const before = errors.length;
    const fail = (column: string, message: string, child?: string) => errors.push({ file: file.name, line, column, message, ...(child ? { child } : {}) });
    const reference = get('CHILD').toUpperCase();
    if (!reference) fail('CHILD', 'CHILD is blank: give the child’s CHILD id as in the return');
    else if (seen.has(reference)) fail('CHILD', `${reference} is also on line ${seen.get(reference)}: give each child once`, reference);
    else seen.set(reference, line);
    const dobText = get('DOB');
    const dateOfBirth = dobText ? isoFromDfeDate(dobText) : null;
    if (dobText && !dateOfBirth) fail('DOB', `DOB "${dobText}" is not a real date written dd/mm/yyyy`, reference || undefined);
    const names = Names.safeParse({ firstName: get('FIRST_NAME'), lastName: get('LAST_NAME') });
    if (!names.success) for (const issue of names.error.issues) fail(issue.path[0] === 'firstName' ? 'FIRST_NAME' : 'LAST_NAME', issue.message, reference || undefined);
    if (errors.length > before || !names.success) return;
    children.push({ reference, line, firstName: names.data.firstName, lastName: names.data.lastName, dateOfBirth });
  });
  return { children, errors };
}

/**
 * A details row against the child it names: refused (with the reason) when the return has no such
 * child or gives another date of birth, so that a name is never given to the wrong child.
 */
export function detailsProblem(row: ChildDetails, returned: { dateOfBirth: IsoDate } | undefined): string | null {
  if (!returned) return `${row.reference} is not a child in the return's header: the name is not filled`;
  if (row.dateOfBirth && row.dateOfBirth !== returned.dateOfBirth)
    return `DOB ${formatDate(row.dateOfBirth)} is not the date of birth the return gives ${row.reference} (${formatDate(returned.dateOfBirth)}): check it is the same child; the name is not filled`;
  return null;
}
