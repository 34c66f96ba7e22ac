import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { englandAndWales, englandAndWalesSource, formatDateWithDay } from '../../domain/calendar/index.ts';
import { MAX_WORKING_DAYS, answerWorkingDays } from '../../domain/calendar/working-days-query.ts';
import { formatDate } from '../../domain/dates.ts';
import { route } from '../route.ts';
import { paths } from '../paths.ts';
import { errorList, formToInput, redisplayValues, type Field } from '../forms.ts';

export const workingDaysFields: Field[] = [
  { name: 'from', label: 'Start date', type: 'date', hint: 'The day the clock starts, for example the day a child was placed. It is not counted itself. For example, 21 12 2023' },
  {
    name: 'add',
    label: 'Number of working days',
    hint: `A whole number from 0 to ${MAX_WORKING_DAYS}, for example 5 for a placement plan that could not be made before the placement`,
    classes: 'govuk-input--width-4',
    inputmode: 'numeric',
  },
  { name: 'to', label: 'Or an end date, to count the working days up to it', type: 'date', hint: 'Leave blank if you entered a number of working days. For example, 27 12 2023' },
];

const asked = (query: unknown) => Object.keys((query ?? {}) as object).some((k) => /^(from|add|to)(-day|-month|-year)?$/.test(k));

/**
 * Working days calculator: any signed-in user enters a start date and a number of working days (or
 * an end date) and sees the due date (or the count) with the weekends and bank holidays skipped.
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

      const input = formToInput(req.query, workingDaysFields) as { from: string; add: string; to: string };
      const values = redisplayValues(req.query);
      const result = answerWorkingDays(englandAndWales, input);
      if (!result.ok) {
        return reply.code(400).view('pages/working-days.njk', { ...page, values, errors: result.errors, errorList: errorList(result.errors, workingDaysFields) });
      }
      const a = result.answer;
      return reply.view('pages/working-days.njk', {
        ...page,
        values,
        errors: [],
        answer: {
          kind: a.kind,
          from: formatDateWithDay(a.from),
          add: a.kind === 'add' ? a.add : undefined,
          date: a.kind === 'add' ? formatDateWithDay(a.date) : undefined,
          to: a.kind === 'count' ? formatDateWithDay(a.to) : undefined,
          workingDays: a.kind === 'count' ? a.workingDays : undefined,
          skipped: a.skipped.map((s) => [{ text: formatDateWithDay(s.date) }, { text: s.reason === 'weekend' ? 'Weekend' : `Bank holiday: ${s.name}` }]),
        },
      });
    },
  });
}
