/** The Placement Stability Panel over JSON: referrals, sittings with their agenda, and decisions. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { PanelReferral, PanelSittingView, PanelTask } from '../services/stability-panel.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { Uuid } from '../http/schemas.ts';
import { PanelDecisionInput, PanelReferralInput, PanelSittingInput } from '../domain/records/stability-panel.ts';
import { DateTime, Int, IsoDate, describing } from './responses.ts';
import { bodyWithVersion, checkedByService, docs, withVersion } from './helpers.ts';

const tag = 'Placement Stability Panel';

const referralFields = {
  id: Uuid,
  placementId: Uuid,
  childId: Uuid,
  child: z.object({ id: Uuid, reference: z.string(), firstName: z.string(), lastName: z.string() }),
  householdReference: z.string(),
  referredOn: IsoDate,
  reason: z.string(),
  serviceSought: z.string(),
  tried: z.string(),
  supportPlanVersionId: Uuid.nullable().meta({ description: 'The latest initial support plan version when referred (attached)' }),
  referredBy: Uuid.nullable(),
  referredByName: z.string(),
  sittingId: Uuid.nullable(),
  status: z.enum(['referred', 'on_agenda', 'decided']),
  serviceAgreed: z.string().nullable(),
  fundedBy: z.string().nullable(),
  decision: z.string().nullable(),
  reviewOn: IsoDate.nullable(),
  decidedOn: IsoDate.nullable().meta({ description: 'The day of the sitting that decided' }),
  decidedByName: z.string().nullable(),
  version: Int,
};
const Referral = z.object(referralFields);
const Task = z.object({
  id: Uuid,
  placementId: Uuid,
  childId: Uuid,
  sourceVersionId: Uuid.nullable(),
  panelReferralId: Uuid.nullable(),
  description: z.string(),
  ownerUserId: Uuid.nullable(),
  ownerName: z.string(),
  dueOn: IsoDate,
  completedOn: IsoDate.nullable(),
  completedBy: Uuid.nullable(),
  note: z.string(),
  version: Int,
  createdAt: DateTime,
});
export const PanelReferralResponse = describing<PanelReferral>()(Referral);
export const PanelReferralsResponse = describing<PanelReferral[]>()(z.array(Referral));
export const PanelReferralView = describing<PanelReferral & { tasks: PanelTask[] }>()(Referral.extend({ tasks: z.array(Task).meta({ description: "The decision's actions and its review, each a task of its owner" }) }));
export const PanelSittingResponse = describing<PanelSittingView>()(
  z.object({ id: Uuid, sitsOn: IsoDate, members: z.string(), virtualSchoolAttendee: z.string(), recordedBy: Uuid.nullable(), recordedAt: DateTime, version: Int, agenda: z.array(Referral) }),
);

export function panelApi(api: FastifyInstance, services: Services) {
  const s = services.panel;
  const Id = z.object({ id: Uuid });

  route(api, {
    method: 'POST',
    url: paths.api.placementPanelReferrals(),
    access: 'panel:refer',
    audit: 'panel.referred',
    ...docs({
      tag,
      summary: "Refer the child's case to the Placement Stability Panel: why escalation is needed, the service sought and what has been tried; the latest initial support plan version is attached",
      params: Id,
      body: PanelReferralInput,
      response: PanelReferralResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(await s.refer(req.ctx(), req.params.id, req.body)),
  });

  route(api, {
    method: 'GET',
    url: paths.api.panelReferrals,
    access: 'placement:read',
    audit: 'panel.listed',
    ...docs({
      tag,
      summary: 'Referrals to the panel, latest first: all, or by status (referred: waiting for a sitting; on_agenda; decided), or a child\'s',
      query: z.object({ status: z.enum(['referred', 'on_agenda', 'decided']).optional(), childId: Uuid.optional() }),
      response: PanelReferralsResponse,
    }),
    handler: async (req) => s.referrals(req.ctx(), { ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.childId ? { childId: req.query.childId } : {}) }),
  });

  route(api, {
    method: 'GET',
    url: paths.api.panelReferral(),
    access: 'placement:read',
    audit: 'panel.viewed',
    ...docs({ tag, summary: 'A referral, with its decision and the tasks it made', params: Id, response: PanelReferralView }),
    handler: async (req) => s.referral(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'POST',
    url: paths.api.panelSittings,
    access: 'panel:manage',
    audit: 'panel.sitting.recorded',
    ...docs({ tag, summary: 'Record a sitting (date, members, who attends for the Virtual School) with the referred cases on its agenda (referralIds)', body: PanelSittingInput, response: PanelSittingResponse, status: 201 }),
    handler: async (req, reply) => reply.code(201).send(await s.recordSitting(req.ctx(), req.body)),
  });

  route(api, {
    method: 'GET',
    url: paths.api.panelSitting(),
    access: 'placement:read',
    audit: 'panel.viewed',
    ...docs({ tag, summary: 'A sitting with its agenda', params: Id, response: PanelSittingResponse }),
    handler: async (req) => s.sitting(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'POST',
    url: paths.api.panelDecision(),
    access: 'panel:manage',
    audit: 'panel.decided',
    ...docs({
      tag,
      summary:
        "Record the panel's decision on a case on a sitting's agenda (send the version you read): service agreed, funded by, the decision, the review date and the actions (description, ownerUserId, dueOn), each a task on its owner's My work; the child's social worker gets a task to review it; the decision is e-mailed to the child's social worker and the supervising social worker",
      params: Id,
      body: checkedByService(withVersion(PanelDecisionInput)),
      response: PanelReferralView,
    }),
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      return s.decide(req.ctx(), req.params.id, version, rest);
    },
  });
}
