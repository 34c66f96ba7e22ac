/**
 * `npm run test:durations`: writes ./durations.json from the timings the workers left in the queue
 * directory of the last `npm test` (HEARTH_TEST_QUEUE), so the next runs start the slowest files first.
 * Run it after adding a slow test file; a file missing from durations.json is placed by its size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './queue.ts';

const dir = path.resolve(ROOT, process.argv[2] ?? 'node_modules/.cache/hearth-queue');
const timings: Record<string, number> = {};
for (const f of fs.readdirSync(dir).filter((n) => /^timings-\d+\.json$/.test(n))) {
  Object.assign(timings, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Record<string, number>);
}
const files = Object.keys(timings).sort();
if (files.length === 0) {
  console.error(`No timings in ${dir}: run npm test first.`);
  process.exit(1);
}
const out = path.join(ROOT, 'test', 'group', 'durations.json');
fs.writeFileSync(out, `${JSON.stringify(Object.fromEntries(files.map((f) => [f, timings[f]])), null, 2)}\n`);
console.log(`Wrote the durations of ${files.length} test files to ${path.relative(ROOT, out)}.`);
