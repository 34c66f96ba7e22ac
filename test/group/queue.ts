/**
 * `npm test`'s runner: a few worker processes (./worker-1.ts …, started side by side by `node --test`)
 * take the test files from one queue, the slowest first, each file as soon as a worker is free. Starting
 * Node, the TypeScript loader and the application's modules once per worker instead of once per file
 * saves most of a second of CPU per file, and taking work from a queue keeps both cores busy to the end
 * whichever files turn out slow on the day.
 *
 * Each file runs as a suite of its own (./hooks.ts), one file at a time in each worker, so a file's
 * `before` and `after` belong to it and only one file's database is open at a time in a worker.
 *
 * The queue is a directory (HEARTH_TEST_QUEUE, made empty by `npm test`): a worker takes a file by
 * creating a directory named after it, which only one process can do. Without HEARTH_TEST_QUEUE a
 * worker runs every file itself. A single file still runs on its own: `node --import tsx --test test/x.test.ts`.
 *
 * The order comes from ./durations.json (seconds each file took, written by `npm run test:durations`
 * from a run's timings); a file not listed there is placed by its size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DURATIONS = path.join(ROOT, 'test', 'group', 'durations.json');
/** Seconds a file not yet in durations.json is expected to take for each kilobyte of its source. */
const SECONDS_PER_KB = 0.6;

/** Which files a run takes: every test (`all`), or only the database and route tests in test/ (`db`). */
export type TestSet = 'all' | 'db';

/** The test files of a set, as paths from the project's root with forward slashes. */
export function testFiles(set: TestSet): string[] {
  const inTest = fs
    .readdirSync(path.join(ROOT, 'test'))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/${f}`);
  if (set === 'db') return inTest.sort();
  const inSrc = (fs.readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `src/${f.split(path.sep).join('/')}`);
  return [...inTest, ...inSrc].sort();
}

/** Seconds each file took when durations.json was last written. */
export function recordedDurations(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(DURATIONS, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** The files, the slowest expected first (ties by name): the order every worker takes them in. */
export function queueOrder(files: string[], durations: Record<string, number> = recordedDurations()): string[] {
  const expected = (file: string) => durations[file] ?? (fs.statSync(path.join(ROOT, file)).size / 1024) * SECONDS_PER_KB;
  const withCost = files.map((file) => ({ file, cost: expected(file) }));
  return withCost.sort((a, b) => b.cost - a.cost || a.file.localeCompare(b.file)).map((f) => f.file);
}

/** Takes `file` from the queue in `dir`: true for exactly one process however many try. */
export function take(dir: string, file: string): boolean {
  try {
    fs.mkdirSync(path.join(dir, file.replace(/[/\\]/g, '__')));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

type SuiteGlobal = { __hearthLastSuite?: Promise<unknown>; __hearthWorker?: { afterAll: (() => Promise<void>)[] } };

/** Runs files from the queue until it is empty, each to its end before taking the next. */
export async function runWorker(): Promise<void> {
  register('./hooks.ts', import.meta.url);
  const set: TestSet = process.env.HEARTH_TEST_SET === 'db' ? 'db' : 'all';
  const dir = process.env.HEARTH_TEST_QUEUE;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const timings: Record<string, number> = {};
  // Lets the files' helpers know they take turns in one process (./spare-database.ts), and close what they keep at the end.
  const worker = { afterAll: [] as (() => Promise<void>)[] };
  (globalThis as SuiteGlobal).__hearthWorker = worker;
  for (const file of queueOrder(testFiles(set))) {
    if (dir && !take(dir, file)) continue;
    const started = performance.now();
    const g = globalThis as SuiteGlobal;
    g.__hearthLastSuite = undefined;
    await import(pathToFileURL(path.join(ROOT, file)).href);
    const suite = g.__hearthLastSuite;
    if (!suite) throw new Error(`${file} registered no suite: is it a test file?`);
    await suite;
    timings[file] = Math.round((performance.now() - started) / 100) / 10;
  }
  for (const close of worker.afterAll) await close();
  if (dir) fs.writeFileSync(path.join(dir, `timings-${process.pid}.json`), JSON.stringify(timings));
}
