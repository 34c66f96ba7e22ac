/** Foster households: carers, members, approvals and the lookups other aggregates make of them. */
import { and, asc, eq, exists, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db.ts';
import { PREFILTER_CODES, type MatchingPrefilter, type PrefilterCode } from '../../domain/matching/prefilter.ts';
import type { HouseholdColumns } from '../../domain/matching/shortlist.ts';
import { anyOf } from '../any-of.ts';
import { appUser, child, externalContact, fosteringLimitExemption, household, householdMember, organisation, parentChildArrangement, parentChildArrangementPerson, placement } from '../schema.ts';
import { likePattern, updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type HouseholdRow = typeof household.$inferSelect;
export type NewHouseholdRow = typeof household.$inferInsert;
export type HouseholdMemberRow = typeof householdMember.$inferSelect;
export type ExemptionRow = typeof fosteringLimitExemption.$inferSelect;

export type HouseholdWhere = {
  q?: string | undefined;
  approvalStatus?: HouseholdRow['approvalStatus'] | undefined;
  supervisingSocialWorkerId?: string | undefined;
  fosteringServiceId?: string | undefined;
  placementKind?: string | undefined;
  /** Only the households a person may read (readableHouseholds, src/data/repositories/caseload.ts). */
  readable?: SQL | undefined;
};

/** The conditions of a households filter: reference, postcode without spaces, or a carer's name (see listHouseholds). */
function householdConditions(db: DbOrTx, filter: HouseholdWhere): SQL[] {
  const where: SQL[] = [];
  if (filter.readable) where.push(filter.readable);
  if (filter.q) {
    const p = likePattern(filter.q);
    const compact = likePattern(filter.q.replace(/\s+/g, ''));
    const carerMatch = exists(
      db
        .select({ one: sql`1` })
        .from(householdMember)
        .where(
          and(
            eq(householdMember.householdId, household.id),
            eq(householdMember.kind, 'carer'),
            or(ilike(sql`${householdMember.firstName} || ' ' || ${householdMember.lastName}`, p), ilike(householdMember.lastName, p)),
          ),
        ),
    );
    where.push(or(ilike(household.reference, p), ilike(sql`replace(${household.postcode}, ' ', '')`, compact), carerMatch) as SQL);
  }
  if (filter.approvalStatus) where.push(eq(household.approvalStatus, filter.approvalStatus));
  if (filter.supervisingSocialWorkerId) where.push(eq(household.supervisingSocialWorkerId, filter.supervisingSocialWorkerId));
  if (filter.fosteringServiceId) where.push(eq(household.fosteringServiceId, filter.fosteringServiceId));
  if (filter.placementKind) where.push(sql`${filter.placementKind} = ANY(${household.placementKinds})`);
  return where;
}

/**
 * Households matching a filter, by reference, with their supervising social worker and how many
 * children are placed there now: at most `limit` of them after skipping `offset` (a page).
 */
export async function listHouseholds(db: DbOrTx, filter: HouseholdWhere, limit: number, offset = 0) {
  return db
    .select({
      h: household,
      sswName: appUser.fullName,
      placedNow: sql<number>`(SELECT count(*) FROM ${placement} WHERE ${placement.householdId} = ${household.id} AND ${placement.status} = 'active')::int`,
    })
    .from(household)
    .leftJoin(appUser, eq(appUser.id, household.supervisingSocialWorkerId))
    .where(and(...householdConditions(db, filter)))
    .orderBy(asc(household.reference))
    .limit(limit)
    .offset(offset);
}

/** How many households match a filter (as listHouseholds reads it). */
export async function countHouseholds(db: DbOrTx, filter: HouseholdWhere): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(household)
    .where(and(...householdConditions(db, filter)));
  return row?.n ?? 0;
}

export async function insertHousehold(db: DbOrTx, values: NewHouseholdRow): Promise<HouseholdRow> {
  const [row] = await db.insert(household).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export function updateHousehold(db: DbOrTx, id: string, version: number, values: Partial<NewHouseholdRow>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, household, id, version, values);
}

/** The highest reference of the form H and five digits, if any. */
export async function highestHouseholdReference(db: DbOrTx): Promise<string | null> {
  const [row] = await db
    .select({ max: sql<string | null>`max(${household.reference})` })
    .from(household)
    .where(sql`${household.reference} ~ '^H[0-9]{5}$'`);
  return row?.max ?? null;
}

export async function insertHouseholdMember(db: DbOrTx, values: typeof householdMember.$inferInsert): Promise<HouseholdMemberRow> {
  const [row] = await db.insert(householdMember).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** A member of a household (none when the member belongs to another household). */
export async function findHouseholdMember(db: DbOrTx, householdId: string, memberId: string): Promise<HouseholdMemberRow | undefined> {
  const [row] = await db
    .select()
    .from(householdMember)
    .where(and(eq(householdMember.id, memberId), eq(householdMember.householdId, householdId)));
  return row;
}

export async function deleteHouseholdMembers(db: DbOrTx, memberIds: readonly string[]): Promise<void> {
  if (memberIds.length === 1) await db.delete(householdMember).where(eq(householdMember.id, memberIds[0]!));
  else await db.delete(householdMember).where(inArray(householdMember.id, [...memberIds]));
}

export async function renameHouseholdMember(db: DbOrTx, memberId: string, name: { firstName: string; lastName: string }): Promise<void> {
  await db.update(householdMember).set({ firstName: name.firstName, lastName: name.lastName }).where(eq(householdMember.id, memberId));
}

/** A household's carers (in no particular order). */
export async function carersOfHousehold(db: DbOrTx, householdId: string): Promise<HouseholdMemberRow[]> {
  return db
    .select()
    .from(householdMember)
    .where(and(eq(householdMember.householdId, householdId), eq(householdMember.kind, 'carer')));
}

/** The carers of some households, in order. */
export async function carersOfHouseholds(db: DbOrTx, householdIds: readonly string[]): Promise<HouseholdMemberRow[]> {
  return db
    .select()
    .from(householdMember)
    .where(and(inArray(householdMember.householdId, [...householdIds]), eq(householdMember.kind, 'carer')))
    .orderBy(asc(householdMember.position));
}

export async function insertExemption(db: DbOrTx, values: typeof fosteringLimitExemption.$inferInsert): Promise<ExemptionRow> {
  const [row] = await db.insert(fosteringLimitExemption).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** A household with the name of its fostering service and supervising social worker. */
export async function findHouseholdWithNames(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ h: household, serviceName: organisation.name, sswName: appUser.fullName })
    .from(household)
    .innerJoin(organisation, eq(organisation.id, household.fosteringServiceId))
    .leftJoin(appUser, eq(appUser.id, household.supervisingSocialWorkerId))
    .where(eq(household.id, id));
  return row;
}

/** Everyone in a household: carers first (by position), then the others by kind and name. */
export async function membersOfHousehold(db: DbOrTx, id: string): Promise<HouseholdMemberRow[]> {
  return db
    .select()
    .from(householdMember)
    .where(eq(householdMember.householdId, id))
    .orderBy(asc(householdMember.position), asc(householdMember.kind), asc(householdMember.lastName), asc(householdMember.firstName));
}

/** A household's fostering limit exemptions, earliest first. */
export async function exemptionsOfHousehold(db: DbOrTx, id: string): Promise<ExemptionRow[]> {
  return db
    .select()
    .from(fosteringLimitExemption)
    .where(eq(fosteringLimitExemption.householdId, id))
    .orderBy(asc(fosteringLimitExemption.startDate));
}

/** The children placed in a household now (active placements), with their authority and social worker. */
export async function activePlacementsInHousehold(db: DbOrTx, id: string) {
  return db
    .select({
      placementId: placement.id,
      startDate: placement.startDate,
      placementType: placement.placementType,
      childId: child.id,
      reference: child.reference,
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
      authorityId: organisation.id,
      authorityName: organisation.name,
      socialWorkerName: appUser.fullName,
      externalSocialWorkerName: externalContact.fullName,
    })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .innerJoin(organisation, eq(organisation.id, child.responsibleAuthorityId))
    .leftJoin(appUser, eq(appUser.id, child.socialWorkerId))
    .leftJoin(externalContact, eq(externalContact.id, child.externalSocialWorkerId))
    .where(and(eq(placement.householdId, id), eq(placement.status, 'active')))
    .orderBy(asc(placement.startDate), asc(child.lastName));
}

export async function householdExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: household.id }).from(household).where(eq(household.id, id));
  return row !== undefined;
}

/** Households (some, or the approved ones, or all) by reference, with their supervising social worker's name. */
export async function householdsWithSupervisor(db: DbOrTx, opts: { ids?: string[] | undefined; approvedOnly?: boolean | undefined }) {
  const where: SQL[] = [];
  if (opts.ids) where.push(anyOf(household.id, opts.ids));
  if (opts.approvedOnly) where.push(eq(household.approvalStatus, 'approved'));
  return db
    .select({ h: household, sswName: appUser.fullName })
    .from(household)
    .leftJoin(appUser, eq(appUser.id, household.supervisingSocialWorkerId))
    .where(and(...where))
    .orderBy(asc(household.reference));
}

/** The placements in some households with the given statuses, with each child's date of birth. */
export async function placementsInHouseholds(db: DbOrTx, householdIds: readonly string[], statuses: ('active' | 'planned' | 'ended')[]) {
  return db
    .select({
      householdId: placement.householdId,
      childId: placement.childId,
      status: placement.status,
      startDate: placement.startDate,
      endDate: placement.endDate,
      dateOfBirth: child.dateOfBirth,
      // A placement of someone in a parent-and-child arrangement: the scenario and their role decide whether they are fostered.
      arrangementScenario: parentChildArrangement.legalScenario,
      arrangementRole: parentChildArrangementPerson.role,
    })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .leftJoin(parentChildArrangementPerson, eq(parentChildArrangementPerson.placementId, placement.id))
    .leftJoin(parentChildArrangement, eq(parentChildArrangement.id, parentChildArrangementPerson.arrangementId))
    .where(and(anyOf(placement.householdId, householdIds), inArray(placement.status, statuses)));
}

/** Exemptions from the usual fostering limit of some households. */
export async function exemptionsOfHouseholds(db: DbOrTx, householdIds: readonly string[]) {
  return db.select().from(fosteringLimitExemption).where(anyOf(fosteringLimitExemption.householdId, householdIds));
}

/** The members (carers and others living there) of some households, in order. */
export async function membersOfHouseholds(db: DbOrTx, householdIds: readonly string[]) {
  return db.select().from(householdMember).where(anyOf(householdMember.householdId, householdIds)).orderBy(asc(householdMember.position));
}

/** The id of the household with this reference (compared in capitals). */
export async function householdIdByReference(db: DbOrTx, reference: string): Promise<string | undefined> {
  const [row] = await db.select({ id: household.id }).from(household).where(sql`upper(${household.reference}) = ${reference.toUpperCase()}`);
  return row?.id;
}

export async function findHouseholdReference(db: DbOrTx, id: string): Promise<{ id: string; reference: string } | undefined> {
  const [row] = await db.select({ id: household.id, reference: household.reference }).from(household).where(eq(household.id, id));
  return row;
}

/** The carers of a household, in order. */
export async function carerNames(db: DbOrTx, householdId: string): Promise<{ firstName: string; lastName: string }[]> {
  return db
    .select({ firstName: householdMember.firstName, lastName: householdMember.lastName })
    .from(householdMember)
    .where(and(eq(householdMember.householdId, householdId), eq(householdMember.kind, 'carer')))
    .orderBy(asc(householdMember.position));
}

/** Everyone in a household, by position, with their kind. */
export async function memberNamesOfHousehold(db: DbOrTx, householdId: string) {
  return db
    .select({ firstName: householdMember.firstName, lastName: householdMember.lastName, kind: householdMember.kind })
    .from(householdMember)
    .where(eq(householdMember.householdId, householdId))
    .orderBy(asc(householdMember.position));
}

/**
 * Each household's first hard constraint of matching that the database can check, in this order:
 * approval current, kind (for fostering for adoption and concurrent planning, an adoption approval
 * current on the date: src/domain/matching/dual-approval.ts), skill level, ages, pets, places free
 * on the date (the same rules as src/domain/matching/constraints.ts termsReasons and hardConstraints, with their codes; the
 * households passing all of them are ranked by the domain, which checks them all again).
 * Returns how many households stop at each, and the columns the domain's shortlist reads
 * (HouseholdColumns) of those that pass, built as one JSON value by PostgreSQL: for a request
 * most households pass (13,000 of 75,000 for a short-term one), reading them as rows and
 * typing them through the ORM was most of the page. One row, counted in one pass over the households
 * (no grouping to sort), and the children placed counted for every household in one pass over
 * the placements taking a place.
 * test/matching-prefilter.property.test.ts proves that a household stops here only for a reason the
 * domain also gives it, and that those passing come with their own columns.
 */
export async function matchingStages(db: DbOrTx, f: MatchingPrefilter): Promise<{ stopped: { stage: PrefilterCode; households: number }[]; passed: HouseholdColumns[] }> {
  const childIds = sql`string_to_array(${f.childIds.join(',')}, ',')::uuid[]`;
  const stage = sql`CASE
      WHEN h.approval_status <> 'approved' THEN 'approval-not-current'
      WHEN ${f.kind}::text IS NOT NULL AND NOT (${f.kind}::text = ANY (h.placement_kinds)) THEN 'kind-not-approved'
      WHEN ${f.earlyPermanence}::boolean AND NOT EXISTS (
        SELECT 1 FROM adoption_approval a WHERE a.household_id = h.id AND (
          (a.status = 'approved' AND (a.decision_date <= ${f.date}::date OR (a.decision_date IS NULL AND a.from_former_tick)))
          OR (a.status IN ('on_hold', 'withdrawn') AND a.decision_date <= ${f.date}::date AND a.ended_on > ${f.date}::date))
      ) THEN 'not-dual-approved'
      WHEN ${f.minSkillLevel}::int IS NOT NULL AND h.skill_level < ${f.minSkillLevel}::int THEN 'skill-level-too-low'
      WHEN h.age_min > ${f.youngest}::int OR h.age_max < ${f.oldest}::int THEN 'age-outside-range'
      WHEN ${f.noPets}::boolean AND h.pets THEN 'no-pets'
      WHEN h.approved_children - coalesce(placed.children, 0) < ${f.placesNeeded}::int THEN 'not-enough-places'
    END`;
  // The foster children placed in each household on the date, counted in one pass over the placements
  // (a lookup per household cost a quarter of a second at 15,000 households).
  const placed = sql`SELECT p.household_id, count(DISTINCT p.child_id)::int AS children FROM placement p
        WHERE p.status IN ('planned', 'active')
          AND (p.status = 'active' OR p.start_date <= ${f.date}::date)
          AND (p.end_date IS NULL OR p.end_date > ${f.date}::date)
          AND NOT (p.child_id = ANY (${childIds}))
          -- Only foster children take a place: not a child placed with their parent who is in care (2.2), nor
          -- a parent not in care who is part of the household (2.3) (fosteredIn, src/domain/parent-and-child/arrangement.ts).
          AND NOT EXISTS (
            SELECT 1 FROM parent_child_arrangement_person ap JOIN parent_child_arrangement a ON a.id = ap.arrangement_id
            WHERE ap.placement_id = p.id
              AND ((a.legal_scenario = 'parent_in_care' AND ap.role = 'child') OR (a.legal_scenario = 'child_in_care' AND ap.role = 'parent'))
          )
        GROUP BY p.household_id`;
  const counts = sql.join(
    PREFILTER_CODES.map((code, i) => sql`count(*) FILTER (WHERE s.stage = ${code}::text)::int AS ${sql.raw(`s${i}`)}`),
    sql`, `,
  );
  // Each household let through as a JSON array of its columns in this order (keys would double what
  // PostgreSQL builds and the server parses), made an object of HouseholdColumns below.
  const [row] = await queryRows<{ passed: PassedRow[] | null; [count: `s${number}`]: number }>(
    db,
    sql`SELECT ${counts},
          json_agg(json_build_array(h.id, h.reference, h.approval_status, h.approved_children, h.age_min, h.age_max, h.placement_kinds, h.skill_level,
            h.postcode, h.languages, h.faith, h.experience, h.preferences, h.pets, h.accessible_home)) FILTER (WHERE s.stage IS NULL) AS passed
        FROM household h LEFT JOIN (${placed}) placed ON placed.household_id = h.id
          CROSS JOIN LATERAL (SELECT ${stage} AS stage) s`,
  );
  return {
    stopped: PREFILTER_CODES.flatMap((code, i) => {
      const households = row?.[`s${i}`] ?? 0;
      return households ? [{ stage: code, households }] : [];
    }),
    passed: (row?.passed ?? []).map(([id, reference, approvalStatus, approvedChildren, ageMin, ageMax, placementKinds, skillLevel, postcode, languages, faith, experience, preferences, pets, accessibleHome]) => ({
      id,
      reference,
      approvalStatus,
      approvedChildren,
      ageMin,
      ageMax,
      placementKinds,
      skillLevel,
      postcode,
      languages,
      faith,
      experience,
      preferences,
      pets,
      accessibleHome,
    })),
  };
}

type C = HouseholdColumns;
/** A household let through by matchingStages, as PostgreSQL's JSON array gives it. */
type PassedRow = [C['id'], C['reference'], C['approvalStatus'], C['approvedChildren'], C['ageMin'], C['ageMax'], C['placementKinds'], C['skillLevel'], C['postcode'], C['languages'], C['faith'], C['experience'], C['preferences'], C['pets'], C['accessibleHome']];
