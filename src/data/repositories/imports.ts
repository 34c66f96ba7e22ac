/**
 * The reads and writes of importing an authority's records from its SSDA903 return and carers'
 * register (src/services/ssda903-import.ts): children by reference with their return records,
 * staff by SW_ID, households by reference, the households kept as "not known" and their placements.
 */
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';
import { insertRows } from '../bulk-insert.ts';
import { forgetAccessActors } from './caseload.ts';
import { appUser, careEnding, child, childEvent, household, householdMember, importJob, importUpload, legalStatus, missingEpisode, organisation, placement, socialWorkerEpisode, type ImportUploadFiles } from '../schema.ts';

export type ExistingChildRecords = NonNullable<Awaited<ReturnType<typeof childRecordsByReference>>>;

/**
 * A column among many values, the values going as one JSON parameter (a batch of the import's is a
 * thousand: one bound parameter each made building the query most of its cost in this process).
 */
const amongText = (column: PgColumn, values: readonly string[]) => sql`${column} in (select json_array_elements_text(${JSON.stringify(values)}::json))`;
const amongIds = (column: PgColumn, ids: readonly string[]) => sql`${column} in (select json_array_elements_text(${JSON.stringify(ids)}::json)::uuid)`;

/** Several children by reference with their return records, read a table at a time (for a batch). */
export async function childRecordsByReferences(tx: DbOrTx, references: readonly string[]): Promise<Map<string, ExistingChildRecords>> {
  const out = new Map<string, ExistingChildRecords>();
  if (!references.length) return out;
  const children = await tx.select().from(child).where(amongText(child.reference, references));
  if (!children.length) return out;
  const ids = children.map((c) => c.id);
  const byChild = <T extends { childId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.childId);
      if (list) list.push(r);
      else m.set(r.childId, [r]);
    }
    return (id: string) => m.get(id) ?? [];
  };
  const statuses = byChild(await tx.select().from(legalStatus).where(amongIds(legalStatus.childId, ids)));
  const placements = byChild(await tx.select().from(placement).where(amongIds(placement.childId, ids)));
  const endings = byChild(await tx.select().from(careEnding).where(amongIds(careEnding.childId, ids)));
  const reviews = byChild(await tx.select().from(childEvent).where(and(amongIds(childEvent.childId, ids), eq(childEvent.kind, 'review_held'))));
  const missing = byChild(await tx.select().from(missingEpisode).where(amongIds(missingEpisode.childId, ids)));
  const sw = byChild(await tx.select().from(socialWorkerEpisode).where(amongIds(socialWorkerEpisode.childId, ids)));
  for (const c of children) {
    out.set(c.reference, {
      child: c,
      legalStatuses: statuses(c.id),
      placements: placements(c.id),
      careEndings: endings(c.id),
      reviews: reviews(c.id),
      missing: missing(c.id),
      socialWorkerEpisodes: sw(c.id),
    });
  }
  return out;
}

/** A child by reference with every record the return is made of; undefined when there is none. */
export async function childRecordsByReference(tx: DbOrTx, reference: string) {
  const [row] = await tx.select().from(child).where(eq(child.reference, reference)).limit(1);
  if (!row) return undefined;
  const id = row.id;
  return {
    child: row,
    legalStatuses: await tx.select().from(legalStatus).where(eq(legalStatus.childId, id)),
    placements: await tx.select().from(placement).where(eq(placement.childId, id)),
    careEndings: await tx.select().from(careEnding).where(eq(careEnding.childId, id)),
    reviews: await tx.select().from(childEvent).where(and(eq(childEvent.childId, id), eq(childEvent.kind, 'review_held'))),
    missing: await tx.select().from(missingEpisode).where(eq(missingEpisode.childId, id)),
    socialWorkerEpisodes: await tx.select().from(socialWorkerEpisode).where(eq(socialWorkerEpisode.childId, id)),
  };
}

/** Which of these references are children already. */
export async function existingReferences(tx: DbOrTx, references: readonly string[]): Promise<Set<string>> {
  if (!references.length) return new Set();
  const rows = await tx.select({ reference: child.reference }).from(child).where(inArray(child.reference, [...references]));
  return new Set(rows.map((r) => r.reference));
}

export const insertChildRows = (tx: DbOrTx, rows: (typeof child.$inferInsert)[]) => insertRows(tx, child, rows);
export const insertHouseholdRows = (tx: DbOrTx, rows: (typeof household.$inferInsert)[]) => insertRows(tx, household, rows);

export const insertChildRow = async (tx: DbOrTx, values: typeof child.$inferInsert) => {
  const [row] = await tx.insert(child).values(values).returning({ id: child.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
};
export const updateChildRow = (tx: DbOrTx, id: string, values: Partial<typeof child.$inferInsert>) =>
  tx
    .update(child)
    .set({ ...values, version: sql`${child.version} + 1`, updatedAt: new Date() })
    .where(eq(child.id, id));

export const insertLegalStatuses = (tx: DbOrTx, rows: (typeof legalStatus.$inferInsert)[]) => insertRows(tx, legalStatus, rows);
export const updateLegalStatusEnd = (tx: DbOrTx, id: string, endDate: string | null) => tx.update(legalStatus).set({ endDate }).where(eq(legalStatus.id, id));
export const insertPlacements = (tx: DbOrTx, rows: (typeof placement.$inferInsert)[]) => insertRows(tx, placement, rows);
export const updatePlacementRow = (tx: DbOrTx, id: string, values: Partial<typeof placement.$inferInsert>) =>
  tx
    .update(placement)
    .set({ ...values, version: sql`${placement.version} + 1`, updatedAt: new Date() })
    .where(eq(placement.id, id));
export const insertCareEndings = (tx: DbOrTx, rows: (typeof careEnding.$inferInsert)[]) => insertRows(tx, careEnding, rows);
export const updateCareEndingReason = (tx: DbOrTx, id: string, reason: string) => tx.update(careEnding).set({ reason }).where(eq(careEnding.id, id));
export const insertChildEvents = (tx: DbOrTx, rows: (typeof childEvent.$inferInsert)[]) => insertRows(tx, childEvent, rows);
export const updateReviewCode = (tx: DbOrTx, id: string, participationCode: string | null) => tx.update(childEvent).set({ participationCode }).where(eq(childEvent.id, id));
export const insertMissingEpisodes = (tx: DbOrTx, rows: (typeof missingEpisode.$inferInsert)[]) => insertRows(tx, missingEpisode, rows);
export const updateMissingEnd = (tx: DbOrTx, id: string, endedOn: string | null) => tx.update(missingEpisode).set({ endedOn }).where(eq(missingEpisode.id, id));
export const insertSocialWorkerEpisodes = (tx: DbOrTx, rows: (typeof socialWorkerEpisode.$inferInsert)[]) => insertRows(tx, socialWorkerEpisode, rows);
export const updateSocialWorkerEpisode = (tx: DbOrTx, id: string, values: { endedOn: string | null; reason: string | null; startReason: string | null }) =>
  tx.update(socialWorkerEpisode).set(values).where(eq(socialWorkerEpisode.id, id));

/** Staff by SW_ID (their Social Work England number), for the identifiers given. */
export async function usersBySweNumber(tx: DbOrTx, swIds: readonly string[]) {
  if (!swIds.length) return [];
  return tx.select({ id: appUser.id, sweNumber: appUser.sweNumber, active: appUser.active }).from(appUser).where(inArray(appUser.sweNumber, [...swIds]));
}

export async function insertUser(tx: DbOrTx, values: typeof appUser.$inferInsert): Promise<string> {
  forgetAccessActors(tx); // a new member of a team
  const [row] = await tx.insert(appUser).values(values).returning({ id: appUser.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** The local authorities and fostering agencies, to find a household's fostering service. */
export async function fosteringServices(tx: DbOrTx) {
  return tx.select({ id: organisation.id, kind: organisation.kind, name: organisation.name, laCode: organisation.laCode, ofstedUrn: organisation.ofstedUrn, providerCode: organisation.providerCode }).from(organisation);
}

export async function insertOrganisation(tx: DbOrTx, values: typeof organisation.$inferInsert): Promise<string> {
  const [row] = await tx.insert(organisation).values(values).returning({ id: organisation.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Every household (not the ones kept as not known) with its fostering service, for matching placements to. */
export async function householdsForMatching(tx: DbOrTx) {
  return tx
    .select({ id: household.id, reference: household.reference, postcode: household.postcode, serviceId: household.fosteringServiceId, version: household.version })
    .from(household)
    .where(eq(household.notKnown, false));
}

export async function householdByReference(tx: DbOrTx, reference: string) {
  const [row] = await tx.select().from(household).where(eq(household.reference, reference)).limit(1);
  return row;
}

/** Households by reference, for the references given (a map by reference). */
export async function householdsByReferences(tx: DbOrTx, references: readonly string[]) {
  const out = new Map<string, typeof household.$inferSelect>();
  for (let i = 0; i < references.length; i += 5000) {
    const rows = await tx.select().from(household).where(inArray(household.reference, references.slice(i, i + 5000)));
    for (const r of rows) out.set(r.reference, r);
  }
  return out;
}

export async function insertHouseholdRow(tx: DbOrTx, values: typeof household.$inferInsert): Promise<string> {
  const [row] = await tx.insert(household).values(values).returning({ id: household.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export const updateHouseholdRow = (tx: DbOrTx, id: string, values: Partial<typeof household.$inferInsert>) =>
  tx
    .update(household)
    .set({ ...values, version: sql`${household.version} + 1`, updatedAt: new Date() })
    .where(eq(household.id, id));

export const insertCarers = (tx: DbOrTx, rows: (typeof householdMember.$inferInsert)[]) => (rows.length ? tx.insert(householdMember).values(rows) : undefined);
export const carersOf = (tx: DbOrTx, householdId: string) =>
  tx
    .select()
    .from(householdMember)
    .where(and(eq(householdMember.householdId, householdId), eq(householdMember.kind, 'carer')))
    .orderBy(asc(householdMember.position));

/** The placements kept with a household not known, with the child, for a person to link. */
export async function placementsWithHouseholdNotKnown(tx: DbOrTx, limit: number) {
  return tx
    .select({
      placementId: placement.id,
      placementVersion: placement.version,
      childId: child.id,
      childReference: child.reference,
      startDate: placement.startDate,
      endDate: placement.endDate,
      placementType: placement.placementType,
      provider: placement.provider,
      urn: placement.urn,
      plPost: placement.plPost,
      householdId: household.id,
      householdReference: household.reference,
    })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .innerJoin(child, eq(child.id, placement.childId))
    .where(and(eq(household.notKnown, true), isNotNull(placement.importedOn)))
    .orderBy(asc(child.reference), asc(placement.startDate))
    .limit(limit);
}

export async function countPlacementsWithHouseholdNotKnown(tx: DbOrTx): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(eq(household.notKnown, true));
  return row?.n ?? 0;
}

/** Moves the placements of a household kept as not known to a real one; returns how many. */
export async function linkNotKnownHousehold(tx: DbOrTx, fromHouseholdId: string, toHouseholdId: string): Promise<number> {
  const moved = await tx
    .update(placement)
    .set({ householdId: toHouseholdId, version: sql`${placement.version} + 1`, updatedAt: new Date() })
    .where(eq(placement.householdId, fromHouseholdId))
    .returning({ id: placement.id });
  await tx.delete(household).where(and(eq(household.id, fromHouseholdId), eq(household.notKnown, true)));
  return moved.length;
}

/** The placements of the children who have one kept with this household, with their households (for decideHouseholdLink). */
export async function placementsOfChildrenOfHousehold(tx: DbOrTx, householdId: string) {
  return tx
    .select({ childId: placement.childId, startDate: placement.startDate, endDate: placement.endDate, householdId: placement.householdId })
    .from(placement)
    .where(and(inArray(placement.childId, tx.select({ id: placement.childId }).from(placement).where(eq(placement.householdId, householdId))), sql`${placement.status} <> 'cancelled'`));
}

/** The households kept as not known that hold placements, with their first placement's child: the placement team's queue. */
export async function householdsToLink(tx: DbOrTx, limit: number) {
  return tx
    .select({
      householdId: household.id,
      householdReference: household.reference,
      childId: child.id,
      childReference: child.reference,
      childName: sql<string>`${child.firstName} || ' ' || ${child.lastName}`,
      placements: sql<number>`count(*)::int`,
      firstStart: sql<string>`min(${placement.startDate})::text`,
      current: sql<boolean>`bool_or(${placement.status} = 'active')`,
      since: sql<number>`extract(epoch from min(${placement.createdAt}))::float8`,
    })
    .from(household)
    .innerJoin(placement, eq(placement.householdId, household.id))
    .innerJoin(child, eq(child.id, placement.childId))
    .where(eq(household.notKnown, true))
    .groupBy(household.id, child.id)
    .orderBy(sql`bool_or(${placement.status} = 'active') DESC`, asc(sql`min(${placement.createdAt})`), asc(household.reference))
    .limit(limit);
}

export async function householdNotKnown(tx: DbOrTx, id: string) {
  const [row] = await tx
    .select({ id: household.id, reference: household.reference })
    .from(household)
    .where(and(eq(household.id, id), eq(household.notKnown, true)));
  return row;
}

/** Keeps uploaded files from their dry run to the import. */
export async function insertUpload(tx: DbOrTx, createdBy: string | null, files: ImportUploadFiles): Promise<string> {
  const [row] = await tx.insert(importUpload).values({ createdBy, files }).returning({ id: importUpload.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function findUpload(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(importUpload).where(eq(importUpload.id, id));
  return row;
}

export const deleteUpload = (tx: DbOrTx, id: string) => tx.delete(importUpload).where(eq(importUpload.id, id));

/** Forgets uploads checked but never imported, after a day: they hold children's records. */
export const deleteStaleUploads = (tx: DbOrTx) => tx.delete(importUpload).where(sql`${importUpload.createdAt} < now() - interval '1 day'`);

/** Imported children allocated to this social worker whose name is not yet recorded (the import's placeholder), oldest first. */
export async function childrenWithNameNotRecorded(tx: DbOrTx, socialWorkerId: string, limit: number) {
  return tx
    .select({ id: child.id, reference: child.reference, importedOn: child.importedOn, since: sql<number>`extract(epoch from ${child.createdAt})::float8` })
    .from(child)
    .where(and(eq(child.nameRecorded, false), eq(child.socialWorkerId, socialWorkerId)))
    .orderBy(asc(child.createdAt), asc(child.reference))
    .limit(limit);
}

/** How many children have no name recorded and no active allocated social worker, and since when the oldest waits. */
export async function unallocatedNamesNotRecorded(tx: DbOrTx): Promise<{ n: number; since: number | null }> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int`, since: sql<number | null>`extract(epoch from min(${child.createdAt}))::float8` })
    .from(child)
    .leftJoin(appUser, eq(appUser.id, child.socialWorkerId))
    .where(and(eq(child.nameRecorded, false), sql`(${child.socialWorkerId} IS NULL OR NOT ${appUser.active})`));
  return row ?? { n: 0, since: null };
}

export async function insertJob(tx: DbOrTx, values: { uploadId: string; dryRun: boolean; createdBy: string | null }): Promise<string> {
  const [row] = await tx.insert(importJob).values({ ...values, status: 'running' }).returning({ id: importJob.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function findJob(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(importJob).where(eq(importJob.id, id));
  return row;
}

/** The job of these files still marked running, if there is one (at most one: a unique index), with when its row was last refreshed. */
export async function runningJobOfUpload(tx: DbOrTx, uploadId: string) {
  const [row] = await tx
    .select({ id: importJob.id, status: importJob.status, updatedAt: importJob.updatedAt })
    .from(importJob)
    .where(and(eq(importJob.uploadId, uploadId), eq(importJob.status, 'running')))
    .limit(1);
  return row;
}

/** The progress of a running job, for every process to read; refreshing the row is also the sign that its process still runs it. */
export const reportProgress = (tx: DbOrTx, id: string, values: { done: number; total: number }) =>
  tx.update(importJob).set({ ...values, updatedAt: new Date() }).where(and(eq(importJob.id, id), eq(importJob.status, 'running')));

/** A job left running by a process that stopped, closed as failed (its progress kept) so that its files may be run again. */
export const closeInterruptedJob = (tx: DbOrTx, id: string, error: string) =>
  tx.update(importJob).set({ status: 'failed', error, updatedAt: new Date() }).where(and(eq(importJob.id, id), eq(importJob.status, 'running')));

export const finishJob = (tx: DbOrTx, id: string, values: { status: 'done' | 'failed'; done: number; total: number; report: unknown; error: string | null }) =>
  tx.update(importJob).set({ ...values, updatedAt: new Date() }).where(eq(importJob.id, id));
