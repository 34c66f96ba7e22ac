/** Parent and child fostering pages: the arrangement, what comes before placing, family members (Parent and child fostering procedure). */
import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import { defineRoute } from '../../http/route.ts';
import { IdParams, PageForm, Uuid } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { handleFormPost, renderForm, versionFrom } from '../forms.ts';
import { CONTINGENCY_OUTCOMES, type ContingencyOutcome } from '../../domain/parent-and-child/before-placing.ts';
import {
  advocacyAnswerFields,
  advocacyOfferFields,
  arrangementFields,
  arrangementSections,
  arrangementSummary,
  arrangementTag,
  arrangementsTable,
  contingencyFields,
  extraSupportFields,
  familyMemberFields,
  healthObservationFields,
  sharingAgreementFields,
} from '../presenters/parent-and-child.ts';
import { linkTo, hint, type SummaryRow } from '../presenters/common.ts';
import { arrangementMoneySection } from '../presenters/money.ts';
import type { Actor } from '../../services/context.ts';

const OfferParams = z.object({ id: Uuid, offerId: Uuid });
const OutcomeParams = z.object({ id: Uuid, outcome: z.enum(Object.keys(CONTINGENCY_OUTCOMES) as [ContingencyOutcome, ...ContingencyOutcome[]]) });
const ticked = (v: unknown) => (Array.isArray(v) ? v.includes('true') : v === 'true' || v === true);

export const parentAndChildRoutes = (services: Services) => {
  const s = services.parentAndChild;
  const mayRecord = (actor: Actor | null | undefined) => !!actor && services.can(actor, 'parent-and-child:record');
  const back = (id: string, section: string) => `${paths.parentAndChild.show(id)}#${section}`;
  const simple = (o: { url: string; title: string; section: string; audit: Parameters<typeof defineRoute>[0]['audit']; submitText: string; fields: () => ReturnType<typeof healthObservationFields>; run: (ctx: ReturnType<Parameters<Parameters<typeof defineRoute>[0]['handler']>[0]['ctx']>, id: string, input: Record<string, unknown>) => Promise<unknown> }) => {
    const page = (id: string) => ({ title: o.title, caption: 'Parent and child fostering', action: o.url.replace(':id', id), backLink: back(id, o.section), submitText: o.submitText, fields: o.fields() });
    return [
      defineRoute({ method: 'GET', url: o.url, access: 'parent-and-child:record', audit: 'none', params: IdParams, handler: async (req, reply) => renderForm(reply, { ...page(req.params.id), values: {} }) }),
      defineRoute({
        method: 'POST',
        url: o.url,
        access: 'parent-and-child:record',
        audit: o.audit,
        params: IdParams,
        body: PageForm,
        handler: async (req, reply) =>
          handleFormPost(reply, req.body, page(req.params.id), async (input) => {
            await o.run(req.ctx(), req.params.id, input);
            return back(req.params.id, o.section);
          }),
      }),
    ];
  };

  const newPage = async (ctx: ReturnType<Parameters<Parameters<typeof defineRoute>[0]['handler']>[0]['ctx']>, childId: string) => ({
    title: 'Record a parent and child arrangement',
    caption: 'Parent and child fostering',
    action: paths.parentAndChild.newForChild(childId),
    backLink: `${paths.children.show(childId)}#parent-and-child`,
    submitText: 'Record the arrangement',
    fields: arrangementFields(await s.formChoices(ctx, childId)),
  });

  const advocacyPage = async (ctx: ReturnType<Parameters<Parameters<typeof defineRoute>[0]['handler']>[0]['ctx']>, id: string) => {
    const a = await s.get(ctx, id);
    return { title: 'Record an offer of advocacy', caption: 'Parent and child fostering', action: paths.parentAndChild.advocacyOffer(id), backLink: back(id, 'advocacy'), submitText: 'Record the offer', fields: advocacyOfferFields(a.people.filter((p) => p.role === 'parent')) };
  };
  const answerPage = (id: string, offerId: string) => ({ title: 'Record the answer to the offer of advocacy', caption: 'Parent and child fostering', action: paths.parentAndChild.advocacyAnswer(id, offerId), backLink: back(id, 'advocacy'), submitText: 'Record the answer', fields: advocacyAnswerFields() });
  const contingencyPage = (id: string, outcome: ContingencyOutcome) => ({ title: 'Contingency plan', caption: CONTINGENCY_OUTCOMES[outcome], action: paths.parentAndChild.contingency(id, outcome), backLink: back(id, 'contingency'), submitText: 'Save the plan', fields: contingencyFields() });
  const memberPage = (id: string, version?: number) => ({ title: 'Family member', caption: 'Parent and child fostering', action: paths.parentAndChild.familyMember(id), submitText: 'Save the details', fields: familyMemberFields(), ...(version ? { version } : {}) });

  return [
    defineRoute({
      method: 'GET',
      url: paths.parentAndChild.list,
      access: 'placement:read',
      audit: 'parent-and-child.listed',
      handler: async (req, reply) => {
        const rows = await s.list(req.ctx());
        const table = arrangementsTable(rows);
        return reply.view('record/list.njk', { title: 'Parent and child arrangements', count: rows.length, noun: 'arrangement', nounPlural: 'arrangements', head: table.head, rows: table.rows });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChild.newForChild(),
      access: 'parent-and-child:record',
      audit: 'family-member.viewed',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...(await newPage(req.ctx(), req.params.id)), values: {} }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.parentAndChild.newForChild(),
      access: 'parent-and-child:record',
      audit: 'parent-and-child.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, await newPage(req.ctx(), req.params.id), async (input) => {
          const a = await s.createForChild(req.ctx(), req.params.id, input);
          return paths.parentAndChild.show(a.id);
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChild.show(),
      access: 'placement:read',
      audit: 'parent-and-child.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const a = await s.get(req.ctx(), req.params.id);
        const sections = arrangementSections(a, mayRecord(req.actor));
        // The weekly amount and who pays (Parent and child fostering procedure, 8): audited as its own view (money.viewed).
        const moneySection = arrangementMoneySection(await services.money.ofArrangement(req.ctx(), a.id));
        return reply.view('record/show.njk', {
          title: `Parent and child arrangement ${a.reference}`,
          caption: 'Parent and child fostering',
          tag: arrangementTag(a.status),
          backLink: paths.parentAndChild.list,
          summary: arrangementSummary(a),
          contents: [...sections.map((x) => ({ id: x.id, title: x.title })), { id: 'money', title: 'Weekly amount and who pays' }],
          sections,
          moneySection,
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChild.sharingAgreement(),
      access: 'parent-and-child:record',
      audit: 'none',
      params: IdParams,
      handler: async (req, reply) =>
        renderForm(reply, { title: 'Information-sharing agreement', caption: 'Parent and child fostering', action: paths.parentAndChild.sharingAgreement(req.params.id), backLink: back(req.params.id, 'before-placing'), submitText: 'Record the agreement', fields: sharingAgreementFields(), values: {} }),
    }),
    defineRoute({
      method: 'POST',
      url: paths.parentAndChild.sharingAgreement(),
      access: 'parent-and-child:record',
      audit: 'parent-and-child.sharing-agreement.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(
          reply,
          req.body,
          { title: 'Information-sharing agreement', caption: 'Parent and child fostering', action: paths.parentAndChild.sharingAgreement(req.params.id), backLink: back(req.params.id, 'before-placing'), submitText: 'Record the agreement', fields: sharingAgreementFields() },
          async (input) => {
            await s.recordSharingAgreement(req.ctx(), req.params.id, { ...input, childProtectionApplies: ticked(input.childProtectionApplies) });
            return back(req.params.id, 'before-placing');
          },
        ),
    }),

    ...simple({ url: paths.parentAndChild.healthObservation(), title: 'Record a health professional’s observation', section: 'health', audit: 'parent-and-child.health-observation.recorded', submitText: 'Record the observation', fields: healthObservationFields, run: s.recordHealthObservation }),
    ...simple({ url: paths.parentAndChild.extraSupport(), title: 'Record the extra support considered', section: 'extra-support', audit: 'parent-and-child.extra-support.recorded', submitText: 'Record the extra support', fields: extraSupportFields, run: s.recordExtraSupport }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChild.advocacyOffer(),
      access: 'parent-and-child:record',
      audit: 'parent-and-child.viewed',
      params: IdParams,
      handler: async (req, reply) => renderForm(reply, { ...(await advocacyPage(req.ctx(), req.params.id)), values: {} }),
    }),
    defineRoute({
      method: 'POST',
      url: paths.parentAndChild.advocacyOffer(),
      access: 'parent-and-child:record',
      audit: 'parent-and-child.advocacy.offered',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, await advocacyPage(req.ctx(), req.params.id), async (input) => {
          await s.offerAdvocacy(req.ctx(), req.params.id, input);
          return back(req.params.id, 'advocacy');
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChild.advocacyAnswer(),
      access: 'parent-and-child:record',
      audit: 'parent-and-child.viewed',
      params: OfferParams,
      handler: async (req, reply) => {
        const a = await s.get(req.ctx(), req.params.id);
        const offer = a.records.advocacy.find((o) => o.id === req.params.offerId);
        return renderForm(reply, { ...answerPage(req.params.id, req.params.offerId), values: {}, ...(offer ? { version: offer.version } : {}) });
      },
    }),
    defineRoute({
      method: 'POST',
      url: paths.parentAndChild.advocacyAnswer(),
      access: 'parent-and-child:record',
      audit: 'parent-and-child.advocacy.answered',
      params: OfferParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, { ...answerPage(req.params.id, req.params.offerId), version: Number((req.body as Record<string, unknown> | undefined)?.version) || 1 }, async (input) => {
          await s.answerAdvocacy(req.ctx(), req.params.id, req.params.offerId, { ...input, version: versionFrom(req.body) });
          return back(req.params.id, 'advocacy');
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChild.contingency(),
      access: 'parent-and-child:record',
      audit: 'parent-and-child.viewed',
      params: OutcomeParams,
      handler: async (req, reply) => {
        const a = await s.get(req.ctx(), req.params.id);
        const plan = a.records.contingencies.find((c) => c.outcome === req.params.outcome);
        return renderForm(reply, { ...contingencyPage(req.params.id, req.params.outcome), values: plan ? { plan: plan.plan } : {} });
      },
    }),
    defineRoute({
      method: 'POST',
      url: paths.parentAndChild.contingency(),
      access: 'parent-and-child:record',
      audit: 'parent-and-child.contingency.recorded',
      params: OutcomeParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, contingencyPage(req.params.id, req.params.outcome), async (input) => {
          await s.recordContingency(req.ctx(), req.params.id, { ...input, outcome: req.params.outcome });
          return back(req.params.id, 'contingency');
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.parentAndChild.familyMember(),
      access: 'child:read',
      audit: 'family-member.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const m = await s.familyMember(req.ctx(), req.params.id);
        if (!req.actor || !services.can(req.actor, 'child:write')) {
          const rows: SummaryRow[] = [
            { key: { text: 'Name' }, value: { text: m.name } },
            { key: { text: 'Family of' }, value: { parts: m.children.flatMap((c) => [linkTo(paths.children.show(c.childId), `${c.firstName} ${c.lastName}`), hint(c.relationship)]) } },
          ];
          return reply.view('record/show.njk', { title: m.name, caption: 'Family member', summary: rows, sections: [] });
        }
        const values: Record<string, unknown> = { name: m.name, dateOfBirth: m.dateOfBirth ?? '', phone: m.phone ?? '', email: m.email ?? '', address: m.address ?? '', postcode: m.postcode ?? '', lookedAfterReference: m.lookedAfterReference ?? '', lookedAfterBy: m.lookedAfterBy ?? '', advocacyNeed: m.advocacyNeed ?? '' };
        const first = m.children[0];
        return renderForm(reply, { ...memberPage(m.id, m.version), ...(first ? { backLink: paths.children.show(first.childId) } : {}), warning: `Family of ${m.children.map((c) => `${c.firstName} ${c.lastName} (${c.relationship})`).join(', ')}: a change here is seen on each child’s record.`, values });
      },
    }),
    defineRoute({
      method: 'POST',
      url: paths.parentAndChild.familyMember(),
      access: 'child:write',
      audit: 'family-member.updated',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, memberPage(req.params.id, Number((req.body as Record<string, unknown> | undefined)?.version) || 1), async (input) => {
          await s.updateFamilyMemberFromForm(req.ctx(), req.params.id, { ...input, version: versionFrom(req.body) });
          return paths.parentAndChild.familyMember(req.params.id);
        }),
    }),
  ];
};
