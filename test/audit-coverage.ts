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
import { ANSWER_COVERAGE_PREFIX } from './response-check.ts';
import { paths } from '../src/http/paths.ts';

/** Routes whose declared action no test yet sees written, each with why (none now: keep it so, or say why here). */
const UNPROVED: Record<string, string> = {};

/** API operations answering JSON that no test yet sees succeed (so their answer is not yet checked against its schema), each with why. */
const UNANSWERED: Record<string, string> = {};

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: node --import tsx test/audit-coverage.ts DIR');
  process.exit(2);
}
const seen = new Set<string>();
const answered = new Set<string>();
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  for (const route of JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as string[]) (file.startsWith(ANSWER_COVERAGE_PREFIX) ? answered : seen).add(route);
}
const world = await testWorld();
const declared = world.app.declaredRoutes.filter((r) => r.method !== 'HEAD' && r.access !== undefined && !r.url.startsWith('/assets') && !r.url.startsWith('/api/docs'));
// API operations answering JSON on success: each answer a test sees is checked against its schema (test/response-check.ts).
const openapi = (await world.app.inject({ method: 'GET', url: paths.api.openapi })).json() as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>> };
const jsonOperations = Object.entries(openapi.paths).flatMap(([url, ops]) =>
  Object.entries(ops)
    .filter(([, op]) => Object.entries(op.responses ?? {}).some(([status, r]) => /^2/.test(status) && r.content?.['application/json']))
    .map(([method]) => `${method.toUpperCase()} ${url.replace(/\{(\w+)\}/g, ':$1')}`),
);
await world.close();

const missing = declared.filter((r) => r.audit !== 'none' && !seen.has(`${r.method} ${r.url}`) && !(`${r.method} ${r.url}` in UNPROVED));
const proved = declared.filter((r) => seen.has(`${r.method} ${r.url}`));
const stale = Object.keys(UNPROVED).filter((k) => seen.has(k));
console.log(`audit as declared: ${proved.length} of ${declared.length} routes seen writing what they declare`);
for (const r of missing) console.error(`  not proved: ${r.method} ${r.url} declares ${r.audit}, and no test saw it written`);
for (const k of stale) console.error(`  proved now, so remove it from UNPROVED: ${k}`);

const unanswered = jsonOperations.filter((op) => !answered.has(op) && !(op in UNANSWERED));
const answeredNow = Object.keys(UNANSWERED).filter((k) => answered.has(k));
console.log(`answers as declared: ${jsonOperations.length - jsonOperations.filter((op) => !answered.has(op)).length} of ${jsonOperations.length} JSON operations seen answering as their schema says`);
for (const op of unanswered) console.error(`  not proved: ${op}: no test saw a successful answer to check against its schema`);
for (const k of answeredNow) console.error(`  proved now, so remove it from UNANSWERED: ${k}`);
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = missing.length > 0 || stale.length > 0 || unanswered.length > 0 || answeredNow.length > 0 ? 1 : 0;
