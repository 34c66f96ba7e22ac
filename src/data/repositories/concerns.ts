/** Concerns that a placement may be becoming unstable, with the event each one records. */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { childEvent, placement, placementConcern, household } from '../schema.ts';

export type ConcernRow = typeof placementConcern.$inferSelect & { raisedOn: string };

const columns = {
  id: placementConcern.id,
  placementId: placementConcern.placementId,
  childId: placementConcern.childId,
  eventId: placementConcern.eventId,
  whatWasSeen: placementConcern.whatWasSeen,
  raisedByRole: placementConcern.raisedByRole,
  raisedByName: placementConcern.raisedByName,
  seriousness: placementConcern.seriousness,
  recordedBy: placementConcern.recordedBy,
  recordedByName: placementConcern.recordedByName,
  recordedAt: placementConcern.recordedAt,
  version: placementConcern.version,
  // The day it was raised is the event's date: a correction of the event moves it.
  raisedOn: childEvent.eventDate,
};

/** Records the concern's event (the fact its obligation is derived from), returning its id. */
export async function insertConcernEvent(db: DbOrTx, values: typeof childEvent.$inferInsert): Promise<string> {
  const [row] = await db.insert(childEvent).values(values).returning({ id: childEvent.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function insertConcern(db: DbOrTx, values: typeof placementConcern.$inferInsert): Promise<string> {
  const [row] = await db.insert(placementConcern).values(values).returning({ id: placementConcern.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function findConcern(db: DbOrTx, id: string): Promise<ConcernRow | undefined> {
  const [row] = await db.select(columns).from(placementConcern).innerJoin(childEvent, eq(childEvent.id, placementConcern.eventId)).where(eq(placementConcern.id, id));
  return row;
}

/** A placement's concerns, latest raised first. */
export async function concernsOfPlacement(db: DbOrTx, placementId: string): Promise<ConcernRow[]> {
  return db
    .select(columns)
    .from(placementConcern)
    .innerJoin(childEvent, eq(childEvent.id, placementConcern.eventId))
    .where(eq(placementConcern.placementId, placementId))
    .orderBy(desc(childEvent.eventDate), desc(placementConcern.recordedAt));
}

/** A child's concerns across their placements, latest raised first, with the household. */
export async function concernsOfChild(db: DbOrTx, childId: string) {
  return db
    .select({ c: columns, householdReference: household.reference, placementStart: placement.startDate })
    .from(placementConcern)
    .innerJoin(childEvent, eq(childEvent.id, placementConcern.eventId))
    .innerJoin(placement, eq(placement.id, placementConcern.placementId))
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(and(eq(placementConcern.childId, childId)))
    .orderBy(desc(childEvent.eventDate), asc(placementConcern.recordedAt));
}
