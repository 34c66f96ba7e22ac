import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { route } from '../../http/route.ts';
import { PageForm, IdParams, isUuid } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { link } from '../html.ts';
import { handleFormPost, renderForm, versionFrom, type Field } from '../forms.ts';
import { queryString } from '../../http/query.ts';


export function contactRoutes(app: FastifyInstance, services: Services) {
  const s = services.contacts;

  async function organisationItems() {
    return (await services.organisations.options()).map((o) => ({ value: o.id, text: o.name }));
  }

  async function contactFields(): Promise<Field[]> {
    return [
      { name: 'fullName', label: 'Full name', autocomplete: 'off' },
      { name: 'role', label: 'Role', hint: 'For example, Social worker, Independent reviewing officer, Health visitor' },
      { name: 'organisationId', label: 'Organisation', type: 'select', placeholder: 'Not in this list', items: await organisationItems() },
      { name: 'organisationName', label: 'Or, the name of the organisation', hint: 'Use this when the organisation is not in the list above' },
      { name: 'email', label: 'Email address (optional)', inputType: 'email', autocomplete: 'off' },
      { name: 'phone', label: 'Phone number (optional)', inputType: 'tel', autocomplete: 'off', classes: 'govuk-input--width-20' },
    ];
  }

  route(app, {
    method: 'GET',
    url: paths.contacts.list,
    access: 'contact:read',
    audit: 'contact.listed',
    handler: async (req, reply) => {
      const q = queryString(req.query, 'q');
      const role = queryString(req.query, 'role');
      const orgParam = queryString(req.query, 'organisationId');
      const organisationId = isUuid(orgParam) ? orgParam : undefined;
      const [{ items, truncated }, orgItems] = await Promise.all([s.list(req.ctx(), { q, role, organisationId }), organisationItems()]);
      return reply.view('record/list.njk', {
        title: 'External contacts',
        noun: 'contact',
        nounPlural: 'contacts',
        newLink: req.actor && services.can(req.actor, 'contact:write') ? { text: 'Add a contact', href: paths.contacts.new } : undefined,
        filters: [
          { name: 'q', label: 'Name, email address or organisation' },
          { name: 'role', label: 'Role contains' },
          { name: 'organisationId', label: 'Organisation', type: 'select', placeholder: 'Any', items: orgItems },
        ],
        filterValues: { q, role, organisationId: orgParam },
        count: items.length,
        truncated,
        head: [{ text: 'Name' }, { text: 'Role' }, { text: 'Organisation' }, { text: 'Email address' }, { text: 'Phone' }],
        rows: items.map((c) => [
          { html: link(paths.contacts.show(c.id), c.fullName) },
          { text: c.role },
          { text: c.organisationName },
          { text: c.email ?? '' },
          { text: c.phone ?? '' },
        ]),
      });
    },
  });

  const newPage = async () => ({ title: 'Add a contact', action: paths.contacts.new, backLink: paths.contacts.list, fields: await contactFields() });

  route(app, {
    method: 'GET',
    url: paths.contacts.new,
    access: 'contact:write',
    audit: 'none',
    handler: async (_req, reply) => renderForm(reply, { ...(await newPage()), values: {} }),
  });

  route(app, {
    method: 'POST',
    url: paths.contacts.new,
    access: 'contact:write',
    audit: 'contact.created',
    body: PageForm,
    handler: async (req, reply) =>
      handleFormPost(reply, req.body, await newPage(), async (input) => {
        const c = await s.create(req.ctx(), input);
        return paths.contacts.show(c.id);
      }),
  });

  route(app, {
    method: 'GET',
    url: paths.contacts.show(),
    access: 'contact:read',
    audit: 'contact.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const c = await s.get(req.ctx(), id);
      const actions = [];
      if (req.actor && services.can(req.actor, 'contact:write')) actions.push({ text: 'Change details', href: paths.contacts.edit(c.id) });
      if (req.actor && services.can(req.actor, 'audit:read')) actions.push({ text: 'Who has seen or changed this record', href: paths.audit.subject('contact', c.id) });
      return reply.view('record/show.njk', {
        title: c.fullName,
        caption: 'External contact',
        backLink: paths.contacts.list,
        actions,
        summary: [
          { key: { text: 'Full name' }, value: { text: c.fullName } },
          { key: { text: 'Role' }, value: { text: c.role } },
          {
            key: { text: 'Organisation' },
            value: c.organisationId ? { html: link(paths.organisations.show(c.organisationId), c.organisationName) } : { text: c.organisationName },
          },
          { key: { text: 'Email address' }, value: { text: c.email ?? 'Not recorded' } },
          { key: { text: 'Phone number' }, value: { text: c.phone ?? 'Not recorded' } },
        ],
        sections: [],
      });
    },
  });

  const editPage = async (id: string) => ({ title: 'Change contact details', action: paths.contacts.edit(id), backLink: paths.contacts.show(id), fields: await contactFields() });

  route(app, {
    method: 'GET',
    url: paths.contacts.edit(),
    access: 'contact:write',
    audit: 'contact.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const c = await s.get(req.ctx(), id);
      return renderForm(reply, {
        ...(await editPage(id)),
        version: c.version,
        values: { fullName: c.fullName, role: c.role, organisationId: c.organisationId, organisationName: c.organisationId ? '' : c.organisationName, email: c.email, phone: c.phone },
      });
    },
  });

  route(app, {
    method: 'POST',
    url: paths.contacts.edit(),
    access: 'contact:write',
    audit: 'contact.updated',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const version = versionFrom(req.body);
      return handleFormPost(reply, req.body, { ...(await editPage(id)), version }, async (input) => {
        await s.update(req.ctx(), id, version, input);
        return paths.contacts.show(id);
      });
    },
  });
}
