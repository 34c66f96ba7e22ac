import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { ChildRecord } from '../../services/children.ts';
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from '../../services/errors.ts';
import { formatDate, todayInEngland } from '../../domain/dates.ts';
import { formatSize } from './documents.ts';
import { MAX_FAMILY_MEMBERS, MAX_OTHER_NAMES, OTHER_NAME_KINDS, asksSocialWorkerChangeReason, legalStatusLabel, type OtherNameKind } from '../../domain/records/child.ts';
import { MISSING_CODES, REC_CODES, SW_REASON_CODES } from '../../domain/ssda903/return-codes.ts';
import { codesWithLabels, collectionYearOn } from '../../domain/records/return-fields.ts';
import { CATEGORY_OF_NEED, ETHNICITY_CODES, LEGAL_STATUS, PLACEMENT_TYPES, SEX_CODES, UPN_UNKNOWN_CODES } from '../../domain/ssda903/codes.ts';
import { z } from 'zod';
import { route, type RouteRequest } from '../../http/route.ts';
import { PageForm, IdParams, Uuid } from '../../http/schemas.ts';
import { obligationsSection, recordedEventsSection } from '../presenters/obligations.ts';
import { startRequestHref } from './placement-requests.ts';
import { fixHref } from '../presenters/ssda903.ts';
import { paths } from '../../http/paths.ts';
import { escapeHtml, link } from '../html.ts';
import { errorList, formToInput, handleFormPost, itemsFrom, redisplayValues, renderForm, versionFrom, type Field, type FormPage } from '../forms.ts';
import { queryString } from '../../http/query.ts';

/** Unlinking a sibling: built on the siblings path so there is no separate URL literal. */
export const unlinkSiblingPath = (id = ':id', siblingId = ':siblingId') => `${paths.children.siblings(id)}/${siblingId}/unlink`;

const label = <T extends Record<string, string>>(codes: T, code: string | null | undefined) => (code && code in codes ? codes[code as keyof T] : (code ?? ''));

export const legalStatusFields: Field[] = [
  { name: 'code', label: 'Legal status', type: 'select', items: itemsFrom(LEGAL_STATUS) },
  { name: 'startDate', label: 'Start date', type: 'date' },
  { name: 'endDate', label: 'End date (optional)', type: 'date', hint: 'Leave blank if this legal status is still in force' },
];

/** Missing periods: built on the child's path so there is no separate URL literal. */
export const missingPath = (id = ':id') => `${paths.children.show(id)}/missing`;
export const editMissingPath = (id = ':id', missingId = ':missingId') => `${missingPath(id)}/${missingId}`;

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

const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];

export const siblingFields: Field[] = [
  { name: 'siblingReference', label: "Sibling's child reference", hint: 'For example, C123456', classes: 'govuk-input--width-10' },
];

type SectionForm = { name: 'legalStatus' | 'endLegalStatus' | 'siblings' | 'missing'; values: Record<string, unknown>; errors: FieldError[] };

// ---------------------------------------------------------------------------------------------
// Other names and family members on the child's form: numbered rows of fields named
// `list.index.field`, with spare blank rows, as the placement planning records have
// ---------------------------------------------------------------------------------------------

type RowListName = 'otherNames' | 'familyMembers';
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

const ROW_KEY = /^(otherNames|familyMembers)\.(\d{1,3})\.([a-z]+)$/i;
const isFilled = (v: unknown) => (Array.isArray(v) ? v.some(isFilled) : typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);

/** The rows a list shows: those up to the last one filled in (in the record, or as posted), then spare ones. */
function rowCount(list: RowList, values: Record<string, unknown>): number {
  let held = 0;
  for (const [key, value] of Object.entries(values)) {
    const m = ROW_KEY.exec(key);
    if (m && m[1] === list.name && isFilled(value)) held = Math.max(held, Number(m[2]) + 1);
  }
  return Math.min(list.max, Math.max(held + SPARE_ROWS, list.minRows));
}

function rowListViews(values: Record<string, unknown>, errors: FieldError[]) {
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

/** The lists as the child schema takes them, from every `list.index.field` posted, in row order. */
export function rowListsFromForm(body: unknown): Record<RowListName, Record<string, string>[]> {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const rows: Record<RowListName, Map<number, Record<string, string>>> = { otherNames: new Map(), familyMembers: new Map() };
  for (const [key, raw] of Object.entries(b)) {
    const m = ROW_KEY.exec(key);
    const list = childRowLists.find((l) => l.name === m?.[1]);
    if (!m || !list || !list.fields.some((f) => f.name === m[3])) continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    const row = rows[list.name].get(Number(m[2])) ?? {};
    row[m[3]!] = typeof value === 'string' ? value : '';
    rows[list.name].set(Number(m[2]), row);
  }
  const inOrder = (byIndex: Map<number, Record<string, string>>) => [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  return { otherNames: inOrder(rows.otherNames), familyMembers: inOrder(rows.familyMembers) };
}

/** A child's lists as the form's flat values. */
function rowListValues(c: { otherNames: readonly { name: string; kind: OtherNameKind }[]; familyMembers: readonly { name: string; relationship: string }[] }): Record<string, string> {
  const out: Record<string, string> = {};
  c.otherNames.forEach((n, i) => Object.assign(out, { [`otherNames.${i}.name`]: n.name, [`otherNames.${i}.kind`]: n.kind }));
  c.familyMembers.forEach((m, i) => Object.assign(out, { [`familyMembers.${i}.name`]: m.name, [`familyMembers.${i}.relationship`]: m.relationship }));
  return out;
}

/** The child's add or change page: record/form.njk's page, with the lists of rows. */
function renderChildForm(reply: FastifyReply, page: FormPage, errors: FieldError[] = [], status = errors.length ? 400 : 200) {
  const groups = rowListViews(page.values, errors);
  const rowFields = groups.flatMap((g) => g.rows.flatMap((r) => r.fields));
  const links = errorList(errors, [...page.fields, ...rowFields]);
  // A problem with a whole list (too many rows) is linked to the list's heading.
  const list = errors.map((e, i) => (groups.some((g) => g.name === e.field) ? { text: e.message, href: `#${e.field}` } : links[i]!));
  return reply.code(status).view('children/form.njk', { ...page, groups, errors, errorList: list });
}

/** forms.ts handleFormPost for the child's form: the fields and the lists, one round trip. */
async function handleChildFormPost(reply: FastifyReply, body: unknown, page: Omit<FormPage, 'values'>, run: (input: Record<string, unknown>) => Promise<string>) {
  try {
    return reply.redirect(await run({ ...formToInput(body, page.fields), ...rowListsFromForm(body) }), 303);
  } catch (err) {
    const values = redisplayValues(body);
    if (err instanceof ValidationError) return renderChildForm(reply, { ...page, values }, err.errors);
    if (err instanceof StaleRecordError) return renderChildForm(reply, { ...page, values }, [{ field: 'form', message: err.message }], 409);
    throw err;
  }
}

export function childRoutes(app: FastifyInstance, services: Services) {
  const s = services.children;

  /** On the change page, the question asked when the allocated social worker changes. */
  const socialWorkerChangeField = (): Field[] =>
    asksSocialWorkerChangeReason(s.today())
      ? [
          {
            name: 'socialWorkerChangeReason',
            label: 'Why did the social worker change? (only if you change the allocated social worker)',
            hint: 'Needed when you change or remove the allocated social worker: the reason is recorded on the social worker episode that ends today',
            type: 'select',
            placeholder: 'The social worker has not changed',
            items: yearItems(SW_REASON_CODES, s.today()),
          },
        ]
      : [];

  async function childFields(): Promise<Field[]> {
    const [organisations, workers, iros] = await Promise.all([services.organisations.options(), s.socialWorkerOptions(), s.iroOptions()]);
    return [
      { name: 'firstName', label: 'First name', autocomplete: 'off' },
      { name: 'lastName', label: 'Last name', autocomplete: 'off' },
      { name: 'dateOfBirth', label: 'Date of birth', type: 'date', hint: 'For example, 27 3 2015' },
      { name: 'sex', label: 'Sex', type: 'radios', items: itemsFrom(SEX_CODES, false) },
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
      { name: 'homePostcode', label: 'Home postcode (optional)', hint: 'The postcode of the home the child was looked after from', classes: 'govuk-input--width-10', autocomplete: 'off' },
      {
        name: 'reference',
        label: 'Child reference (optional)',
        hint: "The local authority's CHILD id: up to 10 letters or digits. Leave blank to keep the current one, or to have one made for a new child",
        classes: 'govuk-input--width-10',
        autocomplete: 'off',
      },
    ];
  }

  route(app, {
    method: 'GET',
    url: paths.children.list,
    access: 'child:read',
    audit: 'child.listed',
    handler: async (req, reply) => {
      const q = queryString(req.query, 'q');
      const responsibleAuthorityId = queryString(req.query, 'responsibleAuthorityId');
      const socialWorker = queryString(req.query, 'socialWorker');
      const categoryOfNeed = queryString(req.query, 'categoryOfNeed');
      const legalStatus = queryString(req.query, 'legalStatus');
      const iro = queryString(req.query, 'iro');
      const socialWorkerId = socialWorker === 'mine' ? req.actor?.userId : socialWorker;
      const iroId = iro === 'mine' ? req.actor?.userId : iro;
      const [{ items, truncated }, organisations, workers, iros] = await Promise.all([
        s.list(req.ctx(), { q, responsibleAuthorityId, socialWorkerId, iroId, categoryOfNeed, legalStatus }),
        services.organisations.options(),
        s.socialWorkerOptions(),
        s.iroOptions(),
      ]);
      return reply.view('record/list.njk', {
        title: 'Children',
        noun: 'child',
        nounPlural: 'children',
        newLink: req.actor && services.can(req.actor, 'child:write') ? { text: 'Add a child', href: paths.children.new } : undefined,
        filters: [
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
            type: 'select',
            placeholder: 'Any',
            items: [{ value: 'mine', text: 'Allocated to me' }, ...workers.map((u) => ({ value: u.id, text: u.name }))],
          },
          {
            name: 'iro',
            label: 'Independent reviewing officer',
            type: 'select',
            placeholder: 'Any',
            items: [{ value: 'mine', text: 'Allocated to me' }, ...iros.map((u) => ({ value: u.id, text: u.name }))],
          },
          { name: 'categoryOfNeed', label: 'Category of need', type: 'select', placeholder: 'Any', items: itemsFrom(CATEGORY_OF_NEED) },
          { name: 'legalStatus', label: 'Current legal status', type: 'select', placeholder: 'Any', items: itemsFrom(LEGAL_STATUS) },
        ],
        filterValues: { q, responsibleAuthorityId, socialWorker, iro, categoryOfNeed, legalStatus },
        count: items.length,
        truncated,
        head: [
          { text: 'Name' },
          { text: 'Reference' },
          { text: 'Date of birth' },
          { text: 'Age', format: 'numeric' },
          { text: 'Current legal status' },
          { text: 'Social worker' },
          { text: 'Responsible authority' },
        ],
        rows: items.map((c) => [
          { html: link(paths.children.show(c.id), `${c.firstName} ${c.lastName}`) },
          { text: c.reference },
          { text: formatDate(c.dateOfBirth) },
          { text: String(c.age), format: 'numeric' },
          { text: c.currentLegalStatus ? legalStatusLabel(c.currentLegalStatus) : 'None recorded' },
          { text: c.socialWorkerName ?? 'Not allocated' },
          { text: c.responsibleAuthorityName ?? '' },
        ]),
      });
    },
  });

  const newPage = (fields: Field[]) => ({ title: 'Add a child', action: paths.children.new, backLink: paths.children.list, fields });

  route(app, {
    method: 'GET',
    url: paths.children.new,
    access: 'child:write',
    audit: 'none',
    handler: async (_req, reply) => renderChildForm(reply, { ...newPage(await childFields()), values: { uasc: 'no', isMother: 'no' } }),
  });

  route(app, {
    method: 'POST',
    url: paths.children.new,
    access: 'child:write',
    audit: 'child.created',
    body: PageForm,
    handler: async (req, reply) =>
      handleChildFormPost(reply, req.body, newPage(await childFields()), async (input) => {
        const c = await s.create(req.ctx(), input);
        return paths.children.show(c.id);
      }),
  });

  async function showPage(req: FastifyRequest, reply: FastifyReply, id: string, form?: SectionForm) {
    const c = await s.get(req.ctx(), id);
    const actor = req.actor;
    const may = (p: Parameters<Services['can']>[1]) => (actor ? services.can(actor, p) : false);
    const canLegal = may('child:legal-status:write');
    const canWrite = may('child:write');
    const open = c.legalStatuses.find((p) => p.endDate === null);
    const formState = (name: SectionForm['name']) =>
      form?.name === name ? { values: form.values, errors: form.errors, open: true } : { values: {}, errors: [], open: false };
    const sections: Record<string, unknown>[] = [
      {
        id: 'legal-status',
        title: 'Legal status history',
        table: {
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
        },
        empty: 'No legal status recorded.',
        ...(canLegal ? { form: { summary: 'Add a legal status', action: paths.children.legalStatus(id), fields: legalStatusFields, submitText: 'Add legal status', ...formState('legalStatus') } } : {}),
      },
    ];
    if (canLegal && open) {
      sections.push({
        id: 'end-legal-status',
        title: 'End the current legal status',
        text: `${legalStatusLabel(open.code)}, from ${formatDate(open.startDate)}, has no end date.`,
        form: { summary: 'End this legal status', action: paths.children.endLegalStatus(id, open.id), fields: endLegalStatusFields(s.today()), submitText: 'End legal status', ...formState('endLegalStatus') },
      });
    }
    const csrf = canWrite ? reply.generateCsrf() : '';
    sections.push({
      id: 'siblings',
      title: 'Siblings',
      table: {
        head: [{ text: 'Name' }, { text: 'Reference' }, { text: 'Date of birth' }, ...(canWrite ? [{ html: '<span class="govuk-visually-hidden">Actions</span>' }] : [])],
        rows: c.siblings.map((sib) => [
          { html: link(paths.children.show(sib.id), `${sib.firstName} ${sib.lastName}`) },
          { text: sib.reference },
          { text: formatDate(sib.dateOfBirth) },
          ...(canWrite ? [{ html: unlinkButton(unlinkSiblingPath(id, sib.id), csrf, `${sib.firstName} ${sib.lastName}`) }] : []),
        ]),
      },
      empty: 'No siblings linked.',
      ...(canWrite ? { form: { summary: 'Link a sibling', action: paths.children.siblings(id), fields: siblingFields, submitText: 'Link sibling', ...formState('siblings') } } : {}),
    });
    sections.push({
      id: 'placements',
      title: 'Placements',
      table: {
        head: [{ text: 'Household' }, { text: 'Start' }, { text: 'End' }, { text: 'Type' }, { text: 'Status' }],
        rows: c.placements.map((p) => [
          { html: link(paths.households.show(p.householdId), p.householdReference) },
          { text: formatDate(p.startDate) },
          { text: p.endDate ? formatDate(p.endDate) : '' },
          { text: p.placementType in PLACEMENT_TYPES ? `${p.placementType}: ${label(PLACEMENT_TYPES, p.placementType)}` : p.placementType },
          { text: p.status.charAt(0).toUpperCase() + p.status.slice(1) },
        ]),
      },
      empty: 'No placements.',
    });
    sections.push({
      id: 'missing',
      title: 'Missing or away without authorisation',
      table: {
        head: [{ text: 'Kind' }, { text: 'From' }, { text: 'To' }, ...(canWrite ? [{ html: '<span class="govuk-visually-hidden">Actions</span>' }] : [])],
        rows: c.missingPeriods.map((m) => [
          { text: MISSING_CODES[m.kind]?.label ?? m.kind },
          { text: formatDate(m.startedOn) },
          { text: m.endedOn ? formatDate(m.endedOn) : 'Not yet ended' },
          ...(canWrite ? [{ html: `<a class="govuk-link" href="${escapeHtml(editMissingPath(id, m.id))}">${m.endedOn ? 'Change' : 'End or change'}<span class="govuk-visually-hidden"> the period from ${escapeHtml(formatDate(m.startedOn))}</span></a>` }] : []),
        ]),
      },
      empty: 'No missing or away periods recorded.',
      ...(canWrite ? { form: { summary: 'Record a missing or away period', action: missingPath(id), fields: missingFields(s.today()), submitText: 'Record period', ...formState('missing') } } : {}),
    });
    sections.push({
      id: 'social-workers',
      title: 'Social workers',
      table: {
        head: [{ text: 'Social worker' }, { text: 'SW_ID' }, { text: 'From' }, { text: 'To' }, { text: 'Why it changed' }],
        rows: c.socialWorkerEpisodes.map((e) => [
          { text: e.socialWorkerName ?? '' },
          { text: e.swId },
          { text: formatDate(e.startedOn) },
          { text: e.endedOn ? formatDate(e.endedOn) : 'Current' },
          { text: e.reason ? `${e.reason}: ${SW_REASON_CODES[e.reason]?.label ?? ''}` : '' },
        ]),
      },
      empty: 'No social worker episodes recorded.',
    });
    const canRecord = may('obligation:record');
    const obligations = await services.obligations.list(req.ctx(), { childId: id });
    const events = await services.obligations.childEvents(req.ctx(), id);
    sections.push(obligationsSection(obligations.items, obligations.notComputed, { canRecord, canClose: !!req.actor && services.can(req.actor, 'obligation:close') }));
    sections.push(recordedEventsSection(events, { canCorrect: canRecord, correctHref: (e) => paths.obligations.correctEvent(id, e.id) }));
    if (may('document:read')) {
      const filed = await services.planning.childDocuments(id);
      sections.push({
        id: 'documents',
        title: "Documents on the child's record",
        empty: 'No documents filed yet. Completed meeting minutes, placement plans, risk assessments and delegated authority records are filed here as PDFs.',
        table: {
          head: [{ text: 'Document' }, { text: 'Filed' }, { text: 'Size' }],
          rows: filed.map((d) => [
            { html: link(paths.planning.childDocument(id, d.id), d.title) },
            { text: formatDate(todayInEngland(d.createdAt)) },
            { text: formatSize(d.sizeBytes) },
          ]),
        },
      });
    }
    // The SSDA903 checks run on every view, so errors are put right as they arise, not at year end.
    const returnCheck = await services.returns.forChild(req.ctx(), id);
    const returnIssues = [
      ...returnCheck.problems.map((p) => [{ text: 'Record' }, { text: p.message }, { html: link(fixHref(p.fix), 'Correct it') }]),
      ...returnCheck.failures.map((f) => [
        { text: `Rule ${f.rule}${f.severity === 'warning' ? ' (warning)' : ''}` },
        { text: f.message },
        { html: f.fix ? `${escapeHtml(f.howToFix ?? '')} ${link(fixHref(f.fix), 'Correct it')}` : escapeHtml(f.howToFix ?? '') },
      ]),
    ];
    sections.push({
      id: 'ssda903',
      title: `SSDA903 return checks, ${returnCheck.year.label}`,
      ...(returnCheck.applies
        ? { table: { head: [{ text: 'Check' }, { text: 'What is wrong' }, { text: 'How to put it right' }], rows: returnIssues }, empty: 'No problems found for this year’s return.' }
        : { text: 'This child is not in this year’s return (not looked after by this authority this year).' }),
    });
    const actions = [
      ...(canWrite ? [{ text: 'Change details', href: paths.children.edit(id) }] : []),
      ...(canRecord ? [{ text: 'Record what happened', href: paths.obligations.newChildEvent(id) }] : []),
      ...(may('request:write') ? [{ text: 'Start a placement request', href: startRequestHref(id) }] : []),
      ...(may('audit:read') ? [{ text: 'Who has seen or changed this record', href: paths.audit.subject('child', id) }] : []),
    ];
    const fieldsFor = { legalStatus: legalStatusFields, endLegalStatus: endLegalStatusFields(s.today()), siblings: siblingFields, missing: missingFields(s.today()) };
    const errors = form?.errors ?? [];
    return reply.code(errors.length ? 400 : 200).view('record/show.njk', {
      title: `${c.firstName} ${c.lastName}`,
      caption: `Child ${c.reference}`,
      backLink: paths.children.list,
      actions,
      summary: summaryRows(c),
      sections,
      errors,
      errorList: form ? errorList(errors, fieldsFor[form.name]) : [],
    });
  }

  route(app, {
    method: 'GET',
    url: paths.children.show(),
    access: 'child:read',
    audit: 'child.viewed',
    params: IdParams,
    handler: async (req, reply) => showPage(req, reply, req.params.id),
  });

  const editPage = (id: string, fields: Field[]) => ({
    title: 'Change child details',
    action: paths.children.edit(id),
    backLink: paths.children.show(id),
    fields: fields.flatMap((f) => (f.name === 'socialWorkerId' ? [f, ...socialWorkerChangeField()] : [f])),
  });

  route(app, {
    method: 'GET',
    url: paths.children.edit(),
    access: 'child:write',
    audit: 'child.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const c = await s.get(req.ctx(), id, 'edit');
      return renderChildForm(reply, {
        ...editPage(id, await childFields()),
        caption: `Child ${c.reference}`,
        version: c.version,
        values: {
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
          ...rowListValues(c),
        },
      });
    },
  });

  route(app, {
    method: 'POST',
    url: paths.children.edit(),
    access: 'child:write',
    audit: 'child.updated',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const version = versionFrom(req.body);
      return handleChildFormPost(reply, req.body, { ...editPage(id, await childFields()), version }, async (input) => {
        await s.update(req.ctx(), id, version, input);
        return paths.children.show(id);
      });
    },
  });

  /** A change from a form on the show page: redirect back on success, or show the page again with the errors. */
  async function sectionPost(req: RouteRequest<typeof IdParams, undefined, typeof PageForm>, reply: FastifyReply, name: SectionForm['name'], anchor: string, run: () => Promise<unknown>) {
    const { id } = req.params;
    try {
      await run();
      return reply.redirect(`${paths.children.show(id)}#${anchor}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = name === 'endLegalStatus' ? err.errors.map((e) => (e.field === 'endDate' ? { ...e, field: 'endOn' } : e)) : err.errors;
      return showPage(req, reply, id, { name, values: redisplayValues(req.body), errors });
    }
  }

  route(app, {
    method: 'POST',
    url: paths.children.legalStatus(),
    access: 'child:legal-status:write',
    audit: 'child.legal-status.added',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) =>
      sectionPost(req, reply, 'legalStatus', 'legal-status', () => s.addLegalStatus(req.ctx(), req.params.id, formToInput(req.body, legalStatusFields))),
  });

  route(app, {
    method: 'POST',
    url: paths.children.endLegalStatus(),
    access: 'child:legal-status:write',
    audit: 'child.legal-status.ended',
    body: PageForm,
    params: z.object({ id: Uuid, statusId: Uuid }),
    handler: async (req, reply) => {
      const { id, statusId } = req.params;
      const { endOn, careEndedReason } = formToInput(req.body, endLegalStatusFields(s.today()));
      return sectionPost(req, reply, 'endLegalStatus', 'legal-status', () => s.endLegalStatus(req.ctx(), id, statusId, { endDate: endOn, careEndedReason }));
    },
  });

  route(app, {
    method: 'POST',
    url: missingPath(),
    access: 'child:write',
    audit: 'missing.recorded',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) =>
      sectionPost(req, reply, 'missing', 'missing', () => s.addMissing(req.ctx(), req.params.id, formToInput(req.body, missingFields(s.today())))),
  });

  const editMissingPage = (id: string, missingId: string) => ({
    title: 'Change a missing or away period',
    action: editMissingPath(id, missingId),
    backLink: `${paths.children.show(id)}#missing`,
    fields: missingFields(s.today()),
  });

  route(app, {
    method: 'GET',
    url: editMissingPath(),
    access: 'child:write',
    audit: 'child.viewed',
    params: z.object({ id: Uuid, missingId: Uuid }),
    handler: async (req, reply) => {
      const { id, missingId } = req.params;
      const periods = await s.listMissing(req.ctx(), id);
      const m = periods.find((p) => p.id === missingId);
      if (!m) throw new NotFoundError('Missing period');
      return renderForm(reply, { ...editMissingPage(id, missingId), version: m.version, values: { kind: m.kind, startedOn: m.startedOn, endedOn: m.endedOn } });
    },
  });

  route(app, {
    method: 'POST',
    url: editMissingPath(),
    access: 'child:write',
    audit: 'missing.updated',
    body: PageForm,
    params: z.object({ id: Uuid, missingId: Uuid }),
    handler: async (req, reply) => {
      const { id, missingId } = req.params;
      const version = versionFrom(req.body);
      return handleFormPost(reply, req.body, { ...editMissingPage(id, missingId), version }, async (input) => {
        await s.updateMissing(req.ctx(), id, missingId, version, input);
        return `${paths.children.show(id)}#missing`;
      });
    },
  });

  route(app, {
    method: 'POST',
    url: paths.children.siblings(),
    access: 'child:write',
    audit: 'child.sibling.linked',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) =>
      sectionPost(req, reply, 'siblings', 'siblings', () => s.linkSibling(req.ctx(), req.params.id, formToInput(req.body, siblingFields), 'reference')),
  });

  route(app, {
    method: 'POST',
    url: unlinkSiblingPath(),
    access: 'child:write',
    audit: 'child.sibling.unlinked',
    params: z.object({ id: Uuid, siblingId: Uuid }),
    handler: async (req, reply) => {
      const { id, siblingId } = req.params;
      await s.unlinkSibling(req.ctx(), id, siblingId);
      return reply.redirect(`${paths.children.show(id)}#siblings`, 303);
    },
  });
}

function unlinkButton(action: string, csrf: string, name: string): string {
  return (
    `<form method="post" action="${escapeHtml(action)}" class="hearth-inline-form">` +
    `<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">` +
    `<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Unlink<span class="govuk-visually-hidden"> ${escapeHtml(name)}</span></button>` +
    `</form>`
  );
}

function summaryRows(c: ChildRecord) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  /** One line each, or "None recorded". */
  const listRow = (key: string, lines: string[]) =>
    lines.length ? { key: { text: key }, value: { html: `<ul class="govuk-list">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` } } : row(key, 'None recorded');
  const current = c.currentLegalStatus;
  return [
    row('Child reference', c.reference),
    row('Name', `${c.firstName} ${c.lastName}`),
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
