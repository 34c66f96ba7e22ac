/** Requests to move a child from a placement, and the facts the ending gate reads. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { careEnding, endingMeeting, household, moveRequest, placement, planningDocument, planningDocumentVersion } from '../schema.ts';
import { updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type MoveRequestRow = typeof moveRequest.$inferSelect;

export async function insertMoveRequest(db: DbOrTx, values: typeof moveRequest.$inferInsert): Promise<MoveRequestRow> {
  const [row] = await db.insert(moveRequest).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findMoveRequest(db: DbOrTx, id: string, lock = false): Promise<MoveRequestRow | undefined> {
  const q = db.select().from(moveRequest).where(eq(moveRequest.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export function updateMoveRequest(db: DbOrTx, id: string, version: number, values: Partial<typeof moveRequest.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, moveRequest, id, version, values);
}

/** The move requests about a placement, latest first. */
export async function moveRequestsOfPlacement(db: DbOrTx, placementId: string): Promise<MoveRequestRow[]> {
  return db.select().from(moveRequest).where(eq(moveRequest.placementId, placementId)).orderBy(desc(moveRequest.requestedAt));
}

/** The move requests about a child's placements, latest first, with the household. */
export async function moveRequestsOfChild(db: DbOrTx, childId: string) {
  return db
    .select({ m: moveRequest, householdReference: household.reference })
    .from(moveRequest)
    .innerJoin(placement, eq(placement.id, moveRequest.placementId))
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(eq(moveRequest.childId, childId))
    .orderBy(desc(moveRequest.requestedAt));
}

/** The planned end of a placement in its latest completed care plan, if it plans one. */
export async function carePlanEndOf(db: DbOrTx, placementId: string): Promise<string | null> {
  const [row] = await db
    .select({ end: sql<string | null>`${planningDocumentVersion.content}->>'plannedEndOn'` })
    .from(planningDocumentVersion)
    .innerJoin(planningDocument, eq(planningDocument.id, planningDocumentVersion.documentId))
    .where(and(eq(planningDocument.placementId, placementId), eq(planningDocument.kind, 'care_plan')))
    .orderBy(desc(planningDocumentVersion.number))
    .limit(1);
  return row?.end ? row.end : null;
}

/** The days a child's periods of care ended. */
export async function careEndDays(db: DbOrTx, childId: string): Promise<string[]> {
  const rows = await db.select({ d: careEnding.endedOn }).from(careEnding).where(eq(careEnding.childId, childId));
  return rows.map((r) => r.d);
}

export type EndingMeetingRow = typeof endingMeeting.$inferSelect;

export async function insertEndingMeeting(db: DbOrTx, values: typeof endingMeeting.$inferInsert): Promise<EndingMeetingRow> {
  const [row] = await db.insert(endingMeeting).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Disruption meetings about a child's placements, or a household's, latest first. */
export async function endingMeetingsOf(db: DbOrTx, by: { childId: string } | { householdId: string } | { placementId: string }): Promise<EndingMeetingRow[]> {
  const where = 'childId' in by ? eq(endingMeeting.childId, by.childId) : 'householdId' in by ? eq(endingMeeting.householdId, by.householdId) : eq(endingMeeting.placementId, by.placementId);
  return db.select().from(endingMeeting).where(where).orderBy(desc(endingMeeting.heldOn), desc(endingMeeting.recordedAt));
}
