/** The records the placement stability figures are worked out from (src/domain/stability/figures.ts). */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { appUser, child, childEvent, household, legalStatus, moveRequest, placement, placementConcern, team } from '../schema.ts';
import type { StabilityRecords } from '../../domain/stability/figures.ts';

/** Every child's records that the figures read (the whole authority: scopes are applied by the domain). */
export async function stabilityRecords(db: DbOrTx): Promise<StabilityRecords> {
  const [children, legalStatuses, placements, moves, concerns, meetings] = await Promise.all([
    db.select({ id: child.id, dateOfBirth: child.dateOfBirth }).from(child),
    db.select({ childId: legalStatus.childId, code: legalStatus.code, startDate: legalStatus.startDate, endDate: legalStatus.endDate }).from(legalStatus),
    db
      .select({
        id: placement.id,
        childId: placement.childId,
        householdId: placement.householdId,
        startDate: placement.startDate,
        endDate: placement.endDate,
        placementType: placement.placementType,
        endingBasis: placement.endingBasis,
        status: placement.status,
      })
      .from(placement),
    db
      .select({
        childId: moveRequest.childId,
        placementId: moveRequest.placementId,
        urgent: moveRequest.urgent,
        status: moveRequest.status,
        decidedOn: sql<string | null>`to_char(${moveRequest.decidedAt} AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`,
      })
      .from(moveRequest),
    db.select({ placementId: placementConcern.placementId, raisedOn: childEvent.eventDate }).from(placementConcern).innerJoin(childEvent, eq(childEvent.id, placementConcern.eventId)),
    db
      .select({ placementId: sql<string>`${childEvent.placementId}`, heldOn: childEvent.eventDate })
      .from(childEvent)
      .where(and(eq(childEvent.kind, 'psm_held'), isNotNull(childEvent.placementId))),
  ]);
  return { children, legalStatuses, placements, moves, concerns, meetings };
}

/** The children allocated to a team's social workers, or to one worker. */
export async function allocatedChildIds(db: DbOrTx, by: { teamId: string } | { workerId: string }): Promise<string[]> {
  const rows =
    'teamId' in by
      ? await db.select({ id: child.id }).from(child).innerJoin(appUser, eq(appUser.id, child.socialWorkerId)).where(eq(appUser.teamId, by.teamId))
      : await db.select({ id: child.id }).from(child).where(eq(child.socialWorkerId, by.workerId));
  return rows.map((r) => r.id);
}

export async function teamName(db: DbOrTx, id: string): Promise<string | undefined> {
  const [row] = await db.select({ name: team.name }).from(team).where(eq(team.id, id));
  return row?.name;
}

export async function workerName(db: DbOrTx, id: string): Promise<string | undefined> {
  const [row] = await db.select({ name: appUser.fullName }).from(appUser).where(eq(appUser.id, id));
  return row?.name;
}

export async function householdByReference(db: DbOrTx, reference: string): Promise<{ id: string; reference: string } | undefined> {
  const [row] = await db.select({ id: household.id, reference: household.reference }).from(household).where(sql`lower(${household.reference}) = lower(${reference})`);
  return row;
}
