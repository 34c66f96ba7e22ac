/**
 * ISO dates as day numbers, worked out from the characters: the return of a national authority reads
 * a few million dates, and looking each one up (dates.ts keeps the answers in a Map, which hashes
 * each date string afresh, since every row holds its own copy) cost more than the arithmetic.
 * Agrees with dates.ts (isValidIsoDate, toDayNumber): day-numbers.property.test.ts.
 */
import type { IsoDate } from '../dates.ts';

/** Days in each month of a common year; February of a leap year is handled apart. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The digit at `i` (0–9), or -1. */
const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/**
 * Days since 1970-01-01 of a calendar date written YYYY-MM-DD (years 1900 to 2200, as
 * isValidIsoDate accepts), or null when it is not one.
 */
export function dayNumberOf(date: IsoDate): number | null {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const y0 = digit(date, 0);
  const y1 = digit(date, 1);
  const y2 = digit(date, 2);
  const y3 = digit(date, 3);
  const m0 = digit(date, 5);
  const m1 = digit(date, 6);
  const d0 = digit(date, 8);
  const d1 = digit(date, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return null;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : (MONTH_DAYS[m - 1] as number))) return null;
  // Days from the civil date (H. Hinnant's days_from_civil: years start on 1 March).
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
