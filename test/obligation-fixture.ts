/**
 * A small world for the obligations tests: a household with one child already placed since June 2023,
 * a child placed with them on Thursday 21 December 2023 (just before Christmas), and a child in care
 * since 2012 (before the bank-holiday data).
 */
import { childInserter, testWorld, type TestWorld } from './helpers.ts';
import { household, legalStatus, placement } from '../src/data/schema.ts';

export type ObligationIds = { hh: string; older: string; child: string; olderPlacement: string; placement: string; oldChild: string };

export async function obligationWorld(today: string): Promise<{ w: TestWorld; ids: ObligationIds }> {
  const w = await testWorld({ today });
  const db = w.database.db;
  const insertChild = childInserter(() => w, (n) => ({ reference: `OB${n}`, lastName: 'Obligation', iroId: w.users.iro.userId }));
  const [h] = await db
    .insert(household)
    .values({
      reference: 'HOB1',
      addressLine1: '1 Test Row',
      town: 'Testford',
      postcode: 'TF1 1AA',
      fosteringServiceId: w.laId,
      supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2023-02-28',
      approvedChildren: 2,
    })
    .returning();
  const older = await insertChild({ dateOfBirth: '2012-06-01' });
  await db.insert(legalStatus).values({ childId: older.id, code: 'C2', startDate: '2023-06-01' });
  const [op] = await db.insert(placement).values({ childId: older.id, householdId: h!.id, startDate: '2023-06-01', placementType: 'U3', status: 'active' }).returning();
  const c = await insertChild();
  await db.insert(legalStatus).values({ childId: c.id, code: 'C2', startDate: '2023-12-21' });
  const [p] = await db.insert(placement).values({ childId: c.id, householdId: h!.id, startDate: '2023-12-21', placementType: 'U3', status: 'active', kind: 'short_term' }).returning();
  const old = await insertChild({ reference: 'OBOLD' });
  await db.insert(legalStatus).values({ childId: old.id, code: 'C2', startDate: '2012-03-01' });
  return { w, ids: { hh: h!.id, older: older.id, child: c.id, olderPlacement: op!.id, placement: p!.id, oldChild: old.id } };
}
