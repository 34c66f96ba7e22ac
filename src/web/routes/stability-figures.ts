/** Placement stability figures: the page (table and chart) and its CSV. */
import type { Services } from '../../services/index.ts';
import { defineRoute } from '../../http/route.ts';
import { AnyQuery } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { queryString } from '../../http/query.ts';
import { ValidationError } from '../../services/errors.ts';
import type { FiguresAsked } from '../../services/stability-figures.ts';
import { errorList, redisplayValues } from '../forms.ts';
import { figuresCsv, figuresTable, indicatorChart, stabilityFigureFields } from '../presenters/stability-figures.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the query asks for; a team or worker that is not an id is a problem to show, not a server error. */
function asked(query: unknown): FiguresAsked {
  const teamId = queryString(query, 'teamId') || undefined;
  const workerId = queryString(query, 'workerId') || undefined;
  const householdReference = queryString(query, 'householdReference')?.trim() || undefined;
  const errors = [
    ...(teamId && !UUID.test(teamId) ? [{ field: 'teamId', message: 'Select a team from the list' }] : []),
    ...(workerId && !UUID.test(workerId) ? [{ field: 'workerId', message: 'Select a social worker from the list' }] : []),
    ...(householdReference && householdReference.length > 40 ? [{ field: 'householdReference', message: 'A household reference is at most 40 characters' }] : []),
  ];
  if (errors.length) throw new ValidationError(errors);
  return { teamId, workerId, householdReference };
}

export const stabilityFigureRoutes = (services: Services) => {
  const s = services.stabilityFigures;
  const fields = async () =>
    stabilityFigureFields(
      (await services.obligations.teams()).map((t) => ({ value: t.id, text: t.name })),
      (await services.children.socialWorkerOptions()).map((u) => ({ value: u.id, text: u.name })),
    );
  return [
    defineRoute({
      method: 'GET',
      url: paths.reports.stability,
      access: 'obligation:dashboard',
      audit: 'stability.figures.viewed',
      query: AnyQuery,
      handler: async (req, reply) => {
        const page = { title: 'Placement stability figures', fields: await fields(), action: paths.reports.stability, values: redisplayValues(req.query) };
        try {
          const view = await s.figures(req.ctx(), asked(req.query));
          const csvQuery = new URLSearchParams(Object.entries(asked(req.query)).filter((e): e is [string, string] => typeof e[1] === 'string'));
          return reply.view('reports/stability.njk', {
            ...page,
            scope: view.scope,
            table: figuresTable(view.months),
            chart: indicatorChart(view.months, view.scope.label),
            csvHref: `${paths.reports.stabilityCsv}${csvQuery.size ? `?${csvQuery.toString()}` : ''}`,
          });
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          return reply.code(400).view('reports/stability.njk', { ...page, errors: err.errors, errorList: errorList(err.errors, page.fields) });
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: paths.reports.stabilityCsv,
      access: 'obligation:dashboard',
      audit: 'stability.figures.viewed',
      query: AnyQuery,
      handler: async (req, reply) => {
        const view = await s.figures(req.ctx(), asked(req.query));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="placement-stability-${view.scope.kind}.csv"`)
          .header('cache-control', 'no-store')
          .send(figuresCsv(view));
      },
    }),
  ];
};
