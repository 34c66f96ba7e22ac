import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database, type DbOptions } from './db.ts';
import { MIGRATIONS_DIR, migrationFiles } from './migration-files.ts';
import { chainRowsFromBeforeTheChain } from './audit-chain.ts';

/**
 * Applies the checked-in SQL migrations in order, each in its own transaction, recording them in
 * schema_migration. Safe for several processes starting at once on PostgreSQL (advisory lock).
 */
export async function runMigrations(database: Database, opts: { grantTo?: string | undefined } = {}): Promise<string[]> {
  return database.withMigrationLock(async () => {
    await database.exec(
      'CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Set(
      (await queryRows<{ name: string }>(database.db, sql`select name from schema_migration`)).map((r) => r.name),
    );
    const done: string[] = [];
    for (const file of migrationFiles()) {
      if (applied.has(file)) continue;
      const body = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      const name = file.replace(/'/g, "''");
      await database.exec(`BEGIN;\n${body}\n;INSERT INTO schema_migration (name) VALUES ('${name}');\nCOMMIT;`);
      done.push(file);
    }
    // Audit rows written before the hash chain existed are chained once (as the owner: ADR 0011).
    await database.db.transaction((tx) => chainRowsFromBeforeTheChain(tx));
    // The service's own role gets what it may do on every table, new ones included.
    if (opts.grantTo) {
      await database.db.execute(sql`select hearth_grant_runtime(${opts.grantTo})`).catch((err: unknown) => {
        const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
        throw new Error(`Could not grant the service's database role its rights: ${cause instanceof Error ? cause.message : String(cause)}`, { cause: err });
      });
    }
    return done;
  });
}

/** Where to migrate from, when the service runs as another role than the tables' owner. */
export type MigrateOptions = DbOptions & {
  /** The owner's connection (MIGRATION_DATABASE_URL); unset or equal to databaseUrl: one role does both. */
  migrationDatabaseUrl?: string | undefined;
};

/** Open and migrate: what the server and every command do first. */
export async function openMigratedDatabase(opts: MigrateOptions): Promise<Database> {
  const { migrationDatabaseUrl, ...dbOptions } = opts;
  const database = await openDatabase(dbOptions);
  try {
    if (opts.databaseUrl && migrationDatabaseUrl && migrationDatabaseUrl !== opts.databaseUrl) {
      // Migrate as the owner, then grant the service's role (whoever DATABASE_URL signs in as) its rights.
      const [me] = await queryRows<{ role: string }>(database.db, sql`select current_user as role`);
      const owner = await openDatabase({ databaseUrl: migrationDatabaseUrl });
      try {
        await runMigrations(owner, { grantTo: me?.role });
      } finally {
        await owner.close();
      }
    } else {
      await runMigrations(database);
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}
