import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database, type DbOptions } from './db.ts';
import { MIGRATIONS_DIR, migrationFiles } from './migration-files.ts';

/**
 * Applies the checked-in SQL migrations in order, each in its own transaction, recording them in
 * schema_migration. Safe for several processes starting at once on PostgreSQL (advisory lock).
 */
export async function runMigrations(database: Database): Promise<string[]> {
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
    return done;
  });
}

/** Open and migrate: what the server and every command do first. */
export async function openMigratedDatabase(opts: DbOptions): Promise<Database> {
  const database = await openDatabase(opts);
  try {
    await runMigrations(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}
