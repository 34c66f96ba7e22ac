/** Placement stability: recording a concern about a placement (the meetings are planning records: ./planning.ts). */
import type { Services } from '../../services/index.ts';
import { defineRoute } from '../../http/route.ts';
import { IdParams, PageForm } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { handleFormPost, renderForm } from '../forms.ts';
import { concernFields, consultationFields } from '../presenters/stability.ts';

export const stabilityRoutes = ({ stability: s, organisations }: Services) => {
  const consultationPage = async (childId: string) => ({
    title: 'Record a consultation with the Virtual School',
    caption: 'Placement stability',
    action: paths.stability.newConsultation(childId),
    backLink: `${paths.children.show(childId)}#virtual-school`,
    submitText: 'Record the consultation',
    fields: consultationFields(await organisations.virtualSchools()),
  });
  const page = (placementId: string) => ({
    title: 'Record a concern about the placement',
    caption: 'Placement stability',
    action: paths.stability.newConcern(placementId),
    backLink: `${paths.placements.show(placementId)}#stability`,
    submitText: 'Record the concern',
    fields: concernFields(),
  });
  return [
    defineRoute({
      method: 'GET',
      url: paths.stability.newConcern(),
      access: 'concern:record',
      audit: 'none',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...page(req.params.id), values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.stability.newConcern(),
      access: 'concern:record',
      audit: 'concern.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, page(req.params.id), async (input) => {
          await s.recordConcern(req.ctx(), req.params.id, input);
          return `${paths.placements.show(req.params.id)}#stability`;
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.stability.newConsultation(),
      access: 'consultation:record',
      audit: 'none',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...(await consultationPage(req.params.id)), values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.stability.newConsultation(),
      access: 'consultation:record',
      audit: 'consultation.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, await consultationPage(req.params.id), async (input) => {
          await s.recordConsultation(req.ctx(), req.params.id, input);
          return `${paths.children.show(req.params.id)}#virtual-school`;
        }),
    }),
  ];
};
