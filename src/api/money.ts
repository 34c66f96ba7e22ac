/** Money over JSON (Parent and child fostering procedure, 8.1–8.5): rate cards, an arrangement's weekly amount, allowance requests, and finance. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { AllowanceRequest, FinanceRow, RateCard } from '../services/money.ts';
import type { WeeklyAmount } from '../domain/money/parent-and-child.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { Uuid } from '../http/schemas.ts';
import { RateCardInput } from '../domain/money/rate-card.ts';
import { AllowanceAnswerInput, AllowanceRequestInput } from '../domain/money/allowance-request.ts';
import { financeCsv } from '../domain/money/csv.ts';
import { isValidIsoDate } from '../domain/dates.ts';
import { ValidationError } from '../services/errors.ts';
import { DateTime, Int, IsoDate } from './responses.ts';
import { bodyWithVersion, checkedByService, docs, withVersion } from './helpers.ts';

const tag = 'Money';

export const RateCardResponse = z.strictObject({
  id: Uuid,
  effectiveFrom: IsoDate.meta({ description: 'The day the card takes effect; it is in force until the next card' }),
  note: z.string().nullable(),
  allowances: z.array(z.strictObject({ fromAge: Int, toAge: Int.nullable().meta({ description: 'null: and over' }), weeklyPence: Int })),
  skillsFees: z.array(z.strictObject({ level: Int, weeklyPence: Int })),
  createdBy: Uuid.nullable(),
  createdByName: z.string(),
  createdAt: DateTime,
});

export function presentRateCard(c: RateCard): z.output<typeof RateCardResponse> {
  return { id: c.id, effectiveFrom: c.effectiveFrom, note: c.note, allowances: c.allowances, skillsFees: c.skillsFees, createdBy: c.createdBy, createdByName: c.createdByName, createdAt: c.createdAt.toISOString() };
}

const Payer = z.enum(['fostering_budget', 'child_care_team']);
const WeeklyResponse = z.strictObject({
  day: IsoDate.meta({ description: 'The day priced: ages and rates are those of this day' }),
  cardEffectiveFrom: IsoDate.nullable(),
  lines: z.array(
    z.strictObject({
      kind: z.enum(['allowance', 'skills_fee']),
      personId: Uuid.nullable(),
      description: z.string(),
      age: Int.nullable(),
      band: z.string().nullable(),
      level: Int.nullable(),
      weeklyPence: Int,
      payer: Payer,
      requestStatus: z.enum(['not_requested', 'requested', 'agreed', 'refused']).nullable(),
      budgetCode: z.string().nullable(),
    }),
  ),
  totals: z.strictObject({ fostering_budget: Int, child_care_team: Int, all: Int }),
  problems: z.array(z.string()),
});

const presentWeekly = (w: WeeklyAmount): z.output<typeof WeeklyResponse> => ({ day: w.day, cardEffectiveFrom: w.cardEffectiveFrom, lines: w.lines.map((l) => ({ ...l })), totals: { ...w.totals }, problems: [...w.problems] });

export const AllowanceRequestResponse = z.strictObject({
  id: Uuid,
  arrangementId: Uuid,
  arrangementPersonId: Uuid,
  requestedOn: IsoDate,
  requestedOf: z.string(),
  requestNote: z.string(),
  requestedBy: Uuid.nullable(),
  requestedByName: z.string(),
  answer: z.enum(['agreed', 'refused']).nullable(),
  answeredOn: IsoDate.nullable(),
  answeredByName: z.string().nullable(),
  budgetCode: z.string().nullable(),
  answerNote: z.string(),
  version: Int,
  createdAt: DateTime,
  updatedAt: DateTime,
});

export function presentAllowanceRequest(r: AllowanceRequest): z.output<typeof AllowanceRequestResponse> {
  return { ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

export const ArrangementMoneyResponse = z.strictObject({
  arrangement: z.strictObject({ id: Uuid, reference: z.string(), status: z.string(), startDate: IsoDate.nullable(), endDate: IsoDate.nullable(), legalScenario: z.string() }),
  household: z.strictObject({ id: Uuid, reference: z.string(), skillLevel: Int }),
  people: z.array(z.strictObject({ id: Uuid, role: z.enum(['parent', 'child']), name: z.string(), dateOfBirth: IsoDate.nullable(), inCare: z.boolean(), childId: Uuid.nullable() })),
  weekly: WeeklyResponse,
  requests: z.array(AllowanceRequestResponse),
});

export const FinanceResponse = z.strictObject({
  weekStarting: IsoDate,
  arrangements: z.array(z.strictObject({ arrangementId: Uuid, reference: z.string(), householdReference: z.string(), startDate: IsoDate.nullable(), endDate: IsoDate.nullable(), weekly: WeeklyResponse })),
});

const presentFinanceRow = (r: FinanceRow) => ({ arrangementId: r.arrangementId, reference: r.reference, householdReference: r.householdReference, startDate: r.startDate, endDate: r.endDate, weekly: presentWeekly(r.weekly) });

const DayQuery = z.object({ day: z.string().optional().meta({ description: 'A day (YYYY-MM-DD); today when not given' }) });
const WeekQuery = z.object({ week: z.string().optional().meta({ description: 'Any day of the week (YYYY-MM-DD), Monday to Sunday; this week when not given' }) });
const dayOf = (v: string | undefined, field: string, fallback: string) => {
  if (v === undefined || v === '') return fallback;
  if (!isValidIsoDate(v)) throw new ValidationError([{ field, message: 'Give the day as a real date, YYYY-MM-DD' }]);
  return v;
};

export function moneyApi(api: FastifyInstance, services: Services) {
  const s = services.money;
  const Id = z.object({ id: Uuid.meta({ description: 'Parent-and-child arrangement id' }) });

  route(api, {
    method: 'GET',
    url: paths.api.rateCards,
    access: 'signed-in',
    audit: 'none',
    ...docs({ tag, summary: 'The rate cards, latest effective first: each in force from its date until the next one', response: z.array(RateCardResponse) }),
    handler: async () => (await s.rateCards()).map(presentRateCard),
  });

  route(api, {
    method: 'POST',
    url: paths.api.rateCards,
    access: 'rates:manage',
    audit: 'rate-card.created',
    ...docs({
      tag,
      summary:
        'Enter a new rate card (administrator): effectiveFrom after the latest card; allowances by age band from age 0 without gaps, the oldest open-ended (toAge null); skills fees by level. Amounts in pounds ("146.50"). Cards already entered are never changed',
      body: checkedByService(RateCardInput),
      response: RateCardResponse,
      status: 201,
    }),
    handler: async (req, reply) => reply.code(201).send(presentRateCard(await s.createRateCard(req.ctx(), req.body))),
  });

  route(api, {
    method: 'GET',
    url: paths.api.arrangementMoney(),
    access: 'placement:read',
    audit: 'money.viewed',
    ...docs({ tag, summary: "A parent-and-child arrangement's weekly amount on a day, line by line, with who pays each line and the allowance requests", params: Id, query: DayQuery, response: ArrangementMoneyResponse }),
    handler: async (req) => {
      const day = req.query.day ? dayOf(req.query.day, 'day', '') : undefined;
      const m = await s.ofArrangement(req.ctx(), req.params.id, day);
      return { ...m, weekly: presentWeekly(m.weekly), requests: m.requests.map(presentAllowanceRequest) };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.allowanceRequests(),
    access: 'allowance:request',
    audit: 'allowance-request.recorded',
    ...docs({ tag, summary: 'Record the request to the child-care team to fund the allowance of a child placed who is not in care (personId: the arrangement person)', params: Id, body: checkedByService(AllowanceRequestInput), response: AllowanceRequestResponse, status: 201 }),
    handler: async (req, reply) => reply.code(201).send(presentAllowanceRequest(await s.requestAllowance(req.ctx(), req.params.id, req.body))),
  });

  route(api, {
    method: 'POST',
    url: paths.api.allowanceAnswer(),
    access: 'allowance:request',
    audit: 'allowance-request.answered',
    ...docs({ tag, summary: "Record the child-care team's answer (send the version you read): agreed with the budget code, or refused", params: z.object({ id: Uuid.meta({ description: 'Allowance request id' }) }), body: checkedByService(withVersion(AllowanceAnswerInput)), response: AllowanceRequestResponse }),
    handler: async (req) => {
      const { version, rest } = bodyWithVersion(req.body);
      return presentAllowanceRequest(await s.answerAllowance(req.ctx(), req.params.id, version, rest));
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.finance,
    access: 'finance:read',
    audit: 'finance.listed',
    ...docs({ tag, summary: 'The weekly amount of every parent-and-child arrangement in place in a week, line by line and by budget', query: WeekQuery, response: FinanceResponse }),
    handler: async (req) => {
      const f = await s.financeWeek(req.ctx(), dayOf(req.query.week, 'week', s.today()));
      return { weekStarting: f.weekStarting, arrangements: f.rows.map(presentFinanceRow) };
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.financeCsv,
    access: 'finance:read',
    audit: 'finance.exported',
    ...docs({ tag, summary: 'The same as CSV for finance: one row per line (allowance or skills fee) with its budget, budget code and weekly amount in pounds', query: WeekQuery, produces: ['text/csv'] }),
    handler: async (req, reply) => {
      const f = await s.financeExport(req.ctx(), dayOf(req.query.week, 'week', s.today()));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="parent-and-child-week-${f.weekStarting}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(financeCsv(f.weekStarting, f.rows));
    },
  });
}
