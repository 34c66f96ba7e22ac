/**
 * npx tsx scripts/ssda903-agreement.ts --dir OUT [--year 2025-26] [--la E06000025] [--prev DIR] [--validator PATH]
 *
 * A developer check, not part of CI: where the community SSDA903 validator
 * (data-to-insight/csc-validator-be-903, run through its offline harness ssda903-validate) is
 * installed, runs Hearth's checks and the validator on the same exported return (the folder
 * `npm run export:903` writes) and prints, rule by rule, the rows flagged by both, only by Hearth
 * and only by the validator, as a Markdown table. With --prev, last year's export is given to both
 * for the rules that compare years. Exit 0 when it ran (whatever the counts), 2 when it could not.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { agreement, agreementTable, parseCsv, returnFromCsv, VALIDATOR_TABLES, type FileKey, type Flag } from '../src/domain/ssda903/agreement.ts';
import { collectionYear, type CollectionYear, type Return903 } from '../src/domain/ssda903/return-types.ts';
import { RULES, validateReturn } from '../src/domain/ssda903/validation.ts';

/** Known problems of the validator (its harness README and docs/ssda903-agreement.md give the evidence). */
const VALIDATOR_NOTES: Record<string, string> = {
  SW12STG2: 'validator flags every open episode whose RNE is not S (its own unit test says such a row passes); ignored',
  SW11bSTG2: 'validator compares an episode ending 26–31 March with the one before it, not after: see docs/ssda903-agreement.md',
  '392a': 'validator knows UASC only from this and, with --prev, last year’s UASC file; the DfE looks back two years',
  '392b': 'as 392a',
  '503G': 'Hearth compares the postcodes the distance comes from; where UASC status ceased three years before, the DfE’s 406 and 392a/b conflict with it (docs/ssda903-agreement.md)',
  '453': 'as 503G',
};

const USAGE = 'Usage: npx tsx scripts/ssda903-agreement.ts --dir OUT [--year 2025-26] [--la E06000025] [--prev DIR] [--validator PATH]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string' },
    year: { type: 'string', default: '2025-26' },
    la: { type: 'string', default: 'E06000025' },
    prev: { type: 'string' },
    validator: { type: 'string', default: process.env.SSDA903_VALIDATE ?? '/work/shared/tools/ssda903/ssda903-validate' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.dir) fail('--dir is required');
const year = collectionYear(args.year);
if (!year) fail(`--year must be a collection year such as 2025-26, not "${args.year}"`);
if (!fs.existsSync(args.validator)) fail(`The validator is not installed at ${args.validator} (see its README); set --validator or SSDA903_VALIDATE.`);

function readReturn(dir: string, y: CollectionYear): Return903 {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) if (name.endsWith('.csv')) files[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  return returnFromCsv(files, y);
}

// Hearth's checks, on the return as read back from the files.
const current = readReturn(args.dir, year);
const previousYear = collectionYear(`${Number(args.year.slice(0, 4)) - 1}-${args.year.slice(2, 4)}`);
const previous = args.prev && previousYear ? readReturn(args.prev, previousYear) : undefined;
const started = performance.now();
const failures = validateReturn(current, previous);
const hearthMs = performance.now() - started;
const hearth: Flag[] = failures
  .filter((f) => f.file !== undefined && f.rowIndex !== undefined)
  .map((f) => ({ rule: f.rule, table: VALIDATOR_TABLES[f.file as FileKey], row: f.rowIndex as number }));

// The validator, writing its own per-row report.
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssda903-agreement-'));
const endYear = String(Number(args.year.slice(0, 4)) + 1);
const run = spawnSync(args.validator, [args.dir, endYear, '--la', args.la, '--report-dir', reportDir, ...(args.prev ? ['--prev', args.prev] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.status !== 0 && run.status !== 1) fail(`The validator could not run (exit ${run.status}):\n${run.stderr || run.stdout}`);
const summaryLine = (run.stdout.match(/^Rules in ruleset:.*$/m) ?? [''])[0];
const reportFile = path.join(reportDir, 'ChildErrorSummary.csv');
const validator: Flag[] = [];
if (fs.existsSync(reportFile)) {
  const [head, ...rows] = parseCsv(fs.readFileSync(reportFile, 'utf8'));
  const col = (name: string) => head?.indexOf(name) ?? -1;
  const [table, row, code] = [col('Affected Table'), col('Error Row'), col('Error Code')];
  if (table < 0 || row < 0 || code < 0) fail(`Unexpected columns in ${reportFile}: ${head?.join(',')}`);
  for (const r of rows) {
    const t = r[table];
    const i = Number(r[row]);
    const c = r[code];
    if (t && c && Number.isInteger(i)) validator.push({ rule: c, table: t, row: i });
  }
}
fs.rmSync(reportDir, { recursive: true, force: true });

const rows = agreement(hearth, validator);
const hearthRules = new Set(RULES.map((r) => r.rule));
const agreeing = rows.filter((r) => r.onlyHearth === 0 && r.onlyValidator === 0).length;
console.log(
  `SSDA903 ${args.year}, ${args.dir}${args.prev ? ` (with last year's ${args.prev})` : ''}: ${current.header.length} children, ${current.episodes.length} episodes\n` +
    `Hearth: ${RULES.length} rules, ${hearth.length} rows flagged in ${hearthMs.toFixed(0)} ms. Validator: ${summaryLine.trim()}; ${validator.length} rows flagged.\n` +
    `Rules flagged by either: ${rows.length}; flagging exactly the same rows: ${agreeing}.\n`,
);
console.log(agreementTable(rows, hearthRules, VALIDATOR_NOTES));
