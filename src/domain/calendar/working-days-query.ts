/**
 * The working-days question a person (page) or a client (API) asks: a start date and either a
 * number of working days to add, or an end date to count up to. Checks the raw input with GOV.UK
 * style messages and answers it from a calendar; the caller turns errors into an error summary or
 * a problem response.
 */
import { formatDate, isValidIsoDate } from '../dates.ts';
import { CalendarRangeError, type Calendar, type SkippedDay } from './index.ts';

export const MAX_WORKING_DAYS = 1000;

export type WorkingDaysQuestion = { from?: string; add?: string; to?: string };
export type WorkingDaysAnswer =
  | { kind: 'add'; from: string; add: number; date: string; skipped: SkippedDay[] }
  | { kind: 'count'; from: string; to: string; workingDays: number; skipped: SkippedDay[] };
export type QuestionError = { field: 'from' | 'add' | 'to'; message: string };

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

function checkDate(cal: Calendar, field: 'from' | 'to', label: string, raw: string | undefined, errors: QuestionError[]): string | undefined {
  const value = raw?.trim() ?? '';
  if (!value) {
    errors.push({ field, message: `Enter ${label.toLowerCase()}` });
    return undefined;
  }
  if (!isValidIsoDate(value)) {
    errors.push({ field, message: `${label} must be a real date` });
    return undefined;
  }
  if (value < cal.firstDate || value > cal.lastDate) {
    errors.push({ field, message: `${label} must be between ${formatDate(cal.firstDate)} and ${formatDate(cal.lastDate)}, the dates Hearth has bank holidays for` });
    return undefined;
  }
  return value;
}

export function answerWorkingDays(cal: Calendar, q: WorkingDaysQuestion): { ok: true; answer: WorkingDaysAnswer } | { ok: false; errors: QuestionError[] } {
  const errors: QuestionError[] = [];
  const from = checkDate(cal, 'from', 'The start date', q.from, errors);
  if (blank(q.add) && blank(q.to)) {
    errors.push({ field: 'add', message: 'Enter a number of working days, or an end date' });
    return { ok: false, errors };
  }
  if (!blank(q.add) && !blank(q.to)) {
    errors.push({ field: 'add', message: 'Enter either a number of working days or an end date, not both' });
    return { ok: false, errors };
  }

  if (!blank(q.add)) {
    const raw = q.add!.trim();
    let add: number | undefined;
    if (!/^\d+$/.test(raw)) errors.push({ field: 'add', message: 'The number of working days must be a whole number, like 5' });
    else if (Number(raw) > MAX_WORKING_DAYS) errors.push({ field: 'add', message: `The number of working days must be ${MAX_WORKING_DAYS} or fewer` });
    else add = Number(raw);
    if (errors.length || from === undefined || add === undefined) return { ok: false, errors };
    try {
      return { ok: true, answer: { kind: 'add', from, add, date: cal.addWorkingDays(from, add), skipped: cal.skippedDays(from, add) } };
    } catch (err) {
      if (!(err instanceof CalendarRangeError)) throw err;
      const message = `The due date would be after ${formatDate(cal.lastDate)}, the last date Hearth has bank holidays for. Enter a smaller number of working days`;
      return { ok: false, errors: [{ field: 'add', message }] };
    }
  }

  const to = checkDate(cal, 'to', 'The end date', q.to, errors);
  if (from !== undefined && to !== undefined && to < from) errors.push({ field: 'to', message: 'The end date must be the same as or after the start date' });
  if (errors.length || from === undefined || to === undefined) return { ok: false, errors };
  // The days after the start date up to and including the end date that were not counted.
  const end = to === from ? undefined : cal.nonWorkingReason(to);
  const skipped = [...cal.nonWorkingDaysBetween(from, to), ...(end ? [end] : [])];
  return { ok: true, answer: { kind: 'count', from, to, workingDays: cal.workingDaysBetween(from, to), skipped } };
}
