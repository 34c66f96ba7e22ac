/**
 * Benchmark: the SSDA903 return of a synthetic authority.
 *
 *   npm run bench:903                 # 100,000 children
 *   npm run bench:903 -- 20000        # another size
 *
 * The authority comes from the demo-data generator (src/demo/generate.ts). Its records are
 * assembled into the return by src/domain/ssda903/assemble.ts, as the service does (episodes
 * derived from the legal status and placement histories, then the other files), for the
 * 2025-26 collection year; the return is checked against the validation rules and written as CSV
 * and XML, in memory. Prints time and memory for each step.
 */
import { performance } from 'node:perf_hooks';
import { generateDemoData } from '../src/demo/generate.ts';
import { assembleReturn } from '../src/domain/ssda903/assemble.ts';
import { returnRecordsFrom } from '../src/demo/return-records.ts';
import { collectionYear, type CollectionYear } from '../src/domain/ssda903/return-types.ts';
import { validateReturn } from '../src/domain/ssda903/validation.ts';
import { returnFiles, returnXml } from '../src/domain/ssda903/write.ts';

const children = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(children) || children < 1) {
  console.error('usage: npm run bench:903 -- [number of children]');
  process.exit(2);
}
const today = '2026-11-20';
const year = collectionYear('2025-26') as CollectionYear;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const count = (n: number) => n.toLocaleString('en-GB');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
let peakHeap = 0;
const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));

const t0 = performance.now();
const data = generateDemoData({ children, seed: 2026, today });
sample();
const t1 = performance.now();

// The records as the service reads them from the database.
const records = returnRecordsFrom(data);
const assembled = assembleReturn(records, year, data.homeAuthorityId);
sample();
const t2 = performance.now();
const failures = validateReturn(assembled.ret);
sample();
const t3 = performance.now();
const files = [...returnFiles(assembled.ret), { name: 'ssda903.xml', content: returnXml(assembled.ret) }];
sample();
const t4 = performance.now();

const { ret } = assembled;
const byRule = new Map<string, number>();
for (const f of failures) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.content, 'utf8'), 0);
console.log(`SSDA903 return ${year.label} for a synthetic authority of ${count(data.children.length)} children (${count(data.placements.length)} placements, ${count(data.legalStatuses.length)} legal statuses)`);
console.log(`  generate the records        ${seconds(t1 - t0)}`);
console.log(`  assemble the return         ${seconds(t2 - t1)}   ${count(ret.header.length)} children, ${count(ret.episodes.length)} episodes, ${count(ret.reviews.length)} reviews`);
console.log(`  validate                    ${seconds(t3 - t2)}   ${count(failures.length)} failures (top rules: ${[...byRule].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([r, n]) => `${r} ×${count(n)}`).join(', ') || 'none'})`);
console.log(`  write the CSV and XML files ${seconds(t4 - t3)}   ${files.length} files, ${mb(bytes)}`);
console.log(`  return total (assemble, validate, write) ${seconds(t4 - t1)}`);
const mem = process.memoryUsage();
console.log(`  memory: peak heap used ${mb(peakHeap)}, resident ${mb(mem.rss)}`);
