import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { OpenRequestError } from '../services/placement-requests.ts';
import { REQUEST_PAGES, REQUEST_PAGE_ORDER, REQUEST_STATUSES, type RequestStatus } from '../domain/records/placement-request.ts';
import { route } from '../http/route.ts';
import { IdParams, Uuid, toJsonSchema } from '../http/schemas.ts';
import { sendProblem } from '../http/problem.ts';
import { RequestList, RequestView } from './responses/requests.ts';
import { Version, bodyWithVersion, checkedByService, docs, pagingOf, pagingQuery, queryText } from './helpers.ts';

const tag = 'Placement requests';
const base = '/api/v1/requests';

const OUTPUT =
  'A request has id, reference (PR00001…), childId, status, urgency, kind, neededBy (YYYY-MM-DD), siblingIds, needs, risks and views (the answers of each page), ' +
  'createdBy, createdByName, createdAt, updatedAt, version; child (id, reference, names, dateOfBirth, age, socialWorkerId, socialWorkerName); siblings (those named) and ' +
  'linkedSiblings (every child linked as a sibling, who may be named); history (status, at, byUserId, byName, note; oldest first); missing (for a draft, what must still ' +
  'be answered before submission: field, message, page). Viewing it is audited.';

const VersionBody = z.object({ version: Version.describe('The version you read') });
const pageParams = z.object({ id: Uuid, page: z.enum(REQUEST_PAGE_ORDER) });

/**
 * A page's answers with the version. Which answers a page needs depends on the page and on ?draft,
 * so the service checks them (with the page's schema, every problem listed); here the version is
 * checked and the OpenAPI document gives one schema per page, as the pages of the form.
 */
const PageBody = z.looseObject({ version: Version }).meta({
  oneOf: REQUEST_PAGE_ORDER.map((p) => {
    const s = toJsonSchema(REQUEST_PAGES[p].schema) as { properties?: Record<string, unknown>; required?: string[] };
    return {
      title: `${p}: ${REQUEST_PAGES[p].title}`,
      type: 'object',
      properties: { version: { type: 'integer', minimum: 1 }, ...(s.properties ?? {}) },
      required: ['version', ...(s.required ?? [])],
    };
  }),
});

/** The placement request form over JSON: the same services, permissions and audit as the pages. */
export function placementRequestApi(api: FastifyInstance, services: Services) {
  const s = services.requests;

  route(api, {
    method: 'GET',
    url: base,
    access: 'request:read',
    audit: 'request.listed',
    ...docs({
      tag,
      summary: 'List placement requests, most recently changed first, a page at a time (500 unless `limit` says fewer; `total` counts every match, `truncated` says when more match than were sent)',
      query: z.object({
        status: z.enum(Object.keys(REQUEST_STATUSES) as RequestStatus[]).optional(),
        childId: queryText('Child id (UUID)'),
        mine: z.enum(['true', 'false']).meta({ description: 'true: requests I started, or for children allocated to me' }).optional(),
        q: queryText("Child's name or reference, or the request's reference, contains"),
        ...pagingQuery,
      }),
      response: RequestList,
    }),
    handler: async (req) => {
      const { page, limit, ...filter } = req.query;
      return s.list(req.ctx(), { ...filter, mine: filter.mine === 'true' }, pagingOf({ page, limit }));
    },
  });

  route(api, {
    method: 'POST',
    url: base,
    access: 'request:write',
    audit: 'request.created',
    ...docs({
      tag,
      summary: 'Start a draft placement request for a child',
      body: z.object({ childId: Uuid }),
      status: 201,
      response: RequestView,
      description: `Returns the draft (201). Refused with 409 (and existingRequest: id, reference, status) when the child already has an open request (draft, submitted, matching or proposed). ${OUTPUT}`,
    }),
    handler: async (req, reply) => {
      const { childId } = req.body;
      try {
        const created = await s.create(req.ctx(), childId);
        return reply.code(201).send(await s.get(req.ctx(), created.id));
      } catch (err) {
        if (err instanceof OpenRequestError) {
          return sendProblem(reply, 409, 'Open request exists', err.errors[0]?.message, { errors: err.errors, existingRequest: err.existing });
        }
        throw err;
      }
    },
  });

  route(api, {
    method: 'GET',
    url: `${base}/:id`,
    access: 'request:read',
    audit: 'request.viewed',
    ...docs({ tag, summary: 'Get a placement request with its child, siblings and status history', params: IdParams, response: RequestView, description: OUTPUT }),
    handler: async (req) => s.get(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'PUT',
    url: `${base}/:id/pages/:page`,
    access: 'request:write',
    audit: 'request.updated',
    ...docs({
      tag,
      summary: "Save one page of the form (basics, needs, risks or views), with the version you read; while the request is a draft or submitted",
      description:
        'Replaces that page\'s answers: a field left out becomes empty (or false, or an empty list). Page basics needs urgency, kind and neededBy (not in the past), and ' +
        'siblingIds must be children linked as siblings of the child; with ?draft=true they may be left out of a draft for now. A change after submission is noted in the ' +
        `status history, and the page must stay complete. Returns the request as GET does. ${OUTPUT}`,
      response: RequestView,
      params: pageParams,
      query: z.object({ draft: z.enum(['true', 'false']).meta({ description: 'true: save as a draft, leaving questions blank' }).optional() }),
      body: PageBody,
    }),
    handler: async (req) => {
      const { id, page } = req.params;
      const { version, rest } = bodyWithVersion(req.body);
      await s.savePage(req.ctx(), id, page, version, rest, { draft: req.query.draft === 'true' });
      return s.get(req.ctx(), id);
    },
  });

  route(api, {
    method: 'POST',
    url: `${base}/:id/submit`,
    access: 'request:write',
    audit: 'request.status-changed',
    ...docs({
      tag,
      summary: 'Submit a draft to the placement team (send the version you read)',
      body: VersionBody,
      params: IdParams,
      description: `Refused with 400 listing every missing answer (field, message, page) while the request is incomplete. Returns the request as GET does. ${OUTPUT}`,
      response: RequestView,
    }),
    handler: async (req) => {
      const id = req.params.id;
      await s.submit(req.ctx(), id, bodyWithVersion(req.body).version);
      return s.get(req.ctx(), id);
    },
  });

  route(api, {
    method: 'POST',
    url: `${base}/:id/withdraw`,
    access: 'request:write',
    audit: 'request.status-changed',
    ...docs({
      tag,
      summary: 'Withdraw an open request, with the reason (send the version you read)',
      body: checkedByService(VersionBody.extend({ reason: z.string().min(1).describe('Kept in the status history') })),
      params: IdParams,
      response: RequestView,
      description: `Returns the request as GET does. ${OUTPUT}`,
    }),
    handler: async (req) => {
      const id = req.params.id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.withdraw(req.ctx(), id, version, rest.reason);
      return s.get(req.ctx(), id);
    },
  });

  route(api, {
    method: 'POST',
    url: `${base}/:id/start-matching`,
    access: 'matching:run',
    audit: 'request.status-changed',
    ...docs({
      tag,
      summary: 'The placement team starts matching a submitted request (send the version you read)',
      body: VersionBody,
      params: IdParams,
      response: RequestView,
      description: `Returns the request as GET does. ${OUTPUT}`,
    }),
    handler: async (req) => {
      const id = req.params.id;
      await s.startMatching(req.ctx(), id, bodyWithVersion(req.body).version);
      return s.get(req.ctx(), id);
    },
  });
}
