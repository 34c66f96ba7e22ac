/**
 * Early permanence (Children Act 1989 s22C(9A)–(9B); Concurrent planning guide): decisions on the
 * duty with the events the obligation is derived from, adoption approvals, the carers' journey,
 * and enquiries and referrals to a concurrent planning service with the carers shortlisted.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { anyOf } from '../any-of.ts';
import { adoptionApproval, carerJourneySession, child, childEvent, cpReferral, cpReferralCarer, earlyPermanenceDecision, household, organisation, placement } from '../schema.ts';
import { updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type DecisionRow = typeof earlyPermanenceDecision.$inferSelect;
export type AdoptionApprovalRow = typeof adoptionApproval.$inferSelect & { agencyName: string | null };
export type JourneyRow = typeof carerJourneySession.$inferSelect;
export type ReferralRow = typeof cpReferral.$inferSelect;
export type ShortlistRow = typeof cpReferralCarer.$inferSelect & { householdReference: string };

async function one<T>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Records one child event (a fact the obligations are derived from), returning its id. */
export async function insertEvent(db: DbOrTx, values: typeof childEvent.$inferInsert): Promise<string> {
  return (await one(db.insert(childEvent).values(values).returning({ id: childEvent.id }))).id;
}

/** The days the child's permanence plan was recorded as including adoption, earliest first. */
export async function adoptionInPlanEvents(db: DbOrTx, childId: string) {
  return db
    .select({ id: childEvent.id, eventDate: childEvent.eventDate, evidence: childEvent.evidence })
    .from(childEvent)
    .where(and(eq(childEvent.childId, childId), eq(childEvent.kind, 'adoption_in_plan')))
    .orderBy(asc(childEvent.eventDate));
}

export async function insertDecision(db: DbOrTx, values: typeof earlyPermanenceDecision.$inferInsert): Promise<DecisionRow> {
  return one(db.insert(earlyPermanenceDecision).values(values).returning());
}

export async function decisionsOfChild(db: DbOrTx, childId: string): Promise<DecisionRow[]> {
  return db.select().from(earlyPermanenceDecision).where(eq(earlyPermanenceDecision.childId, childId)).orderBy(desc(earlyPermanenceDecision.decidedOn), desc(earlyPermanenceDecision.recordedAt));
}

// Adoption approvals ------------------------------------------------------------------------------

const approvalColumns = { a: adoptionApproval, agencyName: organisation.name };

export async function adoptionApprovalsOf(db: DbOrTx, householdId: string): Promise<AdoptionApprovalRow[]> {
  const rows = await db
    .select(approvalColumns)
    .from(adoptionApproval)
    .leftJoin(organisation, eq(organisation.id, adoptionApproval.agencyId))
    .where(eq(adoptionApproval.householdId, householdId))
    .orderBy(desc(adoptionApproval.recordedAt));
  return rows.map((r) => ({ ...r.a, agencyName: r.agencyName }));
}

/** The adoption approvals of some households (for matching and the placement gate). */
export async function adoptionApprovalsOfHouseholds(db: DbOrTx, householdIds: readonly string[]) {
  if (!householdIds.length) return [];
  return db
    .select({ householdId: adoptionApproval.householdId, status: adoptionApproval.status, decisionDate: adoptionApproval.decisionDate, endedOn: adoptionApproval.endedOn, fromFormerTick: adoptionApproval.fromFormerTick })
    .from(adoptionApproval)
    .where(anyOf(adoptionApproval.householdId, householdIds));
}

export async function findAdoptionApproval(db: DbOrTx, id: string) {
  const [row] = await db.select().from(adoptionApproval).where(eq(adoptionApproval.id, id));
  return row;
}

export async function insertAdoptionApproval(db: DbOrTx, values: typeof adoptionApproval.$inferInsert) {
  return one(db.insert(adoptionApproval).values(values).returning());
}

export async function updateAdoptionApproval(db: DbOrTx, id: string, version: number, values: Partial<typeof adoptionApproval.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, adoptionApproval, id, version, values);
}

/** The household's early permanence facts and support. */
export async function updateEarlyPermanenceFacts(
  db: DbOrTx,
  householdId: string,
  version: number,
  values: Pick<typeof household.$inferInsert, 'fullTimeCarer' | 'returnAgreementSignedOn' | 'cpSocialWorker' | 'cpSupportGroup' | 'cpHelpline'>,
): Promise<VersionedUpdateResult> {
  return updateVersioned(db, household, householdId, version, values);
}

export async function householdEarlyPermanence(db: DbOrTx, householdId: string) {
  const [row] = await db
    .select({
      id: household.id,
      reference: household.reference,
      approvalStatus: household.approvalStatus,
      approvalDate: household.approvalDate,
      fullTimeCarer: household.fullTimeCarer,
      returnAgreementSignedOn: household.returnAgreementSignedOn,
      cpSocialWorker: household.cpSocialWorker,
      cpSupportGroup: household.cpSupportGroup,
      cpHelpline: household.cpHelpline,
      version: household.version,
    })
    .from(household)
    .where(eq(household.id, householdId));
  return row;
}

// The carers' journey -----------------------------------------------------------------------------

export async function insertJourneySession(db: DbOrTx, values: typeof carerJourneySession.$inferInsert): Promise<JourneyRow> {
  return one(db.insert(carerJourneySession).values(values).returning());
}

export async function journeyOf(db: DbOrTx, householdId: string): Promise<JourneyRow[]> {
  return db.select().from(carerJourneySession).where(eq(carerJourneySession.householdId, householdId)).orderBy(asc(carerJourneySession.heldOn), asc(carerJourneySession.recordedAt));
}

// Enquiries and referrals -------------------------------------------------------------------------

/**
 * The next reference, CP00001, CP00002 …: one more than the highest in use, taken under a
 * transaction-scoped advisory lock so that two referrals started at once cannot draw the same number.
 */
export async function nextReferralReference(db: DbOrTx): Promise<string> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('cp_referral.reference'))`);
  const [row] = await db
    .select({ n: sql<number | null>`max(substring(${cpReferral.reference} from 3)::int)` })
    .from(cpReferral)
    .where(sql`${cpReferral.reference} ~ '^CP[0-9]{1,9}$'`);
  return `CP${String(Number(row?.n ?? 0) + 1).padStart(5, '0')}`;
}

export async function insertReferral(db: DbOrTx, values: typeof cpReferral.$inferInsert): Promise<ReferralRow> {
  return one(db.insert(cpReferral).values(values).returning());
}

export async function findReferral(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ r: cpReferral, childReference: child.reference, childFirstName: child.firstName, childLastName: child.lastName, childDateOfBirth: child.dateOfBirth, serviceName: organisation.name })
    .from(cpReferral)
    .leftJoin(child, eq(child.id, cpReferral.childId))
    .leftJoin(organisation, eq(organisation.id, cpReferral.serviceId))
    .where(eq(cpReferral.id, id));
  return row;
}

export async function listReferrals(db: DbOrTx, limit = 200) {
  return db
    .select({ r: cpReferral, childReference: child.reference, childFirstName: child.firstName, childLastName: child.lastName, serviceName: organisation.name })
    .from(cpReferral)
    .leftJoin(child, eq(child.id, cpReferral.childId))
    .leftJoin(organisation, eq(organisation.id, cpReferral.serviceId))
    .orderBy(desc(cpReferral.createdAt))
    .limit(limit);
}

export async function updateReferral(db: DbOrTx, id: string, version: number, values: Partial<typeof cpReferral.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, cpReferral, id, version, values);
}

export async function shortlistOf(db: DbOrTx, referralId: string): Promise<ShortlistRow[]> {
  const rows = await db
    .select({ s: cpReferralCarer, householdReference: household.reference })
    .from(cpReferralCarer)
    .innerJoin(household, eq(household.id, cpReferralCarer.householdId))
    .where(eq(cpReferralCarer.referralId, referralId))
    .orderBy(asc(cpReferralCarer.shortlistedOn), asc(household.reference));
  return rows.map((r) => ({ ...r.s, householdReference: r.householdReference }));
}

export async function addToShortlist(db: DbOrTx, values: typeof cpReferralCarer.$inferInsert): Promise<boolean> {
  const rows = await db.insert(cpReferralCarer).values(values).onConflictDoNothing().returning({ id: cpReferralCarer.householdId });
  return rows.length > 0;
}

export async function householdExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: household.id }).from(household).where(eq(household.id, id));
  return Boolean(row);
}

export async function organisationKindOf(db: DbOrTx, id: string): Promise<string | undefined> {
  const [row] = await db.select({ kind: organisation.kind }).from(organisation).where(eq(organisation.id, id));
  return row?.kind;
}

/** A placement of the child, for linking a referral to it. */
export async function placementOfChild(db: DbOrTx, placementId: string, childId: string) {
  const [row] = await db.select({ id: placement.id, kind: placement.kind, householdId: placement.householdId }).from(placement).where(and(eq(placement.id, placementId), eq(placement.childId, childId)));
  return row;
}

/** A child's placements, for linking a referral to the placement made. */
export async function placementsOfChild(db: DbOrTx, childId: string) {
  return db
    .select({ id: placement.id, kind: placement.kind, startDate: placement.startDate, householdReference: household.reference })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(eq(placement.childId, childId))
    .orderBy(desc(placement.startDate));
}
