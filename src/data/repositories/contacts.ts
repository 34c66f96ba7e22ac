/** External contacts: people in other organisations (social workers elsewhere, IROs, GPs…). */
import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { externalContact } from '../schema.ts';
import { likePattern, updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type ContactRow = typeof externalContact.$inferSelect;
export type NewContactRow = typeof externalContact.$inferInsert;
export type ContactWhere = { q?: string | undefined; role?: string | undefined; organisationId?: string | undefined };

/** Contacts matching a filter, by name, at most `limit`. */
export async function listContacts(db: DbOrTx, filter: ContactWhere, limit: number): Promise<ContactRow[]> {
  const where: SQL[] = [];
  if (filter.q) {
    const p = likePattern(filter.q);
    where.push(or(ilike(externalContact.fullName, p), ilike(externalContact.email, p), ilike(externalContact.organisationName, p)) as SQL);
  }
  if (filter.role) where.push(ilike(externalContact.role, likePattern(filter.role)));
  if (filter.organisationId) where.push(eq(externalContact.organisationId, filter.organisationId));
  return db
    .select()
    .from(externalContact)
    .where(and(...where))
    .orderBy(asc(externalContact.fullName), asc(externalContact.organisationName))
    .limit(limit);
}

export async function findContact(db: DbOrTx, id: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(externalContact).where(eq(externalContact.id, id));
  return row;
}

export async function insertContact(db: DbOrTx, values: NewContactRow): Promise<ContactRow> {
  const [row] = await db.insert(externalContact).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export function updateContact(db: DbOrTx, id: string, version: number, values: Partial<NewContactRow>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, externalContact, id, version, values);
}

export async function contactOptions(db: DbOrTx) {
  return db
    .select({ id: externalContact.id, fullName: externalContact.fullName, role: externalContact.role, organisationName: externalContact.organisationName })
    .from(externalContact)
    .orderBy(asc(externalContact.fullName), asc(externalContact.organisationName));
}
