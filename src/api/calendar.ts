import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { englandAndWales } from '../domain/calendar/index.ts';
import { MAX_WORKING_DAYS, answerWorkingDays } from '../domain/calendar/working-days-query.ts';
import { ValidationError } from '../services/errors.ts';
import { route } from '../web/route.ts';
import { paths } from '../web/paths.ts';
import { queryString } from '../web/forms.ts';
import { docs } from './helpers.ts';

const tag = 'Calendar';

/**
 * Working days in England and Wales (CPPCR reg 2(1)); see docs/rules/working-days.md.
 * Reads no record, so there is nothing to audit.
 */
export function calendarApi(api: FastifyInstance, _services: Services) {
  route(api, {
    method: 'GET',
    url: paths.api.workingDays,
    access: 'signed-in',
    audit: 'none',
    schema: docs({
      tag,
      summary:
        'Add working days to a date ({from, add, date, skipped}), or count the working days after a date up to and including an end date ({from, to, workingDays, skipped}). ' +
        '"skipped" lists the weekends and England and Wales bank holidays not counted.',
      query: {
        from: { type: 'string', description: 'Start date, YYYY-MM-DD. It is never counted itself.' },
        add: { type: 'string', description: `Whole number of working days to add, 0 to ${MAX_WORKING_DAYS}. Send add or to, not both.` },
        to: { type: 'string', description: 'End date, YYYY-MM-DD, on or after from: count the working days after from up to and including to.' },
      },
    }),
    handler: async (req) => {
      const result = answerWorkingDays(englandAndWales, { from: queryString(req.query, 'from'), add: queryString(req.query, 'add'), to: queryString(req.query, 'to') });
      if (!result.ok) throw new ValidationError(result.errors);
      const a = result.answer;
      const skipped = a.skipped.map((s) => s.date);
      return a.kind === 'add' ? { from: a.from, add: a.add, date: a.date, skipped } : { from: a.from, to: a.to, workingDays: a.workingDays, skipped };
    },
  });
}
