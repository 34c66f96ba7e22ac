/**
 * Parent and child fostering (Parent and child fostering procedure): the arrangement placing
 * parent(s) and child(ren) together with one household, its legal scenario and how the need arose
 * (2, 3); what is recorded before placing (4.1 to 4.3, 7.6) and when a placement may be failing
 * (7.7). One transaction per use case with its audit row naming the children; the rules are in
 * src/domain/parent-and-child/.
 */
import type { Db, DbOrTx } from '../data/db.ts';
import * as pc from '../data/repositories/parent-and-child.ts';
import { householdExists } from '../data/repositories/households.ts';
import { writeAudit } from '../audit/writer.ts';
import { keepReadable } from './readable.ts';
import { can, type Permission } from '../domain/access/index.ts';
import { compareDates, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { entryOfArrangement, inCareOn, needProblems, obligationsOf, scenarioProblems, type ArrangementPersonFacts, type ArrivingPerson, type PersonObligations } from '../domain/parent-and-child/arrangement.ts';
import { advocacyNotices, beforePlacingReasons, contingenciesNeeded, type BeforePlacingFacts, type BeforePlacingNotice, type BeforePlacingReason, type ContingencyOutcome } from '../domain/parent-and-child/before-placing.ts';
import { AdvocacyAnswerInput, AdvocacyOfferInput, ArrangementInput, ContingencyInput, ExtraSupportInput, FamilyMemberInput, HealthObservationInput, SharingAgreementInput } from '../domain/parent-and-child/inputs.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError, type FieldError } from './errors.ts';
import { parseInput } from './validate.ts';

export type ArrangementPerson = pc.ArrangementPersonRow & { advocacyNeed: string | null; familyMemberIdForNeed: string | null };

/** An arrangement as the page and the API show it: the people, who the regulations apply to, and where it stands before placing. */
export type ArrangementView = pc.ArrangementRow & {
  householdReference: string | null;
  /** The document behind the need, when one is given: its title and the child whose file it is on. */
  needDocument: { id: string; childId: string; title: string } | null;
  people: ArrangementPerson[];
  obligations: PersonObligations[];
  records: pc.ArrangementRecords;
  /** What stops a parent-and-child placement starting (the placement gate). */
  beforePlacing: BeforePlacingReason[];
  /** Advocacy not offered, or not answered (visible, not blocking). */
  notices: BeforePlacingNotice[];
  contingenciesNeeded: ContingencyOutcome[];
};

const RECORD: Permission = 'parent-and-child:record';

function actorOf(ctx: Ctx, what: string) {
  const actor = ctx.actor;
  if (!actor || !can(actor.role, RECORD)) throw new ForbiddenError(`Only a social worker, a supervising social worker, a placement officer or a manager can ${what}`);
  return actor;
}

const childIdsOf = (a: pc.ArrangementWithPeople) => a.people.flatMap((p) => (p.childId ? [p.childId] : []));

/** Who is in care on `day`: a child record by its legal status; a family member by their own record, or whether another authority looks after them. */
async function inCareByPerson(tx: DbOrTx, people: readonly { childId: string | null; familyMemberId: string | null }[], day: IsoDate): Promise<boolean[]> {
  const members = await pc.familyMembersById(tx, people.flatMap((p) => (p.familyMemberId ? [p.familyMemberId] : [])));
  const memberById = new Map(members.map((m) => [m.id, m]));
  const childIds = [...people.flatMap((p) => (p.childId ? [p.childId] : [])), ...members.flatMap((m) => (m.lookedAfterChildId ? [m.lookedAfterChildId] : []))];
  const periods = await pc.legalStatusesOf(tx, childIds);
  const inCareChild = (id: string) => inCareOn(periods.filter((s) => s.childId === id), day);
  return people.map((p) => {
    if (p.childId) return inCareChild(p.childId);
    const m = p.familyMemberId ? memberById.get(p.familyMemberId) : undefined;
    if (!m) return false;
    if (m.lookedAfterChildId) return inCareChild(m.lookedAfterChildId);
    return !!m.lookedAfterBy?.trim();
  });
}

/** The before-placing facts of an arrangement on `day`. */
async function beforePlacingFacts(tx: DbOrTx, a: pc.ArrangementWithPeople, records: pc.ArrangementRecords, day: IsoDate): Promise<{ facts: BeforePlacingFacts; people: ArrangementPerson[] }> {
  const inCare = await inCareByPerson(tx, a.people, day);
  const members = await pc.familyMembersById(tx, a.people.flatMap((p) => (p.familyMemberId ? [p.familyMemberId] : [])));
  const memberById = new Map(members.map((m) => [m.id, m]));
  // A parent held as a child record may also be a family member of their child, with an advocacy need.
  const asMember = await pc.familyMembersLookedAfter(tx, a.people.flatMap((p) => (p.childId ? [p.childId] : [])));
  const people: ArrangementPerson[] = a.people.map((p, i) => {
    const m = p.familyMemberId ? memberById.get(p.familyMemberId) : p.childId ? asMember.get(p.childId) : undefined;
    return { ...p, inCare: inCare[i] ?? p.inCare, advocacyNeed: m?.advocacyNeed?.trim() ? m.advocacyNeed : null, familyMemberIdForNeed: m?.id ?? null };
  });
  const latest = records.agreements[0];
  const children = people.filter((p) => p.role === 'child');
  return {
    people,
    facts: {
      agreement: latest ?? null,
      contingencies: records.contingencies.map((c) => c.outcome),
      anyChildInCare: children.some((c) => c.inCare),
      anyChildNotInCare: children.some((c) => !c.inCare),
      parentsNeedingAdvocacy: people
        .filter((p) => p.role === 'parent' && p.advocacyNeed)
        .map((p) => ({ name: p.name, offers: records.advocacy.filter((o) => o.personId === p.id).map((o) => ({ offeredOn: o.offeredOn, response: o.response })) })),
    },
  };
}

/**
 * For the placement gate (src/services/placement-entry.ts): the before-placing facts of the live
 * arrangement the children entering are in, and which of them are fostered; null when none is.
 */
export async function arrangementForEntry(
  tx: DbOrTx,
  childIds: readonly string[],
  day: IsoDate,
): Promise<{ facts: BeforePlacingFacts; fostered: Map<string, boolean>; arriving: ArrivingPerson[]; arrangement: pc.ArrangementWithPeople } | null> {
  const [a] = await pc.liveArrangementsOfChildren(tx, childIds);
  if (!a) return null;
  const records = await pc.recordsOfArrangement(tx, a.id);
  const { facts } = await beforePlacingFacts(tx, a, records, day);
  // The foster children of the arrangement not in this entry and not yet placed (a parent in care
  // arriving with their baby) take their places and count towards the limit too.
  const { fostered, arriving } = entryOfArrangement(a.legalScenario, a.people, new Set(childIds));
  return { facts, fostered, arriving, arrangement: a };
}

/**
 * For matching (src/services/matching.ts): the live arrangement of a parent-and-child request (the one
 * recorded with it, or one the children to be placed are in) as the entry would see it; null when none is.
 */
export async function arrangementForRequest(tx: DbOrTx, requestId: string, childIds: readonly string[]): Promise<{ fostered: Map<string, boolean>; arriving: ArrivingPerson[] } | null> {
  const a = (await pc.liveArrangementOfRequest(tx, requestId)) ?? (await pc.liveArrangementsOfChildren(tx, childIds))[0];
  if (!a) return null;
  return entryOfArrangement(a.legalScenario, a.people, new Set(childIds));
}

/**
 * After a placement starts: each person of the arrangement placed by it gets their own placement
 * linked, and a planned arrangement starts (active from the placement's start when it has begun).
 */
export async function linkArrangementPlacements(tx: DbOrTx, householdId: string, placements: readonly { id: string; childId: string }[], start: { date: IsoDate; begun: boolean }): Promise<void> {
  const arrangements = await pc.liveArrangementsOfChildren(tx, placements.map((p) => p.childId));
  for (const a of arrangements) {
    if (a.householdId !== householdId) continue;
    for (const person of a.people) {
      const placed = placements.find((p) => p.childId === person.childId);
      if (placed && !person.placementId) await pc.linkPersonPlacement(tx, person.id, placed.id);
    }
    if (a.status === 'planned') await pc.startArrangement(tx, a.id, start.date, start.begun);
  }
}

export function createParentAndChildService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  async function load(tx: DbOrTx, id: string): Promise<ArrangementView> {
    const a = await pc.findArrangement(tx, id);
    if (!a) throw new NotFoundError('Parent and child arrangement');
    const day = today();
    const records = await pc.recordsOfArrangement(tx, id);
    const { facts, people } = await beforePlacingFacts(tx, a, records, day);
    return {
      ...a,
      householdReference: await pc.householdReferenceOf(tx, a.householdId),
      needDocument: a.needDocumentId ? ((await pc.documentsOfChildren(tx, childIdsOf(a))).find((d) => d.id === a.needDocumentId) ?? null) : null,
      people,
      obligations: obligationsOf(a.legalScenario, a.people),
      records,
      beforePlacing: beforePlacingReasons(facts, day),
      notices: advocacyNotices(facts),
      contingenciesNeeded: contingenciesNeeded(facts),
    };
  }

  /** Record an arrangement: the household, the people, the legal scenario with its rationale, and how the need arose. */
  async function create(ctx: Ctx, raw: unknown): Promise<ArrangementView> {
    const actor = actorOf(ctx, 'record a parent and child arrangement');
    const input = parseInput(ArrangementInput, raw);
    const day = today();
    return db.transaction(async (tx) => {
      const problems: FieldError[] = [];
      if (!(await householdExists(tx, input.householdId))) problems.push({ field: 'householdId', message: 'Select the household' });
      // A family member who is a child record held in Hearth is placed as that child record (their own legal status and placement).
      const members = await pc.familyMembersById(tx, input.people.flatMap((p) => (p.familyMemberId ? [p.familyMemberId] : [])));
      const memberById = new Map(members.map((m) => [m.id, m]));
      const people = input.people.map((p) => {
        const m = p.familyMemberId ? memberById.get(p.familyMemberId) : undefined;
        return m?.lookedAfterChildId ? { role: p.role, childId: m.lookedAfterChildId, familyMemberId: null } : { role: p.role, childId: p.childId, familyMemberId: p.familyMemberId };
      });
      const kids = await pc.childrenForArrangement(tx, people.flatMap((p) => (p.childId ? [p.childId] : [])));
      const kidById = new Map(kids.map((k) => [k.id, k]));
      people.forEach((p, i) => {
        if (p.childId && !kidById.has(p.childId)) problems.push({ field: `people.${i}.childId`, message: `Person ${i + 1}: select a child record that exists` });
        if (p.familyMemberId && !memberById.has(p.familyMemberId)) problems.push({ field: `people.${i}.familyMemberId`, message: `Person ${i + 1}: select a family member who exists` });
      });
      const keys = people.map((p) => p.childId ?? p.familyMemberId);
      if (new Set(keys).size !== keys.length) problems.push({ field: 'people', message: 'Each person can be added once' });
      if (problems.length) throw new ValidationError(problems);
      const inCare = await inCareByPerson(tx, people, day);
      const facts: ArrangementPersonFacts[] = people.map((p, i) => {
        const k = p.childId ? kidById.get(p.childId) : undefined;
        const m = p.familyMemberId ? memberById.get(p.familyMemberId) : undefined;
        return { role: p.role, name: k ? `${k.firstName} ${k.lastName}` : (m?.name ?? ''), dateOfBirth: k?.dateOfBirth ?? m?.dateOfBirth ?? null, inCare: inCare[i] ?? false };
      });
      problems.push(
        ...scenarioProblems({ scenario: input.legalScenario, rationale: input.scenarioRationale, parentNotCinAssessedOn: input.parentNotCinAssessedOn, people: facts }, day),
        ...needProblems(input, day),
      );
      // The document behind the need (the court order, the conference's record) is one on a child's file.
      if (input.needDocumentId && !(await pc.documentsOfChildren(tx, kids.map((k) => k.id))).some((d) => d.id === input.needDocumentId)) {
        problems.push({ field: 'needDocumentId', message: 'Select a document on the file of a child in the arrangement' });
      }
      if (problems.length) throw new ValidationError(problems);
      const id = await pc.insertArrangement(
        tx,
        {
          reference: await pc.nextArrangementReference(tx),
          householdId: input.householdId,
          placementRequestId: input.placementRequestId,
          legalScenario: input.legalScenario,
          scenarioRationale: input.scenarioRationale,
          parentNotCinAssessedOn: input.parentNotCinAssessedOn,
          needArose: input.needArose,
          needAroseOn: input.needAroseOn,
          needDocumentId: input.needDocumentId,
          needReason: input.needReason,
          createdBy: actor.userId,
        },
        people.map((p, i) => ({ role: p.role, childId: p.childId, familyMemberId: p.familyMemberId, inCare: inCare[i] ?? false, position: i })),
      );
      const childIds = people.flatMap((p) => (p.childId ? [p.childId] : []));
      await writeAudit(tx, ctx, { action: 'parent-and-child.recorded', subjectType: 'household', subjectId: input.householdId, childIds, details: { arrangementId: id, legalScenario: input.legalScenario, needArose: input.needArose } });
      return load(tx, id);
    });
  }

  /** One arrangement, audited as a view naming its children. */
  async function get(ctx: Ctx, id: string): Promise<ArrangementView> {
    return db.transaction(async (tx) => {
      const v = await load(tx, id);
      await writeAudit(tx, ctx, { action: 'parent-and-child.viewed', subjectType: 'household', subjectId: v.householdId, childIds: childIdsOf(v), details: { arrangementId: id } });
      return v;
    });
  }

  /** Every arrangement, newest first (audited naming the children listed). */
  async function list(ctx: Ctx) {
    return db.transaction(async (tx) => {
      const rows = await keepReadable(tx, ctx, await pc.listArrangements(tx), childIdsOf);
      await writeAudit(tx, ctx, { action: 'parent-and-child.listed', subjectType: 'household', childIds: rows.flatMap(childIdsOf), details: { count: rows.length } });
      return rows;
    });
  }

  /** A child's arrangements (the child's page). */
  async function ofChild(ctx: Ctx, childId: string) {
    return db.transaction(async (tx) => {
      const rows = await pc.arrangementsOfChild(tx, childId);
      await writeAudit(tx, ctx, { action: 'parent-and-child.listed', subjectType: 'child', subjectId: childId, childIds: [childId, ...rows.flatMap(childIdsOf)], details: { count: rows.length } });
      return rows;
    });
  }

  /**
   * The arrangements placed or planned with a household, each person with what they are in it: a
   * foster child, a member of the fostering household while placed (2.3), or placed with their parent.
   */
  async function ofHousehold(ctx: Ctx, householdId: string) {
    return db.transaction(async (tx) => {
      const rows = await keepReadable(tx, ctx, (await pc.arrangementsInHousehold(tx, householdId)).filter((a) => a.status === 'planned' || a.status === 'active'), childIdsOf);
      await writeAudit(tx, ctx, { action: 'parent-and-child.listed', subjectType: 'household', subjectId: householdId, childIds: rows.flatMap(childIdsOf), details: { count: rows.length } });
      return rows.map((a) => ({ ...a, obligations: obligationsOf(a.legalScenario, a.people) }));
    });
  }

  /** A change to one arrangement: the row locked, the use case's own checks, the audit naming the children. */
  async function change<T>(ctx: Ctx, id: string, what: string, fn: (tx: DbOrTx, a: pc.ArrangementWithPeople, actor: NonNullable<Ctx['actor']>) => Promise<{ audit: Parameters<typeof writeAudit>[2]['action']; details: Record<string, unknown>; result: T }>): Promise<T> {
    const actor = actorOf(ctx, what);
    return db.transaction(async (tx) => {
      if (!(await pc.lockArrangement(tx, id))) throw new NotFoundError('Parent and child arrangement');
      const a = await pc.findArrangement(tx, id);
      if (!a) throw new NotFoundError('Parent and child arrangement');
      if (a.status === 'cancelled') throw new ValidationError([{ field: 'form', message: 'This arrangement was cancelled: there is nothing to record' }]);
      const out = await fn(tx, a, actor);
      await writeAudit(tx, ctx, { action: out.audit, subjectType: 'household', subjectId: a.householdId, childIds: childIdsOf(a), details: { arrangementId: id, ...out.details } });
      return out.result;
    });
  }

  const notFuture = (field: string, date: IsoDate | null, label: string): FieldError[] => (date && compareDates(date, today()) > 0 ? [{ field, message: `${label} must be today or in the past` }] : []);

  /** The information-sharing agreement (4.1): a new version replaces the one before (both kept). */
  async function recordSharingAgreement(ctx: Ctx, id: string, raw: unknown): Promise<string> {
    const input = parseInput(SharingAgreementInput, raw);
    const problems = [...notFuture('agreedWithParentOn', input.agreedWithParentOn, 'The date it was agreed with the parent'), ...notFuture('chairConfirmedOn', input.chairConfirmedOn, 'The date the chair confirmed')];
    if (input.childProtectionApplies && !input.chairName) problems.push({ field: 'chairName', message: 'Child protection procedures are in effect: enter the name of the Child Protection Conference Chair who confirms the arrangements are sufficient' });
    if (input.childProtectionApplies && !input.chairConfirmedOn) problems.push({ field: 'chairConfirmedOn', message: 'Child protection procedures are in effect: enter the date the chair confirmed the arrangements are sufficient' });
    if (!input.childProtectionApplies && (input.chairName || input.chairConfirmedOn)) problems.push({ field: 'chairName', message: 'The chair’s confirmation is for when child protection procedures are in effect: tick that box, or leave the chair blank' });
    if (problems.length) throw new ValidationError(problems);
    return change(ctx, id, 'record an information-sharing agreement', async (tx, _a, actor) => {
      const agreementId = await pc.insertSharingAgreement(tx, { arrangementId: id, ...input, recordedBy: actor.userId, recordedByName: actor.name });
      return { audit: 'parent-and-child.sharing-agreement.recorded', details: { agreementId, agreedWithParentOn: input.agreedWithParentOn, childProtectionApplies: input.childProtectionApplies }, result: agreementId };
    });
  }

  /** A health professional's observation (4.2). */
  async function recordHealthObservation(ctx: Ctx, id: string, raw: unknown): Promise<string> {
    const input = parseInput(HealthObservationInput, raw);
    const problems = notFuture('observedOn', input.observedOn, 'The date of the observation');
    if (problems.length) throw new ValidationError(problems);
    return change(ctx, id, 'record a health professional’s observation', async (tx, _a, actor) => {
      const observationId = await pc.insertHealthObservation(tx, { arrangementId: id, ...input, recordedBy: actor.userId, recordedByName: actor.name });
      return { audit: 'parent-and-child.health-observation.recorded', details: { observationId, professional: input.professional, observedOn: input.observedOn }, result: observationId };
    });
  }

  /** Advocacy offered to a parent (4.3). */
  async function offerAdvocacy(ctx: Ctx, id: string, raw: unknown): Promise<string> {
    const input = parseInput(AdvocacyOfferInput, raw);
    const problems = notFuture('offeredOn', input.offeredOn, 'The date advocacy was offered');
    if (problems.length) throw new ValidationError(problems);
    return change(ctx, id, 'record an offer of advocacy', async (tx, a, actor) => {
      const person = a.people.find((p) => p.id === input.personId);
      if (!person || person.role !== 'parent') throw new ValidationError([{ field: 'personId', message: 'Select a parent in this arrangement' }]);
      const offerId = await pc.insertAdvocacyOffer(tx, { arrangementId: id, personId: person.id, offeredOn: input.offeredOn, recordedBy: actor.userId });
      return { audit: 'parent-and-child.advocacy.offered', details: { offerId, offeredOn: input.offeredOn }, result: offerId };
    });
  }

  /** The parent's answer to an offer of advocacy, and the advocate when accepted. */
  async function answerAdvocacy(ctx: Ctx, id: string, offerId: string, raw: unknown): Promise<void> {
    const input = parseInput(AdvocacyAnswerInput, raw);
    return change(ctx, id, 'record the answer to an offer of advocacy', async (tx) => {
      const offer = await pc.findAdvocacyOffer(tx, id, offerId);
      if (!offer) throw new NotFoundError('Advocacy offer');
      if (offer.version !== input.version) throw new StaleRecordError('Advocacy offer');
      const problems = [...notFuture('respondedOn', input.respondedOn, 'The date of the answer')];
      if (compareDates(input.respondedOn, offer.offeredOn) < 0) problems.push({ field: 'respondedOn', message: 'The date of the answer must be on or after the day advocacy was offered' });
      if (input.response === 'accepted' && !input.advocate) problems.push({ field: 'advocate', message: 'Enter the advocate (a person or a service) the parent accepted' });
      if (problems.length) throw new ValidationError(problems);
      if (!(await pc.answerAdvocacyOffer(tx, offerId, input.version, { response: input.response, respondedOn: input.respondedOn, advocate: input.advocate }))) throw new StaleRecordError('Advocacy offer');
      return { audit: 'parent-and-child.advocacy.answered', details: { offerId, response: input.response }, result: undefined };
    });
  }

  /** The contingency plan for one outcome (7.6); recording it again replaces it. */
  async function recordContingency(ctx: Ctx, id: string, raw: unknown): Promise<void> {
    const input = parseInput(ContingencyInput, raw);
    return change(ctx, id, 'record a contingency plan', async (tx, _a, actor) => {
      await pc.upsertContingency(tx, { arrangementId: id, outcome: input.outcome, plan: input.plan, recordedBy: actor.userId, recordedByName: actor.name });
      return { audit: 'parent-and-child.contingency.recorded', details: { outcome: input.outcome }, result: undefined };
    });
  }

  /** The extra support the child's SW and the SSW considered for the parent and for the carers, when a placement may not succeed (7.7). */
  async function recordExtraSupport(ctx: Ctx, id: string, raw: unknown): Promise<string> {
    const input = parseInput(ExtraSupportInput, raw);
    const problems = notFuture('consideredOn', input.consideredOn, 'The date the extra support was considered');
    if (problems.length) throw new ValidationError(problems);
    return change(ctx, id, 'record the extra support considered', async (tx, _a, actor) => {
      const supportId = await pc.insertExtraSupport(tx, { arrangementId: id, ...input, recordedBy: actor.userId, recordedByName: actor.name });
      return { audit: 'parent-and-child.extra-support.recorded', details: { supportId, consideredOn: input.consideredOn }, result: supportId };
    });
  }

  /** A family member: their details and the children they are family of (audited naming those children). */
  async function familyMember(ctx: Ctx, id: string) {
    return db.transaction(async (tx) => {
      const m = await pc.findFamilyMember(tx, id);
      if (!m) throw new NotFoundError('Family member');
      const children = await pc.childrenOfFamilyMember(tx, id);
      const own = m.lookedAfterChildId ? (await pc.childrenForArrangement(tx, [m.lookedAfterChildId]))[0] : undefined;
      await writeAudit(tx, ctx, { action: 'family-member.viewed', subjectType: 'child', subjectId: children[0]?.childId ?? null, childIds: children.map((c) => c.childId), details: { familyMemberId: id } });
      return { ...m, children, lookedAfterReference: own?.reference ?? null };
    });
  }

  /** Change a family member's details (version checked): one person, so every child they are family of sees the change. */
  async function updateFamilyMember(ctx: Ctx, id: string, raw: unknown): Promise<void> {
    const actor = ctx.actor;
    if (!actor || !can(actor.role, 'child:write')) throw new ForbiddenError('Only a social worker or a manager can change a family member’s details');
    const { version, ...input } = parseInput(FamilyMemberInput, raw);
    const problems = notFuture('dateOfBirth', input.dateOfBirth, 'Their date of birth');
    if (input.lookedAfterChildId && input.lookedAfterBy) problems.push({ field: 'lookedAfterBy', message: 'Either choose their own child record, or say who looks after them, not both' });
    if (problems.length) throw new ValidationError(problems);
    await db.transaction(async (tx) => {
      const children = await pc.childrenOfFamilyMember(tx, id);
      if (input.lookedAfterChildId && !(await pc.childrenForArrangement(tx, [input.lookedAfterChildId])).length) throw new ValidationError([{ field: 'lookedAfterChildId', message: 'Select a child record that exists' }]);
      const result = await pc.updateFamilyMember(tx, id, version, input);
      if (result === 'missing') throw new NotFoundError('Family member');
      if (result === 'stale') throw new StaleRecordError('Family member');
      await writeAudit(tx, ctx, { action: 'family-member.updated', subjectType: 'child', subjectId: children[0]?.childId ?? null, childIds: children.map((c) => c.childId), details: { familyMemberId: id, fields: Object.keys(input) } });
    });
  }

  /**
   * The page's form for one child: the parent is one of the child's family members ("member:<id>")
   * or a child record given by reference; the child is this child. Errors about the people are shown
   * against the parent field.
   */
  async function createForChild(ctx: Ctx, childId: string, raw: Record<string, unknown>): Promise<ArrangementView> {
    const parent = typeof raw.parent === 'string' ? raw.parent : '';
    const reference = typeof raw.parentReference === 'string' ? raw.parentReference.trim() : '';
    let parentPerson: Record<string, string>;
    if (parent.startsWith('member:') && !reference) parentPerson = { role: 'parent', familyMemberId: parent.slice('member:'.length) };
    else if (reference && !parent) {
      const id = await pc.childIdByReference(db, reference);
      if (!id) throw new ValidationError([{ field: 'parentReference', message: 'No child record has that reference: check it, or choose the parent from the family members' }]);
      parentPerson = { role: 'parent', childId: id };
    } else throw new ValidationError([{ field: 'parent', message: parent && reference ? 'Choose the parent from the family members or give their child reference, not both' : 'Choose the parent from the family members, or give their child reference' }]);
    const { parent: _p, parentReference: _r, ...rest } = raw;
    try {
      return await create(ctx, { ...rest, people: [parentPerson, { role: 'child', childId }] });
    } catch (err) {
      if (err instanceof ValidationError) throw new ValidationError(err.errors.map((e) => (e.field.startsWith('people') ? { ...e, field: 'parent' } : e)));
      throw err;
    }
  }

  /** What the form offers: the households approved for parent and child, and the child's family members (a view of the child's record, audited). */
  async function formChoices(ctx: Ctx, childId: string) {
    return db.transaction(async (tx) => {
      const family = await pc.familyMembersOfChild(tx, childId);
      await writeAudit(tx, ctx, { action: 'family-member.viewed', subjectType: 'child', subjectId: childId, childIds: [childId], details: { count: family.length, purpose: 'parent-and-child' } });
      return { households: await pc.parentAndChildHouseholds(tx), family, documents: await pc.documentsOfChildren(tx, [childId]) };
    });
  }

  /** The page's form: their own child record is given by reference (blank: none). */
  async function updateFamilyMemberFromForm(ctx: Ctx, id: string, raw: Record<string, unknown>): Promise<void> {
    const { lookedAfterReference, ...rest } = raw;
    const reference = typeof lookedAfterReference === 'string' ? lookedAfterReference.trim() : '';
    const childId = reference ? await pc.childIdByReference(db, reference) : null;
    if (reference && !childId) throw new ValidationError([{ field: 'lookedAfterReference', message: 'No child record has that reference: check it, or leave it blank' }]);
    try {
      await updateFamilyMember(ctx, id, { ...rest, lookedAfterChildId: childId ?? '' });
    } catch (err) {
      if (err instanceof ValidationError) throw new ValidationError(err.errors.map((e) => (e.field === 'lookedAfterChildId' ? { ...e, field: 'lookedAfterReference' } : e)));
      throw err;
    }
  }

  return { updateFamilyMemberFromForm, createForChild, formChoices, familyMember, updateFamilyMember, create, get, list, ofChild, ofHousehold, recordSharingAgreement, recordHealthObservation, offerAdvocacy, answerAdvocacy, recordContingency, recordExtraSupport, today };
}

export type ParentAndChildService = ReturnType<typeof createParentAndChildService>;
