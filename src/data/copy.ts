/**
 * Many rows into one table with COPY, inside the caller's transaction: PostgreSQL parses COPY's text
 * format far more cheaply than an INSERT … SELECT from a JSON parameter (the obligations rebuild
 * writes millions of rows). On PostgreSQL through pg-copy-streams on the transaction's own
 * connection; on PGlite as a blob (`COPY … FROM '/dev/blob'`).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DbOrTx } from './db.ts';

/** A value as COPY's text format has it: null is \N; backslash, tab, newline and carriage return escaped. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/** Rows as COPY's text format: a line each, fields separated by tabs. */
function copyText(rows: Iterable<readonly (string | number | null)[]>): string {
  let out = '';
  for (const row of rows) out += `${row.map(copyField).join('\t')}\n`;
  return out;
}

type PgliteTransaction = { query: (text: string, params?: unknown[], options?: { blob?: Blob }) => Promise<unknown> };

/** The connection under a transaction made by `db.transaction` (drizzle keeps it on the transaction's session). */
function connectionOf(tx: DbOrTx): unknown {
  return (tx as unknown as { session?: { client?: unknown } }).session?.client;
}

/** COPY `rows` into `table` (`columns` in the rows' order), in the transaction `tx` (or on its own, given the database). */
export async function copyInto(tx: DbOrTx, table: string, columns: readonly string[], rows: Iterable<readonly (string | number | null)[]>): Promise<void> {
  const text = copyText(rows);
  if (!text) return;
  const target = `${table} (${columns.join(', ')})`;
  const client = connectionOf(tx);
  const copy = (c: pg.ClientBase) => pipeline(Readable.from([text]), c.query(copyFrom(`COPY ${target} FROM STDIN`)));
  if (client instanceof pg.Client) {
    await copy(client);
  } else if (client instanceof pg.Pool) {
    // Not in a transaction: one connection of the pool for the statement.
    const conn = await client.connect();
    try {
      await copy(conn);
    } finally {
      conn.release();
    }
  } else if (client && typeof (client as PgliteTransaction).query === 'function') {
    await (client as PgliteTransaction).query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
  } else {
    throw new Error('copyInto: not a database or transaction of src/data/db.ts');
  }
}
