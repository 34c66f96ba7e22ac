/**
 * npm run obligations:rebuild
 *
 * Derives every child's and household's obligations again and stores them (ADR 0007): after a change
 * to a rule or to the bank-holiday data, or to check the stored rows against the facts. Shows a
 * progress bar and the count; reports the rate per child. Refuses while another process (such as the
 * server) holds the embedded database's DATA_DIR.
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { setLocalTimescales } from '../domain/deadlines/local-settings.ts';
import { queryRows } from '../data/db.ts';
import { openMigratedDatabase } from '../data/migrate.ts';
import { REBUILD_BATCH, rebuildAllObligations } from '../services/obligation-rebuild.ts';
import { EXIT_OK, describeDatabase, parseOptions, runCommand } from './args.ts';

const USAGE = `Usage: npm run obligations:rebuild

Derives every child's and foster household's statutory obligations again from the records and stores
them, in the database named by DATABASE_URL or, without it, the embedded database in DATA_DIR (stop
the server first when it uses the same DATA_DIR). Run it after changing a rule or the bank-holiday
data; the server also does this by itself when it starts with other rules than the stored rows'.
For speed it drops the obligation table's indexes while it works and creates them again at the end,
so a server on the same PostgreSQL database answers lists of obligations slowly until it finishes:
run it when few people are working.

  --help   show this help`;

function bar(done: number, total: number, startedMs: number): string {
  const width = 30;
  const share = total ? done / total : 1;
  const filled = Math.round(share * width);
  const seconds = (performance.now() - startedMs) / 1000;
  const rate = seconds > 0 ? Math.round(done / seconds) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} children and households (${Math.round(share * 100)}%), ${rate}/s`;
}

await runCommand(USAGE, async () => {
  const args = parseOptions(process.argv.slice(2), { help: { type: 'boolean', short: 'h' } });
  if (args.help) {
    console.log(USAGE);
    return EXIT_OK;
  }
  const config = loadConfig();
  setLocalTimescales(config.localTimescales);
  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl, dataDir: config.dataDir, holder: 'npm run obligations:rebuild' });
  try {
    const started = performance.now();
    const tty = process.stderr.isTTY;
    let total = 0;
    let reported = 0;
    const { done, threads } = await rebuildAllObligations(database, {
      databaseUrl: config.databaseUrl,
      onMarked: (n) => (total = n),
      onProgress: (n) => {
        if (tty) process.stderr.write(`\r${bar(n, total, started)}`);
        else if (n - reported >= REBUILD_BATCH * 20) process.stderr.write(`${bar((reported = n), total, started)}\n`);
      },
      onIndexes: () => process.stderr.write(`${tty ? '\n' : ''}Creating the table's indexes again…\n`),
    });
    const seconds = (performance.now() - started) / 1000;
    const [counts] = await queryRows<{ children: number; obligations: number }>(
      database.db,
      sql`select (select count(*) from child)::int as children, (select count(*) from obligation)::int as obligations`,
    );
    const children = counts?.children ?? 0;
    console.log(
      `Rebuilt the obligations in ${describeDatabase(config)}: ${done} children and households, ${counts?.obligations ?? 0} obligations, in ${seconds.toFixed(1)} s${threads > 1 ? ` (${threads} worker threads)` : ''}` +
        (children ? ` (${((seconds * 1000) / children).toFixed(2)} ms per child)` : '') +
        '.',
    );
    return EXIT_OK;
  } finally {
    await database.close();
  }
});
