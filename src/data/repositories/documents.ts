/** Documents on a household's carers' file. */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { appUser, householdDocument } from '../schema.ts';

export type DocumentRow = typeof householdDocument.$inferSelect;
export type NewDocumentRow = typeof householdDocument.$inferInsert;

const listColumns = {
  id: householdDocument.id,
  householdId: householdDocument.householdId,
  category: householdDocument.category,
  title: householdDocument.title,
  fileName: householdDocument.fileName,
  contentType: householdDocument.contentType,
  sizeBytes: householdDocument.sizeBytes,
  relatedType: householdDocument.relatedType,
  relatedId: householdDocument.relatedId,
  createdBy: householdDocument.createdBy,
  createdAt: householdDocument.createdAt,
  createdByName: appUser.fullName,
};

export async function insertDocument(db: DbOrTx, values: NewDocumentRow): Promise<{ id: string }> {
  const [row] = await db.insert(householdDocument).values(values).returning({ id: householdDocument.id });
  return row!;
}

/** A household's documents (of one category, if given), newest first, without their content. */
export async function documentsOfHousehold(db: DbOrTx, householdId: string, category: NewDocumentRow['category'] | undefined) {
  return db
    .select(listColumns)
    .from(householdDocument)
    .leftJoin(appUser, eq(appUser.id, householdDocument.createdBy))
    .where(and(eq(householdDocument.householdId, householdId), category ? eq(householdDocument.category, category) : undefined))
    .orderBy(desc(householdDocument.createdAt), desc(householdDocument.id));
}

/** One of a household's documents, with its content. */
export async function findDocumentWithContent(db: DbOrTx, householdId: string, documentId: string) {
  const [row] = await db
    .select({ ...listColumns, content: householdDocument.content })
    .from(householdDocument)
    .leftJoin(appUser, eq(appUser.id, householdDocument.createdBy))
    .where(and(eq(householdDocument.id, documentId), eq(householdDocument.householdId, householdId)));
  return row;
}

/** A document without its content. */
export async function findDocument(db: DbOrTx, id: string) {
  const [row] = await db.select(listColumns).from(householdDocument).leftJoin(appUser, eq(appUser.id, householdDocument.createdBy)).where(eq(householdDocument.id, id));
  return row;
}
