/**
 * A full rebuild of the stored obligations (ADR 0007; `npm run obligations:rebuild` and `npm run
 * bench`): every child and household is marked, the stored rows emptied and the table's indexes but
 * the one by source dropped (migration 0056: keeping them up to date row by row cost the database
 * more than building them at the end), the marked sources derived and written again, and the indexes
 * created again. On PostgreSQL the work is shared by worker threads, each with its own
 * connections, taking batches off the queue with SKIP LOCKED: deriving is JavaScript on one core per
 * thread, so one thread left the other core to the database alone. The embedded database has one
 * connection in this process, so it is drained here.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Database } from '../data/db.ts';
import { analyzeObligations, parkObligationIndexes, parkedObligationIndexes, restoreObligationIndex, vacuumDirtyQueue } from '../data/repositories/obligation-store.ts';
import { localTimescales } from '../domain/deadlines/local-settings.ts';
import { drainObligations, markAllForRebuild } from './obligations.ts';

/** Sources refreshed per transaction. */
export const REBUILD_BATCH = 500;

export type RebuildOptions = {
  /** The PostgreSQL server the workers connect to (the same as `database`'s); none for the embedded database. */
  databaseUrl?: string | undefined;
  /** Worker threads on PostgreSQL; by default one per core, at most 4. */
  threads?: number | undefined;
  /** Called once every source is marked, with how many. */
  onMarked?: ((marked: number) => void) | undefined;
  /** Called with how many sources are done so far. */
  onProgress?: ((done: number) => void) | undefined;
  /** Called when every source is derived and the indexes are being created again. */
  onIndexes?: (() => void) | undefined;
};

export type RebuildResult = { marked: number; done: number; threads: number };

/** What a worker is given (obligation-rebuild-worker.ts). */
export type RebuildWorkerData = { databaseUrl: string; batch: number; localTimescales: ReturnType<typeof localTimescales> };
/** What a worker says: how many it has done so far, then that it has finished. */
export type RebuildWorkerMessage = { done: number; finished: boolean };

export async function rebuildAllObligations(database: Database, opts: RebuildOptions = {}): Promise<RebuildResult> {
  // Indexes left parked by a rebuild that stopped are part of this one's.
  const marked = await database.db.transaction(async (tx) => {
    await parkObligationIndexes(tx);
    return markAllForRebuild(tx);
  });
  opts.onMarked?.(marked);
  try {
    // Worker threads need a server to connect to: the embedded database is this process's.
    const url = database.kind === 'postgres' ? opts.databaseUrl : undefined;
    const threads = url ? Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), 4)) : 1;
    const done = url && threads > 1 ? await drainOnWorkers(url, threads, opts) : await drainHere(database, opts);
    opts.onIndexes?.();
    return { marked, done, threads };
  } finally {
    // Also when the drain failed: pages need the indexes more than the rebuild needed them gone.
    await restoreObligationIndexes(database);
    // The planner's statistics: the rebuild replaced the whole table.
    await analyzeObligations(database.db);
    // The queue's rows the rebuild marked and took, dead now.
    await vacuumDirtyQueue(database.db);
  }
}

/**
 * Creates again the indexes a rebuild parked (all of them, or those a stopped rebuild left), two at
 * a time on PostgreSQL (building one index is mostly one process sorting). Returns how many.
 */
export async function restoreObligationIndexes(database: Database): Promise<number> {
  const parked = await parkedObligationIndexes(database.db);
  const lanes = database.kind === 'postgres' ? 2 : 1;
  let next = 0;
  const lane = async () => {
    for (let index = parked[next++]; index; index = parked[next++]) {
      const one = index;
      await database.db.transaction((tx) => restoreObligationIndex(tx, one));
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return parked.length;
}

function drainHere(database: Database, opts: RebuildOptions): Promise<number> {
  return drainObligations(database.db, { batch: REBUILD_BATCH, concurrency: database.kind === 'postgres' ? 2 : 1, analyze: false, onProgress: opts.onProgress });
}

async function drainOnWorkers(databaseUrl: string, threads: number, opts: RebuildOptions): Promise<number> {
  const doneBy = new Array<number>(threads).fill(0);
  const total = () => doneBy.reduce((a, b) => a + b, 0);
  const report = () => opts.onProgress?.(total());
  const data: RebuildWorkerData = { databaseUrl, batch: REBUILD_BATCH, localTimescales: localTimescales() };
  const workers = doneBy.map(() => startWorker(data));
  try {
    await Promise.all(
      workers.map(
        (worker, i) =>
          new Promise<void>((resolve, reject) => {
            let finished = false;
            worker.on('message', (m: RebuildWorkerMessage) => {
              doneBy[i] = m.done;
              finished ||= m.finished;
              report();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 && finished ? resolve() : reject(new Error(`An obligations rebuild worker stopped (exit code ${code}) before the queue was empty`))));
          }),
      ),
    );
  } catch (err) {
    // One failed: the others stop too (what they took and did not finish stays marked, rolled back).
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }
  return total();
}

/**
 * The worker runs what this module runs: the compiled .js when the service runs from dist/, the
 * TypeScript through tsx otherwise (registered in the worker itself: a thread does not inherit a
 * loader).
 */
function startWorker(data: RebuildWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./obligation-rebuild-worker.js', import.meta.url), { workerData: data });
  const entry = new URL('./obligation-rebuild-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}
