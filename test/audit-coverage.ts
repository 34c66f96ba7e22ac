/**
 * Run by `npm test` after every test file: each route that declares an audit action must have been
 * seen writing it (test/audit-check.ts records what each test file saw in the directory given), so
 * that every declaration is proved by at least one request, not only read. A route still without such
 * a request is listed in UNPROVED with the reason; the list may only shrink.
 *
 *   node --import tsx test/audit-coverage.ts DIR
 */
import fs from 'node:fs';
import path from 'node:path';
import { testWorld } from './helpers.ts';

/** Routes whose declared action no test yet sees written, each with why (none now: keep it so, or say why here). */
const UNPROVED: Record<string, string> = {};

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: node --import tsx test/audit-coverage.ts DIR');
  process.exit(2);
}
const seen = new Set<string>();
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  for (const route of JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as string[]) seen.add(route);
}
const world = await testWorld();
const declared = world.app.declaredRoutes.filter((r) => r.method !== 'HEAD' && r.access !== undefined && !r.url.startsWith('/assets') && !r.url.startsWith('/api/docs'));
await world.close();

const missing = declared.filter((r) => r.audit !== 'none' && !seen.has(`${r.method} ${r.url}`) && !(`${r.method} ${r.url}` in UNPROVED));
const proved = declared.filter((r) => seen.has(`${r.method} ${r.url}`));
const stale = Object.keys(UNPROVED).filter((k) => seen.has(k));
console.log(`audit as declared: ${proved.length} of ${declared.length} routes seen writing what they declare`);
for (const r of missing) console.error(`  not proved: ${r.method} ${r.url} declares ${r.audit}, and no test saw it written`);
for (const k of stale) console.error(`  proved now, so remove it from UNPROVED: ${k}`);
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = missing.length > 0 || stale.length > 0 ? 1 : 0;
