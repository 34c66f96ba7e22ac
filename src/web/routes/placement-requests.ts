/**
 * Pages of the Placement Request Form: the list, starting a request from a child, one question
 * page per section ("Save and continue" / "Save as draft and return later"), check your answers and
 * submit, the request page with its status history, withdrawal, and the placement team's "Start
 * matching". GOV.UK patterns: question pages, check answers, error summary, tag for status.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { PlacementRequestView } from '../../services/placement-requests.ts';
import { OpenRequestError } from '../../services/placement-requests.ts';
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from '../../services/errors.ts';
import type { Permission } from '../../domain/access/index.ts';
import { formatDate } from '../../domain/dates.ts';
import { PLACEMENT_KINDS } from '../../domain/records/household.ts';
import {
  NEED_TAGS,
  REQUEST_PAGES,
  REQUEST_PAGE_ORDER,
  REQUEST_STATUSES,
  URGENCIES,
  isEditableRequest,
  isOpenRequest,
  nextRequestPage,
  type RequestPage,
  type RequestStatus,
} from '../../domain/records/placement-request.ts';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { PageForm, IdParams, isUuid, Uuid, AnyQuery } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { escapeHtml, link } from '../html.ts';
import { errorList, formToInput, handleFormPost, itemsFrom, redisplayValues, renderForm, versionFrom, type Field, type FormBody } from '../forms.ts';
import { queryString } from '../../http/query.ts';


/** The placement team's "Start matching" (submitted → matching), built on the request's path. */
export const startMatchingPath = (id = ':id') => `${paths.requests.show(id)}/start-matching`;

/** "Start a placement request" from a child's page. */
export const startRequestHref = (childId: string) => `${paths.requests.new}?child=${encodeURIComponent(childId)}`;

const STATUS_TAG_CLASSES: Record<RequestStatus, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  matching: 'govuk-tag--light-blue',
  proposed: 'govuk-tag--purple',
  confirmed: 'govuk-tag--green',
  withdrawn: 'govuk-tag--red',
};

export const requestStatusTag = (status: RequestStatus) => ({ text: REQUEST_STATUSES[status], classes: STATUS_TAG_CLASSES[status] });
const tagHtml = (status: RequestStatus) => `<strong class="govuk-tag ${STATUS_TAG_CLASSES[status]}">${escapeHtml(REQUEST_STATUSES[status])}</strong>`;

/** A question on a page: the generic fields, plus a single yes/no tick box ('flag'). */
type RequestField = Omit<Field, 'type'> & { type?: Field['type'] | 'flag' };
type Group = { heading?: string; text?: string; fields: RequestField[] };

const flag = (name: string, label: string, hint?: string): RequestField => ({ name, label, type: 'flag', ...(hint ? { hint } : {}) });
const textarea = (name: string, label: string, hint?: string): RequestField => ({ name, label, type: 'textarea', ...(hint ? { hint } : {}) });
const NONE_KNOWN = 'Write "none known" if there is none.';

/** The questions of each page, grouped under headings. Labels are used on the check-answers page too. */
function pageGroups(page: RequestPage, r: PlacementRequestView): Group[] {
  const first = r.child.firstName;
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
        r.linkedSiblings.length
          ? {
              fields: [
                {
                  name: 'siblingIds',
                  label: `Which brothers and sisters should be placed together with ${first}?`,
                  type: 'checkboxes',
                  hint: `Select all that apply. The children linked as siblings on ${first}'s record are listed.`,
                  items: r.linkedSiblings.map((s) => ({ value: s.id, text: `${s.firstName} ${s.lastName} (${s.reference}), born ${formatDate(s.dateOfBirth)}` })),
                },
              ],
            }
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

const fieldsOf = (groups: Group[]) => groups.flatMap((g) => g.fields);

/** Every page's fields without needing a request (for parsing posts and finding a field's page). */
const PAGE_OF_FIELD: Record<string, RequestPage> = {
  urgency: 'basics',
  kind: 'basics',
  neededBy: 'basics',
  siblingIds: 'basics',
  needTags: 'needs',
  riskToSelf: 'risks',
  riskFromOthers: 'risks',
  riskToOthers: 'risks',
  childViews: 'views',
  viewsNotSoughtReason: 'views',
};

/** A posted page as the page's schema expects it: dates joined, tick-box lists as arrays, a ticked flag as true. */
function pageInput(body: unknown, fields: RequestField[]): Record<string, unknown> {
  const generic = fields.filter((f) => f.type !== 'flag') as Field[];
  const out = formToInput(body, generic);
  const b = (body && typeof body === 'object' ? body : {}) as FormBody;
  for (const f of fields) if (f.type === 'flag') out[f.name] = [b[f.name]].flat().includes('true');
  return out;
}

const asArray = (v: unknown): string[] => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map(String));

/** What the page shows again after a failed post: the user's own input, lists kept as lists. */
function redisplay(body: unknown, fields: RequestField[]): Record<string, unknown> {
  const values = redisplayValues(body);
  for (const f of fields) if (f.type === 'checkboxes') values[f.name] = asArray(values[f.name]);
  return values;
}

/** The stored answers of a page, as the form shows them. */
function storedValues(page: RequestPage, r: PlacementRequestView, fields: RequestField[]): Record<string, unknown> {
  const source: Record<string, unknown> =
    page === 'basics' ? { urgency: r.urgency, kind: r.kind, neededBy: r.neededBy, siblingIds: r.siblingIds } : page === 'needs' ? r.needs : page === 'risks' ? r.risks : r.views;
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    const v = source[f.name];
    if (f.type === 'flag') values[f.name] = v === true ? 'true' : '';
    else if (f.type === 'checkboxes') values[f.name] = asArray(v);
    else values[f.name] = v ?? '';
  }
  return values;
}

/** Errors named after list items (siblingIds.0) belong to the list. */
const normaliseErrors = (errors: FieldError[]) => errors.map((e) => ({ ...e, field: e.field.replace(/\.\d+$/, '') }));

const multiline = (s: string) =>
  s
    .split(/\r?\n/)
    .map((line) => escapeHtml(line))
    .join('<br>');

/** One answer as the summary list shows it. */
function answerValue(f: RequestField, value: unknown, r: PlacementRequestView): { text: string } | { html: string } {
  if (f.type === 'flag') return { text: value === true ? 'Yes' : 'No' };
  if (f.name === 'siblingIds') {
    return r.siblings.length ? { html: r.siblings.map((s) => escapeHtml(`${s.firstName} ${s.lastName} (${s.reference})`)).join('<br>') } : { text: 'None' };
  }
  if (f.type === 'checkboxes') {
    const chosen = asArray(value);
    return chosen.length ? { html: chosen.map((c) => escapeHtml(f.items?.find((i) => i.value === c)?.text ?? c)).join('<br>') } : { text: 'None selected' };
  }
  if (value === undefined || value === null || value === '') return { text: 'Not answered' };
  if (f.type === 'date') return { text: formatDate(String(value)) };
  if (f.type === 'radios' || f.type === 'select') return { text: f.items?.find((i) => i.value === value)?.text ?? String(value) };
  return { html: multiline(String(value)) };
}

const fieldAnchor = (f: { name: string; type?: RequestField['type'] }) => (f.type === 'date' ? `${f.name}-day` : f.name);

/** The answers, page by page, as summary lists; with Change links when the request can still be changed. */
function answerSections(r: PlacementRequestView, change: { from: 'check' | 'request' } | null) {
  return REQUEST_PAGE_ORDER.map((page) => {
    const groups = pageGroups(page, r);
    const stored: Record<string, unknown> =
      page === 'basics' ? { urgency: r.urgency, kind: r.kind, neededBy: r.neededBy, siblingIds: r.siblingIds } : page === 'needs' ? r.needs : page === 'risks' ? r.risks : r.views;
    const fields = fieldsOf(groups);
    if (page === 'basics' && !fields.some((f) => f.name === 'siblingIds')) fields.push({ name: 'siblingIds', label: 'Brothers and sisters to be placed together', type: 'checkboxes' });
    return {
      id: page,
      title: REQUEST_PAGES[page].title,
      rows: fields.map((f) => ({
        key: { text: f.label },
        value: answerValue(f, stored[f.name], r),
        ...(change
          ? { actions: { items: [{ href: `${paths.requests.page(r.id, page)}?from=${change.from}#${fieldAnchor(f)}`, text: 'Change', visuallyHiddenText: f.label.toLowerCase() }] } }
          : {}),
      })),
    };
  });
}

type From = 'check' | 'request' | undefined;
const fromQuery = (req: FastifyRequest): From => {
  const v = queryString(req.query, 'from');
  return v === 'check' || v === 'request' ? v : undefined;
};

const childName = (r: PlacementRequestView) => `${r.child.firstName} ${r.child.lastName}`;

export function placementRequestRoutes(app: FastifyInstance, services: Services) {
  const s = services.requests;
  const may = (req: FastifyRequest, p: Permission) => !!req.actor && services.can(req.actor, p);

  /** A one-off message shown on the next page (the layout's success banner). */
  const setFlash = (req: FastifyRequest, text: string) => {
    req.session.flash = text;
  };
  const takeFlash = (req: FastifyRequest) => {
    const text = req.session.flash;
    if (text) delete req.session.flash;
    return text;
  };

  route(app, {
    method: 'GET',
    url: paths.requests.list,
    access: 'request:read',
    audit: 'request.listed',
    handler: async (req, reply) => {
      const q = queryString(req.query, 'q');
      const status = queryString(req.query, 'status');
      const whose = queryString(req.query, 'whose');
      const { items, truncated } = await s.list(req.ctx(), { q, status, mine: whose === 'mine' });
      return reply.view('record/list.njk', {
        title: 'Placement requests',
        noun: 'request',
        nounPlural: 'requests',
        newLink: may(req, 'request:write') ? { text: 'Start a placement request', href: paths.requests.new } : undefined,
        filters: [
          { name: 'q', label: "Child's name or reference, or request reference" },
          { name: 'status', label: 'Status', type: 'select', placeholder: 'Any', items: itemsFrom(REQUEST_STATUSES, false) },
          { name: 'whose', label: 'Whose requests', type: 'select', placeholder: 'Everyone’s', items: [{ value: 'mine', text: 'Mine (started by me, or for children allocated to me)' }] },
        ],
        filterValues: { q, status, whose },
        count: items.length,
        truncated,
        head: [{ text: 'Request' }, { text: 'Child' }, { text: 'Kind of placement' }, { text: 'Needed by' }, { text: 'Status' }, { text: 'Last changed' }],
        rows: items.map((r) => [
          { html: link(paths.requests.show(r.id), r.reference) },
          { html: `${escapeHtml(`${r.child.firstName} ${r.child.lastName}`)}<br><span class="govuk-hint govuk-!-margin-bottom-0">${escapeHtml(r.child.reference)}</span>` },
          { text: r.kind ? PLACEMENT_KINDS[r.kind] : 'Not answered yet' },
          { text: r.neededBy ? `${formatDate(r.neededBy)}${r.urgency === 'emergency' ? ' (emergency)' : ''}` : 'Not answered yet' },
          { html: tagHtml(r.status) },
          { text: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(r.updatedAt) },
        ]),
      });
    },
  });

  // ---- Starting a request: from a child (?child=<id>), or by typing the child's reference ----

  async function startPage(req: FastifyRequest, reply: FastifyReply, childId: string, errors: FieldError[] = [], status = 200) {
    const ctx = await s.startContext(req.ctx(), childId);
    const name = `${ctx.child.firstName} ${ctx.child.lastName}`;
    return reply.code(status).view('requests/start.njk', {
      title: `Start a placement request for ${name}`,
      backLink: paths.children.show(childId),
      mode: 'confirm',
      child: ctx.child,
      childLink: paths.children.show(childId),
      openRequest: ctx.openRequest ? { ...ctx.openRequest, href: paths.requests.show(ctx.openRequest.id), statusText: REQUEST_STATUSES[ctx.openRequest.status].toLowerCase() } : null,
      action: paths.requests.new,
      errors,
      errorList: errors.map((e) => ({ text: e.message, href: ctx.openRequest ? paths.requests.show(ctx.openRequest.id) : '#main-content' })),
    });
  }

  const choosePage = (reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('requests/start.njk', {
      title: 'Start a placement request',
      backLink: paths.requests.list,
      mode: 'choose',
      action: paths.requests.new,
      values,
      errors,
      errorList: errors.map((e) => ({ text: e.message, href: '#childReference' })),
    });

  route(app, {
    method: 'GET',
    url: paths.requests.new,
    access: 'request:write',
    audit: 'child.viewed',
    query: AnyQuery,
    handler: async (req, reply) => {
      const childId = queryString(req.query, 'child');
      if (childId) {
        if (!isUuid(childId)) throw new NotFoundError('Child');
        return startPage(req, reply, childId);
      }
      const reference = queryString(req.query, 'childReference');
      if (reference !== undefined) {
        const id = await s.childIdByReference(reference);
        if (id) return reply.redirect(startRequestHref(id), 303);
        return choosePage(reply, { childReference: reference }, [{ field: 'childReference', message: `No child has the reference ${reference.slice(0, 50)}` }]);
      }
      if ('childReference' in req.query) {
        return choosePage(reply, {}, [{ field: 'childReference', message: "Enter the child's reference" }]);
      }
      return choosePage(reply, {});
    },
  });

  route(app, {
    method: 'POST',
    url: paths.requests.new,
    access: 'request:write',
    audit: 'request.created',
    body: PageForm,
    handler: async (req, reply) => {
      const childId = String([req.body?.child].flat()[0] ?? '');
      try {
        const created = await s.create(req.ctx(), childId);
        return reply.redirect(paths.requests.page(created.id, 'basics'), 303);
      } catch (err) {
        if (err instanceof OpenRequestError) return startPage(req, reply, childId, err.errors, 409);
        if (err instanceof ValidationError) throw new NotFoundError('Child');
        throw err;
      }
    },
  });

  // ---- The request page ----

  const PROPOSAL_STATUS_LABELS: Record<string, string> = { considering: 'Being considered', proposed: 'Proposed', confirmed: 'Confirmed', withdrawn: 'Withdrawn' };

  async function showPage(req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[] = [], status = 200) {
    const r = await s.get(req.ctx(), id);
    const canWrite = may(req, 'request:write');
    const canMatch = may(req, 'matching:run');
    const editable = canWrite && isEditableRequest(r.status);
    const firstMissing = r.missing[0]?.page;
    const proposals = await services.proposals.listForRequest(req.ctx(), id);
    return reply.code(status).view('requests/show.njk', {
      title: `Placement request ${r.reference}`,
      caption: `${childName(r)} (${r.child.reference})`,
      tag: requestStatusTag(r.status),
      backLink: paths.requests.list,
      flash: takeFlash(req),
      errors,
      errorList: errors.map((e) => ({ text: e.message, href: '#main-content' })),
      request: r,
      continueHref: canWrite && r.status === 'draft' ? (firstMissing ? paths.requests.page(id, firstMissing) : paths.requests.check(id)) : null,
      checkHref: canWrite && r.status === 'draft' ? paths.requests.check(id) : null,
      startMatching: canMatch && r.status === 'submitted' ? { action: startMatchingPath(id), version: r.version } : null,
      matchingHref: canMatch && ['submitted', 'matching', 'proposed'].includes(r.status) ? paths.requests.matching(id) : null,
      withdrawHref: canWrite && isOpenRequest(r.status) ? paths.requests.withdraw(id) : null,
      missing: r.missing.map((m) => ({ text: m.message, href: `${paths.requests.page(id, m.page)}#${m.field === 'neededBy' ? 'neededBy-day' : m.field}` })),
      summary: [
        { key: { text: 'Child' }, value: { html: `${link(paths.children.show(r.child.id), childName(r))} (${escapeHtml(r.child.reference)}), age ${r.child.age}` } },
        { key: { text: 'Social worker' }, value: { text: r.child.socialWorkerName ?? 'Not allocated' } },
        { key: { text: 'Status' }, value: { html: tagHtml(r.status) } },
        { key: { text: 'Started by' }, value: { text: `${r.createdByName ?? 'Unknown'} on ${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(r.createdAt)}` } },
      ],
      sections: answerSections(r, editable ? { from: 'request' } : null),
      proposals: proposals.map((p) => [
        { html: link(paths.proposals.show(p.id), `Household ${p.householdReference}`) },
        { text: PROPOSAL_STATUS_LABELS[p.status] ?? p.status },
        { text: p.proposedStart ? formatDate(p.proposedStart) : 'Not set' },
      ]),
      history: r.history.map((h) => [
        { html: Object.hasOwn(REQUEST_STATUSES, h.status) ? tagHtml(h.status as RequestStatus) : escapeHtml(h.status) },
        { text: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(h.at) },
        { text: h.byName ?? 'System' },
        { html: h.note ? multiline(h.note) : '' },
      ]),
    });
  }

  route(app, {
    method: 'GET',
    url: paths.requests.show(),
    access: 'request:read',
    audit: 'request.viewed',
    params: IdParams,
    handler: async (req, reply) => showPage(req, reply, req.params.id),
  });

  // ---- Check your answers and submit ----

  async function checkPage(req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[] = [], status = 200) {
    const r = await s.get(req.ctx(), id, 'check');
    if (r.status !== 'draft') return reply.redirect(paths.requests.show(id), 303);
    return reply.code(status).view('requests/check.njk', {
      title: 'Check your answers before submitting the request',
      caption: `Placement request ${r.reference}: ${childName(r)}`,
      backLink: paths.requests.page(id, REQUEST_PAGE_ORDER[REQUEST_PAGE_ORDER.length - 1]),
      sections: answerSections(r, { from: 'check' }),
      action: paths.requests.submit(id),
      version: r.version,
      errors,
      errorList: errors.map((e) => {
        const page = PAGE_OF_FIELD[e.field];
        return { text: e.message, href: page ? `${paths.requests.page(id, page)}?from=check#${e.field === 'neededBy' ? 'neededBy-day' : e.field}` : '#main-content' };
      }),
    });
  }

  route(app, {
    method: 'GET',
    url: paths.requests.check(),
    access: 'request:write',
    audit: 'request.viewed',
    params: IdParams,
    handler: async (req, reply) => checkPage(req, reply, req.params.id),
  });

  route(app, {
    method: 'POST',
    url: paths.requests.submit(),
    access: 'request:write',
    audit: 'request.status-changed',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      try {
        await s.submit(req.ctx(), id, versionFrom(req.body));
      } catch (err) {
        if (err instanceof ValidationError) return checkPage(req, reply, id, err.errors, 400);
        if (err instanceof StaleRecordError) return checkPage(req, reply, id, [{ field: 'form', message: err.message }], 409);
        throw err;
      }
      setFlash(req, 'Request submitted to the placement team');
      return reply.redirect(paths.requests.show(id), 303);
    },
  });

  // ---- The question pages ----

  function questionPage(reply: FastifyReply, r: PlacementRequestView, page: RequestPage, from: From, values: Record<string, unknown>, errors: FieldError[] = [], status = errors.length ? 400 : 200) {
    const groups = pageGroups(page, r);
    const index = REQUEST_PAGE_ORDER.indexOf(page);
    const previous = REQUEST_PAGE_ORDER[index - 1];
    const backLink = from === 'check' ? paths.requests.check(r.id) : from === 'request' || !previous ? paths.requests.show(r.id) : paths.requests.page(r.id, previous);
    const fields = fieldsOf(groups);
    const shown = normaliseErrors(errors);
    return reply.code(status).view('requests/page.njk', {
      title: REQUEST_PAGES[page].title,
      caption: `Placement request ${r.reference}: ${childName(r)}`,
      progress: `Section ${index + 1} of ${REQUEST_PAGE_ORDER.length}`,
      backLink,
      action: `${paths.requests.page(r.id, page)}${from ? `?from=${from}` : ''}`,
      version: r.version,
      groups,
      values,
      draft: r.status === 'draft',
      errors: shown,
      errorList: errorList(shown, fields.map((f) => ({ ...f, type: f.type === 'flag' ? 'checkboxes' : f.type }) as Field)),
    });
  }

  const PageParams = z.object({ id: Uuid, page: z.enum(REQUEST_PAGE_ORDER) });

  route(app, {
    method: 'GET',
    url: paths.requests.page(),
    access: 'request:write',
    audit: 'request.viewed',
    params: PageParams,
    handler: async (req, reply) => {
      const { id, page } = req.params;
      const r = await s.get(req.ctx(), id, 'edit');
      if (!isEditableRequest(r.status)) {
        setFlash(req, `This request is ${REQUEST_STATUSES[r.status].toLowerCase()} and can no longer be changed`);
        return reply.redirect(paths.requests.show(id), 303);
      }
      return questionPage(reply, r, page, fromQuery(req), storedValues(page, r, fieldsOf(pageGroups(page, r))));
    },
  });

  route(app, {
    method: 'POST',
    url: paths.requests.page(),
    access: 'request:write',
    audit: 'request.updated',
    body: PageForm,
    params: PageParams,
    handler: async (req, reply) => {
      const { id, page } = req.params;
      const from = fromQuery(req);
      const body = req.body;
      const draft = [body?.action].flat()[0] === 'draft';
      // The siblings' list is read from the post whether or not the page showed it.
      const postedFields: RequestField[] = [...pageGroupsForPost(page), ...(page === 'basics' ? [{ name: 'siblingIds', label: '', type: 'checkboxes' as const }] : [])];
      let saved: { version: number; status: RequestStatus };
      try {
        const version = versionFrom(req.body);
        saved = await s.savePage(req.ctx(), id, page, version, pageInput(req.body, postedFields), { draft });
      } catch (err) {
        if (!(err instanceof ValidationError) && !(err instanceof StaleRecordError)) throw err;
        const r = await s.get(req.ctx(), id, 'edit');
        const values = redisplay(req.body, fieldsOf(pageGroups(page, r)));
        const posted = Number([body?.version].flat()[0]);
        const view = { ...r, version: Number.isInteger(posted) && posted > 0 ? posted : r.version };
        if (err instanceof StaleRecordError) return questionPage(reply, view, page, from, values, [{ field: 'form', message: err.message }], 409);
        return questionPage(reply, view, page, from, values, err.errors);
      }
      if (from === 'check' && saved.status === 'draft') return reply.redirect(paths.requests.check(id), 303);
      if (draft && saved.status === 'draft') {
        setFlash(req, 'Your answers have been saved as a draft. You can come back to this request from the list of placement requests.');
        return reply.redirect(paths.requests.show(id), 303);
      }
      if (from === 'request' || saved.status !== 'draft') {
        setFlash(req, `${REQUEST_PAGES[page].title} saved`);
        return reply.redirect(paths.requests.show(id), 303);
      }
      const next = nextRequestPage(page);
      return reply.redirect(next ? paths.requests.page(id, next) : paths.requests.check(id), 303);
    },
  });

  // ---- Withdrawing ----

  const withdrawFields: Field[] = [{ name: 'reason', label: 'Why is the request being withdrawn?', type: 'textarea', hint: 'The reason is kept in the status history' }];
  const withdrawForm = (r: { id: string; reference: string }, caption: string) => ({
    title: `Withdraw placement request ${r.reference}`,
    caption,
    action: paths.requests.withdraw(r.id),
    backLink: paths.requests.show(r.id),
    fields: withdrawFields,
    submitText: 'Withdraw request',
    warning: 'The placement team will stop looking for a home for this request. A withdrawn request cannot be opened again.',
  });

  route(app, {
    method: 'GET',
    url: paths.requests.withdraw(),
    access: 'request:write',
    audit: 'request.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const r = await s.get(req.ctx(), id, 'edit');
      if (!isOpenRequest(r.status)) {
        setFlash(req, `This request is ${REQUEST_STATUSES[r.status].toLowerCase()} and cannot be withdrawn`);
        return reply.redirect(paths.requests.show(id), 303);
      }
      return renderForm(reply, { ...withdrawForm(r, childName(r)), version: r.version, values: {} });
    },
  });

  route(app, {
    method: 'POST',
    url: paths.requests.withdraw(),
    access: 'request:write',
    audit: 'request.status-changed',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const version = versionFrom(req.body);
      const r = await s.get(req.ctx(), id, 'edit');
      return handleFormPost(reply, req.body, { ...withdrawForm(r, childName(r)), version }, async (input) => {
        await s.withdraw(req.ctx(), id, version, input.reason);
        setFlash(req, `Request ${r.reference} withdrawn`);
        return paths.requests.show(id);
      });
    },
  });

  // ---- The placement team starts matching ----

  route(app, {
    method: 'POST',
    url: startMatchingPath(),
    access: 'matching:run',
    audit: 'request.status-changed',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      try {
        await s.startMatching(req.ctx(), id, versionFrom(req.body));
      } catch (err) {
        if (err instanceof ValidationError) return showPage(req, reply, id, err.errors, 400);
        if (err instanceof StaleRecordError) return showPage(req, reply, id, [{ field: 'form', message: err.message }], 409);
        throw err;
      }
      return reply.redirect(paths.requests.matching(id), 303);
    },
  });
}

/** A page's fields for reading a post: the same questions, whatever the request's siblings. */
function pageGroupsForPost(page: RequestPage): RequestField[] {
  const stub = { child: { firstName: '' }, linkedSiblings: [] } as unknown as PlacementRequestView;
  return fieldsOf(pageGroups(page, stub));
}
