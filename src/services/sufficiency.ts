/**
 * Sufficiency of parent-and-child placements (Parent and child fostering procedure, 6.1–6.3; the rules
 * are src/domain/sufficiency): recording that matching found no suitable Level 4 household of the
 * authority's own for a parent-and-child request, the search outside the area (agencies and other
 * authorities asked, their answers, the outcome), and the report for the Fostering Panel.
 */
import type { Db, DbOrTx } from '../data/db.ts';
import * as repo from '../data/repositories/sufficiency.ts';
import { writeAudit } from '../audit/writer.ts';
import { can, type Permission } from '../domain/access/index.ts';
import { todayInEngland, type IsoDate } from '../domain/dates.ts';
import { homeAuthorityOf } from '../domain/ssda903/assemble.ts';
import {
  EnquiryInput,
  NoneInAreaInput,
  OutcomeInput,
  ReportPeriod,
  enquiryProblems,
  noneInAreaProblems,
  outcomeProblems,
  periodProblems,
  sufficiencyReport,
  type SufficiencyReport,
} from '../domain/sufficiency/index.ts';
import { evaluateHousehold } from './matching.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';

export type Search = repo.SearchRow;
export type Enquiry = repo.EnquiryRow;

export type InAreaHousehold = { id: string; reference: string; eligible: boolean; reasons: string[] };

export type RequestSufficiency = {
  request: { id: string; reference: string; kind: string | null; status: string; childId: string; childName: string; authorityId: string };
  /** The authority's own Level 4 households approved for parent and child, and what matching says of each for this request. */
  inArea: InAreaHousehold[];
  search: Search | null;
  enquiries: Enquiry[];
};

export function createSufficiencyService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  function need(ctx: Ctx, permission: Permission, message: string) {
    if (!ctx.actor || !can(ctx.actor.role, permission)) throw new ForbiddenError(message);
    return ctx.actor;
  }

  async function gather(tx: DbOrTx, requestId: string, withMatching: boolean): Promise<RequestSufficiency> {
    const request = await repo.requestForSearch(tx, requestId);
    if (!request) throw new NotFoundError('Placement request');
    const households = await repo.level4Households(tx, request.authorityId);
    const inArea: InAreaHousehold[] = [];
    if (withMatching && request.kind === 'parent_and_child') {
      for (const h of households) {
        const e = await evaluateHousehold(tx, requestId, h.id, today());
        inArea.push({ id: h.id, reference: h.reference, eligible: e.eligible, reasons: e.reasons });
      }
    }
    const search = (await repo.findSearchOfRequest(tx, requestId)) ?? null;
    const enquiries = search ? await repo.enquiriesOf(tx, [search.id]) : [];
    return { request: { id: request.id, reference: request.reference, kind: request.kind, status: request.status, childId: request.childId, childName: request.childName, authorityId: request.authorityId }, inArea, search, enquiries };
  }

  /** A request's Level 4 households in the area (as matching sees them today) and its search outside the area. */
  async function ofRequest(ctx: Ctx, requestId: string): Promise<RequestSufficiency> {
    need(ctx, 'request:read', 'Only staff who can see placement requests can see their searches');
    return db.transaction(async (tx) => {
      const r = await gather(tx, requestId, true);
      await writeAudit(tx, ctx, { action: 'sufficiency.viewed', subjectType: 'request', subjectId: requestId, details: { childId: r.request.childId, searchId: r.search?.id ?? null } });
      return r;
    });
  }

  /** Record that no suitable Level 4 household is available in the area: the search outside begins. */
  async function recordNoneInArea(ctx: Ctx, requestId: string, raw: unknown): Promise<RequestSufficiency> {
    const actor = need(ctx, 'sufficiency:record', 'Only the placement officer or a manager records a search outside the area');
    const input = parseInput(NoneInAreaInput, raw);
    return db.transaction(async (tx) => {
      const r = await gather(tx, requestId, true);
      const created = await repo.requestForSearch(tx, requestId);
      const createdOn = todayInEngland(created?.createdAt ?? new Date());
      const eligible = r.inArea.filter((h) => h.eligible).length;
      const problems = noneInAreaProblems(input, { kind: r.request.kind, status: r.request.status, createdOn }, eligible, today());
      if (r.search) problems.push({ field: 'form', message: 'The search outside the area is already recorded for this request' });
      if (problems.length) throw new ValidationError(problems);
      const id = await repo.insertSearch(tx, {
        placementRequestId: requestId,
        noneInAreaOn: input.noneInAreaOn,
        inAreaLevel4Households: r.inArea.length,
        inAreaEligibleHouseholds: eligible,
        whyNoneSuitable: input.whyNoneSuitable,
        recordedBy: actor.userId,
        recordedByName: actor.name,
      });
      if (!id) throw new ValidationError([{ field: 'form', message: 'The search outside the area is already recorded for this request' }]);
      await writeAudit(tx, ctx, { action: 'sufficiency.recorded', subjectType: 'request', subjectId: requestId, details: { childId: r.request.childId, searchId: id, noneInAreaOn: input.noneInAreaOn, inAreaLevel4Households: r.inArea.length } });
      return gather(tx, requestId, false).then((x) => ({ ...x, inArea: r.inArea }));
    });
  }

  /** Record an agency or another authority asked, and its answer. */
  async function recordEnquiry(ctx: Ctx, requestId: string, raw: unknown): Promise<Enquiry> {
    const actor = need(ctx, 'sufficiency:record', 'Only the placement officer or a manager records a search outside the area');
    const input = parseInput(EnquiryInput, raw);
    return db.transaction(async (tx) => {
      const r = await gather(tx, requestId, false);
      if (!r.search) throw new ValidationError([{ field: 'form', message: 'Record first that no suitable household is available in the area' }]);
      const orgs = await repo.organisationKinds(tx);
      const problems = enquiryProblems(input, orgs.find((o) => o.id === input.organisationId), r.request.authorityId, r.search, today());
      if (problems.length) throw new ValidationError(problems);
      const id = await repo.insertEnquiry(tx, {
        searchId: r.search.id,
        organisationId: input.organisationId,
        askedOn: input.askedOn,
        answer: input.answer,
        answeredOn: input.answer === 'awaiting' ? null : input.answeredOn,
        answerDetail: input.answerDetail ?? '',
        recordedByName: actor.name,
      });
      await writeAudit(tx, ctx, { action: 'sufficiency.enquiry.recorded', subjectType: 'request', subjectId: requestId, details: { childId: r.request.childId, enquiryId: id, organisationId: input.organisationId, answer: input.answer } });
      const saved = (await repo.enquiriesOf(tx, [r.search.id])).find((e) => e.id === id);
      if (!saved) throw new NotFoundError('Enquiry');
      return saved;
    });
  }

  /** Record how the search ended: a household found outside the area (with whom), or none found. */
  async function recordOutcome(ctx: Ctx, requestId: string, version: number, raw: unknown): Promise<Search> {
    need(ctx, 'sufficiency:record', 'Only the placement officer or a manager records a search outside the area');
    const input = parseInput(OutcomeInput, raw);
    return db.transaction(async (tx) => {
      const r = await gather(tx, requestId, false);
      if (!r.search) throw new ValidationError([{ field: 'form', message: 'Record first that no suitable household is available in the area' }]);
      const problems = outcomeProblems(input, r.search, r.enquiries, today());
      if (problems.length) throw new ValidationError(problems);
      const result = await repo.setOutcome(tx, r.search.id, version, { outcome: input.outcome, outcomeOn: input.outcomeOn, foundOrganisationId: input.foundOrganisationId });
      if (result === 'stale') throw new StaleRecordError('Search outside the area');
      await writeAudit(tx, ctx, { action: 'sufficiency.outcome.recorded', subjectType: 'request', subjectId: requestId, details: { childId: r.request.childId, searchId: r.search.id, outcome: input.outcome, foundOrganisationId: input.foundOrganisationId } });
      const saved = await repo.findSearchOfRequest(tx, requestId);
      if (!saved) throw new NotFoundError('Search outside the area');
      return saved;
    });
  }

  async function buildReport(tx: DbOrTx, raw: unknown): Promise<{ report: SufficiencyReport; childIds: string[]; homeAuthorityName: string }> {
    const period = parseInput(ReportPeriod, raw);
    const problems = periodProblems(period);
    if (problems.length) throw new ValidationError(problems);
    const orgs = await repo.organisationKinds(tx);
    const counts = await repo.childrenByAuthority(tx);
    const home = homeAuthorityOf(
      counts.flatMap((c) => Array.from({ length: Number(c.n) }, () => ({ responsibleAuthorityId: c.responsibleAuthorityId }))),
      orgs,
    );
    if (!home) throw new ValidationError([{ field: 'form', message: 'There is no local authority recorded yet, so there is no area to report on' }]);
    const requests = await repo.parentAndChildRequests(tx, period.from, period.to);
    const searchIds = requests.flatMap((r) => (r.searchId ? [r.searchId] : []));
    const enquiries = await repo.enquiriesOf(tx, searchIds);
    const placements = await repo.parentAndChildPlacements(tx, period.from, period.to);
    const households = await repo.level4Households(tx, home);
    const placed = await repo.placedCounts(tx, households.map((h) => h.id), period.to);
    const withArrangement = await repo.householdsWithArrangement(tx, households.map((h) => h.id), period.to);
    const report = sufficiencyReport({
      from: period.from,
      to: period.to,
      homeAuthorityId: home,
      requests: requests.map((r) => ({
        id: r.id,
        reference: r.reference,
        createdOn: r.createdOn,
        status: r.status,
        search: r.searchId
          ? { outcome: r.outcome ?? 'searching', enquiries: enquiries.filter((e) => e.searchId === r.searchId).length, offers: enquiries.filter((e) => e.searchId === r.searchId && e.answer === 'offered').length }
          : null,
      })),
      placements: placements.map((p) => ({ id: p.id, startDate: p.startDate, householdReference: p.householdReference, fosteringServiceId: p.fosteringServiceId, fosteringServiceName: p.fosteringServiceName })),
      households: households.map((h) => ({ id: h.id, reference: h.reference, approvedChildren: h.approvedChildren, placed: placed.get(h.id) ?? 0, parentAndChildActive: withArrangement.has(h.id) })),
    });
    const childIds = [...new Set([...requests.map((r) => r.childId), ...placements.map((p) => p.childId)])];
    return { report, childIds, homeAuthorityName: orgs.find((o) => o.id === home)?.name ?? '' };
  }

  /** The sufficiency report for the Fostering Panel, for a period. */
  async function report(ctx: Ctx, raw: unknown) {
    need(ctx, 'sufficiency:report', 'Only the placement team and managers see the sufficiency report');
    return db.transaction(async (tx) => {
      const r = await buildReport(tx, raw);
      await writeAudit(tx, ctx, { action: 'sufficiency.report.viewed', subjectType: 'system', details: { from: r.report.from, to: r.report.to, totals: r.report.totals }, childIds: r.childIds });
      return { report: r.report, homeAuthorityName: r.homeAuthorityName };
    });
  }

  async function reportExport(ctx: Ctx, raw: unknown) {
    need(ctx, 'sufficiency:report', 'Only the placement team and managers see the sufficiency report');
    return db.transaction(async (tx) => {
      const r = await buildReport(tx, raw);
      await writeAudit(tx, ctx, { action: 'sufficiency.report.exported', subjectType: 'system', details: { from: r.report.from, to: r.report.to, totals: r.report.totals }, childIds: r.childIds });
      return { report: r.report, homeAuthorityName: r.homeAuthorityName };
    });
  }

  return { ofRequest, recordNoneInArea, recordEnquiry, recordOutcome, report, reportExport, today };
}

export type SufficiencyService = ReturnType<typeof createSufficiencyService>;
