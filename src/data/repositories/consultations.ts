/** Consultations with the Virtual School, recorded on a child. */
import { desc, eq, and } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { externalContact, organisation, virtualSchoolConsultation } from '../schema.ts';

export type ConsultationRow = typeof virtualSchoolConsultation.$inferSelect & { virtualSchoolName: string };

const columns = {
  id: virtualSchoolConsultation.id,
  childId: virtualSchoolConsultation.childId,
  virtualSchoolId: virtualSchoolConsultation.virtualSchoolId,
  contactId: virtualSchoolConsultation.contactId,
  consultedName: virtualSchoolConsultation.consultedName,
  consultedOn: virtualSchoolConsultation.consultedOn,
  question: virtualSchoolConsultation.question,
  advice: virtualSchoolConsultation.advice,
  recordedBy: virtualSchoolConsultation.recordedBy,
  recordedByName: virtualSchoolConsultation.recordedByName,
  recordedAt: virtualSchoolConsultation.recordedAt,
  version: virtualSchoolConsultation.version,
  virtualSchoolName: organisation.name,
};

export async function insertConsultation(db: DbOrTx, values: typeof virtualSchoolConsultation.$inferInsert): Promise<string> {
  const [row] = await db.insert(virtualSchoolConsultation).values(values).returning({ id: virtualSchoolConsultation.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function findConsultation(db: DbOrTx, id: string): Promise<ConsultationRow | undefined> {
  const [row] = await db.select(columns).from(virtualSchoolConsultation).innerJoin(organisation, eq(organisation.id, virtualSchoolConsultation.virtualSchoolId)).where(eq(virtualSchoolConsultation.id, id));
  return row;
}

/** A child's consultations, latest first. */
export async function consultationsOfChild(db: DbOrTx, childId: string): Promise<ConsultationRow[]> {
  return db
    .select(columns)
    .from(virtualSchoolConsultation)
    .innerJoin(organisation, eq(organisation.id, virtualSchoolConsultation.virtualSchoolId))
    .where(eq(virtualSchoolConsultation.childId, childId))
    .orderBy(desc(virtualSchoolConsultation.consultedOn), desc(virtualSchoolConsultation.recordedAt));
}

/** The organisation's kind, if it exists. */
export async function organisationKind(db: DbOrTx, id: string): Promise<string | undefined> {
  const [row] = await db.select({ kind: organisation.kind }).from(organisation).where(eq(organisation.id, id));
  return row?.kind;
}

/** A contact of an organisation, by id. */
export async function contactOf(db: DbOrTx, organisationId: string, contactId: string) {
  const [row] = await db.select({ id: externalContact.id, fullName: externalContact.fullName }).from(externalContact).where(and(eq(externalContact.id, contactId), eq(externalContact.organisationId, organisationId)));
  return row;
}
