/**
 * Parent and child fostering over JSON: the assessment once the placement starts (Parent and child
 * fostering procedure, 5.1 to 5.3 and 7): the carers' reports, the placement reviews and the outcome.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { Assessment, CarerReport, Outcome, Review } from '../services/parent-and-child-reviews.ts';
import { ReportReadBody } from '../services/parent-and-child-reviews.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { Uuid } from '../http/schemas.ts';
import { CarerReportInput, ReviewInput } from '../domain/records/parent-and-child-review.ts';
import { InterimCareOrderInput, OutcomeInput } from '../domain/records/parent-and-child-outcome.ts';
import { checkedByService, docs } from './helpers.ts';

const tag = 'Parent and child fostering';
const Day = z.string().meta({ description: 'YYYY-MM-DD' });
const PlacementParams = z.object({ id: Uuid.meta({ description: 'Placement id (a parent-and-child placement)' }) });

export const CarerReportResponse = z.strictObject({
  id: Uuid,
  placementId: Uuid,
  childId: Uuid,
  dueOn: Day.meta({ description: 'The due day of the reporting schedule this report answers, YYYY-MM-DD' }),
  receivedOn: Day,
  receivedFrom: z.string(),
  summary: z.string(),
  readOn: Day.nullable().meta({ description: "The day the child's social worker read it; null until then" }),
  readByName: z.string().nullable(),
  version: z.number().int(),
});

export const ReviewResponse = z.strictObject({
  id: Uuid,
  heldOn: Day,
  attendees: z.array(z.strictObject({ name: z.string(), role: z.string() })),
  progress: z.array(z.strictObject({ capability: z.string(), rating: z.string(), evidence: z.string() })),
  reportIds: z.array(Uuid).meta({ description: "The carers' reports considered" }),
  decision: z.enum(['extend', 'end_successful', 'end_unsuccessful']),
  periodEndsOn: Day.nullable().meta({ description: 'With an extension: the new end of the assessment' }),
  reasons: z.string(),
  documentId: Uuid.nullable().meta({ description: "The review's PDF on the child's record" }),
  recordedByName: z.string(),
});

/** One change an outcome made; which fields are present depends on its kind. */
export const OutcomeChangeResponse = z.strictObject({
  kind: z.enum(['end_legal_status', 'end_placement', 'start_legal_status', 'placement_request']),
  text: z.string().meta({ description: 'The change in words' }),
  childId: Uuid,
  legalStatusId: Uuid.optional(),
  code: z.string().optional().meta({ description: 'The legal status ended or started (SSDA903 code)' }),
  endOn: Day.optional(),
  startOn: Day.optional(),
  careEndedReason: z.string().optional().meta({ description: 'SSDA903 reason episode ceased when care ends (E4A)' }),
  placementId: Uuid.optional(),
  reasonEnded: z.string().optional().meta({ description: 'SSDA903 reason the placement ended' }),
  why: z.string().optional(),
  requestId: Uuid.optional().meta({ description: 'The placement request started (or the open one linked)' }),
  requestReference: z.string().optional(),
});

export const OutcomeResponse = z.strictObject({
  id: Uuid,
  outcome: z.enum(['successful', 'unsuccessful']),
  decidedOn: Day,
  details: z.record(z.string(), z.string()),
  changes: z.array(OutcomeChangeResponse).meta({ description: 'What the outcome set in motion: legal statuses, the end of care and of placements (with the SSDA903 codes), placement requests' }),
  placementRequestId: Uuid.nullable(),
  recordedByName: z.string(),
});

export const AssessmentResponse = z.strictObject({
  placementId: Uuid,
  childId: Uuid,
  plan: z.strictObject({ number: z.number().int(), completedOn: Day, capabilities: z.array(z.string()) }).nullable().meta({ description: 'The latest completed placement plan version, and the skills and capabilities it lists' }),
  variant: z.enum(['parent_in_care', 'parent_not_in_care']).nullable(),
  schedule: z.strictObject({ frequency: z.enum(['weekly', 'fortnightly', 'four_weekly']), firstDueOn: Day }).nullable(),
  nextReportDue: Day.nullable(),
  currentPeriodEndsOn: Day.meta({ description: 'The end of the review period in force today' }),
  reports: z.array(CarerReportResponse),
  reviews: z.array(ReviewResponse),
  outcome: OutcomeResponse.nullable(),
});

export const presentReport = (r: CarerReport): z.output<typeof CarerReportResponse> => ({
  id: r.id,
  placementId: r.placementId,
  childId: r.childId,
  dueOn: r.dueOn,
  receivedOn: r.receivedOn,
  receivedFrom: r.receivedFrom,
  summary: r.summary,
  readOn: r.readOn,
  readByName: r.readByName,
  version: r.version,
});

export const presentReview = (r: Review): z.output<typeof ReviewResponse> => ({
  id: r.id,
  heldOn: r.heldOn,
  attendees: r.attendees.map((a) => ({ name: a.name, role: a.role })),
  progress: r.progress.map((p) => ({ capability: p.capability, rating: p.rating, evidence: p.evidence })),
  reportIds: r.reportIds,
  decision: r.decision,
  periodEndsOn: r.periodEndsOn,
  reasons: r.reasons,
  documentId: r.documentId,
  recordedByName: r.recordedByName,
});

export const presentOutcome = (o: Outcome): z.output<typeof OutcomeResponse> => ({
  id: o.id,
  outcome: o.outcome,
  decidedOn: o.decidedOn,
  details: o.details,
  changes: (o.changes as Record<string, unknown>[]).map((c) => {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(OutcomeChangeResponse.shape)) if (c[k] !== undefined && c[k] !== null) out[k] = c[k];
    return out as z.output<typeof OutcomeChangeResponse>;
  }),
  placementRequestId: o.placementRequestId,
  recordedByName: o.recordedByName,
});

export const presentAssessment = (a: Assessment): z.output<typeof AssessmentResponse> => ({
  placementId: a.placement.id,
  childId: a.placement.childId,
  plan: a.plan,
  variant: a.variant,
  schedule: a.schedule ? { frequency: a.schedule.frequency, firstDueOn: a.schedule.firstDueOn } : null,
  nextReportDue: a.nextReportDue,
  currentPeriodEndsOn: a.currentPeriodEndsOn,
  reports: a.reports.map(presentReport),
  reviews: a.reviews.map(presentReview),
  outcome: a.outcome ? presentOutcome(a.outcome) : null,
});

export function parentAndChildReviewsApi(api: FastifyInstance, services: Services) {
  const s = services.parentAndChildReviews;

  route(api, {
    method: 'GET',
    url: paths.api.pcAssessment(),
    access: 'placement:read',
    audit: 'parent-and-child.assessment.viewed',
    ...docs({
      tag,
      summary: "A parent-and-child placement's assessment: the plan's capabilities and reporting schedule, the carers' reports, the reviews and the outcome",
      params: PlacementParams,
      response: AssessmentResponse,
    }),
    handler: async (req) => presentAssessment(await s.get(req.ctx(), req.params.id)),
  });

  route(api, {
    method: 'POST',
    url: paths.api.pcCarerReports(),
    access: 'planning:write',
    audit: 'parent-and-child.report.recorded',
    ...docs({
      tag,
      summary: "Record a carers' report received: the due day of the plan's reporting schedule it answers, when it was received, from whom and what it says",
      params: PlacementParams,
      body: checkedByService(CarerReportInput),
      response: CarerReportResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentReport(await s.recordReport(req.ctx(), req.params.id, req.body))),
  });

  route(api, {
    method: 'POST',
    url: paths.api.pcCarerReportRead(),
    access: 'planning:write',
    audit: 'parent-and-child.report.read',
    ...docs({
      tag,
      summary: "Record that the child's social worker read a carers' report (the child's social worker or a manager), with the version last read",
      params: PlacementParams.extend({ reportId: Uuid }),
      body: checkedByService(ReportReadBody),
      response: CarerReportResponse,
    }),
    handler: async (req) => presentReport(await s.markRead(req.ctx(), req.params.id, req.params.reportId, req.body)),
  });

  route(api, {
    method: 'POST',
    url: paths.api.pcReviews(),
    access: 'planning:write',
    audit: 'parent-and-child.review.recorded',
    ...docs({
      tag,
      summary:
        "Record a placement review of the assessment: who attended, progress against every capability in the plan, the carers' reports considered and the decision (extend to a new end date, end as successful or unsuccessful). Records the review held, moves the next review's due date and files the PDF on the child's record",
      params: PlacementParams,
      body: checkedByService(ReviewInput),
      response: ReviewResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentReview(await s.recordReview(req.ctx(), req.params.id, req.body))),
  });

  route(api, {
    method: 'POST',
    url: paths.api.pcOutcome(),
    access: 'child:legal-status:write',
    audit: 'parent-and-child.outcome.recorded',
    ...docs({
      tag,
      summary:
        "Record the outcome of the placement and make the changes it implies: on success a child in care leaves care (E4A) and the parent in care gets a placement request (long-term fostering under 16, independent living at 16 or 17); on failure a placement request for the child, and for a child not in care the legal status V2 (section 20) or C1 (interim care order granted)",
      params: PlacementParams,
      body: checkedByService(OutcomeInput),
      response: OutcomeResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentOutcome(await s.recordOutcome(req.ctx(), req.params.id, req.body))),
  });

  route(api, {
    method: 'POST',
    url: paths.api.pcInterimCareOrder(),
    access: 'child:legal-status:write',
    audit: 'parent-and-child.interim-care-order.recorded',
    ...docs({
      tag,
      summary:
        'After an unsuccessful outcome recorded with a court order sought for a child not in care: the interim care order granted. The child becomes looked after under it (legal status C1) from that day, and a placement request starts',
      params: PlacementParams,
      body: checkedByService(InterimCareOrderInput),
      response: OutcomeResponse,
    }),
    handler: async (req) => presentOutcome(await s.recordInterimCareOrder(req.ctx(), req.params.id, req.body)),
  });
}
