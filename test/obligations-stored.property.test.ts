/**
 * The stored obligations always equal a fresh derivation from the facts (ADR 0007): after any
 * sequence of recorded changes (events recorded, corrected and removed; placements made and ended;
 * dates of birth and approvals corrected; carers' reviews; obligations closed), reading the
 * obligations refreshes exactly what the triggers marked, and the table then holds what deriving
 * everything afresh gives. Run with a fixed seed (test/fast-check.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import fc from './fast-check.ts';
import { childInserter, type TestWorld } from './helpers.ts';
import { obligationWorld, type ObligationIds } from './obligation-fixture.ts';
import { childEvent, household, householdEvent, legalStatus, obligation, obligationClosure, placement, child } from '../src/data/schema.ts';
import { deriveFresh } from '../src/services/obligations.ts';
import { queryRows } from '../src/data/db.ts';
import { addDays } from '../src/domain/dates.ts';

const TODAY = '2024-02-15';
let w: TestWorld;
let ids: ObligationIds;
before(async () => {
  ({ w, ids } = await obligationWorld(TODAY));
});
after(async () => w.close());

const insertChild = childInserter(() => w, (n) => ({ reference: `OBP${n}`, lastName: 'Property' }));
const day = (offset: number) => addDays('2023-12-01', offset);

type Command =
  | { op: 'event'; kind: 'placement_plan_completed' | 'ppm_held' | 'visit' | 'review_held' | 'care_plan_completed'; offset: number; pick: number }
  | { op: 'move-event'; offset: number; pick: number }
  | { op: 'delete-event'; pick: number }
  | { op: 'place'; offset: number }
  | { op: 'end'; offset: number; pick: number }
  | { op: 'birthday'; year: number; pick: number }
  | { op: 'approval'; offset: number }
  | { op: 'carer-review'; offset: number }
  | { op: 'close'; pick: number; missed: boolean };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('event' as const), kind: fc.constantFrom('placement_plan_completed', 'ppm_held', 'visit', 'review_held', 'care_plan_completed'), offset: fc.integer({ min: 0, max: 70 }), pick: fc.nat() }),
  fc.record({ op: fc.constant('move-event' as const), offset: fc.integer({ min: 0, max: 70 }), pick: fc.nat() }),
  fc.record({ op: fc.constant('delete-event' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('place' as const), offset: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ op: fc.constant('end' as const), offset: fc.integer({ min: 30, max: 75 }), pick: fc.nat() }),
  fc.record({ op: fc.constant('birthday' as const), year: fc.integer({ min: 2006, max: 2020 }), pick: fc.nat() }),
  fc.record({ op: fc.constant('approval' as const), offset: fc.integer({ min: -400, max: 60 }) }),
  fc.record({ op: fc.constant('carer-review' as const), offset: fc.integer({ min: 0, max: 70 }) }),
  fc.record({ op: fc.constant('close' as const), pick: fc.nat(), missed: fc.boolean() }),
);

const pickOf = <T>(items: readonly T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);

async function apply(c: Command): Promise<void> {
  const db = w.database.db;
  const placements = await db.select().from(placement).orderBy(placement.id);
  if (c.op === 'event') {
    const p = pickOf(placements, c.pick);
    if (p) await db.insert(childEvent).values({ childId: p.childId, kind: c.kind, eventDate: day(c.offset), placementId: p.id, evidence: 'property test' });
  } else if (c.op === 'move-event' || c.op === 'delete-event') {
    const events = await db.select().from(childEvent).orderBy(childEvent.id);
    const e = pickOf(events, c.pick);
    if (!e) return;
    if (c.op === 'move-event') await db.update(childEvent).set({ eventDate: day(c.offset) }).where(eq(childEvent.id, e.id));
    else await db.delete(childEvent).where(eq(childEvent.id, e.id));
  } else if (c.op === 'place') {
    const kid = await insertChild({});
    await db.insert(legalStatus).values({ childId: kid.id, code: 'C2', startDate: day(c.offset) });
    await db.insert(placement).values({ childId: kid.id, householdId: ids.hh, startDate: day(c.offset), placementType: 'U6', status: 'active', kind: 'short_term' });
  } else if (c.op === 'end') {
    const p = pickOf(placements.filter((x) => x.status === 'active'), c.pick);
    if (p && day(c.offset) > p.startDate) await db.update(placement).set({ endDate: day(c.offset), status: 'ended', reasonEnded: 'CARPL' }).where(eq(placement.id, p.id));
  } else if (c.op === 'birthday') {
    const kids = await db.select({ id: child.id }).from(child).orderBy(child.id);
    const k = pickOf(kids, c.pick);
    if (k) await db.update(child).set({ dateOfBirth: `${c.year}-05-05` }).where(eq(child.id, k.id));
  } else if (c.op === 'approval') {
    await db.update(household).set({ approvalDate: day(c.offset) }).where(eq(household.id, ids.hh));
  } else if (c.op === 'carer-review') {
    await db.insert(householdEvent).values({ householdId: ids.hh, kind: 'carer_review_held', eventDate: day(c.offset), evidence: 'property test' });
  } else {
    const open = await db.select().from(obligation).where(sql`${obligation.completedOn} is null and ${obligation.notApplicableReason} is null and ${obligation.missedReason} is null`).orderBy(obligation.id);
    const o = pickOf(open, c.pick);
    const closed = new Set((await db.select({ id: obligationClosure.instanceId }).from(obligationClosure)).map((x) => x.id));
    if (o && !closed.has(o.id)) {
      await db.insert(obligationClosure).values({
        instanceId: o.id,
        obligationId: o.obligationId,
        childId: o.sourceType === 'child' ? o.sourceId : null,
        householdId: o.sourceType === 'household' ? o.sourceId : null,
        outcome: c.missed ? 'missed' : 'not_applicable',
        reason: 'property test',
        closedOn: TODAY,
      });
    }
  }
}

/** Every stored row and every freshly derived instance, in one comparable form. */
async function storedAndFresh() {
  const key = (i: { id: string; obligationId: string; dueOn: string; startedOn: string; completedOn?: string | null; notApplicableReason?: string | null; missedReason?: string | null; explanation: string }) =>
    JSON.stringify([i.id, i.obligationId, i.startedOn, i.dueOn, i.completedOn ?? null, i.notApplicableReason ?? null, i.missedReason ?? null, i.explanation]);
  const stored = (await w.database.db.select().from(obligation)).map(key).sort();
  const fresh = (await deriveFresh(w.database.db)).map(key).sort();
  return { stored, fresh };
}

test('after any sequence of recorded changes, the stored obligations equal a fresh derivation', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 6 }), async (commands) => {
      for (const c of commands) {
        await apply(c);
        // A child's page refreshes that child's (and their households') obligations: what it shows is fresh.
        const page = await w.services.obligations.list({ actor: w.users.team_manager }, { childId: ids.child });
        const freshForChild = (await deriveFresh(w.database.db)).filter((i) => i.childId === ids.child).map((i) => i.id).sort();
        assert.deepEqual(page.items.map((r) => r.id).sort(), freshForChild, `the child's page after ${JSON.stringify(c)}`);
        // An authority-wide read refreshes everything the changes marked: the whole table is fresh.
        await w.services.obligations.list({ actor: w.users.team_manager }, {});
        const { stored, fresh } = await storedAndFresh();
        assert.deepEqual(stored, fresh, `after ${JSON.stringify(c)}`);
      }
    }),
    { numRuns: 12 },
  );
});

test('nothing is left marked after a read, and a change marks only what it touches', async () => {
  const db = w.database.db;
  await w.services.obligations.list({ actor: w.users.team_manager }, {});
  const [none] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from obligation_dirty`);
  assert.equal(none?.n, 0);
  const other = await insertChild({});
  await db.insert(legalStatus).values({ childId: other.id, code: 'C2', startDate: '2024-01-08' });
  const marked = await queryRows<{ source_type: string; source_id: string }>(db, sql`select source_type, source_id from obligation_dirty`);
  assert.deepEqual(marked.map((m) => [m.source_type, m.source_id]), [['child', other.id]]);
});
