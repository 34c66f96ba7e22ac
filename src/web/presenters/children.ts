/**
 * A child's pages as data: the questions of the child's forms, the list's rows, the record's summary
 * and the tables of its sections (legal status, siblings, placements, missing periods, social
 * workers, documents, SSDA903 checks), all as GOV.UK macro parameters.
 */
import type { ChildListItem, ChildRecord } from '../../services/children.ts';
import type { ReturnFailure, ReturnProblem } from '../../services/ssda903.ts';
import type { FieldError } from '../../services/errors.ts';
import { todayInEngland, type IsoDate } from '../../domain/dates.ts';
import { MAX_FAMILY_MEMBERS, MAX_OTHER_NAMES, OTHER_NAME_KINDS, asksSocialWorkerChangeReason, legalStatusLabel } from '../../domain/records/child.ts';
import { MISSING_CODES, REC_CODES, SW_REASON_CODES } from '../../domain/ssda903/return-codes.ts';
import { codesWithLabels, collectionYearOn } from '../../domain/records/return-fields.ts';
import { CATEGORY_OF_NEED, ETHNICITY_CODES, LEGAL_STATUS, SEX_CODES, UPN_UNKNOWN_CODES } from '../../domain/ssda903/codes.ts';
import { CHILD_FORM_HINTS } from '../../domain/ssda903/record-rules.ts';
import { paths } from '../../http/paths.ts';
import { itemsFrom, type Field } from '../forms.ts';
import { fixHref } from './ssda903.ts';
import { formatSize } from './documents.ts';
import { formatDate, glanceObligationRows, visuallyHidden, linkTo, listPart, tagPart, text, type Cell, type GlanceObligation, type Part, type SummaryRow, type Table } from './common.ts';
import { withMeaning } from '../../domain/ssda903/meanings.ts';

/** Unlinking a sibling: built on the siblings path so there is no separate URL literal. */
export const unlinkSiblingPath = (id = ':id', siblingId = ':siblingId') => `${paths.children.siblings(id)}/${siblingId}/unlink`;
/** Missing periods: built on the child's path so there is no separate URL literal. */
export const missingPath = (id = ':id') => `${paths.children.show(id)}/missing`;
export const editMissingPath = (id = ':id', missingId = ':missingId') => `${missingPath(id)}/${missingId}`;

const label = <T extends Record<string, string>>(codes: T, code: string | null | undefined) => (code && code in codes ? codes[code as keyof T] : (code ?? ''));

// ---------------------------------------------------------------------------------------------
// Questions
// ---------------------------------------------------------------------------------------------

export const legalStatusFields: Field[] = [
  { name: 'code', label: 'Legal status', type: 'select', items: itemsFrom(LEGAL_STATUS) },
  { name: 'startDate', label: 'Start date', type: 'date' },
  { name: 'endDate', label: 'End date (optional)', type: 'date', hint: 'Leave blank if this legal status is still in force' },
];

/** The codes of the collection year containing `today`, as select items. */
const yearItems = (list: Parameters<typeof codesWithLabels>[0], today: string) => itemsFrom(codesWithLabels(list, collectionYearOn(today)));

/**
 * The end-date field has its own name so it does not clash with the add form on the same page.
 * When no legal status follows, the period of care ends: the form asks why (REC).
 */
export const endLegalStatusFields = (today: string): Field[] => [
  { name: 'endOn', label: 'End date', type: 'date', hint: 'For example, 27 3 2025' },
  {
    name: 'careEndedReason',
    label: 'If the child stops being looked after on this date, why?',
    hint: 'Leave blank if another legal status follows. Otherwise this is the reason the period of care ended, as reported in the SSDA903 return',
    type: 'select',
    placeholder: 'Another legal status follows',
    items: yearItems(REC_CODES, today).filter((i) => i.value !== 'X1'),
  },
];

export const missingFields = (today: string): Field[] => [
  { name: 'kind', label: 'Missing or away without authorisation?', type: 'radios', items: yearItems(MISSING_CODES, today) },
  { name: 'startedOn', label: 'Start date', type: 'date', hint: 'For example, 27 3 2025' },
  { name: 'endedOn', label: 'End date (optional)', type: 'date', hint: 'Leave blank while the child is still missing or away' },
];

export const siblingFields: Field[] = [
  { name: 'siblingReference', label: "Sibling's child reference", hint: 'For example, C123456', classes: 'govuk-input--width-10' },
];

const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];

/** On the change page, the question asked when the allocated social worker changes (from the year it is collected). */
export const socialWorkerChangeFields = (today: string): Field[] =>
  asksSocialWorkerChangeReason(today)
    ? [
        {
          name: 'socialWorkerChangeReason',
          label: 'Why did the social worker change? (only if you change the allocated social worker)',
          hint: 'Needed when you change or remove the allocated social worker: the reason is recorded on the social worker episode that ends today',
          type: 'select',
          placeholder: 'The social worker has not changed',
          items: yearItems(SW_REASON_CODES, today),
        },
      ]
    : [];

type Option = { id: string; name: string };
export type ChildFieldOptions = {
  organisations: readonly (Option & { kind: string; laCode?: string | null })[];
  workers: readonly (Option & { role: string })[];
  iros: readonly Option[];
};

/** The child's add and change form. */
export function childFields({ organisations, workers, iros }: ChildFieldOptions): Field[] {
  return [
    { name: 'firstName', label: 'First name', autocomplete: 'off' },
    { name: 'lastName', label: 'Last name', autocomplete: 'off' },
    { name: 'dateOfBirth', label: 'Date of birth', type: 'date', hint: 'For example, 27 3 2015' },
    { name: 'sex', label: 'Sex', type: 'radios', hint: CHILD_FORM_HINTS.sex, items: itemsFrom(SEX_CODES, false) },
    { name: 'ethnicity', label: 'Ethnicity', type: 'select', items: itemsFrom(ETHNICITY_CODES) },
    {
      name: 'upn',
      label: 'Unique pupil number (UPN)',
      hint: '13 characters, like A123456789012. If not known, enter UN1 (not of school age), UN2 (never attended school), UN3 (educated outside England), UN4 (not yet obtained) or UN5 (sources disagree)',
      classes: 'govuk-input--width-20',
      autocomplete: 'off',
    },
    {
      name: 'responsibleAuthorityId',
      label: 'Responsible authority',
      type: 'select',
      items: organisations.filter((o) => o.kind === 'local_authority').map((o) => ({ value: o.id, text: o.laCode ? `${o.name} (${o.laCode})` : o.name })),
    },
    {
      name: 'socialWorkerId',
      label: 'Allocated social worker (optional)',
      type: 'select',
      placeholder: 'Not allocated',
      items: workers.map((u) => ({ value: u.id, text: u.role === 'team_manager' ? `${u.name} (team manager)` : u.name })),
    },
    {
      name: 'iroId',
      label: 'Independent reviewing officer (optional)',
      hint: "The IRO chairs the child's looked-after reviews",
      type: 'select',
      placeholder: 'Not allocated',
      items: iros.map((u) => ({ value: u.id, text: u.name })),
    },
    { name: 'categoryOfNeed', label: 'Category of need', hint: 'The main reason the child is looked after. It stays the same for the whole period of care', type: 'select', items: itemsFrom(CATEGORY_OF_NEED) },
    { name: 'uasc', label: 'Is the child an unaccompanied asylum-seeking child (UASC)?', type: 'radios', items: YES_NO, classes: 'govuk-radios--inline' },
    { name: 'uascCeasedOn', label: 'Date UASC status ceased (optional)', type: 'date', hint: 'Only for a UASC: the date they stopped being one, for example when they turned 18 or were granted status. For example, 27 3 2025' },
    { name: 'isMother', label: 'Is the child a mother?', hint: 'Girls only', type: 'radios', items: YES_NO, classes: 'govuk-radios--inline' },
    { name: 'motherChildDob', label: 'Date of birth of her first child', type: 'date', hint: 'Only if she is a mother. For example, 27 3 2025' },
    { name: 'homePostcode', label: 'Home postcode (optional)', hint: CHILD_FORM_HINTS.homePostcode, classes: 'govuk-input--width-10', autocomplete: 'off' },
    {
      name: 'reference',
      label: 'Child reference (optional)',
      hint: "The local authority's CHILD id: up to 10 letters or digits. Leave blank to keep the current one, or to have one made for a new child",
      classes: 'govuk-input--width-10',
      autocomplete: 'off',
    },
  ];
}

/** The list's filters. */
/** The list's filters; `inTeam`: the people offered are those of the viewer's team (and any chosen), as the hints say. */
export function childListFilters({ organisations, workers, iros }: ChildFieldOptions, o: { inTeam?: boolean } = {}) {
  const hint = o.inTeam ? { hint: 'Yourself, or someone in your team' } : {};
  return [
    { name: 'q', label: 'Name, other name, reference or UPN' },
    {
      name: 'responsibleAuthorityId',
      label: 'Responsible authority',
      type: 'select',
      placeholder: 'Any',
      items: organisations.filter((o) => o.kind === 'local_authority').map((o) => ({ value: o.id, text: o.name })),
    },
    {
      name: 'socialWorker',
      label: 'Social worker',
      ...hint,
      type: 'select',
      placeholder: 'Any',
      items: [{ value: 'mine', text: 'Allocated to me' }, ...workers.map((u) => ({ value: u.id, text: u.name }))],
    },
    {
      name: 'iro',
      label: 'Independent reviewing officer',
      ...hint,
      type: 'select',
      placeholder: 'Any',
      items: [{ value: 'mine', text: 'Allocated to me' }, ...iros.map((u) => ({ value: u.id, text: u.name }))],
    },
    { name: 'categoryOfNeed', label: 'Category of need', type: 'select', placeholder: 'Any', items: itemsFrom(CATEGORY_OF_NEED) },
    { name: 'legalStatus', label: 'Current legal status', type: 'select', placeholder: 'Any', items: itemsFrom(LEGAL_STATUS) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Other names and family members on the child's form: numbered rows of fields named
// `list.index.field`, with spare blank rows, as the placement planning records have
// ---------------------------------------------------------------------------------------------

export type RowListName = 'otherNames' | 'familyMembers';
type RowList = { name: RowListName; heading: string; hint: string; itemNoun: string; max: number; minRows: number; fields: readonly Field[] };

/** Blank rows shown after those filled in. */
const SPARE_ROWS = 2;

export const childRowLists: readonly RowList[] = [
  {
    name: 'otherNames',
    heading: 'Other names',
    hint: 'Nicknames, preferred names and previous names, for example a birth name or a surname before adoption. They are removed from the anonymised summary sent to the social workers of other children.',
    itemNoun: 'Other name',
    max: MAX_OTHER_NAMES,
    minRows: 2,
    fields: [
      { name: 'name', label: 'Name', autocomplete: 'off' },
      { name: 'kind', label: 'Kind of name', type: 'select', items: itemsFrom(OTHER_NAME_KINDS, false) },
    ],
  },
  {
    name: 'familyMembers',
    heading: 'Family members',
    hint: "The child's parents and other relatives. Their names are removed from the anonymised summary too.",
    itemNoun: 'Family member',
    max: MAX_FAMILY_MEMBERS,
    minRows: 2,
    fields: [
      { name: 'name', label: 'Full name', autocomplete: 'off' },
      { name: 'relationship', label: 'Relationship to the child', hint: 'For example, mother, father, maternal grandmother or aunt', classes: 'govuk-!-width-two-thirds', autocomplete: 'off' },
    ],
  },
];

/** A posted or stored field of a row list: `otherNames.0.name`. */
export const ROW_KEY = /^(otherNames|familyMembers)\.(\d{1,3})\.([a-z]+)$/i;
const isFilled = (v: unknown): boolean => (Array.isArray(v) ? v.some(isFilled) : typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);

/** The rows a list shows: those up to the last one filled in (in the record, or as posted), then spare ones. */
function rowCount(list: RowList, values: Record<string, unknown>): number {
  let held = 0;
  for (const [key, value] of Object.entries(values)) {
    const m = ROW_KEY.exec(key);
    if (m && m[1] === list.name && isFilled(value)) held = Math.max(held, Number(m[2]) + 1);
  }
  return Math.min(list.max, Math.max(held + SPARE_ROWS, list.minRows));
}

/** The lists of rows on the child's form, each row a fieldset of numbered fields. */
export function rowListViews(values: Record<string, unknown>, errors: FieldError[]) {
  return childRowLists.map((list) => ({
    name: list.name,
    heading: list.heading,
    hint: list.hint,
    error: errors.find((e) => e.field === list.name)?.message,
    rows: Array.from({ length: rowCount(list, values) }, (_, i) => ({
      legend: `${list.itemNoun} ${i + 1}`,
      fields: list.fields.map((f) => ({ ...f, name: `${list.name}.${i}.${f.name}` })),
    })),
  }));
}

/** The child's own details: what the summary shows and the change form edits. */
type OwnDetails =
  | 'reference'
  | 'firstName'
  | 'lastName'
  | 'nameRecorded'
  | 'otherNames'
  | 'familyMembers'
  | 'dateOfBirth'
  | 'sex'
  | 'ethnicity'
  | 'upn'
  | 'categoryOfNeed'
  | 'homePostcode'
  | 'uasc'
  | 'uascCeasedOn'
  | 'isMother'
  | 'motherChildDob';

/** What the change form's values are taken from: the child's own details and whom the child is allocated to. */
export type FormChild = Pick<ChildRecord, OwnDetails | 'responsibleAuthorityId' | 'socialWorkerId' | 'iroId'>;

/** The change form's values, from the record. */
export function childFormValues(c: FormChild): Record<string, unknown> {
  const out: Record<string, unknown> = {
    firstName: c.firstName,
    lastName: c.lastName,
    dateOfBirth: c.dateOfBirth,
    sex: c.sex,
    ethnicity: c.ethnicity,
    upn: c.upn,
    responsibleAuthorityId: c.responsibleAuthorityId,
    socialWorkerId: c.socialWorkerId ?? '',
    iroId: c.iroId ?? '',
    categoryOfNeed: c.categoryOfNeed,
    homePostcode: c.homePostcode ?? '',
    uasc: c.uasc ? 'yes' : 'no',
    uascCeasedOn: c.uascCeasedOn,
    isMother: c.isMother ? 'yes' : 'no',
    motherChildDob: c.motherChildDob,
    reference: c.reference,
  };
  c.otherNames.forEach((n, i) => Object.assign(out, { [`otherNames.${i}.name`]: n.name, [`otherNames.${i}.kind`]: n.kind }));
  c.familyMembers.forEach((m, i) => Object.assign(out, { [`familyMembers.${i}.name`]: m.name, [`familyMembers.${i}.relationship`]: m.relationship }));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The list and the record
// ---------------------------------------------------------------------------------------------

export const childListHead: Table['head'] = [
  { text: 'Name' },
  { text: 'Reference' },
  { text: 'Date of birth' },
  { text: 'Age', format: 'numeric' },
  { text: 'Current legal status' },
  { text: 'Social worker' },
  { text: 'Responsible authority' },
];

/** Marks a name that is still the import's placeholder ("Child C000012"): the SSDA903 return holds no names. */
export const NAME_NOT_RECORDED = { text: 'Name not yet recorded', classes: 'govuk-tag--yellow' } as const;
const nameTag = (c: { nameRecorded: boolean }): Part[] => (c.nameRecorded ? [] : [tagPart(NAME_NOT_RECORDED, true)]);

type ListItem = Pick<ChildListItem, 'id' | 'firstName' | 'lastName' | 'nameRecorded' | 'reference' | 'dateOfBirth' | 'age' | 'currentLegalStatus' | 'socialWorkerName' | 'responsibleAuthorityName'>;

/** One row of the children list: name (a link), reference, date of birth, age, legal status, social worker, authority. */
export function childListRow(c: ListItem): Cell[] {
  return [
    { parts: [linkTo(paths.children.show(c.id), `${c.firstName} ${c.lastName}`), ...nameTag(c)] },
    { text: c.reference },
    { text: formatDate(c.dateOfBirth) },
    { text: String(c.age), format: 'numeric' },
    { text: c.currentLegalStatus ? legalStatusLabel(c.currentLegalStatus) : 'None recorded' },
    { text: c.socialWorkerName ?? 'Not allocated' },
    { text: c.responsibleAuthorityName ?? '' },
  ];
}

/** What the summary shows: the child's own details, age, legal status and the names of whom the child is allocated to. */
export type SummaryChild = Pick<ChildRecord, OwnDetails | 'age' | 'responsibleAuthorityName' | 'socialWorkerName' | 'iroName' | 'currentLegalStatus'>;

/** The summary at the top of the child's record. */
export function childSummary(c: SummaryChild): SummaryRow[] {
  const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
  /** One line each, or "None recorded". */
  const listRow = (key: string, lines: string[]): SummaryRow => (lines.length ? { key: { text: key }, value: { parts: [listPart(lines)] } } : row(key, 'None recorded'));
  const current = c.currentLegalStatus;
  return [
    row('Child reference', c.reference),
    c.nameRecorded
      ? row('Name', `${c.firstName} ${c.lastName}`)
      : { key: { text: 'Name' }, value: { parts: [text(`${c.firstName} ${c.lastName}`), tagPart(NAME_NOT_RECORDED, true), text('Imported from the SSDA903 return, which holds no names: change the child’s details to record it')] } },
    listRow('Other names', c.otherNames.map((n) => `${n.name} (${(OTHER_NAME_KINDS[n.kind] ?? n.kind).toLowerCase()})`)),
    listRow('Family members', c.familyMembers.map((m) => `${m.name} (${m.relationship})`)),
    row('Date of birth', `${formatDate(c.dateOfBirth)} (age ${c.age})`),
    row('Sex', label(SEX_CODES, c.sex)),
    row('Ethnicity', `${label(ETHNICITY_CODES, c.ethnicity)} (${c.ethnicity})`),
    row('UPN', c.upn in UPN_UNKNOWN_CODES ? `${c.upn}: ${label(UPN_UNKNOWN_CODES, c.upn)}` : c.upn),
    row('Responsible authority', c.responsibleAuthorityName ?? ''),
    row('Allocated social worker', c.socialWorkerName ?? 'Not allocated'),
    row('Independent reviewing officer', c.iroName ?? 'Not allocated'),
    row('Category of need', `${c.categoryOfNeed}: ${label(CATEGORY_OF_NEED, c.categoryOfNeed)}`),
    row('Current legal status', current ? `${legalStatusLabel(current.code)}, since ${formatDate(current.startDate)}` : 'None recorded'),
    row('Home postcode', c.homePostcode ?? 'Not recorded'),
    row('Unaccompanied asylum-seeking child', c.uasc ? (c.uascCeasedOn ? `Yes, until ${formatDate(c.uascCeasedOn)}` : 'Yes') : 'No'),
    ...(c.sex === 'F' || c.isMother ? [row('Is a mother', c.isMother ? `Yes, first child born ${c.motherChildDob ? formatDate(c.motherChildDob) : '(date not recorded)'}` : 'No')] : []),
  ];
}

/** The legal statuses, each with the reason the period of care ended on its end date, if it did. */
export function legalStatusTable(c: {
  legalStatuses: readonly Pick<ChildRecord['legalStatuses'][number], 'code' | 'startDate' | 'endDate'>[];
  careEndings: readonly Pick<ChildRecord['careEndings'][number], 'endedOn' | 'reason'>[];
}): Table {
  return {
    head: [{ text: 'Legal status' }, { text: 'From' }, { text: 'To' }, { text: 'Period of care ended' }],
    rows: c.legalStatuses.map((p) => {
      const ending = p.endDate ? c.careEndings.find((e) => e.endedOn === p.endDate) : undefined;
      return [
        { text: legalStatusLabel(p.code) },
        { text: formatDate(p.startDate) },
        { text: p.endDate ? formatDate(p.endDate) : 'No end date' },
        { text: ending ? `${ending.reason}: ${REC_CODES[ending.reason]?.label ?? ''}` : '' },
      ];
    }),
  };
}

const actionsHead = { parts: [visuallyHidden('Actions')] };

/** Siblings; for someone who may change the record, each with a link to unlink them (after a confirmation page). */
export function siblingsTable(childId: string, siblings: readonly Pick<ChildRecord['siblings'][number], 'id' | 'firstName' | 'lastName' | 'reference' | 'dateOfBirth'>[], canWrite = false): Table {
  return {
    head: [{ text: 'Name' }, { text: 'Reference' }, { text: 'Date of birth' }, ...(canWrite ? [actionsHead] : [])],
    rows: siblings.map((sib) => [
      { parts: [linkTo(paths.children.show(sib.id), `${sib.firstName} ${sib.lastName}`)] },
      { text: sib.reference },
      { text: formatDate(sib.dateOfBirth) },
      ...(canWrite ? [{ parts: [{ text: 'Unlink', href: unlinkSiblingPath(childId, sib.id), hidden: `${sib.firstName} ${sib.lastName}` }] }] : []),
    ]),
  };
}

export function placementsTable(
  placements: readonly Pick<ChildRecord['placements'][number], 'id' | 'householdId' | 'householdReference' | 'startDate' | 'endDate' | 'placementType' | 'status'>[],
): Table {
  return {
    // The placement (its page holds "The first weeks") first, so it stays in view on a narrow screen.
    head: [{ text: 'Placement' }, { text: 'End' }, { text: 'Household' }, { text: 'Type' }, { text: 'Status' }],
    rows: placements.map((p) => [
      { parts: [linkTo(paths.placements.show(p.id), `From ${formatDate(p.startDate)}`, `: placement with household ${p.householdReference}`)] },
      { text: p.endDate ? formatDate(p.endDate) : '' },
      { parts: [linkTo(paths.households.show(p.householdId), p.householdReference)] },
      { text: withMeaning('placementType', p.placementType) },
      { text: p.status.charAt(0).toUpperCase() + p.status.slice(1) },
    ]),
  };
}


/**
 * The summary at the top of the child's page: where the child lives now and since when, with whom,
 * the social worker, the IRO, the legal status, and what is overdue or due in the next 7 days.
 */
export function childAtAGlance(
  c: Pick<ChildRecord, 'socialWorkerName' | 'iroName' | 'currentLegalStatus'> & { placements: readonly Pick<ChildRecord['placements'][number], 'id' | 'householdReference' | 'startDate' | 'endDate' | 'status' | 'carers'>[] },
  obligations: readonly GlanceObligation[],
  today: IsoDate,
): SummaryRow[] {
  const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
  const now = c.placements.find((p) => p.status !== 'cancelled' && p.startDate <= today && (p.endDate === null || p.endDate > today));
  return [
    now
      ? { key: { text: 'Lives with' }, value: { parts: [linkTo(paths.placements.show(now.id), `Household ${now.householdReference}`), text(`, since ${formatDate(now.startDate)}`)] } }
      : row('Lives with', 'Not placed with carers now'),
    row('Carers', now?.carers ?? (now ? 'None recorded' : '—')),
    row('Social worker', c.socialWorkerName ?? 'Not allocated'),
    row('Independent reviewing officer', c.iroName ?? 'Not allocated'),
    row('Legal status', c.currentLegalStatus ? `${legalStatusLabel(c.currentLegalStatus.code)}, since ${formatDate(c.currentLegalStatus.startDate)}` : 'None recorded'),
    ...glanceObligationRows(obligations, today),
  ];
}

/** Missing and away periods; for someone who may change them, each with a link to change (or end) it. */
export function missingTable(childId: string, periods: readonly Pick<ChildRecord['missingPeriods'][number], 'id' | 'kind' | 'startedOn' | 'endedOn'>[], canWrite: boolean): Table {
  return {
    head: [{ text: 'Kind' }, { text: 'From' }, { text: 'To' }, ...(canWrite ? [actionsHead] : [])],
    rows: periods.map((m) => [
      { text: MISSING_CODES[m.kind]?.label ?? m.kind },
      { text: formatDate(m.startedOn) },
      { text: m.endedOn ? formatDate(m.endedOn) : 'Not yet ended' },
      ...(canWrite ? [{ parts: [linkTo(editMissingPath(childId, m.id), m.endedOn ? 'Change' : 'End or change', `the period from ${formatDate(m.startedOn)}`)] }] : []),
    ]),
  };
}

export function socialWorkersTable(episodes: ChildRecord['socialWorkerEpisodes']): Table {
  return {
    head: [{ text: 'Social worker' }, { text: 'Social worker ID (SW_ID)' }, { text: 'From' }, { text: 'To' }, { text: 'Why it changed' }],
    rows: episodes.map((e) => [
      { text: e.socialWorkerName ?? '' },
      { text: e.swId },
      { text: formatDate(e.startedOn) },
      { text: e.endedOn ? formatDate(e.endedOn) : 'Current' },
      { text: e.reason ? `${e.reason}: ${SW_REASON_CODES[e.reason]?.label ?? ''}` : '' },
    ]),
  };
}

/** Documents filed on the child's record (meeting minutes, plans …), each a link to its PDF. */
export function childDocumentsTable(childId: string, filed: readonly { id: string; title: string; createdAt: Date; sizeBytes: number }[]): Table {
  return {
    head: [{ text: 'Document' }, { text: 'Filed' }, { text: 'Size' }],
    rows: filed.map((d) => [
      { parts: [linkTo(paths.planning.childDocument(childId, d.id), d.title)] },
      { text: formatDate(todayInEngland(d.createdAt)) },
      { text: formatSize(d.sizeBytes) },
    ]),
  };
}

/** What this year's SSDA903 checks found wrong with the child's record, and where to put it right. */
export function returnCheckTable(check: { problems: readonly Pick<ReturnProblem, 'message' | 'fix'>[]; failures: readonly Pick<ReturnFailure, 'rule' | 'severity' | 'message' | 'howToFix' | 'fix'>[] }): Table {
  return {
    head: [{ text: 'Check' }, { text: 'What is wrong' }, { text: 'How to put it right' }],
    rows: [
      ...check.problems.map((p): Cell[] => [{ text: 'Record' }, { text: p.message }, { parts: [linkTo(fixHref(p.fix), 'Correct it')] }]),
      ...check.failures.map((f): Cell[] => [
        { text: `Rule ${f.rule}${f.severity === 'warning' ? ' (warning)' : ''}` },
        { text: f.message },
        f.fix ? { parts: [text(f.howToFix ?? ''), { ...linkTo(fixHref(f.fix), 'Correct it'), inline: true }] } : { text: f.howToFix ?? '' },
      ]),
    ],
  };
}

/**
 * The children list's two views as links, each keeping the filters: the children in care today (the
 * default) and all children, those who have left care too. The current one is marked for assistive technology.
 */
export function childListViews(path: string, filters: Record<string, string | undefined>, everyone: boolean) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') q.set(k, v);
  const inCare = q.toString();
  q.set('view', 'all');
  return [
    { text: 'Children in care', href: inCare ? `${path}?${inCare}` : path, current: !everyone },
    { text: 'All children', href: `${path}?${q.toString()}`, current: everyone },
  ];
}
