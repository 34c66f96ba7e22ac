import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import { isRole, ROLE_LABELS } from '../../domain/access/index.ts';
import { MIN_PASSWORD } from '../../domain/records/user.ts';
import { route } from '../../http/route.ts';
import { PageForm, IdParams, isUuid } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { link } from '../html.ts';
import { formToInput, handleFormPost, itemsFrom, renderForm, versionFrom, type Field } from '../forms.ts';
import { queryString } from '../../http/query.ts';

const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];
const roleLabel = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);

export function userRoutes(app: FastifyInstance, services: Services) {
  const s = services.users;

  /** The form's fields with today's organisations, teams and possible line managers. */
  async function userFields(opts: { withPassword: boolean; exceptId?: string }): Promise<Field[]> {
    const [orgs, teams, managers] = await Promise.all([services.organisations.options(), services.organisations.teamOptions(), s.options()]);
    const fields: Field[] = [
      { name: 'fullName', label: 'Full name', autocomplete: 'off' },
      { name: 'email', label: 'Email address', inputType: 'email', autocomplete: 'off', hint: 'Also the sign-in name' },
      { name: 'role', label: 'Role', type: 'select', items: itemsFrom(ROLE_LABELS, false) },
      { name: 'organisationId', label: 'Organisation', type: 'select', items: orgs.map((o) => ({ value: o.id, text: o.name })) },
      { name: 'teamId', label: 'Team', type: 'select', hint: 'The team must be in the organisation above', items: teams.map((t) => ({ value: t.id, text: `${t.organisationName} – ${t.name}` })) },
      {
        name: 'lineManagerId',
        label: 'Line manager (optional)',
        type: 'select',
        placeholder: 'No line manager',
        items: managers.filter((m) => m.id !== opts.exceptId).map((m) => ({ value: m.id, text: `${m.fullName} (${ROLE_LABELS[m.role]})` })),
      },
      {
        name: 'sweNumber',
        label: 'Social Work England registration number (optional)',
        hint: 'Registered social workers only: SW followed by digits, like SW123456. The SSDA903 return identifies a child’s social worker by it',
        classes: 'govuk-input--width-10',
        autocomplete: 'off',
      },
      { name: 'active', label: 'Can this person sign in and be assigned work?', type: 'radios', items: YES_NO, classes: 'govuk-radios--inline' },
    ];
    if (opts.withPassword) {
      fields.push({
        name: 'password',
        label: 'First password (optional)',
        inputType: 'password',
        autocomplete: 'new-password',
        hint: `At least ${MIN_PASSWORD} characters. Leave blank if the person will be given a password later.`,
      });
    }
    return fields;
  }

  function filtersFrom(req: FastifyRequest) {
    const q = queryString(req.query, 'q');
    const roleParam = queryString(req.query, 'role');
    const teamParam = queryString(req.query, 'teamId');
    const orgParam = queryString(req.query, 'organisationId');
    const activeParam = queryString(req.query, 'active');
    return {
      values: { q, role: roleParam, teamId: teamParam, organisationId: orgParam, active: activeParam },
      filter: {
        q,
        role: roleParam && isRole(roleParam) ? roleParam : undefined,
        teamId: isUuid(teamParam) ? teamParam : undefined,
        organisationId: isUuid(orgParam) ? orgParam : undefined,
        active: activeParam === 'yes' ? true : activeParam === 'no' ? false : undefined,
      },
    };
  }

  route(app, {
    method: 'GET',
    url: paths.users.list,
    access: 'user:read',
    audit: 'user.listed',
    handler: async (req, reply) => {
      const { values, filter } = filtersFrom(req);
      const [{ items, truncated }, orgs, teams] = await Promise.all([s.list(req.ctx(), filter), services.organisations.options(), services.organisations.teamOptions()]);
      return reply.view('record/list.njk', {
        title: 'Staff',
        noun: 'member of staff',
        nounPlural: 'members of staff',
        newLink: req.actor && services.can(req.actor, 'user:manage') ? { text: 'Add a member of staff', href: paths.users.new } : undefined,
        filters: [
          { name: 'q', label: 'Name or email address' },
          { name: 'role', label: 'Role', type: 'select', placeholder: 'Any', items: itemsFrom(ROLE_LABELS, false) },
          { name: 'organisationId', label: 'Organisation', type: 'select', placeholder: 'Any', items: orgs.map((o) => ({ value: o.id, text: o.name })) },
          { name: 'teamId', label: 'Team', type: 'select', placeholder: 'Any', items: teams.map((t) => ({ value: t.id, text: `${t.organisationName} – ${t.name}` })) },
          { name: 'active', label: 'Active', type: 'select', placeholder: 'Any', items: YES_NO },
        ],
        filterValues: values,
        count: items.length,
        truncated,
        head: [{ text: 'Name' }, { text: 'Role' }, { text: 'Team' }, { text: 'Organisation' }, { text: 'Line manager' }, { text: 'Active' }],
        rows: items.map((u) => [
          { html: link(paths.users.show(u.id), u.fullName) },
          { text: ROLE_LABELS[u.role] },
          { text: u.teamName ?? '' },
          { text: u.organisationName },
          u.lineManagerId && u.lineManagerName ? { html: link(paths.users.show(u.lineManagerId), u.lineManagerName) } : { text: '' },
          { text: u.active ? 'Yes' : 'No' },
        ]),
      });
    },
  });

  const newPage = async () => ({ title: 'Add a member of staff', action: paths.users.new, backLink: paths.users.list, fields: await userFields({ withPassword: true }) });

  route(app, {
    method: 'GET',
    url: paths.users.new,
    access: 'user:manage',
    audit: 'none',
    handler: async (_req, reply) => renderForm(reply, { ...(await newPage()), values: { active: 'yes' } }),
  });

  route(app, {
    method: 'POST',
    url: paths.users.new,
    access: 'user:manage',
    audit: 'user.created',
    body: PageForm,
    handler: async (req, reply) => {
      const page = await newPage();
      // The password is read from the post but never put back into a re-displayed form.
      const input = formToInput(req.body, page.fields);
      const { password: _password, ...withoutPassword } = req.body ?? {};
      return handleFormPost(reply, withoutPassword, page, async () => {
        const u = await s.create(req.ctx(), input);
        return paths.users.show(u.id);
      });
    },
  });

  route(app, {
    method: 'GET',
    url: paths.users.show(),
    access: 'user:read',
    audit: 'user.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const u = await s.get(req.ctx(), id);
      const actions = [];
      if (req.actor && services.can(req.actor, 'user:manage')) actions.push({ text: 'Change details', href: paths.users.edit(u.id) });
      if (req.actor && services.can(req.actor, 'audit:read')) actions.push({ text: 'Who has seen or changed this record', href: paths.audit.subject('user', u.id) });
      return reply.view('record/show.njk', {
        title: u.fullName,
        caption: ROLE_LABELS[u.role],
        tag: u.active ? undefined : { text: 'Inactive', classes: 'govuk-tag--grey' },
        backLink: paths.users.list,
        actions,
        summary: [
          { key: { text: 'Full name' }, value: { text: u.fullName } },
          { key: { text: 'Email address' }, value: { text: u.email } },
          { key: { text: 'Role' }, value: { text: ROLE_LABELS[u.role] } },
          { key: { text: 'Organisation' }, value: { html: link(paths.organisations.show(u.organisationId), u.organisationName) } },
          { key: { text: 'Team' }, value: { text: u.teamName ?? 'Not recorded' } },
          {
            key: { text: 'Line manager' },
            value: u.lineManagerId && u.lineManagerName ? { html: link(paths.users.show(u.lineManagerId), u.lineManagerName) } : { text: 'None recorded' },
          },
          { key: { text: 'Social Work England number' }, value: { text: u.sweNumber ?? 'Not recorded' } },
          { key: { text: 'Active' }, value: { text: u.active ? 'Yes' : 'No' } },
        ],
        sections: [
          {
            id: 'reports',
            title: 'People they line-manage',
            table: {
              head: [{ text: 'Name' }, { text: 'Role' }, { text: 'Active' }],
              rows: u.reports.map((r) => [{ html: link(paths.users.show(r.id), r.fullName) }, { text: roleLabel(r.role) }, { text: r.active ? 'Yes' : 'No' }]),
            },
            empty: 'Nobody has this person as their line manager.',
          },
        ],
      });
    },
  });

  const editPage = async (id: string) => ({
    title: 'Change staff details',
    action: paths.users.edit(id),
    backLink: paths.users.show(id),
    fields: await userFields({ withPassword: false, exceptId: id }),
  });

  route(app, {
    method: 'GET',
    url: paths.users.edit(),
    access: 'user:manage',
    audit: 'user.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const u = await s.get(req.ctx(), id);
      const page = await editPage(id);
      // An inactive line manager stays selectable for the person who already has them.
      const managerField = page.fields.find((f) => f.name === 'lineManagerId');
      if (managerField && u.lineManagerId && u.lineManagerName && !managerField.items?.some((i) => i.value === u.lineManagerId)) {
        managerField.items = [...(managerField.items ?? []), { value: u.lineManagerId, text: `${u.lineManagerName} (inactive)` }];
      }
      return renderForm(reply, {
        ...page,
        version: u.version,
        values: { fullName: u.fullName, email: u.email, role: u.role, organisationId: u.organisationId, teamId: u.teamId, lineManagerId: u.lineManagerId, sweNumber: u.sweNumber ?? '', active: u.active ? 'yes' : 'no' },
      });
    },
  });

  route(app, {
    method: 'POST',
    url: paths.users.edit(),
    access: 'user:manage',
    audit: 'user.updated',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const version = versionFrom(req.body);
      return handleFormPost(reply, req.body, { ...(await editPage(id)), version }, async (input) => {
        await s.update(req.ctx(), id, version, input);
        return paths.users.show(id);
      });
    },
  });
}
