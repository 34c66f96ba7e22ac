/**
 * Early permanence: the duty to consider a placement with dual-approved carers (Children Act 1989
 * s22C(9A)–(9B)), enquiries and referrals to a concurrent planning service, households' adoption
 * approvals, their early permanence facts and their journey (Concurrent planning guide). One
 * transaction per use case, each with its audit row. The obligation is derived from two child
 * events recorded here (src/domain/deadlines/early-permanence.ts); the child_event triggers mark
 * the child for a refresh in the same transaction.
 */
import type { Db, DbOrTx } from '../data/db.ts';
import * as repo from '../data/repositories/early-permanence.ts';
import { childIdByReference, findChild } from '../data/repositories/children.ts';
import { householdIdByReference } from '../data/repositories/households.ts';
import { writeAudit } from '../audit/writer.ts';
import { keepReadable } from './readable.ts';
import { can, type Permission } from '../domain/access/index.ts';
import { compareDates, formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { adoptionApprovalCurrentOn, dualApprovalOn } from '../domain/matching/dual-approval.ts';
import { isEarlyPermanenceKind } from '../domain/records/household.ts';
import { checkCriteria, CP_NEXT, CP_REFERRAL_STATUSES, CpEnquiryInput, CpReferralInput, CpShortlistInput, CpStatusInput, mayMove, type CriteriaAnswers, type CriteriaCheck, type CpReferralStatus } from '../domain/records/cp-referral.ts';
import {
  AdoptionApprovalInput,
  AdoptionApprovalUpdate,
  AdoptionInPlanInput,
  adoptionApprovalProblems,
  EARLY_PERMANENCE_OUTCOMES,
  EarlyPermanenceDecisionInput,
  EarlyPermanenceHouseholdInput,
  JourneySessionInput,
} from '../domain/records/early-permanence.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError, type FieldError } from './errors.ts';
import { parseInput } from './validate.ts';

export type ReferralView = {
  referral: repo.ReferralRow;
  child: { id: string; reference: string; name: string; dateOfBirth: IsoDate } | null;
  serviceName: string;
  check: CriteriaCheck | null;
  shortlist: repo.ShortlistRow[];
  next: CpReferralStatus[];
};

const OWN_SERVICE = "This authority's own concurrent planning service";

function assertMay(ctx: Ctx, permission: Permission, what: string): NonNullable<Ctx['actor']> {
  const actor = ctx.actor;
  if (!actor || !can(actor.role, permission)) throw new ForbiddenError(`Your role does not ${what}`);
  return actor;
}

function notFuture(date: IsoDate, today: IsoDate, field: string, errors: FieldError[]) {
  if (compareDates(date, today) > 0) errors.push({ field, message: 'The date must be today or in the past' });
}

export function createEarlyPermanenceService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  async function childOrThrow(tx: DbOrTx, childId: string) {
    const c = await findChild(tx, childId);
    if (!c) throw new NotFoundError('Child');
    return c;
  }

  // The duty --------------------------------------------------------------------------------------

  /** Record that adoption is, or may become, the child's plan (on the permanence plan), with the day. */
  async function recordAdoptionInPlan(ctx: Ctx, childId: string, raw: unknown): Promise<{ id: string }> {
    const actor = assertMay(ctx, 'permanence:record', "record the child's permanence plan");
    const input = parseInput(AdoptionInPlanInput, raw);
    const day = today();
    return db.transaction(async (tx) => {
      const c = await childOrThrow(tx, childId);
      const errors: FieldError[] = [];
      notFuture(input.inPlanOn, day, 'inPlanOn', errors);
      if (compareDates(input.inPlanOn, c.dateOfBirth) < 0) errors.push({ field: 'inPlanOn', message: "The date must be on or after the child's date of birth" });
      if (errors.length) throw new ValidationError(errors);
      const id = await repo.insertEvent(tx, { childId, kind: 'adoption_in_plan', eventDate: input.inPlanOn, evidence: input.note, recordedBy: actor.userId });
      await writeAudit(tx, ctx, { action: 'permanence.adoption-in-plan.recorded', subjectType: 'child', subjectId: childId, details: { eventId: id, inPlanOn: input.inPlanOn } });
      return { id };
    });
  }

  /** Record the decision on placing with dual-approved carers: date, decision-maker, outcome, reasons. */
  async function recordDecision(ctx: Ctx, childId: string, raw: unknown): Promise<repo.DecisionRow> {
    const actor = assertMay(ctx, 'permanence:record', 'record early permanence decisions');
    const input = parseInput(EarlyPermanenceDecisionInput, raw);
    const day = today();
    return db.transaction(async (tx) => {
      await childOrThrow(tx, childId);
      const errors: FieldError[] = [];
      notFuture(input.decidedOn, day, 'decidedOn', errors);
      const inPlan = await repo.adoptionInPlanEvents(tx, childId);
      if (!inPlan.length) errors.push({ field: 'form', message: "Record first that adoption is, or may become, the child's plan: the duty applies from then" });
      else if (inPlan[0] && compareDates(input.decidedOn, inPlan[0].eventDate) < 0) errors.push({ field: 'decidedOn', message: 'The decision is made on or after the day adoption came into the plan' });
      if (errors.length) throw new ValidationError(errors);
      const evidence = `${EARLY_PERMANENCE_OUTCOMES[input.outcome]}. Decided by ${input.decidedByName} (${input.decidedByRole}): ${input.reasons}`;
      const eventId = await repo.insertEvent(tx, { childId, kind: 'early_permanence_considered', eventDate: input.decidedOn, evidence, recordedBy: actor.userId });
      const row = await repo.insertDecision(tx, { childId, eventId, ...input, recordedBy: actor.userId, recordedByName: actor.name });
      await writeAudit(tx, ctx, { action: 'permanence.decision.recorded', subjectType: 'child', subjectId: childId, details: { decisionId: row.id, decidedOn: input.decidedOn, outcome: input.outcome } });
      return row;
    });
  }

  /** The child's early permanence record: adoption in the plan, decisions and referrals (audited as a view of the child). */
  async function ofChild(ctx: Ctx, childId: string) {
    return db.transaction(async (tx) => {
      const c = await childOrThrow(tx, childId);
      const inPlan = await repo.adoptionInPlanEvents(tx, childId);
      const decisions = await repo.decisionsOfChild(tx, childId);
      const referrals = (await repo.listReferrals(tx)).filter((r) => r.r.childId === childId).map((r) => ({ ...r.r, serviceName: r.serviceName ?? OWN_SERVICE }));
      await writeAudit(tx, ctx, { action: 'permanence.viewed', subjectType: 'child', subjectId: childId, details: { decisions: decisions.length, referrals: referrals.length } });
      return { child: { id: c.id, reference: c.reference, name: `${c.firstName} ${c.lastName}`, dateOfBirth: c.dateOfBirth }, adoptionInPlan: inPlan, decisions, referrals };
    });
  }

  // Households ------------------------------------------------------------------------------------

  async function householdOrThrow(tx: DbOrTx, householdId: string) {
    const h = await repo.householdEarlyPermanence(tx, householdId);
    if (!h) throw new NotFoundError('Household');
    return h;
  }

  /** A household's approvals, early permanence facts and journey, with dual approval derived for `on` (default today). */
  async function ofHousehold(ctx: Ctx, householdId: string, on?: IsoDate) {
    const day = on ?? today();
    return db.transaction(async (tx) => {
      const h = await householdOrThrow(tx, householdId);
      const approvals = await repo.adoptionApprovalsOf(tx, householdId);
      const journey = await repo.journeyOf(tx, householdId);
      await writeAudit(tx, ctx, { action: 'household.viewed', subjectType: 'household', subjectId: householdId, details: { purpose: 'early permanence' } });
      return {
        household: h,
        approvals: approvals.map((a) => ({ ...a, currentOn: adoptionApprovalCurrentOn(a, day) })),
        journey,
        on: day,
        dualApproved: dualApprovalOn(h.approvalStatus === 'approved', approvals, day),
      };
    });
  }

  /**
   * Whether the household is dual approved on the day (default today), for a page that has already
   * audited its view of the household (the household page): not audited again here.
   */
  async function dualApprovedOn(householdId: string, on?: IsoDate): Promise<boolean> {
    const day = on ?? today();
    return db.transaction(async (tx) => {
      const h = await householdOrThrow(tx, householdId);
      return dualApprovalOn(h.approvalStatus === 'approved', await repo.adoptionApprovalsOf(tx, householdId), day);
    });
  }

  async function assertAgency(tx: DbOrTx, agencyId: string | null) {
    if (!agencyId) return;
    const kind = await repo.organisationKindOf(tx, agencyId);
    if (kind !== 'adoption_agency' && kind !== 'local_authority') throw new ValidationError([{ field: 'agencyId', message: 'Select the adoption agency or local authority that approved them' }]);
  }

  async function addAdoptionApproval(ctx: Ctx, householdId: string, raw: unknown) {
    const actor = assertMay(ctx, 'household:write', "record carers' approvals");
    const input = parseInput(AdoptionApprovalInput, raw);
    const problems = adoptionApprovalProblems(input, today());
    if (problems.length) throw new ValidationError(problems);
    return db.transaction(async (tx) => {
      await householdOrThrow(tx, householdId);
      await assertAgency(tx, input.agencyId);
      const row = await repo.insertAdoptionApproval(tx, { householdId, ...input, recordedBy: actor.userId });
      await writeAudit(tx, ctx, { action: 'adoption-approval.added', subjectType: 'household', subjectId: householdId, details: { adoptionApprovalId: row.id, status: input.status, decisionDate: input.decisionDate } });
      return row;
    });
  }

  async function updateAdoptionApproval(ctx: Ctx, householdId: string, approvalId: string, raw: unknown) {
    assertMay(ctx, 'household:write', "record carers' approvals");
    const { version, ...input } = parseInput(AdoptionApprovalUpdate, raw);
    const problems = adoptionApprovalProblems(input, today());
    return db.transaction(async (tx) => {
      const existing = await repo.findAdoptionApproval(tx, approvalId);
      if (!existing || existing.householdId !== householdId) throw new NotFoundError('Adoption approval');
      // A record made from the former tick may keep its unknown decision date until it is confirmed.
      const stillFromTick = existing.fromFormerTick && input.status === 'approved' && !input.decisionDate;
      const remaining = stillFromTick ? problems.filter((p) => p.field !== 'decisionDate') : problems;
      if (remaining.length) throw new ValidationError(remaining);
      await assertAgency(tx, input.agencyId);
      const result = await repo.updateAdoptionApproval(tx, approvalId, version, { ...input, fromFormerTick: stillFromTick });
      if (result === 'stale') throw new StaleRecordError('Adoption approval');
      if (result === 'missing') throw new NotFoundError('Adoption approval');
      await writeAudit(tx, ctx, { action: 'adoption-approval.updated', subjectType: 'household', subjectId: householdId, details: { adoptionApprovalId: approvalId, status: input.status, decisionDate: input.decisionDate } });
    });
  }

  /** The household's early permanence facts (full-time carer, signed agreement) and support details. */
  async function updateHouseholdFacts(ctx: Ctx, householdId: string, raw: unknown): Promise<void> {
    assertMay(ctx, 'household:write', 'change households');
    const { version, ...input } = parseInput(EarlyPermanenceHouseholdInput, raw);
    const errors: FieldError[] = [];
    if (input.returnAgreementSignedOn) notFuture(input.returnAgreementSignedOn, today(), 'returnAgreementSignedOn', errors);
    if (errors.length) throw new ValidationError(errors);
    await db.transaction(async (tx) => {
      const result = await repo.updateEarlyPermanenceFacts(tx, householdId, version, input);
      if (result === 'stale') throw new StaleRecordError('Household');
      if (result === 'missing') throw new NotFoundError('Household');
      await writeAudit(tx, ctx, { action: 'household.early-permanence.updated', subjectType: 'household', subjectId: householdId, details: { fullTimeCarer: input.fullTimeCarer, returnAgreementSignedOn: input.returnAgreementSignedOn } });
    });
  }

  /** One session of the carers' preparation, training, assessment or support. */
  async function addJourneySession(ctx: Ctx, householdId: string, raw: unknown) {
    const actor = assertMay(ctx, 'household:write', "record the carers' journey");
    const input = parseInput(JourneySessionInput, raw);
    const errors: FieldError[] = [];
    notFuture(input.heldOn, today(), 'heldOn', errors);
    if (errors.length) throw new ValidationError(errors);
    return db.transaction(async (tx) => {
      await householdOrThrow(tx, householdId);
      const row = await repo.insertJourneySession(tx, { householdId, ...input, recordedBy: actor.userId });
      await writeAudit(tx, ctx, { action: 'carer-journey.recorded', subjectType: 'household', subjectId: householdId, details: { sessionId: row.id, kind: input.kind, heldOn: input.heldOn } });
      return row;
    });
  }

  // Enquiries and referrals -------------------------------------------------------------------------

  async function assertService(tx: DbOrTx, serviceId: string | null) {
    if (!serviceId) return;
    const kind = await repo.organisationKindOf(tx, serviceId);
    if (kind !== 'adoption_agency' && kind !== 'local_authority') throw new ValidationError([{ field: 'serviceId', message: 'Select the agency whose concurrent planning service it is, or leave it blank for your own' }]);
  }

  function checkOf(r: repo.ReferralRow, dateOfBirth: IsoDate | null): CriteriaCheck | null {
    if (!dateOfBirth || !r.referralDate) return null;
    return checkCriteria({ dateOfBirth, referralDate: r.referralDate, siblingGroup: Boolean(r.siblings.trim()), answers: r.criteria as CriteriaAnswers, exceptionReason: r.exceptionReason });
  }

  /** Log an early enquiry: no child identified in full yet (expected date of birth, siblings, circumstances). */
  async function createEnquiry(ctx: Ctx, raw: unknown): Promise<repo.ReferralRow> {
    const actor = assertMay(ctx, 'permanence:record', 'make enquiries to a concurrent planning service');
    const input = parseInput(CpEnquiryInput, raw);
    return db.transaction(async (tx) => {
      if (input.childId) await childOrThrow(tx, input.childId);
      await assertService(tx, input.serviceId);
      const row = await repo.insertReferral(tx, {
        reference: await repo.nextReferralReference(tx),
        status: 'enquiry',
        childId: input.childId,
        serviceId: input.serviceId,
        expectedBirthDate: input.expectedBirthDate,
        siblings: input.siblings ?? '',
        circumstances: input.circumstances,
        createdBy: actor.userId,
      });
      await writeAudit(tx, ctx, { action: 'cp-referral.created', subjectType: 'cp_referral', subjectId: row.id, details: { status: 'enquiry', childId: input.childId } });
      return row;
    });
  }

  function referralValues(input: CpReferralInput) {
    return {
      childId: input.childId,
      serviceId: input.serviceId,
      referralDate: input.referralDate,
      criteria: input.criteria as Record<string, { answer: 'yes' | 'no' | 'not_applicable'; evidence: string }>,
      exceptionReason: input.exceptionReason,
      siblings: input.siblingGroup ? (input.circumstances ?? 'Referred with brothers or sisters') : '',
      ...(input.circumstances ? { circumstances: input.circumstances } : {}),
    };
  }

  /** Start a referral of an identified child (a draft: its criteria are checked before it is sent). */
  async function createReferral(ctx: Ctx, raw: unknown): Promise<repo.ReferralRow> {
    const actor = assertMay(ctx, 'permanence:record', 'refer children to a concurrent planning service');
    const input = parseInput(CpReferralInput, raw);
    return db.transaction(async (tx) => {
      await childOrThrow(tx, input.childId);
      await assertService(tx, input.serviceId);
      const row = await repo.insertReferral(tx, { reference: await repo.nextReferralReference(tx), status: 'draft', ...referralValues(input), createdBy: actor.userId });
      await writeAudit(tx, ctx, { action: 'cp-referral.created', subjectType: 'cp_referral', subjectId: row.id, details: { status: 'draft', childId: input.childId } });
      return row;
    });
  }

  /** Fill in or change a draft, or make an enquiry into a draft referral of an identified child. */
  async function updateReferral(ctx: Ctx, id: string, version: number, raw: unknown): Promise<void> {
    assertMay(ctx, 'permanence:record', 'refer children to a concurrent planning service');
    const input = parseInput(CpReferralInput, raw);
    await db.transaction(async (tx) => {
      const found = await repo.findReferral(tx, id);
      if (!found) throw new NotFoundError('Referral');
      if (found.r.status !== 'enquiry' && found.r.status !== 'draft') throw new ValidationError([{ field: 'form', message: `The referral is ${CP_REFERRAL_STATUSES[found.r.status].toLowerCase()}: only an enquiry or a draft can be changed` }]);
      await childOrThrow(tx, input.childId);
      await assertService(tx, input.serviceId);
      const result = await repo.updateReferral(tx, id, version, { ...referralValues(input), status: 'draft' });
      if (result === 'stale') throw new StaleRecordError('Referral');
      if (result === 'missing') throw new NotFoundError('Referral');
      await writeAudit(tx, ctx, { action: 'cp-referral.updated', subjectType: 'cp_referral', subjectId: id, details: { childId: input.childId, from: found.r.status } });
    });
  }

  /** Move a referral on: sent (its criteria met, or an exception with its reason), accepted or declined (with the reason), carers identified, placed (with the placement). */
  async function moveReferral(ctx: Ctx, id: string, raw: unknown): Promise<void> {
    assertMay(ctx, 'permanence:record', 'refer children to a concurrent planning service');
    const input = parseInput(CpStatusInput, raw);
    const day = today();
    await db.transaction(async (tx) => {
      const found = await repo.findReferral(tx, id);
      if (!found) throw new NotFoundError('Referral');
      const r = found.r;
      const errors: FieldError[] = [];
      if (!mayMove(r.status, input.status)) {
        errors.push({ field: 'status', message: `A referral that is ${CP_REFERRAL_STATUSES[r.status].toLowerCase()} cannot become ${CP_REFERRAL_STATUSES[input.status].toLowerCase()}` });
        throw new ValidationError(errors);
      }
      notFuture(input.on, day, 'on', errors);
      const values: Partial<repo.ReferralRow> = { status: input.status };
      if (input.status === 'draft' && (!r.childId || !r.referralDate)) errors.push({ field: 'form', message: 'Identify the child and give the referral date and the criteria first' });
      if (input.status === 'sent') {
        const check = checkOf(r, found.childDateOfBirth);
        if (!check) errors.push({ field: 'form', message: 'Identify the child and give the referral date first' });
        else errors.push(...check.problems);
        values.sentOn = input.on;
      }
      if (input.status === 'accepted' || input.status === 'declined') values.decidedOn = input.on;
      if (input.status === 'declined') {
        if (!input.declineReason) errors.push({ field: 'declineReason', message: 'Give the reason the referral was declined' });
        values.declineReason = input.declineReason;
      }
      if (input.status === 'carers_identified' && !(await repo.shortlistOf(tx, id)).length) errors.push({ field: 'form', message: 'Shortlist the carers identified first' });
      if (input.status === 'placed') {
        const p = input.placementId && r.childId ? await repo.placementOfChild(tx, input.placementId, r.childId) : undefined;
        if (!p) errors.push({ field: 'placementId', message: "Select the child's placement" });
        else if (!isEarlyPermanenceKind(p.kind)) errors.push({ field: 'placementId', message: 'Select a concurrent planning or fostering for adoption placement' });
        values.placementId = input.placementId;
      }
      if (errors.length) throw new ValidationError(errors);
      const result = await repo.updateReferral(tx, id, input.version, values);
      if (result === 'stale') throw new StaleRecordError('Referral');
      if (result === 'missing') throw new NotFoundError('Referral');
      await writeAudit(tx, ctx, { action: 'cp-referral.status-changed', subjectType: 'cp_referral', subjectId: id, details: { childId: r.childId, from: r.status, to: input.status, on: input.on } });
    });
  }

  /** Shortlist carers for an enquiry or a referral. */
  async function shortlist(ctx: Ctx, id: string, raw: unknown): Promise<void> {
    assertMay(ctx, 'permanence:record', 'shortlist carers');
    const input = parseInput(CpShortlistInput, raw);
    await db.transaction(async (tx) => {
      const found = await repo.findReferral(tx, id);
      if (!found) throw new NotFoundError('Referral');
      if (['declined', 'placed', 'closed'].includes(found.r.status)) throw new ValidationError([{ field: 'form', message: 'The referral is finished: carers can no longer be shortlisted' }]);
      if (!(await repo.householdExists(tx, input.householdId))) throw new ValidationError([{ field: 'householdId', message: 'Select the carers' }]);
      const added = await repo.addToShortlist(tx, { referralId: id, householdId: input.householdId, shortlistedOn: input.shortlistedOn, note: input.note ?? '' });
      if (!added) throw new ValidationError([{ field: 'householdId', message: 'These carers are already shortlisted' }]);
      await writeAudit(tx, ctx, { action: 'cp-referral.shortlisted', subjectType: 'cp_referral', subjectId: id, details: { childId: found.r.childId, householdId: input.householdId } });
    });
  }

  async function getReferral(ctx: Ctx, id: string): Promise<ReferralView> {
    return db.transaction(async (tx) => {
      const found = await repo.findReferral(tx, id);
      if (!found) throw new NotFoundError('Referral');
      const shortlisted = await repo.shortlistOf(tx, id);
      await writeAudit(tx, ctx, { action: 'cp-referral.viewed', subjectType: 'cp_referral', subjectId: id, details: { childId: found.r.childId } });
      return {
        referral: found.r,
        child:
          found.r.childId && found.childReference && found.childDateOfBirth
            ? { id: found.r.childId, reference: found.childReference, name: `${found.childFirstName} ${found.childLastName}`, dateOfBirth: found.childDateOfBirth }
            : null,
        serviceName: found.serviceName ?? OWN_SERVICE,
        check: checkOf(found.r, found.childDateOfBirth),
        shortlist: shortlisted,
        next: [...CP_NEXT[found.r.status]],
      };
    });
  }

  async function listReferrals(ctx: Ctx) {
    return db.transaction(async (tx) => {
      const rows = await keepReadable(tx, ctx, await repo.listReferrals(tx), (r) => r.r.childId);
      const childIds = [...new Set(rows.flatMap((r) => (r.r.childId ? [r.r.childId] : [])))];
      await writeAudit(tx, ctx, { action: 'cp-referral.listed', subjectType: 'system', details: { count: rows.length }, childIds });
      return rows.map((r) => ({
        ...r.r,
        childReference: r.childReference,
        childName: r.childFirstName ? `${r.childFirstName} ${r.childLastName}` : null,
        serviceName: r.serviceName ?? OWN_SERVICE,
      }));
    });
  }

  /** Ids by reference, for the pages' forms (the references people read). */
  async function childIdOf(reference: string): Promise<string | undefined> {
    return reference.trim() ? childIdByReference(db, reference.trim().toUpperCase()) : undefined;
  }
  async function householdIdOf(reference: string): Promise<string | undefined> {
    return reference.trim() ? householdIdByReference(db, reference.trim()) : undefined;
  }

  /** The child's placements to choose from when a referral is placed (no child data beyond the household and date). */
  async function placementChoices(childId: string) {
    const rows = await repo.placementsOfChild(db, childId);
    return rows.map((p) => ({ value: p.id, text: `Household ${p.householdReference}, from ${formatDate(p.startDate)}${p.kind ? ` (${p.kind.replace(/_/g, ' ')})` : ''}` }));
  }

  return {
    today,
    childIdOf,
    householdIdOf,
    placementChoices,
    recordAdoptionInPlan,
    recordDecision,
    ofChild,
    ofHousehold,
    dualApprovedOn,
    addAdoptionApproval,
    updateAdoptionApproval,
    updateHouseholdFacts,
    addJourneySession,
    createEnquiry,
    createReferral,
    updateReferral,
    moveReferral,
    shortlist,
    getReferral,
    listReferrals,
  };
}

export type EarlyPermanenceService = ReturnType<typeof createEarlyPermanenceService>;
