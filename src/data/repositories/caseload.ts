/**
 * The facts caseload access is decided from (src/domain/access/caseload.ts): who a person manages,
 * each child's allocation, carers and restriction, each household's supervisor and children; and
 * the same rule as SQL for the lists, so that a list shows exactly the children the rule lets the
 * person read (test/caseload-access.test.ts proves the two agree).
 */
import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { alias, PgTransaction } from 'drizzle-orm/pg-core';
import { queryRows, type DbOrTx } from '../db.ts';
import { anyOf } from '../any-of.ts';
import { accessGrant, appUser, child, childRestriction, childRestrictionMember, household } from '../schema.ts';
import type { AccessActor, ChildAccessFacts, HouseholdAccessFacts } from '../../domain/access/caseload.ts';
import type { Role } from '../../domain/access/index.ts';

const sw = alias(appUser, 'sw');
const ssw = alias(appUser, 'ssw');

/** The person as the rule needs them, with the members of their team (the lists' SQL form of "their team"). */
export type StaffActor = AccessActor & { teamMembers: readonly string[] };

const CASEWORK = new Set<Role>(['social_worker', 'team_manager']);
const FOSTERING = new Set<Role>(['supervising_social_worker', 'team_manager']);

/** The people worked out in a transaction, by person, role and team: a page's checks and its audit rows' check read them once. */
const actorsOfTransaction = new WeakMap<object, Map<string, StaffActor>>();

/**
 * Forgets the people worked out in this transaction: called by every write that can change line
 * management or a team's members (src/data/repositories/users.ts, imports.ts), so that a check
 * later in the same transaction sees the change.
 */
export function forgetAccessActors(db: DbOrTx): void {
  actorsOfTransaction.delete(db);
}

/**
 * The person as the rule needs them: who is below them in line management and, for the roles whose
 * team counts, their team's members, in one statement (none for the roles that need neither). Inside
 * a transaction the answer is kept for the rest of it (see forgetAccessActors); on the database
 * itself it is read each time.
 */
export async function accessActor(db: DbOrTx, actor: { userId: string; role: Role; teamId: string | null }): Promise<StaffActor> {
  const inTransaction = db instanceof PgTransaction;
  const key = `${actor.userId} ${actor.role} ${actor.teamId ?? ''}`;
  const kept = inTransaction ? actorsOfTransaction.get(db)?.get(key) : undefined;
  if (kept) return kept;
  // Heads of service and placement officers are decided without the chain; only caseworkers and fostering staff have a team that counts.
  const needsChain = !(actor.role === 'head_of_service' || actor.role === 'placement_officer' || actor.role === 'administrator');
  const teamId = (CASEWORK.has(actor.role) || FOSTERING.has(actor.role)) && actor.teamId ? actor.teamId : null;
  const [row] =
    needsChain || teamId
      ? await queryRows<{ manages: string[] | null; team: string[] | null }>(
          db,
          sql`
      WITH RECURSIVE down(id) AS (
        SELECT id FROM app_user WHERE ${needsChain ? sql`line_manager_id = ${actor.userId}` : sql`false`}
        UNION
        SELECT u.id FROM app_user u JOIN down d ON u.line_manager_id = d.id
      )
      SELECT (SELECT array_agg(id::text) FROM down WHERE id <> ${actor.userId}) AS manages,
        ${teamId ? sql`(SELECT array_agg(u.id::text) FROM app_user u WHERE u.team_id = ${teamId})` : sql`NULL::text[]`} AS team`,
        )
      : [];
  const answer: StaffActor = { userId: actor.userId, role: actor.role, teamId: actor.teamId, manages: new Set(row?.manages ?? []), teamMembers: row?.team ?? [] };
  if (inTransaction) {
    const map = actorsOfTransaction.get(db) ?? new Map<string, StaffActor>();
    map.set(key, answer);
    actorsOfTransaction.set(db, map);
  }
  return answer;
}

/**
 * Which children live, have lived or may live with which carers: a placement (not cancelled), a
 * proposal being considered or proposed, a parent-and-child arrangement (not cancelled). The one
 * definition of "the child's carers" every access fact and list below reads.
 *
 * `only`: only the links to these households, or of these children (a subquery of their ids, or
 * the ids themselves), tested inside each kind of link as `= ANY (…)`, so that the planner looks the
 * links up by the household or child indexes. Joined to the union from outside (or as `IN (…)`), it read every
 * placement (333,000 at 100,000 children, 60-80 ms) to keep those of a few hundred households or
 * children: the count of a supervising social worker's children list took 83 ms, 13 ms looked up.
 */
function carerLinks(only?: { households: SQL } | { children: SQL } | { childIds: readonly string[] }): SQL {
  const and = (childId: SQL, householdId: SQL) =>
    !only
      ? sql``
      : 'households' in only
        ? sql` AND ${householdId} = ANY (ARRAY(${only.households}))`
        : 'children' in only
          ? sql` AND ${childId} = ANY (ARRAY(${only.children}))`
          : sql` AND ${anyOf(childId, only.childIds)}`;
  return sql`(
  SELECT p.child_id, p.household_id FROM placement p WHERE p.status <> 'cancelled'${and(sql`p.child_id`, sql`p.household_id`)}
  UNION ALL
  SELECT pr.child_id, pp.household_id FROM placement_proposal pp JOIN placement_request pr ON pr.id = pp.request_id
    WHERE pp.status IN ('considering', 'proposed')${and(sql`pr.child_id`, sql`pp.household_id`)}
  UNION ALL
  SELECT ap.child_id, a.household_id FROM parent_child_arrangement a JOIN parent_child_arrangement_person ap ON ap.arrangement_id = a.id
    WHERE a.status <> 'cancelled' AND ap.child_id IS NOT NULL${and(sql`ap.child_id`, sql`a.household_id`)})`;
}

const CARER_LINKS = carerLinks();

/** Staff as the rule reads them (id and team), those whose ids `ids` selects; a reviewing officer's team is not theirs (null) where `reviewersHaveNoTeam`. */
const staffJson = (ids: SQL, reviewersHaveNoTeam = false) => sql<{ userId: string; teamId: string | null }[] | null>`(
  SELECT json_agg(json_build_object('userId', u.id, 'teamId', ${reviewersHaveNoTeam ? sql`CASE WHEN u.role = 'iro' THEN NULL ELSE u.team_id END` : sql`u.team_id`}))
  FROM app_user u WHERE u.id IN (${ids}))`;

/** The links (l) of children to carers (now, before, planned or proposed) in a household supervised by one of `supervisors`. */
function carersSupervisedBy(supervisors: readonly string[]): SQL {
  return sql`${carerLinks({ households: sql`SELECT h.id FROM household h WHERE ${anyOf(sql`h.supervising_social_worker_id`, supervisors)}` })} l`;
}

/** The children's ids whose carers a household supervised by one of `supervisors` is. */
function childrenWithCarersSupervisedBy(supervisors: readonly string[]): SQL {
  return sql`SELECT l.child_id FROM ${carersSupervisedBy(supervisors)}`;
}

/** Of the children `among`, those whose carers a household supervised by one of `supervisors` is. */
function childrenAmongWithCarersSupervisedBy(among: readonly string[], supervisors: readonly string[]): SQL {
  return sql`SELECT l.child_id FROM ${carerLinks({ childIds: among })} l JOIN household h ON h.id = l.household_id
    WHERE ${anyOf(sql`h.supervising_social_worker_id`, supervisors)}`;
}

/** The facts of each child, for one person (restriction and broken glass concern them). */
export async function childAccessFacts(db: DbOrTx, childIds: readonly string[], userId: string, now: Date): Promise<Map<string, ChildAccessFacts>> {
  const out = new Map<string, ChildAccessFacts>();
  if (!childIds.length) return out;
  const rows = await db
    .select({
      id: child.id,
      socialWorkerId: child.socialWorkerId,
      socialWorkerTeamId: sw.teamId,
      iroId: child.iroId,
      restrictedBy: childRestriction.restrictedBy,
      memberIds: sql<string[] | null>`(SELECT array_agg(m.user_id::text) FROM child_restriction_member m WHERE m.child_id = ${child.id})`,
      glassBroken: sql<boolean>`EXISTS (SELECT 1 FROM access_grant g WHERE g.child_id = ${child.id} AND g.user_id = ${userId} AND g.expires_at > ${now.toISOString()})`,
      supervisors: staffJson(sql`SELECT h.supervising_social_worker_id FROM ${CARER_LINKS} l JOIN household h ON h.id = l.household_id WHERE l.child_id = ${child.id}`),
    })
    .from(child)
    .leftJoin(sw, eq(sw.id, child.socialWorkerId))
    .leftJoin(childRestriction, eq(childRestriction.childId, child.id))
    .where(anyOf(child.id, childIds));
  for (const r of rows) {
    out.set(r.id, {
      socialWorkerId: r.socialWorkerId,
      socialWorkerTeamId: r.socialWorkerTeamId,
      iroId: r.iroId,
      carerSupervisors: r.supervisors ?? [],
      restriction: r.restrictedBy ? { restrictedBy: r.restrictedBy, memberIds: r.memberIds ?? [] } : null,
      glassBroken: r.glassBroken === true || (r.glassBroken as unknown) === 't',
    });
  }
  return out;
}

/** The facts of each household. */
export async function householdAccessFacts(db: DbOrTx, householdIds: readonly string[]): Promise<Map<string, HouseholdAccessFacts>> {
  const out = new Map<string, HouseholdAccessFacts>();
  if (!householdIds.length) return out;
  const rows = await db
    .select({
      id: household.id,
      supervisorId: household.supervisingSocialWorkerId,
      supervisorTeamId: ssw.teamId,
      // The children's social workers and independent reviewing officers.
      workers: staffJson(sql`SELECT unnest(ARRAY[c.social_worker_id, c.iro_id]) FROM ${CARER_LINKS} l JOIN child c ON c.id = l.child_id WHERE l.household_id = ${household.id}`, true),
    })
    .from(household)
    .leftJoin(ssw, eq(ssw.id, household.supervisingSocialWorkerId))
    .where(anyOf(household.id, householdIds));
  for (const r of rows) out.set(r.id, { supervisorId: r.supervisorId, supervisorTeamId: r.supervisorTeamId, childWorkers: r.workers ?? [] });
  return out;
}

/**
 * The condition, on the `child` table, of the children a person may read: the SQL form of
 * childAccess (level read or write) for lists, so that paging and counts are of what they may see.
 *
 * `form`: 'list' (a list over many children) works out once the set of children on the person's
 * caseload, as an array the list's rows are then looked up from by key (`= ANY (ARRAY(…))`: as
 * `IN (…)` the planner expected thousands and read all 155,573 children of a 100,000-children
 * authority to join them, 25-35 ms, where a team manager's 2,776 take 2 ms to look up; their list's
 * first page went from 55 ms to 22). `{ among }` (a check of a few children already chosen,
 * keepReadable) looks up the carers of those children only: asked as "is this child's carer
 * supervised by …" for each, the planner hashed every child of every household the person's team
 * supervises (1,842 placements of 412 households for a supervising social worker, 14 ms) to check
 * ten. The two select the same children (of `among`, for the second).
 */
export function readableChildren(actor: StaffActor, now: Date, form: 'list' | { among: readonly string[] } = 'list'): SQL {
  if (actor.role === 'head_of_service') return sql`true`;
  const me = actor.userId;
  const team = actor.teamMembers;
  const mine = [me, ...actor.manages];
  const caseworkers = CASEWORK.has(actor.role) ? [...mine, ...team] : mine;
  const fosterers = FOSTERING.has(actor.role) ? [...mine, ...team] : mine;
  const glass = sql`SELECT g.child_id FROM access_grant g WHERE g.user_id = ${me} AND g.expires_at > ${now.toISOString()}`;
  const onCaseload =
    actor.role === 'placement_officer'
      ? sql`true`
      : form === 'list'
        ? sql`${child.id} = ANY (ARRAY(
          SELECT c.id FROM child c WHERE ${anyOf(sql`c.social_worker_id`, caseworkers)}
          ${actor.role === 'team_manager' ? sql`UNION SELECT c.id FROM child c WHERE c.social_worker_id IS NULL` : sql``}
          UNION SELECT c.id FROM child c WHERE c.iro_id = ${me}
          UNION ${childrenWithCarersSupervisedBy(fosterers)}
          UNION ${glass}))`
        : sql`(${anyOf(child.socialWorkerId, caseworkers)}
          ${actor.role === 'team_manager' ? sql`OR ${child.socialWorkerId} IS NULL` : sql``}
          OR ${child.iroId} = ${me}
          OR ${child.id} IN (${childrenAmongWithCarersSupervisedBy(form.among, fosterers)})
          OR ${child.id} IN (${glass}))`;
  // NOT IN, not NOT EXISTS: inside an OR the planner cannot make the latter an anti-join, and looked up
  // the restrictions once for every child of a list (64 ms over 155,573 children); this is one hashed
  // set of the few restricted children. (child_id is the key of child_restriction, never null.)
  const notRestricted = sql`(${child.id} NOT IN (SELECT r.child_id FROM child_restriction r)
    OR ${child.socialWorkerId} = ${me}
    OR ${child.id} IN (
      SELECT r.child_id FROM child_restriction r WHERE r.restricted_by = ${me}
      UNION SELECT m.child_id FROM child_restriction_member m WHERE m.user_id = ${me}
      UNION ${glass}))`;
  return and(onCaseload, notRestricted) as SQL;
}

/** The condition, on the `household` table, of the households a person may read (householdAccess, read or write). */
export function readableHouseholds(actor: StaffActor): SQL {
  if (actor.role === 'head_of_service' || actor.role === 'placement_officer') return sql`true`;
  const team = actor.teamMembers;
  const mine = [actor.userId, ...actor.manages];
  const caseworkers = CASEWORK.has(actor.role) ? [...mine, ...team] : mine;
  const fosterers = FOSTERING.has(actor.role) ? [...mine, ...team] : mine;
  const unsupervised = actor.role === 'team_manager' ? isNull(household.supervisingSocialWorkerId) : sql`false`;
  const ids = sql`(${anyOf(sql`c.social_worker_id`, caseworkers)} OR ${anyOf(sql`c.iro_id`, mine)})`;
  return sql`(${anyOf(household.supervisingSocialWorkerId, fosterers)} OR ${unsupervised} OR ${household.id} IN (
    SELECT l.household_id FROM ${carerLinks({ children: sql`SELECT c.id FROM child c WHERE ${ids}` })} l))`;
}

// --- Restriction and broken glass ---------------------------------------------------------------

export type RestrictionRow = typeof childRestriction.$inferSelect & { memberIds: string[] };

export async function findRestriction(db: DbOrTx, childId: string): Promise<RestrictionRow | null> {
  const [row] = await db.select().from(childRestriction).where(eq(childRestriction.childId, childId));
  if (!row) return null;
  const members = await db.select({ userId: childRestrictionMember.userId }).from(childRestrictionMember).where(eq(childRestrictionMember.childId, childId));
  return { ...row, memberIds: members.map((m) => m.userId) };
}

export async function insertRestriction(db: DbOrTx, values: { childId: string; reason: string; restrictedBy: string; memberIds: readonly string[] }): Promise<void> {
  await db.insert(childRestriction).values({ childId: values.childId, reason: values.reason, restrictedBy: values.restrictedBy });
  if (values.memberIds.length) await db.insert(childRestrictionMember).values(values.memberIds.map((userId) => ({ childId: values.childId, userId })));
}

/** Changes a restriction's reason and named people; false when the version is not the current one. */
export async function updateRestriction(db: DbOrTx, childId: string, version: number, values: { reason: string; memberIds: readonly string[] }): Promise<boolean> {
  const updated = await db
    .update(childRestriction)
    .set({ reason: values.reason, version: sql`${childRestriction.version} + 1` })
    .where(and(eq(childRestriction.childId, childId), eq(childRestriction.version, version)))
    .returning({ childId: childRestriction.childId });
  if (!updated.length) return false;
  await db.delete(childRestrictionMember).where(eq(childRestrictionMember.childId, childId));
  if (values.memberIds.length) await db.insert(childRestrictionMember).values(values.memberIds.map((userId) => ({ childId, userId })));
  return true;
}

/** Lifts a restriction; false when the version is not the current one. */
export async function deleteRestriction(db: DbOrTx, childId: string, version: number): Promise<boolean> {
  const deleted = await db
    .delete(childRestriction)
    .where(and(eq(childRestriction.childId, childId), eq(childRestriction.version, version)))
    .returning({ childId: childRestriction.childId });
  return deleted.length > 0;
}

export async function insertGrant(db: DbOrTx, values: { userId: string; childId: string; reason: string; grantedAt: Date; expiresAt: Date }) {
  const [row] = await db.insert(accessGrant).values(values).returning();
  return row!;
}

/** Broken glass no manager has looked at yet, of the people a manager manages (or everyone's, for a head of service), oldest first. */
export async function unreviewedGrants(db: DbOrTx, managed: readonly string[] | 'all') {
  return db
    .select({
      id: accessGrant.id,
      userId: accessGrant.userId,
      userName: appUser.fullName,
      childId: accessGrant.childId,
      childName: sql<string>`${child.firstName} || ' ' || ${child.lastName}`,
      childReference: child.reference,
      reason: accessGrant.reason,
      grantedAt: accessGrant.grantedAt,
      expiresAt: accessGrant.expiresAt,
    })
    .from(accessGrant)
    .innerJoin(appUser, eq(appUser.id, accessGrant.userId))
    .innerJoin(child, eq(child.id, accessGrant.childId))
    .where(and(isNull(accessGrant.reviewedAt), managed === 'all' ? undefined : anyOf(accessGrant.userId, managed)))
    .orderBy(accessGrant.grantedAt)
    .limit(200);
}

/** Marks broken glass as seen by a manager; false if it was already (or does not exist). */
export async function reviewGrant(db: DbOrTx, id: string, reviewerId: string, at: Date): Promise<{ userId: string; childId: string } | null> {
  const [row] = await db
    .update(accessGrant)
    .set({ reviewedBy: reviewerId, reviewedAt: at })
    .where(and(eq(accessGrant.id, id), isNull(accessGrant.reviewedAt)))
    .returning({ userId: accessGrant.userId, childId: accessGrant.childId });
  return row ?? null;
}

/** The person's open grant on the child, if any. */
export async function openGrant(db: DbOrTx, userId: string, childId: string, now: Date) {
  const [row] = await db
    .select()
    .from(accessGrant)
    .where(and(eq(accessGrant.userId, userId), eq(accessGrant.childId, childId), gt(accessGrant.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/** Of some children, those matching a readable condition (readableChildren). */
export async function readableAmong(db: DbOrTx, childIds: readonly string[], condition: SQL): Promise<Set<string>> {
  if (!childIds.length) return new Set();
  const rows = await db.select({ id: child.id }).from(child).where(and(anyOf(child.id, childIds), condition));
  return new Set(rows.map((r) => r.id));
}

/** A member of staff as the access pages name them. */
export async function staffMember(db: DbOrTx, id: string | null) {
  if (!id) return null;
  const [u] = await db.select({ name: appUser.fullName, email: appUser.email, lineManagerId: appUser.lineManagerId, active: appUser.active }).from(appUser).where(eq(appUser.id, id));
  return u ?? null;
}

/** A child's reference and name (the card). */
export async function childLabel(db: DbOrTx, id: string) {
  const [c] = await db.select({ reference: child.reference, firstName: child.firstName, lastName: child.lastName }).from(child).where(eq(child.id, id));
  return c ?? null;
}

/** The active staff of an organisation, by name (who may be named on a restriction). */
export async function activeStaff(db: DbOrTx, organisationId: string) {
  return db
    .select({ id: appUser.id, name: appUser.fullName, role: appUser.role })
    .from(appUser)
    .where(and(eq(appUser.active, true), eq(appUser.organisationId, organisationId)))
    .orderBy(asc(appUser.fullName))
    .limit(1000);
}
