import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import { NEED_TAGS, REQUEST_PAGE_ORDER, REQUEST_STATUSES, URGENCIES, type NeedTag, type RequestStatus, type Urgency } from '../../domain/records/placement-request.ts';
import { PLACEMENT_KINDS, type PlacementKind } from '../../domain/records/household.ts';
import { CONSTRAINT_CODES } from '../../domain/matching/types.ts';
import { PREFILTER_CODES } from '../../domain/matching/prefilter.ts';
import { DateTime, Int, IsoDate, Paged, Uuid, describing } from '../responses.ts';

type Result<S, K extends keyof S> = S[K] extends (...args: never[]) => Promise<infer R> ? R : never;
type Requests = Services['requests'];
type Matching = Services['matching'];

const Kind = z.enum(Object.keys(PLACEMENT_KINDS) as PlacementKind[]);
const Status = z.enum(Object.keys(REQUEST_STATUSES) as RequestStatus[]);
const UrgencyCode = z.enum(Object.keys(URGENCIES) as Urgency[]);
const text = z.string().nullable().optional();
const tick = z.boolean().optional();

/** The answers of the needs page, as saved (a question not yet answered is left out). */
export const RequestNeeds = z.object({
  needTags: z.array(z.enum(Object.keys(NEED_TAGS) as NeedTag[])).optional(),
  health: text,
  disability: text,
  needsAccessibleHome: tick,
  adaptations: text,
  school: text,
  schoolPostcode: text,
  keepSchool: tick,
  education: text,
  firstLanguage: text,
  interpreter: tick,
  communication: text,
  religion: text,
  culture: text,
  canLiveWith: text,
  cannotLiveWith: text,
  noYoungerChildren: tick,
  noOtherChildren: tick,
  noPets: tick,
  pets: text,
  extraSupport: text,
});

const ChildName = { id: Uuid, reference: z.string(), firstName: z.string(), lastName: z.string() };

export const RequestList = describing<Result<Requests, 'list'>>()(
  z.object({
    items: z.array(
      z.object({
        id: Uuid,
        reference: z.string().meta({ description: 'PR00001…' }),
        status: Status,
        urgency: UrgencyCode.nullable(),
        kind: Kind.nullable(),
        neededBy: IsoDate.nullable(),
        createdByName: z.string().nullable(),
        updatedAt: DateTime,
        child: z.object(ChildName),
      }),
    ),
    ...Paged,
    filter: z
      .object({ status: Status.optional(), childId: Uuid.optional(), mine: z.literal(true).optional(), q: z.string().optional() })
      .meta({ description: 'The filters applied, as understood (values that are not filters are left out)' }),
  }),
);

const Sibling = z.object({ ...ChildName, dateOfBirth: IsoDate });

/** A placement request as GET gives it (and every change answers). */
export const RequestView = describing<Result<Requests, 'get'>>()(
  z.object({
    id: Uuid,
    reference: z.string(),
    childId: Uuid,
    status: Status,
    urgency: UrgencyCode.nullable(),
    kind: Kind.nullable(),
    neededBy: IsoDate.nullable(),
    siblingIds: z.array(Uuid).meta({ description: 'Siblings to be placed together with the child' }),
    needs: RequestNeeds,
    risks: z.object({ riskToSelf: text, riskFromOthers: text, riskToOthers: text }),
    views: z.object({ childViews: text, viewsNotSoughtReason: text }),
    createdBy: Uuid.nullable(),
    createdByName: z.string().nullable(),
    createdAt: DateTime,
    updatedAt: DateTime,
    version: Int,
    child: z.object({ ...ChildName, dateOfBirth: IsoDate, age: Int, socialWorkerId: Uuid.nullable(), socialWorkerName: z.string().nullable() }),
    siblings: z.array(Sibling).meta({ description: 'The siblings the request names' }),
    linkedSiblings: z.array(Sibling).meta({ description: 'Every child linked as a sibling, who may be named' }),
    history: z.array(z.object({ status: z.string(), at: DateTime, byUserId: Uuid.nullable(), byName: z.string().nullable(), note: z.string() })).meta({ description: 'Status changes, oldest first' }),
    missing: z.array(z.object({ field: z.string(), message: z.string(), page: z.enum(REQUEST_PAGE_ORDER) })).meta({ description: 'A draft: what must still be answered before submission' }),
  }),
);

// ---------------------------------------------------------------------------------------------
// Vacancies and matching
// ---------------------------------------------------------------------------------------------

const vacancyFields = {
  householdId: Uuid,
  reference: z.string(),
  carers: z.string().meta({ description: "The carers' names" }),
  town: z.string(),
  postcode: z.string(),
  approvedChildren: Int,
  placed: Int.meta({ description: 'Children placed now or planned to have started' }),
  placesFree: Int,
  placementKinds: z.array(z.string()),
  ageMin: Int,
  ageMax: Int,
  skillLevel: Int,
  supervisingSocialWorker: z.object({ id: Uuid, name: z.string() }).nullable(),
};

/** A household with its places, as vacancies and matching show it. */
const HouseholdSummary = z.object({ ...vacancyFields, approvalStatus: z.string().meta({ description: 'Always approved among vacancies' }) });

export const Vacancies = describing<Result<Matching, 'vacancies'>>()(z.object({ today: IsoDate, items: z.array(HouseholdSummary) }));

const HouseholdMatch = z.object({
  household: HouseholdSummary,
  eligible: z.boolean(),
  score: z.number().meta({ description: 'Sum of the factors’ points' }),
  factors: z.array(
    z.object({
      code: z.enum(['school-distance', 'home-distance', 'language', 'faith', 'experience', 'preference', 'accessible-home', 'younger-children']),
      name: z.string(),
      points: z.number(),
      explanation: z.string(),
    }),
  ),
  reasons: z.array(z.object({ code: z.enum(CONSTRAINT_CODES), message: z.string() })).meta({ description: 'Why the household is excluded' }),
});

export const MatchResult = describing<Result<Matching, 'matchRequest'>>()(
  z.object({
    today: IsoDate,
    request: z.object({
      id: Uuid,
      reference: z.string(),
      status: Status,
      urgency: UrgencyCode.nullable(),
      kind: Kind,
      neededBy: IsoDate,
      placementDate: IsoDate,
      child: z.object({ id: Uuid, reference: z.string(), name: z.string(), firstName: z.string(), sex: z.enum(['M', 'F', 'U']), ageOnPlacementDate: Int, homePostcode: z.string().nullable() }),
      siblings: z.array(z.object({ id: Uuid, reference: z.string(), name: z.string(), ageOnPlacementDate: Int })),
      needs: RequestNeeds,
    }),
    eligible: z.array(HouseholdMatch).meta({ description: 'The eligible households with the best scores, ranked: at most 50' }),
    eligibleTotal: Int.meta({ description: 'How many households can be considered in all' }),
    excluded: z.array(HouseholdMatch).meta({ description: 'The nearest misses: households that pass the checks made first but fail another, with every reason; at most 50, fewest reasons first' }),
    excludedFirst: z
      .array(z.object({ code: z.enum(PREFILTER_CODES), households: Int }))
      .meta({ description: 'The other households left out, counted under the first of these checks they fail' }),
    excludedTotal: Int.meta({ description: 'Every household left out: those counted and the nearest misses' }),
    excludedByReason: z
      .array(z.object({ code: z.enum(CONSTRAINT_CODES), households: Int }))
      .meta({ description: 'Every household left out, counted once by reason: the other households under the first check they fail, each nearest miss under the first of its reasons in the order the constraints are checked' }),
  }),
);
