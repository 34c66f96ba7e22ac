/** Reading the audit trail (writing it is src/audit/writer.ts). */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { auditEvent } from '../schema.ts';

export type AuditEventRow = typeof auditEvent.$inferSelect;

/** A record's audit events, newest first. */
export async function auditEventsForSubject(db: DbOrTx, subjectType: string, subjectId: string, limit: number): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.subjectType, subjectType), eq(auditEvent.subjectId, subjectId)))
    .orderBy(desc(auditEvent.at), desc(auditEvent.id))
    .limit(limit);
}
