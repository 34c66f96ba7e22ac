import type { Db } from '../data/db.ts';
import { auditEventsForSubject } from '../data/repositories/audit.ts';
import { writeAudit } from '../audit/writer.ts';
import type { SubjectType } from '../audit/events.ts';
import type { Ctx } from './context.ts';

export function createAuditService(db: Db) {
  /** "Who has seen or changed this record": newest first. Looking is itself audited. */
  async function forSubject(ctx: Ctx, subjectType: SubjectType, subjectId: string, limit = 500) {
    return db.transaction(async (tx) => {
      const rows = await auditEventsForSubject(tx, subjectType, subjectId, limit);
      await writeAudit(tx, ctx, { action: 'audit.viewed', subjectType, subjectId });
      return rows;
    });
  }
  return { forSubject };
}
