import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CalendarRangeError, addCalendarMonths, addCalendarWeeks, createCalendar, englandAndWales as ew, formatDateWithDay } from './index.ts';

test('Thursday 21 December 2023 + 2 working days is Wednesday 27 December 2023, skipping the weekend, Christmas and Boxing Day', () => {
  assert.equal(ew.addWorkingDays('2023-12-21', 1), '2023-12-22');
  assert.equal(ew.addWorkingDays('2023-12-21', 2), '2023-12-27');
  assert.equal(formatDateWithDay(ew.addWorkingDays('2023-12-21', 2)), 'Wednesday 27 December 2023');
  assert.deepEqual(ew.skippedDays('2023-12-21', 2), [
    { date: '2023-12-23', reason: 'weekend', name: 'Saturday' },
    { date: '2023-12-24', reason: 'weekend', name: 'Sunday' },
    { date: '2023-12-25', reason: 'bank holiday', name: 'Christmas Day' },
    { date: '2023-12-26', reason: 'bank holiday', name: 'Boxing Day' },
  ]);
  assert.equal(ew.workingDaysBetween('2023-12-21', '2023-12-27'), 2);
});

test('Christmas and New Year with substitute days', () => {
  // 2022: Christmas Day is a Sunday, so Tuesday 27 December is its substitute; New Year 2023 is a Sunday, Monday 2 January its substitute.
  assert.equal(ew.isWorkingDay('2022-12-26'), false);
  assert.equal(ew.isWorkingDay('2022-12-27'), false);
  assert.equal(ew.holidayName('2022-12-27'), 'Christmas Day (substitute day)');
  assert.equal(ew.addWorkingDays('2022-12-23', 1), '2022-12-28');
  assert.equal(ew.addWorkingDays('2022-12-30', 1), '2023-01-03');
  // Scotland's 2 January and its substitute 3 January 2023 are working days in England and Wales.
  assert.equal(ew.isWorkingDay('2023-01-03'), true);
  // 2027: Christmas on Saturday and Boxing Day on Sunday, so Monday 27 and Tuesday 28 December are off.
  assert.equal(ew.addWorkingDays('2027-12-24', 1), '2027-12-29');
  assert.equal(ew.workingDaysBetween('2027-12-24', '2027-12-31'), 3);
  // 2020-21: Boxing Day 2020 was a Saturday, its substitute Monday 28 December.
  assert.equal(ew.addWorkingDays('2020-12-24', 1), '2020-12-29');
  assert.equal(ew.addWorkingDays('2020-12-31', 1), '2021-01-04');
});

test('Easter: Good Friday and Easter Monday are not working days', () => {
  assert.equal(ew.isWorkingDay('2024-03-29'), false); // Good Friday
  assert.equal(ew.isWorkingDay('2024-04-01'), false); // Easter Monday
  assert.equal(ew.addWorkingDays('2024-03-28', 1), '2024-04-02');
  assert.equal(ew.addWorkingDays('2025-04-17', 5), '2025-04-28'); // Good Friday 18 and Easter Monday 21 April 2025
  assert.equal(ew.workingDaysBetween('2025-04-17', '2025-04-28'), 5);
  assert.equal(ew.addWorkingDays('2016-03-24', 1), '2016-03-29'); // Easter in March 2016
});

test('the one-off bank holidays of 2022 and 2023', () => {
  // Platinum Jubilee: spring bank holiday moved to Thursday 2 June, extra day Friday 3 June 2022.
  assert.equal(ew.addWorkingDays('2022-06-01', 1), '2022-06-06');
  assert.equal(ew.isWorkingDay('2022-05-30'), true); // the usual last Monday of May was a working day that year
  // State funeral of Queen Elizabeth II, Monday 19 September 2022.
  assert.equal(ew.isWorkingDay('2022-09-19'), false);
  assert.equal(ew.addWorkingDays('2022-09-16', 1), '2022-09-20');
  // Coronation of King Charles III, Monday 8 May 2023.
  assert.equal(ew.isWorkingDay('2023-05-08'), false);
  assert.equal(ew.addWorkingDays('2023-05-05', 1), '2023-05-09');
  assert.equal(ew.addWorkingDays('2023-04-28', 5), '2023-05-09'); // Tue 2 to Fri 5 May, then Tue 9: skips 1 May and 8 May
  // VE Day 2020: the early May bank holiday moved to Friday 8 May.
  assert.equal(ew.isWorkingDay('2020-05-08'), false);
  assert.equal(ew.isWorkingDay('2020-05-04'), true);
});

test('month ends and leap days', () => {
  assert.equal(ew.addWorkingDays('2024-02-28', 1), '2024-02-29');
  assert.equal(ew.addWorkingDays('2024-02-29', 1), '2024-03-01');
  assert.equal(ew.addWorkingDays('2023-02-28', 1), '2023-03-01');
  assert.equal(ew.addWorkingDays('2023-03-31', 1), '2023-04-03');
  assert.equal(ew.addWorkingDays('2019-08-23', 1), '2019-08-27'); // summer bank holiday 26 August 2019
  assert.equal(addCalendarMonths('2023-01-31', 1), '2023-02-28');
  assert.equal(addCalendarMonths('2024-01-31', 1), '2024-02-29');
  assert.equal(addCalendarMonths('2024-02-29', 12), '2025-02-28');
  assert.equal(addCalendarMonths('2024-03-31', -1), '2024-02-29');
  assert.equal(addCalendarMonths('2023-11-30', 3), '2024-02-29');
  assert.equal(addCalendarMonths('2023-12-15', 1), '2024-01-15');
  assert.equal(ew.addCalendarMonths('2023-12-15', -12), '2022-12-15');
  assert.equal(addCalendarWeeks('2024-02-22', 1), '2024-02-29');
  assert.equal(addCalendarWeeks('2023-12-28', 16), '2024-04-18'); // temporary approval of a connected person (reg 24)
  assert.equal(ew.addCalendarWeeks('2024-01-10', -2), '2023-12-27');
});

test('conventions: zero, backwards, and counting between dates', () => {
  assert.equal(ew.addWorkingDays('2023-12-23', 0), '2023-12-23'); // zero returns the date itself
  assert.deepEqual(ew.skippedDays('2023-12-21', 0), []);
  assert.equal(ew.addWorkingDays('2023-12-27', -2), '2023-12-21');
  assert.equal(ew.addWorkingDays('2023-12-24', -1), '2023-12-22'); // last working day before a Sunday
  assert.equal(ew.workingDaysBetween('2023-12-27', '2023-12-21'), -2);
  assert.equal(ew.workingDaysBetween('2023-12-24', '2023-12-22'), -1);
  assert.equal(ew.workingDaysBetween('2023-12-22', '2023-12-22'), 0);
  assert.equal(ew.workingDaysBetween('2023-12-22', '2023-12-26'), 0);
  assert.deepEqual(
    ew.skippedDays('2023-12-27', -2).map((d) => d.date),
    ['2023-12-23', '2023-12-24', '2023-12-25', '2023-12-26'],
  );
  assert.deepEqual(ew.nonWorkingDaysBetween('2023-12-27', '2023-12-21'), ew.skippedDays('2023-12-21', 2));
  assert.throws(() => ew.addWorkingDays('2023-12-21', 1.5), RangeError);
  assert.throws(() => ew.addWorkingDays('2023-02-30', 1), RangeError);
  assert.throws(() => ew.isWorkingDay('21/12/2023'), RangeError);
});

test('a date past the end (or before the start) of the holiday data fails loudly', () => {
  assert.equal(ew.firstDate, '2015-01-01');
  assert.ok(ew.lastDate >= '2027-12-31');
  const after = ew.lastDate.replace(/^(\d{4})/, (y) => String(Number(y) + 1));
  assert.throws(() => ew.isWorkingDay(after), CalendarRangeError);
  assert.throws(() => ew.isWorkingDay('2014-12-31'), (err: unknown) => err instanceof CalendarRangeError && /only covers 1 January 2015 to/.test(err.message));
  assert.throws(() => ew.holidayName('2014-12-25'), CalendarRangeError);
  assert.throws(() => ew.workingDaysBetween('2023-01-01', after), CalendarRangeError);
  // Walking off the end of the data throws rather than guessing the next year's holidays.
  assert.throws(() => ew.addWorkingDays(ew.lastDate, 1), (err: unknown) => err instanceof CalendarRangeError && err.date > ew.lastDate);
  assert.throws(() => ew.addWorkingDays('2015-01-02', -2), CalendarRangeError);
  assert.throws(() => ew.skippedDays('2023-01-01', 10_000), CalendarRangeError);
  // Calendar weeks and months need no holidays, so they work anywhere.
  assert.equal(ew.addCalendarMonths(after, 1) > after, true);
});

test('createCalendar refuses holidays outside its coverage and an empty coverage', () => {
  assert.throws(() => createCalendar([{ date: '2031-01-01' }], { from: '2030-01-01', to: '2030-12-31' }), RangeError);
  assert.throws(() => createCalendar([], { from: '2030-12-31', to: '2030-01-01' }), RangeError);
  const c = createCalendar([{ date: '2030-01-01' }], { from: '2030-01-01', to: '2030-12-31' });
  assert.equal(c.holidayName('2030-01-01'), 'Bank holiday');
  assert.equal(c.isWorkingDay('2030-01-01'), false);
  assert.equal(c.addWorkingDays('2030-01-01', 1), '2030-01-02');
  assert.deepEqual(c.skippedDays('2030-01-01', 4), [
    { date: '2030-01-05', reason: 'weekend', name: 'Saturday' },
    { date: '2030-01-06', reason: 'weekend', name: 'Sunday' },
  ]);
});

test('the vendored England and Wales data matches GOV.UK on known dates and has no Scottish or Northern Irish days', () => {
  const holidayDates = new Set(ew.holidays.map((h) => h.date));
  const known = [
    '2015-12-28', '2016-12-27', '2017-05-29', '2018-08-27', '2019-01-01', '2020-05-08', '2021-12-27', '2021-12-28',
    '2022-01-03', '2022-06-02', '2022-06-03', '2022-09-19', '2022-12-27', '2023-01-02', '2023-05-08', '2024-03-29',
    '2024-04-01', '2025-04-18', '2025-04-21', '2026-08-31', '2026-12-28', '2027-03-26', '2027-12-27', '2027-12-28',
  ];
  for (const d of known) assert.ok(holidayDates.has(d), `${d} should be a bank holiday in England and Wales`);
  // Scotland: 2 January (2024), first Monday in August, St Andrew's Day; Northern Ireland: St Patrick's Day, Battle of the Boyne.
  for (const d of ['2024-01-02', '2023-08-07', '2023-11-30', '2023-03-17', '2023-07-12', '2022-05-30', '2020-05-04']) {
    assert.ok(!holidayDates.has(d), `${d} is not a bank holiday in England and Wales`);
  }
  // Eight a year, except 2022 (jubilee extra day and the Queen's funeral) and 2023 (the coronation).
  const years = new Map<number, number>();
  for (const h of ew.holidays) years.set(Number(h.date.slice(0, 4)), (years.get(Number(h.date.slice(0, 4))) ?? 0) + 1);
  for (const [year, count] of years) assert.equal(count, year === 2022 ? 10 : year === 2023 ? 9 : 8, `holidays in ${year}`);
  for (let y = 2015; y <= 2027; y++) assert.ok(years.has(y), `data covers ${y}`);
  // GOV.UK lists only weekdays: a holiday on a weekend is replaced by its substitute day.
  for (const h of ew.holidays) {
    assert.equal(ew.isWorkingDay(h.date), false);
    assert.doesNotMatch(formatDateWithDay(h.date), /^(Saturday|Sunday) /, `${h.date} ${h.title}`);
  }
});

test('answers do not depend on the time zone the process runs in', () => {
  const original = process.env.TZ;
  const answers = (): unknown[] => [
    ew.addWorkingDays('2023-12-21', 2),
    ew.skippedDays('2022-09-15', 3),
    ew.workingDaysBetween('2023-03-24', '2023-04-14'),
    addCalendarMonths('2024-01-31', 1),
    addCalendarWeeks('2023-03-20', 1), // across the change to British Summer Time (26 March 2023)
    ew.isWorkingDay('2023-10-30'), // the day after the clocks go back
    formatDateWithDay('2023-12-27'),
  ];
  try {
    process.env.TZ = 'Europe/London';
    const london = answers();
    for (const zone of ['Pacific/Auckland', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      process.env.TZ = zone;
      assert.deepEqual(answers(), london, `answers in ${zone}`);
    }
    assert.deepEqual(london.slice(0, 1), ['2023-12-27']);
  } finally {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  }
});
