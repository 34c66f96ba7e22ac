import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { OutboxItem } from '../../services/email.ts';
import { route } from '../../http/route.ts';
import { IdParams } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { link } from '../html.ts';
import { queryString } from '../../http/query.ts';

const when = (d: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(d);

/** What happened to a message, as a GOV.UK tag. */
export function emailStatus(m: Pick<OutboxItem, 'transport' | 'sentAt' | 'error'>): { text: string; classes: string } {
  if (m.transport === 'outbox') return { text: 'In outbox', classes: 'govuk-tag--blue' };
  if (m.sentAt && m.error) return { text: 'Sent, partly refused', classes: 'govuk-tag--orange' };
  if (m.sentAt) return { text: 'Sent', classes: 'govuk-tag--green' };
  if (m.error) return { text: 'Failed', classes: 'govuk-tag--red' };
  return { text: 'Waiting to send', classes: 'govuk-tag--grey' };
}

const TRANSPORT_LABELS = { smtp: 'E-mail (SMTP)', outbox: 'Outbox only' } as const;

/** The outbox: every e-mail Hearth has sent or kept, for the people who look after correspondence. */
export function emailRoutes(app: FastifyInstance, services: Services) {
  const s = services.email;

  route(app, {
    method: 'GET',
    url: paths.outbox.list,
    access: 'email:read',
    audit: 'email.listed',
    handler: async (req, reply) => {
      const relatedType = queryString(req.query, 'related');
      const { items, truncated, total, relatedTypes } = await s.list(req.ctx(), { relatedType });
      return reply.view('outbox/list.njk', {
        title: 'Outbox',
        transport: s.transport,
        relatedItems: relatedTypes.map((t) => ({ value: t, text: t })),
        related: relatedType ?? '',
        total,
        truncated,
        rows: items.map((m) => {
          const status = emailStatus(m);
          return [
            { html: link(paths.outbox.show(m.id), m.subject) },
            { text: m.toAddresses.join(', ') },
            { text: when(m.createdAt) },
            { text: TRANSPORT_LABELS[m.transport] },
            { html: `<strong class="govuk-tag ${status.classes}">${status.text}</strong>` },
            { text: m.relatedType ?? '' },
          ];
        }),
      });
    },
  });

  route(app, {
    method: 'GET',
    url: paths.outbox.show(),
    access: 'email:read',
    audit: 'email.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const m = await s.get(req.ctx(), req.params.id);
      const status = emailStatus(m);
      return reply.view('outbox/show.njk', {
        title: m.subject,
        caption: 'E-mail',
        backLink: paths.outbox.list,
        status,
        body: m.bodyText,
        summary: [
          { key: { text: 'To' }, value: { text: m.toAddresses.join(', ') } },
          { key: { text: 'From' }, value: { text: s.from } },
          { key: { text: 'Subject' }, value: { text: m.subject } },
          { key: { text: 'Written' }, value: { text: `${when(m.createdAt)}${m.createdByName ? ` by ${m.createdByName}` : ' by Hearth'}` } },
          { key: { text: 'Sent by' }, value: { text: TRANSPORT_LABELS[m.transport] } },
          { key: { text: 'Sent' }, value: { text: m.transport === 'outbox' ? 'Kept in the outbox (no mail server is configured)' : m.sentAt ? when(m.sentAt) : 'Not yet' } },
          ...(m.masked ? [{ key: { text: 'Secure link' }, value: { text: 'Hidden here: only the recipient sees it, since whoever holds the link can answer in their name' } }] : []),
          ...(m.error ? [{ key: { text: 'Problem' }, value: { text: m.error } }] : []),
          ...(m.relatedType ? [{ key: { text: 'About' }, value: { text: `${m.relatedType} ${m.relatedId ?? ''}`.trim() } }] : []),
        ],
      });
    },
  });
}
