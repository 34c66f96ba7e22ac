/**
 * npm run seed -- [--children N] [--reset] [--seed S]
 *
 * Loads the synthetic demo authority into DATABASE_URL, or into the embedded database in DATA_DIR.
 * Refuses (exit 1) while another process (such as the server) holds that DATA_DIR, and refuses to
 * touch a database that already holds records unless --reset is given. Bad arguments exit 2.
 */
import crypto from 'node:crypto';
import { loadConfig } from '../config.ts';
import { setLocalTimescales } from '../domain/deadlines/local-settings.ts';
import { ROLE_LABELS } from '../domain/access/index.ts';
import { todayInEngland } from '../domain/dates.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demo-accounts.ts';
import { EXIT_FAILED, EXIT_OK, describeDatabase, runCommand } from './args.ts';
import { SEED_USAGE, seedOptions } from './options.ts';

await runCommand(SEED_USAGE, async () => {
  const options = seedOptions(process.argv.slice(2));
  if (options.help) {
    console.log(SEED_USAGE);
    return EXIT_OK;
  }
  const config = loadConfig();
  setLocalTimescales(config.localTimescales);
  const children = options.children ?? config.seedChildren;
  const { seed: givenSeed, reset } = options;
  const where = describeDatabase(config);
  if (config.env === 'production') {
    console.error(`Refusing to load demo data with NODE_ENV=production (${where}). Nothing was changed.`);
    return EXIT_FAILED;
  }

  // The database and the demo generator load only once the arguments are good: help and usage errors are quick.
  const [{ sql }, { queryRows }, { openMigratedDatabase }, { loadDemoData }] = await Promise.all([
    import('drizzle-orm'),
    import('../data/db.ts'),
    import('../data/migrate.ts'),
    import('../demo/load.ts'),
  ]);
  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl, dataDir: config.dataDir, holder: 'npm run seed' });
  try {
    const [count] = await queryRows<{ organisations: number; children: number }>(
      database.db,
      sql`select (select count(*) from organisation)::int as organisations, (select count(*) from child)::int as children`,
    );
    if (count && count.organisations > 0 && !reset) {
      console.error(
        `${where} already holds records (${count.organisations} organisations, ${count.children} children). Nothing was changed.\n` +
          'Run again with --reset to replace them with new demo data (the audit log is kept).',
      );
      return EXIT_FAILED;
    }
    // After a reset the audit log still names the old records' ids: a fresh seed gives new ones.
    const seed = givenSeed ?? (reset ? crypto.randomInt(1, 2 ** 31) : undefined);
    const started = performance.now();
    const summary = await loadDemoData(database.db, { children, today: todayInEngland(new Date()), reset, ...(seed === undefined ? {} : { seed }) });
    // The planner's statistics for what was just loaded: without them a large load is read by scanning
    // whole tables until the autovacuum gets round to it.
    await database.db.execute(sql`ANALYZE`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${reset ? 'Replaced the records in' : 'Loaded the synthetic demo authority into'} ${where} in ${seconds} s:\n` +
        `  ${summary.children - summary.leftCare} children in care (${summary.scenarioInCare} of them in the procedures' worked scenarios) and ${summary.leftCare} who have left care, ${summary.households} households, ${summary.placements} placements, ${summary.users} staff (seed ${summary.seed})\n` +
        `Demo sign-ins (password ${DEMO_PASSWORD}; refused when NODE_ENV=production):\n` +
        DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(32)} ${a.name}, ${ROLE_LABELS[a.role]}`).join('\n'),
    );
    return EXIT_OK;
  } finally {
    await database.close();
  }
});
