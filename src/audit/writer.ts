import { PgTransaction } from 'drizzle-orm/pg-core';
import { beforeCommit, type Db, type DbOrTx } from '../data/db.ts';
import { appendAuditRows, type AuditRowInput } from '../data/audit-chain.ts';
import type { AuditAction, SubjectType } from './events.ts';
import type { Actor } from '../domain/access/actor.ts';

export type AuditEntry = {
  action: AuditAction;
  subjectType: SubjectType;
  subjectId?: string | null;
  details?: Record<string, unknown>;
  /** The children whose data the answer shows (every child on a list), so that "who has seen this child" finds it. */
  childIds?: readonly string[];
};

/**
 * The children a row names: those given, the child it is about, and the child its details name
 * (`details.childId`, as a placement's or a planning record's view says whose it is).
 */
export function childrenShown(entry: AuditEntry): string[] {
  const ids = [...(entry.childIds ?? [])];
  if (entry.subjectType === 'child' && entry.subjectId) ids.push(entry.subjectId);
  const fromDetails = entry.details?.childId;
  if (typeof fromDetails === 'string' && fromDetails) ids.push(fromDetails);
  return ids;
}

/** Rows waiting for the end of their transaction. */
const pending = new WeakMap<object, AuditRowInput[]>();

/**
 * Writes one audit row. Call it with the same transaction as the change it records: if this
 * insert fails, the transaction (and so the change) rolls back.
 *
 * The row joins the audit log's hash chain (src/data/audit-chain.ts, ADR 0011). Appending takes a
 * lock held until commit, so the rows of a transaction are appended together at its very end,
 * just before it commits: the lock is held for the shortest time and never while the transaction
 * still waits for other locks.
 */
export async function writeAudit(
  tx: DbOrTx,
  ctx: { actor: Actor | null; correlationId?: string | undefined },
  entry: AuditEntry,
): Promise<void> {
  const row: AuditRowInput = {
    actorUserId: ctx.actor?.userId ?? null,
    actorLabel: ctx.actor ? `${ctx.actor.name} <${ctx.actor.email}>` : 'system',
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    correlationId: ctx.correlationId ?? null,
    details: entry.details ?? {},
    childIds: childrenShown(entry),
  };
  const queued = pending.get(tx);
  if (queued) {
    queued.push(row);
    return;
  }
  const rows = [row];
  if (
    beforeCommit(tx, async () => {
      pending.delete(tx);
      await appendAuditRows(tx, rows);
    })
  ) {
    pending.set(tx, rows);
    return;
  }
  // Not a transaction Hearth opened: append now (in a transaction of its own when given the database).
  if (tx instanceof PgTransaction) await appendAuditRows(tx, rows);
  else await (tx as Db).transaction((t) => appendAuditRows(t, rows));
}

/** Writes several audit rows at once, in the same transaction as the changes they record (each joins the chain as writeAudit's do). */
export async function writeAudits(tx: DbOrTx, ctx: { actor: Actor | null; correlationId?: string | undefined }, entries: readonly AuditEntry[]): Promise<void> {
  for (const entry of entries) await writeAudit(tx, ctx, entry);
}
