/** Administration: a record's audit trail, and the personal access tokens of integrations. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { PageForm, IdParams, Uuid } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import { errorList } from '../forms.ts';
import { AUDITABLE, auditHead, auditRow, tokenDefaults, tokenFields, tokenHead, tokenRow, tokenSummary } from '../presenters/admin.ts';
import { askFirst, confirmed, renderConfirm } from '../confirm.ts';

export const adminRoutes = (services: Services, config: { apiTokenDays: number }) => {
  const fields = tokenFields(config.apiTokenDays);
  async function tokensPage(req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const tokens = await services.auth.listTokens(req.ctx());
    const now = new Date();
    return {
      title: 'Personal access tokens',
      fields,
      values: tokenDefaults(config.apiTokenDays),
      errors: [],
      errorList: [],
      head: tokenHead,
      rows: tokens.map((t) => tokenRow(t, now)),
      ...extra,
    };
  }

  return [
    defineRoute({
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
        return reply.view('pages/audit.njk', { title: 'Who has seen or changed this record', caption: subject.label, backLink: subject.show(id), head: auditHead, rows: rows.map(auditRow) });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.tokens.list,
      access: 'token:manage',
      audit: 'token.listed',
      handler: async (req, reply) => reply.view('pages/tokens.njk', await tokensPage(req, reply)),
    }),

    defineRoute({
      method: 'POST',
      url: paths.tokens.list,
      access: 'token:manage',
      audit: 'token.created',
      body: PageForm,
      handler: async (req, reply) => {
        const body = req.body ?? {};
        const text = (key: string) => (typeof body[key] === 'string' ? body[key] : '');
        const [user, name, days, scope] = [text('user'), text('name'), text('days'), text('scope')];
        try {
          const created = await services.auth.createToken(req.ctx(), user, name, { days, scope });
          return reply.view('pages/tokens.njk', await tokensPage(req, reply, { created: created.token }));
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          return reply
            .code(400)
            .view('pages/tokens.njk', await tokensPage(req, reply, { values: { user, name, days, scope }, errors: err.errors, errorList: errorList(err.errors, fields) }));
        }
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.tokens.revoke(),
      access: 'token:manage',
      audit: 'token.listed',
      params: IdParams,
      handler: async (req, reply) => {
        const t = (await services.auth.listTokens(req.ctx())).find((x) => x.id === req.params.id && !x.revokedAt && x.expiresAt > new Date());
        if (!t) throw new NotFoundError('Active token');
        return renderConfirm(reply, {
          title: `Are you sure you want to revoke the token “${t.name}”?`,
          caption: 'Personal access tokens',
          rows: tokenSummary(t),
          warning: 'Anything using this token will be refused from now on. A revoked token cannot be used again: to carry on, create a new one.',
          action: paths.tokens.revoke(t.id),
          confirmText: 'Yes, revoke',
          cancelHref: paths.tokens.list,
        });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.tokens.revoke(),
      access: 'token:manage',
      audit: 'token.revoked',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        if (!confirmed(req.body)) return askFirst(req, reply, paths.tokens.revoke(req.params.id));
        await services.auth.revokeToken(req.ctx(), req.params.id);
        return reply.redirect(paths.tokens.list, 303);
      },
    }),
  ];
};
