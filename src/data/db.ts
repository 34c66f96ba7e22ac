import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.ts';
import { acquireDataDirLock, restrictToOwner, type DataDirLock } from './data-dir-lock.ts';
import { copyTemplateTo, memoryImage } from './pglite-template.ts';
import { MAX_USES, namingClient, statementNamer } from './named-statements.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories take either the database or a transaction. */
export type DbOrTx = Db | Tx;

/** Transactions opened through a Database's `db.transaction` (see beforeCommit). */
const hookable = new WeakSet<object>();
const commitHooks = new WeakMap<object, Array<() => Promise<void>>>();

/**
 * Runs `fn` at the end of transaction `tx`, after its work and just before it commits (an error
 * rolls it back). Returns false, running nothing, when `tx` is not a transaction opened through a
 * Database's `db.transaction` (the caller then does the work at once).
 */
export function beforeCommit(tx: DbOrTx, fn: () => Promise<void>): boolean {
  if (!hookable.has(tx)) return false;
  const hooks = commitHooks.get(tx);
  if (hooks) hooks.push(fn);
  else commitHooks.set(tx, [fn]);
  return true;
}

/**
 * One transaction for everything a piece of work does (a page: ADR 0017). Inside `inOneTransaction`,
 * every `db.transaction` of that database joins the one transaction instead of opening its own: one
 * BEGIN and COMMIT, and the audit rows of all of it checked against caseload access and appended
 * together at the end (src/audit/writer.ts), where each service call used to do all of that itself.
 * `done` once the transaction has ended: work started inside it that runs on afterwards (a timer, a
 * background task) opens its own.
 */
type Shared = { db: Db; tx: Tx; failed: unknown; done: boolean };
const sharing = new AsyncLocalStorage<Shared>();

/** The SQLSTATE of an error the database raised (on the error, or on the cause drizzle wraps); undefined for any other error. */
export function sqlStateOf(err: unknown): string | undefined {
  for (const e of [err, (err as { cause?: unknown } | null)?.cause]) {
    const code = e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Runs `fn` with every transaction it opens on `db` joined into one, committed when `fn` has
 * finished (its beforeCommit hooks, the audit rows among them, run then) and rolled back if it
 * throws. A call inside that throws leaves what it did in the transaction, as a function without a
 * transaction of its own would; but if the database raised the error, the transaction can do
 * nothing more, so the whole of it is rolled back and `fn`'s result is refused with that error,
 * even if `fn` caught it. Inside another, it simply runs `fn` within the outer one.
 */
export async function inOneTransaction<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (sharedWith(db)) return fn();
  return db.transaction(async (tx) => {
    const shared: Shared = { db, tx, failed: undefined, done: false };
    try {
      const result = await sharing.run(shared, fn);
      if (shared.failed !== undefined) throw shared.failed;
      return result;
    } finally {
      shared.done = true;
    }
  });
}

/**
 * `db.transaction`, running the transaction's beforeCommit hooks at its end; inside inOneTransaction
 * the database's every use, `db.transaction` or a query made on `db` directly, goes to the one
 * transaction (a second connection would wait for the first on the embedded database, which has one).
 */
function withCommitHooks(base: Db): Db {
  const transaction = base.transaction.bind(base);
  const wrapped = async <T>(work: (tx: Tx) => Promise<T>, config?: Parameters<Db['transaction']>[1]): Promise<T> => {
    const shared = sharedWith(db);
    if (shared && !config) {
      try {
        return await work(shared.tx);
      } catch (err) {
        // An error the database raised: the transaction cannot go on.
        if (sqlStateOf(err) !== undefined && shared.failed === undefined) shared.failed = err;
        throw err;
      }
    }
    return transaction(async (tx) => {
      hookable.add(tx);
      const result = await work(tx);
      for (let hooks = commitHooks.get(tx); hooks && hooks.length > 0; hooks = commitHooks.get(tx)) {
        commitHooks.delete(tx);
        for (const hook of hooks) await hook();
      }
      return result;
    }, config);
  };
  Object.defineProperty(base, 'transaction', { value: wrapped, configurable: true, writable: true });
  const db: Db = new Proxy(base, {
    get(target, prop, receiver) {
      const shared = prop === 'transaction' ? undefined : sharedWith(db);
      if (!shared) return Reflect.get(target, prop, receiver) as unknown;
      const value = Reflect.get(shared.tx, prop, shared.tx) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(shared.tx) : value;
    },
  });
  return db;
}

/** The transaction of inOneTransaction on this database that the current work is in, if any. */
function sharedWith(db: Db): Shared | undefined {
  const shared = sharing.getStore();
  return shared && shared.db === db && !shared.done ? shared : undefined;
}

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Run a multi-statement SQL script (migrations). */
  exec: (sqlText: string) => Promise<void>;
  /** Run a callback holding an exclusive migration lock (advisory lock on PostgreSQL). */
  withMigrationLock: <T>(fn: () => Promise<T>) => Promise<T>;
  ping: () => Promise<void>;
  close: () => Promise<void>;
};

export type DbOptions = {
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; undefined means in memory (tests). */
  dataDir?: string | undefined;
  /** Who holds the embedded database (for the refusal message of a second process). */
  holder?: string;
};

export async function openDatabase(opts: DbOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir, opts.holder ?? 'hearth');
}

async function openPglite(dataDir: string | undefined, holder: string): Promise<Database> {
  let lock: DataDirLock | undefined;
  let client: PGlite;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    lock = await acquireDataDirLock(dataDir, holder);
    const pgdata = path.join(dataDir, 'pgdata');
    // A new database starts as a copy of the one made at install, if there is one (./pglite-template.ts).
    copyTemplateTo(pgdata);
    restrictToOwner(dataDir);
    client = new PGlite(pgdata);
  } else {
    // In memory (tests): from the template's archive when there is a usable one, else initdb.
    const image = memoryImage();
    client = image ? new PGlite({ loadDataDir: image }) : new PGlite();
  }
  await client.waitReady;
  // Again once PostgreSQL has started (it writes its caches then). Files it makes later are inside
  // directories no one else may open, and are made 0600 at the next start.
  if (dataDir) restrictToOwner(dataDir);
  const db = withCommitHooks(drizzlePglite({ client, schema }) as unknown as Db);
  return {
    db,
    kind: 'pglite',
    exec: async (text) => {
      try {
        await client.exec(text);
      } catch (err) {
        await client.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    withMigrationLock: (fn) => fn(),
    // Through drizzle, so that inside inOneTransaction it joins the transaction: the embedded database's one connection is held by it.
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  // JIT compilation off: it pays off for long analytical queries, but costs a page's whole budget
  // (40–60 ms) on a query the planner merely thinks is large (measured with `npm run bench`).
  // Parallel query off for the same reason: a page's count over a large table was run by three
  // processes, about twice the CPU of one, which many users at once pay in throughput.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
    // Statements prepared once a connection (./named-statements.ts, ADR 0019).
    Client: namingClient(statementNamer()),
    maxUses: MAX_USES,
  });
  let closing = false;
  // An idle connection can be cut by the server (a restart, a dropped database). The pool replaces
  // it on the next query; without a listener the error would end the process.
  pool.on('error', (err) => {
    if (!closing) process.emitWarning(`PostgreSQL connection lost while idle: ${err.message}`);
  });
  const db = withCommitHooks(drizzlePg({ client: pool, schema }) as unknown as Db);
  return {
    db,
    kind: 'postgres',
    exec: async (text) => {
      const conn = await pool.connect();
      try {
        await conn.query(text);
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    withMigrationLock: async (fn) => {
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock(727274)');
        return await fn();
      } finally {
        await conn.query('select pg_advisory_unlock(727274)').catch(() => undefined);
        conn.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      closing = true;
      await pool.end();
    },
  };
}

/** Rows of a raw SQL query, on either driver. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
