/**
 * npm run export:903 -- --year 2025-26 --out DIR [--previous | --no-previous]
 *
 * Writes the SSDA903 return for a collection year (header.csv, episodes.csv, uasc.csv,
 * reviews.csv, missing.csv, sw_episodes.csv, ad1.csv, placed_for_adoption.csv and ssda903.xml) into DIR, from DATABASE_URL or, without
 * it, the embedded database in DATA_DIR; checks it against the DfE validation rules (with the
 * previous year's return too, for the rules that compare years, whenever Hearth holds that year's
 * data) and prints a summary. Refuses (exit 1) while another process such as the server holds that DATA_DIR. Bad
 * arguments exit 2. Validation failures do not stop the export: they are counted in the summary,
 * and the reports page (/reports/ssda903) lists them with where to put each right.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { collectionYear } from '../domain/ssda903/return-types.ts';
import { EXIT_FAILED, EXIT_OK, UsageError, describeDatabase, parseOptions, requiredText, runCommand } from './args.ts';

const USAGE = `Usage: npm run export:903 -- --year YYYY-YY --out DIR [--previous | --no-previous]

Writes the SSDA903 (children looked after) return for a collection year, 1 April to 31 March, into
DIR: header.csv, episodes.csv, uasc.csv, reviews.csv, missing.csv, sw_episodes.csv (from 2023-24), ad1.csv, placed_for_adoption.csv
and ssda903.xml. Uses DATABASE_URL or, without it, the embedded database in DATA_DIR (stop the
server first when it uses the same DATA_DIR). Prints the number of children, episodes and
validation failures. The checks that compare years (502, 503A to 503G, 453, 205A, 205B, 205D) compare
with the previous year's return, built from the same records, whenever Hearth holds any of that
year's data.

  --year YYYY-YY  the collection year, for example 2025-26
  --out DIR       the directory to write the files into (created if needed; files there are replaced)
  --previous      compare with the previous year's return even when Hearth holds none of its data
  --no-previous   do not compare with the previous year's return
  --help          show this help`;

await runCommand(USAGE, async () => {
  const args = parseOptions(process.argv.slice(2), {
    year: { type: 'string', short: 'y' },
    out: { type: 'string', short: 'o' },
    previous: { type: 'boolean' },
    'no-previous': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) {
    console.log(USAGE);
    return EXIT_OK;
  }
  if (args.previous && args['no-previous']) throw new UsageError('--previous and --no-previous cannot both be given');
  const label = requiredText(args.year, '--year YYYY-YY');
  if (!collectionYear(label)) throw new UsageError(`--year must be a collection year written like 2025-26, not "${label}"`);
  const out = path.resolve(requiredText(args.out, '--out DIR'));
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new UsageError(`--out must be a directory: ${out} is a file`);

  const config = loadConfig();
  // The database and the services load only once the arguments are good: help and usage errors are quick.
  const [{ openMigratedDatabase }, { createServices }, { ValidationError }] = await Promise.all([
    import('../data/migrate.ts'),
    import('../services/index.ts'),
    import('../services/errors.ts'),
  ]);
  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl, dataDir: config.dataDir, holder: 'npm run export:903' });
  try {
    const services = createServices(database, { allowDemoAccounts: config.allowDemoAccounts });
    // The command line acts as the system: the audit rows say so.
    const ctx = { actor: null, correlationId: `cli-${crypto.randomUUID()}` };
    let exported;
    let check;
    try {
      check = await services.returns.validate(ctx, label, args['no-previous'] ? false : args.previous ? true : 'when-held');
      exported = await services.returns.export(ctx, label);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const e of err.errors) console.error(`${e.message}. Nothing was written.`);
      return EXIT_FAILED;
    }
    fs.mkdirSync(out, { recursive: true });
    for (const file of exported.files) fs.writeFileSync(path.join(out, file.name), file.content, 'utf8');
    const errors = check.failures.filter((f) => f.severity !== 'warning').length;
    const warnings = check.failures.length - errors;
    console.log(
      `SSDA903 return ${exported.year.label} from ${describeDatabase(config)} written to ${out}:\n` +
        `  ${exported.files.map((f) => f.name).join(', ')}\n` +
        `  ${exported.children} children, ${exported.episodes} episodes\n` +
        `  ${check.failures.length} validation failures (${errors} errors, ${warnings} warnings)${check.previousYear ? ', compared with the previous year' : args['no-previous'] ? ', not compared with the previous year (--no-previous)' : ', not compared with the previous year (Hearth holds none of its data)'}\n` +
        `  ${check.problems.length} records that could not be turned into episodes as recorded\n` +
        `  ${exported.oc2Cohort} children looked after continuously for 12 months (OC2's cohort); OC2 and OC3 are not written: their data comes from elsewhere (docs/rules/ssda903-outcomes.md)`,
    );
    return EXIT_OK;
  } finally {
    await database.close();
  }
});
