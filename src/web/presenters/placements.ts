/** Placements as data: the list's rows, a placement's summary and status tag, and the questions of its forms. */
import { MAX_ASSESSMENT_PERIOD_DAYS, PLACEMENT_FLAGS, PLACEMENT_FLAG_NAMES, PLACEMENT_STATUSES, type PlacementFlag, type PlacementStatus } from '../../domain/records/placement.ts';
import { PLACEMENT_KINDS } from '../../domain/records/household.ts';
import { PLACEMENT_TYPES } from '../../domain/ssda903/codes.ts';
import { PLACE_PROVIDER_CODES, REASON_PLACE_CHANGE_CODES } from '../../domain/ssda903/return-codes.ts';
import { codesWithLabels, collectionYearOn } from '../../domain/records/return-fields.ts';
import { todayInEngland, type IsoDate } from '../../domain/dates.ts';
import { STARTED_WITHOUT_AGREEMENT } from '../../domain/deadlines/index.ts';
import { FOSTER_PLACEMENT_TYPE_HELP, type FosterPlacementType } from '../../domain/placements/placement-type.ts';
import type { PlacementView } from '../../services/placements.ts';
import { paths } from '../../http/paths.ts';
import { itemsFrom, type Field } from '../forms.ts';
import { formatDate, hint, linkTo, tagPart, text, type Cell, type SummaryRow, type TableHead, type Tag } from './common.ts';
import { withMeaning } from '../../domain/ssda903/meanings.ts';

const STATUS_TAG_CLASSES: Record<PlacementStatus, string> = {
  planned: 'govuk-tag--blue',
  active: 'govuk-tag--green',
  ended: 'govuk-tag--grey',
  cancelled: 'govuk-tag--red',
};

/** A placement's status as a GOV.UK tag. */
export const placementStatusTag = (status: PlacementStatus): Tag => ({ text: PLACEMENT_STATUSES[status], classes: STATUS_TAG_CLASSES[status] });
const typeText = (code: string) => withMeaning('placementType', code);

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

/** Summary rows for the details that decide which obligations apply. */
export function obligationFactRows(p: PlacementView): SummaryRow[] {
  const ticked = PLACEMENT_FLAG_NAMES.filter((f) => p[f]);
  const rows: SummaryRow[] = [
    { key: { text: 'Kind of placement' }, value: { text: p.kind ? PLACEMENT_KINDS[p.kind] : 'Not recorded' } },
    { key: { text: 'About this placement' }, value: ticked.length ? { parts: ticked.map((f) => text(PLACEMENT_FLAGS[f])) } : { text: 'None of these apply' } },
  ];
  if (p.kind === 'parent_and_child' || p.assessmentPeriodEndsOn) {
    rows.push({ key: { text: 'Initial assessment period ends' }, value: { text: p.assessmentPeriodEndsOn ? formatDate(p.assessmentPeriodEndsOn) : 'Not agreed' } });
  }
  return rows;
}

/** The placement's fields, with the SSDA903 codes of the collection year containing `today`. */
export const detailFields = (today: string): Field[] => [...baseDetailFields, ...returnFields(collectionYearOn(today))];

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
export function returnFactRows(p: PlacementView): SummaryRow[] {
  return [
    ...(p.status === 'ended' ? [{ key: { text: 'Reason the placement ended' }, value: { text: p.reasonEnded ? codeText(REASON_PLACE_CHANGE_CODES, p.reasonEnded) : 'Not recorded' } }] : []),
    { key: { text: 'Placement provider' }, value: { text: p.provider ? codeText(PLACE_PROVIDER_CODES, p.provider) : 'From the fostering service' } },
    { key: { text: 'Ofsted URN' }, value: { text: p.urn ?? "The fostering service's" } },
  ];
}

/** How many written agreements this placement started without and still lacks. */
export function startedWithoutAgreement(items: readonly { flag: string | null }[]): number {
  return items.filter((o) => o.flag === STARTED_WITHOUT_AGREEMENT).length;
}

/** What the placement gate recorded: an emergency authorisation and what it stood in for, or the checks a past placement did not meet. */
export function gateRows(p: PlacementView, missingAgreements: number): SummaryRow[] {
  const rows: SummaryRow[] = [];
  if (missingAgreements > 0) {
    rows.push({
      key: { text: 'Written agreement' },
      value: {
        parts: [
          tagPart({ text: 'Started without written agreement', classes: 'govuk-tag--red' }),
          { text: `${missingAgreements === 1 ? 'One written agreement is' : `${missingAgreements} written agreements are`} still to be recorded: see the obligations below`, inline: true },
        ],
      },
    });
  }
  if (p.emergencyAuthorisedReason) {
    const on = p.emergencyAuthorisedAt ? ` on ${formatDate(todayInEngland(p.emergencyAuthorisedAt))}` : '';
    rows.push({ key: { text: 'Emergency placement authorised' }, value: { text: `By ${p.emergencyAuthorisedByName ?? 'a head of service'}${on}: ${p.emergencyAuthorisedReason}` } });
  }
  if (p.waivedChecks.length) {
    rows.push({ key: { text: 'Started before these checks were met' }, value: { parts: p.waivedChecks.map((c) => text(c.message)) } });
  }
  if (p.recordedLateReason) rows.push({ key: { text: 'Recorded after it began' }, value: { text: p.recordedLateReason } });
  if (p.entryBreaches.length) {
    rows.push({ key: { text: 'Checks not met when it began' }, value: { parts: p.entryBreaches.map((c) => text(c.message)) } });
  }
  return rows;
}

type ListedPlacement = {
  id: string;
  child: { firstName: string; lastName: string; reference: string };
  household: { id: string; reference: string };
  startDate: IsoDate;
  endDate: IsoDate | null;
  placementType: string;
  status: PlacementStatus;
};

/** The list's filters. */
export const placementFilters = [
  { name: 'q', label: "Child's name or reference" },
  { name: 'status', label: 'Status', type: 'select', placeholder: 'Any', items: itemsFrom(PLACEMENT_STATUSES, false) },
  { name: 'placementType', label: 'Placement type', type: 'select', placeholder: 'Any', items: itemsFrom(PLACEMENT_TYPES, true) },
  { name: 'household', label: "Household's reference", classes: 'govuk-input--width-10' },
];

export const placementListHead: TableHead = [{ text: 'Child' }, { text: 'Household' }, { text: 'Start date' }, { text: 'End date' }, { text: 'Type' }, { text: 'Status' }];

/** One row of the list of placements: the child (a link, the reference under it), household, dates, type (its name on hover), status. */
export function placementListRow(p: ListedPlacement): Cell[] {
  return [
    { parts: [linkTo(paths.placements.show(p.id), `${p.child.firstName} ${p.child.lastName}`), hint(p.child.reference)] },
    { parts: [linkTo(paths.households.show(p.household.id), p.household.reference)] },
    { text: formatDate(p.startDate) },
    { text: p.endDate ? formatDate(p.endDate) : '' },
    { text: typeText(p.placementType) },
    { parts: [tagPart(placementStatusTag(p.status))] },
  ];
}

/** The placement's summary: who, where, when, what kind, then the details that decide its obligations and its return, and what its gate recorded. */
export function placementSummary(p: PlacementView, o: { proposalId: string | null; missingAgreements: number }): SummaryRow[] {
  return [
    { key: { text: 'Child' }, value: { parts: [linkTo(paths.children.show(p.child.id), `${p.child.firstName} ${p.child.lastName}`), { text: `(${p.child.reference})`, inline: true }] } },
    {
      key: { text: 'Household' },
      value: { parts: [linkTo(paths.households.show(p.household.id), p.household.reference), ...(p.household.carers ? [{ text: `: ${p.household.carers}`, inline: 'joined' as const }] : [])] },
    },
    { key: { text: 'Start date' }, value: { text: formatDate(p.startDate) } },
    { key: { text: 'End date' }, value: { text: p.endDate ? formatDate(p.endDate) : 'Not ended' } },
    { key: { text: 'Placement type' }, value: { text: typeText(p.placementType) } },
    { key: { text: 'Status' }, value: { text: PLACEMENT_STATUSES[p.status] } },
    ...obligationFactRows(p),
    ...returnFactRows(p),
    ...(o.proposalId ? [{ key: { text: 'Proposal' }, value: { parts: [linkTo(paths.proposals.show(o.proposalId), 'How this placement was matched and agreed')] } }] : []),
    ...gateRows(p, o.missingAgreements),
  ];
}
