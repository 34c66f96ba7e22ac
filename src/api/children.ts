import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { ChildInput, EndLegalStatusInput, LegalStatusInput, MissingInput, SiblingByIdInput } from '../domain/records/child.ts';
import { CATEGORY_OF_NEED, LEGAL_STATUS } from '../domain/ssda903/codes.ts';
import { z } from 'zod';
import { route } from '../http/route.ts';
import { IdParams, Uuid } from '../http/schemas.ts';
import { Items } from './responses.ts';
import { ChildList, ChildRecord, ChildView, LegalStatus, MissingPeriod, SiblingLinked } from './responses/children.ts';
import { bodyWithVersion, docs, pagingOf, pagingQuery, queryText, requireObject, withVersion } from './helpers.ts';

const tag = 'Children';

const statusParams = z.object({ id: Uuid, statusId: Uuid });
const missingParams = z.object({ id: Uuid, missingId: Uuid });
const siblingParams = z.object({ id: Uuid, siblingId: Uuid });

export function childApi(api: FastifyInstance, services: Services) {
  const s = services.children;

  route(api, {
    method: 'GET',
    url: '/api/v1/children',
    access: 'child:read',
    audit: 'child.listed',
    ...docs({
      tag,
      summary:
        'List children a page at a time (500 unless `limit` says fewer; `total` counts every match, `truncated` says when more match than were sent), each with their social worker and independent reviewing officer. All children, those who have left care too, unless `inCare=true`',
      query: z.object({
        q: queryText('Name, other name (nickname or previous name), child reference or UPN contains'),
        responsibleAuthorityId: queryText('Responsible authority (organisation id)'),
        socialWorkerId: queryText('Allocated social worker (user id), or "mine"'),
        iroId: queryText('Allocated independent reviewing officer (user id), or "mine"'),
        categoryOfNeed: z.enum(Object.keys(CATEGORY_OF_NEED)).optional(),
        legalStatus: z.enum(Object.keys(LEGAL_STATUS)).meta({ description: 'Current SSDA903 legal status' }).optional(),
        inCare: z.enum(['true', 'false']).meta({ description: 'true: leave out children who have left care (a legal status had begun and none is in force today)' }).optional(),
        ...pagingQuery,
      }),
      response: ChildList,
    }),
    handler: async (req) => {
      const { socialWorkerId: sw, iroId: iro, inCare, page, limit, ...rest } = req.query;
      const { filter: _filter, ...answer } = await s.list(
        req.ctx(),
        { ...rest, inCare: inCare === 'true', socialWorkerId: sw === 'mine' ? req.actor?.userId : sw, iroId: iro === 'mine' ? req.actor?.userId : iro },
        pagingOf({ page, limit }),
      );
      return answer;
    },
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/children',
    access: 'child:write',
    audit: 'child.created',
    ...docs({
      tag,
      status: 201,
      summary:
        'Add a child (a reference like C123456 is made when none is sent; iroId must be an active independent reviewing officer). otherNames (nicknames, preferred and previous names, each with its kind) and familyMembers (parents and other relatives: name and relationship) are removed from the anonymised summary wherever they appear',
      body: ChildInput,
      response: ChildRecord,
    }),
    handler: async (req, reply) => reply.code(201).send(await s.create(req.ctx(), requireObject(req.body))),
  });

  route(api, {
    method: 'GET',
    url: '/api/v1/children/:id',
    access: 'child:read',
    audit: 'child.viewed',
    ...docs({
      tag,
      summary: 'Get a child with their other names and family members, social worker and independent reviewing officer (ids and names), legal status history, siblings and placements (the view is audited)',
      params: IdParams,
      response: ChildView,
    }),
    handler: async (req) => s.get(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'PUT',
    url: '/api/v1/children/:id',
    access: 'child:write',
    audit: 'child.updated',
    ...docs({
      tag,
      summary:
        "Change a child's details (send the version you read). Changing socialWorkerId ends the open social worker episode today and starts the new worker's; socialWorkerChangeReason (SW_REASON, codes of the collection year containing today) is required when a social worker is replaced or removed. otherNames and familyMembers replace the lists held when sent, and are kept as they are when left out ([] removes them all)",
      body: withVersion(ChildInput),
      params: IdParams,
      response: ChildView,
    }),
    handler: async (req) => {
      const id = req.params.id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.update(req.ctx(), id, version, rest);
      return s.get(req.ctx(), id);
    },
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/children/:id/legal-statuses',
    access: 'child:legal-status:write',
    audit: 'child.legal-status.added',
    ...docs({ tag, status: 201, summary: 'Add a legal status period (must not overlap another; at most one without an end date)', body: LegalStatusInput, params: IdParams, response: LegalStatus }),
    handler: async (req, reply) => reply.code(201).send(await s.addLegalStatus(req.ctx(), req.params.id, requireObject(req.body))),
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/children/:id/legal-statuses/:statusId/end',
    access: 'child:legal-status:write',
    audit: 'child.legal-status.ended',
    ...docs({
      tag,
      summary: 'End the open legal status period. If no legal status follows, send careEndedReason (REC, not X1, a code of the collection year containing today): the period of care ending is recorded',
      body: EndLegalStatusInput,
      params: statusParams,
      response: LegalStatus,
    }),
    handler: async (req) => {
      const { id, statusId } = req.params;
      return s.endLegalStatus(req.ctx(), id, statusId, requireObject(req.body));
    },
  });

  route(api, {
    method: 'GET',
    url: '/api/v1/children/:id/missing',
    access: 'child:read',
    audit: 'child.viewed',
    ...docs({ tag, summary: "The child's missing (M) and away-without-authorisation (A) periods, oldest first", params: IdParams, response: Items(MissingPeriod) }),
    handler: async (req) => ({ items: await s.listMissing(req.ctx(), req.params.id) }),
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/children/:id/missing',
    access: 'child:write',
    audit: 'missing.recorded',
    ...docs({ tag, status: 201, summary: 'Record a missing (M) or away-without-authorisation (A) period; endedOn may be left out while it goes on', body: MissingInput, params: IdParams, response: MissingPeriod }),
    handler: async (req, reply) => reply.code(201).send(await s.addMissing(req.ctx(), req.params.id, requireObject(req.body))),
  });

  route(api, {
    method: 'PUT',
    url: '/api/v1/children/:id/missing/:missingId',
    access: 'child:write',
    audit: 'missing.updated',
    ...docs({ tag, summary: 'Change or end a missing or away period (send the version you read)', body: withVersion(MissingInput), params: missingParams, response: MissingPeriod }),
    handler: async (req) => {
      const { id, missingId } = req.params;
      const { version, rest } = bodyWithVersion(req.body);
      return s.updateMissing(req.ctx(), id, missingId, version, rest);
    },
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/children/:id/siblings',
    access: 'child:write',
    audit: 'child.sibling.linked',
    ...docs({ tag, status: 201, summary: 'Link a sibling (the link is shown on both children)', body: SiblingByIdInput, params: IdParams, response: SiblingLinked }),
    handler: async (req, reply) => reply.code(201).send(await s.linkSibling(req.ctx(), req.params.id, requireObject(req.body), 'id')),
  });

  route(api, {
    method: 'DELETE',
    url: '/api/v1/children/:id/siblings/:siblingId',
    access: 'child:write',
    audit: 'child.sibling.unlinked',
    ...docs({ tag, summary: 'Unlink a sibling', status: 204, params: siblingParams }),
    handler: async (req, reply) => {
      const { id, siblingId } = req.params;
      await s.unlinkSibling(req.ctx(), id, siblingId);
      return reply.code(204).send();
    },
  });
}
