/**
 * The stored obligations (ADR 0007): the queue of children and households marked dirty by the
 * triggers of migration 0012, replacing a source's stored rows, and the rules they were derived with.
 */
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db.ts';
import { anyOf } from '../any-of.ts';
import { CopyRows, copyRows } from '../copy.ts';
import type { ObligationInstance } from '../../domain/deadlines/types.ts';
import { obligation, obligationNotComputed, obligationState } from '../schema.ts';

export type SourceType = 'child' | 'household';

/**
 * Takes sources off the dirty queue, oldest first (in `scope`, at most `limit`, skipping rows
 * another transaction holds with `skipLocked`), and returns them.
 */
export async function takeDirtySources(
  db: DbOrTx,
  opts: { limit?: number | undefined; skipLocked?: boolean | undefined; scope?: { childIds: string[] | 'all'; householdIds: string[] | 'all' } | undefined },
): Promise<{ source_type: SourceType; source_id: string; none_stored: boolean }[]> {
  const limit = opts.limit ? sql`LIMIT ${opts.limit}` : sql``;
  const skip = opts.skipLocked ? sql`SKIP LOCKED` : sql``;
  // A reader refreshes only the sources it is about to read (all of them for an authority-wide list).
  const inScope = (type: SourceType, ids: string[] | 'all' | undefined) =>
    ids === undefined || ids === 'all' ? sql`source_type = ${type}` : sql`(source_type = ${type} AND ${anyOf(sql`source_id`, ids)})`;
  const where = opts.scope ? sql`WHERE ${inScope('child', opts.scope.childIds)} OR ${inScope('household', opts.scope.householdIds)}` : sql``;
  return queryRows<{ source_type: SourceType; source_id: string; none_stored: boolean }>(
    db,
    sql`DELETE FROM obligation_dirty WHERE (source_type, source_id) IN (SELECT source_type, source_id FROM obligation_dirty ${where} ORDER BY marked_at ${limit} FOR UPDATE ${skip}) RETURNING source_type, source_id, none_stored`,
  );
}

/** Removes the stored obligations and not-computed notes of some sources. */
export async function deleteStoredFor(db: DbOrTx, type: SourceType, ids: readonly string[]): Promise<void> {
  await db.delete(obligation).where(and(eq(obligation.sourceType, type), anyOf(obligation.sourceId, ids)));
  await db.delete(obligationNotComputed).where(and(eq(obligationNotComputed.sourceType, type), anyOf(obligationNotComputed.sourceId, ids)));
}

/** The columns of obligation in the order StoredObligationRows writes them (uuid and date columns as such, the rest text). */
const OBLIGATION_COLUMNS = ['id', 'source_type', 'source_id', 'obligation_id', 'subject_type', 'subject_id', 'sequence', 'child_id', 'started_on', 'due_on', 'completed_on', 'not_applicable_reason', 'missed_reason', 'explanation', 'responsible_role', 'household_id'];

/**
 * Stored obligations to be written with COPY (src/data/copy.ts) inside the caller's transaction,
 * instead of an INSERT … SELECT from a JSON parameter (the database no longer parses JSON for every
 * row). A rebuild writes millions of rows, so each is added as soon as it is derived, straight into
 * COPY's binary format: nothing is kept of a row but its bytes, so the garbage collector has no rows
 * to carry, and the database reads the uuids and dates as they are stored instead of parsing text.
 */
export class StoredObligationRows {
  readonly data = new CopyRows(OBLIGATION_COLUMNS.length);

  /** One derived instance of `source`'s, with its rule's responsible role and the household it concerns. */
  add(source: { type: SourceType; id: string }, i: ObligationInstance, responsibleRole: string, householdId: string | null): void {
    this.data
      .row()
      .text(i.id)
      .text(source.type)
      .uuid(source.id)
      .text(i.obligationId)
      .text(i.subjectType)
      .text(i.subjectId)
      .text(i.sequence)
      .uuid(i.childId ?? null)
      .date(i.startedOn)
      .date(i.dueOn)
      .date(i.completedOn ?? null)
      .text(i.notApplicableReason ?? null)
      .text(i.missedReason ?? null)
      .text(i.explanation)
      .text(responsibleRole)
      .uuid(householdId);
  }
}

/** Writes the obligations added to `rows`. */
export async function insertStoredObligations(tx: DbOrTx, rows: StoredObligationRows): Promise<void> {
  await copyRows(tx, 'obligation', OBLIGATION_COLUMNS, rows.data);
}

/** Notes that a source's obligations could not be worked out, with why. */
export async function insertNotComputed(db: DbOrTx, rows: readonly { sourceType: SourceType; sourceId: string; reason: string }[]): Promise<void> {
  await db.insert(obligationNotComputed).values([...rows]);
}

/**
 * Marks every child and household dirty and records the rules they will be derived with; returns how
 * many are marked. The stored rows are emptied in the same transaction: every source is marked, so
 * nothing is read before it is derived again, and the rebuild then writes into an empty table instead
 * of deleting millions of rows one source at a time (and leaving them dead in the table and indexes).
 */
export async function markAllDirty(db: DbOrTx, rulesVersion: string): Promise<number> {
  await db.execute(sql`TRUNCATE obligation, obligation_not_computed`);
  // Emptied, so none has rows to delete when it is refreshed (also those already marked).
  await db.execute(sql`INSERT INTO obligation_dirty (source_type, source_id, none_stored) SELECT 'child', id, true FROM child ON CONFLICT (source_type, source_id) DO UPDATE SET none_stored = true`);
  await db.execute(sql`INSERT INTO obligation_dirty (source_type, source_id, none_stored) SELECT 'household', id, true FROM household ON CONFLICT (source_type, source_id) DO UPDATE SET none_stored = true`);
  await db.execute(sql`INSERT INTO obligation_state (singleton, rules_version, rebuilt_at) VALUES (true, ${rulesVersion}, now()) ON CONFLICT (singleton) DO UPDATE SET rules_version = excluded.rules_version, rebuilt_at = now()`);
  return countDirty(db);
}

/** The index every refresh needs (a source's rows are found by it): never parked. */
const SOURCE_INDEX = 'obligation_source_idx';

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Drops the indexes of `obligation` over every row, other than the one by source, keeping their
 * definitions (as the catalogue gives them) in obligation_index_parked to create again; returns the
 * names of all that are parked. Partial indexes (of the open or the missed rows) are kept: few rows go
 * into them, so keeping them up to date as rows are written costs less than creating them again, which
 * reads the whole table each time (at 100,000 children, 3.7 GB: 1.0–1.3 s an index).
 */
export async function parkObligationIndexes(db: DbOrTx): Promise<string[]> {
  await db.execute(
    sql`INSERT INTO obligation_index_parked (name, definition)
      SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_index x ON x.indexrelid = format('%I.%I', i.schemaname, i.indexname)::regclass
      WHERE i.schemaname = current_schema() AND i.tablename = 'obligation' AND i.indexname <> ${SOURCE_INDEX} AND x.indpred IS NULL
      ON CONFLICT (name) DO NOTHING`,
  );
  const parked = await queryRows<{ name: string }>(db, sql`SELECT name FROM obligation_index_parked ORDER BY name`);
  for (const { name } of parked) await db.execute(sql.raw(`DROP INDEX IF EXISTS ${quoted(name)}`));
  return parked.map((p) => p.name);
}

/** The definitions of the parked indexes, to create again. */
export async function parkedObligationIndexes(db: DbOrTx): Promise<{ name: string; definition: string }[]> {
  return queryRows(db, sql`SELECT name, definition FROM obligation_index_parked ORDER BY name`);
}

/**
 * Creates one parked index again (with room to sort in memory: the table holds millions of rows) and
 * forgets it; nothing happens if another process already did.
 */
export async function restoreObligationIndex(db: DbOrTx, index: { name: string; definition: string }): Promise<void> {
  const definition = index.definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ');
  await db.execute(sql`SET LOCAL maintenance_work_mem = '256MB'`);
  await db.execute(sql.raw(definition));
  await db.execute(sql`DELETE FROM obligation_index_parked WHERE name = ${index.name}`);
}

/** How many sources wait on the dirty queue. */
export async function countDirty(db: DbOrTx): Promise<number> {
  const [n] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM obligation_dirty`);
  return n?.n ?? 0;
}

/** The planner's statistics, after a rebuild replaced most of the table. */
export async function analyzeObligations(db: DbOrTx): Promise<void> {
  await db.execute(sql`ANALYZE obligation`);
}

/**
 * Reclaims the queue's dead rows (not in a transaction): a rebuild marks and then takes off every
 * child and household, and where autovacuum is off or slow to come, each rebuild left that many dead
 * rows behind, which every reader's look at the queue then read (at 100,000 children, eight rebuilds
 * left 2 million, 164 MB, in a table with nothing in it).
 */
export async function vacuumDirtyQueue(db: DbOrTx): Promise<void> {
  await db.execute(sql`VACUUM obligation_dirty`);
}

/**
 * The rules the stored rows were derived with (none if never), and whether the rows were lost
 * (none stored and none waiting while there are children: unlogged tables after a crash).
 */
export async function storedRulesState(db: DbOrTx): Promise<{ rulesVersion: string | null; lost: boolean }> {
  const [state] = await db.select().from(obligationState);
  const [lost] = await queryRows<{ lost: boolean }>(
    db,
    sql`SELECT NOT EXISTS (SELECT 1 FROM obligation) AND NOT EXISTS (SELECT 1 FROM obligation_dirty) AND EXISTS (SELECT 1 FROM child) AS lost`,
  );
  return { rulesVersion: state?.rulesVersion ?? null, lost: Boolean(lost?.lost) };
}
