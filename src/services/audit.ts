import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../data/db.ts';
import { auditEvent } from '../data/schema.ts';
import { writeAudit } from '../audit/writer.ts';
import type { SubjectType } from '../audit/events.ts';
import type { Ctx } from './context.ts';

export function createAuditService(db: Db) {
  /** "Who has seen or changed this record": newest first. Looking is itself audited. */
  async function forSubject(ctx: Ctx, subjectType: SubjectType, subjectId: string, limit = 500) {
    return db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.subjectType, subjectType), eq(auditEvent.subjectId, subjectId)))
        .orderBy(desc(auditEvent.at), desc(auditEvent.id))
        .limit(limit);
      await writeAudit(tx, ctx, { action: 'audit.viewed', subjectType, subjectId });
      return rows;
    });
  }
  return { forSubject };
}
