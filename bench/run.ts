/**
 * Benchmark: compute the statutory obligations of a synthetic authority and list the overdue ones.
 *
 *   npm run bench                 # 100,000 children
 *   npm run bench -- 20000        # another size
 *
 * The authority comes from the demo-data generator (src/seed/generate.ts). Its histories carry no
 * recorded events, so this adds plausible ones (plans written, meetings held, visits and reviews
 * roughly on time, some late or missing) to give a realistic mix of statuses. Prints time and memory.
 */
import { performance } from 'node:perf_hooks';
import { generateDemoData } from '../src/seed/generate.ts';
import { englandAndWales } from '../src/domain/calendar/index.ts';
import { deriveObligations, status, type ChildEvent, type ChildFacts } from '../src/domain/deadlines/index.ts';
import { addDays, compareDates } from '../src/domain/dates.ts';

const children = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(children) || children < 1) {
  console.error('usage: npm run bench -- [number of children]');
  process.exit(2);
}
const today = '2026-11-20';
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const t0 = performance.now();
const data = generateDemoData({ children, seed: 2026, today });
const t1 = performance.now();

// Group the histories by child.
const statusesByChild = new Map<string, ChildFacts['legalStatuses'][number][]>();
for (const s of data.legalStatuses) {
  const list = statusesByChild.get(s.childId) ?? [];
  list.push({ code: s.code, start: s.startDate, end: s.endDate });
  statusesByChild.set(s.childId, list);
}
const placementsByChild = new Map<string, ChildFacts['placements'][number][]>();
for (const p of data.placements) {
  const list = placementsByChild.get(p.childId) ?? [];
  list.push({ id: p.id, householdId: p.householdId, start: p.startDate, end: p.endDate, longTerm: p.placementType === 'U1' || p.placementType === 'U4' });
  placementsByChild.set(p.childId, list);
}

/** A deterministic pseudo-random number in [0, 1) from a string. */
function jitter(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1000) / 1000;
}

function eventsFor(childId: string, placements: ChildFacts['placements']): ChildEvent[] {
  const events: ChildEvent[] = [];
  const first = placements[0];
  if (!first) return events;
  const late = (key: string, onTime: number) => (jitter(childId + key) < 0.08 ? onTime + 9 : onTime);
  const upTo = (d: string) => compareDates(d, today) <= 0;
  const push = (e: ChildEvent) => {
    if (upTo(e.date)) events.push(e);
  };
  push({ kind: 'care_plan_completed', date: addDays(first.start, late('care', 6)) });
  let review = addDays(first.start, late('review1', 21));
  push({ kind: 'review_held', date: review });
  for (let n = 2; upTo(review); n++) {
    review = addDays(review, late(`review${n}`, n === 2 ? 85 : 175));
    push({ kind: 'review_held', date: review });
    push({ kind: 'delegated_authority_reviewed', date: review });
  }
  for (const p of placements) {
    if (jitter(p.id) < 0.03) continue; // a few placements with nothing recorded at all
    push({ kind: 'placement_plan_completed', date: addDays(p.start, late(`${p.id}plan`, 3)), placementId: p.id });
    push({ kind: 'ppm_held', date: addDays(p.start, late(`${p.id}ppm`, 4)), placementId: p.id });
    push({ kind: 'support_plan_completed', date: addDays(p.start, late(`${p.id}ppm`, 4)), placementId: p.id });
    push({ kind: 'notification_sent', date: p.start, placementId: p.id });
    const until = p.end ?? today;
    let visit = addDays(p.start, late(`${p.id}v0`, 5));
    for (let n = 1; compareDates(visit, until) <= 0; n++) {
      push({ kind: 'visit', date: visit, placementId: p.id });
      visit = addDays(visit, late(`${p.id}v${n}`, 38));
    }
  }
  return events;
}

const t2 = performance.now();
let obligations = 0;
let outsideData = 0;
const overdue: { childId: string; obligationId: string; dueOn: string }[] = [];
const byStatus = new Map<string, number>();
for (const c of data.children) {
  const placements = placementsByChild.get(c.id) ?? [];
  // Working days before the holiday data begins cannot be computed (and must not be guessed).
  const earliest = [...placements.map((p) => p.start), ...(statusesByChild.get(c.id) ?? []).map((s) => s.start)].sort()[0];
  if (earliest && compareDates(earliest, addDays(englandAndWales.firstDate, 60)) < 0) {
    outsideData++;
    continue;
  }
  const facts: ChildFacts = {
    childId: c.id,
    dateOfBirth: c.dateOfBirth,
    legalStatuses: statusesByChild.get(c.id) ?? [],
    placements,
    events: eventsFor(c.id, placements),
  };
  for (const o of deriveObligations(facts, englandAndWales)) {
    obligations++;
    const s = status(o, today, englandAndWales);
    byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
    if (s === 'overdue') overdue.push({ childId: c.id, obligationId: o.obligationId, dueOn: o.dueOn });
  }
}
overdue.sort((a, b) => compareDates(a.dueOn, b.dueOn));
const t3 = performance.now();
const mem = process.memoryUsage();

console.log(`Hearth obligations benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`);
console.log(`children:            ${data.children.length.toLocaleString('en-GB')}`);
console.log(`skipped:             ${outsideData.toLocaleString('en-GB')} children whose care began before the bank-holiday data (${englandAndWales.firstDate})`);
console.log(`placements:          ${data.placements.length.toLocaleString('en-GB')}`);
console.log(`obligations derived: ${obligations.toLocaleString('en-GB')}`);
console.log(`by status:           ${[...byStatus].map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`).join(', ')}`);
console.log(`overdue listed:      ${overdue.length.toLocaleString('en-GB')} (oldest due ${overdue[0]?.dueOn ?? '-'})`);
console.log(`generate data:       ${((t1 - t0) / 1000).toFixed(1)} s`);
console.log(`derive + status:     ${((t3 - t2) / 1000).toFixed(1)} s`);
console.log(`memory:              heap used ${mb(mem.heapUsed)}, rss ${mb(mem.rss)}`);
