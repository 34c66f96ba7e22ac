/**
 * Money (Parent and child fostering procedure, 8.1–8.5): the dated rate card an administrator enters,
 * the weekly amount of each parent-and-child arrangement line by line and who pays each line
 * (src/domain/money), the requests to the child-care team for the allowance of a child not in care,
 * and the weekly amounts of every arrangement in place in a week, for finance.
 */
import type { Db, DbOrTx } from '../data/db.ts';
import * as money from '../data/repositories/money.ts';
import { findArrangement, type ArrangementWithPeople } from '../data/repositories/parent-and-child.ts';
import { writeAudit } from '../audit/writer.ts';
import { can, type Permission } from '../domain/access/index.ts';
import { addDays, compareDates, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { RateCardInput, rateCardOf, rateCardProblems } from '../domain/money/rate-card.ts';
import { weeklyAmount, weekStarting, type PlacedPerson, type WeeklyAmount } from '../domain/money/parent-and-child.ts';
import { AllowanceAnswerInput, AllowanceRequestInput, allowanceAnswerProblems, allowanceRequestProblems } from '../domain/money/allowance-request.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';

export type RateCard = money.RateCardRow;
export type AllowanceRequest = money.AllowanceRequestRow;

export type ArrangementMoney = {
  arrangement: { id: string; reference: string; status: string; startDate: IsoDate | null; endDate: IsoDate | null; legalScenario: string };
  household: { id: string; reference: string; skillLevel: number };
  people: { id: string; role: 'parent' | 'child'; name: string; dateOfBirth: IsoDate | null; inCare: boolean; childId: string | null }[];
  weekly: WeeklyAmount;
  requests: AllowanceRequest[];
};

export type FinanceRow = {
  arrangementId: string;
  reference: string;
  householdReference: string;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  weekly: WeeklyAmount;
};

export function createMoneyService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  function need(ctx: Ctx, permission: Permission, message: string) {
    if (!ctx.actor || !can(ctx.actor.role, permission)) throw new ForbiddenError(message);
    return ctx.actor;
  }

  /** Every rate card, latest first (the rates are not personal data: not audited as a view). */
  async function rateCards(): Promise<RateCard[]> {
    return money.listRateCards(db);
  }

  /** Enter a new rate card, in force from its date until a later one; cards in force are never changed. */
  async function createRateCard(ctx: Ctx, raw: unknown): Promise<RateCard> {
    const actor = need(ctx, 'rates:manage', 'Only an administrator enters the rate card');
    const input = parseInput(RateCardInput, raw);
    return db.transaction(async (tx) => {
      await money.lockRateCards(tx);
      const existing = await money.listRateCards(tx);
      const problems = rateCardProblems(input, existing);
      if (problems.length) throw new ValidationError(problems);
      const card = rateCardOf(input);
      const id = await money.insertRateCard(tx, { effectiveFrom: card.effectiveFrom, note: input.note, createdBy: actor.userId, createdByName: actor.name }, card.allowances, card.skillsFees);
      const superseded = existing[0];
      await writeAudit(tx, ctx, {
        action: 'rate-card.created',
        subjectType: 'rate_card',
        subjectId: id,
        details: { effectiveFrom: card.effectiveFrom, allowances: card.allowances, skillsFees: card.skillsFees, supersedes: superseded ? { id: superseded.id, effectiveFrom: superseded.effectiveFrom } : null },
      });
      const saved = (await money.listRateCards(tx)).find((c) => c.id === id);
      if (!saved) throw new NotFoundError('Rate card');
      return saved;
    });
  }

  async function moneyOf(tx: DbOrTx, a: ArrangementWithPeople, day: IsoDate, cards: RateCard[]) {
    const h = await money.householdOf(tx, a.householdId);
    if (!h) throw new NotFoundError('Household');
    const requests = await money.allowanceRequestsOf(tx, [a.id]);
    const people: PlacedPerson[] = a.people.map((p) => {
      const r = requests.find((x) => x.arrangementPersonId === p.id);
      return {
        id: p.id,
        role: p.role,
        name: p.name,
        dateOfBirth: p.dateOfBirth,
        inCare: p.inCare,
        allowanceRequest: r ? { status: r.answer ?? 'requested', budgetCode: r.budgetCode } : null,
      };
    });
    return { h, requests, weekly: weeklyAmount({ cards, people, skillLevel: h.skillLevel, day }) };
  }

  /**
   * An arrangement's weekly amount on `day` (today unless given; the arrangement's start when it
   * has not started yet), line by line, with its allowance requests. Audited as a view of each child placed.
   */
  async function ofArrangement(ctx: Ctx, arrangementId: string, day?: IsoDate): Promise<ArrangementMoney> {
    need(ctx, 'placement:read', 'Only staff who can see placements can see what an arrangement is paid');
    return db.transaction(async (tx) => {
      const a = await findArrangement(tx, arrangementId);
      if (!a) throw new NotFoundError('Parent-and-child arrangement');
      const on = day ?? (a.startDate && compareDates(a.startDate, today()) > 0 ? a.startDate : today());
      const cards = await money.listRateCards(tx);
      const { h, requests, weekly } = await moneyOf(tx, a, on, cards);
      const childIds = a.people.flatMap((p) => (p.childId ? [p.childId] : []));
      await writeAudit(tx, ctx, { action: 'money.viewed', subjectType: 'arrangement', subjectId: a.id, details: { day: on, total: weekly.totals.all }, childIds });
      return {
        arrangement: { id: a.id, reference: a.reference, status: a.status, startDate: a.startDate, endDate: a.endDate, legalScenario: a.legalScenario },
        household: { id: h.id, reference: h.reference, skillLevel: h.skillLevel },
        people: a.people.map((p) => ({ id: p.id, role: p.role, name: p.name, dateOfBirth: p.dateOfBirth, inCare: p.inCare, childId: p.childId })),
        weekly,
        requests,
      };
    });
  }

  /** Record the request to the child-care team for the allowance of a child placed who is not in care. */
  async function requestAllowance(ctx: Ctx, arrangementId: string, raw: unknown): Promise<AllowanceRequest> {
    const actor = need(ctx, 'allowance:request', "Only the child's social worker or a manager asks the child-care team to fund an allowance");
    const input = parseInput(AllowanceRequestInput, raw);
    return db.transaction(async (tx) => {
      const a = await findArrangement(tx, arrangementId);
      if (!a) throw new NotFoundError('Parent-and-child arrangement');
      const person = a.people.find((p) => p.id === input.personId);
      const existing = await money.allowanceRequestsOf(tx, [a.id]);
      const problems = allowanceRequestProblems(input, person, existing.some((r) => r.arrangementPersonId === input.personId), today());
      if (problems.length) throw new ValidationError(problems);
      const id = await money.insertAllowanceRequest(tx, {
        arrangementId: a.id,
        arrangementPersonId: input.personId,
        requestedOn: input.requestedOn,
        requestedOf: input.requestedOf,
        requestNote: input.requestNote ?? '',
        requestedBy: actor.userId,
        requestedByName: actor.name,
      });
      if (!id) throw new ValidationError([{ field: 'personId', message: "This child's allowance has already been requested: record the answer to that request" }]);
      await writeAudit(tx, ctx, {
        action: 'allowance-request.recorded',
        subjectType: 'arrangement',
        subjectId: a.id,
        details: { allowanceRequestId: id, requestedOn: input.requestedOn, requestedOf: input.requestedOf, ...(person?.childId ? { childId: person.childId } : {}) },
      });
      const saved = await money.findAllowanceRequest(tx, id);
      if (!saved) throw new NotFoundError('Allowance request');
      return saved;
    });
  }

  /** Record the child-care team's answer (agreed with its budget code, or refused). */
  async function answerAllowance(ctx: Ctx, requestId: string, version: number, raw: unknown): Promise<AllowanceRequest> {
    need(ctx, 'allowance:request', "Only the child's social worker or a manager records the child-care team's answer");
    const input = parseInput(AllowanceAnswerInput, raw);
    return db.transaction(async (tx) => {
      const r = await money.findAllowanceRequest(tx, requestId);
      if (!r) throw new NotFoundError('Allowance request');
      const problems = allowanceAnswerProblems(input, r, today());
      if (problems.length) throw new ValidationError(problems);
      const result = await money.answerAllowanceRequest(tx, requestId, version, {
        answer: input.answer,
        answeredOn: input.answeredOn,
        answeredByName: input.answeredByName,
        budgetCode: input.budgetCode,
        answerNote: input.answerNote ?? '',
      });
      if (result === 'stale') throw new StaleRecordError('Allowance request');
      const a = await findArrangement(tx, r.arrangementId);
      const childId = a?.people.find((p) => p.id === r.arrangementPersonId)?.childId ?? null;
      await writeAudit(tx, ctx, {
        action: 'allowance-request.answered',
        subjectType: 'arrangement',
        subjectId: r.arrangementId,
        details: { allowanceRequestId: requestId, answer: input.answer, answeredOn: input.answeredOn, budgetCode: input.budgetCode, ...(childId ? { childId } : {}) },
      });
      const saved = await money.findAllowanceRequest(tx, requestId);
      if (!saved) throw new NotFoundError('Allowance request');
      return saved;
    });
  }

  /**
   * The weekly amounts of every arrangement in place in the week (Monday to Sunday) that `day` is in,
   * each priced on the Monday, or on the day it started when that is later in the week.
   */
  async function financeRows(tx: DbOrTx, day: IsoDate): Promise<{ weekStarting: IsoDate; rows: FinanceRow[]; childIds: string[] }> {
    const monday = weekStarting(day);
    const sunday = addDays(monday, 6);
    const ids = await money.arrangementIdsInPlace(tx, monday, sunday);
    const cards = await money.listRateCards(tx);
    const rows: FinanceRow[] = [];
    const childIds: string[] = [];
    for (const id of ids) {
      const a = await findArrangement(tx, id);
      if (!a) continue;
      const on = a.startDate && compareDates(a.startDate, monday) > 0 ? a.startDate : monday;
      const { h, weekly } = await moneyOf(tx, a, on, cards);
      rows.push({ arrangementId: a.id, reference: a.reference, householdReference: h.reference, startDate: a.startDate, endDate: a.endDate, weekly });
      for (const p of a.people) if (p.childId) childIds.push(p.childId);
    }
    return { weekStarting: monday, rows, childIds: [...new Set(childIds)] };
  }

  async function financeWeek(ctx: Ctx, day: IsoDate): Promise<{ weekStarting: IsoDate; rows: FinanceRow[] }> {
    need(ctx, 'finance:read', 'Only finance staff and managers see the weekly amounts of every arrangement');
    return db.transaction(async (tx) => {
      const { weekStarting: monday, rows, childIds } = await financeRows(tx, day);
      await writeAudit(tx, ctx, { action: 'finance.listed', subjectType: 'system', details: { weekStarting: monday, arrangements: rows.length }, childIds });
      return { weekStarting: monday, rows };
    });
  }

  async function financeExport(ctx: Ctx, day: IsoDate): Promise<{ weekStarting: IsoDate; rows: FinanceRow[] }> {
    need(ctx, 'finance:read', 'Only finance staff and managers see the weekly amounts of every arrangement');
    return db.transaction(async (tx) => {
      const { weekStarting: monday, rows, childIds } = await financeRows(tx, day);
      await writeAudit(tx, ctx, { action: 'finance.exported', subjectType: 'system', details: { weekStarting: monday, arrangements: rows.length }, childIds });
      return { weekStarting: monday, rows };
    });
  }

  /** The version of an allowance request, for its answer form (nothing personal: not audited). */
  async function allowanceRequestVersion(id: string): Promise<number> {
    const r = await money.findAllowanceRequest(db, id);
    if (!r) throw new NotFoundError('Allowance request');
    return r.version;
  }

  return { rateCards, createRateCard, allowanceRequestVersion, ofArrangement, requestAllowance, answerAllowance, financeWeek, financeExport, today };
}

export type MoneyService = ReturnType<typeof createMoneyService>;
