/** Caseload access pages: breaking the glass from a child's card, restricting a record, and managers reviewing broken glass. */
import type { FastifyReply } from 'fastify';
import type { Services } from '../../services/index.ts';
import { ValidationError, type FieldError } from '../../services/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { IdParams, PageForm } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { ROLE_LABELS, isRole } from '../../domain/access/index.ts';
import { renderCard } from '../caseload-guard.ts';
import { setFlash } from '../flash.ts';
import { versionFrom } from '../forms.ts';

const field = (body: unknown, name: string): unknown => (body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined);
const text = (body: unknown, name: string): string => {
  const v = field(body, name);
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};

export const accessRoutes = (services: Services) => {
  const s = services.access;

  async function restrictionForm(reply: FastifyReply, ctx: Parameters<typeof s.restrictionPage>[0], childId: string, form: { values?: Record<string, unknown>; errors?: FieldError[] } = {}, status = 200) {
    const page = await s.restrictionPage(ctx, childId);
    const chosen = new Set([form.values?.memberIds ?? page.restriction?.memberIds ?? []].flat().map(String));
    const errors = form.errors ?? [];
    return reply.code(status).view('access/restriction.njk', {
      title: page.restriction ? 'Restricted record' : 'Restrict this record',
      backLink: paths.children.show(childId),
      child: page.child,
      restriction: page.restriction,
      action: paths.access.restriction(childId),
      liftAction: paths.access.liftRestriction(childId),
      values: { reason: form.values?.reason ?? page.restriction?.reason ?? '' },
      staffItems: page.staff.map((u) => ({ value: u.id, text: `${u.name}, ${isRole(u.role) ? ROLE_LABELS[u.role] : u.role}`, checked: chosen.has(u.id) })),
      errors,
      errorList: errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
      fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.message }])),
    });
  }

  return [
    defineRoute({
      method: 'POST',
      url: paths.access.breakGlass(),
      access: 'child:read',
      audit: 'access.glass-broken',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const id = req.params.id;
        try {
          await s.breakGlass(req.ctx(), id, { reason: text(req.body, 'reason') });
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          const { card } = await s.forChild(req.ctx(), id);
          return renderCard(reply, card, 400, { values: { reason: text(req.body, 'reason') }, errors: err.errors });
        }
        setFlash(req, 'Record opened for 8 hours: your manager has been told');
        return reply.redirect(paths.children.show(id), 303);
      },
    }),
    defineRoute({
      method: 'GET',
      url: paths.access.restriction(),
      access: 'child:write',
      audit: 'child.viewed',
      params: IdParams,
      handler: async (req, reply) => restrictionForm(reply, req.ctx(), req.params.id),
    }),
    defineRoute({
      method: 'POST',
      url: paths.access.restriction(),
      access: 'child:write',
      audit: 'child.restricted',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const id = req.params.id;
        const values = { reason: text(req.body, 'reason'), memberIds: field(req.body, 'memberIds') };
        try {
          // A new restriction has no version yet; a change carries the one its form showed.
          await s.restrict(req.ctx(), id, values, text(req.body, 'version') ? versionFrom(req.body) : null);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          return restrictionForm(reply, req.ctx(), id, { values, errors: err.errors }, 400);
        }
        return reply.redirect(paths.children.show(id), 303);
      },
    }),
    defineRoute({
      method: 'POST',
      url: paths.access.liftRestriction(),
      access: 'child:write',
      audit: 'child.restriction.lifted',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        await s.lift(req.ctx(), req.params.id, versionFrom(req.body));
        return reply.redirect(paths.children.show(req.params.id), 303);
      },
    }),
    defineRoute({
      method: 'GET',
      url: paths.access.brokenGlass,
      access: 'obligation:dashboard',
      audit: 'access.grants.listed',
      handler: async (req, reply) => {
        const grants = await s.brokenGlassPage(req.ctx());
        return reply.view('access/broken-glass.njk', {
          title: 'Broken glass to review',
          grants: grants.map((g) => ({
            ...g,
            when: g.grantedAt.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }),
            reviewAction: paths.access.reviewBrokenGlass(g.id),
          })),
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: paths.access.reviewBrokenGlass(),
      access: 'obligation:dashboard',
      audit: 'access.grant.reviewed',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        await s.reviewGrant(req.ctx(), req.params.id);
        return reply.redirect(paths.access.brokenGlass, 303);
      },
    }),
  ];
};
