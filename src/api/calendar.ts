import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { englandAndWales } from '../domain/calendar/index.ts';
import { CALCULATOR_OBLIGATIONS, MAX_WORKING_DAYS, answerWorkingDays } from '../domain/calendar/working-days-query.ts';
import { ValidationError } from '../services/errors.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { z } from 'zod';
import { docs, queryText } from './helpers.ts';

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
    ...docs({
      tag,
      summary:
        'Add working days to a date ({from, add, date, skipped}); work out the first due date of a statutory obligation counted from a date ' +
        '({from, obligation, title, date, skipped, rule, source, dateIsWorkingDay}); or count the working days after a date up to and including an end date ' +
        '({from, to, workingDays, skipped}). "skipped" lists the weekends and England and Wales bank holidays not counted; an obligation counted in calendar ' +
        'days, weeks or months skips none, and its due date is not moved off a weekend or bank holiday ("dateIsWorkingDay" says whether it falls on one).',
      query: z.object({
        from: queryText('Start date, YYYY-MM-DD. It is never counted itself. For an obligation, the day it counts from, e.g. the day the placement started.'),
        add: queryText(`Whole number of working days to add, 0 to ${MAX_WORKING_DAYS}. Send one of add, obligation or to.`),
        // The ids are listed in words, not as an enum, so an unknown id gets the same problem response (field "obligation") as any other bad input.
        obligation: queryText(
          'Id of a statutory obligation (its rule is at /rules/{id}): answers its first due date, as the obligations registry works it out. Send one of add, obligation or to. ' +
            `One of: ${CALCULATOR_OBLIGATIONS.map((d) => d.id).join(', ')}.`,
        ),
        to: queryText('End date, YYYY-MM-DD, on or after from: count the working days after from up to and including to.'),
      }),
      response: z.union([
        z.object({ from: z.string(), add: z.number().int(), date: z.string(), skipped: z.array(z.string()) }),
        z.object({ from: z.string(), obligation: z.string(), title: z.string(), date: z.string(), skipped: z.array(z.string()), rule: z.string(), source: z.string(), dateIsWorkingDay: z.boolean() }),
        z.object({ from: z.string(), to: z.string(), workingDays: z.number().int(), skipped: z.array(z.string()) }),
      ]),
    }),
    handler: async (req) => {
      const result = answerWorkingDays(englandAndWales, req.query);
      if (!result.ok) throw new ValidationError(result.errors);
      const a = result.answer;
      const skipped = a.skipped.map((s) => s.date);
      switch (a.kind) {
        case 'add':
          return { from: a.from, add: a.add, date: a.date, skipped };
        case 'obligation':
          return { from: a.from, obligation: a.obligation, title: a.title, date: a.date, skipped, rule: a.rule, source: a.source.ref, dateIsWorkingDay: a.nonWorkingDay === undefined };
        case 'count':
          return { from: a.from, to: a.to, workingDays: a.workingDays, skipped };
      }
    },
  });
}
