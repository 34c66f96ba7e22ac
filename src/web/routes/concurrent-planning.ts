/** Concurrent planning pages: the child's contact and court record, its forms, the observations list and the service figures. */
import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import type { Ctx } from '../../services/context.ts';
import { defineRoute } from '../../http/route.ts';
import { AnyQuery, IdParams, PageForm, Uuid } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { can } from '../../domain/access/index.ts';
import { addDays, dateProblem, formatDate, isValidIsoDate } from '../../domain/dates.ts';
import { observationsCsv } from '../../domain/concurrent-planning/contact.ts';
import { figuresCsv } from '../../domain/concurrent-planning/figures.ts';
import { ValidationError, type FieldError } from '../../services/errors.ts';
import { errorList, formToInput, handleFormPost, renderForm, versionFrom, type Field } from '../forms.ts';
import {
  adoptionOrderFields,
  allowanceSection,
  adoptivePlacementFields,
  contactPlanFields,
  contactSection,
  courtSections,
  decisionFields,
  figuresChart,
  figuresTable,
  futureContactFields,
  futureContactSection,
  hearingFields,
  observationsTable,
  planValues,
  proceedingsFields,
  sessionFields,
} from '../presenters/concurrent-planning.ts';

const ProceedingsParams = z.object({ id: Uuid, pid: Uuid });
const PERIOD_FIELDS: Field[] = [
  { name: 'from', label: 'From', type: 'date', hint: 'The first day of the period, for example 1 4 2026' },
  { name: 'to', label: 'To', type: 'date', hint: 'The last day of the period, for example 31 3 2027' },
];

/** The period asked for on the figures page (GOV.UK date inputs in the query), or the last 12 months. */
function periodFrom(query: Record<string, unknown>, today: string): { from: string; to: string; errors: FieldError[]; asked: boolean } {
  const asked = Object.keys(query).some((k) => k.startsWith('from-') || k.startsWith('to-'));
  if (!asked) return { from: addDays(today, -364), to: today, errors: [], asked };
  const input = formToInput(query, PERIOD_FIELDS) as { from: string; to: string };
  const errors: FieldError[] = [];
  if (!isValidIsoDate(input.from)) errors.push({ field: 'from', message: input.from ? dateProblem('The first day of the period', input.from) : 'Enter the first day of the period' });
  if (!isValidIsoDate(input.to)) errors.push({ field: 'to', message: input.to ? dateProblem('The last day of the period', input.to) : 'Enter the last day of the period' });
  if (!errors.length && input.from > input.to) errors.push({ field: 'to', message: 'The last day of the period must be on or after the first' });
  return { from: input.from, to: input.to, errors, asked };
}

export const concurrentPlanningRoutes = ({ concurrentPlanning: s, children }: Services) => {
  const childLabel = async (ctx: Ctx, id: string) => {
    const c = await children.get(ctx, id);
    return `${c.firstName} ${c.lastName} (${c.reference})`;
  };
  const back = (id: string, anchor: string) => `${paths.concurrentPlanning.child(id)}#${anchor}`;

  type PageOpts = { title: string; action: string; backLink: string; submitText: string; fields: Field[]; version?: number };
  const form = (caption: string, o: PageOpts) => ({ caption, ...o });

  /** A GET form page and its POST, for a step that changes the child's record. */
  const formPair = <P extends typeof IdParams | typeof ProceedingsParams>(spec: {
    url: string;
    params: P;
    access: 'court:record' | 'contact-session:record' | 'future-contact:record';
    audit: 'contact-plan.recorded' | 'contact-session.recorded' | 'court.proceedings.recorded' | 'court.hearing.recorded' | 'court.decided' | 'court.placed-for-adoption' | 'court.adoption-order' | 'future-contact.recorded';
    page: (p: z.output<P>, ctx: Ctx) => Promise<PageOpts & { values?: Record<string, unknown>; caption: string }>;
    run: (p: z.output<P>, ctx: Ctx, input: Record<string, unknown>, body: unknown) => Promise<string>;
  }) => [
    defineRoute({
      method: 'GET',
      url: spec.url,
      access: spec.access,
      // The form names the child (a view of their record).
      audit: 'child.viewed',
      params: spec.params,
      handler: async (req, reply) => {
        const page = await spec.page(req.params as z.output<P>, req.ctx());
        return renderForm(reply, { ...page, values: page.values ?? {} });
      },
    }),
    defineRoute({
      method: 'POST',
      url: spec.url,
      access: spec.access,
      audit: spec.audit,
      params: spec.params,
      body: PageForm,
      handler: async (req, reply) => {
        const { values: _values, ...page } = await spec.page(req.params as z.output<P>, req.ctx());
        return handleFormPost(reply, req.body, page, (input) => spec.run(req.params as z.output<P>, req.ctx(), input, req.body));
      },
    }),
  ];

  return [
    defineRoute({
      method: 'GET',
      url: paths.concurrentPlanning.child(),
      access: 'child:read',
      audit: 'court.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const id = req.params.id;
        const ctx = req.ctx();
        const role = ctx.actor!.role;
        const label = await childLabel(ctx, id);
        const contact = await s.contactOf(ctx, id);
        const court = await s.courtOf(ctx, id);
        const future = await s.futureContactOf(ctx, id);
        const allowance = allowanceSection(court.allowance);
        const adopted = court.proceedings.some((p) => p.adoptionOrderOn);
        const open = court.proceedings.some((p) => !p.decision);
        const actions = [
          ...(can(role, 'contact-session:record') && contact.plan ? [{ text: 'Record a contact session', href: paths.concurrentPlanning.newSession(id) }] : []),
          ...(can(role, 'court:record') && !open ? [{ text: 'Record court proceedings', href: paths.concurrentPlanning.newProceedings(id) }] : []),
        ];
        return reply.view('concurrent-planning/child.njk', {
          title: 'Contact, court and adoption',
          caption: label,
          backLink: paths.children.show(id),
          actions,
          sections: [
            ...contactSection(id, contact, can(role, 'court:record')),
            ...(allowance ? [allowance] : []),
            ...courtSections(id, court, can(role, 'court:record')),
            futureContactSection(id, future, can(role, 'future-contact:record'), adopted),
          ],
        });
      },
    }),

    ...formPair({
      url: paths.concurrentPlanning.contactPlan(),
      params: IdParams,
      access: 'court:record',
      audit: 'contact-plan.recorded',
      page: async ({ id }, ctx) => {
        const c = await s.contactOf(ctx, id);
        return {
          caption: await childLabel(ctx, id),
          title: c.plan ? 'Change the contact plan' : 'Record the contact plan',
          action: paths.concurrentPlanning.contactPlan(id),
          backLink: back(id, 'contact'),
          submitText: 'Save the contact plan',
          fields: contactPlanFields(),
          ...(c.plan ? { version: c.plan.version, values: planValues(c.plan) } : {}),
        };
      },
      run: async ({ id }, ctx, input, body) => {
        const sent = (body as Record<string, unknown> | undefined)?.version;
        await s.saveContactPlan(ctx, id, sent === undefined ? 0 : versionFrom(body), input);
        return back(id, 'contact');
      },
    }),

    ...formPair({
      url: paths.concurrentPlanning.newSession(),
      params: IdParams,
      access: 'contact-session:record',
      audit: 'contact-session.recorded',
      page: async ({ id }, ctx) => form(await childLabel(ctx, id), { title: 'Record a contact session', action: paths.concurrentPlanning.newSession(id), backLink: back(id, 'sessions'), submitText: 'Record the session', fields: sessionFields() }),
      run: async ({ id }, ctx, input) => {
        await s.recordSession(ctx, id, input);
        return back(id, 'sessions');
      },
    }),

    ...formPair({
      url: paths.concurrentPlanning.newProceedings(),
      params: IdParams,
      access: 'court:record',
      audit: 'court.proceedings.recorded',
      page: async ({ id }, ctx) => form(await childLabel(ctx, id), { title: 'Record court proceedings', action: paths.concurrentPlanning.newProceedings(id), backLink: back(id, 'court'), submitText: 'Record the proceedings', fields: proceedingsFields() }),
      run: async ({ id }, ctx, input) => {
        await s.recordProceedings(ctx, id, input);
        return back(id, 'court');
      },
    }),

    ...formPair({
      url: paths.concurrentPlanning.newHearing(),
      params: ProceedingsParams,
      access: 'court:record',
      audit: 'court.hearing.recorded',
      page: async ({ id, pid }, ctx) => form(await childLabel(ctx, id), { title: 'Record a hearing', action: paths.concurrentPlanning.newHearing(id, pid), backLink: back(id, 'court'), submitText: 'Record the hearing', fields: hearingFields() }),
      run: async ({ id, pid }, ctx, input) => {
        await s.recordHearing(ctx, id, pid, input);
        return back(id, 'court');
      },
    }),

    ...[
      { url: paths.concurrentPlanning.decision(), audit: 'court.decided' as const, title: "Record the court's decision", fields: decisionFields(), step: s.recordDecision, pathOf: paths.concurrentPlanning.decision },
      { url: paths.concurrentPlanning.adoptivePlacement(), audit: 'court.placed-for-adoption' as const, title: 'Record the adoptive placement', fields: adoptivePlacementFields(), step: s.recordAdoptivePlacement, pathOf: paths.concurrentPlanning.adoptivePlacement },
      { url: paths.concurrentPlanning.adoptionOrder(), audit: 'court.adoption-order' as const, title: 'Record the adoption order', fields: adoptionOrderFields(), step: s.recordAdoptionOrder, pathOf: paths.concurrentPlanning.adoptionOrder },
    ].flatMap((x) =>
      formPair({
        url: x.url,
        params: ProceedingsParams,
        access: 'court:record',
        audit: x.audit,
        page: async ({ id, pid }, ctx) => {
          const court = await s.courtOf(ctx, id);
          const p = court.proceedings.find((q) => q.id === pid);
          if (!p) throw new ValidationError([{ field: 'form', message: 'These proceedings are not on the child’s record' }]);
          return form(await childLabel(ctx, id), { title: x.title, action: x.pathOf(id, pid), backLink: back(id, 'court'), submitText: 'Save', fields: x.fields, version: p.version });
        },
        run: async ({ id, pid }, ctx, input, body) => {
          await x.step(ctx, id, pid, versionFrom(body), input);
          return back(id, 'court');
        },
      }),
    ),

    ...formPair({
      url: paths.concurrentPlanning.futureContact(),
      params: IdParams,
      access: 'future-contact:record',
      audit: 'future-contact.recorded',
      page: async ({ id }, ctx) => {
        const f = await s.futureContactOf(ctx, id);
        return {
          caption: await childLabel(ctx, id),
          title: 'Future contact after adoption',
          action: paths.concurrentPlanning.futureContact(id),
          backLink: back(id, 'future-contact'),
          submitText: 'Save the future contact',
          fields: futureContactFields(),
          ...(f
            ? {
                version: f.version,
                values: {
                  kind: f.kind,
                  frequency: f.frequency,
                  arrangements: f.arrangements,
                  agreedOn: f.agreedOn,
                  ...(f.birthFamily && f.birthFamily !== 'restricted' ? { birthFamilyNames: f.birthFamily.names, birthFamilyContact: f.birthFamily.contactDetails } : {}),
                  ...(f.adopters && f.adopters !== 'restricted' ? { adoptersNames: f.adopters.names, adoptersContact: f.adopters.contactDetails } : {}),
                },
              }
            : {}),
        };
      },
      run: async ({ id }, ctx, input, body) => {
        const sent = (body as Record<string, unknown> | undefined)?.version;
        await s.saveFutureContact(ctx, id, sent === undefined ? 0 : versionFrom(body), input);
        return back(id, 'future-contact');
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.concurrentPlanning.observations(),
      access: 'child:read',
      audit: 'contact-session.listed',
      params: IdParams,
      handler: async (req, reply) => {
        const o = await s.observations(req.ctx(), req.params.id);
        return reply.view('concurrent-planning/child.njk', {
          title: "Contact sessions: observations for the parents' assessment",
          caption: `${o.child.name} (${o.child.reference})`,
          backLink: back(req.params.id, 'sessions'),
          sections: [
            {
              id: 'observations',
              title: 'Every session, oldest first',
              table: observationsTable(o.lines),
              empty: 'No sessions recorded.',
              more: { href: paths.concurrentPlanning.observationsCsv(req.params.id), text: 'Download as CSV' },
            },
          ],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.concurrentPlanning.observationsCsv(),
      access: 'child:read',
      audit: 'contact-session.listed',
      params: IdParams,
      handler: async (req, reply) => {
        const o = await s.observations(req.ctx(), req.params.id);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="contact-observations-${o.child.reference}.csv"`)
          .send(observationsCsv(o.lines));
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.concurrentPlanning.figures,
      access: 'service-figures:read',
      audit: 'service-figures.viewed',
      query: AnyQuery,
      handler: async (req, reply) => {
        const period = periodFrom(req.query, s.today());
        const values = period.asked ? req.query : { from: period.from, to: period.to };
        const base = { title: 'Concurrent planning service figures', action: paths.concurrentPlanning.figures, fields: PERIOD_FIELDS, values };
        if (period.errors.length) return reply.code(400).view('concurrent-planning/figures.njk', { ...base, errors: period.errors, errorList: errorList(period.errors, PERIOD_FIELDS) });
        const figures = await s.figures(req.ctx(), period);
        const q = new URLSearchParams({ from: period.from, to: period.to });
        return reply.view('concurrent-planning/figures.njk', {
          ...base,
          fromText: formatDate(period.from),
          toText: formatDate(period.to),
          table: figuresTable(figures),
          chart: figuresChart(figures),
          csvHref: `${paths.concurrentPlanning.figuresCsv}?${q.toString()}`,
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.concurrentPlanning.figuresCsv,
      access: 'service-figures:read',
      audit: 'service-figures.viewed',
      query: AnyQuery,
      handler: async (req, reply) => {
        const from = typeof req.query.from === 'string' ? req.query.from : '';
        const to = typeof req.query.to === 'string' ? req.query.to : '';
        if (!isValidIsoDate(from) || !isValidIsoDate(to) || from > to) return reply.code(400).type('text/plain; charset=utf-8').send('Give the period as from=YYYY-MM-DD&to=YYYY-MM-DD, the first day on or before the last');
        const figures = await s.figures(req.ctx(), { from, to });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="concurrent-planning-figures-${from}-to-${to}.csv"`)
          .send(figuresCsv({ from, to }, figures));
      },
    }),
  ];
};
