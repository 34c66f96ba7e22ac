/** The Placement Stability Panel: referrals, sittings with their agenda, and the panel's decisions. */
import type { Services } from '../../services/index.ts';
import { defineRoute } from '../../http/route.ts';
import { IdParams, PageForm } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { kindSlug } from '../../http/planning.ts';
import { ValidationError } from '../../services/errors.ts';
import { handleFormPost, renderForm, versionFrom } from '../forms.ts';
import { formatDate } from '../presenters/common.ts';
import { decisionFields, decisionInput, formFieldOfDecision, referralFields, referralSummary, referralTag, referralsTable, sittingFields, sittingsTable, tasksTable } from '../presenters/stability-panel.ts';

export const panelRoutes = (services: Services) => {
  const { panel: s } = services;
  const referPage = (placementId: string) => ({
    title: 'Refer to the Placement Stability Panel',
    caption: 'Placement stability',
    action: paths.panel.refer(placementId),
    backLink: `${paths.placements.show(placementId)}#stability-panel`,
    submitText: 'Refer the case',
    fields: referralFields(),
  });
  const sittingPage = async (req: { ctx: () => Parameters<typeof s.referrals>[0] }) => ({
    title: 'Record a sitting of the Placement Stability Panel',
    caption: 'Placement Stability Panel',
    action: paths.panel.newSitting,
    backLink: paths.panel.home,
    submitText: 'Record the sitting',
    fields: sittingFields(await s.referrals(req.ctx(), { status: 'referred' })),
  });
  const decisionPage = async (r: { id: string; version: number; child: { firstName: string; lastName: string } }) => ({
    title: "Record the panel's decision",
    caption: `${r.child.firstName} ${r.child.lastName}`,
    action: paths.panel.decide(r.id),
    backLink: paths.panel.referral(r.id),
    submitText: 'Record the decision',
    version: r.version,
    fields: decisionFields(await services.users.options()),
  });

  return [
    defineRoute({
      method: 'GET',
      url: paths.panel.home,
      access: 'placement:read',
      audit: 'panel.listed',
      handler: async (req, reply) => {
        const all = await s.referrals(req.ctx());
        const canManage = !!req.actor && services.can(req.actor, 'panel:manage');
        return reply.view('record/show.njk', {
          title: 'Placement Stability Panel',
          actions: canManage ? [{ text: 'Record a sitting', href: paths.panel.newSitting }] : [],
          summary: [],
          sections: [
            {
              id: 'waiting',
              title: 'Cases waiting for a sitting',
              table: referralsTable(all.filter((r) => r.status === 'referred')),
              empty: 'No cases waiting.',
              text: 'A child’s case is presented at the Placement Stability Panel if escalation is required to access a service which is considered essential to achieve stability (Placement stability guidance). Refer a case from its placement’s page.',
            },
            { id: 'on-agenda', title: 'Cases on an agenda', table: referralsTable(all.filter((r) => r.status === 'on_agenda')), empty: 'No cases on an agenda.' },
            { id: 'decided', title: 'Decided', table: referralsTable(all.filter((r) => r.status === 'decided')), empty: 'No decisions yet.' },
            { id: 'sittings', title: 'Sittings', table: sittingsTable(await s.sittings(req.ctx())), empty: 'No sittings recorded.' },
          ],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.panel.refer(),
      access: 'panel:refer',
      audit: 'none',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...referPage(req.params.id), values: {} }),
    }),
    defineRoute({
      method: 'POST',
      url: paths.panel.refer(),
      access: 'panel:refer',
      audit: 'panel.referred',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, referPage(req.params.id), async (input) => {
          const r = await s.refer(req.ctx(), req.params.id, input);
          return paths.panel.referral(r.id);
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.panel.newSitting,
      access: 'panel:manage',
      audit: 'panel.listed',
      handler: async (req, reply) => renderForm(reply, { ...(await sittingPage(req)), values: {} }),
    }),
    defineRoute({
      method: 'POST',
      url: paths.panel.newSitting,
      access: 'panel:manage',
      audit: 'panel.sitting.recorded',
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, await sittingPage(req), async (input) => {
          const sitting = await s.recordSitting(req.ctx(), input);
          return paths.panel.sitting(sitting.id);
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.panel.sitting(),
      access: 'placement:read',
      audit: 'panel.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const sitting = await s.sitting(req.ctx(), req.params.id);
        return reply.view('record/show.njk', {
          title: 'Placement Stability Panel sitting',
          caption: 'Placement Stability Panel',
          backLink: paths.panel.home,
          summary: [
            { key: { text: 'Date' }, value: { text: formatDate(sitting.sitsOn) } },
            { key: { text: 'Members' }, value: { text: sitting.members } },
            { key: { text: 'Virtual School' }, value: { text: sitting.virtualSchoolAttendee } },
          ],
          sections: [{ id: 'agenda', title: 'Agenda', table: referralsTable(sitting.agenda), empty: 'No cases.' }],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.panel.referral(),
      access: 'placement:read',
      audit: 'panel.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const r = await s.referral(req.ctx(), req.params.id);
        const canManage = !!req.actor && services.can(req.actor, 'panel:manage');
        return reply.view('record/show.njk', {
          title: 'Placement Stability Panel referral',
          caption: `${r.child.firstName} ${r.child.lastName}`,
          tag: referralTag(r.status),
          backLink: paths.panel.home,
          actions: canManage && r.status === 'on_agenda' ? [{ text: "Record the panel's decision", href: paths.panel.decide(r.id) }] : [],
          summary: referralSummary(r, { supportPlanHref: r.supportPlanVersionId ? paths.planning.record(r.placementId, kindSlug('support_plan')) : null }),
          sections: r.status === 'decided' ? [{ id: 'actions', title: 'Actions', table: tasksTable(r.tasks), empty: 'No actions.' }] : [],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.panel.decide(),
      access: 'panel:manage',
      audit: 'panel.viewed',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...(await decisionPage(await s.referral(req.ctx(), req.params.id))), values: {} }),
    }),
    defineRoute({
      method: 'POST',
      url: paths.panel.decide(),
      access: 'panel:manage',
      audit: 'panel.decided',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const r = await s.referral(req.ctx(), req.params.id);
        return handleFormPost(reply, req.body, await decisionPage(r), async (input) => {
          try {
            await s.decide(req.ctx(), r.id, versionFrom(req.body), decisionInput(input));
          } catch (err) {
            if (err instanceof ValidationError) throw new ValidationError(err.errors.map((e) => ({ ...e, field: formFieldOfDecision(e.field) })));
            throw err;
          }
          return paths.panel.referral(r.id);
        });
      },
    }),
  ];
};
