/**
 * Placement stability (Placement stability guidance, "Placements are ended in a planned way…"):
 * concerns that a placement may be becoming unstable. Recording one records the event
 * `placement_concern` in the same transaction, from which the Placement Support Meeting obligation
 * is derived (src/domain/deadlines/stability.ts); the meetings themselves are the placement's `psm`
 * planning record (./planning.ts).
 */
import type { Db } from '../data/db.ts';
import * as concerns from '../data/repositories/concerns.ts';
import * as consultations from '../data/repositories/consultations.ts';
import { findChild } from '../data/repositories/children.ts';
import { findPlanningPlacement } from '../data/repositories/planning.ts';
import { writeAudit } from '../audit/writer.ts';
import { can } from '../domain/access/index.ts';
import { todayInEngland, type IsoDate } from '../domain/dates.ts';
import { CONCERN_RAISED_BY, CONCERN_SERIOUSNESS, ConcernInput, concernProblems } from '../domain/records/concern.ts';
import { ConsultationInput, consultationProblems } from '../domain/records/consultation.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';

export type Concern = concerns.ConcernRow;
export type ChildConcern = Concern & { householdReference: string; placementStart: IsoDate };
export type Consultation = consultations.ConsultationRow;

export function createStabilityService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  /** Record a concern about a placement. Anyone working with the child; the carers' through their SSW. */
  async function recordConcern(ctx: Ctx, placementId: string, raw: unknown): Promise<Concern> {
    const actor = ctx.actor;
    if (!actor || !can(actor.role, 'concern:record')) throw new ForbiddenError('Only someone working with the child can record a concern about the placement');
    const input = parseInput(ConcernInput, raw);
    return db.transaction(async (tx) => {
      const row = await findPlanningPlacement(tx, placementId);
      if (!row) throw new NotFoundError('Placement');
      if (row.p.status === 'cancelled') throw new ValidationError([{ field: 'form', message: 'This placement was cancelled: there is nothing to record a concern about' }]);
      const problems = concernProblems(input, actor.role, today(), { start: row.p.startDate, end: row.p.endDate });
      if (problems.length) throw new ValidationError(problems);
      const eventId = await concerns.insertConcernEvent(tx, {
        childId: row.c.id,
        kind: 'placement_concern',
        eventDate: input.raisedOn,
        placementId,
        evidence: `${CONCERN_SERIOUSNESS[input.seriousness]} concern raised by ${input.raisedByName} (${CONCERN_RAISED_BY[input.raisedByRole]}), recorded in Hearth by ${actor.name}`,
        recordedBy: actor.userId,
      });
      const id = await concerns.insertConcern(tx, {
        placementId,
        childId: row.c.id,
        eventId,
        whatWasSeen: input.whatWasSeen,
        raisedByRole: input.raisedByRole,
        raisedByName: input.raisedByName,
        seriousness: input.seriousness,
        recordedBy: actor.userId,
        recordedByName: actor.name,
      });
      await writeAudit(tx, ctx, {
        action: 'concern.recorded',
        subjectType: 'placement',
        subjectId: placementId,
        details: { childId: row.c.id, concernId: id, raisedOn: input.raisedOn, raisedByRole: input.raisedByRole, seriousness: input.seriousness },
      });
      const saved = await concerns.findConcern(tx, id);
      if (!saved) throw new NotFoundError('Concern');
      return saved;
    });
  }

  /** A placement's concerns, latest first (audited as a view of the child's record). */
  async function ofPlacement(ctx: Ctx, placementId: string): Promise<Concern[]> {
    return db.transaction(async (tx) => {
      const row = await findPlanningPlacement(tx, placementId);
      if (!row) throw new NotFoundError('Placement');
      const list = await concerns.concernsOfPlacement(tx, placementId);
      await writeAudit(tx, ctx, { action: 'concern.listed', subjectType: 'placement', subjectId: placementId, details: { childId: row.c.id, count: list.length } });
      return list;
    });
  }

  /** A child's concerns across their placements, latest first. */
  async function ofChild(ctx: Ctx, childId: string): Promise<ChildConcern[]> {
    return db.transaction(async (tx) => {
      const rows = await concerns.concernsOfChild(tx, childId);
      await writeAudit(tx, ctx, { action: 'concern.listed', subjectType: 'child', subjectId: childId, details: { childId, count: rows.length } });
      return rows.map((r) => ({ ...r.c, householdReference: r.householdReference, placementStart: r.placementStart }));
    });
  }

  /** Record a consultation with the Virtual School on the child's record. */
  async function recordConsultation(ctx: Ctx, childId: string, raw: unknown): Promise<Consultation> {
    const actor = ctx.actor;
    if (!actor || !can(actor.role, 'consultation:record')) throw new ForbiddenError("Only the child's social worker, the supervising social worker or a manager can record a consultation with the Virtual School");
    const input = parseInput(ConsultationInput, raw);
    const problems = consultationProblems(input, today());
    return db.transaction(async (tx) => {
      if (!(await findChild(tx, childId))) throw new NotFoundError('Child');
      if ((await consultations.organisationKind(tx, input.virtualSchoolId)) !== 'virtual_school') problems.push({ field: 'virtualSchoolId', message: 'Select the Virtual School from the list' });
      const contact = input.contactId ? await consultations.contactOf(tx, input.virtualSchoolId, input.contactId) : undefined;
      if (input.contactId && !contact) problems.push({ field: 'contactId', message: 'Select someone from that Virtual School, or enter their name' });
      if (problems.length) throw new ValidationError(problems);
      const id = await consultations.insertConsultation(tx, {
        childId,
        virtualSchoolId: input.virtualSchoolId,
        contactId: contact?.id ?? null,
        consultedName: contact?.fullName ?? input.consultedName ?? '',
        consultedOn: input.consultedOn,
        question: input.question,
        advice: input.advice,
        recordedBy: actor.userId,
        recordedByName: actor.name,
      });
      await writeAudit(tx, ctx, { action: 'consultation.recorded', subjectType: 'child', subjectId: childId, details: { childId, consultationId: id, consultedOn: input.consultedOn, virtualSchoolId: input.virtualSchoolId } });
      const saved = await consultations.findConsultation(tx, id);
      if (!saved) throw new NotFoundError('Consultation');
      return saved;
    });
  }

  /** A child's consultations with the Virtual School, latest first. */
  async function consultationsOf(ctx: Ctx, childId: string): Promise<Consultation[]> {
    return db.transaction(async (tx) => {
      if (!(await findChild(tx, childId))) throw new NotFoundError('Child');
      const rows = await consultations.consultationsOfChild(tx, childId);
      await writeAudit(tx, ctx, { action: 'consultation.listed', subjectType: 'child', subjectId: childId, details: { childId, count: rows.length } });
      return rows;
    });
  }

  return { recordConcern, ofPlacement, ofChild, recordConsultation, consultationsOf, today };
}

export type StabilityService = ReturnType<typeof createStabilityService>;
