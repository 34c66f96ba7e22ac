/** Organisations: the list, an organisation's page, and the add and change forms. */
import type { Services } from '../../services/index.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../domain/records/organisation.ts';
import { defineRoute } from '../../http/route.ts';
import { PageForm, IdParams } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { handleFormPost, renderForm, versionFrom } from '../forms.ts';
import { queryString } from '../../http/query.ts';
import { organisationFields, organisationFormValues, organisationListFilters, organisationListHead, organisationListRow, organisationSummary, teamsTable } from '../presenters/organisations.ts';

const newPage = { title: 'Add an organisation', action: paths.organisations.new, backLink: paths.organisations.list, fields: organisationFields };
const editPage = (id: string) => ({ title: 'Change organisation details', action: paths.organisations.edit(id), backLink: paths.organisations.show(id), fields: organisationFields });

export const organisationRoutes = (services: Services) => {
  const s = services.organisations;
  return [
    defineRoute({
      method: 'GET',
      url: paths.organisations.list,
      access: 'organisation:read',
      audit: 'organisation.listed',
      handler: async (req, reply) => {
        const q = queryString(req.query, 'q');
        const kindParam = queryString(req.query, 'kind');
        const kind = kindParam && kindParam in ORGANISATION_KINDS ? (kindParam as OrganisationKind) : undefined;
        const rows = await s.list(req.ctx(), { q, kind });
        return reply.view('record/list.njk', {
          title: 'Organisations',
          noun: 'organisation',
          nounPlural: 'organisations',
          newLink: req.actor && services.can(req.actor, 'organisation:write') ? { text: 'Add an organisation', href: paths.organisations.new } : undefined,
          filters: organisationListFilters,
          filterValues: { q, kind },
          count: rows.length,
          head: organisationListHead,
          rows: rows.map(organisationListRow),
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.organisations.new,
      access: 'organisation:write',
      audit: 'none',
      handler: async (_req, reply) => renderForm(reply, { ...newPage, values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.organisations.new,
      access: 'organisation:write',
      audit: 'organisation.created',
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, newPage, async (input) => {
          const o = await s.create(req.ctx(), input);
          return paths.organisations.show(o.id);
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.organisations.show(),
      access: 'organisation:read',
      audit: 'organisation.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const o = await s.get(req.ctx(), req.params.id);
        return reply.view('record/show.njk', {
          title: o.name,
          caption: ORGANISATION_KINDS[o.kind],
          backLink: paths.organisations.list,
          actions: req.actor && services.can(req.actor, 'organisation:write') ? [{ text: 'Change details', href: paths.organisations.edit(o.id) }] : [],
          summary: organisationSummary(o),
          sections: [{ id: 'teams', title: 'Teams', table: teamsTable(o.teams), empty: 'No teams.' }],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.organisations.edit(),
      access: 'organisation:write',
      audit: 'organisation.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const o = await s.get(req.ctx(), id);
        return renderForm(reply, { ...editPage(id), version: o.version, values: organisationFormValues(o) });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.organisations.edit(),
      access: 'organisation:write',
      audit: 'organisation.updated',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const version = versionFrom(req.body);
        return handleFormPost(reply, req.body, { ...editPage(id), version }, async (input) => {
          await s.update(req.ctx(), id, version, input);
          return paths.organisations.show(id);
        });
      },
    }),
  ];
};
