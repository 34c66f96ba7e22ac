import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { MAX_ASSESSMENT_PERIOD_DAYS, PLACEMENT_FLAGS, PLACEMENT_FLAG_NAMES, PLACEMENT_STATUSES, type PlacementFlag, type PlacementStatus } from '../../domain/records/placement.ts';
import { PLACEMENT_KINDS } from '../../domain/records/household.ts';
import { PLACEMENT_TYPES, type PlacementTypeCode } from '../../domain/ssda903/codes.ts';
import { PLACE_PROVIDER_CODES, REASON_PLACE_CHANGE_CODES } from '../../domain/ssda903/return-codes.ts';
import { codesWithLabels, collectionYearOn } from '../../domain/records/return-fields.ts';
import { formatDate } from '../../domain/dates.ts';
import { STARTED_WITHOUT_AGREEMENT } from '../../domain/deadlines/index.ts';
import { FOSTER_PLACEMENT_TYPE_HELP, type FosterPlacementType } from '../../domain/placements/placement-type.ts';
import type { PlacementView } from '../../services/placements.ts';
import { ValidationError } from '../../services/errors.ts';
import { route } from '../../http/route.ts';
import { PageForm, IdParams } from '../../http/schemas.ts';
import { todayInEngland } from '../../domain/dates.ts';
import { obligationsSection } from '../presenters/obligations.ts';
import { paths } from '../../http/paths.ts';
import { escapeHtml, link } from '../html.ts';
import { planningSections } from './planning.ts';
import { placementTaskList } from '../presenters/planning.ts';
import { placementTaskObligations } from '../../domain/planning/task-list.ts';
import { handleFormPost, itemsFrom, renderForm, versionFrom, type Field } from '../forms.ts';
import { queryString } from '../../http/query.ts';

const STATUS_TAG_CLASSES: Record<PlacementStatus, string> = {
  planned: 'govuk-tag--blue',
  active: 'govuk-tag--green',
  ended: 'govuk-tag--grey',
  cancelled: 'govuk-tag--red',
};

export const placementStatusTag = (status: PlacementStatus) => ({ text: PLACEMENT_STATUSES[status], classes: STATUS_TAG_CLASSES[status] });
const tagHtml = (status: PlacementStatus) => `<strong class="govuk-tag ${STATUS_TAG_CLASSES[status]}">${escapeHtml(PLACEMENT_STATUSES[status])}</strong>`;
const typeText = (code: string) => `${code}: ${PLACEMENT_TYPES[code as PlacementTypeCode] ?? 'Unknown'}`;

/** Each "About this placement" box, with the rule it brings in. */
const FLAG_HINTS: Record<PlacementFlag, string> = {
  emergency: 'The placement is notified within 5 working days instead of before the child moves in (CPPCR regulation 13). Choosing the kind "Emergency" ticks this for you.',
  outsideTermsOfApproval: "Only in an emergency, and for at most 6 working days unless the carers' terms of approval are changed (CPPCR regulation 23).",
  intendedUntil18: "The child's care plan means them to stay until they are 18: after the first year, visits at least every 3 months (CPPCR regulation 28(2)). Not for emergency placements or short breaks.",
  connectedPerson: 'A relative, friend or other connected person temporarily approved as a foster carer (CPPCR regulation 24): weekly visits until the first review.',
  sixMonthlyVisitsAgreed: 'Long-term placements only: after the first year, visits at least every 6 months instead of every 3 (CPPCR regulation 28).',
};

// Typed apart from the Field so each box can carry its own hint (govukCheckboxes renders it).
const flagItems: { value: PlacementFlag; text: string; hint: { text: string } }[] = PLACEMENT_FLAG_NAMES.map((f) => ({ value: f, text: PLACEMENT_FLAGS[f], hint: { text: FLAG_HINTS[f] } }));

/**
 * The SSDA903 fields, offering the codes valid in the collection year (`year`, like "2025-26").
 * Provider and URN are overrides: by default the return takes them from the household's fostering
 * service, and the placement postcode (PL_POST) is always the household's postcode.
 */
export const returnFields = (year: string): Field[] => [
  {
    name: 'reasonEnded',
    label: 'Reason the placement ended',
    hint: `Needed when the status is "Ended", except for a temporary placement (T0 to T4). Leave blank otherwise. The SSDA903 reason for placement change, ${year} codes`,
    type: 'select',
    placeholder: 'Not ended',
    items: itemsFrom(codesWithLabels(REASON_PLACE_CHANGE_CODES, year)),
  },
  {
    name: 'provider',
    label: 'Placement provider (optional)',
    hint: "Leave blank to use who runs the household's fostering service: PR1 for this local authority, PR2 for another local authority, or the agency's own code (PR4 private, PR5 voluntary) for an independent fostering agency. Choose one only when this placement is provided otherwise",
    type: 'select',
    placeholder: 'From the fostering service',
    items: itemsFrom(codesWithLabels(PLACE_PROVIDER_CODES, year)),
  },
  {
    name: 'urn',
    label: 'Ofsted URN (optional)',
    hint: "Leave blank to use the fostering service's Ofsted URN. The placement postcode in the return is the household's postcode",
    classes: 'govuk-input--width-10',
    autocomplete: 'off',
  },
];

const baseDetailFields: Field[] = [
  { name: 'startDate', label: 'Start date', type: 'date' },
  {
    name: 'endDate',
    label: 'End date',
    hint: 'Leave blank while the placement goes on. A date still to come is a planned ending: the child is counted in the household until then. "Ended" only with a date on or before today. For example, 27 3 2025',
    type: 'date',
  },
  {
    name: 'placementType',
    label: 'Placement type (SSDA903)',
    hint: `For a foster placement: ${(Object.keys(FOSTER_PLACEMENT_TYPE_HELP) as FosterPlacementType[]).map((c) => `${c}, ${FOSTER_PLACEMENT_TYPE_HELP[c].charAt(0).toLowerCase()}${FOSTER_PLACEMENT_TYPE_HELP[c].slice(1, -1)}`).join('; ')}.`,
    type: 'select',
    placeholder: 'Choose the placement type',
    items: itemsFrom(PLACEMENT_TYPES, true),
  },
  { name: 'status', label: 'Status', type: 'radios', items: itemsFrom(PLACEMENT_STATUSES, false) },
  { name: 'kind', label: 'Kind of placement', hint: "As on the carers' terms of approval", type: 'select', placeholder: 'Not recorded', items: itemsFrom(PLACEMENT_KINDS, false) },
  { name: 'about', label: 'About this placement', hint: 'Select all that apply. These decide which statutory duties apply to the placement.', type: 'checkboxes', items: flagItems },
  {
    name: 'assessmentPeriodEndsOn',
    label: 'End of the initial assessment period',
    hint: `Parent and child placements only: at most ${MAX_ASSESSMENT_PERIOD_DAYS} days after the start date. Leave blank for other placements. For example, 3 3 2025`,
    type: 'date',
  },
];

/**
 * The "About this placement" boxes post as one list (about=emergency&about=…); the record keeps
 * one yes/no per box, sent as 'true' when ticked. A problem with one of them is shown on the group.
 */
async function withFlags(input: Record<string, unknown>, save: (input: Record<string, unknown>) => Promise<string>): Promise<string> {
  const { about, ...rest } = input;
  const ticked = Array.isArray(about) ? about : [];
  for (const f of PLACEMENT_FLAG_NAMES) if (ticked.includes(f)) rest[f] = 'true';
  try {
    return await save(rest);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    throw new ValidationError(err.errors.map((e) => ((PLACEMENT_FLAG_NAMES as string[]).includes(e.field) ? { ...e, field: 'about' } : e)));
  }
}

/** Summary rows for the details that decide which obligations apply. */
function obligationFactRows(p: PlacementView) {
  const ticked = PLACEMENT_FLAG_NAMES.filter((f) => p[f]);
  const rows = [
    { key: { text: 'Kind of placement' }, value: { text: p.kind ? PLACEMENT_KINDS[p.kind] : 'Not recorded' } },
    { key: { text: 'About this placement' }, value: ticked.length ? { html: ticked.map((f) => escapeHtml(PLACEMENT_FLAGS[f])).join('<br>') } : { text: 'None of these apply' } },
  ];
  if (p.kind === 'parent_and_child' || p.assessmentPeriodEndsOn) {
    rows.push({ key: { text: 'Initial assessment period ends' }, value: { text: p.assessmentPeriodEndsOn ? formatDate(p.assessmentPeriodEndsOn) : 'Not agreed' } });
  }
  return rows;
}

/** The placement's fields, with the SSDA903 codes of the collection year containing `today`. */
const detailFields = (today: string): Field[] => [...baseDetailFields, ...returnFields(collectionYearOn(today))];

/** A child who lives somewhere else until the new placement starts: why that placement ends. */
const moveField = (today: string): Field => ({
  name: 'currentPlacementEndReason',
  label: 'If the child lives somewhere else until this placement starts: why that placement ends',
  hint: 'Their current placement ends on the day this one starts. Leave blank if the child has no current placement',
  type: 'select',
  placeholder: 'The child has no current placement',
  items: itemsFrom(codesWithLabels(REASON_PLACE_CHANGE_CODES, collectionYearOn(today))),
});

const authorisationField: Field = {
  name: 'emergencyAuthorisationReason',
  label: 'Head of service: your reason for authorising this emergency placement before every check is met (optional)',
  hint: 'Only for an emergency placement, and only a head of service. It cannot go past a recorded written refusal, approval that is not current, the usual fostering limit, dual approval or the parent-and-child skill level. Each missing written agreement stays overdue until it is recorded',
  type: 'textarea',
};

const identityFields: Field[] = [
  { name: 'childReference', label: "Child's reference", hint: 'For example, C00012', classes: 'govuk-input--width-10', autocomplete: 'off' },
  { name: 'householdReference', label: "Household's reference", hint: 'For example, H00034', classes: 'govuk-input--width-10', autocomplete: 'off' },
];

export const newPlacementFields = (today: string): Field[] => [...identityFields, ...detailFields(today), moveField(today), authorisationField];

/** A placement that began before today: the same details, and why it is recorded late. */
export const pastPlacementFields = (today: string): Field[] => [
  ...identityFields,
  ...detailFields(today),
  moveField(today),
  {
    name: 'recordedLateReason',
    label: 'Why is this placement recorded after it began?',
    hint: 'For example, moved from the previous case system, or recorded late after an out-of-hours placement. Every check it did not meet on the day it began is kept as a missed obligation',
    type: 'textarea',
  },
];

const codeText = (list: Record<string, { label: string }>, code: string) => (Object.hasOwn(list, code) ? `${code}: ${list[code]?.label ?? ''}` : code);

/** Summary rows for the SSDA903 fields. */
function returnFactRows(p: PlacementView) {
  return [
    ...(p.status === 'ended' ? [{ key: { text: 'Reason the placement ended' }, value: { text: p.reasonEnded ? codeText(REASON_PLACE_CHANGE_CODES, p.reasonEnded) : 'Not recorded' } }] : []),
    { key: { text: 'Placement provider' }, value: { text: p.provider ? codeText(PLACE_PROVIDER_CODES, p.provider) : 'From the fostering service' } },
    { key: { text: 'Ofsted URN' }, value: { text: p.urn ?? "The fostering service's" } },
  ];
}

/** How many written agreements this placement started without and still lacks. */
function startedWithoutAgreement(items: readonly { flag: string | null }[]): number {
  return items.filter((o) => o.flag === STARTED_WITHOUT_AGREEMENT).length;
}

/** What the placement gate recorded: an emergency authorisation and what it stood in for, or the checks a past placement did not meet. */
function gateRows(p: PlacementView, missingAgreements: number) {
  const rows: { key: { text: string }; value: { text?: string; html?: string } }[] = [];
  if (missingAgreements > 0) {
    rows.push({
      key: { text: 'Written agreement' },
      value: {
        html: `<strong class="govuk-tag govuk-tag--red">Started without written agreement</strong> ${escapeHtml(`${missingAgreements === 1 ? 'One written agreement is' : `${missingAgreements} written agreements are`} still to be recorded: see the obligations below`)}`,
      },
    });
  }
  if (p.emergencyAuthorisedReason) {
    const on = p.emergencyAuthorisedAt ? ` on ${formatDate(todayInEngland(p.emergencyAuthorisedAt))}` : '';
    rows.push({ key: { text: 'Emergency placement authorised' }, value: { text: `By ${p.emergencyAuthorisedByName ?? 'a head of service'}${on}: ${p.emergencyAuthorisedReason}` } });
  }
  if (p.waivedChecks.length) {
    rows.push({ key: { text: 'Started before these checks were met' }, value: { html: p.waivedChecks.map((c) => escapeHtml(c.message)).join('<br>') } });
  }
  if (p.recordedLateReason) rows.push({ key: { text: 'Recorded after it began' }, value: { text: p.recordedLateReason } });
  if (p.entryBreaches.length) {
    rows.push({ key: { text: 'Checks not met when it began' }, value: { html: p.entryBreaches.map((c) => escapeHtml(c.message)).join('<br>') } });
  }
  return rows;
}

export function placementRoutes(app: FastifyInstance, services: Services) {
  const s = services.placements;

  route(app, {
    method: 'GET',
    url: paths.placements.list,
    access: 'placement:read',
    audit: 'placement.listed',
    handler: async (req, reply) => {
      const q = queryString(req.query, 'q');
      const statusParam = queryString(req.query, 'status');
      const status = statusParam && statusParam in PLACEMENT_STATUSES ? (statusParam as PlacementStatus) : undefined;
      const typeParam = queryString(req.query, 'placementType');
      const placementType = typeParam && typeParam in PLACEMENT_TYPES ? typeParam : undefined;
      const householdParam = queryString(req.query, 'household');
      const householdReference = householdParam && householdParam.length <= 50 ? householdParam : undefined;
      const { items, truncated } = await s.list(req.ctx(), { q, status, placementType, householdReference });
      return reply.view('record/list.njk', {
        title: 'Placements',
        noun: 'placement',
        nounPlural: 'placements',
        newLink: req.actor && services.can(req.actor, 'placement:write') ? { text: 'Add a placement', href: paths.placements.new } : undefined,
        secondaryLink: req.actor && services.can(req.actor, 'placement:write') ? { text: 'Record a past placement', href: paths.placements.past } : undefined,
        filters: [
          { name: 'q', label: "Child's name or reference" },
          { name: 'status', label: 'Status', type: 'select', placeholder: 'Any', items: itemsFrom(PLACEMENT_STATUSES, false) },
          { name: 'placementType', label: 'Placement type', type: 'select', placeholder: 'Any', items: itemsFrom(PLACEMENT_TYPES, true) },
          { name: 'household', label: "Household's reference", classes: 'govuk-input--width-10' },
        ],
        filterValues: { q, status: statusParam, placementType: typeParam, household: householdParam },
        count: items.length,
        truncated,
        head: [{ text: 'Child' }, { text: 'Household' }, { text: 'Start date' }, { text: 'End date' }, { text: 'Type' }, { text: 'Status' }],
        rows: items.map((p) => [
          { html: `${link(paths.placements.show(p.id), `${p.child.firstName} ${p.child.lastName}`)}<br><span class="govuk-hint govuk-!-margin-bottom-0">${escapeHtml(p.child.reference)}</span>` },
          { html: link(paths.households.show(p.household.id), p.household.reference) },
          { text: formatDate(p.startDate) },
          { text: p.endDate ? formatDate(p.endDate) : '' },
          { text: p.placementType, attributes: { title: PLACEMENT_TYPES[p.placementType as PlacementTypeCode] ?? '' } },
          { html: tagHtml(p.status) },
        ]),
      });
    },
  });

  const newPage = () => ({
    title: 'Add a placement',
    caption: 'Starting today or later. For a placement that has already begun, record a past placement',
    action: paths.placements.new,
    backLink: paths.placements.list,
    fields: newPlacementFields(s.today()),
  });
  const pastPage = () => ({
    title: 'Record a past placement',
    caption: 'A placement that began before today',
    action: paths.placements.past,
    backLink: paths.placements.list,
    fields: pastPlacementFields(s.today()),
  });

  route(app, {
    method: 'GET',
    url: paths.placements.past,
    access: 'placement:write',
    audit: 'none',
    handler: async (req, reply) =>
      renderForm(reply, { ...pastPage(), values: { status: 'active', childReference: queryString(req.query, 'child'), householdReference: queryString(req.query, 'household') } }),
  });

  route(app, {
    method: 'POST',
    url: paths.placements.past,
    access: 'placement:write',
    audit: 'placement.created',
    body: PageForm,
    handler: async (req, reply) =>
      handleFormPost(reply, req.body, pastPage(), (input) =>
        withFlags(input, async (flagged) => {
          const p = await s.recordPast(req.ctx(), flagged);
          return paths.placements.show(p.id);
        }),
      ),
  });

  route(app, {
    method: 'GET',
    url: paths.placements.new,
    access: 'placement:write',
    audit: 'none',
    handler: async (req, reply) => {
      // "Add a placement" from a household page or a child's page can fill in the reference.
      const childReference = queryString(req.query, 'child');
      const householdReference = queryString(req.query, 'household');
      return renderForm(reply, { ...newPage(), values: { childReference, householdReference } });
    },
  });

  route(app, {
    method: 'POST',
    url: paths.placements.new,
    access: 'placement:write',
    audit: 'placement.created',
    body: PageForm,
    handler: async (req, reply) =>
      handleFormPost(reply, req.body, newPage(), (input) =>
        withFlags(input, async (flagged) => {
          const p = await s.create(req.ctx(), flagged);
          return paths.placements.show(p.id);
        }),
      ),
  });

  route(app, {
    method: 'GET',
    url: paths.placements.show(),
    access: 'placement:read',
    audit: 'placement.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const p = await s.get(req.ctx(), id);
      const canWrite = !!req.actor && services.can(req.actor, 'placement:write');
      const canAudit = !!req.actor && services.can(req.actor, 'audit:read');
      const canRecord = !!req.actor && services.can(req.actor, 'obligation:record');
      const obligations = await services.obligations.list(req.ctx(), { placementId: id });
      const proposal = await services.proposals.forPlacement(id);
      const planning = await services.planning.overview(req.ctx(), id);
      const childObligations = await services.obligations.list(req.ctx(), { childId: p.childId });
      const tasks = placementTaskList(p.startDate, planning.documents, placementTaskObligations(childObligations.items, id));
      return reply.view('record/show.njk', {
        title: `Placement of ${p.child.firstName} ${p.child.lastName}`,
        caption: `Household ${p.household.reference}`,
        tag: placementStatusTag(p.status),
        backLink: paths.placements.list,
        actions: [
          ...(canWrite ? [{ text: 'Change placement', href: paths.placements.edit(p.id) }] : []),
          ...(canAudit ? [{ text: 'Who has seen or changed this record', href: paths.audit.subject('placement', p.id) }] : []),
        ],
        summary: [
          { key: { text: 'Child' }, value: { html: `${link(paths.children.show(p.child.id), `${p.child.firstName} ${p.child.lastName}`)} (${escapeHtml(p.child.reference)})` } },
          { key: { text: 'Household' }, value: { html: `${link(paths.households.show(p.household.id), p.household.reference)}${p.household.carers ? `: ${escapeHtml(p.household.carers)}` : ''}` } },
          { key: { text: 'Start date' }, value: { text: formatDate(p.startDate) } },
          { key: { text: 'End date' }, value: { text: p.endDate ? formatDate(p.endDate) : 'Not ended' } },
          { key: { text: 'Placement type' }, value: { text: typeText(p.placementType) } },
          { key: { text: 'Status' }, value: { text: PLACEMENT_STATUSES[p.status] } },
          ...obligationFactRows(p),
          ...returnFactRows(p),
          ...(proposal
            ? [{ key: { text: 'Proposal' }, value: { html: link(paths.proposals.show(proposal.id), 'How this placement was matched and agreed') } }]
            : []),
          ...gateRows(p, startedWithoutAgreement(obligations.items)),
        ],
        sections: [...planningSections(p.id, p.childId, tasks, planning.tasks), obligationsSection(obligations.items, obligations.notComputed, { canRecord, canClose: !!req.actor && services.can(req.actor, 'obligation:close') })],
      });
    },
  });

  const editPage = (id: string) => ({ title: 'Change placement', action: paths.placements.edit(id), backLink: paths.placements.show(id), fields: detailFields(s.today()) });

  route(app, {
    method: 'GET',
    url: paths.placements.edit(),
    access: 'placement:write',
    audit: 'placement.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const p = await s.get(req.ctx(), id);
      return renderForm(reply, {
        ...editPage(id),
        caption: `${p.child.firstName} ${p.child.lastName} with household ${p.household.reference}`,
        version: p.version,
        values: {
          startDate: p.startDate,
          endDate: p.endDate,
          placementType: p.placementType,
          status: p.status,
          kind: p.kind ?? '',
          about: PLACEMENT_FLAG_NAMES.filter((f) => p[f]),
          assessmentPeriodEndsOn: p.assessmentPeriodEndsOn,
          reasonEnded: p.reasonEnded ?? '',
          provider: p.provider ?? '',
          urn: p.urn ?? '',
        },
      });
    },
  });

  route(app, {
    method: 'POST',
    url: paths.placements.edit(),
    access: 'placement:write',
    audit: 'placement.updated',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const version = versionFrom(req.body);
      return handleFormPost(reply, req.body, { ...editPage(id), version }, (input) =>
        withFlags(input, async (flagged) => {
          await s.update(req.ctx(), id, version, flagged);
          return paths.placements.show(id);
        }),
      );
    },
  });
}
