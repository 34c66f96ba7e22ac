/** Foster households: carers, members, approvals and the lookups other aggregates make of them. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { household } from '../schema.ts';

export type HouseholdRow = typeof household.$inferSelect;
export type NewHouseholdRow = typeof household.$inferInsert;

export async function householdExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: household.id }).from(household).where(eq(household.id, id));
  return row !== undefined;
}
