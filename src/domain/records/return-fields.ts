/**
 * Form fields that hold an SSDA903 code. Forms and the API accept only the codes valid for the
 * collection year that contains today (1 April to 31 March), so a code the DfE has retired, or one
 * that has not started yet, is refused with the same words on the page and through the API.
 */
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import { codesValidIn, isCodeValidIn, type CodeList } from '../ssda903/return-codes.ts';

/** The collection year containing `day`: "2025-26" for any day from 1 April 2025 to 31 March 2026. */
export function collectionYearOn(day: IsoDate): string {
  const year = Number(day.slice(0, 4));
  const first = day.slice(5) >= '04-01' ? year : year - 1;
  return `${first}-${String((first + 1) % 100).padStart(2, '0')}`;
}

/** The codes of a list valid in a collection year, with their labels, in the list's order. */
export function codesWithLabels(list: CodeList, year: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const code of codesValidIn(list, year)) out[code] = list[code]?.label ?? code;
  return out;
}

const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v);

/** Whether `code` is in `list` and valid in `year` (null: valid in any year). */
export function isCodeAllowed(list: CodeList, code: string, year: string | null): boolean {
  return year === null ? Object.hasOwn(list, code) : isCodeValidIn(list, code, year);
}

/**
 * An optional code from `list`, valid in `year` (null: any year): blank is null; anything else,
 * including a code valid only in another year, is refused with `message`.
 */
export const optionalReturnCode = (list: CodeList, year: string | null, message: string) =>
  z.preprocess(
    blankToNull,
    z
      .union([z.null(), z.string({ error: message }).trim().toUpperCase()], { error: message })
      .refine((v) => v === null || isCodeAllowed(list, v, year), { error: message }),
  );

/** A required code from `list`, valid in `year` (null: any year). */
export const returnCode = (list: CodeList, year: string | null, message: string) =>
  z.preprocess(
    blankToNull,
    z
      .string({ error: message })
      .trim()
      .toUpperCase()
      .refine((v) => isCodeAllowed(list, v, year), { error: message }),
  );
