/** Children in care: their records and the small lookups other aggregates make of them. */
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';
import { anyOf } from '../any-of.ts';
import { appUser, careEnding, child, childCareSummary, childEvent, household, legalStatus, missingEpisode, organisation, placement, siblingLink, socialWorkerEpisode } from '../schema.ts';
import { likePattern, updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type ChildRow = typeof child.$inferSelect;
export type NewChildRow = typeof child.$inferInsert;
export type LegalStatusRow = typeof legalStatus.$inferSelect;
export type CareEndingRow = typeof careEnding.$inferSelect;
export type MissingRow = typeof missingEpisode.$inferSelect;
export type SocialWorkerEpisodeRow = typeof socialWorkerEpisode.$inferSelect;

/** The IRO is a second user on the child's row: joined under its own name. */
const iro = alias(appUser, 'iro');

export type ChildWhere = {
  q?: string | undefined;
  responsibleAuthorityId?: string | undefined;
  socialWorkerId?: string | undefined;
  iroId?: string | undefined;
  categoryOfNeed?: string | undefined;
  /** The SSDA903 legal status code the child has on `day`. */
  legalStatus?: string | undefined;
  /** Leave out the children who had left care by `day` (leftCareBy, src/domain/records/child.ts). */
  inCare?: boolean | undefined;
  /** Only the children a person may read (readableChildren, src/data/repositories/caseload.ts). */
  readable?: SQL | undefined;
};

/** The conditions of a children filter (see listChildren). */
function childConditions(filter: ChildWhere, day: string): SQL[] {
  const where: SQL[] = [];
  if (filter.q) {
    const p = likePattern(filter.q);
    where.push(
      or(
        ilike(child.firstName, p),
        ilike(child.lastName, p),
        ilike(sql`${child.firstName} || ' ' || ${child.lastName}`, p),
        // a nickname or previous name finds the child too
        sql`exists (select 1 from jsonb_array_elements(${child.otherNames}) other_name where other_name->>'name' ilike ${p})`,
        ilike(child.reference, p),
        ilike(child.upn, p),
      ) as SQL,
    );
  }
  if (filter.responsibleAuthorityId) where.push(eq(child.responsibleAuthorityId, filter.responsibleAuthorityId));
  if (filter.socialWorkerId) where.push(eq(child.socialWorkerId, filter.socialWorkerId));
  if (filter.iroId) where.push(eq(child.iroId, filter.iroId));
  if (filter.categoryOfNeed) where.push(eq(child.categoryOfNeed, filter.categoryOfNeed));
  if (filter.legalStatus) {
    where.push(
      sql`exists (select 1 from ${legalStatus} ls where ls.child_id = ${child.id} and ls.code = ${filter.legalStatus}
          and ls.start_date <= ${day} and (ls.end_date is null or ls.end_date > ${day} or (ls.end_date = ls.start_date and ls.start_date = ${day})))`,
    );
  }
  if (filter.readable) where.push(filter.readable);
  if (filter.inCare) where.push(sql`not exists (${leftCareBySql(day)})`);
  return where;
}

/**
 * The child has left care by `day`, as leftCareBy (src/domain/records/child.ts) decides it: a legal
 * status had begun by then and none is in force that day. Read from the child's summary of their
 * periods of care (migration 0060), one row a child, so that the planner can test a whole list of
 * children at once (an anti-join) or a few one by one, instead of looking up every child's statuses.
 */
function leftCareBySql(day: string): SQL {
  return sql`select 1 from ${childCareSummary} s where s.child_id = ${child.id} and s.first_start <= ${day}::date and not s.periods @> ${day}::date`;
}

/**
 * Children matching a filter (a name, another name, reference or UPN; allocations; category of need;
 * the legal status they have on `day`), by name, with their authority, social worker and IRO: at most
 * `limit` of them after skipping `offset` (a page; the order is read from child_list_order_idx).
 */
export async function listChildren(db: DbOrTx, filter: ChildWhere, day: string, limit: number, offset = 0) {
  return db
    .select({
      id: child.id,
      reference: child.reference,
      firstName: child.firstName,
      lastName: child.lastName,
      nameRecorded: child.nameRecorded,
      dateOfBirth: child.dateOfBirth,
      upn: child.upn,
      responsibleAuthorityId: child.responsibleAuthorityId,
      responsibleAuthorityName: organisation.name,
      socialWorkerId: child.socialWorkerId,
      socialWorkerName: appUser.fullName,
      iroId: child.iroId,
      iroName: iro.fullName,
      categoryOfNeed: child.categoryOfNeed,
    })
    .from(child)
    .leftJoin(organisation, eq(organisation.id, child.responsibleAuthorityId))
    .leftJoin(appUser, eq(appUser.id, child.socialWorkerId))
    .leftJoin(iro, eq(iro.id, child.iroId))
    .where(and(...childConditions(filter, day)))
    .orderBy(asc(sql`lower(${child.lastName})`), asc(sql`lower(${child.firstName})`), asc(child.reference))
    .limit(limit)
    .offset(offset);
}

/** How many children match a filter (as listChildren reads it). */
export async function countChildren(db: DbOrTx, filter: ChildWhere, day: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(child)
    .where(and(...childConditions(filter, day)));
  return row?.n ?? 0;
}

/** The legal statuses of some children (in no particular order). */
export async function legalStatusesOfChildren(db: DbOrTx, childIds: readonly string[]): Promise<LegalStatusRow[]> {
  return db.select().from(legalStatus).where(inArray(legalStatus.childId, [...childIds]));
}

/** A child with the names of their authority, social worker and IRO. */
export async function findChildWithNames(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ child, responsibleAuthorityName: organisation.name, socialWorkerName: appUser.fullName, iroName: iro.fullName })
    .from(child)
    .leftJoin(organisation, eq(organisation.id, child.responsibleAuthorityId))
    .leftJoin(appUser, eq(appUser.id, child.socialWorkerId))
    .leftJoin(iro, eq(iro.id, child.iroId))
    .where(eq(child.id, id));
  return row;
}

/** A child's legal statuses, earliest first. */
export async function legalStatusesOfChild(db: DbOrTx, childId: string): Promise<LegalStatusRow[]> {
  return db.select().from(legalStatus).where(eq(legalStatus.childId, childId)).orderBy(asc(legalStatus.startDate));
}

/** A child's legal statuses, in no particular order. */
export async function legalStatusesOfChildUnordered(db: DbOrTx, childId: string): Promise<LegalStatusRow[]> {
  return db.select().from(legalStatus).where(eq(legalStatus.childId, childId));
}

/** Some children, oldest first. */
export async function childrenByBirthDate(db: DbOrTx, ids: readonly string[]) {
  return db
    .select({ id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName, dateOfBirth: child.dateOfBirth })
    .from(child)
    .where(inArray(child.id, [...ids]))
    .orderBy(asc(child.dateOfBirth));
}

/** A child's placements, earliest first, with the household's reference. */
export async function placementsOfChild(db: DbOrTx, childId: string) {
  return db
    .select({
      id: placement.id,
      startDate: placement.startDate,
      endDate: placement.endDate,
      placementType: placement.placementType,
      status: placement.status,
      householdId: household.id,
      householdReference: household.reference,
      /** The carers' names, "Jo Carer and Sam Carer", in the household's order. */
      carers: sql<string | null>`(SELECT string_agg(m.first_name || ' ' || m.last_name, ' and ' ORDER BY m.position) FROM household_member m WHERE m.household_id = ${household.id} AND m.kind = 'carer')`,
    })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(eq(placement.childId, childId))
    .orderBy(asc(placement.startDate));
}

export async function careEndingsOfChild(db: DbOrTx, childId: string): Promise<CareEndingRow[]> {
  return db.select().from(careEnding).where(eq(careEnding.childId, childId)).orderBy(asc(careEnding.endedOn));
}

/** A child's missing and away periods, oldest first. */
export async function missingPeriodsOfChild(db: DbOrTx, childId: string): Promise<MissingRow[]> {
  return db.select().from(missingEpisode).where(eq(missingEpisode.childId, childId)).orderBy(asc(missingEpisode.startedOn), asc(missingEpisode.recordedAt));
}

/** A child's social worker episodes, oldest first, with the worker's name. */
export async function socialWorkerEpisodesOfChild(db: DbOrTx, childId: string) {
  return db
    .select({ episode: socialWorkerEpisode, name: appUser.fullName })
    .from(socialWorkerEpisode)
    .leftJoin(appUser, eq(appUser.id, socialWorkerEpisode.userId))
    .where(eq(socialWorkerEpisode.childId, childId))
    .orderBy(asc(socialWorkerEpisode.startedOn), asc(socialWorkerEpisode.recordedAt));
}

export async function insertChild(db: DbOrTx, values: NewChildRow): Promise<ChildRow> {
  const [row] = await db.insert(child).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export function updateChild(db: DbOrTx, id: string, version: number, values: Partial<NewChildRow>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, child, id, version, values);
}

/** A child's social worker and version, locked for update. */
export async function lockChildAllocation(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ socialWorkerId: child.socialWorkerId, iroId: child.iroId, version: child.version, reference: child.reference, nameRecorded: child.nameRecorded })
    .from(child)
    .where(eq(child.id, id))
    .for('update');
  return row;
}

/** A child's id and date of birth, locked for update. */
export async function lockChildBirthDate(db: DbOrTx, id: string): Promise<{ id: string; dateOfBirth: string } | undefined> {
  const [row] = await db.select({ id: child.id, dateOfBirth: child.dateOfBirth }).from(child).where(eq(child.id, id)).for('update');
  return row;
}

export async function childExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: child.id }).from(child).where(eq(child.id, id));
  return row !== undefined;
}

/** The child with this reference, or this id (exactly as given). */
export async function findChildIdBy(db: DbOrTx, by: { reference: string } | { id: string }): Promise<string | undefined> {
  const where = 'reference' in by ? eq(child.reference, by.reference) : eq(child.id, by.id);
  const [row] = await db.select({ id: child.id }).from(child).where(where);
  return row?.id;
}

/** The child (if any) holding a UPN. */
export async function findChildIdByUpn(db: DbOrTx, upn: string): Promise<string | undefined> {
  const [row] = await db.select({ id: child.id }).from(child).where(eq(child.upn, upn));
  return row?.id;
}

/** Ends a child's open social worker episode on a day, with the reason. */
export async function endOpenSocialWorkerEpisode(db: DbOrTx, childId: string, day: string, reason: string | null): Promise<void> {
  await db
    .update(socialWorkerEpisode)
    .set({ endedOn: day, reason })
    .where(and(eq(socialWorkerEpisode.childId, childId), isNull(socialWorkerEpisode.endedOn)));
}

export async function insertSocialWorkerEpisode(db: DbOrTx, values: typeof socialWorkerEpisode.$inferInsert): Promise<void> {
  await db.insert(socialWorkerEpisode).values(values);
}

export async function insertLegalStatus(db: DbOrTx, values: typeof legalStatus.$inferInsert): Promise<LegalStatusRow> {
  const [row] = await db.insert(legalStatus).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** One of a child's legal statuses. */
export async function findLegalStatusOfChild(db: DbOrTx, childId: string, statusId: string): Promise<LegalStatusRow | undefined> {
  const [row] = await db.select().from(legalStatus).where(and(eq(legalStatus.id, statusId), eq(legalStatus.childId, childId)));
  return row;
}

/** A legal status of the child starting on a day. */
export async function legalStatusStartingOn(db: DbOrTx, childId: string, day: string): Promise<{ code: string } | undefined> {
  const [row] = await db
    .select({ code: legalStatus.code })
    .from(legalStatus)
    .where(and(eq(legalStatus.childId, childId), eq(legalStatus.startDate, day)));
  return row;
}

/** Whether the end of a period of care on a day is recorded for the child. */
export async function careEndingOn(db: DbOrTx, childId: string, day: string): Promise<boolean> {
  const [row] = await db.select({ id: careEnding.id }).from(careEnding).where(and(eq(careEnding.childId, childId), eq(careEnding.endedOn, day)));
  return row !== undefined;
}

export async function endLegalStatusOn(db: DbOrTx, statusId: string, endDate: string): Promise<LegalStatusRow | undefined> {
  const [row] = await db.update(legalStatus).set({ endDate }).where(eq(legalStatus.id, statusId)).returning();
  return row;
}

export async function insertCareEnding(db: DbOrTx, values: typeof careEnding.$inferInsert): Promise<CareEndingRow> {
  const [row] = await db.insert(careEnding).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function insertMissingPeriod(db: DbOrTx, values: typeof missingEpisode.$inferInsert): Promise<MissingRow> {
  const [row] = await db.insert(missingEpisode).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findMissingPeriodOfChild(db: DbOrTx, childId: string, missingId: string): Promise<MissingRow | undefined> {
  const [row] = await db.select().from(missingEpisode).where(and(eq(missingEpisode.id, missingId), eq(missingEpisode.childId, childId)));
  return row;
}

/** Changes a missing period if it still has the version read; undefined when it has not. */
export async function updateMissingPeriod(
  db: DbOrTx,
  missingId: string,
  version: number,
  values: Pick<typeof missingEpisode.$inferInsert, 'kind' | 'startedOn' | 'endedOn'>,
): Promise<MissingRow | undefined> {
  const [row] = await db
    .update(missingEpisode)
    .set({ ...values, version: sql`${missingEpisode.version} + 1` })
    .where(and(eq(missingEpisode.id, missingId), eq(missingEpisode.version, version)))
    .returning();
  return row;
}

export async function siblingLinkExists(db: DbOrTx, pair: { childId: string; siblingId: string }): Promise<boolean> {
  const [row] = await db.select().from(siblingLink).where(and(eq(siblingLink.childId, pair.childId), eq(siblingLink.siblingId, pair.siblingId)));
  return row !== undefined;
}

export async function insertSiblingLink(db: DbOrTx, pair: { childId: string; siblingId: string }): Promise<void> {
  await db.insert(siblingLink).values(pair);
}

/** Removes a sibling link; false when there was none. */
export async function deleteSiblingLink(db: DbOrTx, pair: { childId: string; siblingId: string }): Promise<boolean> {
  const removed = await db
    .delete(siblingLink)
    .where(and(eq(siblingLink.childId, pair.childId), eq(siblingLink.siblingId, pair.siblingId)))
    .returning();
  return removed.length > 0;
}

/** Names and references of some children (in no particular order). */
export async function childNames(db: DbOrTx, ids: readonly string[]): Promise<{ id: string; firstName: string; lastName: string; reference: string }[]> {
  return db.select({ id: child.id, firstName: child.firstName, lastName: child.lastName, reference: child.reference }).from(child).where(inArray(child.id, [...ids]));
}

/** What the placement rules need of a child: first name and date of birth. */
export async function childForRules(db: DbOrTx, id: string): Promise<{ id: string; firstName: string; dateOfBirth: string } | undefined> {
  const [row] = await db.select({ id: child.id, firstName: child.firstName, dateOfBirth: child.dateOfBirth }).from(child).where(eq(child.id, id));
  return row;
}

/** Lock the children's rows, in a fixed order (by id) so two transactions never wait on each other. */
export async function lockChildRows(db: DbOrTx, ids: readonly string[]) {
  return db
    .select({ id: child.id, firstName: child.firstName, lastName: child.lastName, reference: child.reference, dateOfBirth: child.dateOfBirth })
    .from(child)
    .where(inArray(child.id, [...ids]))
    .orderBy(child.id)
    .for('update');
}

/** What matching needs of some children. */
export async function childrenForMatching(db: DbOrTx, ids: readonly string[]) {
  return db
    .select({
      id: child.id,
      reference: child.reference,
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
      sex: child.sex,
      homePostcode: child.homePostcode,
    })
    .from(child)
    .where(inArray(child.id, [...ids]));
}

/** Recorded sibling links touching any of these children (either direction); `ids` without repeats, not empty. */
export async function siblingLinksTouching(db: DbOrTx, ids: readonly string[]): Promise<{ childId: string; siblingId: string }[]> {
  return db
    .select({ childId: siblingLink.childId, siblingId: siblingLink.siblingId })
    .from(siblingLink)
    .where(or(anyOf(siblingLink.childId, ids), anyOf(siblingLink.siblingId, ids)));
}

/** A child with their social worker's name. */
export async function childWithSocialWorker(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: child.id,
      reference: child.reference,
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
      socialWorkerId: child.socialWorkerId,
      socialWorkerName: appUser.fullName,
    })
    .from(child)
    .leftJoin(appUser, eq(appUser.id, child.socialWorkerId))
    .where(eq(child.id, id));
  return row;
}

/** Every sibling link touching a child (either direction). */
export async function siblingLinksOfChild(db: DbOrTx, childId: string) {
  return db
    .select()
    .from(siblingLink)
    .where(or(eq(siblingLink.childId, childId), eq(siblingLink.siblingId, childId)));
}

const siblingColumns = { id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName, dateOfBirth: child.dateOfBirth };

/** Some children, youngest last (by date of birth, then reference). */
export async function childrenByAge(db: DbOrTx, ids: readonly string[]) {
  return db
    .select(siblingColumns)
    .from(child)
    .where(inArray(child.id, [...ids]))
    .orderBy(asc(child.dateOfBirth), asc(child.reference));
}

/** Some children's names, references and dates of birth (in no particular order). */
export async function childrenWithBirthDates(db: DbOrTx, ids: readonly string[]) {
  return db.select(siblingColumns).from(child).where(inArray(child.id, [...ids]));
}

/** The id of the child with this reference (compared in capitals). */
export async function childIdByReference(db: DbOrTx, reference: string): Promise<string | undefined> {
  const [row] = await db.select({ id: child.id }).from(child).where(sql`upper(${child.reference}) = ${reference.toUpperCase()}`);
  return row?.id;
}

/** A child's name, locked for update until the end of the transaction. */
export async function lockChildName(db: DbOrTx, id: string): Promise<{ id: string; firstName: string; lastName: string } | undefined> {
  const [row] = await db
    .select({ id: child.id, firstName: child.firstName, lastName: child.lastName })
    .from(child)
    .where(eq(child.id, id))
    .for('update');
  return row;
}

/** Which of these ids are children's. */
export async function existingChildIds(db: DbOrTx, ids: readonly string[]): Promise<{ id: string }[]> {
  return db.select({ id: child.id }).from(child).where(inArray(child.id, [...ids]));
}

/** The children with these references (given in capitals). */
export async function childrenByReferences(db: DbOrTx, references: readonly string[]): Promise<{ id: string; reference: string }[]> {
  return db.select({ id: child.id, reference: child.reference }).from(child).where(inArray(sql`upper(${child.reference})`, [...references]));
}

export type NewChildEventRow = typeof childEvent.$inferInsert;

/** Records an event in a child's history (a meeting held, an agreement recorded, a visit…). */
export async function insertChildEvent(db: DbOrTx, values: NewChildEventRow): Promise<void> {
  await db.insert(childEvent).values(values);
}

export async function findChild(db: DbOrTx, id: string): Promise<ChildRow | undefined> {
  const [row] = await db.select().from(child).where(eq(child.id, id));
  return row;
}

/** Some children's names, references and dates of birth (in no particular order). */
export async function childrenToPlace(db: DbOrTx, ids: readonly string[]) {
  return db.select({ id: child.id, firstName: child.firstName, lastName: child.lastName, reference: child.reference, dateOfBirth: child.dateOfBirth }).from(child).where(inArray(child.id, [...ids]));
}

/** A child's name and reference. */
export async function findChildName(db: DbOrTx, id: string): Promise<{ firstName: string; lastName: string; reference: string } | undefined> {
  const [row] = await db.select({ firstName: child.firstName, lastName: child.lastName, reference: child.reference }).from(child).where(eq(child.id, id));
  return row;
}
