/**
 * Inserting many rows at once, as one JSON parameter per chunk (the demo load and the import from the
 * SSDA903 return): building and binding one parameter per value was most of their time.
 */
import { getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { PgJson, PgJsonb, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './db.ts';

/** Rows per INSERT statement (the whole chunk is one JSON parameter, so the parameter limit does not apply). */
const CHUNK = 5000;

/**
 * Inserts rows as drizzle's `tx.insert(table).values(rows)` would, in the same order, but each chunk
 * of rows travels as one JSON parameter expanded by `json_populate_recordset`, instead of one bound
 * parameter per value: building and binding hundreds of thousands of parameters was most of the
 * demo load's time. Each value goes through its column's own mapping to the driver (dates, timestamps,
 * arrays), JSON columns keep their value, and a value left undefined takes the column's default (a run
 * of rows filling the same columns is one statement naming just those columns). PostgreSQL and PGlite.
 */
export async function insertRows<T extends PgTable>(tx: DbOrTx, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]: [string, PgColumn]) => ({
    key,
    column,
    json: is(column, PgJsonb) || is(column, PgJson),
    madeInJs: column.defaultFn !== undefined || column.onUpdateFn !== undefined,
  }));
  type Column = (typeof columns)[number];
  let run: { filled: Column[]; key: string; rows: Record<string, unknown>[] } | undefined;
  const flush = async () => {
    if (!run || run.rows.length === 0) return;
    const names = sql.join(
      run.filled.map((c) => sql.identifier(c.column.name)),
      sql`, `,
    );
    await tx.execute(sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(run.rows)}::json)`);
    run.rows = [];
  };
  for (const row of rows as readonly Record<string, unknown>[]) {
    const filled = columns.filter((c) => row[c.key] !== undefined);
    const key = filled.map((c) => c.key).join();
    if (!run || run.key !== key || run.rows.length >= CHUNK) {
      await flush();
      const unfilled = columns.find((c) => c.madeInJs && row[c.key] === undefined);
      if (unfilled) throw new Error(`insertRows: ${getTableName(table)}.${unfilled.column.name} has a default made in JavaScript; give it a value`);
      run = { filled, key, rows: [] };
    }
    const out: Record<string, unknown> = {};
    for (const { key: k, column, json } of filled) {
      const value = row[k];
      const driver: unknown = value === null || json ? value : column.mapToDriverValue(value);
      if (!json && driver !== null && typeof driver === 'object') {
        throw new Error(`insertRows: ${getTableName(table)}.${column.name} goes to the database as an object; insert that table with tx.insert`);
      }
      out[column.name] = driver;
    }
    run.rows.push(out);
  }
  await flush();
}
