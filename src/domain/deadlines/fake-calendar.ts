/**
 * A tiny working-day calendar for tests: weekends plus the holidays you pass in, with no coverage
 * limits. The real England and Wales calendar is in src/domain/calendar.
 */
import { addDays, compareDates, dayOfWeek, daysInMonth, fromDayNumber, type IsoDate } from '../dates.ts';
import type { DeadlineCalendar } from './types.ts';

export function fakeCalendar(holidays: readonly IsoDate[] = []): DeadlineCalendar {
  const off = new Set(holidays);
  const isWorkingDay = (d: IsoDate) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6 && !off.has(d);
  return {
    isWorkingDay,
    isWorkingDayNumber: (n) => isWorkingDay(fromDayNumber(n)),
    addWorkingDays(d, n) {
      let day = d;
      for (let left = Math.abs(n); left > 0; ) {
        day = addDays(day, n < 0 ? -1 : 1);
        if (isWorkingDay(day)) left -= 1;
      }
      return day;
    },
    workingDaysBetween(a, b) {
      const sign = compareDates(a, b) <= 0 ? 1 : -1;
      const [lo, hi] = sign === 1 ? [a, b] : [b, a];
      let count = 0;
      for (let day = addDays(lo, 1); compareDates(day, hi) <= 0; day = addDays(day, 1)) if (isWorkingDay(sign === 1 ? day : addDays(day, -1))) count += 1;
      return sign * count;
    },
    addCalendarWeeks: (d, n) => addDays(d, 7 * n),
    addCalendarMonths(d, n) {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      const index = y * 12 + (m - 1) + n;
      const year = Math.floor(index / 12);
      const month = index - year * 12 + 1;
      return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, daysInMonth(year, month))).padStart(2, '0')}`;
    },
  };
}

/** Weekends plus Christmas Day and Boxing Day 2023 and 2024 and New Year's Day 2024 and 2025. */
export const christmasCalendar = (): DeadlineCalendar => fakeCalendar(['2023-12-25', '2023-12-26', '2024-01-01', '2024-12-25', '2024-12-26', '2025-01-01']);
