/**
 * A foster household's pages as data: the questions of its forms, the list's rows, the record's
 * summaries and the tables of children placed now, members and exemptions, with the approval tag.
 */
import type { HouseholdListItem, HouseholdView } from '../../services/households.ts';
import {
  APPROVAL_STATUSES,
  MEMBER_KINDS,
  MEMBER_KIND_LABELS,
  PLACEMENT_KINDS,
  TERMS_KINDS,
  SKILL_LEVELS,
  carerNames,
  exemptionInForce,
  type ApprovalStatus,
  type PlacementKind,
} from '../../domain/records/household.ts';
import { CARER_PREFERENCES, NEED_TAGS, type CarerPreference, type NeedTag } from '../../domain/records/placement-request.ts';
import { ageOn, type IsoDate } from '../../domain/dates.ts';
import { paths } from '../../http/paths.ts';
import { itemsFrom, type Field } from '../forms.ts';
import { formatDate, glanceObligationRows, visuallyHidden, hint, linkTo, listPart, text, type Cell, type GlanceObligation, type Part, type SummaryRow, type Table, type Tag } from './common.ts';
import { withMeaning } from '../../domain/ssda903/meanings.ts';

type Item = { value: string; text: string };

const STATUS_TAG_CLASSES: Record<ApprovalStatus, string> = {
  in_assessment: 'govuk-tag--blue',
  approved: 'govuk-tag--green',
  on_hold: 'govuk-tag--yellow',
  deregistered: 'govuk-tag--grey',
};

/** The household's approval status as a tag. */
export function approvalTag(status: ApprovalStatus): Tag {
  return { text: APPROVAL_STATUSES[status], classes: STATUS_TAG_CLASSES[status] };
}

// ---------------------------------------------------------------------------------------------
// Questions
// ---------------------------------------------------------------------------------------------

export const memberFields: Field[] = [
  { name: 'kind', label: 'Who is this?', type: 'radios', items: itemsFrom(MEMBER_KINDS, false) },
  { name: 'firstName', label: 'First name', autocomplete: 'off' },
  { name: 'lastName', label: 'Last name', autocomplete: 'off' },
  { name: 'dateOfBirth', label: 'Date of birth (optional for adults)', type: 'date' },
];

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

/** The household's add and change form, given the fostering services and supervising social workers to choose from. */
export function householdFields(fosteringServices: Item[], ssws: Item[]): Field[] {
  return [
    { name: 'carer1FirstName', label: 'Carer 1: first name', autocomplete: 'off' },
    { name: 'carer1LastName', label: 'Carer 1: last name', autocomplete: 'off' },
    { name: 'carer2FirstName', label: 'Carer 2: first name (optional)', hint: 'Leave both of carer 2’s names blank for a single carer', autocomplete: 'off' },
    { name: 'carer2LastName', label: 'Carer 2: last name (optional)', autocomplete: 'off' },
    { name: 'addressLine1', label: 'Address line 1', autocomplete: 'off' },
    { name: 'addressLine2', label: 'Address line 2 (optional)', autocomplete: 'off' },
    { name: 'town', label: 'Town or city', classes: 'govuk-!-width-two-thirds', autocomplete: 'off' },
    { name: 'postcode', label: 'Postcode', classes: 'govuk-input--width-10', autocomplete: 'off' },
    { name: 'fosteringServiceId', label: 'Fostering service', type: 'select', items: fosteringServices },
    { name: 'supervisingSocialWorkerId', label: 'Supervising social worker', type: 'select', placeholder: 'Not allocated', items: ssws },
    { name: 'approvalStatus', label: 'Approval status', type: 'radios', items: itemsFrom(APPROVAL_STATUSES, false) },
    { name: 'approvalDate', label: 'Date of approval', hint: 'Needed when the household is approved. For example, 27 3 2024', type: 'date' },
    { name: 'approvedChildren', label: 'Number of children approved for', hint: 'From 0 to 10', classes: 'govuk-input--width-2', inputmode: 'numeric' },
    { name: 'ageMin', label: 'Youngest age approved for, in years', classes: 'govuk-input--width-2', inputmode: 'numeric' },
    { name: 'ageMax', label: 'Oldest age approved for, in years', classes: 'govuk-input--width-2', inputmode: 'numeric' },
    { name: 'placementKinds', label: 'Kinds of placement approved for', hint: 'Select all that apply. Fostering for adoption and concurrent planning follow from an adoption approval recorded beside this one (dual approval)', type: 'checkboxes', items: itemsFrom(TERMS_KINDS, false) },
    { name: 'skillLevel', label: 'Skill level', type: 'radios', items: itemsFrom(SKILL_LEVELS, false), classes: 'govuk-radios--inline' },
    ...offerFields,
  ];
}

/** A new household's answers before anything is entered. */
export const newHouseholdValues = { approvalStatus: 'in_assessment', approvedChildren: '1', ageMin: '0', ageMax: '17', skillLevel: '1', pets: 'false', accessibleHome: 'false' };

/** The change form's values, from the record. */
export function householdFormValues(h: HouseholdView): Record<string, unknown> {
  const [c1, c2] = [1, 2].map((pos) => h.carers.find((c) => c.position === pos));
  return {
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
  };
}

/** The add-exemption form: the children placed now to tick, others by reference, the authority, conditions and dates. */
export function exemptionFields(placedNow: HouseholdView['currentPlacements'], localAuthorities: Item[]): Field[] {
  const placed = placedNow.map((p) => ({ value: p.child.id, text: `${p.child.firstName} ${p.child.lastName} (${p.child.reference})` }));
  return [
    ...(placed.length ? [{ name: 'childIds', label: 'Children placed here now', hint: 'Select the children the exemption names', type: 'checkboxes' as const, items: placed }] : []),
    {
      name: 'childReferences',
      label: placed.length ? 'Other children, by reference (optional)' : 'Children, by reference',
      hint: 'Separate references with commas, for example C00012, C00013',
      autocomplete: 'off',
    },
    { name: 'grantingAuthorityId', label: 'Local authority that granted the exemption', hint: 'The authority where the carers live', type: 'select', items: localAuthorities },
    { name: 'conditions', label: 'Conditions (optional)', type: 'textarea' },
    { name: 'startDate', label: 'Date the exemption starts', type: 'date' },
    { name: 'endDate', label: 'Date the exemption ends (optional)', type: 'date' },
  ];
}

/** Every field the add-exemption form might have, whether or not children are placed now (to read what was posted). */
export const exemptionAnswerFields: Field[] = [
  { name: 'childIds', label: '', type: 'checkboxes' },
  { name: 'childReferences', label: '' },
  { name: 'grantingAuthorityId', label: '' },
  { name: 'conditions', label: '' },
  { name: 'startDate', label: '', type: 'date' },
  { name: 'endDate', label: '', type: 'date' },
];

/** The list's filters. */
export function householdListFilters(ssws: Item[], fosteringServices: Item[]) {
  return [
    { name: 'q', label: 'Reference, carer name or postcode' },
    { name: 'approvalStatus', label: 'Approval status', type: 'select', placeholder: 'Any', items: itemsFrom(APPROVAL_STATUSES, false) },
    { name: 'placementKind', label: 'Approved for', type: 'select', placeholder: 'Any kind of placement', items: itemsFrom(TERMS_KINDS, false) },
    { name: 'supervisingSocialWorkerId', label: 'Supervising social worker', type: 'select', placeholder: 'Any', items: ssws },
    { name: 'fosteringServiceId', label: 'Fostering service', type: 'select', placeholder: 'Any', items: fosteringServices },
  ];
}

// ---------------------------------------------------------------------------------------------
// The list and the record
// ---------------------------------------------------------------------------------------------

export const householdListHead: Table['head'] = [
  { text: 'Reference' },
  { text: 'Carers' },
  { text: 'Town and postcode' },
  { text: 'Approval status' },
  { text: 'Approved for', format: 'numeric' },
  { text: 'Placed now', format: 'numeric' },
  { text: 'Supervising social worker' },
];

type ListItem = Pick<HouseholdListItem, 'id' | 'reference' | 'carers' | 'town' | 'postcode' | 'approvalStatus' | 'approvedChildren' | 'childrenPlacedNow' | 'supervisingSocialWorkerName'>;

/** One row of the households list: reference (a link), carers, where, approval tag, numbers approved and placed, SSW. */
export function householdListRow(h: ListItem): Cell[] {
  return [
    { parts: [linkTo(paths.households.show(h.id), h.reference)] },
    { text: carerNames(h.carers) },
    { text: `${h.town}, ${h.postcode}` },
    { parts: [{ tag: approvalTag(h.approvalStatus) }] },
    { text: String(h.approvedChildren), format: 'numeric' },
    { text: String(h.childrenPlacedNow), format: 'numeric' },
    { text: h.supervisingSocialWorkerName ?? 'Not allocated' },
  ];
}

const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
const ageRange = (min: number, max: number) => (min === max ? `${min} years` : `${min} to ${max} years`);

/** The summary at the top of the household's record; the address one line each. */
export function householdSummary(h: Pick<HouseholdView, 'reference' | 'carers' | 'addressLine1' | 'addressLine2' | 'town' | 'postcode' | 'fosteringServiceName' | 'supervisingSocialWorkerName'>): SummaryRow[] {
  const address = [h.addressLine1, h.addressLine2, h.town, h.postcode].filter((l): l is string => !!l);
  return [
    row('Reference', h.reference),
    row('Carers', carerNames(h.carers)),
    { key: { text: 'Address' }, value: { parts: address.map(text) } },
    row('Fostering service', h.fosteringServiceName),
    row('Supervising social worker', h.supervisingSocialWorkerName ?? 'Not allocated'),
  ];
}

/** A household's places today as matching counts them (the matching service's placesOf). */
export type HouseholdPlaces = { approvedChildren: number; placed: number; placesFree: number };

/**
 * The summary at the top of a household's page: approval and its terms, places free, who lives there,
 * who is placed there now and since when (each a link to the child and to the placement), the
 * supervising social worker, and what is overdue or due in the next 7 days.
 */
export function householdAtAGlance(
  h: Pick<HouseholdView, 'approvalStatus' | 'approvalDate' | 'approvedChildren' | 'ageMin' | 'ageMax' | 'placementKinds' | 'skillLevel' | 'carers' | 'members' | 'currentPlacements' | 'supervisingSocialWorkerName'>,
  places: HouseholdPlaces | null,
  obligations: readonly GlanceObligation[],
  today: IsoDate,
): SummaryRow[] {
  const kinds = h.placementKinds.length ? h.placementKinds.map((k) => PLACEMENT_KINDS[k as PlacementKind] ?? k).join(', ') : 'no kinds of placement recorded';
  const children = (n: number) => `${n} ${n === 1 ? 'child' : 'children'}`;
  const people = [...h.carers, ...h.members].map((m) => `${m.firstName} ${m.lastName} (${MEMBER_KIND_LABELS[m.kind]}${m.dateOfBirth && m.kind !== 'carer' && m.kind !== 'other_adult' ? `, age ${ageOn(m.dateOfBirth, today)}` : ''})`);
  // One line a child: their name (a link to them), then since when (a link to the placement).
  const placed: Part[] = h.currentPlacements.flatMap((p) => [
    linkTo(paths.children.show(p.child.id), `${p.child.firstName} ${p.child.lastName}`),
    { ...text(', since '), inline: 'joined' as const },
    { ...linkTo(paths.placements.show(p.placementId), formatDate(p.startDate), `the placement of ${p.child.firstName} ${p.child.lastName}`), inline: 'joined' as const },
  ]);
  return [
    row('Approval', h.approvalDate ? `${APPROVAL_STATUSES[h.approvalStatus]}, approved on ${formatDate(h.approvalDate)}` : APPROVAL_STATUSES[h.approvalStatus]),
    row('Terms of approval', `Up to ${children(h.approvedChildren)}, aged ${ageRange(h.ageMin, h.ageMax)}; ${kinds}; skill level ${h.skillLevel}`),
    row(
      'Places free',
      places === null
        ? 'Not known'
        : h.approvalStatus === 'approved'
          ? `${places.placesFree} of ${places.approvedChildren} (${children(places.placed)} placed)`
          : `None: the household is not approved (${children(places.placed)} placed)`,
    ),
    people.length ? { key: { text: `Who lives here (${people.length})` }, value: { parts: [listPart(people)] } } : row('Who lives here', 'No one recorded'),
    placed.length ? { key: { text: `Placed here now (${h.currentPlacements.length})` }, value: { parts: placed } } : row('Placed here now', 'No children placed here now'),
    row('Supervising social worker', h.supervisingSocialWorkerName ?? 'Not allocated'),
    ...glanceObligationRows(obligations, today),
  ];
}

/** Approval and terms of approval. */
export function approvalSummary(h: Pick<HouseholdView, 'approvalStatus' | 'approvalDate' | 'approvedChildren' | 'ageMin' | 'ageMax' | 'placementKinds' | 'skillLevel'>): SummaryRow[] {
  return [
    row('Approval status', APPROVAL_STATUSES[h.approvalStatus]),
    row('Date of approval', h.approvalDate ? formatDate(h.approvalDate) : 'Not approved yet'),
    row('Number of children', `${h.approvedChildren} ${h.approvedChildren === 1 ? 'child' : 'children'}`),
    row('Age range', ageRange(h.ageMin, h.ageMax)),
    row('Kinds of placement', h.placementKinds.length ? h.placementKinds.map((k) => PLACEMENT_KINDS[k as PlacementKind] ?? k).join(', ') : 'None recorded'),
    row('Skill level', `Level ${h.skillLevel}`),
  ];
}

/** What the carers offer. */
export function offerSummary(h: Pick<HouseholdView, 'languages' | 'faith' | 'experience' | 'preferences' | 'pets' | 'accessibleHome'>): SummaryRow[] {
  return [
    row('Languages', h.languages.length ? h.languages.join(', ') : 'Not recorded'),
    row('Faith', h.faith ?? 'Not recorded'),
    row('Experience of', h.experience.length ? h.experience.map((t) => NEED_TAGS[t as NeedTag] ?? t).join(', ') : 'None recorded'),
    row('Preferences', h.preferences.length ? h.preferences.map((p) => CARER_PREFERENCES[p as CarerPreference] ?? p).join(', ') : 'None recorded'),
    row('Pets', yesNo(h.pets)),
    row('Accessible home', yesNo(h.accessibleHome)),
  ];
}

/** The children placed here now: the child (a link, reference below), age today, the placement (a link by its start). */
export function placedNowTable(placements: HouseholdView['currentPlacements'], today: IsoDate): Table {
  return {
    head: [{ text: 'Child' }, { text: 'Date of birth' }, { text: 'Placed since' }, { text: 'Placement type' }, { text: 'Placing authority' }, { text: 'Social worker' }],
    rows: placements.map((p) => [
      { parts: [linkTo(paths.children.show(p.child.id), `${p.child.firstName} ${p.child.lastName}`), hint(p.child.reference)] },
      { text: `${formatDate(p.child.dateOfBirth)} (age ${ageOn(p.child.dateOfBirth, today)})` },
      { parts: [linkTo(paths.placements.show(p.placementId), formatDate(p.startDate))] },
      { text: withMeaning('placementType', p.placementType) },
      { text: p.placingAuthority.name },
      { text: p.socialWorkerName ?? 'Not allocated' },
    ]),
  };
}

/** Household members; for someone who may change the record, each with a link to remove them (after a confirmation page). */
export function membersTable(householdId: string, members: HouseholdView['members'], today: IsoDate, canWrite = false): Table {
  return {
    head: [{ text: 'Name' }, { text: 'Who' }, { text: 'Date of birth' }, ...(canWrite ? [{ parts: [visuallyHidden('Actions')] }] : [])],
    rows: members.map((m) => {
      const name = `${m.firstName} ${m.lastName}`;
      return [
        { text: name },
        { text: MEMBER_KIND_LABELS[m.kind] },
        { text: m.dateOfBirth ? `${formatDate(m.dateOfBirth)} (age ${ageOn(m.dateOfBirth, today)})` : 'Not recorded' },
        ...(canWrite ? [{ parts: [{ text: 'Remove', href: paths.households.removeMember(householdId, m.id), hidden: name }] }] : []),
      ];
    }),
  };
}

/** Exemptions from the usual fostering limit: the children each names (links, one a line), and whether it is in force today. */
export function exemptionsTable(exemptions: HouseholdView['exemptions'], today: IsoDate): Table {
  return {
    head: [{ text: 'Children named' }, { text: 'Conditions' }, { text: 'Granted by' }, { text: 'From' }, { text: 'Until' }, { text: 'In force today' }],
    rows: exemptions.map((e) => [
      { parts: e.children.map((c) => linkTo(paths.children.show(c.id), `${c.firstName} ${c.lastName} (${c.reference})`)) },
      { text: e.conditions || 'None' },
      { text: e.grantingAuthorityName },
      { text: formatDate(e.startDate) },
      { text: e.endDate ? formatDate(e.endDate) : 'No end date' },
      { text: exemptionInForce(e, today) ? 'Yes' : 'No' },
    ]),
  };
}
