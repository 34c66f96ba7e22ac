/**
 * Property-based tests: the calendar against a deliberately simple reference that lists every day
 * of the coverage once (weekday from the JavaScript Date's UTC day, not from dates.ts) and answers
 * by counting along that list.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { addDays, toDayNumber } from '../dates.ts';
import { CalendarRangeError, addCalendarMonths, createCalendar, englandAndWales, type Calendar, type Holiday } from './index.ts';

type Reference = { days: string[]; working: boolean[]; index: Map<string, number> };

function reference(holidays: readonly Holiday[], from: string, to: string): Reference {
  const off = new Set(holidays.map((h) => h.date));
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const working = days.map((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const w = new Date(Date.UTC(y, m - 1, day)).getUTCDay();
    return w !== 0 && w !== 6 && !off.has(d);
  });
  return { days, working, index: new Map(days.map((d, i) => [d, i])) };
}

/** The reference answer, or 'out of range' where the walk leaves the list. */
function refAdd(r: Reference, date: string, n: number): string | 'out of range' {
  let i = r.index.get(date)!;
  let left = Math.abs(n);
  while (left > 0) {
    i += n < 0 ? -1 : 1;
    if (i < 0 || i >= r.days.length) return 'out of range';
    if (r.working[i]) left--;
  }
  return r.days[i]!;
}

function refBetween(r: Reference, a: string, b: string): number {
  const i = r.index.get(a)!;
  const j = r.index.get(b)!;
  const count = (lo: number, hi: number) => r.working.slice(lo, hi).filter(Boolean).length;
  return j >= i ? count(i + 1, j + 1) : 0 - count(j, i);
}

const ew = englandAndWales;
const ewRef = reference(ew.holidays, ew.firstDate, ew.lastDate);
const anyDay = (r: Reference) => fc.integer({ min: 0, max: r.days.length - 1 }).map((i) => r.days[i]!);

function answer(cal: Calendar, date: string, n: number): string | 'out of range' {
  try {
    return cal.addWorkingDays(date, n);
  } catch (err) {
    if (err instanceof CalendarRangeError) return 'out of range';
    throw err;
  }
}

test('England and Wales: isWorkingDay, and isWorkingDayNumber given the day as a number, agree with the day-by-day reference on every day of the data', () => {
  ewRef.days.forEach((d, i) => {
    assert.equal(ew.isWorkingDay(d), ewRef.working[i], d);
    assert.equal(ew.isWorkingDayNumber(toDayNumber(d)), ewRef.working[i], d);
  });
  assert.throws(() => ew.isWorkingDayNumber(toDayNumber(ew.lastDate) + 1), CalendarRangeError, 'a day past the data is refused as by date');
});

test('England and Wales: addWorkingDays agrees with the reference, forwards and backwards, and fails loudly off the end', () => {
  fc.assert(
    fc.property(anyDay(ewRef), fc.integer({ min: -400, max: 400 }), (d, n) => {
      assert.equal(answer(ew, d, n), refAdd(ewRef, d, n));
    }),
    { numRuns: 2000 },
  );
  // Near the ends of the data, so that walking off them is exercised often.
  const edge = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: ewRef.days.length - 41, max: ewRef.days.length - 1 })).map((i) => ewRef.days[i]!);
  fc.assert(fc.property(edge, fc.integer({ min: -40, max: 40 }), (d, n) => assert.equal(answer(ew, d, n), refAdd(ewRef, d, n))), { numRuns: 500 });
});

test('England and Wales: workingDaysBetween agrees with the reference and inverts addWorkingDays', () => {
  fc.assert(
    fc.property(anyDay(ewRef), anyDay(ewRef), (a, b) => {
      assert.equal(ew.workingDaysBetween(a, b), refBetween(ewRef, a, b));
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.integer({ min: 400, max: ewRef.days.length - 401 }).map((i) => ewRef.days[i]!), fc.integer({ min: -250, max: 250 }), (d, n) => {
      const due = ew.addWorkingDays(d, n);
      assert.equal(ew.workingDaysBetween(d, due), n);
      if (n !== 0) assert.equal(ew.isWorkingDay(due), true);
    }),
    { numRuns: 1000 },
  );
});

test('addWorkingDays composes, only moves forward for positive n, and skippedDays accounts for every day passed', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: ewRef.days.length - 800 }).map((i) => ewRef.days[i]!), fc.nat(250), fc.nat(250), (d, a, b) => {
      assert.equal(ew.addWorkingDays(ew.addWorkingDays(d, a), b), ew.addWorkingDays(d, a + b));
      const due = ew.addWorkingDays(d, a + 1);
      assert.ok(due > ew.addWorkingDays(d, a));
      const skipped = ew.skippedDays(d, a + 1);
      // Days strictly between start and due date = the working days counted before the last + the days skipped.
      assert.equal(toDayNumber(due) - toDayNumber(d) - 1, a + skipped.length);
      for (const s of skipped) {
        assert.equal(ew.isWorkingDay(s.date), false);
        assert.ok(s.date > d && s.date < due);
      }
    }),
    { numRuns: 500 },
  );
});

test('any calendar: random bank holidays and coverage agree with the reference', () => {
  const world = fc
    .record({ start: fc.integer({ min: 0, max: 20_000 }), length: fc.integer({ min: 1, max: 120 }) })
    .chain(({ start, length }) => {
      const from = addDays('1990-01-01', start);
      const to = addDays(from, length - 1);
      return fc.record({
        from: fc.constant(from),
        to: fc.constant(to),
        holidays: fc.uniqueArray(fc.integer({ min: 0, max: length - 1 }), { maxLength: length }).map((xs) => xs.map((x) => ({ date: addDays(from, x) }))),
        at: fc.integer({ min: 0, max: length - 1 }).map((x) => addDays(from, x)),
        other: fc.integer({ min: 0, max: length - 1 }).map((x) => addDays(from, x)),
        n: fc.integer({ min: -130, max: 130 }),
      });
    });
  fc.assert(
    fc.property(world, ({ from, to, holidays, at, other, n }) => {
      const cal = createCalendar(holidays, { from, to });
      const r = reference(holidays, from, to);
      assert.equal(cal.isWorkingDay(at), r.working[r.index.get(at)!]);
      assert.equal(answer(cal, at, n), refAdd(r, at, n));
      assert.equal(cal.workingDaysBetween(at, other), refBetween(r, at, other));
    }),
    { numRuns: 1000 },
  );
});

test('addCalendarMonths agrees with a month-by-month reference that clamps to the month end', () => {
  const refMonths = (date: string, n: number) => {
    let [y, m] = date.split('-').map(Number) as [number, number];
    const d = Number(date.slice(8));
    for (let i = 0; i < Math.abs(n); i++) {
      m += n < 0 ? -1 : 1;
      if (m === 13) [y, m] = [y + 1, 1];
      if (m === 0) [y, m] = [y - 1, 12];
    }
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate(); // day 0 of the next month
    return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  };
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 60_000 }).map((x) => addDays('1950-01-01', x)), fc.integer({ min: -240, max: 240 }), (d, n) => {
      assert.equal(addCalendarMonths(d, n), refMonths(d, n));
    }),
    { numRuns: 2000 },
  );
});
