/**
 * The working days calculator as data: its questions, and an answer with its dates in words (the
 * weekday too, since whether a day is worked is the point), its summary rows and the days skipped.
 */
import { formatDateWithDay } from '../../domain/calendar/index.ts';
import { CALCULATOR_OBLIGATIONS, MAX_WORKING_DAYS, describeFirstDue, firstDuePeriod, type WorkingDaysAnswer } from '../../domain/calendar/working-days-query.ts';
import { paths } from '../../http/paths.ts';
import type { Field } from '../forms.ts';
import { linkTo, type Cell, type SummaryRow } from './common.ts';

export const workingDaysFields: Field[] = [
  {
    name: 'from',
    label: 'Start date',
    type: 'date',
    hint: 'The day the clock starts, for example the day a child was placed. It is not counted itself. For example, 21 12 2023',
  },
  {
    name: 'add',
    label: 'Number of working days',
    hint: `A whole number from 0 to ${MAX_WORKING_DAYS}, for example 5 for a placement plan that could not be made before the placement`,
    classes: 'govuk-input--width-4',
    inputmode: 'numeric',
  },
  {
    name: 'obligation',
    label: 'Or choose an obligation',
    type: 'select',
    hint: 'Hearth shows when the obligation is first due, counted from the start date the way its rule counts. Leave as None if you entered a number of working days',
    placeholder: 'None',
    items: CALCULATOR_OBLIGATIONS.map((d) => ({ value: d.id, text: `${d.title} (${firstDuePeriod(d.firstDue)})` })),
  },
  { name: 'to', label: 'Or an end date, to count the working days up to it', type: 'date', hint: 'Leave blank if you entered a number of working days or chose an obligation. For example, 27 12 2023' },
];

const UNIT_NAMES = { working_days: 'working days', days: 'calendar days', weeks: 'calendar weeks', months: 'calendar months' } as const;

const row = (key: string, value: string | number): SummaryRow => ({ key: { text: key }, value: { text: String(value) } });

/** The weekends and bank holidays skipped, one row each. */
export const skippedRows = (a: WorkingDaysAnswer): Cell[][] =>
  a.skipped.map((s) => [{ text: formatDateWithDay(s.date) }, { text: s.reason === 'weekend' ? 'Weekend' : `Bank holiday: ${s.name}` }]);

/** The view model of an answer: dates in words, its summary rows, and for an obligation its rule and where it comes from. */
export function presentWorkingDays(a: WorkingDaysAnswer) {
  switch (a.kind) {
    case 'add': {
      const [from, date] = [formatDateWithDay(a.from), formatDateWithDay(a.date)];
      return { kind: a.kind, from, add: a.add, date, skipped: skippedRows(a), rows: [row('Start date', from), row('Working days added', a.add), row('Due date', date)] };
    }
    case 'count': {
      const [from, to] = [formatDateWithDay(a.from), formatDateWithDay(a.to)];
      return { kind: a.kind, from, to, workingDays: a.workingDays, skipped: skippedRows(a), rows: [row('Start date', from), row('End date', to), row('Working days', a.workingDays)] };
    }
    case 'obligation': {
      const [from, date] = [formatDateWithDay(a.from), formatDateWithDay(a.date)];
      const countedFrom = `${a.firstDue.from.charAt(0).toUpperCase()}${a.firstDue.from.slice(1)}: ${from}`;
      const period = firstDuePeriod(a.firstDue);
      return {
        kind: a.kind,
        from,
        date,
        title: a.title,
        // "Placement plan: due 5 working days after the day the placement started (Thursday 21 December 2023)"
        summary: `${a.title}: due ${describeFirstDue(a.firstDue)} (${from})`,
        countedFrom,
        period,
        rule: a.rule,
        dueRule: a.dueRule,
        source: a.source.ref,
        sourceUrl: a.source.url,
        ruleHref: paths.obligations.rule(a.obligation),
        workingDays: a.firstDue.unit === 'working_days' && a.firstDue.amount > 0,
        sameDay: a.firstDue.amount === 0,
        unitName: UNIT_NAMES[a.firstDue.unit],
        nonWorkingDay: a.nonWorkingDay ? (a.nonWorkingDay.reason === 'weekend' ? `a ${a.nonWorkingDay.name}` : `a bank holiday (${a.nonWorkingDay.name})`) : undefined,
        skipped: skippedRows(a),
        rows: [
          row('Obligation', a.title),
          row('Counted from', countedFrom),
          row('Time allowed', period),
          row('Due date', date),
          row('The rule', a.rule),
          row('How the due date is worked out', a.dueRule),
          { key: { text: 'Legal source' }, value: a.source.url ? { parts: [linkTo(a.source.url, a.source.ref)] } : { text: a.source.ref } },
        ],
      };
    }
  }
}
