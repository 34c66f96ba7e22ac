/** Placement requests: what a child's social worker asks the placements team to find. */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { appUser, child, placementRequest, placementRequestStatus } from '../schema.ts';
import { likePattern, updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type PlacementRequestRow = typeof placementRequest.$inferSelect;
export type NewPlacementRequestRow = typeof placementRequest.$inferInsert;

export async function findPlacementRequest(db: DbOrTx, id: string): Promise<PlacementRequestRow | undefined> {
  const [row] = await db.select().from(placementRequest).where(eq(placementRequest.id, id));
  return row;
}

export type PlacementRequestWhere = {
  status?: PlacementRequestRow['status'] | undefined;
  childId?: string | undefined;
  /** Requests this user started, or for children allocated to them. */
  mineOf?: string | undefined;
  q?: string | undefined;
  /** Only the children a person may read (readableChildren, src/data/repositories/caseload.ts). */
  readable?: SQL | undefined;
};

/** The conditions of a requests filter (see listPlacementRequests). */
function requestConditions(filter: PlacementRequestWhere): SQL[] {
  const where: SQL[] = [];
  if (filter.readable) where.push(filter.readable);
  if (filter.status) where.push(eq(placementRequest.status, filter.status));
  if (filter.childId) where.push(eq(placementRequest.childId, filter.childId));
  if (filter.mineOf) where.push(or(eq(placementRequest.createdBy, filter.mineOf), eq(child.socialWorkerId, filter.mineOf)) as SQL);
  if (filter.q) {
    const p = likePattern(filter.q);
    where.push(
      or(
        ilike(placementRequest.reference, p),
        ilike(child.reference, p),
        ilike(child.firstName, p),
        ilike(child.lastName, p),
        ilike(sql`${child.firstName} || ' ' || ${child.lastName}`, p),
      ) as SQL,
    );
  }
  return where;
}

/** Requests matching a filter, most recently changed first, with their child and who started them: at most `limit` after skipping `offset` (a page). */
export async function listPlacementRequests(db: DbOrTx, filter: PlacementRequestWhere, limit: number, offset = 0) {
  return db
    .select({
      id: placementRequest.id,
      reference: placementRequest.reference,
      status: placementRequest.status,
      urgency: placementRequest.urgency,
      kind: placementRequest.kind,
      neededBy: placementRequest.neededBy,
      createdByName: appUser.fullName,
      updatedAt: placementRequest.updatedAt,
      child: { id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName },
    })
    .from(placementRequest)
    .innerJoin(child, eq(child.id, placementRequest.childId))
    .leftJoin(appUser, eq(appUser.id, placementRequest.createdBy))
    .where(and(...requestConditions(filter)))
    .orderBy(desc(placementRequest.updatedAt), desc(placementRequest.reference))
    .limit(limit)
    .offset(offset);
}

/** How many requests match a filter (as listPlacementRequests reads it). */
export async function countPlacementRequests(db: DbOrTx, filter: PlacementRequestWhere): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(placementRequest)
    .innerJoin(child, eq(child.id, placementRequest.childId))
    .where(and(...requestConditions(filter)));
  return row?.n ?? 0;
}

/** A request, locked for update until the end of the transaction. */
export async function lockPlacementRequest(db: DbOrTx, id: string): Promise<PlacementRequestRow | undefined> {
  const [row] = await db.select().from(placementRequest).where(eq(placementRequest.id, id)).for('update');
  return row;
}

/** A request's status and child, locked for update. */
export async function lockPlacementRequestStatus(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ status: placementRequest.status, childId: placementRequest.childId })
    .from(placementRequest)
    .where(eq(placementRequest.id, id))
    .for('update');
  return row;
}

/** Sets a request's status whatever its version, counting a new version. */
export async function setPlacementRequestStatus(db: DbOrTx, id: string, status: PlacementRequestRow['status']): Promise<void> {
  await db
    .update(placementRequest)
    .set({ status, version: sql`${placementRequest.version} + 1`, updatedAt: new Date() })
    .where(eq(placementRequest.id, id));
}

/** Keeps a step in a request's status history. */
export async function insertStatusHistory(db: DbOrTx, values: typeof placementRequestStatus.$inferInsert): Promise<void> {
  await db.insert(placementRequestStatus).values(values);
}

/** A request with the name of whoever started it. */
export async function findPlacementRequestWithCreator(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ r: placementRequest, createdByName: appUser.fullName })
    .from(placementRequest)
    .leftJoin(appUser, eq(appUser.id, placementRequest.createdBy))
    .where(eq(placementRequest.id, id));
  return row;
}

/** A request's status history, oldest first, with who made each change. */
export async function statusHistory(db: DbOrTx, requestId: string) {
  return db
    .select({
      status: placementRequestStatus.status,
      at: placementRequestStatus.at,
      byUserId: placementRequestStatus.byUserId,
      byName: appUser.fullName,
      note: placementRequestStatus.note,
    })
    .from(placementRequestStatus)
    .leftJoin(appUser, eq(appUser.id, placementRequestStatus.byUserId))
    .where(eq(placementRequestStatus.requestId, requestId))
    .orderBy(asc(placementRequestStatus.at), asc(placementRequestStatus.id));
}

/** A child's newest request in one of the given (open) statuses. */
export async function latestRequestOfChildIn(db: DbOrTx, childId: string, statuses: readonly PlacementRequestRow['status'][]) {
  const [row] = await db
    .select({ id: placementRequest.id, reference: placementRequest.reference, status: placementRequest.status })
    .from(placementRequest)
    .where(and(eq(placementRequest.childId, childId), inArray(placementRequest.status, [...statuses])))
    .orderBy(desc(placementRequest.createdAt))
    .limit(1);
  return row;
}

export async function insertPlacementRequest(db: DbOrTx, values: NewPlacementRequestRow): Promise<{ id: string; reference: string; version: number }> {
  const [row] = await db
    .insert(placementRequest)
    .values(values)
    .returning({ id: placementRequest.id, reference: placementRequest.reference, version: placementRequest.version });
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export function updatePlacementRequest(db: DbOrTx, id: string, version: number, values: Partial<NewPlacementRequestRow>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, placementRequest, id, version, values);
}

/**
 * The highest "PR…" reference number in use, taken under a transaction-scoped advisory lock so that
 * two requests started at the same moment cannot draw the same number.
 */
export async function lockAndReadHighestReference(db: DbOrTx): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('placement_request.reference'))`);
  const [row] = await db
    .select({ n: sql<number | null>`max(substring(${placementRequest.reference} from 3)::int)` })
    .from(placementRequest)
    .where(sql`${placementRequest.reference} ~ '^PR[0-9]{1,9}$'`);
  return Number(row?.n ?? 0);
}
