/**
 * A placement's planning records (placement plan, meeting minutes, delegated authority, risk
 * assessment): drafts, completed versions, the tasks agreed at the meeting and the PDFs filed on
 * the child's record.
 */
import { and, asc, desc, eq, isNull, lt, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { careEnding, child, childDocument, childEvent, household, placement, placementProposal, placementRequest, planningDocument, planningDocumentVersion, placementTask } from '../schema.ts';
import { updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type PlanningDocumentRow = typeof planningDocument.$inferSelect;
export type PlanningVersionRow = typeof planningDocumentVersion.$inferSelect;
export type TaskRow = typeof placementTask.$inferSelect;
export type ChildDocumentRow = typeof childDocument.$inferSelect;

/** A placement with what planning needs of its child and household. */
export async function findPlanningPlacement(db: DbOrTx, placementId: string) {
  const [row] = await db
    .select({
      p: { id: placement.id, startDate: placement.startDate, endDate: placement.endDate, status: placement.status, emergency: placement.emergency },
      c: { id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName, dateOfBirth: child.dateOfBirth, socialWorkerId: child.socialWorkerId },
      h: { id: household.id, reference: household.reference, supervisingSocialWorkerId: household.supervisingSocialWorkerId },
    })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(eq(placement.id, placementId));
  return row;
}

/** The latest day before `before` on which the child's care ended, if any. */
export async function lastCareEndingBefore(db: DbOrTx, childId: string, before: string): Promise<string | null> {
  const endings = await db
    .select({ endedOn: careEnding.endedOn })
    .from(careEnding)
    .where(and(eq(careEnding.childId, childId), lt(careEnding.endedOn, before)))
    .orderBy(desc(careEnding.endedOn))
    .limit(1);
  return endings[0]?.endedOn ?? null;
}

/** The child's other placements, not cancelled, that started before a day. */
export async function otherPlacementsStartedBefore(db: DbOrTx, childId: string, exceptPlacementId: string, before: string) {
  return db
    .select({ id: placement.id, startDate: placement.startDate })
    .from(placement)
    .where(and(eq(placement.childId, childId), ne(placement.id, exceptPlacementId), ne(placement.status, 'cancelled'), lt(placement.startDate, before)));
}

/** A placement's planning record of a kind, locked for update with `lock`. */
export async function findPlanningDocument(db: DbOrTx, placementId: string, kind: PlanningDocumentRow['kind'], lock = false): Promise<PlanningDocumentRow | undefined> {
  const q = db.select().from(planningDocument).where(and(eq(planningDocument.placementId, placementId), eq(planningDocument.kind, kind)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The completed versions of a record, latest first. */
export async function versionsOfDocument(db: DbOrTx, documentId: string): Promise<PlanningVersionRow[]> {
  return db.select().from(planningDocumentVersion).where(eq(planningDocumentVersion.documentId, documentId)).orderBy(desc(planningDocumentVersion.number));
}

/** The request the placement was confirmed from (through a proposal), with its risks. */
export async function requestOfPlacement(db: DbOrTx, placementId: string) {
  const [row] = await db
    .select({ id: placementRequest.id, reference: placementRequest.reference, risks: placementRequest.risks })
    .from(placementProposal)
    .innerJoin(placementRequest, eq(placementRequest.id, placementProposal.requestId))
    .where(eq(placementProposal.placementId, placementId))
    .limit(1);
  return row;
}

/** The earliest day a placement planning meeting is recorded as held for a placement. */
export async function firstMeetingHeld(db: DbOrTx, placementId: string): Promise<string | null> {
  const [held] = await db
    .select({ on: childEvent.eventDate })
    .from(childEvent)
    .where(and(eq(childEvent.placementId, placementId), eq(childEvent.kind, 'ppm_held')))
    .orderBy(asc(childEvent.eventDate))
    .limit(1);
  return held?.on ?? null;
}

/** Writes a new record's first draft; undefined if another was written first. */
export async function insertPlanningDocument(db: DbOrTx, values: typeof planningDocument.$inferInsert): Promise<PlanningDocumentRow | undefined> {
  const [row] = await db.insert(planningDocument).values(values).onConflictDoNothing().returning();
  return row;
}

export function updatePlanningDocument(db: DbOrTx, id: string, version: number, values: Partial<typeof planningDocument.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, planningDocument, id, version, values);
}

export async function insertPlanningVersion(db: DbOrTx, values: typeof planningDocumentVersion.$inferInsert): Promise<PlanningVersionRow> {
  const [v] = await db.insert(planningDocumentVersion).values(values).returning();
  if (!v) throw new Error('insert returned nothing');
  return v;
}

/** Marks a version completed on the record: no unissued changes left, the row's version counted on. */
export async function markDocumentIssued(db: DbOrTx, doc: { id: string; version: number }, number: number, updatedBy: string | null): Promise<void> {
  await db
    .update(planningDocument)
    .set({ issuedVersion: number, hasUnissuedChanges: false, version: doc.version + 1, updatedAt: new Date(), updatedBy })
    .where(eq(planningDocument.id, doc.id));
}

export async function insertTasks(db: DbOrTx, values: (typeof placementTask.$inferInsert)[]): Promise<void> {
  await db.insert(placementTask).values(values);
}

export async function insertChildDocument(db: DbOrTx, values: typeof childDocument.$inferInsert): Promise<{ id: string }> {
  const [row] = await db.insert(childDocument).values(values).returning({ id: childDocument.id });
  return row!;
}

/** A completed version of a placement's record, locked for update with `lock`. */
export async function findPlanningVersion(db: DbOrTx, placementId: string, kind: PlanningDocumentRow['kind'], number: number, lock = false): Promise<PlanningVersionRow | undefined> {
  const q = db
    .select({ v: planningDocumentVersion })
    .from(planningDocumentVersion)
    .innerJoin(planningDocument, eq(planningDocument.id, planningDocumentVersion.documentId))
    .where(and(eq(planningDocument.placementId, placementId), eq(planningDocument.kind, kind), eq(planningDocumentVersion.number, number)));
  const [row] = lock ? await q.for('update') : await q;
  return row?.v;
}

export function updatePlanningVersion(db: DbOrTx, id: string, version: number, values: Partial<PlanningVersionRow>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, planningDocumentVersion, id, version, values);
}

/** The newest document filed for a version. */
export async function latestDocumentOfVersion(db: DbOrTx, versionId: string): Promise<ChildDocumentRow | undefined> {
  const [doc] = await db.select().from(childDocument).where(eq(childDocument.documentVersionId, versionId)).orderBy(desc(childDocument.createdAt)).limit(1);
  return doc;
}

export async function planningDocumentsOfPlacement(db: DbOrTx, placementId: string): Promise<PlanningDocumentRow[]> {
  return db.select().from(planningDocument).where(eq(planningDocument.placementId, placementId));
}

/** A placement's tasks, soonest due first. */
export async function tasksOfPlacement(db: DbOrTx, placementId: string): Promise<TaskRow[]> {
  return db.select().from(placementTask).where(eq(placementTask.placementId, placementId)).orderBy(asc(placementTask.dueOn), asc(placementTask.createdAt));
}

export async function findTask(db: DbOrTx, id: string, lock = false): Promise<TaskRow | undefined> {
  const q = db.select().from(placementTask).where(eq(placementTask.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export function updateTask(db: DbOrTx, id: string, version: number, values: Partial<typeof placementTask.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, placementTask, id, version, values);
}

/** Open tasks owned by a user, soonest due first, with the child. */
export async function openTasksOfUser(db: DbOrTx, userId: string) {
  return db
    .select({ t: placementTask, c: { id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName } })
    .from(placementTask)
    .innerJoin(child, eq(child.id, placementTask.childId))
    .where(and(eq(placementTask.ownerUserId, userId), isNull(placementTask.completedOn)))
    .orderBy(asc(placementTask.dueOn));
}

/** Documents filed on a child's record, newest first, without their content. */
export async function childDocumentsOf(db: DbOrTx, childId: string) {
  return db
    .select({ id: childDocument.id, title: childDocument.title, fileName: childDocument.fileName, sizeBytes: childDocument.sizeBytes, createdAt: childDocument.createdAt, placementId: childDocument.placementId })
    .from(childDocument)
    .where(eq(childDocument.childId, childId))
    .orderBy(desc(childDocument.createdAt));
}

export async function findChildDocument(db: DbOrTx, childId: string, documentId: string): Promise<ChildDocumentRow | undefined> {
  const [doc] = await db.select().from(childDocument).where(and(eq(childDocument.id, documentId), eq(childDocument.childId, childId)));
  return doc;
}

/** Links a Placement Support Meeting's version to the initial support plan version reviewed at it. */
export async function linkReviewedVersion(db: DbOrTx, meetingVersionId: string, reviewedVersionId: string): Promise<void> {
  await db.update(planningDocumentVersion).set({ reviewedVersionId }).where(eq(planningDocumentVersion.id, meetingVersionId));
}

/** Whether a meeting has already reviewed this version. */
export async function isVersionReviewed(db: DbOrTx, versionId: string): Promise<boolean> {
  const [row] = await db.select({ id: planningDocumentVersion.id }).from(planningDocumentVersion).where(eq(planningDocumentVersion.reviewedVersionId, versionId)).limit(1);
  return !!row;
}
