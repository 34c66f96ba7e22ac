/**
 * The loader: the demo authority goes into the database with its recorded events, and the
 * obligations derived from the rows read back are those derived from the generated data.
 * Runs on PGlite, or on PostgreSQL with TEST_DATABASE_URL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from './helpers.ts';
import { queryRows } from '../src/data/db.ts';
import { child, childEvent, household, householdEvent, legalStatus, placement } from '../src/data/schema.ts';
import { englandAndWales } from '../src/domain/calendar/index.ts';
import { childFacts, householdFacts, type PlacementRecord } from '../src/domain/deadlines/facts.ts';
import { deriveHouseholdObligations, deriveObligations, status, type HouseholdFacts, type ObligationInstance } from '../src/domain/deadlines/index.ts';
import { generateDemoData } from '../src/seed/generate.ts';
import { loadDemoData } from '../src/seed/load.ts';

const TODAY = '2026-11-20';

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) m.set(key(item), [...(m.get(key(item)) ?? []), item]);
  return m;
}

/** Every obligation id with its due date, completion and status on TODAY. */
function obligations(rows: {
  children: readonly { id: string; dateOfBirth: string; courtCarePlan: boolean }[];
  legalStatuses: readonly { childId: string; code: string; startDate: string; endDate: string | null }[];
  placements: readonly PlacementRecord[];
  childEvents: readonly { id: string; childId: string; kind: string; eventDate: string; placementId: string | null; aboutChildId: string | null; periodEndsOn: string | null }[];
  households: readonly { id: string; approvalStatus: string; approvalDate: string | null }[];
  householdEvents: readonly { id: string; householdId: string; kind: string; eventDate: string; placementId: string | null }[];
}): string[] {
  const statuses = groupBy(rows.legalStatuses, (s) => s.childId);
  const placements = groupBy(rows.placements, (p) => p.childId);
  const byHousehold = groupBy(rows.placements, (p) => p.householdId);
  const childEvents = groupBy(rows.childEvents, (e) => e.childId);
  const householdEvents = groupBy(rows.householdEvents, (e) => e.householdId);
  const out: string[] = [];
  const line = (i: ObligationInstance) => `${i.id} ${i.dueOn} ${i.completedOn ?? '-'} ${status(i, TODAY, englandAndWales)}`;
  for (const c of rows.children) {
    const facts = childFacts({
      child: c,
      legalStatuses: statuses.get(c.id) ?? [],
      placements: placements.get(c.id) ?? [],
      events: childEvents.get(c.id) ?? [],
      householdPlacements: (id) => byHousehold.get(id) ?? [],
    });
    for (const i of deriveObligations(facts, englandAndWales)) out.push(line(i));
  }
  for (const h of rows.households) {
    const facts = householdFacts({
      household: { id: h.id, approvalStatus: h.approvalStatus as HouseholdFacts['approvalStatus'], approvalDate: h.approvalDate },
      placements: byHousehold.get(h.id) ?? [],
      events: householdEvents.get(h.id) ?? [],
    });
    for (const i of deriveHouseholdObligations(facts, englandAndWales)) out.push(line(i));
  }
  return out.sort();
}

test('the demo authority loads with its recorded events; the obligations read back are those of the generated data', async () => {
  const database = await freshDatabase();
  try {
    const summary = await loadDemoData(database.db, { children: 60, today: TODAY, seed: 3 });
    const generated = generateDemoData({ children: 60, seed: 3, today: TODAY });
    assert.equal(summary.childEvents, generated.childEvents.length);
    assert.equal(summary.householdEvents, generated.householdEvents.length);
    assert.ok(summary.childEvents > 1000 && summary.householdEvents > 50);

    const db = database.db;
    const loaded = {
      children: await db.select().from(child),
      legalStatuses: await db.select().from(legalStatus),
      placements: await db.select().from(placement),
      childEvents: await db.select().from(childEvent),
      households: await db.select().from(household),
      householdEvents: await db.select().from(householdEvent),
    };
    assert.equal(loaded.childEvents.length, generated.childEvents.length);
    const first = generated.childEvents[0];
    const row = loaded.childEvents.find((e) => e.id === first?.id);
    assert.ok(first && row);
    assert.deepEqual(
      { ...row, recordedAt: row.recordedAt.toISOString() },
      { ...first, recordedAt: first.recordedAt, version: 1 },
      'every column as generated',
    );
    assert.ok(loaded.children.some((c) => c.iroId !== null) && loaded.children.some((c) => c.courtCarePlan));
    assert.ok(loaded.placements.some((p) => p.emergency) && loaded.placements.every((p) => p.kind !== null));

    const fromDatabase = obligations(loaded);
    assert.ok(fromDatabase.length > 2000);
    assert.deepEqual(fromDatabase, obligations(generated));

    // A reset empties the event tables too.
    const again = await loadDemoData(database.db, { children: 20, today: TODAY, seed: 4, reset: true });
    const [counts] = await queryRows<{ events: number; reviews: number }>(
      db,
      sql`select (select count(*) from child_event)::int as events, (select count(*) from household_event)::int as reviews`,
    );
    assert.deepEqual(counts, { events: again.childEvents, reviews: again.householdEvents });
  } finally {
    await database.close();
  }
});
