/** External contacts: the list, a contact's page, and the add and change forms. */
import type { Services } from '../../services/index.ts';
import { defineRoute } from '../../http/route.ts';
import { PageForm, IdParams, isUuid } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { handleFormPost, renderForm, versionFrom } from '../forms.ts';
import { queryString } from '../../http/query.ts';
import { contactFields, contactFormValues, contactListFilters, contactListHead, contactListRow, contactSummary } from '../presenters/contacts.ts';

export const contactRoutes = (services: Services) => {
  const s = services.contacts;
  const organisationItems = async () => (await services.organisations.options({ virtualSchools: true })).map((o) => ({ value: o.id, text: o.name }));
  const newPage = async () => ({ title: 'Add a contact', action: paths.contacts.new, backLink: paths.contacts.list, fields: contactFields(await organisationItems()) });
  const editPage = async (id: string) => ({ title: 'Change contact details', action: paths.contacts.edit(id), backLink: paths.contacts.show(id), fields: contactFields(await organisationItems()) });

  return [
    defineRoute({
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
          filters: contactListFilters(orgItems),
          filterValues: { q, role, organisationId: orgParam },
          count: items.length,
          truncated,
          head: contactListHead,
          rows: items.map(contactListRow),
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.contacts.new,
      access: 'contact:write',
      audit: 'none',
      handler: async (_req, reply) => renderForm(reply, { ...(await newPage()), values: {} }),
    }),

    defineRoute({
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
    }),

    defineRoute({
      method: 'GET',
      url: paths.contacts.show(),
      access: 'contact:read',
      audit: 'contact.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const c = await s.get(req.ctx(), req.params.id);
        const may = (p: Parameters<Services['can']>[1]) => !!req.actor && services.can(req.actor, p);
        return reply.view('record/show.njk', {
          title: c.fullName,
          caption: 'External contact',
          backLink: paths.contacts.list,
          actions: [
            ...(may('contact:write') ? [{ text: 'Change details', href: paths.contacts.edit(c.id) }] : []),
            ...(may('audit:read') ? [{ text: 'Who has seen or changed this record', href: paths.audit.subject('contact', c.id) }] : []),
          ],
          summary: contactSummary(c),
          sections: [],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.contacts.edit(),
      access: 'contact:write',
      audit: 'contact.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const c = await s.get(req.ctx(), id);
        return renderForm(reply, { ...(await editPage(id)), version: c.version, values: contactFormValues(c) });
      },
    }),

    defineRoute({
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
    }),
  ];
};
