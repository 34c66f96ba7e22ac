/**
 * Early permanence pages: the child's record of the duty (Children Act 1989 s22C(9A)–(9B)), the
 * household's dual approval, facts and journey, and enquiries and referrals to a concurrent planning
 * service (Concurrent planning guide). Thin: each page calls one service and presents it.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import { ValidationError, StaleRecordError } from '../../services/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { IdParams, PageForm } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { formToInput, handleFormPost, redisplayValues, renderForm, versionFrom, type Field, type FormPage } from '../forms.ts';
import { CP_REFERRAL_STATUSES } from '../../domain/records/cp-referral.ts';
import {
  adoptionApprovalFields,
  adoptionInPlanFields,
  approvalsTable,
  criteriaTable,
  decisionFields,
  decisionsTable,
  enquiryFields,
  householdFactsFields,
  householdFactsSummary,
  journeyFields,
  journeyTable,
  referralFieldName,
  referralFields,
  referralInput,
  referralsTable,
  referralTag,
  shortlistFields,
  statusFields,
} from '../presenters/early-permanence.ts';
import { formatDate } from '../presenters/common.ts';

const caption = 'Early permanence';
const ChildQuery = z.object({ child: z.string().optional() });

export const earlyPermanenceRoutes = (services: Services) => {
  const s = services.earlyPermanence;
  const agencies = async () => (await services.organisations.adoptionAgencies()).map((o) => ({ value: o.id, text: o.name }));

  // The referral form names the child and the carers by reference; the service takes ids.
  const childField: Field = { name: 'childReference', label: "Child's reference", type: 'text', hint: 'For example, C00012', classes: 'govuk-input--width-10' };
  const withChild = async (fields: Field[]) => [childField, ...fields.filter((f) => f.name !== 'childId')];

  /** The referral form's post: criteria flattened back to nested answers; the child by reference; errors named as the form's fields. */
  async function postReferral(reply: FastifyReply, body: unknown, page: Omit<FormPage, 'values'>, run: (input: Record<string, unknown>) => Promise<string>) {
    try {
      const form = formToInput(body, page.fields);
      const childId = await s.childIdOf(String(form.childReference ?? ''));
      if (!childId) throw new ValidationError([{ field: 'childReference', message: "Enter the child's reference, for example C00012" }]);
      const target = await run({ ...referralInput(form), childId });
      return reply.redirect(target, 303);
    } catch (err) {
      const values = redisplayValues(body);
      if (err instanceof ValidationError) return renderForm(reply, { ...page, values }, err.errors.map((e) => ({ ...e, field: e.field === 'childId' ? 'childReference' : referralFieldName(e.field) })));
      if (err instanceof StaleRecordError) return renderForm(reply, { ...page, values }, [{ field: 'form', message: err.message }], 409);
      throw err;
    }
  }

  const inPlanPage = (id: string) => ({ title: 'Record that adoption is in the permanence plan', caption, action: paths.earlyPermanence.adoptionInPlan(id), backLink: paths.earlyPermanence.child(id), submitText: 'Record it', fields: adoptionInPlanFields() });
  const decisionPage = (id: string) => ({ title: 'Record the decision on placing with dual-approved carers', caption, action: paths.earlyPermanence.decision(id), backLink: paths.earlyPermanence.child(id), submitText: 'Record the decision', fields: decisionFields() });
  const approvalPage = async (id: string) => ({ title: 'Record an adoption approval', caption, action: paths.earlyPermanence.adoptionApproval(id), backLink: paths.earlyPermanence.household(id), submitText: 'Record the approval', fields: adoptionApprovalFields(await agencies()) });
  const factsPage = (id: string) => ({ title: 'Change the early permanence facts and support', caption, action: paths.earlyPermanence.householdFacts(id), backLink: paths.earlyPermanence.household(id), submitText: 'Save', fields: householdFactsFields() });
  const journeyPage = (id: string) => ({ title: "Record a session of the carers' journey", caption, action: paths.earlyPermanence.journey(id), backLink: paths.earlyPermanence.household(id), submitText: 'Record the session', fields: journeyFields() });
  const enquiryPage = async () => ({ title: 'Log an early enquiry', caption: 'Concurrent planning', action: paths.earlyPermanence.newEnquiry, backLink: paths.earlyPermanence.referrals, submitText: 'Log the enquiry', fields: enquiryFields(await agencies()) });
  const referralPage = async () => ({ title: 'Refer a child to concurrent planning', caption: 'Concurrent planning', action: paths.earlyPermanence.newReferral, backLink: paths.earlyPermanence.referrals, submitText: 'Save the referral as a draft', fields: await withChild(referralFields([], await agencies())) });
  const editPage = async (id: string) => ({ title: 'Complete the referral', caption: 'Concurrent planning', action: paths.earlyPermanence.referralEdit(id), backLink: paths.earlyPermanence.referral(id), submitText: 'Save the referral as a draft', fields: await withChild(referralFields([], await agencies())) });

  return [
    defineRoute({
      method: 'GET',
      url: paths.earlyPermanence.child(),
      access: 'child:read',
      audit: 'permanence.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const r = await s.ofChild(req.ctx(), req.params.id);
        const may = !!req.actor && services.can(req.actor, 'permanence:record');
        return reply.view('record/show.njk', {
          title: 'Early permanence',
          caption: `${r.child.name} (${r.child.reference})`,
          backLink: paths.children.show(r.child.id),
          actions: may
            ? [
                { text: 'Record that adoption is in the plan', href: paths.earlyPermanence.adoptionInPlan(r.child.id) },
                { text: 'Record the decision', href: paths.earlyPermanence.decision(r.child.id) },
                { text: 'Refer to concurrent planning', href: `${paths.earlyPermanence.newReferral}?child=${encodeURIComponent(r.child.reference)}` },
              ]
            : [],
          summary: [
            { key: { text: 'Adoption in the permanence plan' }, value: { text: r.adoptionInPlan.length ? r.adoptionInPlan.map((e) => `${formatDate(e.eventDate)}: ${e.evidence}`).join('; ') : 'Not recorded' } },
          ],
          sections: [
            {
              id: 'decisions',
              title: 'Decisions on placing with dual-approved carers',
              text: 'When adoption is, or may become, the plan, the authority must consider placing the child with a foster parent also approved as a prospective adopter (Children Act 1989 s22C(9A)–(9B)).',
              table: decisionsTable(r.decisions),
              empty: 'No decision recorded.',
            },
            { id: 'referrals', title: 'Referrals to concurrent planning', table: referralsTable(r.referrals.map((x) => ({ ...x, childName: r.child.name, childReference: r.child.reference }))), empty: 'No referrals.' },
          ],
        });
      },
    }),
    defineRoute({ method: 'GET', url: paths.earlyPermanence.adoptionInPlan(), access: 'permanence:record', audit: 'none', params: IdParams, handler: async (req, reply) => renderForm(reply, { ...inPlanPage(req.params.id), values: {} }) }),
    defineRoute({
      method: 'POST',
      url: paths.earlyPermanence.adoptionInPlan(),
      access: 'permanence:record',
      audit: 'permanence.adoption-in-plan.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, inPlanPage(req.params.id), async (input) => {
          await s.recordAdoptionInPlan(req.ctx(), req.params.id, input);
          return paths.earlyPermanence.child(req.params.id);
        }),
    }),
    defineRoute({ method: 'GET', url: paths.earlyPermanence.decision(), access: 'permanence:record', audit: 'none', params: IdParams, handler: async (req, reply) => renderForm(reply, { ...decisionPage(req.params.id), values: {} }) }),
    defineRoute({
      method: 'POST',
      url: paths.earlyPermanence.decision(),
      access: 'permanence:record',
      audit: 'permanence.decision.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, decisionPage(req.params.id), async (input) => {
          await s.recordDecision(req.ctx(), req.params.id, input);
          return `${paths.earlyPermanence.child(req.params.id)}#decisions`;
        }),
    }),

    // The household ---------------------------------------------------------------------------------
    defineRoute({
      method: 'GET',
      url: paths.earlyPermanence.household(),
      access: 'household:read',
      audit: 'household.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const r = await s.ofHousehold(req.ctx(), req.params.id);
        const may = !!req.actor && services.can(req.actor, 'household:write');
        return reply.view('record/show.njk', {
          title: 'Dual approval and early permanence',
          caption: `Foster household ${r.household.reference}`,
          backLink: paths.households.show(r.household.id),
          actions: may
            ? [
                { text: 'Record an adoption approval', href: paths.earlyPermanence.adoptionApproval(r.household.id) },
                { text: 'Change the facts and support', href: paths.earlyPermanence.householdFacts(r.household.id) },
                { text: 'Record a session', href: paths.earlyPermanence.journey(r.household.id) },
              ]
            : [],
          summary: householdFactsSummary(r.household, r.dualApproved),
          sections: [
            { id: 'adoption-approvals', title: 'Approval as prospective adopters', table: approvalsTable(r.approvals), empty: 'No adoption approval recorded.' },
            { id: 'journey', title: 'Preparation, training, assessment and support', table: journeyTable(r.journey), empty: 'No sessions recorded.' },
          ],
        });
      },
    }),
    defineRoute({ method: 'GET', url: paths.earlyPermanence.adoptionApproval(), access: 'household:write', audit: 'none', params: IdParams, handler: async (req, reply) => renderForm(reply, { ...(await approvalPage(req.params.id)), values: {} }) }),
    defineRoute({
      method: 'POST',
      url: paths.earlyPermanence.adoptionApproval(),
      access: 'household:write',
      audit: 'adoption-approval.added',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, await approvalPage(req.params.id), async (input) => {
          await s.addAdoptionApproval(req.ctx(), req.params.id, input);
          return `${paths.earlyPermanence.household(req.params.id)}#adoption-approvals`;
        }),
    }),
    defineRoute({
      method: 'GET',
      url: paths.earlyPermanence.householdFacts(),
      access: 'household:write',
      audit: 'household.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { household: h } = await s.ofHousehold(req.ctx(), req.params.id);
        const [y, m, d] = (h.returnAgreementSignedOn ?? '').split('-');
        return renderForm(reply, {
          ...factsPage(req.params.id),
          version: h.version,
          values: {
            fullTimeCarer: h.fullTimeCarer ? 'yes' : 'no',
            'returnAgreementSignedOn-day': d ?? '',
            'returnAgreementSignedOn-month': m ?? '',
            'returnAgreementSignedOn-year': y ?? '',
            cpSocialWorker: h.cpSocialWorker ?? '',
            cpSupportGroup: h.cpSupportGroup ?? '',
            cpHelpline: h.cpHelpline ?? '',
          },
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: paths.earlyPermanence.householdFacts(),
      access: 'household:write',
      audit: 'household.early-permanence.updated',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, { ...factsPage(req.params.id), version: Number((req.body as Record<string, unknown> | undefined)?.version) || 1 }, async (input) => {
          await s.updateHouseholdFacts(req.ctx(), req.params.id, { ...input, fullTimeCarer: input.fullTimeCarer === 'yes', version: versionFrom(req.body) });
          return paths.earlyPermanence.household(req.params.id);
        }),
    }),
    defineRoute({ method: 'GET', url: paths.earlyPermanence.journey(), access: 'household:write', audit: 'none', params: IdParams, handler: async (req, reply) => renderForm(reply, { ...journeyPage(req.params.id), values: {} }) }),
    defineRoute({
      method: 'POST',
      url: paths.earlyPermanence.journey(),
      access: 'household:write',
      audit: 'carer-journey.recorded',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, journeyPage(req.params.id), async (input) => {
          await s.addJourneySession(req.ctx(), req.params.id, input);
          return `${paths.earlyPermanence.household(req.params.id)}#journey`;
        }),
    }),

    // Enquiries and referrals ---------------------------------------------------------------------
    defineRoute({
      method: 'GET',
      url: paths.earlyPermanence.referrals,
      access: 'child:read',
      audit: 'cp-referral.listed',
      handler: async (req, reply) => {
        const rows = await s.listReferrals(req.ctx());
        const may = !!req.actor && services.can(req.actor, 'permanence:record');
        return reply.view('record/show.njk', {
          title: 'Concurrent planning: enquiries and referrals',
          actions: may
            ? [
                { text: 'Log an early enquiry', href: paths.earlyPermanence.newEnquiry },
                { text: 'Refer a child', href: paths.earlyPermanence.newReferral },
              ]
            : [],
          summary: [],
          sections: [
            {
              id: 'open',
              title: 'Open',
              text: 'An early discussion helps agree whether concurrent planning is appropriate and lets potential carers be identified (Concurrent planning guide, "Contact us with a referral or for an informal discussion").',
              table: referralsTable(rows.filter((r) => !['declined', 'placed', 'closed'].includes(r.status))),
              empty: 'No open enquiries or referrals.',
            },
            { id: 'finished', title: 'Declined, placed or closed', table: referralsTable(rows.filter((r) => ['declined', 'placed', 'closed'].includes(r.status))), empty: 'None.' },
          ],
        });
      },
    }),
    defineRoute({ method: 'GET', url: paths.earlyPermanence.newEnquiry, access: 'permanence:record', audit: 'none', handler: async (_req, reply) => renderForm(reply, { ...(await enquiryPage()), values: {} }) }),
    defineRoute({
      method: 'POST',
      url: paths.earlyPermanence.newEnquiry,
      access: 'permanence:record',
      audit: 'cp-referral.created',
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, await enquiryPage(), async (input) => paths.earlyPermanence.referral((await s.createEnquiry(req.ctx(), input)).id)),
    }),
    defineRoute({
      method: 'GET',
      url: paths.earlyPermanence.newReferral,
      access: 'permanence:record',
      audit: 'none',
      query: ChildQuery,
      handler: async (req, reply) => renderForm(reply, { ...(await referralPage()), values: { childReference: req.query.child ?? '', siblingGroup: 'no' } }),
    }),
    defineRoute({
      method: 'POST',
      url: paths.earlyPermanence.newReferral,
      access: 'permanence:record',
      audit: 'cp-referral.created',
      body: PageForm,
      handler: async (req, reply) => postReferral(reply, req.body, await referralPage(), async (input) => paths.earlyPermanence.referral((await s.createReferral(req.ctx(), input)).id)),
    }),
    defineRoute({
      method: 'GET',
      url: paths.earlyPermanence.referral(),
      access: 'child:read',
      audit: 'cp-referral.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const v = await s.getReferral(req.ctx(), req.params.id);
        const r = v.referral;
        const may = !!req.actor && services.can(req.actor, 'permanence:record');
        const placements = v.child && v.next.includes('placed') ? await s.placementChoices(v.child.id) : [];
        const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
        return reply.view('record/show.njk', {
          title: `${r.status === 'enquiry' ? 'Early enquiry' : 'Referral'} ${r.reference}`,
          caption: 'Concurrent planning',
          tag: referralTag(r.status),
          backLink: paths.earlyPermanence.referrals,
          actions: may && (r.status === 'enquiry' || r.status === 'draft') ? [{ text: r.status === 'enquiry' ? 'Make it a referral' : 'Change the referral', href: paths.earlyPermanence.referralEdit(r.id) }] : [],
          summary: [
            row('Child', v.child ? `${v.child.name} (${v.child.reference}), born ${formatDate(v.child.dateOfBirth)}` : `Not yet identified${r.expectedBirthDate ? `; expected ${formatDate(r.expectedBirthDate)}` : ''}`),
            row('Service', v.serviceName),
            row('Brothers and sisters', r.siblings || 'None recorded'),
            row('Circumstances', r.circumstances || 'Not recorded'),
            row('Referral date', r.referralDate ? formatDate(r.referralDate) : 'Not yet'),
            row('Status', CP_REFERRAL_STATUSES[r.status]),
            ...(r.exceptionReason ? [row('Reason for the exception', r.exceptionReason)] : []),
            ...(r.declineReason ? [row('Reason declined', r.declineReason)] : []),
          ],
          sections: [
            ...(v.check ? [{ id: 'criteria', title: `Referral criteria (aged ${Math.max(v.check.ageOnReferral, 0)} on the referral date)`, table: criteriaTable(v.check), text: v.check.problems.length ? `Before it can be sent: ${v.check.problems.map((p) => p.message).join('; ')}.` : '' }] : []),
            {
              id: 'carers',
              title: 'Carers shortlisted',
              table: { head: [{ text: 'Household' }, { text: 'Shortlisted' }, { text: 'Note' }], rows: v.shortlist.map((x) => [{ parts: [{ text: x.householdReference, href: paths.earlyPermanence.household(x.householdId) }] }, { text: formatDate(x.shortlistedOn) }, { text: x.note || '—' }]) },
              empty: 'No carers shortlisted.',
              ...(may && !['declined', 'placed', 'closed'].includes(r.status)
                ? { form: { summary: 'Shortlist carers', action: paths.earlyPermanence.referralShortlist(r.id), submitText: 'Shortlist', fields: [{ name: 'householdReference', label: 'Household reference', type: 'text', hint: 'For example, H00034', classes: 'govuk-input--width-10' }, ...shortlistFields([]).filter((f) => f.name !== 'householdId')] } }
                : {}),
            },
            ...(may && v.next.length
              ? [{ id: 'next', title: 'Next step', form: { open: true, summary: 'Move the referral on', action: paths.earlyPermanence.referralStatus(r.id), version: r.version, submitText: 'Save', fields: statusFields(v.next, placements) } }]
              : []),
          ],
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: paths.earlyPermanence.referralEdit(),
      access: 'permanence:record',
      audit: 'cp-referral.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const v = await s.getReferral(req.ctx(), req.params.id);
        const r = v.referral;
        const [y, m, d] = (r.referralDate ?? '').split('-');
        const values: Record<string, unknown> = {
          childReference: v.child?.reference ?? '',
          serviceId: r.serviceId ?? '',
          'referralDate-day': d ?? '',
          'referralDate-month': m ?? '',
          'referralDate-year': y ?? '',
          siblingGroup: r.siblings ? 'yes' : 'no',
          exceptionReason: r.exceptionReason ?? '',
          circumstances: r.circumstances,
        };
        for (const [code, a] of Object.entries(r.criteria)) {
          values[`answer_${code}`] = a.answer;
          values[`evidence_${code}`] = a.evidence;
        }
        return renderForm(reply, { ...(await editPage(r.id)), version: r.version, values });
      },
    }),
    defineRoute({
      method: 'POST',
      url: paths.earlyPermanence.referralEdit(),
      access: 'permanence:record',
      audit: 'cp-referral.updated',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) =>
        postReferral(reply, req.body, { ...(await editPage(req.params.id)), version: Number((req.body as Record<string, unknown> | undefined)?.version) || 1 }, async (input) => {
          await s.updateReferral(req.ctx(), req.params.id, versionFrom(req.body), input);
          return paths.earlyPermanence.referral(req.params.id);
        }),
    }),
    defineRoute({
      method: 'POST',
      url: paths.earlyPermanence.referralStatus(),
      access: 'permanence:record',
      audit: 'cp-referral.status-changed',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const fields = statusFields(Object.keys(CP_REFERRAL_STATUSES) as (keyof typeof CP_REFERRAL_STATUSES)[], []).map((f) => (f.name === 'placementId' ? { ...f, type: 'text' as const } : f));
        const page = { title: 'Move the referral on', caption: 'Concurrent planning', action: paths.earlyPermanence.referralStatus(req.params.id), backLink: paths.earlyPermanence.referral(req.params.id), submitText: 'Save', fields, version: Number((req.body as Record<string, unknown> | undefined)?.version) || 1 };
        return handleFormPost(reply, req.body, page, async (input) => {
          await s.moveReferral(req.ctx(), req.params.id, { ...input, version: versionFrom(req.body) });
          return paths.earlyPermanence.referral(req.params.id);
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: paths.earlyPermanence.referralShortlist(),
      access: 'permanence:record',
      audit: 'cp-referral.shortlisted',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const fields: Field[] = [{ name: 'householdReference', label: 'Household reference', type: 'text', hint: 'For example, H00034' }, ...shortlistFields([]).filter((f) => f.name !== 'householdId')];
        const page = { title: 'Shortlist carers', caption: 'Concurrent planning', action: paths.earlyPermanence.referralShortlist(req.params.id), backLink: paths.earlyPermanence.referral(req.params.id), submitText: 'Shortlist', fields };
        return handleFormPost(reply, req.body, page, async (input) => {
          const householdId = await s.householdIdOf(String(input.householdReference ?? ''));
          if (!householdId) throw new ValidationError([{ field: 'householdReference', message: 'Enter the household reference, for example H00034' }]);
          await s.shortlist(req.ctx(), req.params.id, { ...input, householdId });
          return `${paths.earlyPermanence.referral(req.params.id)}#carers`;
        });
      },
    }),
  ];
};
