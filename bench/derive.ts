/**
 * Benchmark: derive the statutory obligations of a synthetic authority in memory (no database) and
 * list the overdue ones: the cost of the pure rules alone.
 *
 *   npm run bench:derive          # 100,000 children
 *   npm run bench:derive -- 20000 # another size
 *
 * The authority comes from the demo-data generator (src/demo/generate.ts), with what it records as
 * done: plans written, meetings held, visits made, reviews held, carer reviews (most on time, some
 * late, a few missing, recent placements with steps still open). The facts are assembled from those
 * records by src/domain/deadlines/facts.ts, as the service does; every child's and every household's
 * obligations are derived with the England and Wales calendar and their status worked out for a
 * fixed day. Prints time and memory.
 */
import { performance } from 'node:perf_hooks';
import { generateDemoData } from '../src/demo/generate.ts';
import { CalendarRangeError, englandAndWales } from '../src/domain/calendar/index.ts';
import { deriveHouseholdObligations, deriveObligations, status, type ObligationInstance } from '../src/domain/deadlines/index.ts';
import { childFacts, householdFacts } from '../src/domain/deadlines/facts.ts';
import { addDays, compareDates } from '../src/domain/dates.ts';
import { groupBy } from '../src/domain/collections.ts';

const children = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(children) || children < 1) {
  console.error('usage: npm run bench:derive -- [number of children]');
  process.exit(2);
}
const today = '2026-11-20';
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const count = (n: number) => n.toLocaleString('en-GB');

const t0 = performance.now();
const data = generateDemoData({ children, seed: 2026, today });
const t1 = performance.now();


const t2 = performance.now();
const statusesByChild = groupBy(data.legalStatuses, (s) => s.childId);
const placementsByChild = groupBy(data.placements, (p) => p.childId);
const placementsByHousehold = groupBy(data.placements, (p) => p.householdId);
const eventsByChild = groupBy(data.childEvents, (e) => e.childId);
const eventsByHousehold = groupBy(data.householdEvents, (e) => e.householdId);
const householdPlacements = (householdId: string) => placementsByHousehold.get(householdId) ?? [];

// Working days before the holiday data begins cannot be computed (and must not be guessed).
const firstDerivable = addDays(englandAndWales.firstDate, 60);
let childObligations = 0;
let householdObligations = 0;
let outsideData = 0;
let householdsOutsideData = 0;
const overdue: { subjectId: string; obligationId: string; dueOn: string }[] = [];
const byStatus = new Map<string, number>();
const tally = (o: ObligationInstance) => {
  const s = status(o, today, englandAndWales);
  byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
  if (s === 'overdue') overdue.push({ subjectId: o.subjectId, obligationId: o.obligationId, dueOn: o.dueOn });
};
for (const c of data.children) {
  const facts = childFacts({
    child: c,
    legalStatuses: statusesByChild.get(c.id) ?? [],
    placements: placementsByChild.get(c.id) ?? [],
    events: eventsByChild.get(c.id) ?? [],
    householdPlacements,
  });
  const earliest = [...facts.placements.map((p) => p.start), ...facts.legalStatuses.map((s) => s.start)].sort()[0];
  if (earliest && compareDates(earliest, firstDerivable) < 0) {
    outsideData++;
    continue;
  }
  for (const o of deriveObligations(facts, englandAndWales)) {
    childObligations++;
    tally(o);
  }
}
for (const h of data.households) {
  const facts = householdFacts({ household: h, placements: householdPlacements(h.id), events: eventsByHousehold.get(h.id) ?? [] });
  let instances: ObligationInstance[];
  try {
    instances = deriveHouseholdObligations(facts, englandAndWales);
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e;
    householdsOutsideData++;
    continue;
  }
  for (const o of instances) {
    householdObligations++;
    tally(o);
  }
}
overdue.sort((a, b) => compareDates(a.dueOn, b.dueOn));
const t3 = performance.now();
const mem = process.memoryUsage();

console.log(`Hearth obligations benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`);
console.log(`children:            ${count(data.children.length)}`);
console.log(`skipped:             ${count(outsideData)} children whose care began before the bank-holiday data (${englandAndWales.firstDate})`);
console.log(`households:          ${count(data.households.length)}${householdsOutsideData ? ` (${count(householdsOutsideData)} skipped, outside the bank-holiday data)` : ''}`);
console.log(`placements:          ${count(data.placements.length)}`);
console.log(`events recorded:     ${count(data.childEvents.length)} for children, ${count(data.householdEvents.length)} for households`);
console.log(`obligations derived: ${count(childObligations + householdObligations)} (${count(childObligations)} for children, ${count(householdObligations)} for households)`);
console.log(`by status:           ${[...byStatus].map(([k, v]) => `${k} ${count(v)}`).join(', ')}`);
console.log(`overdue listed:      ${count(overdue.length)} (oldest due ${overdue[0]?.dueOn ?? '-'})`);
console.log(`generate data:       ${((t1 - t0) / 1000).toFixed(1)} s`);
console.log(`derive + status:     ${((t3 - t2) / 1000).toFixed(1)} s`);
console.log(`memory:              heap used ${mb(mem.heapUsed)}, rss ${mb(mem.rss)}`);
