/** Placement moves over JSON: requests to move a child from a placement, planned or urgent, and their agreement. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { ChildMoveRequest, Ending, EndingMeeting, MoveRequest } from '../services/moves.ts';
import { EndingMeetingInput } from '../domain/placements/endings.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { Uuid } from '../http/schemas.ts';
import { DECIDED_THROUGH, MoveDecisionInput, MoveRequestInput, type DecidedThrough } from '../domain/placements/moves.ts';
import { DateTime, Int, IsoDate, describing } from './responses.ts';
import { bodyWithVersion, checkedByService, docs, withVersion } from './helpers.ts';

const tag = 'Placement moves';
const through = Object.keys(DECIDED_THROUGH) as [DecidedThrough, ...DecidedThrough[]];

const moveFields = {
  id: Uuid,
  placementId: Uuid.meta({ description: 'The placement the child would leave' }),
  childId: Uuid,
  urgent: z.boolean().meta({ description: 'An urgent move: only for an immediate safeguarding issue, authorised by the head of service' }),
  reason: z.string(),
  supportTried: z.string(),
  virtualSchoolAdviceFrom: z.string(),
  virtualSchoolAdvice: z.string(),
  alternativesConsidered: z.string(),
  tellingPlan: z.string().meta({ description: 'How and when the child will be told' }),
  tellingConfirmedBySw: z.string().nullable(),
  tellingConfirmedBySsw: z.string().nullable(),
  tellingConfirmedByCarers: z.string().nullable(),
  safeguardingIssue: z.string().nullable(),
  alternativeOptions: z.array(z.object({ option: z.string(), suitable: z.boolean(), why: z.string() })),
  status: z.enum(['requested', 'agreed', 'declined', 'withdrawn']),
  decidedThrough: z.enum(through).nullable(),
  panelDate: IsoDate.nullable(),
  panelChair: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedBy: Uuid.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: DateTime.nullable().meta({ description: 'When the decision (or the urgent authorisation) was recorded' }),
  requestedBy: Uuid.nullable(),
  requestedByName: z.string(),
  requestedAt: DateTime,
  version: Int,
};
export const MoveResponse = describing<MoveRequest>()(z.object(moveFields));
export const ChildMovesResponse = describing<ChildMoveRequest[]>()(z.array(z.object({ ...moveFields, householdReference: z.string() })));

const EndingMeetingFields = z.object({
  id: Uuid,
  placementId: Uuid,
  childId: Uuid,
  householdId: Uuid,
  heldOn: IsoDate,
  chair: z.string(),
  attendees: z.string(),
  whatHappened: z.string(),
  learningForHousehold: z.string().meta({ description: "Shown on the household's record" }),
  learningForChild: z.string().meta({ description: "Shown on the child's record" }),
  recordedBy: Uuid.nullable(),
  recordedByName: z.string(),
  recordedAt: DateTime,
  version: Int,
});
export const EndingMeetingResponse = describing<EndingMeeting>()(EndingMeetingFields);
export const EndingMeetingsResponse = describing<EndingMeeting[]>()(z.array(EndingMeetingFields));
export const EndingResponse = describing<Ending | null>()(
  z
    .object({
      placementId: Uuid,
      endDate: IsoDate.nullable(),
      reasonEnded: z.string().nullable().meta({ description: 'SSDA903 REASON_PLACE_CHANGE' }),
      planned: z.boolean().nullable().meta({ description: 'Planned, or unplanned (an urgent move); null when not recorded' }),
      basis: z.string().meta({ description: 'How the ending was allowed, in words' }),
      agreedBy: z.string(),
      moveRequestId: Uuid.nullable(),
    })
    .nullable()
    .meta({ description: 'null while the placement has no end date' }),
);

export function movesApi(api: FastifyInstance, services: Services) {
  const s = services.moves;
  const PlacementParams = z.object({ id: Uuid.meta({ description: 'Placement id' }) });
  const MoveParams = z.object({ id: Uuid.meta({ description: 'Move request id' }) });

  route(api, {
    method: 'GET',
    url: paths.api.placementMoves(),
    access: 'placement:read',
    audit: 'move.listed',
    ...docs({ tag, summary: 'The requests to move the child from this placement, latest first', params: PlacementParams, response: describing<MoveRequest[]>()(z.array(MoveResponse)) }),
    handler: async (req) => s.ofPlacement(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'POST',
    url: paths.api.placementMoves(),
    access: 'move:request',
    audit: 'move.requested',
    ...docs({
      tag,
      summary:
        "Request a move from this placement: the reason, the support tried, the Virtual School's advice (who and what), the alternatives considered, how and when the child will be told and who agreed that (the child's social worker, the supervising social worker and the carers). An urgent move (urgent: true) records the immediate safeguarding issue and lists the alternative placement options. Until agreed, the placement cannot end early and no new placement for the child can be confirmed",
      params: PlacementParams,
      body: MoveRequestInput,
      response: MoveResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(await s.request(req.ctx(), req.params.id, req.body)),
  });

  route(api, {
    method: 'GET',
    url: paths.api.childMoves(),
    access: 'child:read',
    audit: 'move.listed',
    ...docs({ tag, summary: "The requests to move the child, across their placements, latest first", params: z.object({ id: Uuid.meta({ description: 'Child id' }) }), response: ChildMovesResponse }),
    handler: async (req) => s.ofChild(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'GET',
    url: paths.api.move(),
    access: 'placement:read',
    audit: 'move.viewed',
    ...docs({ tag, summary: 'A move request', params: MoveParams, response: MoveResponse }),
    handler: async (req) => s.get(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'POST',
    url: paths.api.moveDecision(),
    access: 'move:decide',
    audit: 'move.decided',
    ...docs({
      tag,
      summary:
        "Record the decision (send the version you read): the HARP panel's (decidedThrough harp_panel, with panelDate and panelChair, recorded by a manager) or the head of service's own. An urgent move is authorised only by the head of service, once the alternative placement options are listed",
      params: MoveParams,
      body: checkedByService(withVersion(MoveDecisionInput)),
      response: MoveResponse,
    }),
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      return s.decide(req.ctx(), req.params.id, version, rest);
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.placementEnding(),
    access: 'placement:read',
    audit: 'placement.viewed',
    ...docs({ tag, summary: "How the placement's ending was allowed: planned or unplanned, who agreed it, the SSDA903 reason (null while it has no end date)", params: PlacementParams, response: EndingResponse }),
    handler: async (req) => s.endingOf(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'GET',
    url: paths.api.placementEndingMeetings(),
    access: 'placement:read',
    audit: 'ending-meeting.listed',
    ...docs({ tag, summary: 'The disruption (ending) meetings about the placement', params: PlacementParams, response: EndingMeetingsResponse }),
    handler: async (req) => s.endingMeetings(req.ctx(), { placementId: req.params.id }),
  });

  route(api, {
    method: 'POST',
    url: paths.api.placementEndingMeetings(),
    access: 'planning:write',
    audit: 'ending-meeting.recorded',
    ...docs({
      tag,
      summary: 'Record a disruption (ending) meeting about a placement that has ended or has its end date: what happened, and the learning for the household and for the child (each shown on their record)',
      params: PlacementParams,
      body: EndingMeetingInput,
      response: EndingMeetingResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(await s.recordEndingMeeting(req.ctx(), req.params.id, req.body)),
  });

  route(api, {
    method: 'GET',
    url: paths.api.childEndingMeetings(),
    access: 'child:read',
    audit: 'ending-meeting.listed',
    ...docs({ tag, summary: "The disruption meetings about the child's placements, with the learning", params: z.object({ id: Uuid.meta({ description: 'Child id' }) }), response: EndingMeetingsResponse }),
    handler: async (req) => s.endingMeetings(req.ctx(), { childId: req.params.id }),
  });

  route(api, {
    method: 'GET',
    url: paths.api.householdEndingMeetings(),
    access: 'household:read',
    audit: 'ending-meeting.listed',
    ...docs({ tag, summary: "The disruption meetings about the household's placements, with the learning", params: z.object({ id: Uuid.meta({ description: 'Household id' }) }), response: EndingMeetingsResponse }),
    handler: async (req) => s.endingMeetings(req.ctx(), { householdId: req.params.id }),
  });

  route(api, {
    method: 'POST',
    url: paths.api.moveWithdrawal(),
    access: 'move:request',
    audit: 'move.withdrawn',
    ...docs({ tag, summary: 'Withdraw a request still waiting for agreement (send the version you read): the child stays', params: MoveParams, body: checkedByService(z.object({ version: Int })), response: MoveResponse }),
    handler: async (req) => {
      const { version } = bodyWithVersion(req.body);
      return s.withdraw(req.ctx(), req.params.id, version);
    },
  });
}
