/**
 * Plain calendar dates as ISO strings (YYYY-MM-DD). Never a Date at midnight in some time zone:
 * arithmetic is done on UTC day numbers, which no time zone can shift.
 */
import { keptAnswers } from './collections.ts';

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The value of the ASCII digits of `s` from `from` to `to` (exclusive), or -1 if any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The year, month (1–12) and day of the month of a date written YYYY-MM-DD, read from its digits (no array, no string made). */
export const yearOf = (date: IsoDate): number => digits(date, 0, 4);
export const monthOf = (date: IsoDate): number => digits(date, 5, 7);
export const dayOf = (date: IsoDate): number => digits(date, 8, 10);

/** A calendar date written YYYY-MM-DD (read character by character: the SSDA903 checks call this millions of times). */
export function isValidIsoDate(value: string): boolean {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const y = digits(value, 0, 4);
  const mo = digits(value, 5, 7);
  const d = digits(value, 8, 10);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

// The days of a date are counted from its digits (the proleptic Gregorian calendar's days from civil
// dates, as Howard Hinnant's "chrono-Compatible Low-Level Date Algorithms" count them): no Date and
// no lookup, as deriving a large authority's obligations converts dates tens of millions of times.
// The other way round gives a new string, so each answer is kept: the dates in use are few (a few
// hundred years of days at most).
const MAX_KEPT = 200_000;

/** Days since 1970-01-01 for an ISO date. */
export function toDayNumber(date: IsoDate): number {
  if (!isValidIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  const m = digits(date, 5, 7);
  // Years counted from March, so that the leap day is the last of the year.
  const y = digits(date, 0, 4) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + digits(date, 8, 10) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export const fromDayNumber: (n: number) => IsoDate = keptAnswers((n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10), MAX_KEPT);

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Whole years of age on `today`. */
export function ageOn(dateOfBirth: IsoDate, today: IsoDate): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/** Made once: making a formatter costs far more than using it (it was 7% of a busy page's CPU). It keeps no state between uses. */
const ENGLAND_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in England at the instant `now` (the caller reads the clock, never domain code). */
export function todayInEngland(now: Date): IsoDate {
  return ENGLAND_DATE.format(now);
}

/**
 * The parts left empty of a date typed in a GOV.UK date input (day, month and year boxes), which a
 * form sends as "year-month-day" with the empty parts empty ("2026--03": no month). None when every
 * part, or no part, was typed, or when the value is not of that shape.
 */
export function missingDateParts(value: unknown): ('day' | 'month' | 'year')[] {
  const m = typeof value === 'string' ? /^(\d*)-(\d*)-(\d*)$/.exec(value) : null;
  if (!m) return [];
  const missing = (['day', 'month', 'year'] as const).filter((_, i) => m[3 - i] === '');
  return missing.length === 3 ? [] : missing;
}

/**
 * What is wrong with a date that is not a real calendar date, as the GOV.UK date input pattern says
 * it: "Date of birth must include a month" (or "a day and year") when parts were left empty,
 * otherwise "Date of birth must be a real date". `label` starts the sentence.
 */
export function dateProblem(label: string, value: unknown): string {
  const missing = missingDateParts(value);
  return missing.length ? `${label} must include a ${missing.join(' and ')}` : `${label} must be a real date`;
}

/**
 * A time of day as people type it: "10:30am", "10am", "2.15 pm", "14:15", "9:05", "midday", "noon",
 * "midnight". Null for anything that is not a real time ("25:99", "13pm", "10:60am").
 */
export function parseTime(value: string): { hour: number; minute: number } | null {
  const v = value.trim().toLowerCase().replace(/\s+/g, '');
  if (v === 'midday' || v === 'noon' || v === '12noon') return { hour: 12, minute: 0 };
  if (v === 'midnight') return { hour: 0, minute: 0 };
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(v);
  if (!m) return null;
  const [h, minute] = [Number(m[1]), m[2] === undefined ? 0 : Number(m[2])];
  if (minute > 59) return null;
  if (m[3]) {
    if (h < 1 || h > 12) return null;
    return { hour: (h % 12) + (m[3] === 'pm' ? 12 : 0), minute };
  }
  // Without am or pm, a 24-hour time with its minutes ("14:15", "09:30").
  if (m[2] === undefined || h > 23) return null;
  return { hour: h, minute };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "21 December 2023" */
export function formatDate(date: IsoDate | null | undefined): string {
  if (!date) return '';
  const m = ISO.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}
