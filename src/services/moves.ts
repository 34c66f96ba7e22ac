/**
 * Moves are agreed, not done (Placement stability guidance, "Placements are ended in a planned way
 * unless there are immediate safeguarding concerns"). A move request is made about the placement the
 * child would leave; the HARP panel (its decision recorded by a manager) or the head of service
 * agrees it; an urgent move is authorised by the head of service only.
 *
 * `checkEnding` is how every path that ends a placement asks the gate (src/domain/placements/moves.ts):
 * the placement form and API (./placements.ts), a move to a new placement (./placement-entry.ts, used
 * by the placement form, recording a past placement and confirming a proposal), and a moved or
 * cancelled move (./placements.ts, followMove). The demo generator checks its own histories with
 * the same function (src/demo/moves.ts).
 */
import type { Db, DbOrTx } from '../data/db.ts';
import * as moves from '../data/repositories/moves.ts';
import { findPlanningPlacement } from '../data/repositories/planning.ts';
import { findPlacement, lockPlacement } from '../data/repositories/placements.ts';
import { writeAudit } from '../audit/writer.ts';
import { can } from '../domain/access/index.ts';
import { todayInEngland, type IsoDate } from '../domain/dates.ts';
import { LIVE_STATUSES } from '../domain/records/placement.ts';
import { describeEnding, EndingMeetingInput, endingMeetingProblems } from '../domain/placements/endings.ts';
import { decideEnding, moveDecisionProblems, moveRequestProblems, MoveDecisionInput, MoveRequestInput, type EndingBasis } from '../domain/placements/moves.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';

export type MoveRequest = moves.MoveRequestRow;
export type ChildMoveRequest = MoveRequest & { householdReference: string };
export type EndingMeeting = moves.EndingMeetingRow;
/** How a placement's ending was allowed: planned or not, who agreed it, the SSDA903 reason. */
export type Ending = { placementId: string; endDate: IsoDate | null; reasonEnded: string | null; planned: boolean | null; basis: string; agreedBy: string; moveRequestId: string | null };

/**
 * The gate on a placement ending on `endDate`: how the ending is allowed, or a ValidationError
 * against `field` saying why it may not end.
 */
export async function checkEnding(
  tx: DbOrTx,
  p: { id: string; childId: string; placementType: string },
  endDate: IsoDate,
  reasonEnded: string | null,
  field: string,
): Promise<{ basis: EndingBasis; moveRequestId: string | null }> {
  const decision = decideEnding({
    placementType: p.placementType,
    endDate,
    reasonEnded,
    carePlanEndOn: await moves.carePlanEndOf(tx, p.id),
    careEndsOn: await moves.careEndDays(tx, p.childId),
    moveRequests: (await moves.moveRequestsOfPlacement(tx, p.id)).map((m) => ({ id: m.id, urgent: m.urgent, status: m.status })),
  });
  if (!decision.allowed) throw new ValidationError([{ field, message: decision.message }]);
  return { basis: decision.basis, moveRequestId: decision.moveRequestId };
}

export function createMoveService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  /** Ask for the child to move from this placement (or for an urgent move). */
  async function request(ctx: Ctx, placementId: string, raw: unknown): Promise<MoveRequest> {
    const actor = ctx.actor;
    if (!actor || !can(actor.role, 'move:request')) throw new ForbiddenError("Only the child's social worker, the supervising social worker or a manager can request a move");
    const input = parseInput(MoveRequestInput, raw);
    const problems = moveRequestProblems(input);
    return db.transaction(async (tx) => {
      // Locked, so two requests about one placement cannot both be made.
      if (!(await lockPlacement(tx, placementId))) throw new NotFoundError('Placement');
      const row = await findPlanningPlacement(tx, placementId);
      if (!row) throw new NotFoundError('Placement');
      if (!LIVE_STATUSES.includes(row.p.status)) problems.unshift({ field: 'form', message: 'This placement is not active or planned: there is nothing to move the child from' });
      const open = (await moves.moveRequestsOfPlacement(tx, placementId)).find((m) => m.status === 'requested' || m.status === 'agreed');
      if (open) problems.unshift({ field: 'form', message: `A move from this placement is already ${open.status === 'agreed' ? 'agreed' : 'waiting for agreement'}` });
      if (problems.length) throw new ValidationError(problems);
      const saved = await moves.insertMoveRequest(tx, {
        placementId,
        childId: row.c.id,
        ...input,
        requestedBy: actor.userId,
        requestedByName: actor.name,
      });
      await writeAudit(tx, ctx, {
        action: 'move.requested',
        subjectType: 'placement',
        subjectId: placementId,
        details: { childId: row.c.id, moveRequestId: saved.id, urgent: saved.urgent, alternativeOptions: saved.alternativeOptions.length },
      });
      return saved;
    });
  }

  /**
   * Record the decision: the HARP panel's (by a manager, with the panel's date and chair) or the head
   * of service's own. An urgent move is authorised by the head of service once the alternatives are
   * listed; the time of the decision is recorded.
   */
  async function decide(ctx: Ctx, id: string, version: number, raw: unknown): Promise<MoveRequest> {
    const actor = ctx.actor;
    if (!actor || !can(actor.role, 'move:decide')) throw new ForbiddenError('Only a manager recording the HARP panel decision, or the head of service, can decide on a move');
    const input = parseInput(MoveDecisionInput, raw);
    return db.transaction(async (tx) => {
      const current = await moves.findMoveRequest(tx, id, true);
      if (!current) throw new NotFoundError('Move request');
      if (current.version !== version) throw new StaleRecordError('Move request');
      const problems = moveDecisionProblems(current, input, actor.role, today());
      if (problems.length) throw new ValidationError(problems);
      const result = await moves.updateMoveRequest(tx, id, version, {
        status: input.outcome,
        decidedThrough: input.decidedThrough,
        panelDate: input.panelDate,
        panelChair: input.panelChair,
        decisionReason: input.decisionReason,
        decidedBy: actor.userId,
        decidedByName: actor.name,
        decidedAt: new Date(),
      });
      if (result === 'stale') throw new StaleRecordError('Move request');
      if (result === 'missing') throw new NotFoundError('Move request');
      await writeAudit(tx, ctx, {
        action: 'move.decided',
        subjectType: 'placement',
        subjectId: current.placementId,
        details: { childId: current.childId, moveRequestId: id, urgent: current.urgent, outcome: input.outcome, decidedThrough: input.decidedThrough, panelDate: input.panelDate, reason: input.decisionReason },
      });
      const saved = await moves.findMoveRequest(tx, id);
      if (!saved) throw new NotFoundError('Move request');
      return saved;
    });
  }

  /** Withdraw a request still waiting for agreement (the child stays). */
  async function withdraw(ctx: Ctx, id: string, version: number): Promise<MoveRequest> {
    const actor = ctx.actor;
    if (!actor || !can(actor.role, 'move:request')) throw new ForbiddenError();
    return db.transaction(async (tx) => {
      const current = await moves.findMoveRequest(tx, id, true);
      if (!current) throw new NotFoundError('Move request');
      if (current.status !== 'requested') throw new ValidationError([{ field: 'form', message: 'Only a request still waiting for agreement can be withdrawn' }]);
      const result = await moves.updateMoveRequest(tx, id, version, { status: 'withdrawn' });
      if (result === 'stale') throw new StaleRecordError('Move request');
      if (result === 'missing') throw new NotFoundError('Move request');
      await writeAudit(tx, ctx, { action: 'move.withdrawn', subjectType: 'placement', subjectId: current.placementId, details: { childId: current.childId, moveRequestId: id } });
      return (await moves.findMoveRequest(tx, id))!;
    });
  }

  /** One request (audited as a view of the child's record). */
  async function get(ctx: Ctx, id: string): Promise<MoveRequest> {
    return db.transaction(async (tx) => {
      const row = await moves.findMoveRequest(tx, id);
      if (!row) throw new NotFoundError('Move request');
      await writeAudit(tx, ctx, { action: 'move.viewed', subjectType: 'placement', subjectId: row.placementId, details: { childId: row.childId, moveRequestId: id } });
      return row;
    });
  }

  /** A placement's move requests, latest first. */
  async function ofPlacement(ctx: Ctx, placementId: string): Promise<MoveRequest[]> {
    return db.transaction(async (tx) => {
      const row = await findPlanningPlacement(tx, placementId);
      if (!row) throw new NotFoundError('Placement');
      const list = await moves.moveRequestsOfPlacement(tx, placementId);
      await writeAudit(tx, ctx, { action: 'move.listed', subjectType: 'placement', subjectId: placementId, details: { childId: row.c.id, count: list.length } });
      return list;
    });
  }

  /** A child's move requests across their placements, latest first. */
  async function ofChild(ctx: Ctx, childId: string): Promise<ChildMoveRequest[]> {
    return db.transaction(async (tx) => {
      const rows = await moves.moveRequestsOfChild(tx, childId);
      await writeAudit(tx, ctx, { action: 'move.listed', subjectType: 'child', subjectId: childId, details: { childId, count: rows.length } });
      return rows.map((r) => ({ ...r.m, householdReference: r.householdReference }));
    });
  }

  /** How the placement's ending was allowed (null while it has no end). */
  async function endingOf(ctx: Ctx, placementId: string): Promise<Ending | null> {
    return db.transaction(async (tx) => {
      const p = await findPlacement(tx, placementId);
      if (!p) throw new NotFoundError('Placement');
      if (p.endDate === null) return null;
      const move = p.moveRequestId ? await moves.findMoveRequest(tx, p.moveRequestId) : undefined;
      await writeAudit(tx, ctx, { action: 'placement.viewed', subjectType: 'placement', subjectId: placementId, details: { childId: p.childId, part: 'ending' } });
      return { placementId, endDate: p.endDate, reasonEnded: p.reasonEnded, moveRequestId: p.moveRequestId, ...describeEnding({ endingBasis: p.endingBasis, move: move ?? null }) };
    });
  }

  /** Record a disruption (ending) meeting about a placement that has ended or has its end date. */
  async function recordEndingMeeting(ctx: Ctx, placementId: string, raw: unknown): Promise<EndingMeeting> {
    const actor = ctx.actor;
    if (!actor || !can(actor.role, 'planning:write')) throw new ForbiddenError("Only the child's social worker, the supervising social worker or a manager can record a disruption meeting");
    const input = parseInput(EndingMeetingInput, raw);
    return db.transaction(async (tx) => {
      const p = await findPlacement(tx, placementId);
      if (!p) throw new NotFoundError('Placement');
      const problems = endingMeetingProblems(input, p, today());
      if (problems.length) throw new ValidationError(problems);
      const row = await moves.insertEndingMeeting(tx, { ...input, placementId, childId: p.childId, householdId: p.householdId, recordedBy: actor.userId, recordedByName: actor.name });
      await writeAudit(tx, ctx, { action: 'ending-meeting.recorded', subjectType: 'placement', subjectId: placementId, details: { childId: p.childId, householdId: p.householdId, endingMeetingId: row.id, heldOn: row.heldOn } });
      return row;
    });
  }

  /** Disruption meetings, with their learning, about a child's placements or a household's. */
  async function endingMeetings(ctx: Ctx, by: { childId: string } | { householdId: string } | { placementId: string }): Promise<EndingMeeting[]> {
    return db.transaction(async (tx) => {
      const rows = await moves.endingMeetingsOf(tx, by);
      const [subjectType, subjectId] = 'childId' in by ? (['child', by.childId] as const) : 'householdId' in by ? (['household', by.householdId] as const) : (['placement', by.placementId] as const);
      await writeAudit(tx, ctx, { action: 'ending-meeting.listed', subjectType, subjectId, details: { ...by, count: rows.length } });
      return rows;
    });
  }

  return { request, decide, withdraw, get, ofPlacement, ofChild, endingOf, recordEndingMeeting, endingMeetings, today };
}

export type MoveService = ReturnType<typeof createMoveService>;
