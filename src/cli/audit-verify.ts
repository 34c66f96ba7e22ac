/**
 * npm run audit:verify
 *
 * Walks the audit log's hash chain (ADR 0011) and prints "chain intact, N rows" with the last link's
 * hash (keep it somewhere else: a later run that does not reach it shows the log was rewritten), or
 * the first broken link: the row, and what differs. Exits 1 when the chain is broken. Reads only;
 * works on DATABASE_URL or the embedded database in DATA_DIR (refused while the server holds it).
 */
import { loadConfig } from '../config.ts';
import { openMigratedDatabase } from '../data/migrate.ts';
import { describeChainReport, verifyAuditChain } from '../audit/verify.ts';
import { EXIT_FAILED, EXIT_OK, describeDatabase, parseOptions, runCommand } from './args.ts';

const USAGE = `Usage: npm run audit:verify

Checks that no audit row was changed, removed or inserted out of place since it was written: each
row holds the hash of its content and of the row before. Prints "chain intact, N rows" and the last
link's hash, or the first broken link and what differs (exit code 1). Uses DATABASE_URL or, without
it, the embedded database in DATA_DIR (stop the server first when it uses the same DATA_DIR).

  --help   show this help`;

await runCommand(USAGE, async () => {
  const args = parseOptions(process.argv.slice(2), { help: { type: 'boolean', short: 'h' } });
  if (args.help) {
    console.log(USAGE);
    return EXIT_OK;
  }
  const config = loadConfig();
  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl, dataDir: config.dataDir, holder: 'npm run audit:verify' });
  try {
    const report = await verifyAuditChain(database.db);
    const line = `${describeChainReport(report)} (${describeDatabase(config)})`;
    if (report.intact) {
      console.log(line);
      return EXIT_OK;
    }
    console.error(line);
    return EXIT_FAILED;
  } finally {
    await database.close();
  }
});
