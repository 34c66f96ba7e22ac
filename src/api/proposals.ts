import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { ValidationError } from '../services/errors.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { IdParams, Uuid } from '../http/schemas.ts';
import { Created, DateTime, Int, IsoDate, Ok, describing } from './responses.ts';
import { PLACEMENT_KINDS, type PlacementKind } from '../domain/records/household.ts';
import { PLACEMENT_STATUSES, type PlacementStatus } from '../domain/records/placement.ts';
import { Version, bodyWithVersion, checkedByService, docs, requireObject } from './helpers.ts';

const tag = 'Proposals and agreements';

type Proposals = Services['proposals'];
type Result<K extends keyof Proposals> = Proposals[K] extends (...args: never[]) => Promise<infer R> ? R : never;

/** A proposal as the API gives it. */
function presentProposal(v: Result<'get'>) {
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
    emergency: v.emergency,
    children: v.group.map((c) => ({ childId: c.id, reference: c.reference })),
    moves: v.moves.map((m) => ({ childId: m.childId, placementId: m.id, householdId: m.householdId, householdReference: m.householdReference, startDate: m.startDate })),
    placementTypes: v.placementTypes,
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
      responderRole: r.responderRole,
      onBehalfReason: r.onBehalfReason,
      openAgreementId: r.openAgreementId,
      informedOn: r.informedOn,
      specificConsentAsked: r.specificConsentAsked,
      noticeSentAt: r.noticeSentAt,
      answeredAt: r.answeredAt,
      answerSeenAt: r.answerSeenAt,
    })),
    matching: { eligible: v.evaluation.eligible, reasons: v.evaluation.reasons, score: v.evaluation.score },
    blockers: v.blockers,
  };
}

const presentPreview = (p: Result<'agreementPreview'>) => ({
  requirementId: p.requirement.id,
  version: p.requirement.version,
  to: p.requirement.socialWorkerEmail,
  socialWorker: p.requirement.socialWorkerName,
  summary: p.summary,
});

const presentOpenAgreement = (o: NonNullable<Result<'openAgreementView'>['openAgreement']>) => ({
  id: o.id,
  version: o.version,
  existingPlacementId: o.existingPlacementId,
  existingChildId: o.existingChildId,
  givenOn: o.givenOn,
  givenByName: o.givenByName,
  givenByRole: o.givenByRole,
  onBehalfReason: o.onBehalfReason,
  documentId: o.documentId,
  recordedBy: o.recordedByName,
  recordedAt: o.recordedAt,
});

function presentOpenAgreementView(v: Result<'openAgreementView'>) {
  return {
    requirementId: v.requirement.id,
    version: v.requirement.version,
    status: v.requirement.status,
    proposalId: v.proposalId,
    proposedOn: v.proposedOn,
    existingPlacement: { id: v.existingPlacement.id, kind: v.existingPlacement.kind, status: v.existingPlacement.status, startDate: v.existingPlacement.startDate, endDate: v.existingPlacement.endDate },
    openAgreement: v.openAgreement ? presentOpenAgreement(v.openAgreement) : null,
    stands: v.stands,
    informedOn: v.requirement.informedOn,
    specificConsentAsked: v.requirement.specificConsentAsked,
    noticeSentAt: v.requirement.noticeSentAt,
    may: v.may,
  };
}

const presentAnswer = (a: Result<'answersToAcknowledge'>[number]) => ({
  requirementId: a.id,
  version: a.version,
  proposalId: a.proposalId,
  existingChildId: a.existingChildId,
  householdId: a.householdId,
  status: a.status,
  method: a.method,
  respondedOn: a.respondedOn,
  responderName: a.responderName,
  responderRole: a.responderRole,
  onBehalfReason: a.onBehalfReason,
  answeredAt: a.answeredAt,
});


const ProposalStatus = z.enum(['considering', 'proposed', 'confirmed', 'withdrawn']);
const RequirementStatus = z.enum(['not_requested', 'requested', 'agreed', 'declined']).meta({ description: "The written agreement of the social worker of a child already placed" });
const AgreementMethod = z.enum(['letter_or_email', 'secure_link', 'open_agreement']).nullable().meta({ description: 'How the answer came' });
const FosterType = z.enum(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']).nullable();

const Proposal = describing<ReturnType<typeof presentProposal>>()(
  z.object({
    id: Uuid,
    status: ProposalStatus,
    version: Int,
    requestId: Uuid,
    childId: Uuid,
    householdId: Uuid,
    proposedStart: IsoDate.nullable(),
    placementId: Uuid.nullable().meta({ description: "The child's placement, once confirmed" }),
    override: z.object({ reason: z.string(), at: DateTime.nullable(), by: Uuid.nullable() }).nullable().meta({ description: "A head of service's authorisation to start before every agreement is in" }),
    emergency: z.boolean(),
    children: z.array(z.object({ childId: Uuid, reference: z.string() })).meta({ description: "The children to be placed together: the request's child first, then siblings" }),
    moves: z
      .array(z.object({ childId: Uuid, placementId: Uuid, householdId: Uuid, householdReference: z.string(), startDate: IsoDate }))
      .meta({ description: "Each child's current placement elsewhere, which ends the day the new one starts" }),
    placementTypes: z.object({ yes: FosterType, no: FosterType }).meta({ description: 'The SSDA903 placement type if the carers are (yes) or are not (no) a connected person' }),
    childrenThere: z.array(z.object({ childId: Uuid, reference: z.string(), placementId: Uuid })).meta({ description: 'Children already living in the household' }),
    considerations: z.array(
      z.object({ existingChildId: Uuid, role: z.enum(['placement_officer', 'supervising_social_worker']), servesWellbeing: z.boolean(), reasoning: z.string(), by: z.string(), at: DateTime }),
    ),
    requirements: z.array(
      z.object({
        id: Uuid,
        version: Int,
        existingChildId: Uuid,
        socialWorker: z.string().nullable(),
        placingAuthority: z.string(),
        status: RequirementStatus,
        method: AgreementMethod,
        requestedAt: DateTime.nullable(),
        remindersSent: Int,
        escalatedAt: DateTime.nullable(),
        respondedOn: IsoDate.nullable(),
        responderName: z.string().nullable(),
        responderRole: z.string().nullable(),
        onBehalfReason: z.string().nullable(),
        openAgreementId: Uuid.nullable(),
        informedOn: IsoDate.nullable(),
        specificConsentAsked: z.boolean().nullable(),
        noticeSentAt: DateTime.nullable(),
        answeredAt: DateTime.nullable(),
        answerSeenAt: DateTime.nullable(),
      }),
    ),
    matching: z.object({ eligible: z.boolean(), reasons: z.array(z.string()), score: z.number() }),
    blockers: z.object({ propose: z.array(z.string()), confirm: z.array(z.string()) }).meta({ description: 'Every unmet condition for proposing and for confirming' }),
  }),
);

const Preview = describing<ReturnType<typeof presentPreview>>()(
  z.object({
    requirementId: Uuid,
    version: Int,
    to: z.string().nullable().meta({ description: "The social worker's e-mail address" }),
    socialWorker: z.string().nullable(),
    summary: z.string().meta({ description: 'The anonymised summary of the proposed child' }),
  }),
);

const OpenAgreement = describing<ReturnType<typeof presentOpenAgreement>>()(
  z.object({
    id: Uuid,
    version: Int,
    existingPlacementId: Uuid,
    existingChildId: Uuid,
    givenOn: IsoDate,
    givenByName: z.string(),
    givenByRole: z.string(),
    onBehalfReason: z.string().nullable(),
    documentId: Uuid.nullable().meta({ description: "The correspondence on the carers' file" }),
    recordedBy: z.string().nullable().meta({ description: 'Who recorded it (name)' }),
    recordedAt: DateTime,
  }),
);

const OpenAgreementView = describing<ReturnType<typeof presentOpenAgreementView>>()(
  z.object({
    requirementId: Uuid,
    version: Int,
    status: RequirementStatus,
    proposalId: Uuid,
    proposedOn: IsoDate,
    existingPlacement: z.object({
      id: Uuid,
      kind: z.enum(Object.keys(PLACEMENT_KINDS) as PlacementKind[]).nullable(),
      status: z.enum(Object.keys(PLACEMENT_STATUSES) as PlacementStatus[]),
      startDate: IsoDate,
      endDate: IsoDate.nullable(),
    }),
    openAgreement: OpenAgreement.nullable(),
    stands: z.boolean().meta({ description: 'Not withdrawn, and the placement goes on' }),
    informedOn: IsoDate.nullable(),
    specificConsentAsked: z.boolean().nullable(),
    noticeSentAt: DateTime.nullable(),
    may: z.object({ record: z.boolean(), use: z.boolean(), notice: z.boolean(), withdraw: z.boolean() }).meta({ description: 'What the caller may do' }),
  }),
);

const Answer = describing<ReturnType<typeof presentAnswer>>()(
  z.object({
    requirementId: Uuid,
    version: Int,
    proposalId: Uuid,
    existingChildId: Uuid,
    householdId: Uuid,
    status: z.enum(['agreed', 'declined']),
    method: AgreementMethod,
    respondedOn: IsoDate.nullable(),
    responderName: z.string().nullable(),
    responderRole: z.string().nullable(),
    onBehalfReason: z.string().nullable(),
    answeredAt: DateTime,
  }),
);

const Confirmed = describing<Result<'confirm'>>()(
  z.object({ placementId: Uuid.meta({ description: "The request's child's placement" }), placementIds: z.array(Uuid).meta({ description: 'Every placement made (siblings together)' }) }),
);

/** The JSON side of proposing a household, concurrent placement agreements and confirmation (Concurrent placement agreement procedure). */
export function proposalApi(api: FastifyInstance, services: Services) {
  const s = services.proposals;

  route(api, {
    method: 'POST',
    url: paths.api.proposals(),
    access: 'matching:run',
    audit: 'proposal.created',
    ...docs({ tag, status: 201, summary: 'Consider a household for a placement request that is being matched ({householdId}); refused with every reason when the household does not meet the conditions', body: checkedByService(z.object({ householdId: Uuid })), params: IdParams, response: Created }),
    handler: async (req, reply) => {
      const body = requireObject(req.body);
      if (typeof body.householdId !== 'string') throw new ValidationError([{ field: 'householdId', message: 'Send the household id' }]);
      return reply.code(201).send(await s.createProposal(req.ctx(), req.params.id, body.householdId));
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.proposal(),
    access: 'request:read',
    audit: 'proposal.viewed',
    ...docs({
      tag,
      summary:
        'A proposal: the household, the children already living there with the considerations recorded, the agreement requirements with their status, and `blockers`: every unmet condition for proposing and for confirming',
      params: IdParams,
      response: Proposal,
    }),
    handler: async (req) => presentProposal(await s.get(req.ctx(), req.params.id)),
  });

  const proposalActions: { name: string; access: 'proposal:consider' | 'matching:run' | 'agreement:override' | 'placement:confirm'; audit: 'proposal.considered' | 'proposal.proposed' | 'agreement.overridden' | 'proposal.withdrawn' | 'proposal.confirmed'; summary: string; versioned: boolean; body: z.ZodType; response: z.ZodType }[] = [
    { name: 'consider', access: 'proposal:consider', audit: 'proposal.considered', versioned: false, summary: "Record the caller's consideration (placement officer, or the household's supervising social worker) of one child already living there: {existingChildId, servesWellbeing: 'yes'|'no', reasoning}", body: checkedByService(z.object({ existingChildId: Uuid, servesWellbeing: z.enum(['yes', 'no']), reasoning: z.string() })), response: Ok },
    { name: 'propose', access: 'matching:run', audit: 'proposal.proposed', versioned: true, summary: 'Propose the household {version, proposedStart}: creates one agreement requirement per child already placed', body: checkedByService(z.object({ version: Version, proposedStart: z.string() })), response: Ok },
    {
      name: 'override',
      access: 'agreement:override',
      audit: 'agreement.overridden',
      versioned: true,
      summary: 'Head of service, emergency requests only: authorise the placement to start before every consideration and written agreement is in {version, reason}; refused when any social worker declined in writing',
      body: checkedByService(z.object({ version: Version, reason: z.string() })),
      response: Ok,
    },
    { name: 'withdraw', access: 'matching:run', audit: 'proposal.withdrawn', versioned: true, summary: 'Withdraw the proposal {version, reason}', body: checkedByService(z.object({ version: Version, reason: z.string() })), response: Ok },
    {
      name: 'confirm',
      access: 'placement:confirm',
      audit: 'proposal.confirmed',
      versioned: true,
      summary:
        "Confirm the placement of every child of the request (siblings together, in one transaction) {version, connectedPerson, currentPlacementEndReasons}; refused with every unmet condition listed. The SSDA903 placement type follows from connectedPerson and the request's kind (GET the proposal's placementTypes). A child living elsewhere moves: that placement ends the day this one starts, for the reason given by its placement id (moves in GET).",
      body: checkedByService(z.object({
        version: Version,
        connectedPerson: z.enum(['yes', 'no']).describe('Are the carers a relative, friend or other connected person of the child?'),
        currentPlacementEndReasons: z.record(z.string(), z.string()).optional().describe('SSDA903 REASON_PLACE_CHANGE by the id of each current placement that ends (one per child who moves)'),
      })),
      response: Confirmed,
    },
  ];
  for (const a of proposalActions) {
    route(api, {
      method: 'POST',
      url: paths.api.proposalAction(':id', a.name),
      access: a.access,
      audit: a.audit,
      ...docs({ tag, summary: a.summary, body: a.body, params: IdParams, response: a.response }),
      handler: async (req) => {
        const id = req.params.id;
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
    ...docs({ tag, summary: "Send the request for written agreement by secure link {version, confirm: 'yes'} (confirm that the anonymised summary was read; GET the proposal's agreement preview page first)", body: checkedByService(z.object({ version: Version, confirm: z.literal('yes') })), params: IdParams, response: Ok }),
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      await s.requestAgreement(req.ctx(), req.params.id, version, rest);
      return { ok: true };
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.agreementAction(':id', 'preview'),
    access: 'agreement:record',
    audit: 'proposal.viewed',
    ...docs({ tag, summary: 'What a request for agreement would send: the recipient and the anonymised summary of the proposed child', params: IdParams, response: Preview }),
    handler: async (req) => presentPreview(await s.agreementPreview(req.ctx(), req.params.id)),
  });

  const optionalString = z.string().nullable().optional();

  route(api, {
    method: 'POST',
    url: paths.api.agreementAction(':id', 'record'),
    access: 'agreement:record',
    audit: 'agreement.recorded',
    ...docs({
      tag,
      summary:
        "Record an answer received in a letter or e-mail; the text is filed on the carers' file and the placement team is told. Someone other than the recorded social worker answering needs `onBehalfReason` (for example \"their team manager, on their behalf\"). In-principle agreements: see `open-agreement` and `use-open-agreement`",
      body: checkedByService(z.object({
        version: Version,
        method: z.literal('letter_or_email').optional(),
        outcome: z.enum(['agreed', 'declined']),
        respondedOn: z.string().describe('YYYY-MM-DD'),
        responderName: z.string(),
        responderRole: z.string(),
        onBehalfReason: optionalString,
        correspondence: z.string(),
        comments: optionalString,
      })),
      params: IdParams,
      response: Ok,
    }),
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      await s.recordAgreement(req.ctx(), req.params.id, version, rest);
      return { ok: true };
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.agreementAction(':id', 'open-agreement'),
    access: 'agreement:record',
    audit: 'proposal.viewed',
    ...docs({
      tag,
      summary:
        "The in-principle (\"open\") agreement of the child already placed: their placement's kind, the agreement recorded on it (or null), whether it `stands` (not withdrawn, the placement goes on), the day this proposal was made (`proposedOn`), and what the caller `may` do",
      params: IdParams,
      response: OpenAgreementView,
    }),
    handler: async (req) => presentOpenAgreementView(await s.openAgreementView(req.ctx(), req.params.id)),
  });

  route(api, {
    method: 'POST',
    url: paths.api.agreementAction(':id', 'open-agreement'),
    access: 'agreement:record',
    audit: 'agreement.open.recorded',
    ...docs({
      tag,
      status: 201,
      summary:
        "Record an in-principle (\"open\") agreement once on the existing placement of the child already placed (a long-term placement only); the correspondence is filed on the carers' file. `version` is the agreement requirement's. Answers 201 with the new agreement's id",
      body: checkedByService(z.object({ version: Version, givenOn: z.string().describe('YYYY-MM-DD'), givenByName: z.string(), givenByRole: z.string(), onBehalfReason: optionalString, correspondence: z.string() })),
      params: IdParams,
      response: Created,
    }),
    handler: async (req, reply) => {
      const { version, rest } = bodyWithVersion(req.body);
      return reply.code(201).send(await s.recordOpenAgreement(req.ctx(), req.params.id, version, rest));
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.agreementAction(':id', 'use-open-agreement'),
    access: 'agreement:record',
    audit: 'agreement.recorded',
    ...docs({
      tag,
      summary:
        "Use the standing in-principle agreement for this proposal: the day the social worker was told of this proposal (on or after the day it was made) and whether they asked to give specific consent. Answers the requirement's new `status`: 'agreed', or 'requested' when their specific written agreement is still needed",
      body: checkedByService(z.object({ version: Version, informedOn: z.string().describe('YYYY-MM-DD'), specificConsentAsked: z.enum(['yes', 'no']) })),
      params: IdParams,
      response: z.object({ status: z.enum(['agreed', 'requested']) }),
    }),
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      return { status: await s.useOpenAgreement(req.ctx(), req.params.id, version, rest) };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.agreementAction(':id', 'notice'),
    access: 'agreement:record',
    audit: 'agreement.notice.sent',
    ...docs({
      tag,
      summary: "E-mail the holder of the standing in-principle agreement that a child is proposed to join the carers (anonymised summary, month of the start); filed on the carers' file",
      body: checkedByService(z.object({ version: Version })),
      params: IdParams,
      response: Ok,
    }),
    handler: async (req) => {
      const { version } = bodyWithVersion(req.body);
      await s.sendOpenAgreementNotice(req.ctx(), req.params.id, version);
      return { ok: true };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.openAgreementWithdraw(),
    access: 'agreement:record',
    audit: 'agreement.open.withdrawn',
    ...docs({
      tag,
      summary: 'Withdraw an in-principle agreement (its own `version`); proposals not yet confirmed that it agreed need written agreement again',
      body: checkedByService(z.object({ version: Version, reason: z.string(), withdrawnOn: optionalString.describe('YYYY-MM-DD; today when left out') })),
      params: IdParams,
      response: Ok,
    }),
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      await s.withdrawOpenAgreement(req.ctx(), req.params.id, version, rest);
      return { ok: true };
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.agreementAnswers,
    access: 'matching:run',
    audit: 'agreement.answers.listed',
    ...docs({ tag, summary: 'Answers about concurrent placements (agreed or declined) the placement team has not yet marked seen, oldest first', response: z.object({ items: z.array(Answer) }) }),
    handler: async (req) => ({ items: (await s.answersToAcknowledge(req.ctx())).map(presentAnswer) }),
  });

  route(api, {
    method: 'POST',
    url: paths.api.agreementAction(':id', 'acknowledge'),
    access: 'matching:run',
    audit: 'agreement.answer.acknowledged',
    ...docs({ tag, summary: 'A placement officer marks an answer seen: it leaves the placement team’s list', body: checkedByService(z.object({ version: Version })), params: IdParams, response: Ok }),
    handler: async (req) => {
      const { version } = bodyWithVersion(req.body);
      await s.acknowledgeAnswer(req.ctx(), req.params.id, version);
      return { ok: true };
    },
  });
}
