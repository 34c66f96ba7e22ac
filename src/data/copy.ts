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

/** null as COPY's text format writes it. */
export const NULL = '\\N';

/** A value as COPY's text format has it: null is \N; backslash, tab, newline and carriage return escaped. */
export function copyField(value: string | number | null): string {
  if (value === null) return NULL;
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/**
 * COPY's text, line by line, written as UTF-8 straight into a buffer that grows as needed. Adding
 * the lines to one string and encoding it at the end was most of the cost of a rebuild's writing:
 * measured on 23,000 obligation lines, 294 ms a batch that way against 48 ms this way (the string,
 * made of thousands of pieces and holding an en dash, is flattened to two bytes a character first).
 */
export class CopyText {
  private buf: Buffer<ArrayBuffer> = Buffer.allocUnsafe(1 << 16);
  private used = 0;

  /** Adds a line, which must end with its newline. */
  add(line: string): void {
    // At most 3 bytes of UTF-8 for each UTF-16 unit.
    const need = this.used + line.length * 3;
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(line, this.used);
  }

  /** The lines so far. */
  bytes(): Buffer<ArrayBuffer> {
    return this.buf.subarray(0, this.used);
  }
}

type PgliteTransaction = { query: (text: string, params?: unknown[], options?: { blob?: Blob }) => Promise<unknown> };

/** The connection under a transaction made by `db.transaction` (drizzle keeps it on the transaction's session). */
function connectionOf(tx: DbOrTx): unknown {
  return (tx as unknown as { session?: { client?: unknown } }).session?.client;
}

/**
 * COPY `text`, lines in COPY's text format (fields escaped with copyField, in `columns`' order,
 * separated by tabs), into `table`, in the
 * transaction `tx` (or on its own, given the database).
 */
export async function copyText(tx: DbOrTx, table: string, columns: readonly string[], text: CopyText): Promise<void> {
  const data = text.bytes();
  if (!data.length) return;
  const target = `${table} (${columns.join(', ')})`;
  const client = connectionOf(tx);
  const copy = (c: pg.ClientBase) => pipeline(Readable.from([data]), c.query(copyFrom(`COPY ${target} FROM STDIN`)));
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
    await (client as PgliteTransaction).query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([data]) });
  } else {
    throw new Error('copyText: not a database or transaction of src/data/db.ts');
  }
}
