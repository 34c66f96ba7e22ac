import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { HouseholdView } from '../../services/households.ts';
import {
  APPROVAL_STATUSES,
  MEMBER_KINDS,
  MEMBER_KIND_LABELS,
  PLACEMENT_KINDS,
  SKILL_LEVELS,
  carerNames,
  exemptionInForce,
  type ApprovalStatus,
  type PlacementKind,
} from '../../domain/records/household.ts';
import { PLACEMENT_TYPES, type PlacementTypeCode } from '../../domain/ssda903/codes.ts';
import { CARER_PREFERENCES, NEED_TAGS, type CarerPreference, type NeedTag } from '../../domain/records/placement-request.ts';
import { ageOn, formatDate } from '../../domain/dates.ts';
import { ValidationError, type FieldError } from '../../services/errors.ts';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { PageForm, IdParams, Uuid, isUuid } from '../../http/schemas.ts';
import { obligationsSection, recordedEventsSection } from '../presenters/obligations.ts';
import { paths } from '../../http/paths.ts';
import { escapeHtml, link } from '../html.ts';
import { errorList, formToInput, handleFormPost, itemsFrom, redisplayValues, renderForm, versionFrom, type Field } from '../forms.ts';
import { queryString } from '../../http/query.ts';


const STATUS_TAG_CLASSES: Record<ApprovalStatus, string> = {
  in_assessment: 'govuk-tag--blue',
  approved: 'govuk-tag--green',
  on_hold: 'govuk-tag--yellow',
  deregistered: 'govuk-tag--grey',
};

export function approvalTag(status: ApprovalStatus) {
  return { text: APPROVAL_STATUSES[status], classes: STATUS_TAG_CLASSES[status] };
}

const tagHtml = (status: ApprovalStatus) => `<strong class="govuk-tag ${STATUS_TAG_CLASSES[status]}">${escapeHtml(APPROVAL_STATUSES[status])}</strong>`;

export const memberFields: Field[] = [
  { name: 'kind', label: 'Who is this?', type: 'radios', items: itemsFrom(MEMBER_KINDS, false) },
  { name: 'firstName', label: 'First name', autocomplete: 'off' },
  { name: 'lastName', label: 'Last name', autocomplete: 'off' },
  { name: 'dateOfBirth', label: 'Date of birth (optional for adults)', type: 'date' },
];

type SectionForm = { values: Record<string, unknown>; errors: FieldError[] };

const YES_NO = [
  { value: 'true', text: 'Yes' },
  { value: 'false', text: 'No' },
];

/** What the carers offer, used by matching (src/domain/matching/household-profile.ts). */
const offerFields: Field[] = [
  { name: 'languages', label: 'Languages the carers speak (optional)', hint: 'Separate languages with commas, for example English, Polish', autocomplete: 'off' },
  { name: 'faith', label: 'Faith or religion of the household (optional)', classes: 'govuk-!-width-two-thirds', autocomplete: 'off' },
  { name: 'experience', label: 'Needs the carers have experience of', hint: 'Select all that apply', type: 'checkboxes', items: itemsFrom(NEED_TAGS, false) },
  { name: 'preferences', label: "The carers' preferences", hint: 'Select all that apply', type: 'checkboxes', items: itemsFrom(CARER_PREFERENCES, false) },
  { name: 'pets', label: 'Do the carers have pets?', type: 'radios', items: YES_NO, classes: 'govuk-radios--inline' },
  { name: 'accessibleHome', label: 'Is the home accessible to a wheelchair user?', hint: 'For example, step-free access with a bedroom and bathroom on the ground floor', type: 'radios', items: YES_NO, classes: 'govuk-radios--inline' },
];

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

function ageRange(min: number, max: number) {
  return min === max ? `${min} years` : `${min} to ${max} years`;
}

export function householdRoutes(app: FastifyInstance, services: Services) {
  const s = services.households;

  async function serviceItems() {
    return (await services.organisations.options()).map((o) => ({ value: o.id, text: o.name }));
  }
  async function localAuthorityItems() {
    return (await services.organisations.options()).filter((o) => o.kind === 'local_authority').map((o) => ({ value: o.id, text: o.name }));
  }
  async function sswItems() {
    return (await s.supervisingSocialWorkerOptions()).map((u) => ({ value: u.id, text: u.name }));
  }

  async function householdFields(): Promise<Field[]> {
    const [services_, ssws] = await Promise.all([serviceItems(), sswItems()]);
    return [
      { name: 'carer1FirstName', label: 'Carer 1: first name', autocomplete: 'off' },
      { name: 'carer1LastName', label: 'Carer 1: last name', autocomplete: 'off' },
      { name: 'carer2FirstName', label: 'Carer 2: first name (optional)', hint: 'Leave both of carer 2’s names blank for a single carer', autocomplete: 'off' },
      { name: 'carer2LastName', label: 'Carer 2: last name (optional)', autocomplete: 'off' },
      { name: 'addressLine1', label: 'Address line 1', autocomplete: 'off' },
      { name: 'addressLine2', label: 'Address line 2 (optional)', autocomplete: 'off' },
      { name: 'town', label: 'Town or city', classes: 'govuk-!-width-two-thirds', autocomplete: 'off' },
      { name: 'postcode', label: 'Postcode', classes: 'govuk-input--width-10', autocomplete: 'off' },
      { name: 'fosteringServiceId', label: 'Fostering service', type: 'select', items: services_ },
      { name: 'supervisingSocialWorkerId', label: 'Supervising social worker', type: 'select', placeholder: 'Not allocated', items: ssws },
      { name: 'approvalStatus', label: 'Approval status', type: 'radios', items: itemsFrom(APPROVAL_STATUSES, false) },
      { name: 'approvalDate', label: 'Date of approval', hint: 'Needed when the household is approved. For example, 27 3 2024', type: 'date' },
      { name: 'approvedChildren', label: 'Number of children approved for', hint: 'From 0 to 10', classes: 'govuk-input--width-2', inputmode: 'numeric' },
      { name: 'ageMin', label: 'Youngest age approved for, in years', classes: 'govuk-input--width-2', inputmode: 'numeric' },
      { name: 'ageMax', label: 'Oldest age approved for, in years', classes: 'govuk-input--width-2', inputmode: 'numeric' },
      { name: 'placementKinds', label: 'Kinds of placement approved for', hint: 'Select all that apply', type: 'checkboxes', items: itemsFrom(PLACEMENT_KINDS, false) },
      { name: 'skillLevel', label: 'Skill level', type: 'radios', items: itemsFrom(SKILL_LEVELS, false), classes: 'govuk-radios--inline' },
      ...offerFields,
    ];
  }

  async function exemptionFields(h: HouseholdView): Promise<Field[]> {
    const placed = h.currentPlacements.map((p) => ({ value: p.child.id, text: `${p.child.firstName} ${p.child.lastName} (${p.child.reference})` }));
    return [
      ...(placed.length ? [{ name: 'childIds', label: 'Children placed here now', hint: 'Select the children the exemption names', type: 'checkboxes' as const, items: placed }] : []),
      {
        name: 'childReferences',
        label: placed.length ? 'Other children, by reference (optional)' : 'Children, by reference',
        hint: 'Separate references with commas, for example C00012, C00013',
        autocomplete: 'off',
      },
      { name: 'grantingAuthorityId', label: 'Local authority that granted the exemption', hint: 'The authority where the carers live', type: 'select', items: await localAuthorityItems() },
      { name: 'conditions', label: 'Conditions (optional)', type: 'textarea' },
      { name: 'startDate', label: 'Date the exemption starts', type: 'date' },
      { name: 'endDate', label: 'Date the exemption ends (optional)', type: 'date' },
    ];
  }

  route(app, {
    method: 'GET',
    url: paths.households.list,
    access: 'household:read',
    audit: 'household.listed',
    handler: async (req, reply) => {
      const q = queryString(req.query, 'q');
      const statusParam = queryString(req.query, 'approvalStatus');
      const approvalStatus = statusParam && statusParam in APPROVAL_STATUSES ? (statusParam as ApprovalStatus) : undefined;
      const kindParam = queryString(req.query, 'placementKind');
      const placementKind = kindParam && kindParam in PLACEMENT_KINDS ? (kindParam as PlacementKind) : undefined;
      const sswParam = queryString(req.query, 'supervisingSocialWorkerId');
      const supervisingSocialWorkerId = isUuid(sswParam) ? sswParam : undefined;
      const serviceParam = queryString(req.query, 'fosteringServiceId');
      const fosteringServiceId = isUuid(serviceParam) ? serviceParam : undefined;
      const [{ items, truncated }, ssws, fosteringServices] = await Promise.all([
        s.list(req.ctx(), { q, approvalStatus, placementKind, supervisingSocialWorkerId, fosteringServiceId }),
        sswItems(),
        serviceItems(),
      ]);
      return reply.view('record/list.njk', {
        title: 'Foster households',
        noun: 'household',
        nounPlural: 'households',
        newLink: req.actor && services.can(req.actor, 'household:write') ? { text: 'Add a household', href: paths.households.new } : undefined,
        filters: [
          { name: 'q', label: 'Reference, carer name or postcode' },
          { name: 'approvalStatus', label: 'Approval status', type: 'select', placeholder: 'Any', items: itemsFrom(APPROVAL_STATUSES, false) },
          { name: 'placementKind', label: 'Approved for', type: 'select', placeholder: 'Any kind of placement', items: itemsFrom(PLACEMENT_KINDS, false) },
          { name: 'supervisingSocialWorkerId', label: 'Supervising social worker', type: 'select', placeholder: 'Any', items: ssws },
          { name: 'fosteringServiceId', label: 'Fostering service', type: 'select', placeholder: 'Any', items: fosteringServices },
        ],
        filterValues: { q, approvalStatus: statusParam, placementKind: kindParam, supervisingSocialWorkerId: sswParam, fosteringServiceId: serviceParam },
        count: items.length,
        truncated,
        head: [
          { text: 'Reference' },
          { text: 'Carers' },
          { text: 'Town and postcode' },
          { text: 'Approval status' },
          { text: 'Approved for', format: 'numeric' },
          { text: 'Placed now', format: 'numeric' },
          { text: 'Supervising social worker' },
        ],
        rows: items.map((h) => [
          { html: link(paths.households.show(h.id), h.reference) },
          { text: carerNames(h.carers) },
          { text: `${h.town}, ${h.postcode}` },
          { html: tagHtml(h.approvalStatus) },
          { text: String(h.approvedChildren), format: 'numeric' },
          { text: String(h.childrenPlacedNow), format: 'numeric' },
          { text: h.supervisingSocialWorkerName ?? 'Not allocated' },
        ]),
      });
    },
  });

  route(app, {
    method: 'GET',
    url: paths.households.new,
    access: 'household:write',
    audit: 'none',
    handler: async (_req, reply) =>
      renderForm(reply, {
        title: 'Add a foster household',
        action: paths.households.new,
        backLink: paths.households.list,
        fields: await householdFields(),
        values: { approvalStatus: 'in_assessment', approvedChildren: '1', ageMin: '0', ageMax: '17', skillLevel: '1', pets: 'false', accessibleHome: 'false' },
      }),
  });

  route(app, {
    method: 'POST',
    url: paths.households.new,
    access: 'household:write',
    audit: 'household.created',
    body: PageForm,
    handler: async (req, reply) =>
      handleFormPost(reply, req.body, { title: 'Add a foster household', action: paths.households.new, backLink: paths.households.list, fields: await householdFields() }, async (input) => {
        const h = await s.create(req.ctx(), input);
        return paths.households.show(h.id);
      }),
  });

  /** The household page; also re-shown with the errors of a failed add-member or add-exemption form. */
  async function showPage(req: FastifyRequest, reply: FastifyReply, id: string, forms: { member?: SectionForm; exemption?: SectionForm } = {}) {
    const h = await s.get(req.ctx(), id);
    const today = s.today();
    const canWrite = !!req.actor && services.can(req.actor, 'household:write');
    const canAudit = !!req.actor && services.can(req.actor, 'audit:read');
    const exFields = await exemptionFields(h);
    const failed = forms.member ?? forms.exemption;
    const failedFields = forms.member ? memberFields : exFields;
    const csrf = canWrite ? reply.generateCsrf() : '';
    const removeButton = (memberId: string, name: string) =>
      `<form method="post" action="${escapeHtml(paths.households.removeMember(h.id, memberId))}" class="hearth-inline-form">` +
      `<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">` +
      `<button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">Remove<span class="govuk-visually-hidden"> ${escapeHtml(name)}</span></button></form>`;
    const address = [h.addressLine1, h.addressLine2, h.town, h.postcode].filter(Boolean).map((l) => escapeHtml(l as string)).join('<br>');
    const canRecord = !!req.actor && services.can(req.actor, 'obligation:record');
    const obligations = await services.obligations.list(req.ctx(), { householdId: id });
    const events = await services.obligations.householdEvents(req.ctx(), id);

    return reply.code(failed ? 400 : 200).view('record/show.njk', {
      title: carerNames(h.carers),
      caption: `Foster household ${h.reference}`,
      tag: approvalTag(h.approvalStatus),
      backLink: paths.households.list,
      errors: failed?.errors ?? [],
      errorList: failed ? errorList(failed.errors, failedFields) : [],
      actions: [
        ...(canWrite ? [{ text: 'Change details', href: paths.households.edit(h.id) }] : []),
        ...(req.actor && services.can(req.actor, 'placement:write') ? [{ text: 'Place a child here', href: `${paths.placements.new}?household=${encodeURIComponent(h.reference)}` }] : []),
        ...(canRecord ? [{ text: 'Record what happened', href: paths.obligations.newHouseholdEvent(h.id) }] : []),
        { text: "Carers' file", href: paths.documents.list(h.id) },
        ...(canAudit ? [{ text: 'Who has seen or changed this record', href: paths.audit.subject('household', h.id) }] : []),
      ],
      summary: [
        { key: { text: 'Reference' }, value: { text: h.reference } },
        { key: { text: 'Carers' }, value: { text: carerNames(h.carers) } },
        { key: { text: 'Address' }, value: { html: address } },
        { key: { text: 'Fostering service' }, value: { text: h.fosteringServiceName } },
        { key: { text: 'Supervising social worker' }, value: { text: h.supervisingSocialWorkerName ?? 'Not allocated' } },
      ],
      sections: [
        {
          id: 'approval',
          title: 'Approval and terms of approval',
          summary: [
            { key: { text: 'Approval status' }, value: { text: APPROVAL_STATUSES[h.approvalStatus] } },
            { key: { text: 'Date of approval' }, value: { text: h.approvalDate ? formatDate(h.approvalDate) : 'Not approved yet' } },
            { key: { text: 'Number of children' }, value: { text: `${h.approvedChildren} ${h.approvedChildren === 1 ? 'child' : 'children'}` } },
            { key: { text: 'Age range' }, value: { text: ageRange(h.ageMin, h.ageMax) } },
            {
              key: { text: 'Kinds of placement' },
              value: { text: h.placementKinds.length ? h.placementKinds.map((k) => PLACEMENT_KINDS[k as PlacementKind] ?? k).join(', ') : 'None recorded' },
            },
            { key: { text: 'Skill level' }, value: { text: `Level ${h.skillLevel}` } },
          ],
        },
        {
          id: 'offer',
          title: 'What the carers offer',
          summary: [
            { key: { text: 'Languages' }, value: { text: h.languages.length ? h.languages.join(', ') : 'Not recorded' } },
            { key: { text: 'Faith' }, value: { text: h.faith ?? 'Not recorded' } },
            { key: { text: 'Experience of' }, value: { text: h.experience.length ? h.experience.map((t) => NEED_TAGS[t as NeedTag] ?? t).join(', ') : 'None recorded' } },
            { key: { text: 'Preferences' }, value: { text: h.preferences.length ? h.preferences.map((p) => CARER_PREFERENCES[p as CarerPreference] ?? p).join(', ') : 'None recorded' } },
            { key: { text: 'Pets' }, value: { text: yesNo(h.pets) } },
            { key: { text: 'Accessible home' }, value: { text: yesNo(h.accessibleHome) } },
          ],
        },
        {
          id: 'placed-now',
          title: 'Children placed here now',
          empty: 'No children are placed here now.',
          table: {
            head: [{ text: 'Child' }, { text: 'Date of birth' }, { text: 'Placed since' }, { text: 'Placement type' }, { text: 'Placing authority' }, { text: 'Social worker' }],
            rows: h.currentPlacements.map((p) => [
              { html: `${link(paths.children.show(p.child.id), `${p.child.firstName} ${p.child.lastName}`)}<br><span class="govuk-hint govuk-!-margin-bottom-0">${escapeHtml(p.child.reference)}</span>` },
              { text: `${formatDate(p.child.dateOfBirth)} (age ${ageOn(p.child.dateOfBirth, today)})` },
              { html: link(paths.placements.show(p.placementId), formatDate(p.startDate)) },
              { text: `${p.placementType}: ${PLACEMENT_TYPES[p.placementType as PlacementTypeCode] ?? ''}` },
              { text: p.placingAuthority.name },
              { text: p.socialWorkerName ?? 'Not allocated' },
            ]),
          },
        },
        {
          id: 'members',
          title: 'Household members',
          empty: 'No other members recorded.',
          table: {
            head: [{ text: 'Name' }, { text: 'Who' }, { text: 'Date of birth' }, ...(canWrite ? [{ html: '<span class="govuk-visually-hidden">Actions</span>' }] : [])],
            rows: h.members.map((m) => {
              const name = `${m.firstName} ${m.lastName}`;
              return [
                { text: name },
                { text: MEMBER_KIND_LABELS[m.kind] },
                { text: m.dateOfBirth ? `${formatDate(m.dateOfBirth)} (age ${ageOn(m.dateOfBirth, today)})` : 'Not recorded' },
                ...(canWrite ? [{ html: removeButton(m.id, name) }] : []),
              ];
            }),
          },
          form: canWrite
            ? {
                summary: 'Add a household member',
                action: paths.households.members(h.id),
                fields: memberFields,
                values: forms.member?.values ?? {},
                errors: forms.member?.errors ?? [],
                open: !!forms.member,
              }
            : undefined,
        },
        {
          id: 'exemptions',
          title: 'Usual fostering limit exemptions',
          empty: 'No exemptions recorded.',
          table: {
            head: [{ text: 'Children named' }, { text: 'Conditions' }, { text: 'Granted by' }, { text: 'From' }, { text: 'Until' }, { text: 'In force today' }],
            rows: h.exemptions.map((e) => [
              { html: e.children.map((c) => link(paths.children.show(c.id), `${c.firstName} ${c.lastName} (${c.reference})`)).join('<br>') },
              { text: e.conditions || 'None' },
              { text: e.grantingAuthorityName },
              { text: formatDate(e.startDate) },
              { text: e.endDate ? formatDate(e.endDate) : 'No end date' },
              { text: exemptionInForce(e, today) ? 'Yes' : 'No' },
            ]),
          },
          form: canWrite
            ? {
                summary: 'Add an exemption',
                action: paths.households.exemptions(h.id),
                fields: exFields,
                values: forms.exemption?.values ?? {},
                errors: forms.exemption?.errors ?? [],
                open: !!forms.exemption,
              }
            : undefined,
        },
        obligationsSection(obligations.items, obligations.notComputed, { canRecord, canClose: !!req.actor && services.can(req.actor, 'obligation:close'), withSubject: true, title: 'Statutory obligations for the carers and the children placed here' }),
        recordedEventsSection(events, { canCorrect: canRecord, correctHref: (e) => paths.obligations.correctHouseholdEvent(h.id, e.id) }),
      ],
    });
  }

  route(app, {
    method: 'GET',
    url: paths.households.show(),
    access: 'household:read',
    audit: 'household.viewed',
    params: IdParams,
    handler: async (req, reply) => showPage(req, reply, req.params.id),
  });

  const editPage = async (id: string) => ({
    title: 'Change household details',
    action: paths.households.edit(id),
    backLink: paths.households.show(id),
    fields: await householdFields(),
  });

  route(app, {
    method: 'GET',
    url: paths.households.edit(),
    access: 'household:write',
    audit: 'household.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const h = await s.get(req.ctx(), id);
      const [c1, c2] = [1, 2].map((pos) => h.carers.find((c) => c.position === pos));
      return renderForm(reply, {
        ...(await editPage(id)),
        caption: `Foster household ${h.reference}`,
        version: h.version,
        values: {
          carer1FirstName: c1?.firstName,
          carer1LastName: c1?.lastName,
          carer2FirstName: c2?.firstName,
          carer2LastName: c2?.lastName,
          addressLine1: h.addressLine1,
          addressLine2: h.addressLine2,
          town: h.town,
          postcode: h.postcode,
          fosteringServiceId: h.fosteringServiceId,
          supervisingSocialWorkerId: h.supervisingSocialWorkerId,
          approvalStatus: h.approvalStatus,
          approvalDate: h.approvalDate,
          approvedChildren: String(h.approvedChildren),
          ageMin: String(h.ageMin),
          ageMax: String(h.ageMax),
          placementKinds: h.placementKinds,
          skillLevel: String(h.skillLevel),
          languages: h.languages.join(', '),
          faith: h.faith,
          experience: h.experience,
          preferences: h.preferences,
          pets: String(h.pets),
          accessibleHome: String(h.accessibleHome),
        },
      });
    },
  });

  route(app, {
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
  });

  route(app, {
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
  });

  route(app, {
    method: 'POST',
    url: paths.households.removeMember(),
    access: 'household:write',
    audit: 'household.member.removed',
    params: z.object({ id: Uuid, memberId: Uuid }),
    handler: async (req, reply) => {
      const { id, memberId } = req.params;
      await s.removeMember(req.ctx(), id, memberId);
      return reply.redirect(`${paths.households.show(id)}#members`, 303);
    },
  });

  route(app, {
    method: 'POST',
    url: paths.households.exemptions(),
    access: 'household:write',
    audit: 'household.exemption.added',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      // Every field the form might have, whether or not children are placed now.
      const fields: Field[] = [
        { name: 'childIds', label: '', type: 'checkboxes' },
        { name: 'childReferences', label: '' },
        { name: 'grantingAuthorityId', label: '' },
        { name: 'conditions', label: '' },
        { name: 'startDate', label: '', type: 'date' },
        { name: 'endDate', label: '', type: 'date' },
      ];
      try {
        await s.addExemption(req.ctx(), id, formToInput(req.body, fields));
        return reply.redirect(`${paths.households.show(id)}#exemptions`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return showPage(req, reply, id, { exemption: { values: redisplayValues(req.body), errors: err.errors } });
      }
    },
  });
}
