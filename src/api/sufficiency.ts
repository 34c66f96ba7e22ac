/** Sufficiency over JSON (Parent and child fostering procedure, 6.1–6.3): a request's search outside the area, and the report for the Fostering Panel. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { Enquiry, RequestSufficiency, Search } from '../services/sufficiency.ts';
import type { SufficiencyReport } from '../domain/sufficiency/index.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { Uuid } from '../http/schemas.ts';
import { EnquiryInput, NoneInAreaInput, OutcomeInput } from '../domain/sufficiency/index.ts';
import { sufficiencyCsv } from '../domain/sufficiency/csv.ts';
import { DateTime, Int, IsoDate } from './responses.ts';
import { bodyWithVersion, checkedByService, docs, withVersion } from './helpers.ts';

const tag = 'Sufficiency';

const SearchResponse = z.strictObject({
  id: Uuid,
  placementRequestId: Uuid,
  noneInAreaOn: IsoDate,
  inAreaLevel4Households: Int.meta({ description: "The authority's own Level 4 households approved for parent and child when it was recorded" }),
  inAreaEligibleHouseholds: Int,
  whyNoneSuitable: z.string(),
  outcome: z.enum(['searching', 'found_outside', 'none_found']),
  outcomeOn: IsoDate.nullable(),
  foundOrganisationId: Uuid.nullable(),
  foundOrganisationName: z.string().nullable(),
  recordedBy: Uuid.nullable(),
  recordedByName: z.string(),
  version: Int,
  createdAt: DateTime,
  updatedAt: DateTime,
});
const presentSearch = (s: Search): z.output<typeof SearchResponse> => ({ ...s, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() });

export const EnquiryResponse = z.strictObject({
  id: Uuid,
  searchId: Uuid,
  organisationId: Uuid,
  organisationName: z.string(),
  organisationKind: z.string(),
  askedOn: IsoDate,
  answer: z.enum(['awaiting', 'offered', 'no_vacancy', 'declined']),
  answeredOn: IsoDate.nullable(),
  answerDetail: z.string(),
  recordedByName: z.string(),
  version: Int,
  createdAt: DateTime,
});
const presentEnquiry = (e: Enquiry): z.output<typeof EnquiryResponse> => ({ ...e, createdAt: e.createdAt.toISOString() });

export const RequestSufficiencyResponse = z.strictObject({
  request: z.strictObject({ id: Uuid, reference: z.string(), kind: z.string().nullable(), status: z.string(), childId: Uuid, childName: z.string(), authorityId: Uuid }),
  inArea: z.array(z.strictObject({ id: Uuid, reference: z.string(), eligible: z.boolean(), reasons: z.array(z.string()) })),
  search: SearchResponse.nullable(),
  enquiries: z.array(EnquiryResponse),
});
const present = (r: RequestSufficiency): z.output<typeof RequestSufficiencyResponse> => ({ request: r.request, inArea: r.inArea, search: r.search ? presentSearch(r.search) : null, enquiries: r.enquiries.map(presentEnquiry) });

const Placement = z.strictObject({ id: Uuid, startDate: IsoDate, householdReference: z.string(), fosteringServiceId: Uuid, fosteringServiceName: z.string() });
export const ReportResponse = z.strictObject({
  homeAuthorityName: z.string(),
  from: IsoDate,
  to: IsoDate,
  requests: z.array(
    z.strictObject({
      id: Uuid,
      reference: z.string(),
      createdOn: IsoDate,
      status: z.string(),
      search: z.strictObject({ outcome: z.enum(['searching', 'found_outside', 'none_found']), enquiries: Int, offers: Int }).nullable(),
    }),
  ),
  placementsInArea: z.array(Placement),
  placementsOutOfArea: z.array(Placement),
  households: z.array(z.strictObject({ id: Uuid, reference: z.string(), approvedChildren: Int, placed: Int, parentAndChildActive: z.boolean(), free: Int, vacancy: z.boolean() })),
  totals: z.strictObject({
    requests: Int,
    searchesOutside: Int,
    foundOutside: Int,
    noneFound: Int,
    placementsInArea: Int,
    placementsOutOfArea: Int,
    level4Households: Int,
    level4WithVacancy: Int,
  }),
});
const presentReport = (r: SufficiencyReport, homeAuthorityName: string): z.output<typeof ReportResponse> => ({ homeAuthorityName, ...r });

const Period = z.object({ from: z.string().meta({ description: 'First day, YYYY-MM-DD' }), to: z.string().meta({ description: 'Last day, YYYY-MM-DD' }) });

export function sufficiencyApi(api: FastifyInstance, services: Services) {
  const s = services.sufficiency;
  const Id = z.object({ id: Uuid.meta({ description: 'Placement request id' }) });

  route(api, {
    method: 'GET',
    url: paths.api.requestSufficiency(),
    access: 'request:read',
    audit: 'sufficiency.viewed',
    ...docs({ tag, summary: "A parent-and-child request's Level 4 households in the area (what matching says of each today) and its search outside the area", params: Id, response: RequestSufficiencyResponse }),
    handler: async (req) => present(await s.ofRequest(req.ctx(), req.params.id)),
  });

  route(api, {
    method: 'POST',
    url: paths.api.requestSufficiency(),
    access: 'sufficiency:record',
    audit: 'sufficiency.recorded',
    ...docs({ tag, summary: 'Record that no suitable Level 4 household is available in the area (refused while matching shows one): the search outside the area begins', params: Id, body: checkedByService(NoneInAreaInput), response: RequestSufficiencyResponse, status: 201 }),
    handler: async (req, reply) => reply.code(201).send(present(await s.recordNoneInArea(req.ctx(), req.params.id, req.body))),
  });

  route(api, {
    method: 'POST',
    url: paths.api.sufficiencyEnquiries(),
    access: 'sufficiency:record',
    audit: 'sufficiency.enquiry.recorded',
    ...docs({ tag, summary: 'Record an agency or another local authority asked (organisationId), when, and its answer (awaiting, offered, no_vacancy, declined, with answeredOn)', params: Id, body: checkedByService(EnquiryInput), response: EnquiryResponse, status: 201 }),
    handler: async (req, reply) => reply.code(201).send(presentEnquiry(await s.recordEnquiry(req.ctx(), req.params.id, req.body))),
  });

  route(api, {
    method: 'POST',
    url: paths.api.sufficiencyOutcome(),
    access: 'sufficiency:record',
    audit: 'sufficiency.outcome.recorded',
    ...docs({ tag, summary: "Record the search's outcome (send the version you read): found_outside with the organisation that offered, or none_found", params: Id, body: checkedByService(withVersion(OutcomeInput)), response: SearchResponse }),
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      return presentSearch(await s.recordOutcome(req.ctx(), req.params.id, version, rest));
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.sufficiencyReport,
    access: 'sufficiency:report',
    audit: 'sufficiency.report.viewed',
    ...docs({ tag, summary: 'The sufficiency report for the Fostering Panel for a period: parent-and-child requests and searches outside the area, placements made in and out of the area, Level 4 households and their vacancies on the last day', query: Period, response: ReportResponse }),
    handler: async (req) => {
      const r = await s.report(req.ctx(), req.query);
      return presentReport(r.report, r.homeAuthorityName);
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.sufficiencyReportCsv,
    access: 'sufficiency:report',
    audit: 'sufficiency.report.exported',
    ...docs({ tag, summary: 'The sufficiency report as CSV', query: Period, produces: ['text/csv'] }),
    handler: async (req, reply) => {
      const r = await s.reportExport(req.ctx(), req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="sufficiency-${r.report.from}-to-${r.report.to}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(sufficiencyCsv(r.report));
    },
  });
}
