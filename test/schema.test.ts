import { test } from 'node:test';
import assert from 'node:assert/strict';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { freshDatabase } from './helpers.ts';
import { queryRows } from '../src/data/db.ts';
import * as schema from '../src/data/schema.ts';
import { CHILD_EVENT_KINDS, HOUSEHOLD_EVENT_KINDS } from '../src/domain/deadlines/types.ts';

test('the Drizzle schema mirrors the SQL migrations, table by table and column by column', async () => {
  const database = await freshDatabase();
  try {
    const rows = await queryRows<{ table_name: string; column_name: string; is_nullable: string }>(
      database.db,
      sql`select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public' and table_name <> 'schema_migration'`,
    );
    const inDb = new Map<string, Map<string, boolean>>();
    for (const r of rows) {
      const cols = inDb.get(r.table_name) ?? new Map<string, boolean>();
      cols.set(r.column_name, r.is_nullable === 'YES');
      inDb.set(r.table_name, cols);
    }
    const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
    assert.deepEqual(tables.map((t) => getTableConfig(t).name).sort(), [...inDb.keys()].sort(), 'same tables');
    for (const t of tables) {
      const config = getTableConfig(t);
      const dbCols = inDb.get(config.name)!;
      assert.deepEqual(config.columns.map((c) => c.name).sort(), [...dbCols.keys()].sort(), `columns of ${config.name}`);
      for (const c of config.columns) assert.equal(!c.notNull, dbCols.get(c.name), `nullability of ${config.name}.${c.name}`);
    }
  } finally {
    await database.close();
  }
});

test('the kinds of event the database accepts are exactly those the domain records', async () => {
  const database = await freshDatabase();
  try {
    const check = async (constraint: string) => {
      const [row] = await queryRows<{ def: string }>(database.db, sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = ${constraint}`);
      return [...(row?.def ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
    };
    assert.deepEqual(await check('child_event_kind_check'), Object.keys(CHILD_EVENT_KINDS).sort());
    assert.deepEqual(await check('household_event_kind_check'), Object.keys(HOUSEHOLD_EVENT_KINDS).sort());
  } finally {
    await database.close();
  }
});
