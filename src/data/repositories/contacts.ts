/** External contacts: people in other organisations (social workers elsewhere, IROs, GPs…). */
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { externalContact } from '../schema.ts';
import { likePattern, updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type ContactRow = typeof externalContact.$inferSelect;
export type NewContactRow = typeof externalContact.$inferInsert;
export type ContactWhere = { q?: string | undefined; role?: string | undefined; organisationId?: string | undefined };

/** The conditions of a contacts filter (see listContacts). */
function contactConditions(filter: ContactWhere): SQL[] {
  const where: SQL[] = [];
  if (filter.q) {
    const p = likePattern(filter.q);
    where.push(or(ilike(externalContact.fullName, p), ilike(externalContact.email, p), ilike(externalContact.organisationName, p)) as SQL);
  }
  if (filter.role) where.push(ilike(externalContact.role, likePattern(filter.role)));
  if (filter.organisationId) where.push(eq(externalContact.organisationId, filter.organisationId));
  return where;
}

/**
 * Contacts matching a filter, by name, then organisation, then id (a total order, so pages neither
 * repeat nor skip anyone): at most `limit` of them after skipping `offset` (a page).
 */
export async function listContacts(db: DbOrTx, filter: ContactWhere, limit: number, offset = 0): Promise<ContactRow[]> {
  return db
    .select()
    .from(externalContact)
    .where(and(...contactConditions(filter)))
    .orderBy(asc(externalContact.fullName), asc(externalContact.organisationName), asc(externalContact.id))
    .limit(limit)
    .offset(offset);
}

/** How many contacts match a filter (every page of listContacts). */
export async function countContacts(db: DbOrTx, filter: ContactWhere): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(externalContact)
    .where(and(...contactConditions(filter)));
  return row?.n ?? 0;
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
