import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { ValidationError } from '../services/errors.ts';
import { route } from '../web/route.ts';
import { paths } from '../web/paths.ts';
import { bodyWithVersion, docs, requireObject } from './helpers.ts';

const tag = 'Proposals and agreements';

/** The JSON side of proposing a household, concurrent placement agreements and confirmation (seed 000). */
export function proposalApi(api: FastifyInstance, services: Services) {
  const s = services.proposals;
  const params = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } as const;

  route(api, {
    method: 'POST',
    url: paths.api.proposals(),
    access: 'matching:run',
    audit: 'proposal.created',
    schema: { ...docs({ tag, summary: 'Consider a household for a placement request that is being matched ({householdId}); refused with every reason when the household does not meet the conditions', body: z.object({ householdId: z.uuid() }) }), params },
    handler: async (req, reply) => {
      const body = requireObject(req.body);
      if (typeof body.householdId !== 'string') throw new ValidationError([{ field: 'householdId', message: 'Send the household id' }]);
      return reply.code(201).send(await s.createProposal(req.ctx(), (req.params as { id: string }).id, body.householdId));
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.proposal(),
    access: 'request:read',
    audit: 'proposal.viewed',
    schema: {
      ...docs({
        tag,
        summary:
          'A proposal: the household, the children already living there with the considerations recorded, the agreement requirements with their status, and `blockers`: every unmet condition for proposing and for confirming',
      }),
      params,
    },
    handler: async (req) => {
      const v = await s.get(req.ctx(), (req.params as { id: string }).id);
      return {
        id: v.p.id,
        status: v.p.status,
        version: v.p.version,
        requestId: v.request.id,
        childId: v.child.id,
        householdId: v.household.id,
        proposedStart: v.p.proposedStart,
        placementId: v.p.placementId,
        override: v.p.overrideReason ? { reason: v.p.overrideReason, at: v.p.overrideAt, by: v.p.overrideBy } : null,
        childrenThere: v.there.map((t) => ({ childId: t.childId, reference: t.reference, placementId: t.placementId })),
        considerations: v.considerations.map((c) => ({ existingChildId: c.c.existingChildId, role: c.c.role, servesWellbeing: c.c.servesWellbeing, reasoning: c.c.reasoning, by: c.userName, at: c.c.at })),
        requirements: v.requirements.map((r) => ({
          id: r.id,
          version: r.version,
          existingChildId: r.existingChildId,
          socialWorker: r.socialWorkerName,
          placingAuthority: r.placingAuthority,
          status: r.status,
          method: r.method,
          requestedAt: r.requestedAt,
          remindersSent: r.remindersSent,
          escalatedAt: r.escalatedAt,
          respondedOn: r.respondedOn,
          responderName: r.responderName,
        })),
        matching: { eligible: v.evaluation.eligible, reasons: v.evaluation.reasons, score: v.evaluation.score },
        blockers: v.blockers,
      };
    },
  });

  const proposalActions: { name: string; access: 'proposal:consider' | 'matching:run' | 'agreement:override' | 'placement:confirm'; audit: 'proposal.considered' | 'proposal.proposed' | 'agreement.overridden' | 'proposal.withdrawn' | 'proposal.confirmed'; summary: string; versioned: boolean; body: z.ZodType }[] = [
    { name: 'consider', access: 'proposal:consider', audit: 'proposal.considered', versioned: false, summary: "Record the caller's consideration (placement officer, or the household's supervising social worker) of one child already living there: {existingChildId, servesWellbeing: 'yes'|'no', reasoning}", body: z.object({ existingChildId: z.uuid(), servesWellbeing: z.enum(['yes', 'no']), reasoning: z.string() }) },
    { name: 'propose', access: 'matching:run', audit: 'proposal.proposed', versioned: true, summary: 'Propose the household {version, proposedStart}: creates one agreement requirement per child already placed', body: z.object({ version: z.number(), proposedStart: z.string() }) },
    { name: 'override', access: 'agreement:override', audit: 'agreement.overridden', versioned: true, summary: 'Head of service: confirm may go ahead without every written agreement {version, reason}', body: z.object({ version: z.number(), reason: z.string() }) },
    { name: 'withdraw', access: 'matching:run', audit: 'proposal.withdrawn', versioned: true, summary: 'Withdraw the proposal {version, reason}', body: z.object({ version: z.number(), reason: z.string() }) },
    { name: 'confirm', access: 'placement:confirm', audit: 'proposal.confirmed', versioned: true, summary: 'Confirm the placement {version, placementType}; refused with every unmet condition listed', body: z.object({ version: z.number(), placementType: z.string() }) },
  ];
  for (const a of proposalActions) {
    route(api, {
      method: 'POST',
      url: paths.api.proposalAction(':id', a.name),
      access: a.access,
      audit: a.audit,
      schema: { ...docs({ tag, summary: a.summary, body: a.body }), params },
      handler: async (req) => {
        const id = (req.params as { id: string }).id;
        const ctx = req.ctx();
        if (a.name === 'consider') await s.consider(ctx, id, requireObject(req.body));
        else {
          const { version, rest } = bodyWithVersion(req.body);
          if (a.name === 'propose') await s.propose(ctx, id, version, rest);
          else if (a.name === 'override') await s.override(ctx, id, version, rest);
          else if (a.name === 'withdraw') await s.withdraw(ctx, id, version, rest);
          else if (a.name === 'confirm') return s.confirm(ctx, id, version, rest);
        }
        return { ok: true };
      },
    });
  }

  route(api, {
    method: 'POST',
    url: paths.api.agreementAction(':id', 'request'),
    access: 'agreement:record',
    audit: 'agreement.requested',
    schema: { ...docs({ tag, summary: "Send the request for written agreement by secure link {version, confirm: 'yes'} (confirm that the anonymised summary was read; GET the proposal's agreement preview page first)", body: z.object({ version: z.number(), confirm: z.literal('yes') }) }), params },
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      await s.requestAgreement(req.ctx(), (req.params as { id: string }).id, version, rest);
      return { ok: true };
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.agreementAction(':id', 'preview'),
    access: 'agreement:record',
    audit: 'proposal.viewed',
    schema: { ...docs({ tag, summary: 'What a request for agreement would send: the recipient and the anonymised summary of the proposed child' }), params },
    handler: async (req) => {
      const p = await s.agreementPreview(req.ctx(), (req.params as { id: string }).id);
      return { requirementId: p.requirement.id, version: p.requirement.version, to: p.requirement.socialWorkerEmail, socialWorker: p.requirement.socialWorkerName, summary: p.summary };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.agreementAction(':id', 'record'),
    access: 'agreement:record',
    audit: 'agreement.recorded',
    schema: {
      ...docs({
        tag,
        summary:
          "Record an answer received in writing {version, method: 'letter_or_email'|'open_agreement', outcome: 'agreed'|'declined', respondedOn, responderName, responderRole, correspondence, comments?, informedOn?, specificConsentRequired?: 'yes'|'no'}; the text is filed on the carers' file",
      }),
      params,
    },
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      await s.recordAgreement(req.ctx(), (req.params as { id: string }).id, version, rest);
      return { ok: true };
    },
  });
}
