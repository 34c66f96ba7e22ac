/**
 * What chaining the audit log costs (ADR 0011): audited transactions at a time on PostgreSQL, each
 * reading a row and writing one audit row, with the chain (advisory lock, head read, hash, insert)
 * and with a plain insert of the same row into an unchained copy of the table.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/audit-chain.ts [transactions] [concurrency]
 *
 * Uses a throwaway database on DATABASE_URL's server.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openMigratedDatabase } from '../src/data/migrate.ts';
import { writeAudit } from '../src/audit/writer.ts';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('set DATABASE_URL to a PostgreSQL server');
const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 8);
const name = `hearth_bench_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const database = await openMigratedDatabase({ databaseUrl: url.toString() });
try {
  await database.exec('CREATE TABLE audit_plain (LIKE audit_event INCLUDING DEFAULTS); ALTER TABLE audit_plain ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY');
  const details = { q: 'smith', page: 2, count: 25 };
  async function run(label: string, one: (i: number) => Promise<void>) {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) await one(next++);
      }),
    );
    const ms = performance.now() - started;
    console.log(`${label}: ${total} transactions, ${concurrency} at a time: ${Math.round(ms)} ms, ${Math.round((total / ms) * 1000)}/s, ${(ms / total).toFixed(2)} ms each`);
  }
  for (let round = 0; round < 2; round++) {
    await run('plain insert', (i) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select count(*) from schema_migration`);
        await tx.execute(sql`insert into audit_plain (actor_label, action, subject_type, details) values ('bench', 'child.listed', 'child', ${JSON.stringify({ ...details, i })}::jsonb)`);
      }),
    );
    await run('chained      ', (i) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select count(*) from schema_migration`);
        await writeAudit(tx, { actor: null }, { action: 'child.listed', subjectType: 'child', details: { ...details, i } });
      }),
    );
  }
} finally {
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
