/** The outbox: every e-mail Hearth has sent or kept, for the people who look after correspondence. */
import type { Services } from '../../services/index.ts';
import { defineRoute } from '../../http/route.ts';
import { IdParams } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { queryPage, queryString } from '../../http/query.ts';
import { PAGE_SIZE } from '../../domain/paging.ts';
import { listPaging } from '../presenters/common.ts';
import { emailStatus, outboxRow, outboxSummary } from '../presenters/outbox.ts';

export const emailRoutes = ({ email: s }: Services) => [
  defineRoute({
    method: 'GET',
    url: paths.outbox.list,
    access: 'email:read',
    audit: 'email.listed',
    handler: async (req, reply) => {
      const relatedType = queryString(req.query, 'related');
      const list = await s.list(req.ctx(), { relatedType }, { page: queryPage(req.query), size: PAGE_SIZE });
      return reply.view('outbox/list.njk', {
        title: 'Outbox',
        transport: s.transport,
        relatedItems: list.relatedTypes.map((t) => ({ value: t, text: t })),
        related: relatedType ?? '',
        ...listPaging(paths.outbox.list, { related: relatedType }, list),
        rows: list.items.map(outboxRow),
      });
    },
  }),

  defineRoute({
    method: 'GET',
    url: paths.outbox.show(),
    access: 'email:read',
    audit: 'email.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const m = await s.get(req.ctx(), req.params.id);
      return reply.view('outbox/show.njk', { title: m.subject, caption: 'E-mail', backLink: paths.outbox.list, status: emailStatus(m), body: m.bodyText, summary: outboxSummary(m, s.from) });
    },
  }),
];
