import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { englandAndWales, englandAndWalesSource, formatDateWithDay } from '../../domain/calendar/index.ts';
import { CALCULATOR_OBLIGATIONS, MAX_WORKING_DAYS, answerWorkingDays, describeFirstDue, firstDuePeriod, type WorkingDaysAnswer } from '../../domain/calendar/working-days-query.ts';
import { formatDate } from '../../domain/dates.ts';
import { route } from '../../http/route.ts';
import { paths } from '../../http/paths.ts';
import { errorList, formToInput, redisplayValues, type Field } from '../forms.ts';

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

const asked = (query: unknown) => Object.keys((query ?? {}) as object).some((k) => /^(from|add|obligation|to)(-day|-month|-year)?$/.test(k));

const UNIT_NAMES = { working_days: 'working days', days: 'calendar days', weeks: 'calendar weeks', months: 'calendar months' } as const;

const skippedRows = (a: WorkingDaysAnswer) =>
  a.skipped.map((s) => [{ text: formatDateWithDay(s.date) }, { text: s.reason === 'weekend' ? 'Weekend' : `Bank holiday: ${s.name}` }]);

/** The view model of an answer: dates in words, the obligation's rule and where it comes from. */
function present(a: WorkingDaysAnswer) {
  switch (a.kind) {
    case 'add':
      return { kind: a.kind, from: formatDateWithDay(a.from), add: a.add, date: formatDateWithDay(a.date), skipped: skippedRows(a) };
    case 'count':
      return { kind: a.kind, from: formatDateWithDay(a.from), to: formatDateWithDay(a.to), workingDays: a.workingDays, skipped: skippedRows(a) };
    case 'obligation': {
      const due = describeFirstDue(a.firstDue);
      return {
        kind: a.kind,
        from: formatDateWithDay(a.from),
        date: formatDateWithDay(a.date),
        title: a.title,
        // "Placement plan: due 5 working days after the day the placement started (Thursday 21 December 2023)"
        summary: `${a.title}: due ${due} (${formatDateWithDay(a.from)})`,
        countedFrom: `${a.firstDue.from.charAt(0).toUpperCase()}${a.firstDue.from.slice(1)}: ${formatDateWithDay(a.from)}`,
        period: firstDuePeriod(a.firstDue),
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
      };
    }
  }
}

/**
 * Working days calculator: any signed-in user enters a start date and a number of working days, an
 * obligation (its first due date, with its rule and source) or an end date, and sees the due date
 * (or the count) with the weekends and bank holidays skipped.
 * A GET form, so answers can be bookmarked and shared; it reads no record, so nothing is audited.
 */
export function calendarRoutes(app: FastifyInstance, _services: Services) {
  route(app, {
    method: 'GET',
    url: paths.calendar.workingDays,
    access: 'signed-in',
    audit: 'none',
    handler: async (req, reply) => {
      const page = {
        title: 'Working days calculator',
        fields: workingDaysFields,
        action: paths.calendar.workingDays,
        firstDate: formatDate(englandAndWales.firstDate),
        lastDate: formatDate(englandAndWales.lastDate),
        source: englandAndWalesSource.source,
      };
      if (!asked(req.query)) return reply.view('pages/working-days.njk', { ...page, values: {}, errors: [] });

      const input = formToInput(req.query, workingDaysFields) as { from: string; add: string; obligation: string; to: string };
      const values = redisplayValues(req.query);
      const result = answerWorkingDays(englandAndWales, input);
      if (!result.ok) {
        return reply.code(400).view('pages/working-days.njk', { ...page, values, errors: result.errors, errorList: errorList(result.errors, workingDaysFields) });
      }
      return reply.view('pages/working-days.njk', { ...page, values, errors: [], answer: present(result.answer) });
    },
  });
}
