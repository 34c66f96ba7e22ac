/** Children in care: their records and the small lookups other aggregates make of them. */
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { anyOf } from '../any-of.ts';
import { appUser, child, siblingLink } from '../schema.ts';

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

/** What matching needs of some children. */
export async function childrenForMatching(db: DbOrTx, ids: readonly string[]) {
  return db
    .select({
      id: child.id,
      reference: child.reference,
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
      sex: child.sex,
      homePostcode: child.homePostcode,
    })
    .from(child)
    .where(inArray(child.id, [...ids]));
}

/** Recorded sibling links touching any of these children (either direction); `ids` without repeats, not empty. */
export async function siblingLinksTouching(db: DbOrTx, ids: readonly string[]): Promise<{ childId: string; siblingId: string }[]> {
  return db
    .select({ childId: siblingLink.childId, siblingId: siblingLink.siblingId })
    .from(siblingLink)
    .where(or(anyOf(siblingLink.childId, ids), anyOf(siblingLink.siblingId, ids)));
}

/** A child with their social worker's name. */
export async function childWithSocialWorker(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: child.id,
      reference: child.reference,
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
      socialWorkerId: child.socialWorkerId,
      socialWorkerName: appUser.fullName,
    })
    .from(child)
    .leftJoin(appUser, eq(appUser.id, child.socialWorkerId))
    .where(eq(child.id, id));
  return row;
}

/** Every sibling link touching a child (either direction). */
export async function siblingLinksOfChild(db: DbOrTx, childId: string) {
  return db
    .select()
    .from(siblingLink)
    .where(or(eq(siblingLink.childId, childId), eq(siblingLink.siblingId, childId)));
}

const siblingColumns = { id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName, dateOfBirth: child.dateOfBirth };

/** Some children, youngest last (by date of birth, then reference). */
export async function childrenByAge(db: DbOrTx, ids: readonly string[]) {
  return db
    .select(siblingColumns)
    .from(child)
    .where(inArray(child.id, [...ids]))
    .orderBy(asc(child.dateOfBirth), asc(child.reference));
}

/** Some children's names, references and dates of birth (in no particular order). */
export async function childrenWithBirthDates(db: DbOrTx, ids: readonly string[]) {
  return db.select(siblingColumns).from(child).where(inArray(child.id, [...ids]));
}

/** The id of the child with this reference (compared in capitals). */
export async function childIdByReference(db: DbOrTx, reference: string): Promise<string | undefined> {
  const [row] = await db.select({ id: child.id }).from(child).where(sql`upper(${child.reference}) = ${reference.toUpperCase()}`);
  return row?.id;
}

/** A child's name, locked for update until the end of the transaction. */
export async function lockChildName(db: DbOrTx, id: string): Promise<{ id: string; firstName: string; lastName: string } | undefined> {
  const [row] = await db
    .select({ id: child.id, firstName: child.firstName, lastName: child.lastName })
    .from(child)
    .where(eq(child.id, id))
    .for('update');
  return row;
}

/** Which of these ids are children's. */
export async function existingChildIds(db: DbOrTx, ids: readonly string[]): Promise<{ id: string }[]> {
  return db.select({ id: child.id }).from(child).where(inArray(child.id, [...ids]));
}

/** The children with these references (given in capitals). */
export async function childrenByReferences(db: DbOrTx, references: readonly string[]): Promise<{ id: string; reference: string }[]> {
  return db.select({ id: child.id, reference: child.reference }).from(child).where(inArray(sql`upper(${child.reference})`, [...references]));
}
