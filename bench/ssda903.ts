/**
 * Benchmark: the SSDA903 return of a synthetic authority.
 *
 *   npm run bench:903                 # 100,000 children
 *   npm run bench:903 -- 20000        # another size
 *   npm run bench:903 -- 100000 --cache /tmp/bench903   # keep the generated records there (the
 *                                     # generator takes minutes at 100,000); later runs reuse them
 *   npm run bench:903 -- 3000 --seed 7 --digest   # another random authority; --digest prints a
 *                                     # SHA-256 of each file written, of the checks' findings and of
 *                                     # the rest of the assembled return (after the timings), so that
 *                                     # two versions of the code can be shown to give the same return
 *
 * `npm run bench:903` bundles this file with esbuild (which comes with tsx) and runs the bundle with
 * node, so that it measures built code as the app runs it from dist/; `npm run bench:903:tsx` runs the
 * TypeScript through tsx as before (tsx wraps every named function as it is made, a cost the built
 * app does not pay).
 *
 * The authority comes from the demo-data generator (src/demo/generate.ts). Its records are
 * assembled into the return by src/domain/ssda903/assemble.ts, as the service does (episodes
 * derived from the legal status and placement histories, then the other files), for the
 * 2025-26 collection year; the return is checked against the validation rules and written as CSV
 * and XML, in memory. Prints time and memory for each step.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';
import { generateDemoData } from '../src/demo/generate.ts';
import { assembleReturn, type ReturnRecords } from '../src/domain/ssda903/assemble.ts';
import { returnRecordsFrom } from '../src/demo/return-records.ts';
import { concurrentPlanningDemoFrom } from '../src/demo/concurrent-planning.ts';
import { collectionYear, type CollectionYear, type Return903 } from '../src/domain/ssda903/return-types.ts';
import { validateReturn } from '../src/domain/ssda903/validation.ts';
import { returnFiles, returnXml } from '../src/domain/ssda903/write.ts';

const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cacheDir = cacheAt >= 0 ? args[cacheAt + 1] : undefined;
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 2026;
const digest = args.includes('--digest');
const positional = args.filter((a, i) => !a.startsWith('--') && (cacheAt < 0 || i !== cacheAt + 1) && (seedAt < 0 || i !== seedAt + 1));
const children = Number(positional[0] ?? 100_000);
if (!Number.isInteger(children) || children < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run bench:903 -- [number of children] [--cache DIR] [--seed N] [--digest]');
  process.exit(2);
}
const today = '2026-11-20';
const year = collectionYear('2025-26') as CollectionYear;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const count = (n: number) => n.toLocaleString('en-GB');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
let peakHeap = 0;
const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));

type Generated = { records: ReturnRecords; homeAuthorityId: string; children: number; placements: number; legalStatuses: number };

/** The generated authority's records as the service reads them from the database (from the cache when there). */
function generated(): Generated & { cached: boolean } {
  const file = cacheDir ? join(cacheDir, `records-${children}-${seed}-${today}.v8`) : undefined;
  if (file && existsSync(file)) return { ...(deserialize(readFileSync(file)) as Generated), cached: true };
  // With the court records of the children under placement orders (the adoption files), as the demo loads them.
  const made = concurrentPlanningDemoFrom(generateDemoData({ children, seed, today }));
  const data = made.data;
  const g: Generated = { records: returnRecordsFrom(data, made.records.proceedings), homeAuthorityId: data.homeAuthorityId, children: data.children.length, placements: data.placements.length, legalStatuses: data.legalStatuses.length };
  if (file && cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, serialize(g));
  }
  return { ...g, cached: false };
}

// Wall-clock time, and the process's CPU time (user + system, every thread: the garbage collector's
// too), which says more than wall-clock time on a shared, busy machine.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t0 = performance.now();
const data = generated();
sample();
const t1 = performance.now();
const c1 = cpuMs();

const { records } = data;
const assembled = assembleReturn(records, year, data.homeAuthorityId);
sample();
const t2 = performance.now();
const c2 = cpuMs();
const failures = validateReturn(assembled.ret);
sample();
const t3 = performance.now();
const c3 = cpuMs();
const files = [...returnFiles(assembled.ret), { name: 'ssda903.xml', content: returnXml(assembled.ret) }];
sample();
const t4 = performance.now();
const c4 = cpuMs();

const { ret } = assembled;
const byRule = new Map<string, number>();
for (const f of failures) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.content, 'utf8'), 0);
console.log(`SSDA903 return ${year.label} for a synthetic authority of ${count(data.children)} children (${count(data.placements)} placements, ${count(data.legalStatuses)} legal statuses)`);
console.log(`  ${data.cached ? 'read the cached records    ' : 'generate the records       '} ${seconds(t1 - t0)}`);
const cpu = (ms: number) => `(CPU ${seconds(ms)})`;
console.log(`  assemble the return         ${seconds(t2 - t1)} ${cpu(c2 - c1)}   ${count(ret.header.length)} children, ${count(ret.episodes.length)} episodes, ${count(ret.reviews.length)} reviews`);
console.log(`  validate                    ${seconds(t3 - t2)} ${cpu(c3 - c2)}   ${count(failures.length)} failures (top rules: ${[...byRule].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([r, n]) => `${r} ×${count(n)}`).join(', ') || 'none'})`);
console.log(`  write the CSV and XML files ${seconds(t4 - t3)} ${cpu(c4 - c3)}   ${files.length} files, ${mb(bytes)}`);
console.log(`  return total (assemble, validate, write) ${seconds(t4 - t1)} ${cpu(c4 - c1)}`);
console.log(`  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os.loadavg()[0]?.toFixed(1)} at the end, Node ${process.version}`);
const mem = process.memoryUsage();
console.log(`  memory: peak heap used ${mb(peakHeap)}, resident ${mb(mem.rss)}`);

if (digest) {
  // After the timings: what the return is, as hashes to compare between two versions of the code.
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  for (const f of files) console.log(`  sha256 ${f.name.padEnd(24)} ${sha(f.content)}`);
  console.log(`  sha256 ${'findings'.padEnd(24)} ${sha(JSON.stringify(failures))}`);
  // The assembled return row by row (one JSON text for the whole of it would be too long a string).
  const each = (label: string, parts: Record<string, unknown>) => {
    const h = createHash('sha256');
    for (const [key, value] of Object.entries(parts)) {
      h.update(`${key}\n`);
      if (Array.isArray(value)) for (const item of value as unknown[]) h.update(`${JSON.stringify(item)}\n`);
      else h.update(`${JSON.stringify(value)}\n`);
    }
    console.log(`  sha256 ${label.padEnd(24)} ${h.digest('hex')}`);
  };
  each('assembled rows', { ...ret });
  each('children, placements, problems', { children: assembled.children, episodePlacementIds: assembled.episodePlacementIds, problems: assembled.problems });

  // The generated authority's return passes nearly every check, so the checks are also run with last
  // year's return (the rules that compare years) and on a copy of both returns damaged at random
  // (fixed seed): about one row in twelve has a field blanked, made up or taken from another row, and
  // some rows are left out or repeated, so that most rules find something.
  const previous = assembleReturn(records, collectionYear('2024-25') as CollectionYear, data.homeAuthorityId).ret;
  const withPrevious = validateReturn(ret, previous);
  console.log(`  sha256 ${'findings, last year given'.padEnd(24)} ${sha(JSON.stringify(withPrevious))}   (${count(withPrevious.length)})`);
  let state = 20261206;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Among them the codes that some rules are about (onlyWith: legal statuses L1–L3, J1, V3, V4, E1, D1;
  // placements K3, R5, S1, P3, T1, T3, A3–A6; UPN UN1, UN4; sex U).
  const JUNK = [null, '', ' ', 'X9', '0', '99', '2025-02-30', '2030-01-01', '1899-12-31', 'A1 1AA', 'P1', 'T0', 'E11', 'PR0', 'SC999999', 'L1', 'L2', 'L3', 'J1', 'K3', 'R5', 'S1', 'P3', 'T1', 'T3', 'Ö1 1ÄA', 'a,"b', 'V3', 'V4', 'E1', 'D1', 'A3', 'A4', 'A5', 'A6', 'UN1', 'UN4', 'U'];
  const damaged = (r: Return903): Return903 => {
    const out: Record<string, unknown> = { year: r.year };
    for (const [key, value] of Object.entries(r)) {
      if (!Array.isArray(value) || key === 'formerlyUasc') {
        if (key !== 'year') out[key] = value;
        continue;
      }
      const rows = value as Record<string, string | null>[];
      const copy: Record<string, string | null>[] = [];
      for (const row of rows) {
        const roll = random();
        if (roll < 0.005) continue;
        const changed = { ...row };
        if (roll < 0.085) {
          const fields = Object.keys(changed).filter((f) => f !== 'CHILD');
          const field = fields[Math.floor(random() * fields.length)] as string;
          const how = random();
          changed[field] = how < 0.5 ? (rows[Math.floor(random() * rows.length)]?.[field] ?? null) : (JUNK[Math.floor(random() * JUNK.length)] ?? null);
        }
        copy.push(changed);
        if (roll > 0.995) copy.push({ ...changed });
      }
      out[key] = copy;
    }
    return out as unknown as Return903;
  };
  // The writer on text that needs care: a copy with about one row in twenty given, in a field other
  // than a date, a value with a comma, quotes, markup, line breaks or characters beyond ASCII.
  const ODD = ['a,b', 'say "hi"', '<K2> & \'x\'', 'line\r\nbreak', 'Ö1 1ÄA', '😀 SC1', '\u0001ctl', ' lead', 'trail ', '\uD800lone'];
  const DATES = /^(DOB|MC_DOB|DECOM|DEC|DUC|REVIEW|MIS_START|MIS_END|SW_DECOM|SW_DEC|DATE_INT|DATE_MATCH|DATE_PLACED|DATE_PLACED_CEASED)$/;
  const odd: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ret)) {
    if (!Array.isArray(value) || key === 'formerlyUasc') {
      odd[key] = value;
      continue;
    }
    odd[key] = (value as Record<string, string | null>[]).map((row) => {
      if (random() >= 0.05) return row;
      const fields = Object.keys(row).filter((f) => !DATES.test(f));
      const field = fields[Math.floor(random() * fields.length)] as string;
      return { ...row, [field]: ODD[Math.floor(random() * ODD.length)] ?? null };
    });
  }
  const oddRet = odd as unknown as Return903;
  const oddFiles = [...returnFiles(oddRet), { name: 'ssda903.xml', content: returnXml(oddRet) }];
  console.log(`  sha256 ${'files, odd text'.padEnd(24)} ${sha(oddFiles.map((f) => `${f.name}\n${f.content}`).join('\n'))}`);

  const damagedFindings = validateReturn(damaged(ret), damaged(previous));
  const rules = new Set(damagedFindings.map((f) => f.rule));
  console.log(`  sha256 ${'findings, damaged return'.padEnd(24)} ${sha(JSON.stringify(damagedFindings))}   (${count(damagedFindings.length)}, ${rules.size} rules)`);
}
