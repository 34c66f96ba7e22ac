import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

export type VersionedUpdateResult = 'updated' | 'stale' | 'missing';

/**
 * Optimistic concurrency: update a row only if it still has the version the user opened.
 * Returns 'stale' (someone else saved first) or 'missing' instead of overwriting anything.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: DbOrTx,
  table: T,
  id: string,
  expectedVersion: number,
  values: Record<string, unknown>,
): Promise<VersionedUpdateResult> {
  const set: Record<string, unknown> = { ...values, version: sql`${table.version} + 1` };
  if ('updatedAt' in table) set.updatedAt = new Date();
  const updated = await tx
    .update(table)
    .set(set as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)) as SQL)
    .returning({ id: table.id });
  if (updated.length > 0) return 'updated';
  const exists = await tx.select({ id: table.id }).from(table as PgTable).where(eq(table.id, id));
  return exists.length > 0 ? 'stale' : 'missing';
}

/** Escape % and _ for a LIKE pattern. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
