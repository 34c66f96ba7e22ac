/**
 * Where an obligation instance stands on a given day. "Today" and the calendar are parameters.
 */
import { compareDates, fromDayNumber, toDayNumber, type IsoDate } from '../dates.ts';
import { shortDate } from './helpers.ts';
import type { DeadlineCalendar, ObligationInstance, ObligationStatus } from './types.ts';

export const DEFAULT_DUE_SOON_WORKING_DAYS = 3;

/** The statuses of an obligation still to be done (a manager may close one that can no longer be met). */
export const OPEN_STATUSES: readonly ObligationStatus[] = ['overdue', 'due_soon', 'not_yet_due'];

/**
 * - not_applicable: the instance has a reason it does not apply;
 * - missed: the instance was missed and can no longer be met (it has the reason);
 * - completed_on_time / completed_late: completed on or before / after the due date;
 * - overdue: not completed and today is after the due date;
 * - due_soon: not completed, due today or within `dueSoonWorkingDays` working days;
 * - not_yet_due: otherwise.
 */
export function status(
  instance: ObligationInstance,
  today: IsoDate,
  cal: DeadlineCalendar,
  dueSoonWorkingDays: number = DEFAULT_DUE_SOON_WORKING_DAYS,
): ObligationStatus {
  if (instance.notApplicableReason) return 'not_applicable';
  if (instance.missedReason) return 'missed';
  if (instance.completedOn) return compareDates(instance.completedOn, instance.dueOn) <= 0 ? 'completed_on_time' : 'completed_late';
  if (compareDates(today, instance.dueOn) > 0) return 'overdue';
  // Far-off due dates cannot be "due soon" (and may lie beyond the bank-holiday data): no need to count.
  if (calendarDays(today, instance.dueOn) > 2 * dueSoonWorkingDays + 14) return 'not_yet_due';
  return cal.workingDaysBetween(today, instance.dueOn) <= dueSoonWorkingDays ? 'due_soon' : 'not_yet_due';
}

const calendarDays = (from: IsoDate, to: IsoDate) => toDayNumber(to) - toDayNumber(from);

/**
 * The last day on which an open obligation is "due soon" seen from `today`: an open instance due
 * from today to this day is due_soon, after it not_yet_due (as `status` decides; lists and
 * compliance figures read in SQL use it as a bound).
 */
export function dueSoonUntil(today: IsoDate, cal: DeadlineCalendar, dueSoonWorkingDays: number = DEFAULT_DUE_SOON_WORKING_DAYS): IsoDate {
  let last = today;
  for (let n = 1; n <= 2 * dueSoonWorkingDays + 14; n++) {
    const next = fromDayNumber(toDayNumber(today) + n);
    if (cal.workingDaysBetween(today, next) > dueSoonWorkingDays) break;
    last = next;
  }
  return last;
}

/** Beyond this many calendar days ahead, describeDue gives the date rather than a count of working days. */
export const COUNT_WORKING_DAYS_WITHIN = 28;

const workingDays = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

/**
 * The due date in words, relative to today: "due today", "due in 3 working days" (or "due on
 * Wed 28 Feb 2024" when more than 28 calendar days ahead),
 * "2 working days overdue", "completed on time", "completed 2 working days late",
 * "not applicable: <reason>". When no working day separates today from a due date on a weekend or
 * holiday: "due on Sun 7 Jan 2024 (no working days left)", "overdue since Sat 6 Jan 2024".
 */
export function describeDue(instance: ObligationInstance, today: IsoDate, cal: DeadlineCalendar): string {
  if (instance.notApplicableReason) return `not applicable: ${instance.notApplicableReason}`;
  if (instance.missedReason) return `missed: ${instance.missedReason}`;
  if (instance.completedOn) {
    const late = cal.workingDaysBetween(instance.dueOn, instance.completedOn);
    if (compareDates(instance.completedOn, instance.dueOn) <= 0) return 'completed on time';
    return late > 0 ? `completed ${workingDays(late)} late` : `completed late, on ${shortDate(instance.completedOn)} (due ${shortDate(instance.dueOn)})`;
  }
  const order = compareDates(today, instance.dueOn);
  if (order === 0) return 'due today';
  if (order < 0) {
    if (calendarDays(today, instance.dueOn) > COUNT_WORKING_DAYS_WITHIN) return `due on ${shortDate(instance.dueOn)}`;
    const left = cal.workingDaysBetween(today, instance.dueOn);
    return left > 0 ? `due in ${workingDays(left)}` : `due on ${shortDate(instance.dueOn)} (no working days left)`;
  }
  const over = cal.workingDaysBetween(instance.dueOn, today);
  return over > 0 ? `${workingDays(over)} overdue` : `overdue since ${shortDate(instance.dueOn)}`;
}
