/** Foster households: carers, members, approvals and the lookups other aggregates make of them. */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { anyOf } from '../any-of.ts';
import { appUser, child, fosteringLimitExemption, household, householdMember, placement } from '../schema.ts';

export type HouseholdRow = typeof household.$inferSelect;
export type NewHouseholdRow = typeof household.$inferInsert;

export async function householdExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: household.id }).from(household).where(eq(household.id, id));
  return row !== undefined;
}

/** Households (some, or the approved ones, or all) by reference, with their supervising social worker's name. */
export async function householdsWithSupervisor(db: DbOrTx, opts: { ids?: string[] | undefined; approvedOnly?: boolean | undefined }) {
  const where: SQL[] = [];
  if (opts.ids) where.push(anyOf(household.id, opts.ids));
  if (opts.approvedOnly) where.push(eq(household.approvalStatus, 'approved'));
  return db
    .select({ h: household, sswName: appUser.fullName })
    .from(household)
    .leftJoin(appUser, eq(appUser.id, household.supervisingSocialWorkerId))
    .where(and(...where))
    .orderBy(asc(household.reference));
}

/** The placements in some households with the given statuses, with each child's date of birth. */
export async function placementsInHouseholds(db: DbOrTx, householdIds: readonly string[], statuses: ('active' | 'planned' | 'ended')[]) {
  return db
    .select({
      householdId: placement.householdId,
      childId: placement.childId,
      status: placement.status,
      startDate: placement.startDate,
      endDate: placement.endDate,
      dateOfBirth: child.dateOfBirth,
    })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .where(and(anyOf(placement.householdId, householdIds), inArray(placement.status, statuses)));
}

/** Exemptions from the usual fostering limit of some households. */
export async function exemptionsOfHouseholds(db: DbOrTx, householdIds: readonly string[]) {
  return db.select().from(fosteringLimitExemption).where(anyOf(fosteringLimitExemption.householdId, householdIds));
}

/** The members (carers and others living there) of some households, in order. */
export async function membersOfHouseholds(db: DbOrTx, householdIds: readonly string[]) {
  return db.select().from(householdMember).where(anyOf(householdMember.householdId, householdIds)).orderBy(asc(householdMember.position));
}

/** The id of the household with this reference (compared in capitals). */
export async function householdIdByReference(db: DbOrTx, reference: string): Promise<string | undefined> {
  const [row] = await db.select({ id: household.id }).from(household).where(sql`upper(${household.reference}) = ${reference.toUpperCase()}`);
  return row?.id;
}
