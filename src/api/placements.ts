import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { MAX_ASSESSMENT_PERIOD_DAYS, PLACEMENT_STATUSES, type PlacementStatus } from '../domain/records/placement.ts';
import { PLACEMENT_KINDS } from '../domain/records/household.ts';
import { PLACEMENT_TYPES } from '../domain/ssda903/codes.ts';
import { FOSTER_PLACEMENT_TYPE_HELP } from '../domain/placements/placement-type.ts';
import { PLACE_PROVIDER_CODES, REASON_PLACE_CHANGE_CODES } from '../domain/ssda903/return-codes.ts';
import { route } from '../http/route.ts';
import { IdParams, Uuid, isUuid } from '../http/schemas.ts';
import { PlacementList, PlacementRecord, PlacementView } from './responses/placements.ts';
import { bodyWithVersion, checkedByService, docs, pagingOf, pagingQuery, queryText, requireObject, withVersion } from './helpers.ts';

const tag = 'Placements';

/**
 * For the OpenAPI document: the details that decide which statutory obligations apply. The same
 * rules as the pages: missing booleans mean false, and a PUT replaces them all.
 */
const obligationFactsDoc = {
  kind: z
    .enum(Object.keys(PLACEMENT_KINDS) as [string, ...string[]])
    .nullable()
    .optional()
    .describe("Kind of placement, as on the carers' terms of approval. Kind emergency sets emergency to true."),
  emergency: z.boolean().optional().describe('Placed in an emergency: notifications within 5 working days (CPPCR reg 13)'),
  outsideTermsOfApproval: z.boolean().optional().describe("Outside the carers' terms of approval: emergency only, at most 6 working days (CPPCR reg 23). Needs emergency."),
  intendedUntil18: z.boolean().optional().describe('The care plan intends the placement to last until the child is 18: 3-monthly visits after the first year (CPPCR reg 28(2)). Not for kind emergency or short_breaks.'),
  connectedPerson: z.boolean().optional().describe('With a connected person temporarily approved under CPPCR reg 24'),
  sixMonthlyVisitsAgreed: z.boolean().optional().describe('Kind long_term only: the child agrees to 6-monthly visits after the first year'),
  assessmentPeriodEndsOn: z
    .string()
    .nullable()
    .optional()
    .describe(`Kind parent_and_child only: end of the initial assessment period, YYYY-MM-DD, from the start date to at most ${MAX_ASSESSMENT_PERIOD_DAYS} days after it`),
};

const details = {
  startDate: z.string().describe('YYYY-MM-DD'),
  endDate: z
    .string()
    .nullable()
    .optional()
    .describe('YYYY-MM-DD; required when status is ended (on or before today). On a planned or active placement, a date still to come is a planned ending: the child is counted in the household until then.'),
  placementType: z
    .enum(Object.keys(PLACEMENT_TYPES) as [string, ...string[]])
    .describe(`SSDA903 placement type. Foster placements: ${Object.entries(FOSTER_PLACEMENT_TYPE_HELP).map(([c, t]) => `${c}: ${t}`).join(' ')}`),
  status: z.enum(Object.keys(PLACEMENT_STATUSES) as [string, ...string[]]),
  ...obligationFactsDoc,
  reasonEnded: z
    .enum(Object.keys(REASON_PLACE_CHANGE_CODES) as [string, ...string[]])
    .nullable()
    .optional()
    .describe('SSDA903 REASON_PLACE_CHANGE: required when status is ended (except T0–T4), refused otherwise. Only codes valid in the collection year containing today.'),
  provider: z
    .enum(Object.keys(PLACE_PROVIDER_CODES) as [string, ...string[]])
    .nullable()
    .optional()
    .describe("SSDA903 PLACE_PROVIDER override. Leave out to use the fostering service's: PR1 own LA, PR2 another LA, the agency's PR4/PR5. PR0 only with P1; none for T0–T4 and Z1x."),
  urn: z.string().nullable().optional().describe("Ofsted URN override; leave out to use the fostering service's URN. PL_POST is always the household's postcode."),
};

/** What a new placement carries besides its columns. */
const entry = {
  currentPlacementEndReason: z
    .enum(Object.keys(REASON_PLACE_CHANGE_CODES) as [string, ...string[]])
    .nullable()
    .optional()
    .describe("A move: the child lives somewhere else until this placement starts. That placement's SSDA903 REASON_PLACE_CHANGE; it ends on the day this one starts (a planned ending when that day is to come). Refused with a problem naming the current placement when it is needed and missing."),
  emergencyAuthorisationReason: z
    .string()
    .nullable()
    .optional()
    .describe(
      "Head of service only, emergency placements only: the reason for authorising the placement before every check is met. It stands in for missing considerations and written agreements (each stays an overdue obligation) and for the carers' terms of approval (CPPCR reg 23); never for a written refusal, approval not current, the fostering limit, dual approval or the parent-and-child skill level.",
    ),
};
const kindRequired = { kind: z.enum(Object.keys(PLACEMENT_KINDS) as [string, ...string[]]).describe("Kind of placement, checked against the carers' terms of approval. Kind emergency sets emergency to true.") };

/** The child and household may be named by id or by reference. */
const PlacementCreateDoc = z.union([
  z.object({ childId: Uuid, householdId: Uuid, ...details, ...kindRequired, ...entry }),
  z.object({
    childReference: z.string().describe('Instead of childId, e.g. C00012'),
    householdReference: z.string().describe('Instead of householdId, e.g. H00034'),
    ...details,
    ...kindRequired,
    ...entry,
  }),
]);
const past = {
  currentPlacementEndReason: entry.currentPlacementEndReason,
  recordedLateReason: z.string().describe('Why the placement is recorded after it began (for example, moved from the previous case system)'),
};
const PastPlacementDoc = z.union([
  z.object({ childId: Uuid, householdId: Uuid, ...details, ...kindRequired, ...past }),
  z.object({ childReference: z.string(), householdReference: z.string(), ...details, ...kindRequired, ...past }),
]);
const PlacementUpdateDoc = z.object(details);

/** Responses carry every stored field, including these. */
const OUTPUT = `A placement has id, childId, householdId, startDate, endDate, placementType, status, kind (or null), emergency, outsideTermsOfApproval, intendedUntil18, connectedPerson, sixMonthlyVisitsAgreed (booleans), assessmentPeriodEndsOn, reasonEnded, provider, urn (each or null), emergencyAuthorisedBy, emergencyAuthorisedAt, emergencyAuthorisedReason, recordedLateReason (each or null), waivedChecks and entryBreaches (lists of { code, message, aboutChildId? }), endingBasis and moveRequestId (each or null: how its ending was allowed), version, createdAt and updatedAt.`;

export function placementApi(api: FastifyInstance, services: Services) {
  const s = services.placements;

  route(api, {
    method: 'GET',
    url: '/api/v1/placements',
    access: 'placement:read',
    audit: 'placement.listed',
    ...docs({
      tag,
      summary: 'List placements, newest first, a page at a time (500 unless `limit` says fewer; `total` counts every match, `truncated` says when more match than were sent)',
      query: z.object({
        q: queryText("Child's name or reference contains"),
        status: z.enum(Object.keys(PLACEMENT_STATUSES) as PlacementStatus[]).optional(),
        placementType: z.enum(Object.keys(PLACEMENT_TYPES)).optional(),
        householdId: queryText('Household id (UUID)'),
        childId: queryText('Child id (UUID)'),
        ...pagingQuery,
      }),
      response: PlacementList,
    }),
    handler: async (req) => {
      const { householdId, childId, page, limit, ...rest } = req.query;
      return s.list(req.ctx(), { ...rest, householdId: isUuid(householdId) ? householdId : undefined, childId: isUuid(childId) ? childId : undefined }, pagingOf({ page, limit }));
    },
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/placements',
    access: 'placement:write',
    audit: 'placement.created',
    ...docs({
      tag,
      summary: 'Create a placement starting today or later, through the placement gate',
      body: checkedByService(PlacementCreateDoc),
      status: 201,
      response: PlacementRecord,
      description:
        `Refused (400, with every reason) unless the child may start living in the household on the start date: approval current, the terms of approval (kind, age, number), ` +
        `the usual fostering limit of three, parent and child at skill level 4, fostering for adoption with dual approval, and for each fostered child already there the considerations and their social worker's written agreement ` +
        `(made through a placement request; a direct placement into a household with other fostered children needs an authorised emergency). A child who lives elsewhere until then moves only when that placement may end: a planned end in its care plan, the child leaving care, or a move agreed by the HARP panel or the head of service (POST /api/v1/placements/{id}/moves). Returns the placement (201). ${OUTPUT}`,
    }),
    handler: async (req, reply) => reply.code(201).send(await s.create(req.ctx(), requireObject(req.body))),
  });

  route(api, {
    method: 'POST',
    url: '/api/v1/placements/past',
    access: 'placement:write',
    audit: 'placement.created',
    ...docs({
      tag,
      summary: 'Record a placement that began before today (migration, late recording)',
      body: checkedByService(PastPlacementDoc),
      status: 201,
      response: PlacementRecord,
      description: `The same checks as a new placement, on the day it began; each check it did not meet is kept on the placement (entryBreaches) and shown as a missed obligation, instead of refusing it. Returns the placement (201). ${OUTPUT}`,
    }),
    handler: async (req, reply) => reply.code(201).send(await s.recordPast(req.ctx(), requireObject(req.body))),
  });

  route(api, {
    method: 'GET',
    url: '/api/v1/placements/:id',
    access: 'placement:read',
    audit: 'placement.viewed',
    ...docs({ tag, summary: 'Get a placement', params: IdParams, response: PlacementView, description: `${OUTPUT} It also has child (id, reference, firstName, lastName) and household (id, reference, carers).` }),
    handler: async (req) => s.get(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'PUT',
    url: '/api/v1/placements/:id',
    access: 'placement:write',
    audit: 'placement.updated',
    ...docs({
      tag,
      summary: "Change a placement's dates, type, status and details (send the version you read)",
      body: checkedByService(withVersion(PlacementUpdateDoc)),
      params: IdParams,
      response: PlacementView,
      description: `Replaces every field: a boolean left out becomes false, a kind or date left out becomes null. An end date on an active or planned placement (or an earlier one) is refused unless the ending is planned in the care plan, the child leaves care that day, or a move from it is agreed (POST /api/v1/placements/{id}/moves). Returns the placement as GET does. ${OUTPUT}`,
    }),
    handler: async (req) => {
      const id = req.params.id;
      const { version, rest } = bodyWithVersion(req.body);
      await s.update(req.ctx(), id, version, rest);
      return s.get(req.ctx(), id);
    },
  });
}
