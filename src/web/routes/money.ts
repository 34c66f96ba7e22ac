/** Money pages (Parent and child fostering procedure, 8.1–8.5): the rate card, an arrangement's weekly amount, allowance requests, the finance week. */
import type { Services } from '../../services/index.ts';
import { defineRoute } from '../../http/route.ts';
import { AnyQuery, IdParams, PageForm } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { dateProblem, isValidIsoDate } from '../../domain/dates.ts';
import { financeCsv } from '../../domain/money/csv.ts';
import { ValidationError } from '../../services/errors.ts';
import { errorList, formToInput, handleFormPost, redisplayValues, renderForm, versionFrom, type Field } from '../forms.ts';
import { formatDate } from '../presenters/common.ts';
import {
  allowanceAnswerFields,
  allowanceRequestFields,
  financeTables,
  moneyPage,
  rateCardErrorField,
  rateCardFields,
  rateCardInputFrom,
  rateCardSections,
} from '../presenters/money.ts';

const weekFields: Field[] = [{ name: 'week', label: 'Any day of the week', type: 'date', hint: 'The week runs Monday to Sunday. For example, 1 12 2026' }];

export const moneyRoutes = (services: Services) => {
  const s = services.money;
  const newCardPage = {
    title: 'Enter a new rate card',
    caption: 'Rate card',
    action: paths.money.newRateCard,
    backLink: paths.money.rateCard,
    submitText: 'Enter the rate card',
    warning: 'A rate card cannot be changed once entered: it is in force from its date until a later card. Check the amounts before you enter it.',
    fields: rateCardFields(),
  };

  /** The week asked for (any day of it), or this week; the problem when the date is not real. */
  const weekOf = (query: unknown): { day: string; error: string | null } => {
    const raw = formToInput(query, weekFields).week;
    if (raw === '' || raw === undefined) return { day: s.today(), error: null };
    if (typeof raw === 'string' && isValidIsoDate(raw)) return { day: raw, error: null };
    return { day: s.today(), error: dateProblem('The day of the week', raw) };
  };

  return [
    defineRoute({
      method: 'GET',
      url: paths.money.rateCard,
      access: 'signed-in',
      audit: 'none',
      handler: async (_req, reply) => {
        const cards = await s.rateCards();
        return reply.view('record/show.njk', {
          title: 'Rate card',
          caption: 'Fostering allowances and fees',
          actions: _req.actor && services.can(_req.actor, 'rates:manage') ? [{ text: 'Enter a new rate card', href: paths.money.newRateCard }] : [],
          summary: [
            { key: { text: 'What it is' }, value: { text: 'The all-inclusive allowance a week for each person placed, by their age on the day, and the carers’ skills fee a week by level (Fees and Allowances Policy).' } },
            { key: { text: 'Cards entered' }, value: { text: cards.length ? `${cards.length}; the latest takes effect on ${formatDate(cards[0]?.effectiveFrom)}` : 'None yet' } },
          ],
          sections: rateCardSections(cards, s.today()),
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.money.newRateCard,
      access: 'rates:manage',
      audit: 'none',
      handler: async (_req, reply) => renderForm(reply, { ...newCardPage, values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.money.newRateCard,
      access: 'rates:manage',
      audit: 'rate-card.created',
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, newCardPage, async (input) => {
          try {
            await s.createRateCard(req.ctx(), rateCardInputFrom(input));
          } catch (err) {
            if (err instanceof ValidationError) throw new ValidationError(err.errors.map((e) => ({ field: rateCardErrorField(e.field, input), message: e.message })));
            throw err;
          }
          return paths.money.rateCard;
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.money.arrangement(),
      access: 'placement:read',
      audit: 'money.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const m = await s.ofArrangement(req.ctx(), req.params.id);
        return reply.view('record/show.njk', moneyPage(m, { canRequest: !!req.actor && services.can(req.actor, 'allowance:request') }));
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.money.requestAllowance(),
      access: 'allowance:request',
      audit: 'money.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const m = await s.ofArrangement(req.ctx(), req.params.id);
        return renderForm(reply, { ...requestPage(req.params.id, allowanceRequestFields(m)), values: {} });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.money.requestAllowance(),
      access: 'allowance:request',
      audit: 'allowance-request.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const m = await s.ofArrangement(req.ctx(), req.params.id);
        return handleFormPost(reply, req.body, requestPage(req.params.id, allowanceRequestFields(m)), async (input) => {
          await s.requestAllowance(req.ctx(), req.params.id, input);
          return `${paths.money.arrangement(req.params.id)}#allowance-requests`;
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.money.answerAllowance(),
      access: 'allowance:request',
      audit: 'none',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...answerPage(req.params.id), values: {}, version: await s.allowanceRequestVersion(req.params.id) }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.money.answerAllowance(),
      access: 'allowance:request',
      audit: 'allowance-request.answered',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const version = await s.allowanceRequestVersion(req.params.id);
        return handleFormPost(reply, req.body, { ...answerPage(req.params.id), version }, async (input) => {
          const saved = await s.answerAllowance(req.ctx(), req.params.id, versionFrom(req.body), input);
          return `${paths.money.arrangement(saved.arrangementId)}#allowance-requests`;
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.money.finance,
      access: 'finance:read',
      audit: 'finance.listed',
      query: AnyQuery,
      handler: async (req, reply) => {
        const { day, error } = weekOf(req.query);
        const errors = error ? [{ field: 'week', message: error }] : [];
        const f = await s.financeWeek(req.ctx(), day);
        const tables = financeTables(f.rows);
        return reply.code(errors.length ? 400 : 200).view('money/report.njk', {
          title: 'Parent and child fostering: weekly amounts',
          caption: 'Finance',
          intro: [
            'Each parent-and-child arrangement in place in the week, priced on the Monday (or the day it began, if later) from the rate card in force and the ages of the people placed that day. The fostering budget pays the skills fee once per arrangement, the parents’ allowances and the allowances of children in care; the child-care team is asked to fund the allowance of a child who is not in care (Parent and child fostering procedure, 8.5).',
          ],
          fields: weekFields,
          values: error ? redisplayValues(req.query) : { week: f.weekStarting },
          errors,
          errorList: errorList(errors, weekFields),
          submitText: 'Show the week',
          download: { href: `${paths.money.financeCsv}?week=${f.weekStarting}`, text: `Download the week starting ${formatDate(f.weekStarting)} as CSV` },
          summaryTitle: `Week starting ${formatDate(f.weekStarting)}: totals`,
          summary: tables.totals,
          sections: [{ id: 'lines', title: 'Lines by arrangement', table: tables.lines, empty: 'No parent-and-child arrangement was in place that week.' }],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.money.financeCsv,
      access: 'finance:read',
      audit: 'finance.exported',
      query: AnyQuery,
      handler: async (req, reply) => {
        const { day, error } = weekOf(req.query);
        if (error) throw new ValidationError([{ field: 'week', message: error }]);
        const f = await s.financeExport(req.ctx(), day);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="parent-and-child-week-${f.weekStarting}.csv"`)
          .header('cache-control', 'no-store')
          .send(financeCsv(f.weekStarting, f.rows));
      },
    }),
  ];
};

const requestPage = (arrangementId: string, fields: Field[]) => ({
  title: 'Request an allowance from the child-care team',
  caption: 'Parent and child fostering',
  action: paths.money.requestAllowance(arrangementId),
  backLink: `${paths.money.arrangement(arrangementId)}#allowance-requests`,
  submitText: 'Record the request',
  fields,
});

const answerPage = (requestId: string) => ({
  title: 'Record the child-care team’s answer',
  caption: 'Parent and child fostering',
  action: paths.money.answerAllowance(requestId),
  submitText: 'Record the answer',
  fields: allowanceAnswerFields(),
});
