import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { AGENCY_PROVIDER_CODES, ORGANISATION_KINDS, type OrganisationKind } from '../../domain/records/organisation.ts';
import { route } from '../../http/route.ts';
import { PageForm, IdParams } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { link } from '../html.ts';
import { handleFormPost, itemsFrom, renderForm, versionFrom, type Field } from '../forms.ts';
import { queryString } from '../../http/query.ts';

export const organisationFields: Field[] = [
  { name: 'kind', label: 'Kind of organisation', type: 'radios', items: itemsFrom(ORGANISATION_KINDS, false) },
  { name: 'name', label: 'Name' },
  { name: 'laCode', label: 'DfE LA code', hint: 'Local authorities only: three digits, for example 202', classes: 'govuk-input--width-3', inputmode: 'numeric' },
  { name: 'ofstedUrn', label: 'Ofsted URN (optional)', classes: 'govuk-input--width-10' },
  {
    name: 'providerCode',
    label: 'Placement provider for the SSDA903 return (fostering agencies only)',
    hint: "Whether the agency is a private (PR4) or a voluntary or third sector (PR5) provider. Placements with the agency's carers are reported with this code unless the placement says otherwise. Leave blank for a local authority",
    type: 'select',
    placeholder: 'Not recorded',
    items: itemsFrom(AGENCY_PROVIDER_CODES),
  },
];

export function organisationRoutes(app: FastifyInstance, services: Services) {
  const s = services.organisations;

  route(app, {
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
        filters: [
          { name: 'q', label: 'Name or LA code' },
          { name: 'kind', label: 'Kind', type: 'select', placeholder: 'Any', items: itemsFrom(ORGANISATION_KINDS, false) },
        ],
        filterValues: { q, kind },
        count: rows.length,
        head: [{ text: 'Name' }, { text: 'Kind' }, { text: 'LA code' }],
        rows: rows.map((o) => [
          { html: link(paths.organisations.show(o.id), o.name) },
          { text: ORGANISATION_KINDS[o.kind] },
          { text: o.laCode ?? '' },
        ]),
      });
    },
  });

  route(app, {
    method: 'GET',
    url: paths.organisations.new,
    access: 'organisation:write',
    audit: 'none',
    handler: async (_req, reply) =>
      renderForm(reply, { title: 'Add an organisation', action: paths.organisations.new, backLink: paths.organisations.list, fields: organisationFields, values: {} }),
  });

  route(app, {
    method: 'POST',
    url: paths.organisations.new,
    access: 'organisation:write',
    audit: 'organisation.created',
    body: PageForm,
    handler: async (req, reply) =>
      handleFormPost(reply, req.body, { title: 'Add an organisation', action: paths.organisations.new, backLink: paths.organisations.list, fields: organisationFields }, async (input) => {
        const o = await s.create(req.ctx(), input);
        return paths.organisations.show(o.id);
      }),
  });

  route(app, {
    method: 'GET',
    url: paths.organisations.show(),
    access: 'organisation:read',
    audit: 'organisation.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const o = await s.get(req.ctx(), id);
      return reply.view('record/show.njk', {
        title: o.name,
        caption: ORGANISATION_KINDS[o.kind],
        backLink: paths.organisations.list,
        actions: req.actor && services.can(req.actor, 'organisation:write') ? [{ text: 'Change details', href: paths.organisations.edit(o.id) }] : [],
        summary: [
          { key: { text: 'Kind' }, value: { text: ORGANISATION_KINDS[o.kind] } },
          { key: { text: 'DfE LA code' }, value: { text: o.laCode ?? 'Not applicable' } },
          { key: { text: 'Ofsted URN' }, value: { text: o.ofstedUrn ?? 'Not recorded' } },
          ...(o.kind === 'fostering_agency'
            ? [{ key: { text: 'Placement provider (SSDA903)' }, value: { text: o.providerCode && o.providerCode in AGENCY_PROVIDER_CODES ? `${AGENCY_PROVIDER_CODES[o.providerCode as keyof typeof AGENCY_PROVIDER_CODES]} (${o.providerCode})` : 'Not recorded' } }]
            : []),
        ],
        sections: [
          { id: 'teams', title: 'Teams', table: { head: [{ text: 'Team' }], rows: o.teams.map((t) => [{ text: t.name }]) }, empty: 'No teams.' },
        ],
      });
    },
  });

  const editPage = (id: string) => ({
    title: 'Change organisation details',
    action: paths.organisations.edit(id),
    backLink: paths.organisations.show(id),
    fields: organisationFields,
  });

  route(app, {
    method: 'GET',
    url: paths.organisations.edit(),
    access: 'organisation:write',
    audit: 'organisation.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const o = await s.get(req.ctx(), id);
      return renderForm(reply, { ...editPage(id), version: o.version, values: { kind: o.kind, name: o.name, laCode: o.laCode, ofstedUrn: o.ofstedUrn, providerCode: o.providerCode ?? '' } });
    },
  });

  route(app, {
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
  });
}
