/**
 * Benchmark: the stored obligations of a large authority, on the database the service uses.
 *
 *   createdb hearth_bench
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench npm run seed -- --children 100000 --reset
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench npm run bench
 *
 * Measures, on the records already in the database (it changes them: it rebuilds the obligations and
 * records events; use a database made for it):
 *  1. a full rebuild of every child's and household's obligations (as `npm run obligations:rebuild`),
 *     with the rate per child: one process, two transactions at a time, batches of 500 sources;
 *  2. recording one event through the service (validation, insert, audit row; the triggers mark the
 *     child) and then refreshing that child's stored obligations, the recompute a reader or the
 *     background loop does next: p50/p95/p99 of each part and of the two together;
 *  3. the overdue list (the first 1,000, as the page lists them, and every overdue
 *     obligation, as the CSV has them); the compliance summary of one team (the counts alone, and the
 *     whole dashboard a team manager opens: counts by team, worker and obligation and its lists);
 *     a social worker's "My work" list; one child's obligations.
 * Prints the figures. Options: --runs N (timed repetitions of each read, default 30), --writes N
 * (events recorded, default 200), --skip-rebuild.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { queryRows } from '../src/data/db.ts';
import { openMigratedDatabase } from '../src/data/migrate.ts';
import { complianceCounts } from '../src/data/repositories/obligations.ts';
import { englandAndWales } from '../src/domain/calendar/index.ts';
import { addDays, todayInEngland } from '../src/domain/dates.ts';
import { dueSoonUntil } from '../src/domain/deadlines/index.ts';
import { toActor } from '../src/services/auth.ts';
import { createObligationService, refreshObligations } from '../src/services/obligations.ts';
import { rebuildAllObligations } from '../src/services/obligation-rebuild.ts';
import { appUser } from '../src/data/schema.ts';
import { eq } from 'drizzle-orm';

const { values: args } = parseArgs({ options: { runs: { type: 'string' }, writes: { type: 'string' }, 'skip-rebuild': { type: 'boolean' } } });
const RUNS = Number(args.runs ?? 30);
const WRITES = Number(args.writes ?? 200);

const config = loadConfig();
if (!config.databaseUrl) console.warn('DATABASE_URL is not set: measuring the embedded database in DATA_DIR. The figures in the README are for PostgreSQL.');
const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl, dataDir: config.dataDir, holder: 'npm run bench' });
const db = database.db;
const today = todayInEngland(new Date());
const count = (n: number) => n.toLocaleString('en-GB');
const ms = (n: number) => `${n.toFixed(1)} ms`;

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] ?? NaN };
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const out = await f();
  return [performance.now() - t, out];
}

async function repeat(label: string, f: () => Promise<unknown>, note = ''): Promise<void> {
  await f(); // warm the caches and plans once
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push((await timed(f))[0]);
  const p = percentiles(samples);
  console.log(`  ${label.padEnd(58)} p50 ${ms(p.p50).padStart(9)}  p95 ${ms(p.p95).padStart(9)}  p99 ${ms(p.p99).padStart(9)}${note ? `  ${note}` : ''}`);
}

try {
  const [size] = await queryRows<{ children: number; in_care: number; households: number; placements: number; events: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM child)::int AS children,
      (SELECT count(DISTINCT child_id) FROM legal_status WHERE end_date IS NULL)::int AS in_care,
      (SELECT count(*) FROM household)::int AS households, (SELECT count(*) FROM placement)::int AS placements,
      (SELECT count(*) FROM child_event)::int + (SELECT count(*) FROM household_event)::int AS events`,
  );
  if (!size?.children) throw new Error('The database holds no children: load an authority first (npm run seed -- --children 100000 --reset).');
  console.log(`Hearth obligations benchmark, ${new Date().toISOString().slice(0, 10)}, today ${today}`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node.js ${process.version}; database: ${database.kind}`);
  console.log(
    `Authority: ${count(size.children)} children (${count(size.in_care)} in care now), ${count(size.households)} households, ${count(size.placements)} placements, ${count(size.events)} recorded events`,
  );

  // 1. Full rebuild.
  if (!args['skip-rebuild']) {
    const started = performance.now();
    let total = 0;
    let indexesFrom = 0;
    const { done, threads } = await rebuildAllObligations(database, {
      databaseUrl: config.databaseUrl,
      onMarked: (n) => (total = n),
      onProgress: (n) => process.stderr.isTTY && process.stderr.write(`\r  rebuilding: ${count(n)}/${count(total)}`),
      onIndexes: () => (indexesFrom = performance.now()),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const ended = performance.now();
    const seconds = (ended - started) / 1000;
    const [stored] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM obligation`);
    console.log(`\n1. Full rebuild: ${count(done)} children and households, ${count(stored?.n ?? 0)} obligations, in ${seconds.toFixed(1)} s with ${threads} worker thread${threads > 1 ? 's' : ''}, of which ${((ended - indexesFrom) / 1000).toFixed(1)} s creating the indexes again and analysing the table (${((seconds * 1000) / size.children).toFixed(2)} ms per child; goal ≤ 120 s)`);
  } else {
    await db.transaction((tx) => refreshObligations(tx));
  }

  // 2. Recording one event, then the recompute of that child.
  const people = await queryRows<{ child_id: string; placement_id: string; social_worker_id: string }>(
    db,
    sql`SELECT p.child_id, p.id AS placement_id, c.social_worker_id FROM placement p JOIN child c ON c.id = p.child_id
      WHERE p.status = 'active' AND c.social_worker_id IS NOT NULL
        -- the visits are dated up to 19 days back: a child born or placed since then could not have had one
        AND c.date_of_birth <= ${addDays(today, -20)}::date AND p.start_date <= ${addDays(today, -20)}::date
      ORDER BY md5(p.id::text) LIMIT ${WRITES}`,
  );
  const obligations = createObligationService(db, { today: () => today });
  const actors = new Map<string, ReturnType<typeof toActor>>();
  const actorFor = async (userId: string) => {
    let a = actors.get(userId);
    if (!a) {
      const [u] = await db.select().from(appUser).where(eq(appUser.id, userId));
      if (!u) throw new Error('no such user');
      actors.set(userId, (a = toActor(u)));
    }
    return a;
  };
  const write: number[] = [];
  const recompute: number[] = [];
  const both: number[] = [];
  for (const [n, p] of people.entries()) {
    const ctx = { actor: await actorFor(p.social_worker_id) };
    const [w] = await timed(() =>
      obligations.recordChildEvent(ctx, p.child_id, { kind: 'visit', eventDate: addDays(today, -(n % 20)), placementId: p.placement_id, evidence: 'Benchmark visit (synthetic)' }),
    );
    const [r] = await timed(() => db.transaction((tx) => refreshObligations(tx, { scope: { childIds: [p.child_id], householdIds: [] } })));
    write.push(w);
    recompute.push(r);
    both.push(w + r);
  }
  const show = (label: string, xs: number[]) => {
    const p = percentiles(xs);
    console.log(`  ${label.padEnd(58)} p50 ${ms(p.p50).padStart(9)}  p95 ${ms(p.p95).padStart(9)}  p99 ${ms(p.p99).padStart(9)}`);
  };
  console.log(`\n2. Recording one event (${count(people.length)} visits to children in placements, each then recomputed)`);
  show('the write (service call, audit, trigger marks the child)', write);
  show('the recompute of that child (goal: adds ≤ 20 ms at p95)', recompute);
  show('together', both);

  // 3. Reads.
  const [manager] = await queryRows<{ team_id: string; team: string; children: number }>(
    db,
    sql`SELECT u.team_id, t.name AS team, count(*)::int AS children FROM child c JOIN app_user u ON u.id = c.social_worker_id JOIN team t ON t.id = u.team_id
      GROUP BY u.team_id, t.name ORDER BY count(*) DESC LIMIT 1`,
  );
  const [worker] = await queryRows<{ id: string; children: number }>(
    db,
    sql`SELECT social_worker_id AS id, count(*)::int AS children FROM child WHERE social_worker_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
  );
  const [someone] = people;
  const system = { actor: null };
  const d = { today, dueSoonUntil: dueSoonUntil(today, englandAndWales) };
  const period = { from: addDays(today, -91), to: today };
  const overdue = await obligations.exportRows(system, { status: ['overdue'] });
  console.log(`\n3. Reads (${RUNS} timed runs each, after one to warm up)`);
  await repeat('overdue list, first 1,000 (as the page lists it)', () => obligations.list(system, { status: ['overdue'] }));
  await repeat(`every overdue obligation (${count(overdue.length)}, as the CSV)`, () => obligations.exportRows(system, { status: ['overdue'] }));
  if (manager) {
    await repeat(`team compliance summary (${manager.team}, ${count(manager.children)} children)`, () =>
      complianceCounts(db, { teamId: manager.team_id }, period, d, ['all']),
    );
    await repeat('the whole dashboard for that team', () => obligations.dashboard(system, { ...period, teamId: manager.team_id }));
  }
  await repeat('the whole dashboard for the authority', () => obligations.dashboard(system, period));
  if (worker) await repeat(`"My work" of the busiest social worker (${count(worker.children)} children)`, () => obligations.list(system, { responsibleUserId: worker.id, status: ['overdue', 'due_soon', 'not_yet_due'] }));
  if (someone) await repeat("one child's obligations (the child's page)", () => obligations.list(system, { childId: someone.child_id }));
} finally {
  await database.close();
}
