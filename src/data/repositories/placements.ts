/**
 * Placements of children with households: the one place their SQL lives (lists, a placement with
 * its child and household, the live placements of children, moves and new placements).
 */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { appUser, child, childEvent, household, placement, placementProposal, proposalConsideration } from '../schema.ts';
import { likePattern, updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type PlacementRow = typeof placement.$inferSelect;
export type NewPlacementRow = typeof placement.$inferInsert;

/** The statuses in which a placement holds (or will hold) a place: planned and active. */
const LIVE: PlacementRow['status'][] = ['planned', 'active'];

export type PlacementWhere = {
  q?: string | undefined;
  status?: PlacementRow['status'] | undefined;
  placementType?: string | undefined;
  householdId?: string | undefined;
  householdReference?: string | undefined;
  childId?: string | undefined;
  /** Only the children a person may read (readableChildren, src/data/repositories/caseload.ts). */
  readable?: SQL | undefined;
};

const childSummary = { id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName };

/** Placements matching a filter, latest start first, with their child and household: at most `limit` after skipping `offset` (a page). */
export async function listPlacements(db: DbOrTx, filter: PlacementWhere, limit: number, offset = 0) {
  return db
    .select({ p: placement, child: childSummary, household: { id: household.id, reference: household.reference } })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(and(...placementConditions(filter)))
    .orderBy(desc(placement.startDate), asc(child.lastName), asc(child.firstName), asc(placement.id))
    .limit(limit)
    .offset(offset);
}

/** How many placements match a filter (as listPlacements reads it). */
export async function countPlacements(db: DbOrTx, filter: PlacementWhere): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(and(...placementConditions(filter)));
  return row?.n ?? 0;
}

/** The conditions of a placements filter (see listPlacements). */
function placementConditions(filter: PlacementWhere): SQL[] {
  const where: SQL[] = [];
  if (filter.readable) where.push(filter.readable);
  if (filter.q) {
    const p = likePattern(filter.q);
    where.push(or(ilike(child.reference, p), ilike(sql`${child.firstName} || ' ' || ${child.lastName}`, p), ilike(child.lastName, p)) as SQL);
  }
  if (filter.status) where.push(eq(placement.status, filter.status));
  if (filter.placementType) where.push(eq(placement.placementType, filter.placementType));
  if (filter.householdId) where.push(eq(placement.householdId, filter.householdId));
  if (filter.householdReference) where.push(sql`upper(${household.reference}) = ${filter.householdReference.toUpperCase()}`);
  if (filter.childId) where.push(eq(placement.childId, filter.childId));
  return where;
}

/** A placement with its child and household. */
export async function findPlacementWithParties(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ p: placement, child: childSummary, household: { id: household.id, reference: household.reference } })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(eq(placement.id, id));
  return row;
}

/** A user's full name. */
export async function userName(db: DbOrTx, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: appUser.fullName }).from(appUser).where(eq(appUser.id, userId));
  return row?.name;
}

export async function findPlacement(db: DbOrTx, id: string): Promise<PlacementRow | undefined> {
  const [row] = await db.select().from(placement).where(eq(placement.id, id));
  return row;
}

/** A placement, locked for update until the end of the transaction. */
export async function lockPlacement(db: DbOrTx, id: string): Promise<PlacementRow | undefined> {
  const [row] = await db.select().from(placement).where(eq(placement.id, id)).for('update');
  return row;
}

export function updatePlacement(db: DbOrTx, id: string, version: number, values: Partial<NewPlacementRow>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, placement, id, version, values);
}

/** Changes a placement whatever its version (a move that follows another placement), counting a new version. */
export async function setPlacement(db: DbOrTx, id: string, values: Partial<NewPlacementRow>): Promise<void> {
  await db
    .update(placement)
    .set({ ...values, version: sql`${placement.version} + 1`, updatedAt: new Date() })
    .where(eq(placement.id, id));
}

export async function insertPlacement(db: DbOrTx, values: NewPlacementRow): Promise<{ id: string }> {
  const [row] = await db.insert(placement).values(values).returning({ id: placement.id });
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** A child's planned and active placements, with the household's reference. */
export async function livePlacementsOfChild(db: DbOrTx, childId: string) {
  return db
    .select({
      id: placement.id,
      startDate: placement.startDate,
      endDate: placement.endDate,
      status: placement.status,
      householdReference: household.reference,
    })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(and(eq(placement.childId, childId), inArray(placement.status, ['planned', 'active'])));
}

/** The planned and active placements of some children, with the household's reference. */
export async function livePlacementsOfChildren(db: DbOrTx, childIds: readonly string[]) {
  return db
    .select({
      id: placement.id,
      childId: placement.childId,
      householdId: placement.householdId,
      householdReference: household.reference,
      startDate: placement.startDate,
      endDate: placement.endDate,
      status: placement.status,
      placementType: placement.placementType,
    })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(and(inArray(placement.childId, [...childIds]), inArray(placement.status, LIVE)));
}

/** The live placement of a child (other than `exceptId`) that ends on a day, locked for update: the one a move leaves. */
export async function lockLivePlacementEndingOn(db: DbOrTx, childId: string, endDate: string, exceptId: string): Promise<PlacementRow | undefined> {
  const [row] = await db
    .select()
    .from(placement)
    .where(and(eq(placement.childId, childId), inArray(placement.status, LIVE), eq(placement.endDate, endDate), sql`${placement.id} <> ${exceptId}`))
    .for('update');
  return row;
}

/** The children a written agreement was recorded about for a placement (agreement_recorded events). */
export async function agreementsRecordedFor(db: DbOrTx, placementId: string): Promise<{ aboutChildId: string | null }[]> {
  return db
    .select({ aboutChildId: childEvent.aboutChildId })
    .from(childEvent)
    .where(and(eq(childEvent.placementId, placementId), eq(childEvent.kind, 'agreement_recorded')));
}

/** The considerations about existing children made in the proposal that became a placement. */
export async function considerationsForPlacement(db: DbOrTx, placementId: string) {
  return db
    .select({ existingChildId: proposalConsideration.existingChildId, role: proposalConsideration.role, servesWellbeing: proposalConsideration.servesWellbeing })
    .from(proposalConsideration)
    .innerJoin(placementProposal, eq(placementProposal.id, proposalConsideration.proposalId))
    .where(eq(placementProposal.placementId, placementId));
}
