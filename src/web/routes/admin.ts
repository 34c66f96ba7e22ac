import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { SubjectType } from '../../audit/events.ts';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { PageForm, IdParams, Uuid } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import { errorList, type Field } from '../forms.ts';

const AUDITABLE: Record<string, { type: SubjectType; label: string; show: (id: string) => string }> = {
  child: { type: 'child', label: 'Child', show: (id) => paths.children.show(id) },
  household: { type: 'household', label: 'Household', show: (id) => paths.households.show(id) },
  placement: { type: 'placement', label: 'Placement', show: (id) => paths.placements.show(id) },
  organisation: { type: 'organisation', label: 'Organisation', show: (id) => paths.organisations.show(id) },
  user: { type: 'user', label: 'Staff member', show: (id) => paths.users.show(id) },
  contact: { type: 'contact', label: 'Contact', show: (id) => paths.contacts.show(id) },
  request: { type: 'request', label: 'Placement request', show: (id) => paths.requests.show(id) },
  proposal: { type: 'proposal', label: 'Proposed placement', show: (id) => paths.proposals.show(id) },
};

const tokenFields: Field[] = [
  { name: 'user', label: 'Email address of the user the token acts as', inputType: 'email' },
  { name: 'name', label: 'Name of the integration', hint: 'For example, "Nightly SSDA903 export"' },
];

export function adminRoutes(app: FastifyInstance, services: Services) {
  route(app, {
    method: 'GET',
    url: paths.audit.subject(),
    access: 'audit:read',
    audit: 'audit.viewed',
    params: z.object({ type: z.string(), id: Uuid }),
    handler: async (req, reply) => {
      const { type, id } = req.params;
      const subject = AUDITABLE[type];
      if (!subject) throw new NotFoundError('Record type');
      const rows = await services.audit.forSubject(req.ctx(), subject.type, id);
      return reply.view('pages/audit.njk', {
        title: 'Who has seen or changed this record',
        caption: subject.label,
        backLink: subject.show(id),
        head: [{ text: 'When' }, { text: 'Who' }, { text: 'What' }, { text: 'Request' }],
        rows: rows.map((r) => [
          { text: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/London' }).format(r.at) },
          { text: r.actorLabel },
          { text: r.action },
          { text: r.correlationId ?? '' },
        ]),
      });
    },
  });

  async function tokensPage(req: Parameters<Parameters<typeof route>[1]['handler']>[0], extra: Record<string, unknown> = {}) {
    const tokens = await services.auth.listTokens(req.ctx());
    return {
      title: 'Personal access tokens',
      fields: tokenFields,
      values: {},
      errors: [],
      errorList: [],
      head: [{ text: 'Name' }, { text: 'Acts as' }, { text: 'Starts with' }, { text: 'Created' }, { text: 'Last used' }, { text: 'Status' }],
      tokens,
      ...extra,
    };
  }

  route(app, {
    method: 'GET',
    url: paths.tokens.list,
    access: 'token:manage',
    audit: 'token.listed',
    handler: async (req, reply) => reply.view('pages/tokens.njk', await tokensPage(req)),
  });

  route(app, {
    method: 'POST',
    url: paths.tokens.list,
    access: 'token:manage',
    audit: 'token.created',
    body: PageForm,
    handler: async (req, reply) => {
      const body = req.body ?? {};
      const user = typeof body.user === 'string' ? body.user : '';
      const name = typeof body.name === 'string' ? body.name : '';
      try {
        const created = await services.auth.createToken(req.ctx(), user, name);
        return reply.view('pages/tokens.njk', await tokensPage(req, { created: created.token }));
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return reply.code(400).view('pages/tokens.njk', await tokensPage(req, { values: { user, name }, errors: err.errors, errorList: errorList(err.errors, tokenFields) }));
      }
    },
  });

  route(app, {
    method: 'POST',
    url: paths.tokens.revoke(),
    access: 'token:manage',
    audit: 'token.revoked',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      await services.auth.revokeToken(req.ctx(), id);
      return reply.redirect(paths.tokens.list, 303);
    },
  });
}
