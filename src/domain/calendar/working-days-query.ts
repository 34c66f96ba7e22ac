/**
 * The working-days question a person (page) or a client (API) asks: a start date and either a
 * number of working days to add, an obligation whose first due date to work out, or an end date to
 * count up to. Checks the raw input with GOV.UK style messages and answers it from a calendar; the
 * caller turns errors into an error summary or a problem response.
 *
 * An obligation's first due date comes from its `firstDue` in the registry (src/domain/deadlines),
 * computed by `dueAfter` exactly as the obligation's derive() computes it (registry.test.ts checks).
 */
import { addDays, dateProblem, formatDate, isValidIsoDate, type IsoDate } from '../dates.ts';
import { REGISTRY } from '../deadlines/registry.ts';
import type { DeadlineCalendar, FirstDue, ObligationDefinition, Source } from '../deadlines/types.ts';
import { CalendarRangeError, type Calendar, type SkippedDay } from './index.ts';

export const MAX_WORKING_DAYS = 1000;

/** An obligation the calculator offers: one whose first due date is a fixed offset from its trigger. */
export type CalculatorObligation = ObligationDefinition & { firstDue: FirstDue };

/** The obligations with a first due date, in registry order. */
export const CALCULATOR_OBLIGATIONS: readonly CalculatorObligation[] = REGISTRY.filter((d): d is CalculatorObligation => d.firstDue !== undefined);

const CALCULATOR_BY_ID = new Map(CALCULATOR_OBLIGATIONS.map((d) => [d.id, d]));

/**
 * The first due date: `amount` `unit` after `from`, as derive() computes it. Working days skip
 * weekends and bank holidays (the start day never counts); days, weeks and months are calendar
 * periods and are not moved off a weekend or bank holiday.
 */
export function dueAfter(firstDue: FirstDue, from: IsoDate, cal: DeadlineCalendar): IsoDate {
  switch (firstDue.unit) {
    case 'working_days':
      return cal.addWorkingDays(from, firstDue.amount);
    case 'days':
      return addDays(from, firstDue.amount);
    case 'weeks':
      return cal.addCalendarWeeks(from, firstDue.amount);
    case 'months':
      return cal.addCalendarMonths(from, firstDue.amount);
  }
}

const UNIT_WORDS: Record<FirstDue['unit'], [string, string]> = {
  working_days: ['working day', 'working days'],
  days: ['day', 'days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
};

/** The time allowed, in words: "5 working days", "1 week", "12 months"; "the same day" for 0. */
export function firstDuePeriod(firstDue: FirstDue): string {
  if (firstDue.amount === 0) return 'the same day';
  const [one, many] = UNIT_WORDS[firstDue.unit];
  return `${firstDue.amount} ${firstDue.amount === 1 ? one : many}`;
}

/** "5 working days after the day the placement started"; "on the day the placement started" for 0. */
export function describeFirstDue(firstDue: FirstDue): string {
  return firstDue.amount === 0 ? `on ${firstDue.from}` : `${firstDuePeriod(firstDue)} after ${firstDue.from}`;
}

export type WorkingDaysQuestion = { from?: string; add?: string; to?: string; obligation?: string };
export type ObligationAnswer = {
  kind: 'obligation';
  from: IsoDate;
  obligation: string;
  title: string;
  rule: string;
  dueRule: string;
  source: Source;
  firstDue: FirstDue;
  date: IsoDate;
  /** The weekends and bank holidays passed over: only for working days; calendar periods skip nothing. */
  skipped: SkippedDay[];
  /** Why the due date itself is not a working day (a calendar period can end on one), or undefined. */
  nonWorkingDay: SkippedDay | undefined;
};
export type WorkingDaysAnswer =
  | { kind: 'add'; from: string; add: number; date: string; skipped: SkippedDay[] }
  | { kind: 'count'; from: string; to: string; workingDays: number; skipped: SkippedDay[] }
  | ObligationAnswer;
export type QuestionError = { field: 'from' | 'add' | 'to' | 'obligation'; message: string };

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

function checkDate(cal: Calendar, field: 'from' | 'to', label: string, raw: string | undefined, errors: QuestionError[]): string | undefined {
  const value = raw?.trim() ?? '';
  if (!value) {
    errors.push({ field, message: `Enter ${label.toLowerCase()}` });
    return undefined;
  }
  if (!isValidIsoDate(value)) {
    errors.push({ field, message: dateProblem(label, value) });
    return undefined;
  }
  if (value < cal.firstDate || value > cal.lastDate) {
    errors.push({ field, message: `${label} must be between ${formatDate(cal.firstDate)} and ${formatDate(cal.lastDate)}, the dates Hearth has bank holidays for` });
    return undefined;
  }
  return value;
}

/** What to say when more than one of add, obligation and to was given. */
function tooMany(chosen: readonly ('add' | 'obligation' | 'to')[]): QuestionError {
  const key = chosen.join(',');
  if (key === 'add,to') return { field: 'add', message: 'Enter either a number of working days or an end date, not both' };
  if (key === 'add,obligation') return { field: 'add', message: 'Enter either a number of working days or an obligation, not both' };
  if (key === 'obligation,to') return { field: 'obligation', message: 'Select either an obligation or an end date, not both' };
  return { field: 'add', message: 'Enter only one of a number of working days, an obligation or an end date' };
}

function answerObligation(cal: Calendar, from: IsoDate, d: CalculatorObligation): { ok: true; answer: ObligationAnswer } | { ok: false; errors: QuestionError[] } {
  try {
    const date = dueAfter(d.firstDue, from, cal);
    // Asking about the due date also refuses one beyond the bank-holiday data, for calendar periods too.
    const nonWorkingDay = cal.nonWorkingReason(date);
    const skipped = d.firstDue.unit === 'working_days' ? cal.skippedDays(from, d.firstDue.amount) : [];
    return {
      ok: true,
      answer: { kind: 'obligation', from, obligation: d.id, title: d.title, rule: d.rule, dueRule: d.dueRule, source: d.source, firstDue: d.firstDue, date, skipped, nonWorkingDay },
    };
  } catch (err) {
    if (!(err instanceof CalendarRangeError)) throw err;
    const message = `The due date would be after ${formatDate(cal.lastDate)}, the last date Hearth has bank holidays for. Enter an earlier start date`;
    return { ok: false, errors: [{ field: 'from', message }] };
  }
}

export function answerWorkingDays(cal: Calendar, q: WorkingDaysQuestion): { ok: true; answer: WorkingDaysAnswer } | { ok: false; errors: QuestionError[] } {
  const errors: QuestionError[] = [];
  const from = checkDate(cal, 'from', 'The start date', q.from, errors);
  const chosen = (['add', 'obligation', 'to'] as const).filter((k) => !blank(q[k]));
  if (chosen.length === 0) {
    errors.push({ field: 'add', message: 'Enter a number of working days, select an obligation or enter an end date' });
    return { ok: false, errors };
  }
  if (chosen.length > 1) {
    errors.push(tooMany(chosen));
    return { ok: false, errors };
  }

  if (chosen[0] === 'obligation') {
    const obligation = CALCULATOR_BY_ID.get(q.obligation!.trim());
    if (!obligation) errors.push({ field: 'obligation', message: 'Select an obligation' });
    if (errors.length || from === undefined || !obligation) return { ok: false, errors };
    return answerObligation(cal, from, obligation);
  }

  if (chosen[0] === 'add') {
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
