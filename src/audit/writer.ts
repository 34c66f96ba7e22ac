import { PgTransaction } from 'drizzle-orm/pg-core';
import { beforeCommit, type Db, type DbOrTx } from '../data/db.ts';
import { appendAuditRows, type AuditRowInput } from '../data/audit-chain.ts';
import { accessNeededBy, type AuditAction, type SubjectType } from './events.ts';
import { assertCaseload, type CaseloadCheck } from './caseload.ts';
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

/** Rows waiting for the end of their transaction, and the caseload checks they need. */
const pending = new WeakMap<object, { rows: AuditRowInput[]; checks: CaseloadCheck[] }>();

/** What the row needs the caseload access rule to allow, if anything (src/audit/caseload.ts). */
function caseloadCheck(actor: Actor | null, entry: AuditEntry, childIds: readonly string[]): CaseloadCheck | null {
  if (!actor) return null;
  const need = accessNeededBy(entry.action);
  if (need === 'none') return null;
  const householdId = entry.subjectType === 'household' && entry.subjectId ? entry.subjectId : null;
  if (need.startsWith('household') ? !householdId : childIds.length === 0) return null;
  return { actor, need, childIds, householdId };
}

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
  const check = caseloadCheck(ctx.actor, entry, row.childIds);
  const queued = pending.get(tx);
  if (queued) {
    queued.rows.push(row);
    if (check) queued.checks.push(check);
    return;
  }
  const waiting = { rows: [row], checks: check ? [check] : [] };
  if (
    beforeCommit(tx, async () => {
      pending.delete(tx);
      // Caseload access, before anything is kept: a refusal rolls the transaction back.
      await assertCaseload(tx, waiting.checks);
      await appendAuditRows(tx, waiting.rows);
    })
  ) {
    pending.set(tx, waiting);
    return;
  }
  // Not a transaction Hearth opened: check and append now (in a transaction of its own when given the database).
  const append = async (t: DbOrTx) => {
    await assertCaseload(t, waiting.checks);
    await appendAuditRows(t, waiting.rows);
  };
  if (tx instanceof PgTransaction) await append(tx);
  else await (tx as Db).transaction((t) => append(t));
}

/** Writes several audit rows at once, in the same transaction as the changes they record (each joins the chain as writeAudit's do). */
export async function writeAudits(tx: DbOrTx, ctx: { actor: Actor | null; correlationId?: string | undefined }, entries: readonly AuditEntry[]): Promise<void> {
  for (const entry of entries) await writeAudit(tx, ctx, entry);
}
