/** Foster households: the list, the add and change forms, the record page, members and exemptions. */
import { endingMeetingsSection } from '../presenters/moves.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mayRecordEventKind } from '../../domain/access/recording.ts';
import { HOUSEHOLD_EVENT_KINDS } from '../../domain/deadlines/types.ts';
import type { Services } from '../../services/index.ts';
import { APPROVAL_STATUSES, MEMBER_KIND_LABELS, TERMS_KINDS, carerNames, type ApprovalStatus, type TermsKind } from '../../domain/records/household.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../services/errors.ts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { PageForm, IdParams, Uuid, isUuid } from '../../http/schemas.ts';
import { COMPLETED_OBLIGATIONS_SHOWN, EVENTS_SHOWN, obligationsSection, recordedEventsSection } from '../presenters/obligations.ts';
import { paths } from '../../http/paths.ts';
import { errorList, formToInput, handleFormPost, redisplayValues, renderForm, versionFrom } from '../forms.ts';
import { queryPage, queryString } from '../../http/query.ts';
import { PAGE_SIZE } from '../../domain/paging.ts';
import { formatDate, listPaging } from '../presenters/common.ts';
import { askFirst, confirmed, renderConfirm } from '../confirm.ts';
import { householdParentAndChildSection } from '../presenters/parent-and-child.ts';
import {
  approvalSummary,
  approvalTag,
  exemptionAnswerFields,
  exemptionFields,
  exemptionsTable,
  householdFields,
  householdFormValues,
  householdListFilters,
  householdListHead,
  householdListRow,
  householdAtAGlance,
  householdSummary,
  memberFields,
  membersTable,
  newHouseholdValues,
  offerSummary,
  placedNowTable,
} from '../presenters/households.ts';

type SectionForm = { values: Record<string, unknown>; errors: FieldError[] };

export const householdRoutes = (services: Services) => {
  const s = services.households;

  const serviceItems = async () => (await services.organisations.options()).map((o) => ({ value: o.id, text: o.name }));
  const localAuthorityItems = async () => (await services.organisations.options()).filter((o) => o.kind === 'local_authority').map((o) => ({ value: o.id, text: o.name }));
  const sswItems = async () => (await s.supervisingSocialWorkerOptions()).map((u) => ({ value: u.id, text: u.name }));
  const fields = async () => {
    const [fosteringServices, ssws] = await Promise.all([serviceItems(), sswItems()]);
    return householdFields(fosteringServices, ssws);
  };

  const newPage = async () => ({ title: 'Add a foster household', action: paths.households.new, backLink: paths.households.list, fields: await fields() });
  const editPage = async (id: string) => ({ title: 'Change household details', action: paths.households.edit(id), backLink: paths.households.show(id), fields: await fields() });

  /** The household page; also re-shown with the errors of a failed add-member or add-exemption form. */
  async function showPage(req: FastifyRequest, reply: FastifyReply, id: string, forms: { member?: SectionForm; exemption?: SectionForm } = {}) {
    const h = await s.get(req.ctx(), id);
    const today = s.today();
    const may = (p: Parameters<Services['can']>[1]) => !!req.actor && services.can(req.actor, p);
    const canWrite = may('household:write');
    // Whether the viewer records any of a household's events, and which (src/domain/access/recording.ts).
    const mayRecord = (kind: string) => (req.actor ? mayRecordEventKind(req.actor.role, kind) : false);
    const canRecord = Object.keys(HOUSEHOLD_EVENT_KINDS).some(mayRecord);
    const exFields = exemptionFields(h.currentPlacements, await localAuthorityItems());
    const failed = forms.member ?? forms.exemption;
    const failedFields = forms.member ? memberFields : exFields;
    const sectionForm = (summary: string, action: string, fields: typeof memberFields, form: SectionForm | undefined) =>
      canWrite ? { summary, action, fields, values: form?.values ?? {}, errors: form?.errors ?? [], open: !!form } : undefined;
    const obligations = await services.obligations.list(req.ctx(), { householdId: id });
    // A long-approved household has a long history: the page shows the open obligations, the latest
    // completed ones and the latest events, and links to all of them (?all=obligations, ?all=events).
    const all = queryString(req.query, 'all');
    const events = await services.obligations.latestHouseholdEvents(req.ctx(), id, all === 'events' ? undefined : EVENTS_SHOWN);
    const places = await services.matching.placesOf(id);
    // Dual approval is derived from the fostering and adoption approvals, never ticked (docs/rules/dual-approval.md).
    const dualApproved = await services.earlyPermanence.dualApprovedOn(id);
    const sections = [
      {
        id: 'approval',
        title: 'Approval and terms of approval',
        summary: [
          ...approvalSummary(h),
          {
            key: { text: 'Dual approval today' },
            value: { parts: [{ text: dualApproved ? 'Yes: also approved as prospective adopters (fostering for adoption, concurrent planning)' : 'No current approval as prospective adopters' }] },
            actions: { items: [{ href: paths.earlyPermanence.household(id), text: 'View', visuallyHiddenText: 'adoption approval and early permanence' }] },
          },
        ],
      },
      { id: 'offer', title: 'What the carers offer', summary: offerSummary(h) },
      { id: 'placed-now', title: 'Children placed here now', empty: 'No children are placed here now.', table: placedNowTable(h.currentPlacements, today) },
      {
        id: 'members',
        title: 'Household members',
        empty: 'No other members recorded.',
        table: membersTable(h.id, h.members, today, canWrite),
        form: sectionForm('Add a household member', paths.households.members(h.id), memberFields, forms.member),
      },
      householdParentAndChildSection(await services.parentAndChild.ofHousehold(req.ctx(), h.id)),
      {
        id: 'exemptions',
        title: 'Usual fostering limit exemptions',
        empty: 'No exemptions recorded.',
        table: exemptionsTable(h.exemptions, today),
        form: sectionForm('Add an exemption', paths.households.exemptions(h.id), exFields, forms.exemption),
      },
      obligationsSection(obligations.items, obligations.notComputed, {
        canRecord: mayRecord,
        canClose: may('obligation:close'),
        withSubject: true,
        title: 'Statutory obligations for the carers and the children placed here',
        ...(all === 'obligations' ? {} : { completedShown: COMPLETED_OBLIGATIONS_SHOWN, showAll: `${paths.households.show(h.id)}?all=obligations#obligations` }),
      }),
      recordedEventsSection(events.events, {
        canCorrect: mayRecord,
        correctHref: (e) => paths.obligations.correctHouseholdEvent(h.id, e.id),
        total: events.total,
        showAll: `${paths.households.show(h.id)}?all=events#recorded-events`,
      }),
      endingMeetingsSection(await services.moves.endingMeetings(req.ctx(), { householdId: h.id }), 'household'),
    ];

    return reply.code(failed ? 400 : 200).view('record/show.njk', {
      title: carerNames(h.carers),
      caption: `Foster household ${h.reference}`,
      tag: approvalTag(h.approvalStatus),
      backLink: paths.households.list,
      errors: failed?.errors ?? [],
      errorList: failed ? errorList(failed.errors, failedFields) : [],
      actions: [
        ...(canWrite ? [{ text: 'Change details', href: paths.households.edit(h.id) }] : []),
        ...(may('placement:write') ? [{ text: 'Place a child here', href: `${paths.placements.new}?household=${encodeURIComponent(h.reference)}` }] : []),
        ...(canRecord ? [{ text: 'Record what happened', href: paths.obligations.newHouseholdEvent(h.id) }] : []),
        { text: "Carers' file", href: paths.documents.list(h.id) },
        { text: 'Dual approval and early permanence', href: paths.earlyPermanence.household(h.id) },
        ...(may('audit:read') ? [{ text: 'Who has seen or changed this record', href: paths.audit.subject('household', h.id) }] : []),
      ],
      // The page opens with the summary, then "on this page" links to the details and each section.
      glance: householdAtAGlance(h, places, obligations.items, obligations.today),
      contents: [{ id: 'details', title: 'Details' }, ...sections.map((x) => ({ id: String(x.id), title: String(x.title) }))],
      summary: householdSummary(h),
      sections,
    });
  }

  return [
    defineRoute({
      method: 'GET',
      url: paths.households.list,
      access: 'household:read',
      audit: 'household.listed',
      handler: async (req, reply) => {
        const q = queryString(req.query, 'q');
        const statusParam = queryString(req.query, 'approvalStatus');
        const approvalStatus = statusParam && statusParam in APPROVAL_STATUSES ? (statusParam as ApprovalStatus) : undefined;
        const kindParam = queryString(req.query, 'placementKind');
        const placementKind = kindParam && kindParam in TERMS_KINDS ? (kindParam as TermsKind) : undefined;
        const sswParam = queryString(req.query, 'supervisingSocialWorkerId');
        const supervisingSocialWorkerId = isUuid(sswParam) ? sswParam : undefined;
        const serviceParam = queryString(req.query, 'fosteringServiceId');
        const fosteringServiceId = isUuid(serviceParam) ? serviceParam : undefined;
        const [list, ssws, fosteringServices] = await Promise.all([
          s.list(req.ctx(), { q, approvalStatus, placementKind, supervisingSocialWorkerId, fosteringServiceId }, { page: queryPage(req.query), size: PAGE_SIZE }),
          sswItems(),
          serviceItems(),
        ]);
        const filterValues = { q, approvalStatus: statusParam, placementKind: kindParam, supervisingSocialWorkerId: sswParam, fosteringServiceId: serviceParam };
        return reply.view('record/list.njk', {
          title: 'Foster households',
          noun: 'household',
          nounPlural: 'households',
          newLink: req.actor && services.can(req.actor, 'household:write') ? { text: 'Add a household', href: paths.households.new } : undefined,
          filters: householdListFilters(ssws, fosteringServices),
          filterValues,
          ...listPaging(paths.households.list, filterValues, list),
          head: householdListHead,
          rows: list.items.map(householdListRow),
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.households.new,
      access: 'household:write',
      audit: 'none',
      handler: async (_req, reply) => renderForm(reply, { ...(await newPage()), values: newHouseholdValues }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.households.new,
      access: 'household:write',
      audit: 'household.created',
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, await newPage(), async (input) => {
          const h = await s.create(req.ctx(), input);
          return paths.households.show(h.id);
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.households.show(),
      access: 'household:read',
      audit: 'household.viewed',
      params: IdParams,
      handler: async (req, reply) => showPage(req, reply, req.params.id),
    }),

    defineRoute({
      method: 'GET',
      url: paths.households.edit(),
      access: 'household:write',
      audit: 'household.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const h = await s.get(req.ctx(), id);
        return renderForm(reply, { ...(await editPage(id)), caption: `Foster household ${h.reference}`, version: h.version, values: householdFormValues(h) });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.households.edit(),
      access: 'household:write',
      audit: 'household.updated',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const version = versionFrom(req.body);
        return handleFormPost(reply, req.body, { ...(await editPage(id)), version }, async (input) => {
          await s.update(req.ctx(), id, version, input);
          return paths.households.show(id);
        });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.households.members(),
      access: 'household:write',
      audit: 'household.member.added',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        try {
          await s.addMember(req.ctx(), id, formToInput(req.body, memberFields));
          return reply.redirect(`${paths.households.show(id)}#members`, 303);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          return showPage(req, reply, id, { member: { values: redisplayValues(req.body), errors: err.errors } });
        }
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.households.removeMember(),
      access: 'household:write',
      audit: 'household.viewed',
      params: z.object({ id: Uuid, memberId: Uuid }),
      handler: async (req, reply) => {
        const { id, memberId } = req.params;
        const h = await s.get(req.ctx(), id);
        const m = h.members.find((x) => x.id === memberId);
        if (!m) throw new NotFoundError('Household member');
        const name = `${m.firstName} ${m.lastName}`;
        return renderConfirm(reply, {
          title: `Are you sure you want to remove ${name} from the household?`,
          caption: `Household ${h.reference}`,
          rows: [
            { key: { text: 'Who' }, value: { text: MEMBER_KIND_LABELS[m.kind] } },
            { key: { text: 'Date of birth' }, value: { text: m.dateOfBirth ? formatDate(m.dateOfBirth) : 'Not recorded' } },
          ],
          warning: `${name} will no longer be listed as living in the household. To list them again, add them as a new member.`,
          action: paths.households.removeMember(id, memberId),
          confirmText: 'Yes, remove',
          cancelHref: `${paths.households.show(id)}#members`,
        });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.households.removeMember(),
      access: 'household:write',
      audit: 'household.member.removed',
      params: z.object({ id: Uuid, memberId: Uuid }),
      body: PageForm,
      handler: async (req, reply) => {
        const { id, memberId } = req.params;
        if (!confirmed(req.body)) return askFirst(req, reply, paths.households.removeMember(id, memberId));
        await s.removeMember(req.ctx(), id, memberId);
        return reply.redirect(`${paths.households.show(id)}#members`, 303);
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.households.exemptions(),
      access: 'household:write',
      audit: 'household.exemption.added',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        try {
          await s.addExemption(req.ctx(), id, formToInput(req.body, exemptionAnswerFields));
          return reply.redirect(`${paths.households.show(id)}#exemptions`, 303);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          return showPage(req, reply, id, { exemption: { values: redisplayValues(req.body), errors: err.errors } });
        }
      },
    }),
  ];
};
