/**
 * Parent-and-child placements after they start (migrations 0034 and 0035): the carers' reporting
 * schedule and reports, the placement reviews of the assessment period and the outcome.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { anyOf } from '../any-of.ts';
import {
  appUser,
  child,
  childEvent,
  household,
  legalStatus,
  parentChildArrangementPerson,
  parentChildAssessmentEnd,
  parentChildCarerReport,
  parentChildOutcome,
  parentChildReportSchedule,
  parentChildReview,
  parentChildReviewReport,
  placement,
  planningDocument,
  planningDocumentVersion,
} from '../schema.ts';
import type { CarerReportsFact } from '../../domain/deadlines/types.ts';
import { updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type CarerReportRow = typeof parentChildCarerReport.$inferSelect & { readByName: string | null };
export type ReviewRow = typeof parentChildReview.$inferSelect & { reportIds: string[] };
export type OutcomeRow = typeof parentChildOutcome.$inferSelect;
export type ScheduleRow = typeof parentChildReportSchedule.$inferSelect;

/** A placement's kind (null if there is no such placement). */
export async function placementKindOf(db: DbOrTx, placementId: string): Promise<string | null> {
  const [row] = await db.select({ kind: placement.kind }).from(placement).where(eq(placement.id, placementId));
  return row?.kind ?? null;
}

/** Whether each parent of the arrangement this placement belongs to is in care (empty when it belongs to none). */
export async function parentsInCareOfPlacement(db: DbOrTx, placementId: string): Promise<boolean[]> {
  const rows = await db
    .select({ inCare: parentChildArrangementPerson.inCare })
    .from(parentChildArrangementPerson)
    .where(
      and(
        eq(parentChildArrangementPerson.role, 'parent'),
        sql`${parentChildArrangementPerson.arrangementId} IN (SELECT arrangement_id FROM parent_child_arrangement_person WHERE placement_id = ${placementId})`,
      ),
    );
  return rows.map((r) => r.inCare);
}

/** The arrangement a placement belongs to, if any. */
export async function arrangementIdOfPlacement(db: DbOrTx, placementId: string): Promise<string | null> {
  const [row] = await db.select({ id: parentChildArrangementPerson.arrangementId }).from(parentChildArrangementPerson).where(eq(parentChildArrangementPerson.placementId, placementId));
  return row?.id ?? null;
}

/** The other placements of the arrangement a placement belongs to (each person in care placed with the household), with their child. */
export async function otherPlacementsOfArrangement(db: DbOrTx, placementId: string): Promise<{ placementId: string; childId: string }[]> {
  const rows = await db
    .select({ placementId: parentChildArrangementPerson.placementId, childId: parentChildArrangementPerson.childId })
    .from(parentChildArrangementPerson)
    .where(
      and(
        sql`${parentChildArrangementPerson.placementId} IS NOT NULL AND ${parentChildArrangementPerson.placementId} <> ${placementId}`,
        sql`${parentChildArrangementPerson.arrangementId} IN (SELECT arrangement_id FROM parent_child_arrangement_person WHERE placement_id = ${placementId})`,
      ),
    );
  return rows.flatMap((r) => (r.placementId && r.childId ? [{ placementId: r.placementId, childId: r.childId }] : []));
}

/** What the outcome rules need of a placement: the placement, its child and the household. */
export async function placementForOutcome(db: DbOrTx, placementId: string) {
  const [row] = await db
    .select({
      id: placement.id,
      kind: placement.kind,
      status: placement.status,
      startDate: placement.startDate,
      endDate: placement.endDate,
      placementType: placement.placementType,
      assessmentPeriodEndsOn: placement.assessmentPeriodEndsOn,
      version: placement.version,
      childId: child.id,
      childReference: child.reference,
      childFirstName: child.firstName,
      childLastName: child.lastName,
      childDateOfBirth: child.dateOfBirth,
      socialWorkerId: child.socialWorkerId,
      householdId: household.id,
      householdReference: household.reference,
    })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(eq(placement.id, placementId));
  return row;
}

/** A child's legal statuses, earliest first. */
export async function legalStatusesOf(db: DbOrTx, childId: string) {
  return db.select().from(legalStatus).where(eq(legalStatus.childId, childId)).orderBy(asc(legalStatus.startDate));
}

// The reporting schedule ---------------------------------------------------------------------------

export async function upsertReportSchedule(db: DbOrTx, values: { placementId: string; childId: string; frequency: ScheduleRow['frequency']; firstDueOn: string; planVersionId: string }): Promise<void> {
  await db
    .insert(parentChildReportSchedule)
    .values(values)
    .onConflictDoUpdate({ target: parentChildReportSchedule.placementId, set: { frequency: values.frequency, firstDueOn: values.firstDueOn, planVersionId: values.planVersionId, updatedAt: new Date() } });
}

export async function reportScheduleOf(db: DbOrTx, placementId: string): Promise<ScheduleRow | undefined> {
  const [row] = await db.select().from(parentChildReportSchedule).where(eq(parentChildReportSchedule.placementId, placementId));
  return row;
}

/** The schedules and reports of some children's placements (or of all), as facts, by placement. */
export async function carerReportFacts(db: DbOrTx, childIds: string[] | 'all'): Promise<Map<string, CarerReportsFact>> {
  if (childIds !== 'all' && childIds.length === 0) return new Map();
  const schedules = await db
    .select()
    .from(parentChildReportSchedule)
    .where(childIds === 'all' ? undefined : anyOf(parentChildReportSchedule.childId, childIds));
  if (!schedules.length) return new Map();
  const reports = await db
    .select({ id: parentChildCarerReport.id, placementId: parentChildCarerReport.placementId, dueOn: parentChildCarerReport.dueOn, receivedOn: parentChildCarerReport.receivedOn, readOn: parentChildCarerReport.readOn })
    .from(parentChildCarerReport)
    .where(inArray(parentChildCarerReport.placementId, schedules.map((s) => s.placementId)));
  const out = new Map<string, CarerReportsFact>();
  for (const s of schedules) {
    out.set(s.placementId, {
      frequency: s.frequency,
      firstDueOn: s.firstDueOn,
      received: reports.filter((r) => r.placementId === s.placementId).map((r) => ({ id: r.id, dueOn: r.dueOn, receivedOn: r.receivedOn, readOn: r.readOn })),
    });
  }
  return out;
}

/** The day each assessment ended with its outcome, for the placements of some children (or of all), by placement. */
export async function assessmentEndFacts(db: DbOrTx, childIds: string[] | 'all'): Promise<Map<string, string>> {
  if (childIds !== 'all' && childIds.length === 0) return new Map();
  const rows = await db
    .select({ placementId: parentChildAssessmentEnd.placementId, endedOn: parentChildAssessmentEnd.endedOn })
    .from(parentChildAssessmentEnd)
    .where(childIds === 'all' ? undefined : anyOf(parentChildAssessmentEnd.childId, childIds));
  return new Map(rows.map((r) => [r.placementId, r.endedOn]));
}

export async function insertAssessmentEnds(db: DbOrTx, rows: (typeof parentChildAssessmentEnd.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(parentChildAssessmentEnd).values(rows).onConflictDoNothing();
}

// Carers' reports ----------------------------------------------------------------------------------

const reportColumns = {
  r: parentChildCarerReport,
  readByName: appUser.fullName,
};

export async function carerReportsOf(db: DbOrTx, placementId: string): Promise<CarerReportRow[]> {
  const rows = await db
    .select(reportColumns)
    .from(parentChildCarerReport)
    .leftJoin(appUser, eq(appUser.id, parentChildCarerReport.readBy))
    .where(eq(parentChildCarerReport.placementId, placementId))
    .orderBy(desc(parentChildCarerReport.dueOn));
  return rows.map((x) => ({ ...x.r, readByName: x.readByName }));
}

export async function findCarerReport(db: DbOrTx, id: string): Promise<CarerReportRow | undefined> {
  const [row] = await db.select(reportColumns).from(parentChildCarerReport).leftJoin(appUser, eq(appUser.id, parentChildCarerReport.readBy)).where(eq(parentChildCarerReport.id, id));
  return row ? { ...row.r, readByName: row.readByName } : undefined;
}

export async function insertCarerReport(db: DbOrTx, values: typeof parentChildCarerReport.$inferInsert): Promise<string> {
  const [row] = await db.insert(parentChildCarerReport).values(values).returning({ id: parentChildCarerReport.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export function markCarerReportRead(db: DbOrTx, id: string, version: number, values: { readOn: string; readBy: string | null }): Promise<VersionedUpdateResult> {
  return updateVersioned(db, parentChildCarerReport, id, version, values);
}

// Reviews ------------------------------------------------------------------------------------------

export async function insertReview(db: DbOrTx, values: typeof parentChildReview.$inferInsert, reportIds: readonly string[]): Promise<string> {
  const [row] = await db.insert(parentChildReview).values(values).returning({ id: parentChildReview.id });
  if (!row) throw new Error('insert returned nothing');
  if (reportIds.length) await db.insert(parentChildReviewReport).values(reportIds.map((reportId) => ({ reviewId: row.id, reportId })));
  return row.id;
}

export async function setReviewDocument(db: DbOrTx, reviewId: string, documentId: string): Promise<void> {
  await db.update(parentChildReview).set({ documentId }).where(eq(parentChildReview.id, reviewId));
}

/** A placement's reviews, earliest first, each with the reports it considered. */
export async function reviewsOf(db: DbOrTx, placementId: string): Promise<ReviewRow[]> {
  const rows = await db.select().from(parentChildReview).where(eq(parentChildReview.placementId, placementId)).orderBy(asc(parentChildReview.heldOn), asc(parentChildReview.createdAt));
  if (!rows.length) return [];
  const links = await db.select().from(parentChildReviewReport).where(inArray(parentChildReviewReport.reviewId, rows.map((r) => r.id)));
  return rows.map((r) => ({ ...r, reportIds: links.filter((l) => l.reviewId === r.id).map((l) => l.reportId) }));
}

// Outcomes -----------------------------------------------------------------------------------------

export async function outcomeOf(db: DbOrTx, placementId: string): Promise<OutcomeRow | undefined> {
  const [row] = await db.select().from(parentChildOutcome).where(eq(parentChildOutcome.placementId, placementId));
  return row;
}

export async function insertOutcome(db: DbOrTx, values: typeof parentChildOutcome.$inferInsert): Promise<string> {
  const [row] = await db.insert(parentChildOutcome).values(values).returning({ id: parentChildOutcome.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function updateOutcome(db: DbOrTx, id: string, values: { details: Record<string, string>; changes: unknown[]; placementRequestId: string | null }): Promise<void> {
  await db.update(parentChildOutcome).set(values).where(eq(parentChildOutcome.id, id));
}

/** Lock a placement row (one outcome, one review at a time). */
export async function lockPlacement(db: DbOrTx, placementId: string): Promise<boolean> {
  const rows = await db.select({ id: placement.id }).from(placement).where(eq(placement.id, placementId)).for('update');
  return rows.length > 0;
}

/** End a placement on a day allowed by the ending gate (the caller has asked it). */
export async function endPlacementOn(
  db: DbOrTx,
  placementId: string,
  values: { endDate: string; reasonEnded: string; status: 'active' | 'ended'; endingBasis: NonNullable<typeof placement.$inferSelect.endingBasis>; moveRequestId: string | null },
): Promise<void> {
  await db
    .update(placement)
    .set({ ...values, version: sql`${placement.version} + 1`, updatedAt: new Date() })
    .where(eq(placement.id, placementId));
}

/** The parent-and-child reviews recorded for a placement as events (through a review record or directly), earliest first. */
export async function reviewEventsOf(db: DbOrTx, placementId: string): Promise<{ date: string; periodEndsOn: string | null }[]> {
  const rows = await db
    .select({ date: childEvent.eventDate, periodEndsOn: childEvent.periodEndsOn })
    .from(childEvent)
    .where(and(eq(childEvent.placementId, placementId), eq(childEvent.kind, 'parent_and_child_review_held')))
    .orderBy(asc(childEvent.eventDate));
  return rows;
}

/** The latest completed version of a placement's placement plan, if any. */
export async function latestPlanContent(db: DbOrTx, placementId: string): Promise<{ number: number; completedOn: string; content: Record<string, unknown> } | null> {
  const [row] = await db
    .select({ number: planningDocumentVersion.number, completedOn: planningDocumentVersion.completedOn, content: planningDocumentVersion.content })
    .from(planningDocumentVersion)
    .innerJoin(planningDocument, eq(planningDocument.id, planningDocumentVersion.documentId))
    .where(and(eq(planningDocument.placementId, placementId), eq(planningDocument.kind, 'placement_plan')))
    .orderBy(desc(planningDocumentVersion.number))
    .limit(1);
  return row ? { number: row.number, completedOn: row.completedOn, content: (row.content ?? {}) as Record<string, unknown> } : null;
}
