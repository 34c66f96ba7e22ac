/**
 * One worker thread of a full rebuild (obligation-rebuild.ts): its own connections to the same
 * PostgreSQL server, draining the marked sources in batches taken with SKIP LOCKED until none is
 * left, derived with the same local timescales as the process that started it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../data/db.ts';
import { setLocalTimescales } from '../domain/deadlines/local-settings.ts';
import { drainObligations } from './obligations.ts';
import type { RebuildWorkerData, RebuildWorkerMessage } from './obligation-rebuild.ts';

if (!parentPort) throw new Error('obligation-rebuild-worker runs only as a worker thread of a rebuild');
const port = parentPort;
const data = workerData as RebuildWorkerData;
setLocalTimescales(data.localTimescales);
const database = await openDatabase({ databaseUrl: data.databaseUrl });
try {
  const say = (m: RebuildWorkerMessage) => port.postMessage(m);
  // Two transactions at a time: while one derives, the other's rows are written by the database.
  const done = await drainObligations(database.db, { batch: data.batch, concurrency: 2, analyze: false, onProgress: (n) => say({ done: n, finished: false }) });
  say({ done, finished: true });
} finally {
  await database.close();
}
