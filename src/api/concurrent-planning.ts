/**
 * Concurrent planning over JSON: the child's contact plan and sessions, the court proceedings and
 * what the decision drives, future contact after adoption, and the service figures.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { Ctx } from '../services/context.ts';
import type { ContactPlan, ContactSession, CourtRecord, FutureContactView, Proceedings } from '../services/concurrent-planning.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { Uuid } from '../http/schemas.ts';
import { isValidIsoDate } from '../domain/dates.ts';
import { ContactPlanInput, ContactSessionInput, SESSION_OUTCOMES, CANCELLED_BY } from '../domain/concurrent-planning/contact.ts';
import { AdoptionOrderInput, AdoptivePlacementInput, DecisionInput, HearingInput, ProceedingsInput, HEARING_KINDS, DECISIONS } from '../domain/concurrent-planning/court.ts';
import { FutureContactInput } from '../domain/concurrent-planning/future-contact.ts';
import { ValidationError } from '../services/errors.ts';
import { bodyWithVersion, checkedByService, docs, requireObject } from './helpers.ts';

const tag = 'Concurrent planning';
const Day = z.string().meta({ description: 'YYYY-MM-DD' });
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const ContactPlanResponse = z.strictObject({
  id: Uuid,
  childId: Uuid,
  startsOn: Day,
  endsOn: Day.nullable(),
  sessionsPerWeek: z.number().int(),
  supervisor: z.string(),
  venue: z.string(),
  transport: z.string(),
  whoAttends: z.string(),
  recordedByName: z.string(),
  version: z.number().int(),
});
const presentPlan = (p: ContactPlan): z.output<typeof ContactPlanResponse> => ({
  id: p.id,
  childId: p.childId,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  sessionsPerWeek: p.sessionsPerWeek,
  supervisor: p.supervisor,
  venue: p.venue,
  transport: p.transport,
  whoAttends: p.whoAttends,
  recordedByName: p.recordedByName,
  version: p.version,
});

export const ContactSessionResponse = z.strictObject({
  id: Uuid,
  childId: Uuid,
  sessionDate: Day,
  outcome: z.enum(keys(SESSION_OUTCOMES)),
  whoAttended: z.string(),
  handoverAtStartByCarers: z.boolean().nullable(),
  handoverAtEndByCarers: z.boolean().nullable(),
  observations: z.string(),
  cancelledBy: z.enum(keys(CANCELLED_BY)).nullable(),
  notHeldReason: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string().meta({ format: 'date-time' }),
});
const presentSession = (s: ContactSession): z.output<typeof ContactSessionResponse> => ({
  id: s.id,
  childId: s.childId,
  sessionDate: s.sessionDate,
  outcome: s.outcome,
  whoAttended: s.whoAttended,
  handoverAtStartByCarers: s.handoverAtStartByCarers,
  handoverAtEndByCarers: s.handoverAtEndByCarers,
  observations: s.observations,
  cancelledBy: s.cancelledBy,
  notHeldReason: s.notHeldReason,
  recordedByName: s.recordedByName,
  recordedAt: s.recordedAt.toISOString(),
});

const ContactResponse = z.strictObject({
  plan: ContactPlanResponse.nullable(),
  sessions: z.array(ContactSessionResponse),
  nextDue: z.strictObject({ startedOn: Day, dueOn: Day, overdue: z.boolean(), explanation: z.string() }).nullable().meta({ description: 'The contact session due now under the plan (an obligation), if any' }),
});

const HearingResponse = z.strictObject({ id: Uuid, heardOn: Day, kind: z.enum(keys(HEARING_KINDS)), outcome: z.string(), recordedByName: z.string() });

export const ProceedingsResponse = z.strictObject({
  id: Uuid,
  childId: Uuid,
  court: z.string(),
  caseNumber: z.string(),
  appliedOn: Day,
  interimCareOrderOn: Day.nullable(),
  finalHearingOn: Day.nullable(),
  decision: z.enum(keys(DECISIONS)).nullable(),
  decidedOn: Day.nullable(),
  decisionNotes: z.string(),
  returnedHomeOn: Day.nullable(),
  carersContactAgreed: z.boolean().nullable(),
  carersContactPlan: z.string(),
  shouldBePlacedOn: Day.nullable(),
  placedForAdoptionOn: Day.nullable(),
  adoptivePlacementId: Uuid.nullable(),
  allowanceStoppedOn: Day.nullable().meta({ description: 'The day the fostering allowance stopped: the day the placement became an adoptive placement' }),
  adoptionSupportFrom: Day.nullable(),
  matchedOn: Day.nullable(),
  adoptionOrderOn: Day.nullable(),
  adoptionReason: z.enum(['E11', 'E12']).nullable(),
  adoptersCount: z.number().int().nullable(),
  adoptersSex: z.enum(['M1', 'F1', 'MM', 'FF', 'MF']).nullable().meta({ description: "SSDA903 AD1 SEX_ADOPTR: the adopters' genders" }),
  adoptersLegalStatus: z.enum(['L0', 'L11', 'L12', 'L2', 'L3', 'L4']).nullable().meta({ description: "SSDA903 AD1 LS_ADOPTR: the adopters' legal status" }),
  version: z.number().int(),
});
const presentProceedings = (p: Proceedings): z.output<typeof ProceedingsResponse> => ({
  id: p.id,
  childId: p.childId,
  court: p.court,
  caseNumber: p.caseNumber,
  appliedOn: p.appliedOn,
  interimCareOrderOn: p.interimCareOrderOn,
  finalHearingOn: p.finalHearingOn,
  decision: p.decision,
  decidedOn: p.decidedOn,
  decisionNotes: p.decisionNotes,
  returnedHomeOn: p.returnedHomeOn,
  carersContactAgreed: p.carersContactAgreed,
  carersContactPlan: p.carersContactPlan,
  shouldBePlacedOn: p.shouldBePlacedOn,
  placedForAdoptionOn: p.placedForAdoptionOn,
  adoptivePlacementId: p.adoptivePlacementId,
  allowanceStoppedOn: p.allowanceStoppedOn,
  adoptionSupportFrom: p.adoptionSupportFrom,
  matchedOn: p.matchedOn,
  adoptionOrderOn: p.adoptionOrderOn,
  adoptionReason: p.adoptionReason,
  adoptersCount: p.adoptersCount,
  adoptersSex: p.adoptersSex as 'M1' | 'F1' | 'MM' | 'FF' | 'MF' | null,
  adoptersLegalStatus: p.adoptersLegalStatus as 'L0' | 'L11' | 'L12' | 'L2' | 'L3' | 'L4' | null,
  version: p.version,
});

const CourtResponse = z.strictObject({
  proceedings: z.array(ProceedingsResponse.extend({ hearings: z.array(HearingResponse) })),
  placedAdoption: z
    .strictObject({ CHILD: z.string(), DOB: Day, DATE_PLACED: Day, DATE_PLACED_CEASED: Day.nullable(), REASON_PLACED_CEASED: z.string().nullable() })
    .nullable()
    .meta({ description: 'The SSDA903 PlacedAdoption row, once the decision that the child should be placed for adoption is recorded' }),
  ad1: z
    .strictObject({ CHILD: z.string(), DOB: Day, DATE_INT: Day, DATE_MATCH: Day.nullable(), FOSTER_CARE: z.enum(['0', '1']), NB_ADOPTR: z.string(), SEX_ADOPTR: z.string().nullable(), LS_ADOPTR: z.string().nullable() })
    .nullable()
    .meta({ description: 'The SSDA903 AD1 row, once the adoption order is recorded. SEX_ADOPTR and LS_ADOPTR are null for an adoption order recorded before they were asked' }),
});
const presentCourt = (c: CourtRecord): z.output<typeof CourtResponse> => ({
  proceedings: c.proceedings.map((p) => ({ ...presentProceedings(p), hearings: p.hearings.map((h) => ({ id: h.id, heardOn: h.heardOn, kind: h.kind, outcome: h.outcome, recordedByName: h.recordedByName })) })),
  placedAdoption: c.returnRows.placedAdoption,
  ad1: c.returnRows.ad1,
});

const Party = z.union([z.strictObject({ names: z.string(), contactDetails: z.string() }), z.literal('restricted'), z.null()]);
export const FutureContactResponse = z.strictObject({
  id: Uuid,
  childId: Uuid,
  kind: z.enum(['letterbox', 'direct']),
  frequency: z.string(),
  arrangements: z.string(),
  agreedOn: Day,
  version: z.number().int(),
  birthFamily: Party.meta({ description: "The birth family's details, or \"restricted\" for a role that may not see them" }),
  adopters: Party.meta({ description: "The adopters' details, or \"restricted\" for a role that may not see them (only the child's social worker and the managers)" }),
});
const presentFuture = (f: FutureContactView): z.output<typeof FutureContactResponse> => ({
  id: f.id,
  childId: f.childId,
  kind: f.kind,
  frequency: f.frequency,
  arrangements: f.arrangements,
  agreedOn: f.agreedOn,
  version: f.version,
  birthFamily: f.birthFamily,
  adopters: f.adopters,
});

const FigureResponse = z.strictObject({ key: z.string(), label: z.string(), value: z.number().nullable().meta({ description: 'A count, or a median number of days; null when not known' }), unit: z.enum(['children', 'households', 'days']), note: z.string() });

const ChildParams = z.object({ id: Uuid.meta({ description: 'Child id' }) });
const ProceedingsParams = z.object({ id: Uuid.meta({ description: 'Child id' }), pid: Uuid.meta({ description: 'Court proceedings id' }) });
const PeriodQuery = z.object({ from: z.string().meta({ description: 'First day of the period, YYYY-MM-DD' }), to: z.string().meta({ description: 'Last day of the period, YYYY-MM-DD' }) });

/** A period from the query: both real dates, or a ValidationError. */
export function periodOf(q: { from?: string | undefined; to?: string | undefined }): { from: string; to: string } {
  const problems = [];
  if (!q.from || !isValidIsoDate(q.from)) problems.push({ field: 'from', message: 'Enter the first day of the period as a real date' });
  if (!q.to || !isValidIsoDate(q.to)) problems.push({ field: 'to', message: 'Enter the last day of the period as a real date' });
  if (problems.length) throw new ValidationError(problems);
  return { from: q.from!, to: q.to! };
}

export function concurrentPlanningApi(api: FastifyInstance, services: Services) {
  const s = services.concurrentPlanning;

  route(api, {
    method: 'GET',
    url: paths.api.contactPlan(),
    access: 'child:read',
    audit: 'contact-session.listed',
    ...docs({ tag, summary: "The child's contact plan with their birth family, its sessions (latest first) and the session due now", params: ChildParams, response: ContactResponse }),
    handler: async (req) => {
      const c = await s.contactOf(req.ctx(), req.params.id);
      return { plan: c.plan ? presentPlan(c.plan) : null, sessions: c.sessions.map(presentSession), nextDue: c.nextDue };
    },
  });

  route(api, {
    method: 'PUT',
    url: paths.api.contactPlan(),
    access: 'court:record',
    audit: 'contact-plan.recorded',
    ...docs({
      tag,
      summary: "Record or change the child's contact plan: how many sessions a week (1 to 7), who supervises, where, transport, who attends. Send version 0 for a new plan, else the version read",
      params: ChildParams,
      body: checkedByService(ContactPlanInput.extend({ version: z.number().int().min(0) })),
      response: ContactPlanResponse,
    }),
    handler: async (req) => {
      const body = requireObject(req.body);
      const version = typeof body.version === 'number' ? body.version : null;
      return presentPlan(await s.saveContactPlan(req.ctx(), req.params.id, version, body));
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.contactSessions(),
    access: 'contact-session:record',
    audit: 'contact-session.recorded',
    ...docs({
      tag,
      summary: "Record a contact session: held (who attended, the carers' handovers at the start and end, the supervisor's observations), missed, or cancelled (who cancelled and why)",
      params: ChildParams,
      body: checkedByService(ContactSessionInput),
      response: ContactSessionResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentSession(await s.recordSession(req.ctx(), req.params.id, req.body))),
  });

  route(api, {
    method: 'GET',
    url: paths.api.contactObservations(),
    access: 'child:read',
    audit: 'contact-session.listed',
    ...docs({
      tag,
      summary: "The supervisor's observations of every contact session, oldest first, for the parents' assessment",
      params: ChildParams,
      response: z.array(z.strictObject({ date: Day, outcome: z.enum(keys(SESSION_OUTCOMES)), whoAttended: z.string(), handovers: z.string(), observations: z.string(), notHeld: z.string() })),
    }),
    handler: async (req) => (await s.observations(req.ctx(), req.params.id)).lines,
  });

  route(api, {
    method: 'GET',
    url: paths.api.contactNotHeld,
    access: 'child:read',
    audit: 'contact-session.listed',
    ...docs({
      tag,
      summary: 'Contact sessions missed or cancelled in the last 28 days (mine=true: for the children allocated to me)',
      query: z.object({ mine: z.enum(['true', 'false']).optional() }),
      response: z.array(ContactSessionResponse.extend({ childReference: z.string(), childName: z.string() })),
    }),
    handler: async (req) => (await s.sessionsNotHeld(req.ctx(), { mine: req.query.mine === 'true' })).map((x) => ({ ...presentSession(x), childReference: x.childReference, childName: x.childName })),
  });

  route(api, {
    method: 'GET',
    url: paths.api.courtProceedings(),
    access: 'child:read',
    audit: 'court.viewed',
    ...docs({ tag, summary: "The child's court proceedings with their hearings, latest first, and the SSDA903 PlacedAdoption and AD1 rows they give", params: ChildParams, response: CourtResponse }),
    handler: async (req) => presentCourt(await s.courtOf(req.ctx(), req.params.id)),
  });

  route(api, {
    method: 'POST',
    url: paths.api.courtProceedings(),
    access: 'court:record',
    audit: 'court.proceedings.recorded',
    ...docs({
      tag,
      summary: 'Record court proceedings: the court, case number, date of the application and of the interim care order (which becomes the legal status C1 from that day)',
      params: ChildParams,
      body: checkedByService(ProceedingsInput),
      response: ProceedingsResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentProceedings(await s.recordProceedings(req.ctx(), req.params.id, req.body))),
  });

  route(api, {
    method: 'POST',
    url: paths.api.courtHearings(),
    access: 'court:record',
    audit: 'court.hearing.recorded',
    ...docs({ tag, summary: 'Record a hearing: its date, kind and outcome (a final hearing sets the date of the final hearing)', params: ProceedingsParams, body: checkedByService(HearingInput), response: HearingResponse, status: 201 }),
    handler: async (req, reply) => {
      const h = await s.recordHearing(req.ctx(), req.params.id, req.params.pid, req.body);
      return reply.code(201).send({ id: h.id, heardOn: h.heardOn, kind: h.kind, outcome: h.outcome, recordedByName: h.recordedByName });
    },
  });

  const step = (
    url: string,
    audit: 'court.decided' | 'court.placed-for-adoption' | 'court.adoption-order',
    summary: string,
    body: z.ZodType,
    run: (ctx: Ctx, id: string, pid: string, version: number, rest: unknown) => Promise<Proceedings>,
  ) =>
    route(api, {
      method: 'POST',
      url,
      access: 'court:record',
      audit,
      ...docs({ tag, summary, params: ProceedingsParams, body: checkedByService(z.intersection(body, z.object({ version: z.number().int().min(1) }))), response: ProceedingsResponse }),
      handler: async (req) => {
        const { version, rest } = bodyWithVersion(req.body);
        return presentProceedings(await run(req.ctx(), req.params.id, req.params.pid, version, rest));
      },
    });

  step(
    paths.api.courtDecision(),
    'court.decided',
    "Record the court's decision. return_home: the legal status and the period of care end on returnedHomeOn (SSDA903 REC E4A) and the placement ends as planned; carersContactAgreed and the plan. placement_order: the legal status becomes E1 from decidedOn",
    DecisionInput,
    (ctx, id, pid, v, rest) => s.recordDecision(ctx, id, pid, v, rest),
  );
  step(
    paths.api.courtAdoptivePlacement(),
    'court.placed-for-adoption',
    'Record the day the placement became an adoptive placement: the foster placement ends that day (a change of status only) and a placement of type A5 with the same carers starts; the fostering allowance stops and adoption support starts that day',
    AdoptivePlacementInput,
    (ctx, id, pid, v, rest) => s.recordAdoptivePlacement(ctx, id, pid, v, rest),
  );
  step(
    paths.api.courtAdoptionOrder(),
    'court.adoption-order',
    'Record the adoption order: the period of care ends that day with reason E11 (unopposed) or E12 (consent dispensed with), and the adoptive placement with it',
    AdoptionOrderInput,
    (ctx, id, pid, v, rest) => s.recordAdoptionOrder(ctx, id, pid, v, rest),
  );

  route(api, {
    method: 'GET',
    url: paths.api.futureContact(),
    access: 'child:read',
    audit: 'future-contact.viewed',
    ...docs({ tag, summary: "The agreed future contact after adoption; each side's details only for the roles that need them", params: ChildParams, response: FutureContactResponse.nullable() }),
    handler: async (req) => {
      const f = await s.futureContactOf(req.ctx(), req.params.id);
      return f ? presentFuture(f) : null;
    },
  });

  route(api, {
    method: 'PUT',
    url: paths.api.futureContact(),
    access: 'future-contact:record',
    audit: 'future-contact.recorded',
    ...docs({
      tag,
      summary: "Record or change the future contact after adoption (letterbox or direct), with the birth family's and the adopters' details kept apart. Send version 0 for a new record, else the version read",
      params: ChildParams,
      body: checkedByService(FutureContactInput.extend({ version: z.number().int().min(0) })),
      response: FutureContactResponse,
    }),
    handler: async (req) => {
      const body = requireObject(req.body);
      const version = typeof body.version === 'number' ? body.version : null;
      return presentFuture(await s.saveFutureContact(req.ctx(), req.params.id, version, body));
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.serviceFigures,
    access: 'service-figures:read',
    audit: 'service-figures.viewed',
    ...docs({ tag, summary: 'The concurrent planning service figures for a period (both days included)', query: PeriodQuery.partial(), response: z.array(FigureResponse) }),
    handler: async (req) => s.figures(req.ctx(), periodOf(req.query)),
  });
}
