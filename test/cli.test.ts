/**
 * The command-line tools, run as real processes: npm run seed and npm run token:create on an
 * embedded database in a temporary DATA_DIR (and on PostgreSQL when DATABASE_URL is set).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/data/db.ts';
import { openMigratedDatabase } from '../src/data/migrate.ts';
import { createServices } from '../src/services/index.ts';
import { embeddedEnv, holdDataDir, release, runScript as run } from './cli-helpers.ts';
import { seedOptions, tokenOptions } from '../src/cli/options.ts';
import { UsageError } from '../src/cli/args.ts';

const SEED = 'seed';
const TOKEN = 'token-create';

/** `children`: in care today (no care ending recorded); `leftCare`: those who have left. */
type Counts = { organisations: number; children: number; leftCare: number; placements: number; tokens: number; audit: number };

async function withDatabase<T>(opts: { dataDir?: string; databaseUrl?: string }, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openMigratedDatabase({ ...opts, holder: 'cli test' });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function counts(database: Database): Promise<Counts> {
  const [row] = await queryRows<Counts>(
    database.db,
    sql`select (select count(*) from organisation)::int as organisations,
               (select count(*) from child c where not exists (select 1 from care_ending e where e.child_id = c.id))::int as children,
               (select count(distinct child_id) from care_ending)::int as "leftCare",
               (select count(*) from placement)::int as placements, (select count(*) from api_token)::int as tokens,
               (select count(*) from audit_event)::int as audit`,
  );
  assert.ok(row);
  return row;
}

let dataDir: string;
before(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-'));
});
after(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('bad arguments are refused as usage errors, each with the reason', () => {
  const seedCases: [string[], RegExp][] = [
    [['--children', 'lots'], /--children must be a whole number from 0 to 200000, not "lots"/],
    [['--children', '-5'], /Option '--children' argument is ambiguous/],
    [['--children=-5'], /--children must be a whole number from 0 to 200000, not "-5"/],
    [['--children', '999999'], /--children must be a whole number from 0 to 200000, not "999999"/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['stray'], /Unexpected argument 'stray'/],
    [['--seed', 'x'], /--seed must be a whole number/],
  ];
  for (const [args, reason] of seedCases) {
    assert.throws(() => seedOptions(args), (err: unknown) => err instanceof UsageError && reason.test(err.message), `seed ${args.join(' ')}`);
  }
  const tokenCases: [string[], RegExp][] = [
    [[], /--user EMAIL is required/],
    [['--user', 'admin@demo.hearth.test'], /--name NAME is required/],
    [['--name', 'x'], /--user EMAIL is required/],
    [['--user', '', '--name', 'x'], /--user EMAIL is required/],
    [['--user', 'a@b.test', '--name', 'x', '--extra'], /Unknown option '--extra'/],
  ];
  for (const [args, reason] of tokenCases) {
    assert.throws(() => tokenOptions(args), (err: unknown) => err instanceof UsageError && reason.test(err.message), `token:create ${args.join(' ')}`);
  }
  assert.deepEqual(seedOptions(['--children', ' 12 ', '--reset', '--seed', '7']), { help: false, children: 12, seed: 7, reset: true });
  assert.deepEqual(tokenOptions(['-u', ' a@b.test ', '-n', 'Nightly export']), { help: false, email: 'a@b.test', name: 'Nightly export', days: undefined, scope: undefined });
  assert.deepEqual(tokenOptions(['-u', 'a@b.test', '-n', 'Report', '--days', '30', '--scope', 'read-write']), { help: false, email: 'a@b.test', name: 'Report', days: '30', scope: 'read_write' });
});

test('a command given bad arguments prints the reason and its usage and exits 2 without touching the database', async () => {
  const env = embeddedEnv(dataDir);
  const seed = await run(SEED, ['--children', 'lots'], env);
  assert.equal(seed.code, 2, seed.stderr);
  assert.match(seed.stderr, /--children must be a whole number[^]*Usage: npm run seed/);
  const token = await run(TOKEN, ['--name', 'x'], env);
  assert.equal(token.code, 2, token.stderr);
  assert.match(token.stderr, /--user EMAIL is required[^]*Usage: npm run token:create/);
  assert.ok(!fs.existsSync(path.join(dataDir, 'pgdata')), 'no database was created');
  const help = await run(SEED, ['--help'], env);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--children N/);
});

test('seed loads the demo authority into the embedded database and prints a summary', async () => {
  const r = await run(SEED, ['--children', '60'], embeddedEnv(dataDir));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`embedded database in ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  // The authority asked for, plus the children of the procedures' worked scenarios (said separately).
  const line = /(\d+) children in care \((\d+) of them in the procedures' worked scenarios\) and \d+ who have left care, \d+ households, \d+ placements, \d+ staff \(seed \d+\)/.exec(r.stdout);
  assert.ok(line, r.stdout);
  assert.equal(Number(line[1]) - Number(line[2]), 60);
  assert.ok(Number(line[2]) > 0);
  assert.match(r.stdout, /socialworker@demo\.hearth\.test/);
  assert.ok(!fs.existsSync(path.join(dataDir, 'hearth.lock')), 'the lock is released when the command ends');
  await withDatabase({ dataDir }, async (database) => {
    const c = await counts(database);
    assert.equal(c.children, 60 + Number(line[2]), 'in care: those asked for and the worked scenarios');
    assert.ok(c.leftCare > 0, 'some children have left care');
    assert.equal(c.organisations, 11, 'the home authority, its five neighbours, three agencies, the Virtual School and the adoption agency');
    assert.ok(c.placements > 40);
    const audit = await queryRows<{ action: string; actor_label: string }>(database.db, sql`select action, actor_label from audit_event`);
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_label]),
      [['seed.loaded', 'system']],
    );
  });
});

test('seed refuses to load over existing records without --reset', async () => {
  const before = await withDatabase({ dataDir }, counts);
  const r = await run(SEED, ['--children', '30'], embeddedEnv(dataDir));
  assert.equal(r.code, 1);
  // Every child on the records: the 60 in care and those who have left care.
  assert.match(r.stderr, new RegExp(`already holds records \\(11 organisations, ${before.children + before.leftCare} children\\)\\. Nothing was changed\\.`));
  assert.match(r.stderr, /--reset/);
  assert.deepEqual(await withDatabase({ dataDir }, counts), before);
});

test('token:create prints a token once, which then authenticates as that user', async () => {
  const r = await run(TOKEN, ['--user', 'ADMIN@demo.hearth.test', '--name', 'Nightly export'], embeddedEnv(dataDir));
  assert.equal(r.code, 0, r.stderr);
  const token = r.stdout.trim();
  assert.match(token, /^hth_[A-Za-z0-9_-]{40,}$/, 'stdout holds only the token');
  assert.match(r.stderr, /Created the API token "Nightly export" for ADMIN@demo\.hearth\.test .*; it reads and changes records and expires \d{4}-\d{2}-\d{2}\./);
  assert.match(r.stderr, /shown only this once/);
  const badScope = await run(TOKEN, ['--user', 'admin@demo.hearth.test', '--name', 'Bad', '--scope', 'all'], embeddedEnv(dataDir));
  assert.equal(badScope.code, 1);
  assert.match(badScope.stderr, /Give --scope read or --scope read-write\. Nothing was created\./);
  await withDatabase({ dataDir }, async (database) => {
    const services = createServices(database, { allowDemoAccounts: true });
    const bearer = await services.auth.resolveToken(token);
    assert.equal(bearer?.actor.email, 'admin@demo.hearth.test');
    assert.equal(bearer?.actor.role, 'administrator');
    assert.equal(bearer?.scope, 'read_write', 'reads and changes unless --scope read');
    assert.equal(await services.auth.resolveToken(`${token}x`), null);
    const stored = await queryRows<{ token_hash: string; name: string }>(database.db, sql`select token_hash, name from api_token`);
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.name, 'Nightly export');
    assert.ok(!JSON.stringify(stored).includes(token), 'only a hash of the token is stored');
    const audit = await queryRows<{ actor_label: string; correlation_id: string }>(database.db, sql`select actor_label, correlation_id from audit_event where action = 'token.created'`);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_label, 'system');
    assert.match(audit[0]?.correlation_id ?? '', /^cli-/);
  });
});

test('token:create refuses an unknown user or a bad name with exit 1 and creates nothing', async () => {
  const before = await withDatabase({ dataDir }, counts);
  const unknown = await run(TOKEN, ['--user', 'nobody@demo.hearth.test', '--name', 'x'], embeddedEnv(dataDir));
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /No active user has the e-mail address "nobody@demo\.hearth\.test"/);
  assert.equal(unknown.stdout, '');
  const long = await run(TOKEN, ['--user', 'admin@demo.hearth.test', '--name', 'x'.repeat(101)], embeddedEnv(dataDir));
  assert.equal(long.code, 1);
  assert.match(long.stderr, /100 characters or fewer/);
  assert.equal(long.stdout, '');
  assert.deepEqual(await withDatabase({ dataDir }, counts), before);
});



test('while another process holds the DATA_DIR, seed and token:create refuse with exit 1 and change nothing', async () => {
  const before = await withDatabase({ dataDir }, counts);
  const holder = await holdDataDir(dataDir);
  try {
    const busy = /The embedded database in .+ is in use by another process \(npm start \(server\), pid (\d+)\)\..*Nothing was changed\./s;
    const seed = await run(SEED, ['--children', '20', '--reset'], embeddedEnv(dataDir));
    assert.equal(seed.code, 1, seed.stderr);
    assert.match(seed.stderr, busy);
    assert.equal(busy.exec(seed.stderr)?.[1], String(holder.pid), 'names the holding process');
    const token = await run(TOKEN, ['--user', 'admin@demo.hearth.test', '--name', 'while busy'], embeddedEnv(dataDir));
    assert.equal(token.code, 1, token.stderr);
    assert.match(token.stderr, busy);
    assert.equal(token.stdout, '');
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'hearth.lock'), 'utf8')) as { pid: number };
    assert.equal(lock.pid, holder.pid, 'the holder keeps its lock');
  } finally {
    await release(holder);
  }
  assert.deepEqual(await withDatabase({ dataDir }, counts), before, 'the data is intact');
});

test('seed --reset replaces the records but keeps the audit log', async () => {
  const before = await withDatabase({ dataDir }, async (database) => ({
    ...(await counts(database)),
    childIds: (await queryRows<{ id: string }>(database.db, sql`select id from child`)).map((r) => r.id),
  }));
  const r = await run(SEED, ['--children', '25', '--reset'], embeddedEnv(dataDir));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Replaced the records in the embedded database/);
  const line = /(\d+) children in care \((\d+) of them in the procedures' worked scenarios\)/.exec(r.stdout);
  assert.ok(line, r.stdout);
  assert.equal(Number(line[1]) - Number(line[2]), 25);
  await withDatabase({ dataDir }, async (database) => {
    const after = await counts(database);
    assert.equal(after.children, 25 + Number(line[2]), 'the children in care: those asked for and the worked scenarios');
    assert.equal(after.organisations, 11);
    assert.equal(after.tokens, 0, 'tokens of the old users are gone');
    assert.equal(after.audit, before.audit + 1, 'every earlier audit row is kept, and the reset is recorded');
    const ids = (await queryRows<{ id: string }>(database.db, sql`select id from child`)).map((x) => x.id);
    assert.ok(!ids.some((id) => before.childIds.includes(id)), 'new records get new ids, so old audit rows never point at them');
    const [last] = await queryRows<{ details: { reset: boolean; children: number; leftCare: number; scenarioInCare: number } }>(database.db, sql`select details from audit_event order by id desc limit 1`);
    assert.equal(last?.details.reset, true);
    assert.equal((last?.details.children ?? 0) - (last?.details.leftCare ?? 0) - (last?.details.scenarioInCare ?? 0), 25, 'children in care, as asked');
  });
});

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

test('with DATABASE_URL the commands work on PostgreSQL', { skip: serverUrl ? false : 'set DATABASE_URL to run against PostgreSQL' }, async () => {
  assert.ok(serverUrl);
  const name = `hearth_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env: NodeJS.ProcessEnv = { ...embeddedEnv(path.join(dataDir, 'unused')), DATABASE_URL: url.toString() };
  try {
    const seed = await run(SEED, ['--children', '40'], env);
    assert.equal(seed.code, 0, seed.stderr);
    assert.match(seed.stdout, new RegExp(`PostgreSQL database ${name}`));
    const scenario = Number(/\((\d+) of them in the procedures' worked scenarios\)/.exec(seed.stdout)?.[1]);
    assert.ok(!seed.stdout.includes(url.password || '\u0000'), 'no password in the output');
    const token = await run(TOKEN, ['--user', 'manager@demo.hearth.test', '--name', 'On PostgreSQL'], env);
    assert.equal(token.code, 0, token.stderr);
    await withDatabase({ databaseUrl: url.toString() }, async (database) => {
      assert.equal((await counts(database)).children, 40 + scenario, 'in care: those asked for and the worked scenarios');
      const bearer = await createServices(database, { allowDemoAccounts: true }).auth.resolveToken(token.stdout.trim());
      assert.equal(bearer?.actor.role, 'team_manager');
    });
    assert.ok(!fs.existsSync(path.join(dataDir, 'unused')), 'DATA_DIR is not used when DATABASE_URL is set');
  } finally {
    const a = new pg.Client({ connectionString: serverUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  }
});
