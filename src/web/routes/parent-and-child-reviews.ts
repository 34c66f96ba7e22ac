/** Parent and child fostering: the assessment page of a placement, and recording carers' reports, reviews and the outcome. */
import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import type { Ctx } from '../../services/context.ts';
import { defineRoute } from '../../http/route.ts';
import { IdParams, PageForm, Uuid } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { ValidationError } from '../../services/errors.ts';
import { handleFormPost, renderForm, versionFrom } from '../forms.ts';
import {
  READ_FIELDS,
  assessmentSummary,
  outcomeFields,
  outcomeSummary,
  reportFields,
  reportsTable,
  reviewErrorField,
  reviewFields,
  reviewInputFrom,
  reviewsTable,
} from '../presenters/parent-and-child-reviews.ts';

const ReportParams = z.object({ id: Uuid, reportId: Uuid });

export const parentAndChildReviewRoutes = (services: Services) => {
  const s = services.parentAndChildReviews;
  const back = (id: string) => paths.parentAndChildAssessment.show(id);
  const caption = (a: Awaited<ReturnType<typeof s.get>>) => `${a.placement.childFirstName} ${a.placement.childLastName} with household ${a.placement.householdReference}`;

  const reportPage = async (ctx: Ctx, id: string) => {
    const a = await s.get(ctx, id);
    return {
      page: { title: "Record a carers' report received", caption: caption(a), action: paths.parentAndChildAssessment.newReport(id), backLink: back(id), submitText: 'Record the report', fields: reportFields() },
      a,
    };
  };
  const reviewPage = async (ctx: Ctx, id: string) => {
    const a = await s.get(ctx, id);
    return {
      page: { title: 'Record a placement review', caption: caption(a), action: paths.parentAndChildAssessment.newReview(id), backLink: back(id), submitText: 'Record the review', fields: reviewFields(a) },
      a,
    };
  };
  const outcomePage = async (ctx: Ctx, id: string) => {
    const a = await s.get(ctx, id);
    return { title: 'Record the outcome of the placement', caption: caption(a), action: paths.parentAndChildAssessment.newOutcome(id), backLink: back(id), submitText: 'Record the outcome', fields: outcomeFields() };
  };
  const icoPage = async (ctx: Ctx, id: string) => {
    const a = await s.get(ctx, id);
    return {
      title: 'Record the interim care order granted',
      caption: caption(a),
      action: paths.parentAndChildAssessment.interimCareOrder(id),
      backLink: back(id),
      submitText: 'Record the order',
      fields: [{ name: 'interimCareOrderOn', label: 'The day the interim care order was granted', type: 'date' as const, hint: 'The child becomes looked after under it (legal status C1) from that day, and a placement request starts' }],
    };
  };
  const readPage = async (ctx: Ctx, id: string, reportId: string) => {
    const a = await s.get(ctx, id);
    const r = a.reports.find((x) => x.id === reportId);
    if (!r) throw new ValidationError([{ field: 'form', message: 'There is no such report on this placement' }]);
    return {
      page: { title: "Record a carers' report as read", caption: caption(a), action: paths.parentAndChildAssessment.readReport(id, reportId), backLink: back(id), submitText: 'Record as read', fields: READ_FIELDS, version: r.version },
      report: r,
    };
  };

  return [
    defineRoute({
      method: 'GET',
      url: paths.parentAndChildAssessment.show(),
      access: 'placement:read',
      audit: 'parent-and-child.assessment.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const id = req.params.id;
        const a = await s.get(req.ctx(), id);
        const can = (p: Parameters<typeof services.can>[1]) => !!req.actor && services.can(req.actor, p);
        const canRead = !!req.actor && ['social_worker', 'team_manager', 'head_of_service'].includes(req.actor.role);
        const open = a.outcome === null;
        return reply.view('record/show.njk', {
          title: 'Parent-and-child assessment',
          caption: caption(a),
          backLink: paths.placements.show(id),
          actions: [
            ...(open && can('planning:write') ? [{ text: "Record a carers' report", href: paths.parentAndChildAssessment.newReport(id) }, { text: 'Record a review', href: paths.parentAndChildAssessment.newReview(id) }] : []),
            ...(open && can('child:legal-status:write') ? [{ text: 'Record the outcome', href: paths.parentAndChildAssessment.newOutcome(id) }] : []),
            ...(a.outcome?.details.childRoute === 'court_order' && !a.outcome.details.interimCareOrderOn && can('child:legal-status:write')
              ? [{ text: 'Record the interim care order granted', href: paths.parentAndChildAssessment.interimCareOrder(id) }]
              : []),
          ],
          summary: assessmentSummary(a),
          sections: [
            { id: 'plan', title: 'The placement plan', text: 'The plan sets the purpose, the skills and capabilities, the carers’ remit and reporting schedule and the agreements on conduct (Parent and child fostering procedure, 5.1 and 5.4).', more: { href: paths.planning.record(id, 'placement-plan'), text: 'Open the placement plan' } },
            { id: 'reports', title: "Carers' reports", table: reportsTable(a, { canRead }), empty: 'No reports received yet.' },
            { id: 'reviews', title: 'Reviews', table: reviewsTable(a), empty: 'No reviews recorded yet.' },
            { id: 'outcome', title: 'Outcome', ...(a.outcome ? { summary: outcomeSummary(a) } : { text: 'Not recorded yet.' }) },
          ],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChildAssessment.newReport(),
      access: 'planning:write',
      audit: 'parent-and-child.assessment.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { page, a } = await reportPage(req.ctx(), req.params.id);
        const due = a.nextReportDue?.split('-');
        return renderForm(reply, { ...page, values: due ? { 'dueOn-year': due[0], 'dueOn-month': due[1], 'dueOn-day': due[2] } : {} });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.parentAndChildAssessment.newReport(),
      access: 'planning:write',
      audit: 'parent-and-child.report.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const { page } = await reportPage(req.ctx(), req.params.id);
        return handleFormPost(reply, req.body, page, async (input) => {
          await s.recordReport(req.ctx(), req.params.id, input);
          return `${back(req.params.id)}#reports`;
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChildAssessment.readReport(),
      access: 'planning:write',
      audit: 'parent-and-child.assessment.viewed',
      params: ReportParams,
      handler: async (req, reply) => renderForm(reply, { ...(await readPage(req.ctx(), req.params.id, req.params.reportId)).page, values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.parentAndChildAssessment.readReport(),
      access: 'planning:write',
      audit: 'parent-and-child.report.read',
      params: ReportParams,
      body: PageForm,
      handler: async (req, reply) => {
        const { page } = await readPage(req.ctx(), req.params.id, req.params.reportId);
        return handleFormPost(reply, req.body, page, async (input) => {
          await s.markRead(req.ctx(), req.params.id, req.params.reportId, { ...input, version: versionFrom(req.body) });
          return `${back(req.params.id)}#reports`;
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChildAssessment.newReview(),
      access: 'planning:write',
      audit: 'parent-and-child.assessment.viewed',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...(await reviewPage(req.ctx(), req.params.id)).page, values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.parentAndChildAssessment.newReview(),
      access: 'planning:write',
      audit: 'parent-and-child.review.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const { page, a } = await reviewPage(req.ctx(), req.params.id);
        return handleFormPost(reply, req.body, page, async (input) => {
          try {
            await s.recordReview(req.ctx(), req.params.id, reviewInputFrom(input, a.plan?.capabilities ?? []));
          } catch (err) {
            if (err instanceof ValidationError) throw new ValidationError(err.errors.map((e) => ({ ...e, field: reviewErrorField(e.field) })));
            throw err;
          }
          return `${back(req.params.id)}#reviews`;
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChildAssessment.newOutcome(),
      access: 'child:legal-status:write',
      audit: 'parent-and-child.assessment.viewed',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...(await outcomePage(req.ctx(), req.params.id)), values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.parentAndChildAssessment.newOutcome(),
      access: 'child:legal-status:write',
      audit: 'parent-and-child.outcome.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, await outcomePage(req.ctx(), req.params.id), async (input) => {
          await s.recordOutcome(req.ctx(), req.params.id, input);
          return `${back(req.params.id)}#outcome`;
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChildAssessment.interimCareOrder(),
      access: 'child:legal-status:write',
      audit: 'parent-and-child.assessment.viewed',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...(await icoPage(req.ctx(), req.params.id)), values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.parentAndChildAssessment.interimCareOrder(),
      access: 'child:legal-status:write',
      audit: 'parent-and-child.interim-care-order.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, await icoPage(req.ctx(), req.params.id), async (input) => {
          await s.recordInterimCareOrder(req.ctx(), req.params.id, input);
          return `${back(req.params.id)}#outcome`;
        }),
    }),
  ];
};
