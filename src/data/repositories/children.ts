/** Children in care: their records and the small lookups other aggregates make of them. */
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { child } from '../schema.ts';

export type ChildRow = typeof child.$inferSelect;
export type NewChildRow = typeof child.$inferInsert;

/** Names and references of some children (in no particular order). */
export async function childNames(db: DbOrTx, ids: readonly string[]): Promise<{ id: string; firstName: string; lastName: string; reference: string }[]> {
  return db.select({ id: child.id, firstName: child.firstName, lastName: child.lastName, reference: child.reference }).from(child).where(inArray(child.id, [...ids]));
}

/** What the placement rules need of a child: first name and date of birth. */
export async function childForRules(db: DbOrTx, id: string): Promise<{ id: string; firstName: string; dateOfBirth: string } | undefined> {
  const [row] = await db.select({ id: child.id, firstName: child.firstName, dateOfBirth: child.dateOfBirth }).from(child).where(eq(child.id, id));
  return row;
}

/** Lock the children's rows, in a fixed order (by id) so two transactions never wait on each other. */
export async function lockChildRows(db: DbOrTx, ids: readonly string[]) {
  return db
    .select({ id: child.id, firstName: child.firstName, lastName: child.lastName, reference: child.reference, dateOfBirth: child.dateOfBirth })
    .from(child)
    .where(inArray(child.id, [...ids]))
    .orderBy(child.id)
    .for('update');
}
