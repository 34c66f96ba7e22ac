import { auditEvent } from '../data/schema.ts';
import type { DbOrTx } from '../data/db.ts';
import type { AuditAction, SubjectType } from './events.ts';
import type { Actor } from '../domain/access/actor.ts';

export type AuditEntry = {
  action: AuditAction;
  subjectType: SubjectType;
  subjectId?: string | null;
  details?: Record<string, unknown>;
};

/**
 * Writes one audit row. Call it with the same transaction as the change it records: if this
 * insert fails, the transaction (and so the change) rolls back.
 */
export async function writeAudit(
  tx: DbOrTx,
  ctx: { actor: Actor | null; correlationId?: string | undefined },
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditEvent).values({
    actorUserId: ctx.actor?.userId ?? null,
    actorLabel: ctx.actor ? `${ctx.actor.name} <${ctx.actor.email}>` : 'system',
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    correlationId: ctx.correlationId ?? null,
    details: entry.details ?? {},
  });
}

/** Writes several audit rows at once, in the same transaction as the changes they record. */
export async function writeAudits(tx: DbOrTx, ctx: { actor: Actor | null; correlationId?: string | undefined }, entries: readonly AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await tx.insert(auditEvent).values(
    entries.map((entry) => ({
      actorUserId: ctx.actor?.userId ?? null,
      actorLabel: ctx.actor ? `${ctx.actor.name} <${ctx.actor.email}>` : 'system',
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      correlationId: ctx.correlationId ?? null,
      details: entry.details ?? {},
    })),
  );
}
