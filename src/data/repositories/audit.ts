/** Reading the audit trail (writing it is src/audit/writer.ts). */
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { auditEvent } from '../schema.ts';

export type AuditEventRow = typeof auditEvent.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A record's audit events, newest first. For a child, also every row that names the child among the
 * children it showed (a list, a household's page, a placement, a proposal…): the GIN index on
 * `child_ids` finds them.
 */
export async function auditEventsForSubject(db: DbOrTx, subjectType: string, subjectId: string, limit: number): Promise<AuditEventRow[]> {
  const about = and(eq(auditEvent.subjectType, subjectType), eq(auditEvent.subjectId, subjectId)) as SQL;
  const where = subjectType === 'child' && UUID.test(subjectId) ? (or(about, sql`${auditEvent.childIds} @> array[${subjectId.toLowerCase()}]::uuid[]`) as SQL) : about;
  return db.select().from(auditEvent).where(where).orderBy(desc(auditEvent.at), desc(auditEvent.id)).limit(limit);
}
