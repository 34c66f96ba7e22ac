/**
 * A full rebuild of the stored obligations (ADR 0007; `npm run obligations:rebuild` and `npm run
 * bench`): every child and household is marked, the stored rows emptied, and the marked sources are
 * derived and written again. On PostgreSQL the work is shared by worker threads, each with its own
 * connections, taking batches off the queue with SKIP LOCKED: deriving is JavaScript on one core per
 * thread, so one thread left the other core to the database alone. The embedded database has one
 * connection in this process, so it is drained here.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Database } from '../data/db.ts';
import { analyzeObligations } from '../data/repositories/obligation-store.ts';
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
};

export type RebuildResult = { marked: number; done: number; threads: number };

/** What a worker is given (rebuild-worker.ts). */
export type RebuildWorkerData = { databaseUrl: string; batch: number; localTimescales: ReturnType<typeof localTimescales> };
/** What a worker says: how many it has done so far, then that it has finished. */
export type RebuildWorkerMessage = { done: number; finished: boolean };

export async function rebuildAllObligations(database: Database, opts: RebuildOptions = {}): Promise<RebuildResult> {
  const marked = await database.db.transaction((tx) => markAllForRebuild(tx));
  opts.onMarked?.(marked);
  const threads = database.kind === 'postgres' && opts.databaseUrl ? Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), 4)) : 1;
  if (threads === 1 || !opts.databaseUrl) {
    const done = await drainObligations(database.db, { batch: REBUILD_BATCH, concurrency: database.kind === 'postgres' ? 2 : 1, onProgress: opts.onProgress });
    return { marked, done, threads: 1 };
  }
  const doneBy = new Array<number>(threads).fill(0);
  const report = () => opts.onProgress?.(doneBy.reduce((a, b) => a + b, 0));
  const data: RebuildWorkerData = { databaseUrl: opts.databaseUrl, batch: REBUILD_BATCH, localTimescales: localTimescales() };
  await Promise.all(
    doneBy.map(
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const worker = startWorker(data);
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
  const done = doneBy.reduce((a, b) => a + b, 0);
  // The planner's statistics: the rebuild replaced the whole table.
  await analyzeObligations(database.db);
  return { marked, done, threads };
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
