/**
 * The facts obligations are derived from (ADR 0007): placements, legal statuses, recorded events and
 * closures of some children and households (or of all: `'all'`), the recorded events as a page shows
 * them, and the writes of events and closures. Deriving is the domain's (src/domain/deadlines).
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { queryRows, type DbOrTx } from '../db.ts';
import { anyOf } from '../any-of.ts';
import { appUser, child, childEvent, contactPlan, contactSession, household, householdEvent, legalStatus, obligationClosure, placement, reviewAttendance, team } from '../schema.ts';
import { updateVersioned, type VersionedUpdateResult } from './versioned.ts';

/** Some ids, or every row. */
export type Ids = string[] | 'all';

/** Rows of the given ids (one array parameter however many: anyOf), or of all. */
function where(ids: Ids, col: PgColumn): SQL | undefined {
  return ids === 'all' ? undefined : anyOf(col, ids);
}

// Which children and households a question is about -----------------------------------------------

export async function placementParties(db: DbOrTx, placementId: string): Promise<{ childId: string; householdId: string } | undefined> {
  const [p] = await db.select({ childId: placement.childId, householdId: placement.householdId }).from(placement).where(eq(placement.id, placementId));
  return p;
}

/** The households a child has been placed with (any status). */
export async function householdIdsOfChild(db: DbOrTx, childId: string): Promise<{ id: string }[]> {
  return db.selectDistinct({ id: placement.householdId }).from(placement).where(eq(placement.childId, childId));
}

/** The children placed with a household (any status). */
export async function childIdsOfHousehold(db: DbOrTx, householdId: string): Promise<{ id: string }[]> {
  return db.selectDistinct({ id: placement.childId }).from(placement).where(eq(placement.householdId, householdId));
}

/**
 * The records whose obligations can fall to a person: the households they supervise, the children
 * they are the social worker or IRO of, and the children placed in those households (a placement of
 * any status). In one statement (My work asks on every view).
 */
export async function scopeOfPerson(db: DbOrTx, userId: string): Promise<{ childIds: string[]; householdIds: string[] }> {
  const rows = await queryRows<{ kind: 'child' | 'household'; id: string }>(
    db,
    sql`WITH hs AS (SELECT id FROM household WHERE supervising_social_worker_id = ${userId}::uuid)
      SELECT 'household' AS kind, id FROM hs
      UNION SELECT 'child', id FROM child WHERE social_worker_id = ${userId}::uuid OR iro_id = ${userId}::uuid
      UNION SELECT 'child', p.child_id FROM placement p WHERE p.household_id IN (SELECT id FROM hs)`,
  );
  return { childIds: rows.filter((r) => r.kind === 'child').map((r) => r.id), householdIds: rows.filter((r) => r.kind === 'household').map((r) => r.id) };
}

// The facts -------------------------------------------------------------------------------------

/** What the obligations need of a placement. */
export type PlacementFactRow = Pick<
  typeof placement.$inferSelect,
  | 'id'
  | 'childId'
  | 'householdId'
  | 'startDate'
  | 'endDate'
  | 'status'
  | 'kind'
  | 'emergency'
  | 'outsideTermsOfApproval'
  | 'intendedUntil18'
  | 'connectedPerson'
  | 'sixMonthlyVisitsAgreed'
  | 'assessmentPeriodEndsOn'
  | 'entryBreaches'
>;

/**
 * Placements' facts, in plain SQL like childEventFacts: a rebuild reads each placement once for its
 * child and again for every other child placed with the same household, hundreds of thousands of rows.
 */
function placementFacts(db: DbOrTx, filter: SQL): Promise<PlacementFactRow[]> {
  return queryRows(
    db,
    sql`SELECT id, child_id AS "childId", household_id AS "householdId", start_date::text AS "startDate", end_date::text AS "endDate", status, kind, emergency,
          outside_terms_of_approval AS "outsideTermsOfApproval", intended_until_18 AS "intendedUntil18", connected_person AS "connectedPerson",
          six_monthly_visits_agreed AS "sixMonthlyVisitsAgreed", assessment_period_ends_on::text AS "assessmentPeriodEndsOn", entry_breaches AS "entryBreaches"
        FROM placement ${filter}`,
  );
}

/** `where` as a clause of plain SQL: the rows of the given ids, or all. */
function whereIds(ids: Ids, col: PgColumn): SQL {
  const w = where(ids, col);
  return w ? sql`WHERE ${w}` : sql``;
}

/**
 * What the obligations need of the placements with some households and with every household some
 * children have been placed with (each child's own placements among them): one read where the
 * children's placements and then their households' were two.
 */
export async function placementFactsAround(db: DbOrTx, childIds: Ids, householdIds: Ids): Promise<PlacementFactRow[]> {
  if (childIds === 'all' || householdIds === 'all') return placementFacts(db, sql``);
  // The households as one array, so that each is found by its index (an OR of the two read every placement).
  return placementFacts(
    db,
    sql`WHERE household_id = ANY (ARRAY(SELECT household_id FROM placement WHERE ${anyOf(sql`child_id`, childIds)} UNION SELECT id FROM household WHERE ${anyOf(sql`id`, householdIds)}))`,
  );
}

export async function legalStatusFacts(db: DbOrTx, childIds: Ids) {
  return db.select({ childId: legalStatus.childId, code: legalStatus.code, startDate: legalStatus.startDate, endDate: legalStatus.endDate }).from(legalStatus).where(where(childIds, legalStatus.childId));
}

/**
 * The recorded events of some children, as deriving needs them (of all: millions in a rebuild, so in
 * plain SQL, without the query builder's mapping of each value, and without the events' ids).
 */
export async function childEventFacts(
  db: DbOrTx,
  childIds: Ids,
): Promise<{ childId: string; kind: string; eventDate: string; placementId: string | null; aboutChildId: string | null; periodEndsOn: string | null }[]> {
  return queryRows(
    db,
    sql`SELECT child_id AS "childId", kind, event_date::text AS "eventDate", placement_id AS "placementId", about_child_id AS "aboutChildId", period_ends_on::text AS "periodEndsOn" FROM child_event ${whereIds(childIds, childEvent.childId)}`,
  );
}

/** Concurrent planning: the contact plans of some children, and every session recorded under them. */
export async function contactPlanFacts(db: DbOrTx, childIds: Ids) {
  const plans = await db
    .select({ id: contactPlan.id, childId: contactPlan.childId, startsOn: contactPlan.startsOn, endsOn: contactPlan.endsOn, sessionsPerWeek: contactPlan.sessionsPerWeek })
    .from(contactPlan)
    .where(where(childIds, contactPlan.childId));
  const sessions = plans.length
    ? await db
        .select({ planId: contactSession.planId, sessionDate: contactSession.sessionDate, outcome: contactSession.outcome })
        .from(contactSession)
        .where(anyOf(contactSession.planId, plans.map((p) => p.id)))
    : [];
  return { plans, sessions };
}

export async function householdEventFacts(db: DbOrTx, householdIds: Ids) {
  return db
    .select({ id: householdEvent.id, householdId: householdEvent.householdId, kind: householdEvent.kind, eventDate: householdEvent.eventDate, placementId: householdEvent.placementId, extendedUntil: householdEvent.extendedUntil })
    .from(householdEvent)
    .where(where(householdIds, householdEvent.householdId));
}

const closureColumns = { instanceId: obligationClosure.instanceId, outcome: obligationClosure.outcome, reason: obligationClosure.reason, closedOn: obligationClosure.closedOn };

export async function childClosures(db: DbOrTx, childIds: Ids) {
  return db
    .select({ ...closureColumns, childId: obligationClosure.childId })
    .from(obligationClosure)
    .where(and(sql`${obligationClosure.childId} is not null`, where(childIds, obligationClosure.childId)));
}

export async function householdClosures(db: DbOrTx, householdIds: Ids) {
  return db
    .select({ ...closureColumns, householdId: obligationClosure.householdId })
    .from(obligationClosure)
    .where(and(sql`${obligationClosure.householdId} is not null`, where(householdIds, obligationClosure.householdId)));
}

/** What the obligations need of some children (and their names): in plain SQL, as placementFacts. */
export async function childFactsOf(
  db: DbOrTx,
  childIds: Ids,
): Promise<(Pick<typeof child.$inferSelect, 'id' | 'reference' | 'dateOfBirth' | 'courtCarePlan' | 'importedOn' | 'socialWorkerId' | 'iroId' | 'externalSocialWorkerId'> & { name: string })[]> {
  return queryRows(
    db,
    sql`SELECT id, reference, first_name || ' ' || last_name AS name, date_of_birth::text AS "dateOfBirth", court_care_plan AS "courtCarePlan", imported_on::text AS "importedOn",
          social_worker_id AS "socialWorkerId", iro_id AS "iroId", external_social_worker_id AS "externalSocialWorkerId"
        FROM child ${whereIds(childIds, child.id)}`,
  );
}

/** What the obligations need of some households. */
export async function householdFactsOf(db: DbOrTx, householdIds: Ids) {
  return db
    .select({
      id: household.id,
      reference: household.reference,
      sswId: household.supervisingSocialWorkerId,
      approvalStatus: household.approvalStatus,
      approvalDate: household.approvalDate,
    })
    .from(household)
    .where(where(householdIds, household.id));
}

// Recorded events -------------------------------------------------------------------------------

/** One of a child's recorded events. */
export async function findChildEventOf(db: DbOrTx, childId: string, eventId: string) {
  const [row] = await db
    .select({ kind: childEvent.kind, eventDate: childEvent.eventDate, evidence: childEvent.evidence, periodEndsOn: childEvent.periodEndsOn })
    .from(childEvent)
    .where(and(eq(childEvent.id, eventId), eq(childEvent.childId, childId)));
  return row;
}

/** One of a household's recorded events. */
export async function findHouseholdEventOf(db: DbOrTx, householdId: string, eventId: string) {
  const [row] = await db
    .select({ kind: householdEvent.kind, eventDate: householdEvent.eventDate, evidence: householdEvent.evidence, periodEndsOn: sql<null>`null` })
    .from(householdEvent)
    .where(and(eq(householdEvent.id, eventId), eq(householdEvent.householdId, householdId)));
  return row;
}

/** A child's recorded events, latest first, with who recorded each and the other child's reference. */
export async function childEventsWithNames(db: DbOrTx, childId: string, limit?: number) {
  const query = db
    .select({
      e: childEvent,
      recordedByName: appUser.fullName,
      aboutChildReference: sql<string | null>`(select reference from child a where a.id = ${childEvent.aboutChildId})`,
    })
    .from(childEvent)
    .leftJoin(appUser, eq(appUser.id, childEvent.recordedBy))
    .where(eq(childEvent.childId, childId))
    .orderBy(sql`${childEvent.eventDate} desc`, asc(childEvent.kind), asc(childEvent.id));
  return limit === undefined ? query : query.limit(limit);
}

/** Who attended a looked-after review (migration 0038). */
export async function insertReviewAttendance(db: DbOrTx, values: typeof reviewAttendance.$inferInsert): Promise<void> {
  await db.insert(reviewAttendance).values(values);
}

/** How many events are recorded for a child. */
export async function countChildEvents(db: DbOrTx, childId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(childEvent).where(eq(childEvent.childId, childId));
  return row?.n ?? 0;
}

/** A household's recorded events, latest first, with who recorded each (the latest `limit`, when given). */
export async function householdEventsWithNames(db: DbOrTx, householdId: string, limit?: number) {
  const query = db
    .select({ e: householdEvent, recordedByName: appUser.fullName })
    .from(householdEvent)
    .leftJoin(appUser, eq(appUser.id, householdEvent.recordedBy))
    .where(eq(householdEvent.householdId, householdId))
    .orderBy(sql`${householdEvent.eventDate} desc`, asc(householdEvent.kind), asc(householdEvent.id));
  return limit === undefined ? query : query.limit(limit);
}

/** How many events a household has recorded. */
export async function countHouseholdEvents(db: DbOrTx, householdId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(householdEvent).where(eq(householdEvent.householdId, householdId));
  return row?.n ?? 0;
}

export async function insertRecordedChildEvent(db: DbOrTx, values: typeof childEvent.$inferInsert): Promise<{ id: string }> {
  const [row] = await db.insert(childEvent).values(values).returning({ id: childEvent.id });
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function insertHouseholdEvent(db: DbOrTx, values: typeof householdEvent.$inferInsert): Promise<{ id: string }> {
  const [row] = await db.insert(householdEvent).values(values).returning({ id: householdEvent.id });
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Corrects a recorded event of a child or a household, if it still has the version read. */
export function updateRecordedEvent(
  db: DbOrTx,
  subject: 'child' | 'household',
  eventId: string,
  version: number,
  values: { eventDate: string; evidence: string; periodEndsOn?: string | null },
): Promise<VersionedUpdateResult> {
  return updateVersioned(db, subject === 'child' ? childEvent : householdEvent, eventId, version, values);
}

/** A household, locked for update. */
export async function lockHousehold(db: DbOrTx, id: string): Promise<{ id: string } | undefined> {
  const [h] = await db.select({ id: household.id }).from(household).where(eq(household.id, id)).for('update');
  return h;
}

/** A child's name and reference. */
export async function childLabelOf(db: DbOrTx, id: string): Promise<{ id: string; reference: string; name: string } | undefined> {
  const [c] = await db.select({ id: child.id, reference: child.reference, name: sql<string>`${child.firstName} || ' ' || ${child.lastName}` }).from(child).where(eq(child.id, id));
  return c;
}

/** A child's placements not cancelled, latest first, with the household's reference. */
export async function uncancelledPlacementsOfChild(db: DbOrTx, childId: string) {
  return db
    .select({ id: placement.id, householdId: placement.householdId, startDate: placement.startDate, status: placement.status, reference: household.reference })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(and(eq(placement.childId, childId), sql`${placement.status} <> 'cancelled'`))
    .orderBy(sql`${placement.startDate} desc`);
}

/** The other children with placements (not cancelled) with some households. */
export async function otherChildrenPlacedWith(db: DbOrTx, householdIds: readonly string[], exceptChildId: string) {
  return db
    .selectDistinct({ id: child.id, reference: child.reference, name: sql<string>`${child.firstName} || ' ' || ${child.lastName}` })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .where(and(inArray(placement.householdId, [...householdIds]), sql`${placement.childId} <> ${exceptChildId}`, sql`${placement.status} <> 'cancelled'`));
}

/** A household's placements not cancelled, latest first, with the child. */
export async function uncancelledPlacementsInHousehold(db: DbOrTx, householdId: string) {
  return db
    .select({ id: placement.id, startDate: placement.startDate, reference: child.reference, name: sql<string>`${child.firstName} || ' ' || ${child.lastName}` })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .where(and(eq(placement.householdId, householdId), sql`${placement.status} <> 'cancelled'`))
    .orderBy(sql`${placement.startDate} desc`);
}

export async function insertClosure(db: DbOrTx, values: typeof obligationClosure.$inferInsert): Promise<void> {
  await db.insert(obligationClosure).values(values);
}

export async function teamOptions(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db.select({ id: team.id, name: team.name }).from(team).orderBy(asc(team.name));
}
