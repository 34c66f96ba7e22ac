/**
 * npm run import:903 -- --dir DIR [--prev DIR] [--register FILE] [--details FILE] [--dry-run] [--la-code NNN --authority NAME]
 *
 * Imports an authority's records from its SSDA903 return files (every .csv file in DIR, each
 * recognised by its columns; last year's in --prev) and its carers' register (--register, or a .csv
 * in DIR with the register's columns) and the children's names (--details, or a .csv in DIR with its
 * columns: docs/children-details.md), into DATABASE_URL or, without it, the embedded database in
 * DATA_DIR. With --dry-run, prints what it would create, update or leave out, with every row error,
 * and changes nothing. Refuses (exit 1) while another process such as the server holds that
 * DATA_DIR. Bad arguments exit 2; row errors exit 1 after importing everything else.
 * How it works: src/services/ssda903-import.ts; the rules: docs/rules/ssda903-import.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openMigratedDatabase } from '../data/migrate.ts';
import { setLocalTimescales } from '../domain/deadlines/local-settings.ts';
import { REGISTER_COLUMNS } from '../domain/records/carers-register.ts';
import { isChildrenDetails } from '../domain/records/children-details.ts';
import { columnsOf, type InputFile } from '../domain/ssda903/read.ts';
import { createServices } from '../services/index.ts';
import { ValidationError } from '../services/errors.ts';
import type { ImportReport } from '../services/ssda903-import.ts';
import { EXIT_FAILED, EXIT_OK, UsageError, describeDatabase, parseOptions, requiredText, runCommand } from './args.ts';

const USAGE = `Usage: npm run import:903 -- --dir DIR [--prev DIR] [--register FILE] [--details FILE] [--dry-run] [--la-code NNN --authority NAME]

Imports an authority's children looked after from its SSDA903 return files and its foster households
from its carers' register, into DATABASE_URL or, without it, the embedded database in DATA_DIR (stop
the server first when it uses the same DATA_DIR). Each file is recognised by its columns: header,
episodes, UASC, reviews, missing and social worker episodes, dates dd/mm/yyyy. Children are created
or updated by CHILD; running it again changes nothing that is already there.

  --dir DIR          this year's return files (every .csv file in DIR)
  --prev DIR         last year's return files, for the history before this year
  --register FILE    the carers' register (template: docs/carers-register.md); by default a .csv file
                     in DIR with the register's columns
  --details FILE     the children's names by CHILD (template: docs/children-details.md; the return
                     holds none); by default a .csv file in DIR with its columns. Without it, children
                     are named "Child" and their CHILD id, marked as name not yet recorded
  --dry-run          check everything and print what would be created, updated or left out; change nothing
  --la-code NNN      the home authority's DfE LA code, when the database has no local authority yet
  --authority NAME   and its name (default "Home authority (imported)")
  --help             show this help`;

function csvFiles(dir: string, what: string): InputFile[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`${what} must be a directory: ${dir}`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort()
    .map((f) => ({ name: path.join(path.basename(dir), f), content: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

const isRegister = (f: InputFile) => columnsOf(f).some((c) => c.trim().toUpperCase() === REGISTER_COLUMNS[0]);
const isDetails = (f: InputFile) => isChildrenDetails(columnsOf(f));

function bar(done: number, total: number, startedMs: number): string {
  const width = 30;
  const share = total ? done / total : 1;
  const filled = Math.round(share * width);
  const seconds = (performance.now() - startedMs) / 1000;
  const rate = seconds > 0 ? Math.round(done / seconds) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} children (${Math.round(share * 100)}%), ${rate}/s`;
}

/** The report as lines of text: files, counts, every row error, and (for a dry run) each child's changes. */
function describeReport(r: ImportReport, maxChanges = 50): string {
  const lines: string[] = [];
  lines.push(r.dryRun ? 'Dry run: nothing was changed. The import would do this:' : `Imported (import ${r.importId}):`);
  for (const f of r.files) lines.push(`  ${f.name}: ${f.kind}${f.year === 'previous' ? ' (last year)' : ''}, ${f.rows} rows`);
  const c = r.children;
  lines.push(`  Children: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.leftOut} left out because of errors${c.failed ? `, ${c.failed} failed` : ''}`);
  if (c.namesNotRecorded) lines.push(`  Names: ${c.namesNotRecorded} child(ren) with no name recorded, named "Child" and their CHILD id until it is (--details FILE, or their social worker records it)`);
  lines.push(`  Placements: ${r.placements.created} created, ${r.placements.linkedToRegister} linked to a household in the register, ${r.placements.householdNotKnown} with the household not known (to link by hand)`);
  lines.push(`  Households: ${r.households.created} created, ${r.households.updated} updated, ${r.households.unchanged} unchanged`);
  lines.push(`  Social workers: ${r.socialWorkers.matched} matched by SW_ID, ${r.socialWorkers.created} created as inactive staff`);
  if (r.errors.length) {
    lines.push(`  ${r.errors.length} row error(s); those rows, and their children, are not imported:`);
    for (const e of r.errors) lines.push(`    ${e.file} line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.message}${e.rule ? ` (DfE rule ${e.rule})` : ''}`);
  }
  const changed = r.changes.filter((x) => x.outcome !== 'unchanged');
  if (r.dryRun && changed.length) {
    lines.push('  Changes by child:');
    for (const x of changed.slice(0, maxChanges)) lines.push(`    ${x.reference}: ${x.outcome}: ${x.changes.join('; ')}`);
    if (changed.length > maxChanges) lines.push(`    … and ${changed.length - maxChanges} more`);
  }
  for (const x of r.changes.filter((y) => y.outcome === 'failed')) lines.push(`  ${x.reference} failed and was not imported: ${x.changes.join('; ')}`);
  lines.push(`  Took ${(r.durationMs / 1000).toFixed(1)} s.`);
  return lines.join('\n');
}

await runCommand(USAGE, async () => {
  const args = parseOptions(process.argv.slice(2), {
    dir: { type: 'string', short: 'd' },
    prev: { type: 'string' },
    register: { type: 'string' },
    details: { type: 'string' },
    'dry-run': { type: 'boolean' },
    authority: { type: 'string' },
    'la-code': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) {
    console.log(USAGE);
    return EXIT_OK;
  }
  const dir = path.resolve(requiredText(args.dir, '--dir DIR'));
  const inDir = csvFiles(dir, '--dir');
  let register = inDir.find(isRegister);
  if (args.register) {
    const file = path.resolve(args.register);
    if (!fs.existsSync(file)) throw new UsageError(`--register: no such file ${file}`);
    register = { name: path.basename(file), content: fs.readFileSync(file, 'utf8') };
  }
  let details = inDir.find(isDetails);
  if (args.details) {
    const file = path.resolve(args.details);
    if (!fs.existsSync(file)) throw new UsageError(`--details: no such file ${file}`);
    details = { name: path.basename(file), content: fs.readFileSync(file, 'utf8') };
  }
  const current = inDir.filter((f) => !isRegister(f) && !isDetails(f));
  const previous = args.prev ? csvFiles(path.resolve(args.prev), '--prev').filter((f) => !isRegister(f) && !isDetails(f)) : undefined;

  const config = loadConfig();
  setLocalTimescales(config.localTimescales);
  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, holder: 'npm run import:903' });
  try {
    const services = createServices(database, { allowDemoAccounts: config.allowDemoAccounts });
    // The command line acts as the system: the audit rows say so.
    const ctx = { actor: null, correlationId: `cli-${crypto.randomUUID()}` };
    const tty = process.stderr.isTTY;
    const started = performance.now();
    let reported = 0;
    let report: ImportReport;
    try {
      report = await services.imports.run(ctx, { current, previous, register, details }, {
        dryRun: args['dry-run'] === true,
        authority: { name: args.authority ?? 'Home authority (imported)', code: args['la-code'] ?? null },
        onProgress: (n, total) => {
          if (tty) process.stderr.write(`\r${bar(n, total, started)}`);
          else if (n === total || n - reported >= 500) process.stderr.write(`${bar((reported = n), total, started)}\n`);
        },
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const e of err.errors) console.error(`${e.message}. Nothing was imported.`);
      return EXIT_FAILED;
    }
    if (tty) process.stderr.write('\n');
    console.log(`${describeDatabase(config)}\n${describeReport(report)}`);
    return report.errors.length || report.children.failed ? EXIT_FAILED : EXIT_OK;
  } finally {
    await database.close();
  }
});
