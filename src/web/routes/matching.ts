/** The vacancy register (/vacancies) and the matching page for a placement request (/requests/:id/matching). */
import type { Services } from '../../services/index.ts';
import type { MatchResult } from '../../services/matching.ts';
import { ValidationError } from '../../services/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { IdParams } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { errorList } from '../forms.ts';
import { eligibleView, excludedGroups, matchingNotice, requestRows, vacancyFields, vacancyFilterFrom, vacancyHead, vacancyRow, weightsTable } from '../presenters/matching.ts';

export const matchingRoutes = (services: Services) => [
  defineRoute({
    method: 'GET',
    url: paths.vacancies,
    access: 'household:read',
    audit: 'vacancy.listed',
    handler: async (req, reply) => {
      const { filter, errors, values } = vacancyFilterFrom(req.query);
      const { today, items } = await services.matching.vacancies(req.ctx(), filter);
      return reply.code(errors.length ? 400 : 200).view('matching/vacancies.njk', {
        title: 'Vacancies',
        today,
        filters: vacancyFields,
        filterValues: values,
        errors,
        errorList: errorList(errors, vacancyFields),
        count: items.length,
        head: vacancyHead,
        rows: items.map(vacancyRow),
      });
    },
  }),

  defineRoute({
    method: 'GET',
    url: paths.requests.matching(),
    access: 'matching:run',
    audit: 'matching.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      let m: MatchResult;
      try {
        m = await services.matching.matchRequest(req.ctx(), id);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return reply.code(409).view('errors/error.njk', {
          title: 'This request cannot be matched yet',
          detail: err.errors.map((e) => e.message).join('. '),
          backLink: paths.requests.show(id),
        });
      }
      const considering = m.request.status === 'matching';
      return reply.view('matching/request.njk', {
        title: `Matching for ${m.request.child.name}`,
        caption: `Placement request ${m.request.reference}`,
        backLink: paths.requests.show(id),
        placementDate: m.request.placementDate,
        neededBy: m.request.neededBy,
        requestRows: requestRows(m),
        weights: weightsTable(),
        notice: matchingNotice(m.request.status),
        eligible: m.eligible.map((h, i) => eligibleView(h, i, considering ? paths.proposals.create(id) : null)),
        excludedGroups: excludedGroups(m),
        excludedTotal: m.excludedTotal.toLocaleString('en-GB'),
        eligibleTotal: m.eligibleTotal.toLocaleString('en-GB'),
        eligibleMore: m.eligibleTotal > m.eligible.length,
        nearMissesShown: m.excluded.length,
        nearMissesMore: m.excludedTotal - m.excludedFirst.reduce((sum, e) => sum + e.households, 0) > m.excluded.length,
        sufficiencyHref: m.request.kind === 'parent_and_child' ? paths.sufficiency.request(id) : null,
      });
    },
  }),
];
