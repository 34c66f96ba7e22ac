/** Searches outside the area for parent-and-child placements, and the sufficiency report's facts (migration 0037). */
import { and, asc, count, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { child, household, organisation, parentChildArrangement, placement, placementRequest, sufficiencyEnquiry, sufficiencySearch } from '../schema.ts';

export type SearchRow = typeof sufficiencySearch.$inferSelect & { foundOrganisationName: string | null };
export type EnquiryRow = typeof sufficiencyEnquiry.$inferSelect & { organisationName: string; organisationKind: string };

export async function findSearchOfRequest(db: DbOrTx, requestId: string): Promise<SearchRow | undefined> {
  const [row] = await db
    .select({ s: sufficiencySearch, foundOrganisationName: organisation.name })
    .from(sufficiencySearch)
    .leftJoin(organisation, eq(organisation.id, sufficiencySearch.foundOrganisationId))
    .where(eq(sufficiencySearch.placementRequestId, requestId));
  return row ? { ...row.s, foundOrganisationName: row.foundOrganisationName } : undefined;
}

export async function enquiriesOf(db: DbOrTx, searchIds: string[]): Promise<EnquiryRow[]> {
  if (searchIds.length === 0) return [];
  const rows = await db
    .select({ e: sufficiencyEnquiry, organisationName: organisation.name, organisationKind: organisation.kind })
    .from(sufficiencyEnquiry)
    .innerJoin(organisation, eq(organisation.id, sufficiencyEnquiry.organisationId))
    .where(inArray(sufficiencyEnquiry.searchId, searchIds))
    .orderBy(asc(sufficiencyEnquiry.askedOn), asc(sufficiencyEnquiry.createdAt));
  return rows.map((r) => ({ ...r.e, organisationName: r.organisationName, organisationKind: r.organisationKind }));
}

export async function insertSearch(tx: DbOrTx, values: typeof sufficiencySearch.$inferInsert): Promise<string> {
  const [row] = await tx.insert(sufficiencySearch).values(values).onConflictDoNothing().returning({ id: sufficiencySearch.id });
  return row?.id ?? '';
}

export async function insertEnquiry(tx: DbOrTx, values: typeof sufficiencyEnquiry.$inferInsert): Promise<string> {
  const [row] = await tx.insert(sufficiencyEnquiry).values(values).returning({ id: sufficiencyEnquiry.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function setOutcome(tx: DbOrTx, id: string, version: number, values: { outcome: 'found_outside' | 'none_found'; outcomeOn: string; foundOrganisationId: string | null }): Promise<'ok' | 'stale'> {
  const rows = await tx
    .update(sufficiencySearch)
    .set({ ...values, version: sql`${sufficiencySearch.version} + 1`, updatedAt: new Date() })
    .where(and(eq(sufficiencySearch.id, id), eq(sufficiencySearch.version, version)))
    .returning({ id: sufficiencySearch.id });
  return rows.length ? 'ok' : 'stale';
}

/** A request with its child's responsible authority (whose own households are "in the area"). */
export async function requestForSearch(db: DbOrTx, requestId: string) {
  const [row] = await db
    .select({ id: placementRequest.id, reference: placementRequest.reference, kind: placementRequest.kind, status: placementRequest.status, createdAt: placementRequest.createdAt, childId: child.id, childName: sql<string>`${child.firstName} || ' ' || ${child.lastName}`, authorityId: child.responsibleAuthorityId })
    .from(placementRequest)
    .innerJoin(child, eq(child.id, placementRequest.childId))
    .where(eq(placementRequest.id, requestId));
  return row;
}

/** The authority's own approved households at Level 4 or above approved for parent and child. */
export async function level4Households(db: DbOrTx, authorityId: string) {
  return db
    .select({ id: household.id, reference: household.reference, approvedChildren: household.approvedChildren })
    .from(household)
    .where(
      and(
        eq(household.fosteringServiceId, authorityId),
        eq(household.approvalStatus, 'approved'),
        gte(household.skillLevel, 4),
        sql`'parent_and_child' = ANY(${household.placementKinds})`,
      ),
    )
    .orderBy(asc(household.reference));
}

/** Children placed in each household on `day` (distinct), for the households given. */
export async function placedCounts(db: DbOrTx, householdIds: string[], day: string): Promise<Map<string, number>> {
  if (householdIds.length === 0) return new Map();
  const rows = await db
    .select({ householdId: placement.householdId, n: sql<number>`count(distinct ${placement.childId})::int` })
    .from(placement)
    .where(
      and(
        inArray(placement.householdId, householdIds),
        inArray(placement.status, ['active', 'planned', 'ended']),
        lte(placement.startDate, day),
        or(isNull(placement.endDate), sql`${placement.endDate} > ${day}`),
      ),
    )
    .groupBy(placement.householdId);
  return new Map(rows.map((r) => [r.householdId, Number(r.n)]));
}

/** The households of these with a parent-and-child arrangement in place on `day`. */
export async function householdsWithArrangement(db: DbOrTx, householdIds: string[], day: string): Promise<Set<string>> {
  if (householdIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ householdId: parentChildArrangement.householdId })
    .from(parentChildArrangement)
    .where(
      and(
        inArray(parentChildArrangement.householdId, householdIds),
        inArray(parentChildArrangement.status, ['active', 'ended']),
        lte(parentChildArrangement.startDate, day),
        or(isNull(parentChildArrangement.endDate), sql`${parentChildArrangement.endDate} > ${day}`),
      ),
    );
  return new Set(rows.map((r) => r.householdId));
}

/** Parent-and-child requests made in the period (by the day they were created, in England), with their searches. */
export async function parentAndChildRequests(db: DbOrTx, from: string, to: string) {
  const created = sql<string>`to_char(${placementRequest.createdAt} AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`;
  return db
    .select({ id: placementRequest.id, reference: placementRequest.reference, status: placementRequest.status, childId: placementRequest.childId, createdOn: created, searchId: sufficiencySearch.id, outcome: sufficiencySearch.outcome })
    .from(placementRequest)
    .leftJoin(sufficiencySearch, eq(sufficiencySearch.placementRequestId, placementRequest.id))
    .where(and(eq(placementRequest.kind, 'parent_and_child'), sql`${created} >= ${from}`, sql`${created} <= ${to}`))
    .orderBy(asc(placementRequest.createdAt));
}

/** Parent-and-child placements that began in the period, one per household and start day (a family placed together), with the household's fostering service. */
export async function parentAndChildPlacements(db: DbOrTx, from: string, to: string) {
  return db
    .selectDistinctOn([placement.householdId, placement.startDate], {
      id: placement.id,
      startDate: placement.startDate,
      householdReference: household.reference,
      fosteringServiceId: household.fosteringServiceId,
      fosteringServiceName: organisation.name,
      childId: placement.childId,
    })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .innerJoin(organisation, eq(organisation.id, household.fosteringServiceId))
    .where(and(eq(placement.kind, 'parent_and_child'), inArray(placement.status, ['active', 'ended']), gte(placement.startDate, from), lte(placement.startDate, to)))
    .orderBy(asc(placement.householdId), asc(placement.startDate), asc(placement.id));
}

/** How many children each authority is responsible for (to find the home authority). */
export async function childrenByAuthority(db: DbOrTx) {
  return db.select({ responsibleAuthorityId: child.responsibleAuthorityId, n: count() }).from(child).groupBy(child.responsibleAuthorityId);
}

export async function organisationKinds(db: DbOrTx) {
  return db.select({ id: organisation.id, kind: organisation.kind, name: organisation.name }).from(organisation);
}
