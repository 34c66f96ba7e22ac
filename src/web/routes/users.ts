/** Staff: the list, a person's page, and the add and change forms. */
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import { isRole, ROLE_LABELS } from '../../domain/access/index.ts';
import { defineRoute } from '../../http/route.ts';
import { PageForm, IdParams, isUuid } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { formToInput, handleFormPost, renderForm, versionFrom } from '../forms.ts';
import { queryString } from '../../http/query.ts';
import { caseloadTables, reportsTable, userEditFields, userFields, userFormValues, userListFilters, userListHead, userListRow, userSummary, userTag } from '../presenters/users.ts';

/** The list's filters as asked (to show again) and as the service takes them. */
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

export const userRoutes = (services: Services) => {
  const s = services.users;

  /** Today's organisations, teams and possible line managers. */
  const fieldOptions = async () => {
    const [organisations, teams, managers] = await Promise.all([services.organisations.options(), services.organisations.teamOptions(), s.options()]);
    return { organisations, teams, managers };
  };
  const newPage = async () => ({ title: 'Add a member of staff', action: paths.users.new, backLink: paths.users.list, fields: userFields(await fieldOptions(), { withPassword: true }) });
  const editPage = (id: string) => ({ title: 'Change staff details', action: paths.users.edit(id), backLink: paths.users.show(id) });

  return [
    defineRoute({
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
          filters: userListFilters(orgs, teams),
          filterValues: values,
          count: items.length,
          truncated,
          head: userListHead,
          rows: items.map(userListRow),
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.users.new,
      access: 'user:manage',
      audit: 'none',
      handler: async (_req, reply) => renderForm(reply, { ...(await newPage()), values: { active: 'yes' } }),
    }),

    defineRoute({
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
    }),

    defineRoute({
      method: 'GET',
      url: paths.users.show(),
      access: 'user:read',
      audit: 'user.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const u = await s.get(req.ctx(), req.params.id);
        const caseload = caseloadTables(await s.caseload(req.ctx(), u.id));
        const may = (p: Parameters<Services['can']>[1]) => !!req.actor && services.can(req.actor, p);
        return reply.view('record/show.njk', {
          title: u.fullName,
          caption: ROLE_LABELS[u.role],
          tag: userTag(u),
          backLink: paths.users.list,
          actions: [
            ...(may('user:manage') ? [{ text: 'Change details', href: paths.users.edit(u.id) }] : []),
            ...(may('user:manage') && u.id !== req.actor?.userId && (await services.auth.twoFactorEnrolled(u.id)) ? [{ text: 'Reset two-factor sign-in', href: paths.users.resetTwoFactor(u.id) }] : []),
            ...(may('obligation:dashboard') ? [{ text: 'Their overdue obligations', href: paths.obligations.worker(u.id) }] : []),
            ...(may('audit:read') ? [{ text: 'Who has seen or changed this record', href: paths.audit.subject('user', u.id) }] : []),
          ],
          summary: userSummary(u),
          sections: [
            { id: 'reports', title: 'People they line-manage', table: reportsTable(u.reports), empty: 'Nobody has this person as their line manager.' },
            { id: 'caseload-children', title: 'Children in care allocated to them', table: caseload.children, empty: 'No child in care is allocated to them.' },
            { id: 'caseload-households', title: 'Households they supervise', table: caseload.households, empty: 'They supervise no household.' },
          ],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.users.edit(),
      access: 'user:manage',
      audit: 'user.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const u = await s.get(req.ctx(), id);
        return renderForm(reply, { ...editPage(id), fields: userEditFields(await fieldOptions(), u), version: u.version, values: userFormValues(u) });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.users.edit(),
      access: 'user:manage',
      audit: 'user.updated',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const version = versionFrom(req.body);
        const fields = userFields(await fieldOptions(), { withPassword: false, exceptId: id });
        return handleFormPost(reply, req.body, { ...editPage(id), fields, version }, async (input) => {
          await s.update(req.ctx(), id, version, input);
          return paths.users.show(id);
        });
      },
    }),
  ];
};
