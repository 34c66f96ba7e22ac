/** Placement moves: requesting a move (planned or urgent), the decision, and the request's page. */
import type { Services } from '../../services/index.ts';
import { defineRoute } from '../../http/route.ts';
import { IdParams, PageForm } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { ValidationError } from '../../services/errors.ts';
import { handleFormPost, renderForm, versionFrom } from '../forms.ts';
import { endingMeetingFields, formFieldOfMove, moveDecisionFields, moveRequestFields, moveRequestInput, moveStatusTag, moveSummaryRows, withdrawLink } from '../presenters/moves.ts';
import { consultationsSection } from '../presenters/stability.ts';
import { askFirst, confirmed, renderConfirm } from '../confirm.ts';
import { setFlash } from '../flash.ts';

export const moveRoutes = (services: Services) => {
  const { moves: s, placements } = services;
  const requestPage = async (req: { ctx: () => Parameters<typeof placements.get>[0] }, placementId: string, urgent: boolean) => {
    const p = await placements.get(req.ctx(), placementId);
    return {
      title: urgent ? 'Request an urgent move' : 'Request a move',
      caption: `${p.child.firstName} ${p.child.lastName} with household ${p.household.reference}`,
      action: urgent ? paths.moves.urgent(placementId) : paths.moves.request(placementId),
      backLink: `${paths.placements.show(placementId)}#moves`,
      submitText: 'Send the request',
      ...(urgent ? { warning: 'An urgent move is only for an immediate safeguarding issue. The head of service authorises it once the alternative placement options are listed.' } : {}),
      fields: moveRequestFields(urgent),
    };
  };
  const requestRoutes = (urgent: boolean) => {
    const url = urgent ? paths.moves.urgent() : paths.moves.request();
    return [
      defineRoute({
        method: 'GET',
        url,
        access: 'move:request',
        audit: 'placement.viewed',
        params: IdParams,
        handler: async (req, reply) => renderForm(reply, { ...(await requestPage(req, req.params.id, urgent)), values: {} }),
      }),
      defineRoute({
        method: 'POST',
        url,
        access: 'move:request',
        audit: 'move.requested',
        params: IdParams,
        body: PageForm,
        handler: async (req, reply) =>
          handleFormPost(reply, req.body, await requestPage(req, req.params.id, urgent), async (input) => {
            try {
              const m = await s.request(req.ctx(), req.params.id, moveRequestInput(input, urgent));
              return paths.moves.show(m.id);
            } catch (err) {
              if (err instanceof ValidationError) throw new ValidationError(err.errors.map((e) => ({ ...e, field: formFieldOfMove(e.field) })));
              throw err;
            }
          }),
      }),
    ];
  };
  const decisionPage = (m: { id: string; urgent: boolean; version: number }) => ({
    title: m.urgent ? 'Record the authorisation of the urgent move' : 'Record the decision on the move',
    caption: 'Placement moves',
    action: paths.moves.decide(m.id),
    backLink: paths.moves.show(m.id),
    submitText: 'Record the decision',
    version: m.version,
    fields: moveDecisionFields(m.urgent),
  });

  const endingMeetingPage = (placementId: string) => ({
    title: 'Record a disruption (ending) meeting',
    caption: 'Placement endings',
    action: paths.moves.endingMeeting(placementId),
    backLink: `${paths.placements.show(placementId)}#ending-learning`,
    submitText: 'Record the meeting',
    fields: endingMeetingFields(),
  });

  return [
    defineRoute({
      method: 'GET',
      url: paths.moves.endingMeeting(),
      access: 'planning:write',
      audit: 'none',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...endingMeetingPage(req.params.id), values: {} }),
    }),
    defineRoute({
      method: 'POST',
      url: paths.moves.endingMeeting(),
      access: 'planning:write',
      audit: 'ending-meeting.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, endingMeetingPage(req.params.id), async (input) => {
          await s.recordEndingMeeting(req.ctx(), req.params.id, input);
          return `${paths.placements.show(req.params.id)}#ending-learning`;
        }),
    }),
    ...requestRoutes(false),
    ...requestRoutes(true),

    defineRoute({
      method: 'GET',
      url: paths.moves.show(),
      access: 'placement:read',
      audit: 'move.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const m = await s.get(req.ctx(), req.params.id);
        const canDecide = !!req.actor && services.can(req.actor, 'move:decide');
        const canRequest = !!req.actor && services.can(req.actor, 'move:request');
        const waiting = m.status === 'requested';
        return reply.view('record/show.njk', {
          title: m.urgent ? 'Urgent move request' : 'Move request',
          caption: 'Placement moves',
          tag: moveStatusTag(m),
          backLink: `${paths.placements.show(m.placementId)}#moves`,
          actions: [
            ...(waiting && canDecide ? [{ text: m.urgent ? 'Record the authorisation' : 'Record the decision', href: paths.moves.decide(m.id) }] : []),
            { text: 'View the placement', href: paths.placements.show(m.placementId) },
          ],
          summary: moveSummaryRows(m),
          sections: [
            consultationsSection(m.childId, await services.stability.consultationsOf(req.ctx(), m.childId), { canRecord: !!req.actor && services.can(req.actor, 'consultation:record') }),
            ...(waiting && canRequest ? [{ id: 'withdraw', title: 'Withdraw', summary: [{ key: { text: 'The child stays' }, value: { parts: [withdrawLink(m)] } }] }] : []),
          ],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.moves.decide(),
      access: 'move:decide',
      audit: 'move.viewed',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...decisionPage(await s.get(req.ctx(), req.params.id)), values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.moves.decide(),
      access: 'move:decide',
      audit: 'move.decided',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const m = await s.get(req.ctx(), req.params.id);
        return handleFormPost(reply, req.body, decisionPage(m), async (input) => {
          await s.decide(req.ctx(), m.id, versionFrom(req.body), input);
          return paths.moves.show(m.id);
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.moves.withdraw(),
      access: 'move:request',
      audit: 'move.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const m = await s.get(req.ctx(), req.params.id);
        if (m.status !== 'requested') return reply.redirect(paths.moves.show(m.id), 303);
        return renderConfirm(reply, {
          title: 'Are you sure you want to withdraw this move request?',
          caption: m.urgent ? 'Urgent move request' : 'Move request',
          rows: moveSummaryRows(m).slice(0, 3),
          warning: 'The request will no longer wait for a decision, and the child stays where they are. To ask again, make a new move request.',
          action: paths.moves.withdraw(m.id),
          confirmText: 'Yes, withdraw the request',
          cancelHref: paths.moves.show(m.id),
          version: m.version,
        });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.moves.withdraw(),
      access: 'move:request',
      audit: 'move.withdrawn',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        if (!confirmed(req.body)) return askFirst(req, reply, paths.moves.withdraw(req.params.id));
        // The version the confirmation page showed: a request changed since (decided, say) is not withdrawn unseen.
        await s.withdraw(req.ctx(), req.params.id, versionFrom(req.body));
        const m = await s.get(req.ctx(), req.params.id);
        setFlash(req, 'The move request has been withdrawn: the child stays');
        return reply.redirect(paths.moves.show(m.id), 303);
      },
    }),
  ];
};
