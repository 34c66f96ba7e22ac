/**
 * Pages of the Placement Request Form: the list, starting a request from a child, one question
 * page per section ("Save and continue" / "Save as draft and return later"), check your answers and
 * submit, the request page with its status history, withdrawal, and the placement team's "Start
 * matching". GOV.UK patterns: question pages, check answers, error summary, tag for status. The
 * questions and what the pages show are in ../presenters/placement-requests.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import type { PlacementRequestView } from '../../services/placement-requests.ts';
import { OpenRequestError } from '../../services/placement-requests.ts';
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from '../../services/errors.ts';
import type { Permission } from '../../domain/access/index.ts';
import { REQUEST_PAGES, REQUEST_PAGE_ORDER, REQUEST_STATUSES, isEditableRequest, isOpenRequest, nextRequestPage, type RequestPage, type RequestStatus } from '../../domain/records/placement-request.ts';
import { defineRoute } from '../../http/route.ts';
import { PageForm, IdParams, isUuid, Uuid, AnyQuery } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { queryPage, queryString } from '../../http/query.ts';
import { PAGE_SIZE } from '../../domain/paging.ts';
import { listPaging } from '../presenters/common.ts';
import { saveBanner, setFlash, setWarning, warnings } from '../flash.ts';
import { formToInput, handleFormPost, redisplayValues, renderForm, versionFrom, type FormBody } from '../forms.ts';
import {
  answerSections,
  checkErrorList,
  childName,
  consideredRow,
  flagFields,
  formValues,
  genericFields,
  historyRow,
  keepLists,
  missingList,
  normaliseErrors,
  pageFields,
  postedFields,
  questionErrorList,
  requestFilters,
  requestListHead,
  requestListRow,
  requestQuestions,
  requestStatusTag,
  requestSummary,
  startSummary,
  withdrawQuestions,
} from '../presenters/placement-requests.ts';

/** The placement team's "Start matching" (submitted → matching), built on the request's path. */
export const startMatchingPath = (id = ':id') => `${paths.requests.show(id)}/start-matching`;

/** "Start a placement request" from a child's page. */
export const startRequestHref = (childId: string) => `${paths.requests.new}?child=${encodeURIComponent(childId)}`;

type From = 'check' | 'request' | undefined;
const fromQuery = (req: FastifyRequest): From => {
  const v = queryString(req.query, 'from');
  return v === 'check' || v === 'request' ? v : undefined;
};

/** A posted page as the page's schema expects it: dates joined, tick-box lists as arrays, a ticked flag as true. */
function pageInput(body: unknown, page: RequestPage): Record<string, unknown> {
  const fields = postedFields(page);
  const out = formToInput(body, genericFields(fields));
  const b = (body && typeof body === 'object' ? body : {}) as FormBody;
  for (const f of flagFields(fields)) out[f.name] = [b[f.name]].flat().includes('true');
  return out;
}

const PageParams = z.object({ id: Uuid, page: z.enum(REQUEST_PAGE_ORDER) });

export const placementRequestRoutes = (services: Services) => {
  const s = services.requests;
  const may = (req: FastifyRequest, p: Permission) => !!req.actor && services.can(req.actor, p);

  // ---- Starting a request: from a child (?child=<id>), or by typing the child's reference ----

  async function startPage(req: FastifyRequest, reply: FastifyReply, childId: string, errors: FieldError[] = [], status = 200) {
    const ctx = await s.startContext(req.ctx(), childId);
    return reply.code(status).view('requests/start.njk', {
      title: `Start a placement request for ${childName(ctx.child)}`,
      backLink: paths.children.show(childId),
      mode: 'confirm',
      child: ctx.child,
      summary: startSummary(ctx.child),
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

  // ---- The request page ----

  async function showPage(req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[] = [], status = 200) {
    const r = await s.get(req.ctx(), id);
    const canWrite = may(req, 'request:write');
    const canMatch = may(req, 'matching:run');
    const editable = canWrite && isEditableRequest(r.status);
    const firstMissing = r.missing[0]?.page;
    const proposals = await services.proposals.listForRequest(req.ctx(), id);
    return reply.code(status).view('requests/show.njk', {
      title: `Placement request ${r.reference}`,
      caption: `${childName(r.child)} (${r.child.reference})`,
      tag: requestStatusTag(r.status),
      backLink: paths.requests.list,
      errors,
      errorList: errors.map((e) => ({ text: e.message, href: '#main-content' })),
      request: r,
      continueHref: canWrite && r.status === 'draft' ? (firstMissing ? paths.requests.page(id, firstMissing) : paths.requests.check(id)) : null,
      checkHref: canWrite && r.status === 'draft' ? paths.requests.check(id) : null,
      startMatching: canMatch && r.status === 'submitted' ? { action: startMatchingPath(id), version: r.version } : null,
      matchingHref: canMatch && ['submitted', 'matching', 'proposed'].includes(r.status) ? paths.requests.matching(id) : null,
      withdrawHref: canWrite && isOpenRequest(r.status) ? paths.requests.withdraw(id) : null,
      missing: missingList(r),
      summary: requestSummary(r),
      sections: answerSections(r, editable ? { from: 'request' } : null),
      proposals: proposals.map(consideredRow),
      history: r.history.map(historyRow),
    });
  }

  // ---- Check your answers and submit ----

  async function checkPage(req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[] = [], status = 200) {
    const r = await s.get(req.ctx(), id, 'check');
    if (r.status !== 'draft') return reply.redirect(paths.requests.show(id), 303);
    return reply.code(status).view('requests/check.njk', {
      title: 'Check your answers before submitting the request',
      caption: `Placement request ${r.reference}: ${childName(r.child)}`,
      backLink: paths.requests.page(id, REQUEST_PAGE_ORDER[REQUEST_PAGE_ORDER.length - 1]),
      sections: answerSections(r, { from: 'check' }),
      action: paths.requests.submit(id),
      version: r.version,
      errors,
      errorList: checkErrorList(id, errors),
    });
  }

  // ---- The question pages ----

  function questionPage(reply: FastifyReply, r: PlacementRequestView, page: RequestPage, from: From, values: Record<string, unknown>, errors: FieldError[] = [], status = errors.length ? 400 : 200) {
    const context = { firstName: r.child.firstName, linkedSiblings: r.linkedSiblings };
    const index = REQUEST_PAGE_ORDER.indexOf(page);
    const previous = REQUEST_PAGE_ORDER[index - 1];
    const backLink = from === 'check' ? paths.requests.check(r.id) : from === 'request' || !previous ? paths.requests.show(r.id) : paths.requests.page(r.id, previous);
    const shown = normaliseErrors(errors);
    return reply.code(status).view('requests/page.njk', {
      title: REQUEST_PAGES[page].title,
      caption: `Placement request ${r.reference}: ${childName(r.child)}`,
      progress: `Section ${index + 1} of ${REQUEST_PAGE_ORDER.length}`,
      backLink,
      action: `${paths.requests.page(r.id, page)}${from ? `?from=${from}` : ''}`,
      version: r.version,
      groups: requestQuestions(page, context),
      values,
      draft: r.status === 'draft',
      errors: shown,
      errorList: questionErrorList(shown, pageFields(page, context)),
    });
  }

  // ---- Withdrawing ----

  const withdrawForm = (r: { id: string; reference: string }, caption: string) => ({
    title: `Withdraw placement request ${r.reference}`,
    caption,
    action: paths.requests.withdraw(r.id),
    backLink: paths.requests.show(r.id),
    fields: withdrawQuestions,
    submitText: 'Withdraw request',
    warning: 'The placement team will stop looking for a home for this request. A withdrawn request cannot be opened again.',
  });

  return [
    defineRoute({
      method: 'GET',
      url: paths.requests.list,
      access: 'request:read',
      audit: 'request.listed',
      handler: async (req, reply) => {
        const q = queryString(req.query, 'q');
        const status = queryString(req.query, 'status');
        const whose = queryString(req.query, 'whose');
        const list = await s.list(req.ctx(), { q, status, mine: whose === 'mine' }, { page: queryPage(req.query), size: PAGE_SIZE });
        const filterValues = { q, status, whose };
        return reply.view('record/list.njk', {
          title: 'Placement requests',
          noun: 'request',
          nounPlural: 'requests',
          newLink: may(req, 'request:write') ? { text: 'Start a placement request', href: paths.requests.new } : undefined,
          filters: requestFilters,
          filterValues,
          ...listPaging(paths.requests.list, filterValues, list),
          head: requestListHead,
          rows: list.items.map(requestListRow),
        });
      },
    }),

    defineRoute({
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
    }),

    defineRoute({
      method: 'POST',
      url: paths.requests.new,
      access: 'request:write',
      audit: 'request.created',
      body: PageForm,
      handler: async (req, reply) => {
        const childId = String([req.body?.child].flat()[0] ?? '');
        try {
          const created = await s.create(req.ctx(), childId);
          setFlash(req, saveBanner.requestStarted(created.reference));
          return reply.redirect(paths.requests.page(created.id, 'basics'), 303);
        } catch (err) {
          if (err instanceof OpenRequestError) return startPage(req, reply, childId, err.errors, 409);
          if (err instanceof ValidationError) throw new NotFoundError('Child');
          throw err;
        }
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.requests.show(),
      access: 'request:read',
      audit: 'request.viewed',
      params: IdParams,
      handler: async (req, reply) => showPage(req, reply, req.params.id),
    }),

    defineRoute({
      method: 'GET',
      url: paths.requests.check(),
      access: 'request:write',
      audit: 'request.viewed',
      params: IdParams,
      handler: async (req, reply) => checkPage(req, reply, req.params.id),
    }),

    defineRoute({
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
        setFlash(req, saveBanner.requestSubmitted);
        return reply.redirect(paths.requests.show(id), 303);
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.requests.page(),
      access: 'request:write',
      audit: 'request.viewed',
      params: PageParams,
      handler: async (req, reply) => {
        const { id, page } = req.params;
        const r = await s.get(req.ctx(), id, 'edit');
        if (!isEditableRequest(r.status)) {
          setWarning(req, warnings.requestClosed(REQUEST_STATUSES[r.status].toLowerCase()));
          return reply.redirect(paths.requests.show(id), 303);
        }
        return questionPage(reply, r, page, fromQuery(req), formValues(page, r, pageFields(page, { firstName: r.child.firstName, linkedSiblings: r.linkedSiblings })));
      },
    }),

    defineRoute({
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
        let saved: { version: number; status: RequestStatus };
        try {
          const version = versionFrom(req.body);
          // The siblings' list is read from the post whether or not the page showed it.
          saved = await s.savePage(req.ctx(), id, page, version, pageInput(req.body, page), { draft });
        } catch (err) {
          if (!(err instanceof ValidationError) && !(err instanceof StaleRecordError)) throw err;
          const r = await s.get(req.ctx(), id, 'edit');
          const values = keepLists(redisplayValues(req.body), pageFields(page, { firstName: r.child.firstName, linkedSiblings: r.linkedSiblings }));
          const posted = Number([body?.version].flat()[0]);
          const view = { ...r, version: Number.isInteger(posted) && posted > 0 ? posted : r.version };
          if (err instanceof StaleRecordError) return questionPage(reply, view, page, from, values, [{ field: 'form', message: err.message }], 409);
          return questionPage(reply, view, page, from, values, err.errors);
        }
        setFlash(req, saveBanner.requestPageSaved(REQUEST_PAGES[page].title));
        if (from === 'check' && saved.status === 'draft') return reply.redirect(paths.requests.check(id), 303);
        if (draft && saved.status === 'draft') {
          setFlash(req, saveBanner.requestSavedForLater);
          return reply.redirect(paths.requests.show(id), 303);
        }
        if (from === 'request' || saved.status !== 'draft') return reply.redirect(paths.requests.show(id), 303);
        const next = nextRequestPage(page);
        return reply.redirect(next ? paths.requests.page(id, next) : paths.requests.check(id), 303);
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.requests.withdraw(),
      access: 'request:write',
      audit: 'request.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const r = await s.get(req.ctx(), id, 'edit');
        if (!isOpenRequest(r.status)) {
          setWarning(req, warnings.requestNotWithdrawn(REQUEST_STATUSES[r.status].toLowerCase()));
          return reply.redirect(paths.requests.show(id), 303);
        }
        return renderForm(reply, { ...withdrawForm(r, childName(r.child)), version: r.version, values: {} });
      },
    }),

    defineRoute({
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
        return handleFormPost(reply, req.body, { ...withdrawForm(r, childName(r.child)), version }, async (input) => {
          await s.withdraw(req.ctx(), id, version, input.reason);
          setFlash(req, saveBanner.requestWithdrawn(r.reference));
          return paths.requests.show(id);
        });
      },
    }),

    // The placement team starts matching.
    defineRoute({
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
    }),
  ];
};
