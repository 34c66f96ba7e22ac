/** Sufficiency pages (Parent and child fostering procedure, 6.1–6.3): a request's search outside the area, and the report for the Fostering Panel. */
import type { Services } from '../../services/index.ts';
import { defineRoute } from '../../http/route.ts';
import { AnyQuery, IdParams, PageForm } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { addDays } from '../../domain/dates.ts';
import { sufficiencyCsv } from '../../domain/sufficiency/csv.ts';
import { ValidationError } from '../../services/errors.ts';
import { errorList, formToInput, handleFormPost, redisplayValues, renderForm, versionFrom, type Field } from '../forms.ts';
import { formatDate } from '../presenters/common.ts';
import { enquiryFields, noneInAreaFields, outcomeFields, reportView, requestSufficiencyPage } from '../presenters/sufficiency.ts';

const periodFields: Field[] = [
  { name: 'from', label: 'First day of the period', type: 'date' },
  { name: 'to', label: 'Last day of the period', type: 'date' },
];

export const sufficiencyRoutes = (services: Services) => {
  const s = services.sufficiency;
  const back = (id: string) => `${paths.sufficiency.request(id)}#search`;
  const form = (id: string, title: string, action: string, submitText: string, fields: Field[]) => ({ title, caption: 'Parent and child: search outside the area', action, backLink: back(id), submitText, fields });
  const noneInAreaPage = (id: string) => form(id, 'No suitable household in the area', paths.sufficiency.noneInArea(id), 'Record it and start the search', noneInAreaFields());
  const enquiryPage = async (id: string, authorityId: string) => form(id, 'Record an agency or authority asked', paths.sufficiency.enquiry(id), 'Record it', enquiryFields(await services.organisations.options(), authorityId));

  /** The period asked for (by default the last twelve months), with its problems. */
  const periodOf = (query: unknown) => {
    const q = formToInput(query, periodFields);
    const to = q.to === '' ? s.today() : String(q.to);
    const from = q.from === '' ? addDays(to, -364) : String(q.from);
    return { from, to };
  };

  return [
    defineRoute({
      method: 'GET',
      url: paths.sufficiency.request(),
      access: 'request:read',
      audit: 'sufficiency.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const r = await s.ofRequest(req.ctx(), req.params.id);
        return reply.view('record/show.njk', requestSufficiencyPage(r, !!req.actor && services.can(req.actor, 'sufficiency:record')));
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.sufficiency.noneInArea(),
      access: 'sufficiency:record',
      audit: 'none',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...noneInAreaPage(req.params.id), values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.sufficiency.noneInArea(),
      access: 'sufficiency:record',
      audit: 'sufficiency.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, noneInAreaPage(req.params.id), async (input) => {
          await s.recordNoneInArea(req.ctx(), req.params.id, input);
          return back(req.params.id);
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.sufficiency.enquiry(),
      access: 'sufficiency:record',
      audit: 'sufficiency.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const r = await s.ofRequest(req.ctx(), req.params.id);
        return renderForm(reply, { ...(await enquiryPage(req.params.id, r.request.authorityId)), values: {} });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.sufficiency.enquiry(),
      access: 'sufficiency:record',
      audit: 'sufficiency.enquiry.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const r = await s.ofRequest(req.ctx(), req.params.id);
        return handleFormPost(reply, req.body, await enquiryPage(req.params.id, r.request.authorityId), async (input) => {
          await s.recordEnquiry(req.ctx(), req.params.id, input);
          return back(req.params.id);
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.sufficiency.outcome(),
      access: 'sufficiency:record',
      audit: 'sufficiency.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const r = await s.ofRequest(req.ctx(), req.params.id);
        return renderForm(reply, { ...form(req.params.id, 'Record the outcome of the search', paths.sufficiency.outcome(req.params.id), 'Record the outcome', outcomeFields(r)), values: {}, ...(r.search ? { version: r.search.version } : {}) });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.sufficiency.outcome(),
      access: 'sufficiency:record',
      audit: 'sufficiency.outcome.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const r = await s.ofRequest(req.ctx(), req.params.id);
        const page = { ...form(req.params.id, 'Record the outcome of the search', paths.sufficiency.outcome(req.params.id), 'Record the outcome', outcomeFields(r)), ...(r.search ? { version: r.search.version } : {}) };
        return handleFormPost(reply, req.body, page, async (input) => {
          await s.recordOutcome(req.ctx(), req.params.id, versionFrom(req.body), input);
          return back(req.params.id);
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.sufficiency.report,
      access: 'sufficiency:report',
      audit: 'sufficiency.report.viewed',
      query: AnyQuery,
      handler: async (req, reply) => {
        const period = periodOf(req.query);
        const base = {
          title: 'Parent and child fostering: sufficiency',
          caption: 'Report for the Fostering Panel',
          intro: [
            'For the Fostering Panel’s role to support and challenge the Fostering Service on the number of skilled, trained and paid carers for parent-and-child placements (Parent and child fostering procedure, 6.1): the requests in the period, the searches outside the area when no Level 4 household was available in it (6.3), the placements made in and outside the area, and the authority’s Level 4 households with their vacancies on the last day (6.2).',
          ],
          fields: periodFields,
          submitText: 'Show the period',
        };
        try {
          const { report, homeAuthorityName } = await s.report(req.ctx(), period);
          const q = new URLSearchParams({ 'from-day': report.from.slice(8), 'from-month': report.from.slice(5, 7), 'from-year': report.from.slice(0, 4), 'to-day': report.to.slice(8), 'to-month': report.to.slice(5, 7), 'to-year': report.to.slice(0, 4) });
          return reply.view('money/report.njk', {
            ...base,
            values: { from: report.from, to: report.to },
            errors: [],
            download: { href: `${paths.sufficiency.reportCsv}?${q.toString()}`, text: `Download ${formatDate(report.from)} to ${formatDate(report.to)} as CSV` },
            ...reportView(report, homeAuthorityName),
          });
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          return reply.code(400).view('money/report.njk', { ...base, values: redisplayValues(req.query), errors: err.errors, errorList: errorList(err.errors, periodFields), sections: [] });
        }
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.sufficiency.reportCsv,
      access: 'sufficiency:report',
      audit: 'sufficiency.report.exported',
      query: AnyQuery,
      handler: async (req, reply) => {
        const { report } = await s.reportExport(req.ctx(), periodOf(req.query));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="sufficiency-${report.from}-to-${report.to}.csv"`)
          .header('cache-control', 'no-store')
          .send(sufficiencyCsv(report));
      },
    }),
  ];
};
