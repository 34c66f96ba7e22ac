/**
 * Proposals of a household for a placement request and the written agreements they need: the
 * considerations about children already living there, the agreement requirements, the secure links
 * sent to other social workers, and in-principle ("open") agreements.
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  agreementLink,
  agreementRequirement,
  appUser,
  child,
  externalContact,
  household,
  householdMember,
  openAgreement,
  organisation,
  placement,
  placementProposal,
  proposalConsideration,
  siblingLink,
} from '../schema.ts';
import { updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type ProposalRow = typeof placementProposal.$inferSelect;
export type AgreementRequirementRow = typeof agreementRequirement.$inferSelect;
export type AgreementLinkRow = typeof agreementLink.$inferSelect;
export type OpenAgreementRow = typeof openAgreement.$inferSelect;

// Proposals -------------------------------------------------------------------------------------

export async function findProposal(db: DbOrTx, id: string, lock = false): Promise<ProposalRow | undefined> {
  const q = db.select().from(placementProposal).where(eq(placementProposal.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** A proposal of this household for this request still considering or proposed. */
export async function openProposalsFor(db: DbOrTx, requestId: string, householdId: string): Promise<{ id: string }[]> {
  return db
    .select({ id: placementProposal.id })
    .from(placementProposal)
    .where(and(eq(placementProposal.requestId, requestId), eq(placementProposal.householdId, householdId), inArray(placementProposal.status, ['considering', 'proposed'])));
}

export async function insertProposal(db: DbOrTx, values: typeof placementProposal.$inferInsert): Promise<{ id: string }> {
  const [row] = await db.insert(placementProposal).values(values).returning({ id: placementProposal.id });
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export function updateProposal(db: DbOrTx, id: string, version: number, values: Partial<typeof placementProposal.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, placementProposal, id, version, values);
}

/** Sets the proposed start without counting a new version (the proposal is then updated by version). */
export async function setProposedStart(db: DbOrTx, id: string, proposedStart: string): Promise<void> {
  await db.update(placementProposal).set({ proposedStart }).where(eq(placementProposal.id, id));
}

/** The proposals for a request, oldest first, with the household's reference. */
export async function proposalsOfRequest(db: DbOrTx, requestId: string) {
  return db
    .select({ id: placementProposal.id, status: placementProposal.status, householdId: household.id, householdReference: household.reference, proposedStart: placementProposal.proposedStart })
    .from(placementProposal)
    .innerJoin(household, eq(household.id, placementProposal.householdId))
    .where(eq(placementProposal.requestId, requestId))
    .orderBy(asc(placementProposal.createdAt));
}

/** The proposal that became a placement, with who overrode missing agreements, if anyone. */
export async function proposalOfPlacement(db: DbOrTx, placementId: string) {
  const [p] = await db
    .select({ id: placementProposal.id, overrideReason: placementProposal.overrideReason, overrideAt: placementProposal.overrideAt, overrideByName: appUser.fullName })
    .from(placementProposal)
    .leftJoin(appUser, eq(appUser.id, placementProposal.overrideBy))
    .where(eq(placementProposal.placementId, placementId));
  return p;
}

// The household and the children living there -----------------------------------------------------

/** A household with its supervising social worker. */
export async function householdWithSupervisor(db: DbOrTx, id: string) {
  const [h] = await db
    .select({ id: household.id, reference: household.reference, sswId: household.supervisingSocialWorkerId, sswName: appUser.fullName })
    .from(household)
    .leftJoin(appUser, eq(appUser.id, household.supervisingSocialWorkerId))
    .where(eq(household.id, id));
  return h;
}

/** A household's carers, in order, with their e-mail addresses. */
export async function carersWithEmail(db: DbOrTx, householdId: string) {
  return db
    .select({ firstName: householdMember.firstName, lastName: householdMember.lastName, email: householdMember.email })
    .from(householdMember)
    .where(and(eq(householdMember.householdId, householdId), eq(householdMember.kind, 'carer')))
    .orderBy(asc(householdMember.position));
}

/** The planned and active placements in a household, by the child's reference, with what agreements need of each child. */
export async function livePlacementsInHousehold(db: DbOrTx, householdId: string) {
  return db
    .select({
      placementId: placement.id,
      childId: child.id,
      reference: child.reference,
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
      sex: child.sex,
      responsibleAuthorityId: child.responsibleAuthorityId,
      socialWorkerId: child.socialWorkerId,
      externalSocialWorkerId: child.externalSocialWorkerId,
      startDate: placement.startDate,
      endDate: placement.endDate,
    })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .where(and(eq(placement.householdId, householdId), inArray(placement.status, ['planned', 'active'])))
    .orderBy(asc(child.reference));
}

/** The placements of some children with a household from a day (those a confirmed proposal made). */
export async function placementsStartedWith(db: DbOrTx, householdId: string, startDate: string, childIds: readonly string[]) {
  return db
    .select({ id: placement.id, childId: placement.childId })
    .from(placement)
    .where(and(eq(placement.householdId, householdId), eq(placement.startDate, startDate), inArray(placement.childId, [...childIds])));
}

/** A placement's dates, kind and status, locked for update. */
export async function lockPlacementTerms(db: DbOrTx, id: string) {
  const [p] = await db
    .select({ id: placement.id, kind: placement.kind, status: placement.status, endDate: placement.endDate, startDate: placement.startDate })
    .from(placement)
    .where(eq(placement.id, id))
    .for('update');
  return p;
}

/** What the anonymised summary redacts of some children (the proposed child's siblings). */
export async function childrenToRedact(db: DbOrTx, ids: readonly string[]) {
  return db
    .select({ id: child.id, firstName: child.firstName, lastName: child.lastName, dateOfBirth: child.dateOfBirth, otherNames: child.otherNames })
    .from(child)
    .where(inArray(child.id, [...ids]));
}

/** The children linked as siblings to a child (a link is stored once, the smaller id first: both ways are read). */
export async function linkedSiblingsToRedact(db: DbOrTx, childId: string) {
  const linkedBy = (own: typeof siblingLink.childId | typeof siblingLink.siblingId, theirs: typeof siblingLink.childId | typeof siblingLink.siblingId) =>
    db
      .select({ id: child.id, firstName: child.firstName, lastName: child.lastName, reference: child.reference, otherNames: child.otherNames })
      .from(siblingLink)
      .innerJoin(child, eq(child.id, theirs))
      .where(eq(own, childId));
  return [...(await linkedBy(siblingLink.childId, siblingLink.siblingId)), ...(await linkedBy(siblingLink.siblingId, siblingLink.childId))];
}

/** The carers of every household the child has been placed with, with the household's reference. */
export async function previousCarersOf(db: DbOrTx, childId: string) {
  return db
    .select({ firstName: householdMember.firstName, lastName: householdMember.lastName, reference: household.reference })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .innerJoin(householdMember, eq(householdMember.householdId, household.id))
    .where(eq(placement.childId, childId));
}

// Considerations --------------------------------------------------------------------------------

/** The considerations recorded for a proposal, with who recorded each. */
export async function considerationsOf(db: DbOrTx, proposalId: string) {
  return db
    .select({ c: proposalConsideration, userName: appUser.fullName })
    .from(proposalConsideration)
    .innerJoin(appUser, eq(appUser.id, proposalConsideration.userId))
    .where(eq(proposalConsideration.proposalId, proposalId));
}

/** Records (or records again) one role's consideration of a child already living there. */
export async function upsertConsideration(db: DbOrTx, values: typeof proposalConsideration.$inferInsert & { reasoning: string }): Promise<void> {
  await db
    .insert(proposalConsideration)
    .values(values)
    .onConflictDoUpdate({
      target: [proposalConsideration.proposalId, proposalConsideration.existingChildId, proposalConsideration.role],
      set: { userId: values.userId, servesWellbeing: values.servesWellbeing, reasoning: values.reasoning, at: new Date() },
    });
}

// Agreement requirements ------------------------------------------------------------------------

/** A proposal's agreement requirements, by the child's reference, with the child, authority and social worker. */
export async function requirementsOf(db: DbOrTx, proposalId: string) {
  return db
    .select({
      r: agreementRequirement,
      childRef: child.reference,
      childFirst: child.firstName,
      childLast: child.lastName,
      authority: organisation.name,
      swName: appUser.fullName,
      swEmail: appUser.email,
      contactName: externalContact.fullName,
      contactEmail: externalContact.email,
    })
    .from(agreementRequirement)
    .innerJoin(child, eq(child.id, agreementRequirement.existingChildId))
    .innerJoin(organisation, eq(organisation.id, agreementRequirement.placingAuthorityId))
    .leftJoin(appUser, eq(appUser.id, agreementRequirement.socialWorkerUserId))
    .leftJoin(externalContact, eq(externalContact.id, agreementRequirement.socialWorkerContactId))
    .where(eq(agreementRequirement.proposalId, proposalId))
    .orderBy(asc(child.reference));
}

export async function insertRequirement(db: DbOrTx, values: typeof agreementRequirement.$inferInsert): Promise<void> {
  await db.insert(agreementRequirement).values(values);
}

export async function lockRequirement(db: DbOrTx, id: string): Promise<AgreementRequirementRow | undefined> {
  const [r] = await db.select().from(agreementRequirement).where(eq(agreementRequirement.id, id)).for('update');
  return r;
}

export function updateRequirement(db: DbOrTx, id: string, version: number, values: Partial<typeof agreementRequirement.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, agreementRequirement, id, version, values);
}

/** Changes a requirement whatever its version, counting a new version. */
export async function setRequirementCountingVersion(db: DbOrTx, id: string, values: Partial<typeof agreementRequirement.$inferInsert>): Promise<void> {
  await db
    .update(agreementRequirement)
    .set({ ...values, version: sql`${agreementRequirement.version} + 1` })
    .where(eq(agreementRequirement.id, id));
}

/** Changes a requirement's chasing fields (reminders, escalation) without counting a new version. */
export async function setRequirementChased(db: DbOrTx, id: string, values: Pick<Partial<typeof agreementRequirement.$inferInsert>, 'remindersSent' | 'lastReminderAt' | 'escalatedAt'>): Promise<void> {
  await db.update(agreementRequirement).set(values).where(eq(agreementRequirement.id, id));
}

/** The social worker recorded on a requirement: an app user's name, or the other authority's contact's. */
export async function requirementSocialWorker(db: DbOrTx, id: string) {
  const [who] = await db
    .select({ user: appUser.fullName, contact: externalContact.fullName })
    .from(agreementRequirement)
    .leftJoin(appUser, eq(appUser.id, agreementRequirement.socialWorkerUserId))
    .leftJoin(externalContact, eq(externalContact.id, agreementRequirement.socialWorkerContactId))
    .where(eq(agreementRequirement.id, id));
  return who;
}

/** Requirements agreed through an in-principle agreement for proposals still proposed. */
export async function requirementsRelyingOn(db: DbOrTx, openAgreementId: string): Promise<{ id: string; proposalId: string }[]> {
  return db
    .select({ id: agreementRequirement.id, proposalId: agreementRequirement.proposalId })
    .from(agreementRequirement)
    .innerJoin(placementProposal, eq(placementProposal.id, agreementRequirement.proposalId))
    .where(and(eq(agreementRequirement.openAgreementId, openAgreementId), eq(agreementRequirement.method, 'open_agreement'), eq(agreementRequirement.status, 'agreed'), eq(placementProposal.status, 'proposed')));
}

/** Answers not yet marked seen by the placement team, oldest first, with the child and household. */
export async function unseenAnswers(db: DbOrTx) {
  return db
    .select({
      id: agreementRequirement.id,
      version: agreementRequirement.version,
      proposalId: agreementRequirement.proposalId,
      status: agreementRequirement.status,
      method: agreementRequirement.method,
      respondedOn: agreementRequirement.respondedOn,
      responderName: agreementRequirement.responderName,
      responderRole: agreementRequirement.responderRole,
      onBehalfReason: agreementRequirement.onBehalfReason,
      answeredAt: agreementRequirement.answeredAt,
      existingChildId: child.id,
      existingChildLabel: sql<string>`${child.firstName} || ' ' || ${child.lastName} || ' (' || ${child.reference} || ')'`,
      householdId: household.id,
      householdReference: household.reference,
    })
    .from(agreementRequirement)
    .innerJoin(placementProposal, eq(placementProposal.id, agreementRequirement.proposalId))
    .innerJoin(household, eq(household.id, placementProposal.householdId))
    .innerJoin(child, eq(child.id, agreementRequirement.existingChildId))
    .where(and(isNotNull(agreementRequirement.answeredAt), isNull(agreementRequirement.answerSeenAt), inArray(agreementRequirement.status, ['agreed', 'declined'])))
    .orderBy(asc(agreementRequirement.answeredAt));
}

/** Requested agreements of proposals still proposed, locked (skipping those another chase holds). */
/** Every unanswered agreement request of a proposed household (or of one proposal), locked; ones locked elsewhere are skipped. */
export async function lockRequestedAgreements(db: DbOrTx, proposalId?: string): Promise<{ id: string; proposalId: string }[]> {
  return db
    .select({ id: agreementRequirement.id, proposalId: agreementRequirement.proposalId })
    .from(agreementRequirement)
    .innerJoin(placementProposal, eq(placementProposal.id, agreementRequirement.proposalId))
    .where(and(eq(agreementRequirement.status, 'requested'), eq(placementProposal.status, 'proposed'), proposalId ? eq(agreementRequirement.proposalId, proposalId) : undefined))
    .orderBy(asc(agreementRequirement.proposalId), asc(agreementRequirement.id))
    .for('update', { of: agreementRequirement, skipLocked: true });
}

// Secure links ----------------------------------------------------------------------------------

export async function insertAgreementLink(db: DbOrTx, values: typeof agreementLink.$inferInsert): Promise<void> {
  await db.insert(agreementLink).values(values);
}

export async function lockLinkByTokenHash(db: DbOrTx, tokenHash: string): Promise<AgreementLinkRow | undefined> {
  const [l] = await db.select().from(agreementLink).where(eq(agreementLink.tokenHash, tokenHash)).for('update');
  return l;
}

/** Ends the unused links of a requirement still live (a new request replaces them); returns how many. */
export async function expireLiveLinks(db: DbOrTx, requirementId: string): Promise<number> {
  const rows = await db
    .update(agreementLink)
    .set({ expiresAt: new Date() })
    .where(and(eq(agreementLink.requirementId, requirementId), isNull(agreementLink.usedAt), gt(agreementLink.expiresAt, new Date())))
    .returning({ id: agreementLink.id });
  return rows.length;
}

export async function markLinkUsed(db: DbOrTx, id: string): Promise<void> {
  await db.update(agreementLink).set({ usedAt: new Date() }).where(eq(agreementLink.id, id));
}

// In-principle agreements -----------------------------------------------------------------------

/** The in-principle agreement recorded on a placement and not withdrawn, with who recorded it. */
export async function standingOpenAgreement(db: DbOrTx, existingPlacementId: string) {
  const [oa] = await db
    .select({ oa: openAgreement, recordedByName: appUser.fullName })
    .from(openAgreement)
    .leftJoin(appUser, eq(appUser.id, openAgreement.recordedBy))
    .where(and(eq(openAgreement.existingPlacementId, existingPlacementId), isNull(openAgreement.withdrawnOn)));
  return oa;
}

export async function insertOpenAgreement(db: DbOrTx, values: typeof openAgreement.$inferInsert): Promise<{ id: string }> {
  const [row] = await db.insert(openAgreement).values(values).returning({ id: openAgreement.id });
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function lockOpenAgreement(db: DbOrTx, id: string): Promise<OpenAgreementRow | undefined> {
  const [oa] = await db.select().from(openAgreement).where(eq(openAgreement.id, id)).for('update');
  return oa;
}

export function updateOpenAgreement(db: DbOrTx, id: string, version: number, values: Partial<typeof openAgreement.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, openAgreement, id, version, values);
}
