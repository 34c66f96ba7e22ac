/**
 * Concurrent planning (Concurrent planning guide): the child's contact plan and sessions, the court
 * proceedings and what the court's decision drives (a return home, or a placement order, the
 * adoptive placement and the adoption order), future contact after adoption, and the service
 * figures. One transaction per use case, with its audit row; every view of a child's record is
 * audited naming the child. The rules are the domain's (src/domain/concurrent-planning).
 */
import type { Db, DbOrTx } from '../data/db.ts';
import * as cp from '../data/repositories/concurrent-planning.ts';
import * as children from '../data/repositories/children.ts';
import * as placements from '../data/repositories/placements.ts';
import * as money from '../data/repositories/money.ts';
import { fosteringPhaseAllowance, type FosteringPhaseAllowance } from '../domain/money/fostering-phase.ts';
import { writeAudit } from '../audit/writer.ts';
import { keepReadable } from './readable.ts';
import { can, type Permission } from '../domain/access/index.ts';
import { addDays, compareDates, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { ContactPlanInput, ContactSessionInput, contactPlanProblems, contactSessionProblems, observationLines, type ObservationLine } from '../domain/concurrent-planning/contact.ts';
import {
  AdoptionOrderInput,
  AdoptivePlacementInput,
  CODES,
  DecisionInput,
  HearingInput,
  ProceedingsInput,
  adoptionOrderSteps,
  adoptionReturnRows,
  adoptivePlacementSteps,
  decisionSteps,
  hearingProblems,
  isInScopeKind,
  proceedingsProblems,
} from '../domain/concurrent-planning/court.ts';
import { FutureContactInput, futureContactAccess, futureContactProblems } from '../domain/concurrent-planning/future-contact.ts';
import { referredOnFor, serviceFigures, type ChildJourney, type Figure, type Period } from '../domain/concurrent-planning/figures.ts';
import { dualApprovalBegan } from '../domain/matching/dual-approval.ts';
import { contactSessionsDue } from '../domain/deadlines/contact-sessions.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';
import { checkEnding } from './moves.ts';

export type ContactPlan = cp.ContactPlanRow;
export type ContactSession = cp.ContactSessionRow;
export type Proceedings = cp.ProceedingsRow;
export type Hearing = cp.HearingRow;

/** A child's future contact as a role may see it: each side's details only for the roles that need them. */
export type FutureContactView = cp.FutureContactRow & {
  birthFamily: { names: string; contactDetails: string } | 'restricted' | null;
  adopters: { names: string; contactDetails: string } | 'restricted' | null;
};

export type CourtRecord = {
  proceedings: (Proceedings & { hearings: Hearing[] })[];
  /** SSDA903 PlacedAdoption and AD1 rows from the latest proceedings, once they apply. */
  returnRows: ReturnType<typeof adoptionReturnRows>;
  /** The weekly fostering allowance of the fostering phase today (Concurrent planning guide, "What support is available for carers?"). */
  allowance: FosteringPhaseAllowance;
};

function need(ctx: Ctx, permission: Permission, message: string) {
  const actor = ctx.actor;
  if (!actor || !can(actor.role, permission)) throw new ForbiddenError(message);
  return actor;
}

export function createConcurrentPlanningService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  async function childOrThrow(tx: DbOrTx, childId: string) {
    const c = await children.findChild(tx, childId);
    if (!c) throw new NotFoundError('Child');
    return c;
  }

  // Contact ----------------------------------------------------------------------------------------

  /** Record the child's contact plan, or change it (with the version the user opened). */
  async function saveContactPlan(ctx: Ctx, childId: string, version: number | null, raw: unknown): Promise<ContactPlan> {
    const actor = need(ctx, 'court:record', "Only the child's social worker or a manager can record the contact plan");
    const input = parseInput(ContactPlanInput, raw);
    const problems = contactPlanProblems(input);
    if (problems.length) throw new ValidationError(problems);
    return db.transaction(async (tx) => {
      await childOrThrow(tx, childId);
      const current = await cp.lockContactPlanOf(tx, childId);
      let row: ContactPlan;
      if (!current) {
        if (version !== null && version !== 0) throw new StaleRecordError('Contact plan');
        row = await cp.insertContactPlan(tx, { childId, ...input, recordedBy: actor.userId, recordedByName: actor.name });
      } else {
        if (version === null || version !== current.version) throw new StaleRecordError('Contact plan');
        const result = await cp.updateContactPlan(tx, current.id, version, { ...input, recordedBy: actor.userId, recordedByName: actor.name });
        if (result !== 'updated') throw new StaleRecordError('Contact plan');
        const again = await cp.contactPlanOf(tx, childId);
        if (!again) throw new NotFoundError('Contact plan');
        row = again;
      }
      await writeAudit(tx, ctx, { action: 'contact-plan.recorded', subjectType: 'child', subjectId: childId, details: { childId, contactPlanId: row.id, sessionsPerWeek: row.sessionsPerWeek, startsOn: row.startsOn, endsOn: row.endsOn } });
      return row;
    });
  }

  /** Record a contact session under the child's plan: held (with the handovers and observations), missed or cancelled. */
  async function recordSession(ctx: Ctx, childId: string, raw: unknown): Promise<ContactSession> {
    const actor = need(ctx, 'contact-session:record', "Only the child's social worker, the supervising social worker or a manager can record a contact session");
    const input = parseInput(ContactSessionInput, raw);
    return db.transaction(async (tx) => {
      await childOrThrow(tx, childId);
      const plan = await cp.contactPlanOf(tx, childId);
      if (!plan) throw new ValidationError([{ field: 'sessionDate', message: 'Record the contact plan first: sessions are recorded under it' }]);
      const problems = contactSessionProblems(input, plan, today());
      if (problems.length) throw new ValidationError(problems);
      const held = input.outcome === 'took_place';
      const row = await cp.insertContactSession(tx, {
        childId,
        planId: plan.id,
        sessionDate: input.sessionDate,
        outcome: input.outcome,
        whoAttended: input.whoAttended,
        handoverAtStartByCarers: held ? input.handoverAtStartByCarers : null,
        handoverAtEndByCarers: held ? input.handoverAtEndByCarers : null,
        observations: input.observations,
        cancelledBy: input.outcome === 'cancelled' ? input.cancelledBy : null,
        notHeldReason: held ? '' : input.notHeldReason,
        recordedBy: actor.userId,
        recordedByName: actor.name,
      });
      await writeAudit(tx, ctx, { action: 'contact-session.recorded', subjectType: 'child', subjectId: childId, details: { childId, sessionId: row.id, sessionDate: row.sessionDate, outcome: row.outcome, ...(row.cancelledBy ? { cancelledBy: row.cancelledBy } : {}) } });
      return row;
    });
  }

  /** The child's contact plan, its sessions (latest first) and the sessions due under it, as of today. */
  async function contactOf(ctx: Ctx, childId: string) {
    return db.transaction(async (tx) => {
      await childOrThrow(tx, childId);
      const plan = (await cp.contactPlanOf(tx, childId)) ?? null;
      const sessions = await cp.contactSessionsOf(tx, childId);
      const due = plan
        ? contactSessionsDue(childId, { start: plan.startsOn, end: plan.endsOn, sessionsPerWeek: plan.sessionsPerWeek, sessions: sessions.map((s) => ({ date: s.sessionDate, held: s.outcome === 'took_place' })) })
        : [];
      const next = due.find((i) => !i.completedOn && !i.notApplicableReason) ?? null;
      await writeAudit(tx, ctx, { action: 'contact-session.listed', subjectType: 'child', subjectId: childId, details: { childId, count: sessions.length } });
      return { plan, sessions, nextDue: next ? { startedOn: next.startedOn, dueOn: next.dueOn, overdue: compareDates(next.dueOn, today()) < 0, explanation: next.explanation } : null };
    });
  }

  /** The supervisor's observations of every session, oldest first: for the parents' assessment (printable and CSV). */
  async function observations(ctx: Ctx, childId: string): Promise<{ child: { reference: string; name: string }; lines: ObservationLine[] }> {
    return db.transaction(async (tx) => {
      const c = await childOrThrow(tx, childId);
      const sessions = await cp.contactSessionsOf(tx, childId);
      await writeAudit(tx, ctx, { action: 'contact-session.listed', subjectType: 'child', subjectId: childId, details: { childId, count: sessions.length, purpose: 'observations for the parents\u2019 assessment' } });
      return { child: { reference: c.reference, name: `${c.firstName} ${c.lastName}` }, lines: observationLines(sessions) };
    });
  }

  /**
   * Contact sessions missed or cancelled in the last `days` days (28 by default): for the child's
   * social worker (their own children) or a manager (all). Audited naming every child shown.
   */
  async function sessionsNotHeld(ctx: Ctx, opts: { days?: number; mine?: boolean } = {}) {
    const actor = ctx.actor;
    if (!actor || !can(actor.role, 'child:read')) throw new ForbiddenError();
    return db.transaction(async (tx) => {
      const since = addDays(today(), -(opts.days ?? 28));
      const rows = await cp.sessionsNotHeldSince(tx, since, null);
      const shown = await keepReadable(tx, ctx, opts.mine ? rows.filter((r) => r.socialWorkerId === actor.userId) : rows, (r) => r.s.childId);
      await writeAudit(tx, ctx, { action: 'contact-session.listed', subjectType: 'system', details: { notHeldSince: since, count: shown.length }, childIds: [...new Set(shown.map((r) => r.s.childId))] });
      return shown.map((r) => ({ ...r.s, childReference: r.reference, childName: `${r.firstName} ${r.lastName}` }));
    });
  }

  // Court ------------------------------------------------------------------------------------------

  /**
   * Record the proceedings: the application, and the interim care order when made. The interim care
   * order is the child's legal status C1 from that day: added when no legal status is open then, and
   * replacing another open one (which ends that day).
   */
  async function recordProceedings(ctx: Ctx, childId: string, raw: unknown): Promise<Proceedings> {
    const actor = need(ctx, 'court:record', "Only the child's social worker or a manager can record court proceedings");
    const input = parseInput(ProceedingsInput, raw);
    const problems = proceedingsProblems(input, today());
    if (problems.length) throw new ValidationError(problems);
    return db.transaction(async (tx) => {
      await children.lockChildBirthDate(tx, childId);
      await childOrThrow(tx, childId);
      if (await cp.openProceedingsOf(tx, childId)) throw new ValidationError([{ field: 'court', message: 'The child already has proceedings without a decision: record hearings and the decision on them' }]);
      const row = await cp.insertProceedings(tx, { childId, ...input, recordedBy: actor.userId });
      await writeAudit(tx, ctx, { action: 'court.proceedings.recorded', subjectType: 'child', subjectId: childId, details: { childId, proceedingsId: row.id, appliedOn: row.appliedOn, interimCareOrderOn: row.interimCareOrderOn } });
      if (input.interimCareOrderOn) await interimCareOrder(tx, ctx, childId, input.interimCareOrderOn);
      return row;
    });
  }

  async function interimCareOrder(tx: DbOrTx, ctx: Ctx, childId: string, on: IsoDate) {
    const open = openOn(await children.legalStatusesOfChildUnordered(tx, childId), on);
    if (open?.code === CODES.interimCareOrder) return;
    if (open) {
      if (open.startDate === on) throw new ValidationError([{ field: 'interimCareOrderOn', message: `The legal status ${open.code} starts on that day: correct it on the child's record first` }]);
      await children.endLegalStatusOn(tx, open.id, on);
      await writeAudit(tx, ctx, { action: 'child.legal-status.ended', subjectType: 'child', subjectId: childId, details: { legalStatusId: open.id, code: open.code, endDate: on } });
    }
    const added = await children.insertLegalStatus(tx, { childId, code: CODES.interimCareOrder, startDate: on, endDate: open?.endDate ?? null });
    await writeAudit(tx, ctx, { action: 'child.legal-status.added', subjectType: 'child', subjectId: childId, details: { legalStatusId: added.id, code: added.code, startDate: added.startDate, endDate: added.endDate } });
  }

  async function lockedProceedings(tx: DbOrTx, childId: string, proceedingsId: string, version: number) {
    const p = await cp.lockProceedings(tx, proceedingsId);
    if (!p || p.childId !== childId) throw new NotFoundError('Court proceedings');
    if (p.version !== version) throw new StaleRecordError('Court proceedings');
    return p;
  }

  async function bump(tx: DbOrTx, p: Proceedings, values: Parameters<typeof cp.updateProceedings>[3]) {
    const result = await cp.updateProceedings(tx, p.id, p.version, values);
    if (result !== 'updated') throw new StaleRecordError('Court proceedings');
  }

  /** Record a hearing: its date, kind and outcome. */
  async function recordHearing(ctx: Ctx, childId: string, proceedingsId: string, raw: unknown): Promise<Hearing> {
    const actor = need(ctx, 'court:record', "Only the child's social worker or a manager can record a hearing");
    const input = parseInput(HearingInput, raw);
    return db.transaction(async (tx) => {
      const p = await cp.lockProceedings(tx, proceedingsId);
      if (!p || p.childId !== childId) throw new NotFoundError('Court proceedings');
      const problems = hearingProblems(input, p, today());
      if (problems.length) throw new ValidationError(problems);
      const row = await cp.insertHearing(tx, { proceedingsId, childId, ...input, recordedBy: actor.userId, recordedByName: actor.name });
      if (input.kind === 'final') await bump(tx, p, { finalHearingOn: input.heardOn });
      await writeAudit(tx, ctx, { action: 'court.hearing.recorded', subjectType: 'child', subjectId: childId, details: { childId, proceedingsId, hearingId: row.id, heardOn: row.heardOn, kind: row.kind } });
      return row;
    });
  }

  /**
   * The court's decision, and what it drives in the same transaction. A return home: the legal
   * status and the period of care end (REC E4A) and the placement ends as planned, through the
   * ending rule; the carers' continuing contact is recorded where agreed. A placement order: the
   * legal status becomes E1 from the day of the decision.
   */
  async function recordDecision(ctx: Ctx, childId: string, proceedingsId: string, version: number, raw: unknown): Promise<Proceedings> {
    const actor = need(ctx, 'court:record', "Only the child's social worker or a manager can record the court's decision");
    const input = parseInput(DecisionInput, raw);
    return db.transaction(async (tx) => {
      await children.lockChildBirthDate(tx, childId);
      const p = await lockedProceedings(tx, childId, proceedingsId, version);
      const statuses = await children.legalStatusesOfChildUnordered(tx, childId);
      // A return home ends the child's live placement, whatever its kind (the period of care ends with it).
      const live = (await cp.livePlacementsOf(tx, childId))[0] ?? null;
      const day = input.decision === 'return_home' && input.returnedHomeOn ? input.returnedHomeOn : input.decidedOn;
      // The status open on the day (a return home ends the one open the day before it).
      const open = openOn(statuses, input.decision === 'return_home' ? addDays(day, -1) : day);
      const { problems, steps } = decisionSteps(input, {
        today: today(),
        appliedOn: p.appliedOn,
        alreadyDecided: p.decision !== null,
        openLegalStatus: open ? { id: open.id, code: open.code, startDate: open.startDate } : null,
        placement: live ? { id: live.id, startDate: live.startDate, endDate: live.endDate, placementType: live.placementType } : null,
      });
      if (problems.length || !steps) throw new ValidationError(problems);
      if (steps.decision === 'return_home') {
        if (await children.careEndingOn(tx, childId, steps.careEnding.on)) throw new ValidationError([{ field: 'returnedHomeOn', message: 'Why the period of care ended on this date is already recorded' }]);
        await children.endLegalStatusOn(tx, steps.endLegalStatus.id, steps.endLegalStatus.on);
        await writeAudit(tx, ctx, { action: 'child.legal-status.ended', subjectType: 'child', subjectId: childId, details: { legalStatusId: steps.endLegalStatus.id, endDate: steps.endLegalStatus.on } });
        const ending = await children.insertCareEnding(tx, { childId, endedOn: steps.careEnding.on, reason: steps.careEnding.reason, recordedBy: actor.userId });
        await writeAudit(tx, ctx, { action: 'care-ending.recorded', subjectType: 'child', subjectId: childId, details: { careEndingId: ending.id, endedOn: ending.endedOn, reason: ending.reason } });
        if (steps.endPlacement && live) await endPlacement(tx, ctx, live, steps.endPlacement.on, steps.endPlacement.reasonEnded, 'returnedHomeOn');
      } else if (steps.decision === 'placement_order') {
        const closing = statuses.find((s) => s.id === steps.endLegalStatus.id);
        await children.endLegalStatusOn(tx, steps.endLegalStatus.id, steps.endLegalStatus.on);
        await writeAudit(tx, ctx, { action: 'child.legal-status.ended', subjectType: 'child', subjectId: childId, details: { legalStatusId: steps.endLegalStatus.id, endDate: steps.endLegalStatus.on } });
        const added = await children.insertLegalStatus(tx, { childId, code: steps.startLegalStatus.code, startDate: steps.startLegalStatus.on, endDate: closing?.endDate ?? null });
        await writeAudit(tx, ctx, { action: 'child.legal-status.added', subjectType: 'child', subjectId: childId, details: { legalStatusId: added.id, code: added.code, startDate: added.startDate } });
      }
      await bump(tx, p, {
        decision: input.decision,
        decidedOn: input.decidedOn,
        decisionNotes: input.decisionNotes,
        finalHearingOn: p.finalHearingOn ?? input.decidedOn,
        returnedHomeOn: input.decision === 'return_home' ? input.returnedHomeOn : null,
        carersContactAgreed: input.decision === 'return_home' ? input.carersContactAgreed : null,
        carersContactPlan: input.decision === 'return_home' && input.carersContactAgreed ? input.carersContactPlan : '',
      });
      await writeAudit(tx, ctx, { action: 'court.decided', subjectType: 'child', subjectId: childId, details: { childId, proceedingsId, decision: input.decision, decidedOn: input.decidedOn } });
      return (await cp.lockProceedings(tx, proceedingsId))!;
    });
  }

  /** End a placement on a day through the one ending rule (src/domain/placements/moves.ts decideEnding). */
  async function endPlacement(tx: DbOrTx, ctx: Ctx, live: { id: string; childId: string; placementType: string }, on: IsoDate, reasonEnded: string, field: string) {
    const e = await checkEnding(tx, live, on, reasonEnded, field);
    const ended = compareDates(on, today()) <= 0;
    await placements.setPlacement(tx, live.id, { endDate: on, reasonEnded, endingBasis: e.basis, moveRequestId: e.moveRequestId, ...(ended ? { status: 'ended' as const } : {}) });
    await writeAudit(tx, ctx, { action: 'placement.updated', subjectType: 'placement', subjectId: live.id, details: { childId: live.childId, fields: ['endDate', 'reasonEnded'], reasonEnded, endingBasis: e.basis } });
  }

  /**
   * The placement becomes an adoptive placement on a recorded day, with the same carers: the foster
   * placement ends that day as a change of status only, and an adoptive placement (A5) starts. The
   * fostering allowance stops that day and adoption support starts (recorded on the proceedings).
   */
  async function recordAdoptivePlacement(ctx: Ctx, childId: string, proceedingsId: string, version: number, raw: unknown): Promise<Proceedings> {
    const actor = need(ctx, 'court:record', "Only the child's social worker or a manager can record the adoptive placement");
    const input = parseInput(AdoptivePlacementInput, raw);
    return db.transaction(async (tx) => {
      await children.lockChildBirthDate(tx, childId);
      const p = await lockedProceedings(tx, childId, proceedingsId, version);
      const live = (await cp.liveInScopePlacementsOf(tx, childId)).find((x) => isInScopeKind(x.kind) && x.placementType !== CODES.placedForAdoptionWithFosterCarers) ?? null;
      const status = openOn(await children.legalStatusesOfChildUnordered(tx, childId), input.placedForAdoptionOn);
      const { problems, steps } = adoptivePlacementSteps(input, {
        today: today(),
        decision: p.decision,
        decidedOn: p.decidedOn,
        alreadyPlaced: p.placedForAdoptionOn !== null,
        legalStatusOnDay: status?.code ?? null,
        placement: live ? { id: live.id, startDate: live.startDate, endDate: live.endDate, householdId: live.householdId, placementType: live.placementType, kind: live.kind } : null,
      });
      if (problems.length || !steps || !live) throw new ValidationError(problems);
      await endPlacement(tx, ctx, live, steps.endPlacement.on, steps.endPlacement.reasonEnded, 'placedForAdoptionOn');
      const created = await placements.insertPlacement(tx, {
        childId,
        householdId: steps.newPlacement.householdId,
        startDate: steps.newPlacement.startDate,
        placementType: steps.newPlacement.placementType,
        status: 'active',
        kind: live.kind,
        provider: live.provider,
        urn: live.urn,
        plPost: live.plPost,
      });
      await writeAudit(tx, ctx, { action: 'placement.created', subjectType: 'placement', subjectId: created.id, details: { childId, placementType: steps.newPlacement.placementType, startDate: steps.newPlacement.startDate, adoptive: true, fromPlacementId: live.id } });
      await bump(tx, p, {
        shouldBePlacedOn: input.shouldBePlacedOn,
        placedForAdoptionOn: input.placedForAdoptionOn,
        matchedOn: input.matchedOn,
        adoptivePlacementId: created.id,
        allowanceStoppedOn: steps.allowanceStoppedOn,
        adoptionSupportFrom: steps.adoptionSupportFrom,
      });
      await writeAudit(tx, ctx, { action: 'court.placed-for-adoption', subjectType: 'child', subjectId: childId, details: { childId, proceedingsId, placedForAdoptionOn: input.placedForAdoptionOn, adoptivePlacementId: created.id, allowanceStoppedOn: steps.allowanceStoppedOn, recordedBy: actor.userId } });
      return (await cp.lockProceedings(tx, proceedingsId))!;
    });
  }

  /** The adoption order: the period of care ends that day (REC E11 or E12), and the adoptive placement with it. */
  async function recordAdoptionOrder(ctx: Ctx, childId: string, proceedingsId: string, version: number, raw: unknown): Promise<Proceedings> {
    const actor = need(ctx, 'court:record', "Only the child's social worker or a manager can record the adoption order");
    const input = parseInput(AdoptionOrderInput, raw);
    return db.transaction(async (tx) => {
      await children.lockChildBirthDate(tx, childId);
      const p = await lockedProceedings(tx, childId, proceedingsId, version);
      const open = openOn(await children.legalStatusesOfChildUnordered(tx, childId), addDays(input.adoptionOrderOn, -1));
      const adoptive = p.adoptivePlacementId ? await placements.lockPlacement(tx, p.adoptivePlacementId) : undefined;
      const { problems, steps } = adoptionOrderSteps(input, {
        today: today(),
        placedForAdoptionOn: p.placedForAdoptionOn,
        adoptionOrderOn: p.adoptionOrderOn,
        openLegalStatus: open ? { id: open.id, code: open.code } : null,
        adoptivePlacement: adoptive && adoptive.status !== 'cancelled' ? { id: adoptive.id, endDate: adoptive.endDate } : null,
      });
      if (problems.length || !steps || !adoptive) throw new ValidationError(problems);
      if (await children.careEndingOn(tx, childId, steps.careEnding.on)) throw new ValidationError([{ field: 'adoptionOrderOn', message: 'Why the period of care ended on this date is already recorded' }]);
      await children.endLegalStatusOn(tx, steps.endLegalStatus.id, steps.endLegalStatus.on);
      await writeAudit(tx, ctx, { action: 'child.legal-status.ended', subjectType: 'child', subjectId: childId, details: { legalStatusId: steps.endLegalStatus.id, endDate: steps.endLegalStatus.on } });
      const ending = await children.insertCareEnding(tx, { childId, endedOn: steps.careEnding.on, reason: steps.careEnding.reason, recordedBy: actor.userId });
      await writeAudit(tx, ctx, { action: 'care-ending.recorded', subjectType: 'child', subjectId: childId, details: { careEndingId: ending.id, endedOn: ending.endedOn, reason: ending.reason } });
      await endPlacement(tx, ctx, adoptive, steps.endPlacement.on, steps.endPlacement.reasonEnded, 'adoptionOrderOn');
      await bump(tx, p, { adoptionOrderOn: input.adoptionOrderOn, adoptionReason: input.adoptionReason, adoptersCount: input.adoptersCount, adoptersSex: input.adoptersSex, adoptersLegalStatus: input.adoptersLegalStatus });
      await writeAudit(tx, ctx, { action: 'court.adoption-order', subjectType: 'child', subjectId: childId, details: { childId, proceedingsId, adoptionOrderOn: input.adoptionOrderOn, reason: input.adoptionReason, adoptersCount: input.adoptersCount, adoptersSex: input.adoptersSex, adoptersLegalStatus: input.adoptersLegalStatus } });
      return (await cp.lockProceedings(tx, proceedingsId))!;
    });
  }

  /** The child's proceedings with their hearings, latest first, and the SSDA903 adoption rows they give. */
  async function courtOf(ctx: Ctx, childId: string): Promise<CourtRecord> {
    return db.transaction(async (tx) => {
      const c = await childOrThrow(tx, childId);
      const list = await cp.proceedingsOfChild(tx, childId);
      const hearings = await cp.hearingsOfChild(tx, childId);
      await writeAudit(tx, ctx, { action: 'court.viewed', subjectType: 'child', subjectId: childId, details: { childId, proceedings: list.length } });
      const latest = list[0];
      const day = today();
      // The fostering phase in question: the latest that has started by today, else the first planned.
      const phases = await cp.fosteringPhasePlacementsOfChild(tx, childId);
      const phase = [...phases].reverse().find((p) => compareDates(p.startDate, day) <= 0) ?? phases[0] ?? null;
      const allowance = phase
        ? fosteringPhaseAllowance({
            cards: await money.listRateCards(tx),
            child: { id: c.id, name: `${c.firstName} ${c.lastName}`, dateOfBirth: c.dateOfBirth },
            placement: phase,
            skillLevel: phase.skillLevel,
            allowanceStoppedOn: list.find((p) => p.allowanceStoppedOn)?.allowanceStoppedOn ?? null,
            day,
          })
        : ({ status: 'not_applicable' } as const);
      return {
        proceedings: list.map((p) => ({ ...p, hearings: hearings.filter((h) => h.proceedingsId === p.id) })),
        returnRows: latest ? adoptionReturnRows({ reference: c.reference, dateOfBirth: c.dateOfBirth }, latest) : { placedAdoption: null, ad1: null },
        allowance,
      };
    });
  }

  // Future contact ---------------------------------------------------------------------------------

  /** Record (or change) the agreed arrangements for future contact after adoption, with each side's details kept apart. */
  async function saveFutureContact(ctx: Ctx, childId: string, version: number | null, raw: unknown): Promise<FutureContactView> {
    const actor = need(ctx, 'future-contact:record', "Only the child's social worker or a manager can record future contact");
    const input = parseInput(FutureContactInput, raw);
    return db.transaction(async (tx) => {
      await childOrThrow(tx, childId);
      const adopted = (await cp.proceedingsOfChild(tx, childId)).find((p) => p.adoptionOrderOn)?.adoptionOrderOn ?? null;
      const problems = futureContactProblems(input, adopted, today());
      if (problems.length) throw new ValidationError(problems);
      const values = { kind: input.kind, frequency: input.frequency, arrangements: input.arrangements, agreedOn: input.agreedOn, recordedBy: actor.userId };
      const current = await cp.futureContactOf(tx, childId);
      let id: string;
      if (!current) {
        if (version !== null && version !== 0) throw new StaleRecordError('Future contact');
        id = (await cp.insertFutureContact(tx, { childId, ...values })).id;
      } else {
        if (version !== current.version) throw new StaleRecordError('Future contact');
        if ((await cp.updateFutureContact(tx, current.id, version, values)) !== 'updated') throw new StaleRecordError('Future contact');
        id = current.id;
      }
      await cp.upsertParty(tx, { futureContactId: id, side: 'birth_family', names: input.birthFamilyNames, contactDetails: input.birthFamilyContact });
      await cp.upsertParty(tx, { futureContactId: id, side: 'adopters', names: input.adoptersNames, contactDetails: input.adoptersContact });
      // The audit row names the arrangement, never either side's details.
      await writeAudit(tx, ctx, { action: 'future-contact.recorded', subjectType: 'child', subjectId: childId, details: { childId, futureContactId: id, kind: input.kind, agreedOn: input.agreedOn } });
      return viewOf(tx, ctx, childId);
    });
  }

  async function viewOf(tx: DbOrTx, ctx: Ctx, childId: string): Promise<FutureContactView> {
    const row = await cp.futureContactOf(tx, childId);
    if (!row) throw new NotFoundError('Future contact');
    const access = ctx.actor ? futureContactAccess(ctx.actor.role) : { adopters: false, birthFamily: false, record: false };
    const sides = [...(access.birthFamily ? (['birth_family'] as const) : []), ...(access.adopters ? (['adopters'] as const) : [])];
    const parties = await cp.partiesOf(tx, row.id, sides);
    const side = (s: 'birth_family' | 'adopters', allowed: boolean) => {
      if (!allowed) return 'restricted' as const;
      const p = parties.find((x) => x.side === s);
      return p ? { names: p.names, contactDetails: p.contactDetails } : null;
    };
    return { ...row, birthFamily: side('birth_family', access.birthFamily), adopters: side('adopters', access.adopters) };
  }

  /** The child's future contact, each side's details only for the roles that need them (audited with what was shown). */
  async function futureContactOf(ctx: Ctx, childId: string): Promise<FutureContactView | null> {
    return db.transaction(async (tx) => {
      await childOrThrow(tx, childId);
      const exists = await cp.futureContactOf(tx, childId);
      const view = exists ? await viewOf(tx, ctx, childId) : null;
      await writeAudit(tx, ctx, {
        action: 'future-contact.viewed',
        subjectType: 'child',
        subjectId: childId,
        details: { childId, birthFamilyShown: Boolean(view && view.birthFamily !== 'restricted'), adoptersShown: Boolean(view && view.adopters !== 'restricted') },
      });
      return view;
    });
  }

  // Figures ----------------------------------------------------------------------------------------

  /**
   * The service figures for a period, from the records: the referral dates from the referrals that
   * were placed (linked to the placement), the carers approved from the derived dual approval.
   */
  async function figures(ctx: Ctx, period: Period): Promise<Figure[]> {
    need(ctx, 'service-figures:read', 'Only managers and the placement team can see the service figures');
    if (compareDates(period.from, period.to) > 0) throw new ValidationError([{ field: 'to', message: 'The end of the period must be on or after its start' }]);
    return db.transaction(async (tx) => {
      const { journeys, approvals } = await journeysFrom(tx);
      await writeAudit(tx, ctx, { action: 'service-figures.viewed', subjectType: 'system', details: { from: period.from, to: period.to, children: journeys.length } });
      return serviceFigures(period, journeys, approvals);
    });
  }

  return {
    saveContactPlan,
    recordSession,
    contactOf,
    observations,
    sessionsNotHeld,
    recordProceedings,
    recordHearing,
    recordDecision,
    recordAdoptivePlacement,
    recordAdoptionOrder,
    courtOf,
    saveFutureContact,
    futureContactOf,
    figures,
    today,
  };
}

/** Each child's journey through the service, as the records hold it. */
async function journeysFrom(tx: DbOrTx): Promise<{ journeys: ChildJourney[]; approvals: { householdId: string; approvedOn: IsoDate }[] }> {
  const all = await cp.inScopePlacements(tx);
  const byChild = new Map<string, typeof all>();
  for (const p of all) byChild.set(p.childId, [...(byChild.get(p.childId) ?? []), p]);
  const proceedings = await cp.allProceedings(tx);
  const endings = await cp.careEndingsOf(tx, [...byChild.keys()]);
  const referrals = await cp.placedReferrals(tx);
  const journeys: ChildJourney[] = [];
  for (const [childId, list] of byChild) {
    const first = list.find((p) => isInScopeKind(p.kind) && p.placementType !== CODES.placedForAdoptionWithFosterCarers) ?? list[0]!;
    const decided = proceedings.filter((p) => p.childId === childId && p.decidedOn).sort((a, b) => compareDates(b.decidedOn!, a.decidedOn!))[0];
    const adoptive = list.find((p) => p.placementType === CODES.placedForAdoptionWithFosterCarers) ?? null;
    let outcome: ChildJourney['outcome'] = null;
    if (decided?.adoptionOrderOn) outcome = { kind: 'adopted', on: decided.adoptionOrderOn };
    else if (decided?.returnedHomeOn) outcome = { kind: 'returned_home', on: decided.returnedHomeOn };
    else {
      const last = list[list.length - 1]!;
      const ended = last.status === 'ended' && last.endDate && !list.some((p) => p.status !== 'ended');
      const care = endings.find((e) => e.childId === childId && (e.reason === 'E11' || e.reason === 'E12'));
      if (care) outcome = { kind: 'adopted', on: care.endedOn };
      else if (ended && last.endDate) outcome = { kind: 'other', on: last.endDate };
    }
    journeys.push({
      childId,
      placedOn: first.startDate,
      householdId: first.householdId,
      referredOn: referredOnFor(list.map((p) => p.id), referrals),
      decidedOn: decided?.decidedOn ?? null,
      outcome,
      adoptedByHouseholdId: outcome?.kind === 'adopted' ? (adoptive?.householdId ?? null) : null,
    });
  }
  const approvals = (await cp.dualApprovalFacts(tx)).flatMap((h) =>
    dualApprovalBegan({ current: h.approvalStatus === 'approved', approvedOn: h.approvalDate }, h.approvals).map((approvedOn) => ({ householdId: h.id, approvedOn })),
  );
  return { journeys, approvals };
}

function openOn<T extends { startDate: IsoDate; endDate: IsoDate | null }>(statuses: readonly T[], day: IsoDate): T | undefined {
  return statuses.find((s) => compareDates(s.startDate, day) <= 0 && (s.endDate === null || compareDates(s.endDate, day) > 0));
}


export type ConcurrentPlanningService = ReturnType<typeof createConcurrentPlanningService>;
