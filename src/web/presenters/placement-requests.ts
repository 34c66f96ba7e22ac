/**
 * The Placement Request Form's pages as data. Its questions are defined once, here (`requestQuestions`),
 * and everything else is derived from them: the question pages, the fields read from a post, the
 * check-answers rows with their Change links, where an error message links to, and which page a field
 * is on. Also the request's summary, status tag, status history and the list's rows.
 */
import type { FieldError } from '../../services/errors.ts';
import type { PlacementRequestView, RequestListItem, SiblingSummary, StatusHistoryEntry } from '../../services/placement-requests.ts';
import { todayInEngland } from '../../domain/dates.ts';
import { PLACEMENT_KINDS } from '../../domain/records/household.ts';
import { NEED_TAGS, REQUEST_PAGES, REQUEST_PAGE_ORDER, REQUEST_STATUSES, URGENCIES, type RequestPage, type RequestStatus } from '../../domain/records/placement-request.ts';
import { paths } from '../../http/paths.ts';
import { itemsFrom, type Field } from '../forms.ts';
import { formatDate, formatDateTime, linkTo, secondary, tagPart, text, type Cell, type Part, type SummaryRow, type Tag } from './common.ts';

const STATUS_TAG_CLASSES: Record<RequestStatus, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  matching: 'govuk-tag--light-blue',
  proposed: 'govuk-tag--purple',
  confirmed: 'govuk-tag--green',
  withdrawn: 'govuk-tag--red',
};

/** A request's status as a GOV.UK tag. */
export const requestStatusTag = (status: RequestStatus): Tag => ({ text: REQUEST_STATUSES[status], classes: STATUS_TAG_CLASSES[status] });

const isRequestStatus = (s: string): s is RequestStatus => Object.hasOwn(REQUEST_STATUSES, s);

// ---------------------------------------------------------------------------------------------
// The questions
// ---------------------------------------------------------------------------------------------

/** A question on a page: the generic fields, plus a single yes/no tick box ('flag'). */
export type RequestField = Omit<Field, 'type'> & { type?: Field['type'] | 'flag' };
/** Questions under a heading (a group may only explain, with no questions). */
export type QuestionGroup = { heading?: string; text?: string; fields: RequestField[] };
/** What the questions' wording depends on: the child's first name and the children linked as their siblings. */
export type QuestionContext = { firstName: string; linkedSiblings: readonly SiblingSummary[] };

const flag = (name: string, label: string, hint?: string): RequestField => ({ name, label, type: 'flag', ...(hint ? { hint } : {}) });
const textarea = (name: string, label: string, hint?: string): RequestField => ({ name, label, type: 'textarea', ...(hint ? { hint } : {}) });
const NONE_KNOWN = 'Write "none known" if there is none.';

/** The siblings question; with no linked siblings it is not asked, but still answered (none) and read from a post. */
function siblingsQuestion(c: QuestionContext): RequestField {
  if (!c.linkedSiblings.length) return { name: 'siblingIds', label: 'Brothers and sisters to be placed together', type: 'checkboxes' };
  return {
    name: 'siblingIds',
    label: `Which brothers and sisters should be placed together with ${c.firstName}?`,
    type: 'checkboxes',
    hint: `Select all that apply. The children linked as siblings on ${c.firstName}'s record are listed.`,
    items: c.linkedSiblings.map((s) => ({ value: s.id, text: `${s.firstName} ${s.lastName} (${s.reference}), born ${formatDate(s.dateOfBirth)}` })),
  };
}

/** The questions of each page, grouped under headings, as the page asks them. The one definition of the form's fields. */
export function requestQuestions(page: RequestPage, c: QuestionContext): QuestionGroup[] {
  const first = c.firstName;
  switch (page) {
    case 'basics':
      return [
        {
          fields: [
            { name: 'urgency', label: 'Is this an emergency or a planned placement?', type: 'radios', items: itemsFrom(URGENCIES, false) },
            { name: 'kind', label: 'What kind of placement is needed?', type: 'radios', items: itemsFrom(PLACEMENT_KINDS, false) },
            { name: 'neededBy', label: 'When is the placement needed by?', type: 'date', hint: 'For example, 27 3 2026' },
          ],
        },
        c.linkedSiblings.length
          ? { fields: [siblingsQuestion(c)] }
          : {
              heading: 'Brothers and sisters',
              text: `No children are linked as siblings on ${first}'s record. To place brothers and sisters together, link them on the child's page first.`,
              fields: [],
            },
      ];
    case 'needs':
      return [
        {
          fields: [
            {
              name: 'needTags',
              label: `Which of these needs does ${first} have?`,
              type: 'checkboxes',
              hint: "Select all that apply. The placement team matches them with carers' experience.",
              items: itemsFrom(NEED_TAGS, false),
            },
          ],
        },
        {
          heading: 'Health, disability and adaptations',
          fields: [
            textarea('health', 'Health needs', 'Conditions, medication, appointments and therapies'),
            textarea('disability', 'Disability'),
            textarea('adaptations', 'Adaptations needed in the home'),
            flag('needsAccessibleHome', `${first} needs an accessible home`, 'For example, step-free access or a bedroom on the ground floor'),
          ],
        },
        {
          heading: 'Education',
          fields: [
            { name: 'school', label: 'School or nursery', autocomplete: 'off' },
            { name: 'schoolPostcode', label: "School's postcode", classes: 'govuk-input--width-10', autocomplete: 'off' },
            flag('keepSchool', `${first} should keep going to this school`),
            textarea('education', 'Education needs', 'For example, an education, health and care (EHC) plan, or support at school'),
          ],
        },
        {
          heading: 'Communication and language',
          fields: [
            { name: 'firstLanguage', label: 'First language', classes: 'govuk-input--width-20', autocomplete: 'off' },
            flag('interpreter', 'An interpreter is needed'),
            textarea('communication', 'Communication needs', 'For example, sign language, or a communication aid'),
          ],
        },
        {
          heading: 'Culture and religion',
          fields: [
            { name: 'religion', label: 'Religion', classes: 'govuk-input--width-20', autocomplete: 'off' },
            textarea('culture', 'Cultural needs', 'Including diet, dress, and keeping links with their community'),
          ],
        },
        {
          heading: 'Living alongside others',
          fields: [
            textarea('canLiveWith', `Who ${first} can live alongside`),
            textarea('cannotLiveWith', `Who ${first} cannot live alongside`),
            flag('noYoungerChildren', `${first} should not live with younger children`),
            flag('noOtherChildren', `${first} should be the only child in the home`),
          ],
        },
        {
          heading: 'Pets',
          fields: [flag('noPets', `${first} cannot live with pets`, 'For example, because of an allergy or a fear of animals'), textarea('pets', 'About pets', 'For example, pets the child is used to, or would like to bring')],
        },
        {
          heading: 'Extra support',
          fields: [textarea('extraSupport', 'Extra support the carers will need', 'For example, training, short breaks, or help with family time arrangements')],
        },
      ];
    case 'risks':
      return [
        {
          fields: [
            textarea('riskToSelf', `Risk to ${first} themself`, `For example, self-harm, going missing or exploitation. ${NONE_KNOWN}`),
            textarea('riskFromOthers', `Risk to ${first} from others`, `For example, people ${first} must not have contact with. ${NONE_KNOWN}`),
            textarea('riskToOthers', `Risk ${first} may pose to others`, `Including to other children in the home. ${NONE_KNOWN}`),
          ],
        },
      ];
    case 'views':
      return [
        {
          fields: [
            textarea('childViews', `What ${first} wants from their new home`, `In ${first}'s own words where you can: who they would like to live with, school, friends, family time, and what worries them`),
            textarea('viewsNotSoughtReason', `If ${first}'s views were not sought, why not?`, 'For example, because of their age'),
          ],
        },
      ];
  }
}

/** Every answer a page holds, asked or not (the siblings list is kept even when no sibling is linked). */
export function pageFields(page: RequestPage, c: QuestionContext): RequestField[] {
  const fields = requestQuestions(page, c).flatMap((g) => g.fields);
  if (page === 'basics' && !fields.some((f) => f.name === 'siblingIds')) fields.push(siblingsQuestion(c));
  return fields;
}

/** The fields read from a posted page: the same questions, whatever the request's siblings. */
export const postedFields = (page: RequestPage): RequestField[] => pageFields(page, { firstName: '', linkedSiblings: [] });

/** The page a field is asked on, if it is one of the form's. */
export function pageOfField(name: string): { page: RequestPage; field: RequestField } | undefined {
  for (const page of REQUEST_PAGE_ORDER) {
    const field = postedFields(page).find((f) => f.name === name);
    if (field) return { page, field };
  }
  return undefined;
}

/** Where a field's error links to: a date's first box, otherwise the field. */
const anchorOf = (f: Pick<RequestField, 'name' | 'type'>) => (f.type === 'date' ? `${f.name}-day` : f.name);

/** A link to a field of the form, on its own page (`from` returns there after saving). */
export function fieldHref(requestId: string, name: string, from?: 'check' | 'request'): string | undefined {
  const found = pageOfField(name);
  if (!found) return undefined;
  return `${paths.requests.page(requestId, found.page)}${from ? `?from=${from}` : ''}#${anchorOf(found.field)}`;
}

/** Errors named after list items (siblingIds.0) belong to the list. */
export const normaliseErrors = (errors: FieldError[]): FieldError[] => errors.map((e) => ({ ...e, field: e.field.replace(/\.\d+$/, '') }));

/** A question page's error summary: each message links to its question on the page. */
export function questionErrorList(errors: FieldError[], fields: RequestField[]): { text: string; href: string }[] {
  return errors.map((e) => {
    const f = fields.find((x) => x.name === e.field);
    return { text: e.message, href: f ? `#${anchorOf(f)}` : '#main-content' };
  });
}

/** The check-answers page's error summary: each message links to its question on its own page. */
export const checkErrorList = (requestId: string, errors: FieldError[]) =>
  errors.map((e) => ({ text: e.message, href: fieldHref(requestId, e.field, 'check') ?? '#main-content' }));

/** What the request still needs before it can be submitted, each linking to its question. */
export const missingList = (r: Pick<PlacementRequestView, 'id' | 'missing'>) =>
  r.missing.map((m) => ({ text: m.message, href: fieldHref(r.id, m.field) ?? paths.requests.page(r.id, m.page) }));

// ---------------------------------------------------------------------------------------------
// Answers: stored, posted and shown
// ---------------------------------------------------------------------------------------------

type Answers = Pick<PlacementRequestView, 'urgency' | 'kind' | 'neededBy' | 'siblingIds' | 'needs' | 'risks' | 'views'>;

/** A page's stored answers, by field name. */
function storedAnswers(page: RequestPage, r: Answers): Record<string, unknown> {
  if (page === 'basics') return { urgency: r.urgency, kind: r.kind, neededBy: r.neededBy, siblingIds: r.siblingIds };
  return page === 'needs' ? r.needs : page === 'risks' ? r.risks : r.views;
}

const asArray = (v: unknown): string[] => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map(String));
const isGeneric = (f: RequestField): f is Field => f.type !== 'flag';

/** The generic fields of a page (for formToInput), and its tick boxes apart. */
export const genericFields = (fields: RequestField[]): Field[] => fields.filter(isGeneric);
export const flagFields = (fields: RequestField[]): RequestField[] => fields.filter((f) => f.type === 'flag');

/** The stored answers of a page, as the form shows them. */
export function formValues(page: RequestPage, r: Answers, fields: RequestField[]): Record<string, unknown> {
  const source = storedAnswers(page, r);
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    const v = source[f.name];
    if (f.type === 'flag') values[f.name] = v === true ? 'true' : '';
    else if (f.type === 'checkboxes') values[f.name] = asArray(v);
    else values[f.name] = v ?? '';
  }
  return values;
}

/** Posted values shown again after a failed post: tick-box lists kept as lists. */
export function keepLists(values: Record<string, unknown>, fields: RequestField[]): Record<string, unknown> {
  const out = { ...values };
  for (const f of fields) if (f.type === 'checkboxes') out[f.name] = asArray(out[f.name]);
  return out;
}

/** Text as typed, each line on its own line. */
const lines = (s: string): Part[] => s.split(/\r?\n/).map(text);

type Value = SummaryRow['value'];

/** One answer as the summary list shows it. */
export function answerValue(f: RequestField, value: unknown, siblings: readonly SiblingSummary[]): Value {
  if (f.type === 'flag') return { text: value === true ? 'Yes' : 'No' };
  if (f.name === 'siblingIds') return siblings.length ? { parts: siblings.map((s) => text(`${s.firstName} ${s.lastName} (${s.reference})`)) } : { text: 'None' };
  if (f.type === 'checkboxes') {
    const chosen = asArray(value);
    return chosen.length ? { parts: chosen.map((c) => text(f.items?.find((i) => i.value === c)?.text ?? c)) } : { text: 'None selected' };
  }
  if (value === undefined || value === null || value === '') return { text: 'Not answered' };
  if (f.type === 'date') return { text: formatDate(String(value)) };
  if (f.type === 'radios' || f.type === 'select') return { text: f.items?.find((i) => i.value === value)?.text ?? String(value) };
  return { parts: lines(String(value)) };
}

export type AnswerSection = { id: RequestPage; title: string; rows: SummaryRow[] };
type AnsweredRequest = Answers & Pick<PlacementRequestView, 'id' | 'siblings' | 'linkedSiblings'> & { child: { firstName: string } };

/** The answers, page by page, as summary lists; with Change links (returning to `from`) when the request can still be changed. */
export function answerSections(r: AnsweredRequest, change: { from: 'check' | 'request' } | null): AnswerSection[] {
  const c = { firstName: r.child.firstName, linkedSiblings: r.linkedSiblings };
  return REQUEST_PAGE_ORDER.map((page) => {
    const stored = storedAnswers(page, r);
    return {
      id: page,
      title: REQUEST_PAGES[page].title,
      rows: pageFields(page, c).map((f) => ({
        key: { text: f.label },
        value: answerValue(f, stored[f.name], r.siblings),
        ...(change ? { actions: { items: [{ href: `${paths.requests.page(r.id, page)}?from=${change.from}#${anchorOf(f)}`, text: 'Change', visuallyHiddenText: f.label.toLowerCase() }] } } : {}),
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The list, the request's summary and history
// ---------------------------------------------------------------------------------------------

export const childName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`;

/** The list's filters. */
export const requestFilters = [
  { name: 'q', label: "Child's name or reference, or request reference" },
  { name: 'status', label: 'Status', type: 'select', placeholder: 'Any', items: itemsFrom(REQUEST_STATUSES, false) },
  { name: 'whose', label: 'Whose requests', type: 'select', placeholder: 'Everyone’s', items: [{ value: 'mine', text: 'Mine (started by me, or for children allocated to me)' }] },
];

export const requestListHead = [{ text: 'Request' }, { text: 'Child' }, { text: 'Kind of placement' }, { text: 'Needed by' }, { text: 'Status' }, { text: 'Last changed' }];

/** One row of the list: request (a link), child and reference, kind, needed by, status, last changed. */
export function requestListRow(r: RequestListItem): Cell[] {
  return [
    { parts: [linkTo(paths.requests.show(r.id), r.reference)] },
    { parts: [text(childName(r.child)), secondary(r.child.reference)] },
    { text: r.kind ? PLACEMENT_KINDS[r.kind] : 'Not answered yet' },
    { text: r.neededBy ? `${formatDate(r.neededBy)}${r.urgency === 'emergency' ? ' (emergency)' : ''}` : 'Not answered yet' },
    { parts: [tagPart(requestStatusTag(r.status))] },
    { text: formatDate(todayInEngland(r.updatedAt)) },
  ];
}

type SummarisedRequest = Pick<PlacementRequestView, 'status' | 'createdByName' | 'createdAt'> & {
  child: Pick<PlacementRequestView['child'], 'id' | 'firstName' | 'lastName' | 'reference' | 'age' | 'socialWorkerName'>;
};

/** The request's summary: child, social worker, status, who started it and when. */
export function requestSummary(r: SummarisedRequest): SummaryRow[] {
  return [
    { key: { text: 'Child' }, value: { parts: [linkTo(paths.children.show(r.child.id), childName(r.child)), { text: `(${r.child.reference}), age ${r.child.age}`, inline: true }] } },
    { key: { text: 'Social worker' }, value: { text: r.child.socialWorkerName ?? 'Not allocated' } },
    { key: { text: 'Status' }, value: { parts: [tagPart(requestStatusTag(r.status))] } },
    { key: { text: 'Started by' }, value: { text: `${r.createdByName ?? 'Unknown'} on ${formatDate(todayInEngland(r.createdAt))}` } },
  ];
}

/** One row of the status history: status (a tag), when, who, note. */
export function historyRow(h: StatusHistoryEntry): Cell[] {
  return [
    isRequestStatus(h.status) ? { parts: [tagPart(requestStatusTag(h.status))] } : { text: h.status },
    { text: formatDateTime(h.at) },
    { text: h.byName ?? 'System' },
    h.note ? { parts: lines(h.note) } : { text: '' },
  ];
}

const PROPOSAL_STATUS_LABELS: Record<string, string> = { considering: 'Being considered', proposed: 'Proposed', confirmed: 'Confirmed', withdrawn: 'Withdrawn' };

/** One household considered for the request: household (a link to the proposal), proposal status, start date. */
export function consideredRow(p: { id: string; householdReference: string; status: string; proposedStart: string | null }): Cell[] {
  return [
    { parts: [linkTo(paths.proposals.show(p.id), `Household ${p.householdReference}`)] },
    { text: PROPOSAL_STATUS_LABELS[p.status] ?? p.status },
    { text: p.proposedStart ? formatDate(p.proposedStart) : 'Not set' },
  ];
}

/** The child's summary on "Start a placement request". */
export function startSummary(child: { id: string; firstName: string; lastName: string; reference: string; dateOfBirth: string; age: number; socialWorkerName: string | null }): SummaryRow[] {
  return [
    { key: { text: 'Child' }, value: { parts: [linkTo(paths.children.show(child.id), childName(child))] } },
    { key: { text: 'Child reference' }, value: { text: child.reference } },
    { key: { text: 'Date of birth' }, value: { text: `${formatDate(child.dateOfBirth)} (age ${child.age})` } },
    { key: { text: 'Allocated social worker' }, value: { text: child.socialWorkerName ?? 'Not allocated' } },
  ];
}

/** The withdrawal form's one question. */
export const withdrawQuestions: Field[] = [{ name: 'reason', label: 'Why is the request being withdrawn?', type: 'textarea', hint: 'The reason is kept in the status history' }];
