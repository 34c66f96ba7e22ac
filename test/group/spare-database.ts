/**
 * In a test worker (./queue.ts) files take turns, so a file's in-memory database, once closed, is
 * emptied and kept for the next file instead of the next file unpacking a new one: PGlite takes about
 * a second of CPU to start a database, a quarter of `npm test`'s CPU when every file started its own.
 *
 * Emptying rolls back anything left open, resets the session (settings, advisory locks, temporary
 * tables), and truncates every table but schema_migration with every sequence restarted, as a new
 * database has them. The database is kept only if it is then as it was made: the same tables, columns,
 * triggers (and whether each is enabled), constraints and functions, by a fingerprint of the catalogue taken when it
 * was opened; a file that changed the schema (to prove a trigger refuses something, say) gets its
 * database closed instead. Outside a worker (a file run alone) nothing is kept.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/data/db.ts';
import { openMigratedDatabase } from '../../src/data/migrate.ts';

type WorkerGlobal = { __hearthWorker?: { afterAll: (() => Promise<void>)[] } };

/** The catalogue of the current schema, as one hash: what emptying must leave unchanged. */
async function fingerprint(database: Database): Promise<string> {
  const [row] = await queryRows<{ fp: string }>(
    database.db,
    sql`SELECT md5(coalesce(string_agg(x, ',' ORDER BY x), '')) AS fp FROM (
      SELECT 'c:' || c.relname || ':' || c.relkind::text || ':' || c.relpersistence::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()
      UNION ALL SELECT 'a:' || c.relname || ':' || a.attname || ':' || a.atttypid::text || ':' || a.attnotnull::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped
      UNION ALL SELECT 't:' || c.relname || ':' || t.tgname || ':' || t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()
      UNION ALL SELECT 'p:' || p.proname || ':' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()
      UNION ALL SELECT 'k:' || c.relname || ':' || k.conname || ':' || pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()
      UNION ALL SELECT 'm:' || name FROM schema_migration
    ) s(x)`,
  );
  return row?.fp ?? '';
}

/** Empties the database as described above; true when it is then as it was made. */
async function empty(database: Database, made: string): Promise<boolean> {
  await database.exec('ROLLBACK').catch(() => undefined);
  await database.exec('RESET ALL');
  await database.exec('SELECT pg_advisory_unlock_all()');
  await database.exec('DISCARD TEMP');
  const tables = await queryRows<{ name: string }>(database.db, sql`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migration'`);
  const sequences = await queryRows<{ name: string }>(database.db, sql`SELECT quote_ident(sequencename) AS name FROM pg_sequences WHERE schemaname = current_schema()`);
  // The audit log refuses TRUNCATE by trigger; replica mode lets this one statement past it.
  await database.exec(
    `SET session_replication_role = replica; TRUNCATE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE; ${sequences.map((s) => `ALTER SEQUENCE ${s.name} RESTART;`).join(' ')} RESET session_replication_role;`,
  );
  return (await fingerprint(database)) === made;
}

let spare: { database: Database; made: string } | undefined;

/** An empty migrated in-memory database: the worker's spare when it has one, else a new one. */
export async function inMemoryDatabase(): Promise<Database> {
  const worker = (globalThis as WorkerGlobal).__hearthWorker;
  if (!worker) return openMigratedDatabase({});
  let kept = spare;
  spare = undefined;
  if (!kept) {
    const database = await openMigratedDatabase({});
    kept = { database, made: await fingerprint(database) };
    if (worker.afterAll.length === 0) {
      worker.afterAll.push(async () => {
        const last = spare;
        spare = undefined;
        await last?.database.close();
      });
    }
  }
  const { database, made } = kept;
  return {
    ...database,
    close: async () => {
      if (!spare && (await empty(database, made).catch(() => false))) spare = { database, made };
      else await database.close();
    },
  };
}
