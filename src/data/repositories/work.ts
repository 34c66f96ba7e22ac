/**
 * The work queues' reads (My work): placement requests waiting, proposals still open with how far
 * each has got, and written agreements to request, chase or give. Each is one query, read from
 * indexes (migration 0025), with what the queue shows counted in SQL rather than row by row.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';
import { agreementRequirement, appUser, child, household, placementProposal, placementRequest } from '../schema.ts';

type RequestStatus = (typeof placementRequest.$inferSelect)['status'];

const childLabel = sql<string>`${child.firstName} || ' ' || ${child.lastName} || ' (' || ${child.reference} || ')'`;
const isEmergency = sql<boolean>`(${placementRequest.urgency} = 'emergency' OR ${placementRequest.kind} = 'emergency')`;
const socialWorker = alias(appUser, 'social_worker');
const supervisor = alias(appUser, 'supervisor');

/**
 * Placement requests in the given statuses, emergencies first, then by the day needed, then the
 * longest waiting; `since` is when the request reached its status (seconds since 1970). With
 * `teamId`, only those whose child's social worker is in the team; with `createdBy`, only theirs.
 */
export async function requestsWaiting(db: DbOrTx, f: { statuses: readonly RequestStatus[]; teamId?: string; createdBy?: string }, limit: number) {
  const where: SQL[] = [inArray(placementRequest.status, [...f.statuses])];
  if (f.teamId) where.push(eq(socialWorker.teamId, f.teamId));
  if (f.createdBy) where.push(eq(placementRequest.createdBy, f.createdBy));
  return db
    .select({
      id: placementRequest.id,
      reference: placementRequest.reference,
      status: placementRequest.status,
      emergency: isEmergency,
      neededBy: placementRequest.neededBy,
      since: sql<number>`extract(epoch from coalesce((SELECT max(s.at) FROM placement_request_status s WHERE s.request_id = ${placementRequest.id} AND s.status = ${placementRequest.status}), ${placementRequest.updatedAt}))::float8`,
      childId: child.id,
      childLabel,
    })
    .from(placementRequest)
    .innerJoin(child, eq(child.id, placementRequest.childId))
    .leftJoin(socialWorker, eq(socialWorker.id, child.socialWorkerId))
    .where(and(...where))
    .orderBy(desc(isEmergency), sql`${placementRequest.neededBy} ASC NULLS LAST`, asc(placementRequest.updatedAt))
    .limit(limit);
}

/**
 * Proposals still open (considering or proposed), with what the queue needs to say on whom each
 * waits: the fostered children already living with the carers on the proposed day, the considerations
 * recorded by each side, and the written agreements by status with the social workers still awaited.
 * With `supervisingSocialWorkerId`, only that worker's households.
 */
export async function openProposals(db: DbOrTx, f: { supervisingSocialWorkerId?: string; today: string }, limit: number) {
  const on = sql`coalesce(${placementProposal.proposedStart}, ${placementRequest.neededBy}, ${f.today}::date)`;
  const count = (table: SQL, cond: SQL) => sql<number>`(SELECT count(*) FROM ${table} WHERE ${cond})::int`;
  const where: SQL[] = [inArray(placementProposal.status, ['considering', 'proposed'])];
  if (f.supervisingSocialWorkerId) where.push(eq(household.supervisingSocialWorkerId, f.supervisingSocialWorkerId));
  return db
    .select({
      id: placementProposal.id,
      status: placementProposal.status,
      since: sql<number>`extract(epoch from coalesce(${placementProposal.proposedAt}, ${placementProposal.createdAt}))::float8`,
      emergency: isEmergency,
      neededBy: placementRequest.neededBy,
      requestReference: placementRequest.reference,
      childId: child.id,
      childLabel,
      householdReference: household.reference,
      supervisorName: supervisor.fullName,
      childrenThere: count(
        sql`placement pl`,
        sql`pl.household_id = ${placementProposal.householdId} AND pl.status IN ('planned', 'active') AND pl.child_id <> ${placementRequest.childId} AND pl.start_date <= ${on} AND (pl.end_date IS NULL OR pl.end_date > ${on})`,
      ),
      byPlacementTeam: count(sql`proposal_consideration c`, sql`c.proposal_id = ${placementProposal.id} AND c.role = 'placement_officer'`),
      bySupervisor: count(sql`proposal_consideration c`, sql`c.proposal_id = ${placementProposal.id} AND c.role = 'supervising_social_worker'`),
      notRequested: count(sql`agreement_requirement ar`, sql`ar.proposal_id = ${placementProposal.id} AND ar.status = 'not_requested'`),
      requested: count(sql`agreement_requirement ar`, sql`ar.proposal_id = ${placementProposal.id} AND ar.status = 'requested'`),
      declined: count(sql`agreement_requirement ar`, sql`ar.proposal_id = ${placementProposal.id} AND ar.status = 'declined'`),
      awaited: sql<string | null>`(SELECT string_agg(DISTINCT coalesce(u.full_name, ec.full_name), ', ') FROM agreement_requirement ar LEFT JOIN app_user u ON u.id = ar.social_worker_user_id LEFT JOIN external_contact ec ON ec.id = ar.social_worker_contact_id WHERE ar.proposal_id = ${placementProposal.id} AND ar.status = 'requested')`,
    })
    .from(placementProposal)
    .innerJoin(placementRequest, eq(placementRequest.id, placementProposal.requestId))
    .innerJoin(child, eq(child.id, placementRequest.childId))
    .innerJoin(household, eq(household.id, placementProposal.householdId))
    .leftJoin(supervisor, eq(supervisor.id, household.supervisingSocialWorkerId))
    .where(and(...where))
    .orderBy(desc(isEmergency), asc(placementProposal.createdAt))
    .limit(limit);
}

/**
 * Written agreements not yet given for proposals still proposed: those the supervising social worker
 * must request or chase (`supervisingSocialWorkerId`), or those asked of a child's social worker
 * (`socialWorkerUserId`, requested only). `since` is when it was requested (or proposed).
 */
export async function agreementsOutstanding(db: DbOrTx, f: { supervisingSocialWorkerId?: string; socialWorkerUserId?: string }, limit: number) {
  const where: SQL[] = [eq(placementProposal.status, 'proposed')];
  if (f.supervisingSocialWorkerId) where.push(eq(household.supervisingSocialWorkerId, f.supervisingSocialWorkerId), inArray(agreementRequirement.status, ['not_requested', 'requested']));
  if (f.socialWorkerUserId) where.push(eq(agreementRequirement.socialWorkerUserId, f.socialWorkerUserId), eq(agreementRequirement.status, 'requested'));
  return db
    .select({
      id: agreementRequirement.id,
      proposalId: placementProposal.id,
      status: agreementRequirement.status,
      remindersSent: agreementRequirement.remindersSent,
      since: sql<number>`extract(epoch from coalesce(${agreementRequirement.requestedAt}, ${placementProposal.proposedAt}, ${placementProposal.createdAt}))::float8`,
      existingChildId: child.id,
      existingChildLabel: childLabel,
      householdReference: household.reference,
      socialWorkerName: sql<string | null>`(SELECT coalesce(u.full_name, ec.full_name) FROM agreement_requirement x LEFT JOIN app_user u ON u.id = x.social_worker_user_id LEFT JOIN external_contact ec ON ec.id = x.social_worker_contact_id WHERE x.id = ${agreementRequirement.id})`,
    })
    .from(agreementRequirement)
    .innerJoin(placementProposal, eq(placementProposal.id, agreementRequirement.proposalId))
    .innerJoin(household, eq(household.id, placementProposal.householdId))
    .innerJoin(child, eq(child.id, agreementRequirement.existingChildId))
    .where(and(...where))
    .orderBy(asc(agreementRequirement.requestedAt), asc(placementProposal.proposedAt))
    .limit(limit);
}
