/**
 * Benchmark: importing an authority's SSDA903 return into an empty database.
 *
 *   npm run bench:import                 # 2,000 children
 *   npm run bench:import -- 20000        # another size
 *   npm run bench:import -- 100000 --cache /tmp/bench-import   # keep the generated files there (the
 *                                        # generator takes minutes at 100,000); later runs reuse them
 *   npm run bench:import -- 100000 --reset-database   # import into DATABASE_URL's own database,
 *                                        # dropped and made again first (else a throwaway one on its server)
 *   npm run bench:import -- 2000 --skip-dry-run       # the import and the import again only
 *
 * The authority comes from the demo-data generator; its 2025-26 and 2024-25 returns are assembled
 * and written as CSV in memory (as Hearth exports them), then imported (services/ssda903-import.ts)
 * into a fresh embedded database, or a database on DATABASE_URL's server. Prints the wall-clock and
 * CPU time of each step (CPU: user + system of this process, every thread; the database server's
 * own time is not in it; on PostgreSQL on this machine the server processes' CPU is printed too), the
 * load average and the peak resident memory, then imports again to time
 * a run that changes nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';
import pg from 'pg';
import { generateDemoData } from '../src/demo/generate.ts';
import { returnRecordsFrom } from '../src/demo/return-records.ts';
import { assembleReturn } from '../src/domain/ssda903/assemble.ts';
import { collectionYear, type CollectionYear } from '../src/domain/ssda903/return-types.ts';
import { returnFiles } from '../src/domain/ssda903/write.ts';
import { openMigratedDatabase } from '../src/data/migrate.ts';
import { queryRows, type Database } from '../src/data/db.ts';
import { sql } from 'drizzle-orm';
import { createServices } from '../src/services/index.ts';
import type { ImportReport } from '../src/services/ssda903-import.ts';
import { freshDatabase } from '../test/helpers.ts';

const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cacheDir = cacheAt >= 0 ? args[cacheAt + 1] : undefined;
const positional = args.filter((a, i) => !a.startsWith('--') && (cacheAt < 0 || i !== cacheAt + 1));
const children = Number(positional[0] ?? 2000);
if (!Number.isInteger(children) || children < 1) {
  console.error('usage: npm run bench:import -- [number of children] [--cache DIR] [--reset-database] [--skip-dry-run]');
  process.exit(2);
}
const resetDatabase = args.includes('--reset-database');
const skipDry = args.includes('--skip-dry-run');
const today = '2026-11-20';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-GB');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

type Files = { current: { name: string; content: string }[]; previous: { name: string; content: string }[] };

/** The return files of the generated authority (from the cache when there). */
function returnFilesOf(): Files & { cached: boolean } {
  const file = cacheDir ? join(cacheDir, `import-files-${children}-2026-${today}.v8`) : undefined;
  if (file && existsSync(file)) return { ...(deserialize(readFileSync(file)) as Files), cached: true };
  const data = generateDemoData({ children, seed: 2026, today });
  const records = returnRecordsFrom(data);
  const files = (label: string, prefix: string) =>
    returnFiles(assembleReturn(records, collectionYear(label) as CollectionYear, data.homeAuthorityId).ret).map((f) => ({ name: `${prefix}${f.name}`, content: f.content }));
  const made: Files = { current: files('2025-26', ''), previous: files('2024-25', 'prev/') };
  if (file && cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, serialize(made));
  }
  return { ...made, cached: false };
}

/** DATABASE_URL's own database, dropped and made again, migrated (and left there afterwards to look at). */
async function resetDatabaseAtUrl(): Promise<Database> {
  const at = process.env.DATABASE_URL;
  if (!at) throw new Error('--reset-database needs DATABASE_URL');
  const url = new URL(at);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`--reset-database: not a database name this bench will drop: ${name}`);
  const server = new URL(at);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return openMigratedDatabase({ databaseUrl: at });
}

/**
 * The CPU time of the database server's processes serving this database (PostgreSQL on this machine
 * only: read from /proc), sampled every second so that a connection the pool closes still counts.
 * Undefined for the embedded database or when /proc cannot be read.
 */
function serverCpu(database: Database) {
  if (database.kind !== 'postgres' || !existsSync('/proc/self/stat')) return undefined;
  const tick = 100; // USER_HZ on Linux
  const seen = new Map<number, number>();
  const sampleNow = async () => {
    const rows = await queryRows<{ pid: number }>(database.db, sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        const ms = ((Number(fields[11]) || 0) + (Number(fields[12]) || 0)) * (1000 / tick);
        seen.set(pid, Math.max(seen.get(pid) ?? 0, ms));
      } catch {
        // the process ended between the query and the read
      }
    }
  };
  const total = () => [...seen.values()].reduce((a, b) => a + b, 0);
  let timer: NodeJS.Timeout | undefined;
  return {
    start: async () => {
      await sampleNow();
      timer = setInterval(() => void sampleNow().catch(() => undefined), 1000);
    },
    /** Milliseconds of server CPU so far. */
    now: async () => {
      await sampleNow();
      return total();
    },
    stop: () => clearInterval(timer),
  };
}

const t = performance.now();
const { current, previous, cached } = returnFilesOf();
console.log(`${cached ? 'read the cached files' : 'generated the files'} in ${seconds(performance.now() - t)}`);
const database = resetDatabase ? await resetDatabaseAtUrl() : await freshDatabase();
try {
  const services = createServices(database, { allowDemoAccounts: false, today: () => today });
  const ctx = { actor: null, correlationId: 'bench-import' };
  const authority = { name: 'Benchmark authority', code: '999' };
  const server = serverCpu(database);
  await server?.start();
  /** Runs one step and prints its line; the report is let go afterwards (as a real import's would be), so the peak memory is one run's. */
  const step = async (label: string, dryRun: boolean, describe: (r: ImportReport) => string) => {
    const t0 = performance.now();
    const c0 = cpuMs();
    const s0 = await server?.now();
    const what = describe(await services.imports.run(ctx, { current, previous }, { dryRun, authority }));
    const s1 = await server?.now();
    const wall = performance.now() - t0;
    const cpu = cpuMs() - c0;
    const serverPart = s0 === undefined || s1 === undefined ? '' : `, database server CPU ${seconds(s1 - s0)}`;
    console.log(`  ${label.padEnd(14)} ${seconds(wall).padStart(8)} (CPU ${seconds(cpu)}${serverPart}, load average ${load()} at the end)   ${what}`);
  };
  console.log(`Import of a synthetic authority's SSDA903 return (2025-26 and 2024-25; ${database.kind}; ${count(children)} children in the generator's terms):`);
  if (!skipDry) await step('dry run', true, (r) => `${count(r.children.created)} children would be created, ${count(r.placements.created)} placements`);
  await step('import', false, (r) => `${count(r.children.created)} children, ${count(r.placements.created)} placements created; ${r.children.failed} failed`);
  await step('import again', false, (r) => `${count(r.children.unchanged)} children unchanged, ${r.children.updated} updated`);
  console.log(`  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`);
  console.log(`  memory: peak resident ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB${cached ? '' : ' (generating the authority included: run again with --cache for the import alone)'}`);
  server?.stop();
} finally {
  await database.close();
}
