/**
 * Concurrent planning: contact plans and sessions, court proceedings and hearings, future contact
 * after adoption, and what the service figures read. The one place their SQL lives.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { adoptionApproval, careEnding, child, contactPlan, cpReferral, contactSession, courtHearing, courtProceedings, futureContact, futureContactParty, household, placement } from '../schema.ts';
import { updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type ContactPlanRow = typeof contactPlan.$inferSelect;
export type ContactSessionRow = typeof contactSession.$inferSelect;
export type ProceedingsRow = typeof courtProceedings.$inferSelect;
export type HearingRow = typeof courtHearing.$inferSelect;
export type FutureContactRow = typeof futureContact.$inferSelect;
export type FutureContactPartyRow = typeof futureContactParty.$inferSelect;

const IN_SCOPE = ['concurrent_planning', 'fostering_for_adoption'];

// Contact ------------------------------------------------------------------------------------------

export async function contactPlanOf(db: DbOrTx, childId: string): Promise<ContactPlanRow | undefined> {
  const [row] = await db.select().from(contactPlan).where(eq(contactPlan.childId, childId));
  return row;
}

export async function lockContactPlanOf(db: DbOrTx, childId: string): Promise<ContactPlanRow | undefined> {
  const [row] = await db.select().from(contactPlan).where(eq(contactPlan.childId, childId)).for('update');
  return row;
}

export async function insertContactPlan(db: DbOrTx, values: typeof contactPlan.$inferInsert): Promise<ContactPlanRow> {
  const [row] = await db.insert(contactPlan).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export function updateContactPlan(db: DbOrTx, id: string, version: number, values: Partial<typeof contactPlan.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, contactPlan, id, version, values);
}

export async function insertContactSession(db: DbOrTx, values: typeof contactSession.$inferInsert): Promise<ContactSessionRow> {
  const [row] = await db.insert(contactSession).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** A child's contact sessions, latest first. */
export async function contactSessionsOf(db: DbOrTx, childId: string): Promise<ContactSessionRow[]> {
  return db.select().from(contactSession).where(eq(contactSession.childId, childId)).orderBy(desc(contactSession.sessionDate), desc(contactSession.recordedAt));
}

/** Sessions missed or cancelled on or after a day, of some children (or all: null), latest first, with the child. */
export async function sessionsNotHeldSince(db: DbOrTx, since: string, childIds: readonly string[] | null) {
  const where = and(inArray(contactSession.outcome, ['missed', 'cancelled']), sql`${contactSession.sessionDate} >= ${since}`, childIds ? inArray(contactSession.childId, [...childIds]) : undefined);
  if (childIds && childIds.length === 0) return [];
  return db
    .select({ s: contactSession, reference: child.reference, firstName: child.firstName, lastName: child.lastName, socialWorkerId: child.socialWorkerId })
    .from(contactSession)
    .innerJoin(child, eq(child.id, contactSession.childId))
    .where(where)
    .orderBy(desc(contactSession.sessionDate));
}

/** Sessions missed or cancelled on or after a day, of the children allocated to a social worker, latest first. */
export async function sessionsNotHeldOfSocialWorker(db: DbOrTx, since: string, socialWorkerId: string) {
  return db
    .select({ s: contactSession, reference: child.reference, firstName: child.firstName, lastName: child.lastName })
    .from(contactSession)
    .innerJoin(child, eq(child.id, contactSession.childId))
    .where(and(inArray(contactSession.outcome, ['missed', 'cancelled']), sql`${contactSession.sessionDate} >= ${since}`, eq(child.socialWorkerId, socialWorkerId)))
    .orderBy(desc(contactSession.sessionDate))
    .limit(200);
}

// Court --------------------------------------------------------------------------------------------

export async function proceedingsOfChild(db: DbOrTx, childId: string): Promise<ProceedingsRow[]> {
  return db.select().from(courtProceedings).where(eq(courtProceedings.childId, childId)).orderBy(desc(courtProceedings.appliedOn));
}

export async function lockProceedings(db: DbOrTx, id: string): Promise<ProceedingsRow | undefined> {
  const [row] = await db.select().from(courtProceedings).where(eq(courtProceedings.id, id)).for('update');
  return row;
}

export async function openProceedingsOf(db: DbOrTx, childId: string): Promise<ProceedingsRow | undefined> {
  const [row] = await db.select().from(courtProceedings).where(and(eq(courtProceedings.childId, childId), isNull(courtProceedings.decision)));
  return row;
}

export async function insertProceedings(db: DbOrTx, values: typeof courtProceedings.$inferInsert): Promise<ProceedingsRow> {
  const [row] = await db.insert(courtProceedings).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export function updateProceedings(db: DbOrTx, id: string, version: number, values: Partial<typeof courtProceedings.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, courtProceedings, id, version, values);
}

export async function insertHearing(db: DbOrTx, values: typeof courtHearing.$inferInsert): Promise<HearingRow> {
  const [row] = await db.insert(courtHearing).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function hearingsOfChild(db: DbOrTx, childId: string): Promise<HearingRow[]> {
  return db.select().from(courtHearing).where(eq(courtHearing.childId, childId)).orderBy(asc(courtHearing.heardOn), asc(courtHearing.recordedAt));
}

/** The child's planned and active placements, latest start first. */
export async function livePlacementsOf(db: DbOrTx, childId: string) {
  return db
    .select()
    .from(placement)
    .where(and(eq(placement.childId, childId), inArray(placement.status, ['planned', 'active'])))
    .orderBy(desc(placement.startDate));
}

/** The child's concurrent planning or fostering for adoption placements that are planned or active, latest start first. */
export async function liveInScopePlacementsOf(db: DbOrTx, childId: string) {
  return db
    .select()
    .from(placement)
    .where(and(eq(placement.childId, childId), inArray(placement.status, ['planned', 'active']), or(inArray(sql`${placement.kind}`, IN_SCOPE), inArray(placement.placementType, ['A5']))))
    .orderBy(desc(placement.startDate));
}

// Future contact -----------------------------------------------------------------------------------

export async function futureContactOf(db: DbOrTx, childId: string): Promise<FutureContactRow | undefined> {
  const [row] = await db.select().from(futureContact).where(eq(futureContact.childId, childId));
  return row;
}

export async function partiesOf(db: DbOrTx, futureContactId: string, sides: readonly ('birth_family' | 'adopters')[]): Promise<FutureContactPartyRow[]> {
  if (sides.length === 0) return [];
  return db.select().from(futureContactParty).where(and(eq(futureContactParty.futureContactId, futureContactId), inArray(futureContactParty.side, [...sides])));
}

export async function insertFutureContact(db: DbOrTx, values: typeof futureContact.$inferInsert): Promise<FutureContactRow> {
  const [row] = await db.insert(futureContact).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export function updateFutureContact(db: DbOrTx, id: string, version: number, values: Partial<typeof futureContact.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, futureContact, id, version, values);
}

export async function upsertParty(db: DbOrTx, values: typeof futureContactParty.$inferInsert): Promise<void> {
  await db
    .insert(futureContactParty)
    .values(values)
    .onConflictDoUpdate({ target: [futureContactParty.futureContactId, futureContactParty.side], set: { names: values.names, contactDetails: values.contactDetails } });
}

// Figures ------------------------------------------------------------------------------------------

/** Every concurrent planning, fostering for adoption or adoptive (A5) placement, with its child. */
export async function inScopePlacements(db: DbOrTx) {
  return db
    .select({ id: placement.id, childId: placement.childId, householdId: placement.householdId, startDate: placement.startDate, endDate: placement.endDate, status: placement.status, kind: placement.kind, placementType: placement.placementType })
    .from(placement)
    .where(and(inArray(placement.status, ['planned', 'active', 'ended']), or(inArray(sql`${placement.kind}`, IN_SCOPE), eq(placement.placementType, 'A5'))))
    .orderBy(asc(placement.startDate));
}

export async function allProceedings(db: DbOrTx): Promise<ProceedingsRow[]> {
  return db.select().from(courtProceedings);
}

export async function careEndingsOf(db: DbOrTx, childIds: readonly string[]) {
  if (childIds.length === 0) return [];
  return db.select({ childId: careEnding.childId, endedOn: careEnding.endedOn, reason: careEnding.reason }).from(careEnding).where(inArray(careEnding.childId, [...childIds]));
}

/** Households with a fostering approval and at least one adoption approval: the facts dual approval is derived from. */
export async function dualApprovalFacts(db: DbOrTx) {
  const approvals = await db
    .select({ householdId: adoptionApproval.householdId, status: adoptionApproval.status, decisionDate: adoptionApproval.decisionDate, endedOn: adoptionApproval.endedOn, fromFormerTick: adoptionApproval.fromFormerTick })
    .from(adoptionApproval);
  const ids = [...new Set(approvals.map((a) => a.householdId))];
  const households = ids.length ? await db.select({ id: household.id, approvalStatus: household.approvalStatus, approvalDate: household.approvalDate }).from(household).where(inArray(household.id, ids)) : [];
  return households.map((h) => ({ ...h, approvals: approvals.filter((a) => a.householdId === h.id) }));
}

/** The referrals to the service that were placed, linked to a placement. */
export async function placedReferrals(db: DbOrTx) {
  return db
    .select({ placementId: cpReferral.placementId, status: cpReferral.status, referralDate: cpReferral.referralDate, sentOn: cpReferral.sentOn })
    .from(cpReferral)
    .where(and(eq(cpReferral.status, 'placed'), sql`${cpReferral.placementId} is not null`));
}

/** A child's concurrent planning and fostering for adoption placements in their fostering phase (not the adoptive placement, A5), with the carers' skill level, earliest first. */
export async function fosteringPhasePlacementsOfChild(db: DbOrTx, childId: string) {
  return db
    .select({ id: placement.id, kind: placement.kind, startDate: placement.startDate, endDate: placement.endDate, status: placement.status, skillLevel: household.skillLevel })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(and(eq(placement.childId, childId), inArray(placement.status, ['planned', 'active', 'ended']), inArray(sql`${placement.kind}`, IN_SCOPE), sql`${placement.placementType} <> 'A5'`))
    .orderBy(asc(placement.startDate));
}
