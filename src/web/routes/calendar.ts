import type { Services } from '../../services/index.ts';
import { englandAndWales, englandAndWalesSource } from '../../domain/calendar/index.ts';
import { answerWorkingDays } from '../../domain/calendar/working-days-query.ts';
import { defineRoute } from '../../http/route.ts';
import { paths } from '../../http/paths.ts';
import { errorList, formToInput, redisplayValues } from '../forms.ts';
import { formatDate } from '../presenters/common.ts';
import { presentWorkingDays, workingDaysFields } from '../presenters/calendar.ts';

const asked = (query: unknown) => Object.keys((query ?? {}) as object).some((k) => /^(from|add|obligation|to)(-day|-month|-year)?$/.test(k));

/**
 * Working days calculator: any signed-in user enters a start date and a number of working days, an
 * obligation (its first due date, with its rule and source) or an end date, and sees the due date
 * (or the count) with the weekends and bank holidays skipped.
 * A GET form, so answers can be bookmarked and shared; it reads no record, so nothing is audited.
 */
export const calendarRoutes = (_services: Services) => [
  defineRoute({
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
      return reply.view('pages/working-days.njk', { ...page, values, errors: [], answer: presentWorkingDays(result.answer) });
    },
  }),
];
