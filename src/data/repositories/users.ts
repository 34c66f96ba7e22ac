/** Staff accounts (app_user) and their API tokens. */
import { and, asc, desc, eq, inArray, ilike, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';
import { apiToken, appUser, careEnding, child, household, organisation, team, userSession } from '../schema.ts';
import { likePattern, updateVersioned, type VersionedUpdateResult } from './versioned.ts';
import { forgetAccessActors } from './caseload.ts';

export type UserRow = typeof appUser.$inferSelect;
export type NewUserRow = typeof appUser.$inferInsert;

/** What Hearth shows of a user: never the password hash. */
const publicColumns = {
  id: appUser.id,
  fullName: appUser.fullName,
  email: appUser.email,
  role: appUser.role,
  organisationId: appUser.organisationId,
  teamId: appUser.teamId,
  lineManagerId: appUser.lineManagerId,
  active: appUser.active,
  sweNumber: appUser.sweNumber,
  version: appUser.version,
  createdAt: appUser.createdAt,
  updatedAt: appUser.updatedAt,
};

export type UserWhere = {
  q?: string | undefined;
  role?: string | undefined;
  teamId?: string | undefined;
  organisationId?: string | undefined;
  active?: boolean | undefined;
};

const manager = alias(appUser, 'line_manager');

function listQuery(db: DbOrTx) {
  return db
    .select({ ...publicColumns, organisationName: organisation.name, teamName: team.name, lineManagerName: manager.fullName })
    .from(appUser)
    .innerJoin(organisation, eq(organisation.id, appUser.organisationId))
    .leftJoin(team, eq(team.id, appUser.teamId))
    .leftJoin(manager, eq(manager.id, appUser.lineManagerId));
}

/** The conditions of a users filter (see listUsers). */
function userConditions(filter: UserWhere): SQL[] {
  const where: SQL[] = [];
  if (filter.q) {
    const p = likePattern(filter.q);
    where.push(or(ilike(appUser.fullName, p), ilike(appUser.email, p)) as SQL);
  }
  if (filter.role) where.push(eq(appUser.role, filter.role));
  if (filter.teamId) where.push(eq(appUser.teamId, filter.teamId));
  if (filter.organisationId) where.push(eq(appUser.organisationId, filter.organisationId));
  if (filter.active !== undefined) where.push(eq(appUser.active, filter.active));
  return where;
}

/**
 * Users matching a filter, with their organisation, team and line manager's names, by name (then
 * email, then id: a total order, so pages neither repeat nor skip anyone): at most `limit` of them
 * after skipping `offset` (a page).
 */
export async function listUsers(db: DbOrTx, filter: UserWhere, limit: number, offset = 0) {
  return listQuery(db)
    .where(and(...userConditions(filter)))
    .orderBy(asc(appUser.fullName), asc(appUser.email), asc(appUser.id))
    .limit(limit)
    .offset(offset);
}

/** How many users match a filter (every page of listUsers). */
export async function countUsers(db: DbOrTx, filter: UserWhere): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(appUser)
    .where(and(...userConditions(filter)));
  return row?.n ?? 0;
}

export async function findUserListRow(db: DbOrTx, id: string) {
  const [row] = await listQuery(db).where(eq(appUser.id, id));
  return row;
}

/** A worker's caseload: the children in care allocated to them, and the households they supervise (not deregistered), by name. */
export async function caseloadOf(db: DbOrTx, userId: string) {
  const children = await db
    .select({ id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName, dateOfBirth: child.dateOfBirth })
    .from(child)
    .where(and(eq(child.socialWorkerId, userId), sql`not exists (select 1 from ${careEnding} e where e.child_id = ${child.id})`))
    .orderBy(asc(child.lastName), asc(child.firstName), asc(child.reference));
  const households = await db
    .select({ id: household.id, reference: household.reference, town: household.town, approvalStatus: household.approvalStatus })
    .from(household)
    .where(and(eq(household.supervisingSocialWorkerId, userId), ne(household.approvalStatus, 'deregistered')))
    .orderBy(asc(household.reference));
  return { children, households };
}

/** The people a user line-manages. */
export async function directReports(db: DbOrTx, managerId: string) {
  return db
    .select({ id: appUser.id, fullName: appUser.fullName, role: appUser.role, active: appUser.active })
    .from(appUser)
    .where(eq(appUser.lineManagerId, managerId))
    .orderBy(asc(appUser.fullName));
}

export async function insertUser(db: DbOrTx, values: NewUserRow) {
  forgetAccessActors(db); // a new member of a team, or someone's new report
  const [row] = await db.insert(appUser).values(values).returning(publicColumns);
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findUserStanding(db: DbOrTx, id: string) {
  const [row] = await db.select({ lineManagerId: appUser.lineManagerId, role: appUser.role, active: appUser.active }).from(appUser).where(eq(appUser.id, id));
  return row;
}

export function updateUser(db: DbOrTx, id: string, version: number, values: Partial<NewUserRow>): Promise<VersionedUpdateResult> {
  forgetAccessActors(db); // the team or line manager may change
  return updateVersioned(db, appUser, id, version, values);
}

/** Users for select lists, by name. */
export async function userOptions(db: DbOrTx, opts: { roles?: readonly string[] | undefined; includeInactive?: boolean | undefined }) {
  const where: SQL[] = [];
  if (!opts.includeInactive) where.push(eq(appUser.active, true));
  if (opts.roles?.length) where.push(inArray(appUser.role, [...opts.roles]));
  return db
    .select({ id: appUser.id, fullName: appUser.fullName, email: appUser.email, role: appUser.role, active: appUser.active })
    .from(appUser)
    .where(and(...where))
    .orderBy(asc(appUser.fullName), asc(appUser.email));
}

/** Whether another user (not `exceptId`) has this e-mail address, compared without case. */
export async function emailTaken(db: DbOrTx, email: string, exceptId: string | null): Promise<boolean> {
  const clash = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(sql`lower(${appUser.email}) = ${email.toLowerCase()}`, exceptId ? ne(appUser.id, exceptId) : undefined));
  return clash.length > 0;
}

export async function findUserActive(db: DbOrTx, id: string): Promise<{ active: boolean } | undefined> {
  const [row] = await db.select({ active: appUser.active }).from(appUser).where(eq(appUser.id, id));
  return row;
}

/** Every user's line manager (to look for loops). */
export async function lineManagers(db: DbOrTx): Promise<{ id: string; lineManagerId: string | null }[]> {
  return db.select({ id: appUser.id, lineManagerId: appUser.lineManagerId }).from(appUser);
}

export async function findUser(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(appUser).where(eq(appUser.id, id));
  return user;
}

/** The user with this e-mail address, compared without case and surrounding spaces. */
export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(appUser).where(sql`lower(${appUser.email}) = lower(${email.trim()})`);
  return user;
}

/** Sets a user's password hash (their own change), moving the row's version on. */
export async function setPasswordHash(db: DbOrTx, id: string, passwordHash: string): Promise<void> {
  await db.update(appUser).set({ passwordHash, version: sql`${appUser.version} + 1`, updatedAt: new Date() }).where(eq(appUser.id, id));
}

/** Ends every stored session of a user except one (the one they are using); returns how many ended. */
export async function deleteOtherSessions(db: DbOrTx, userId: string, keepSid: string): Promise<number> {
  const rows = await db
    .delete(userSession)
    .where(and(sql`${userSession.data}->>'userId' = ${userId}`, ne(userSession.sid, keepSid)))
    .returning({ sid: userSession.sid });
  return rows.length;
}

// API tokens ---------------------------------------------------------------------------------

export async function insertApiToken(db: DbOrTx, values: typeof apiToken.$inferInsert): Promise<{ id: string }> {
  const [row] = await db.insert(apiToken).values(values).returning({ id: apiToken.id });
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** The token with this hash if it is neither revoked nor expired, with its scope and its user. */
export async function findLiveToken(db: DbOrTx, tokenHash: string): Promise<{ tokenId: string; scope: string; user: UserRow } | undefined> {
  const [row] = await db
    .select({ tokenId: apiToken.id, scope: apiToken.scope, user: appUser })
    .from(apiToken)
    .innerJoin(appUser, eq(appUser.id, apiToken.userId))
    .where(and(eq(apiToken.tokenHash, tokenHash), isNull(apiToken.revokedAt), sql`${apiToken.expiresAt} > now()`));
  return row;
}

/** How many demo accounts could sign in (start-up warns when any can). */
export async function countActiveDemoUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(appUser).where(and(eq(appUser.isDemo, true), eq(appUser.active, true)));
  return row?.n ?? 0;
}

export async function touchApiToken(db: DbOrTx, id: string): Promise<void> {
  await db.update(apiToken).set({ lastUsedAt: new Date() }).where(eq(apiToken.id, id));
}

export async function listApiTokens(db: DbOrTx) {
  return db
    .select({
      id: apiToken.id,
      name: apiToken.name,
      prefix: apiToken.tokenPrefix,
      createdAt: apiToken.createdAt,
      lastUsedAt: apiToken.lastUsedAt,
      revokedAt: apiToken.revokedAt,
      expiresAt: apiToken.expiresAt,
      scope: apiToken.scope,
      userName: appUser.fullName,
      userEmail: appUser.email,
    })
    .from(apiToken)
    .innerJoin(appUser, eq(appUser.id, apiToken.userId))
    .orderBy(desc(apiToken.createdAt));
}

/** Revokes a token still live; false when there is none. */
export async function revokeApiToken(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.update(apiToken).set({ revokedAt: new Date() }).where(and(eq(apiToken.id, id), isNull(apiToken.revokedAt))).returning({ id: apiToken.id });
  return rows.length > 0;
}

export async function findUserRole(db: DbOrTx, id: string): Promise<{ role: string } | undefined> {
  const [row] = await db.select({ role: appUser.role }).from(appUser).where(eq(appUser.id, id));
  return row;
}

/** Active users with a role, by name, for a select list. */
export async function activeUsersWithRole(db: DbOrTx, role: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: appUser.id, name: appUser.fullName })
    .from(appUser)
    .where(and(eq(appUser.role, role), eq(appUser.active, true)))
    .orderBy(asc(appUser.fullName));
}

/** Active users with one of some roles, by name, for a select list. */
export async function activeUsersWithRoles(db: DbOrTx, roles: readonly string[]): Promise<{ id: string; name: string; role: string }[]> {
  return db
    .select({ id: appUser.id, name: appUser.fullName, role: appUser.role })
    .from(appUser)
    .where(and(inArray(appUser.role, [...roles]), eq(appUser.active, true)))
    .orderBy(asc(appUser.fullName));
}

/** Active users with one of some roles in a team, and any of some users, by name, for a filter's select list. */
export async function activeUsersWithRolesInTeam(db: DbOrTx, roles: readonly string[], teamId: string | null, alsoIds: readonly string[]): Promise<{ id: string; name: string; role: string }[]> {
  const who = [...(teamId ? [eq(appUser.teamId, teamId)] : []), ...(alsoIds.length ? [inArray(appUser.id, [...alsoIds])] : [])];
  if (!who.length) return [];
  return db
    .select({ id: appUser.id, name: appUser.fullName, role: appUser.role })
    .from(appUser)
    .where(and(inArray(appUser.role, [...roles]), eq(appUser.active, true), or(...who)))
    .orderBy(asc(appUser.fullName));
}

export async function findUserRoleAndActive(db: DbOrTx, id: string): Promise<{ role: string; active: boolean } | undefined> {
  const [row] = await db.select({ role: appUser.role, active: appUser.active }).from(appUser).where(eq(appUser.id, id));
  return row;
}

/** A user's SWE registration number, for the SSDA903 social worker id. */
export async function findUserSweNumber(db: DbOrTx, id: string): Promise<{ id: string; sweNumber: string | null } | undefined> {
  const [row] = await db.select({ id: appUser.id, sweNumber: appUser.sweNumber }).from(appUser).where(eq(appUser.id, id));
  return row;
}

/** Every active user, by name, with their role. */
export async function activeStaff(db: DbOrTx): Promise<{ id: string; name: string; role: string }[]> {
  return db.select({ id: appUser.id, name: appUser.fullName, role: appUser.role }).from(appUser).where(eq(appUser.active, true)).orderBy(asc(appUser.fullName));
}

/** Names of some users (in no particular order). */
export async function userNames(db: DbOrTx, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.select({ id: appUser.id, name: appUser.fullName }).from(appUser).where(inArray(appUser.id, [...ids]));
}

/** Which of these users are active. */
export async function activeUserIds(db: DbOrTx, ids: readonly string[]): Promise<{ id: string }[]> {
  return db.select({ id: appUser.id }).from(appUser).where(and(inArray(appUser.id, [...ids]), eq(appUser.active, true)));
}

/** A user's e-mail address, name and line manager. */
export async function findUserContact(db: DbOrTx, id: string): Promise<{ email: string; name: string; lineManagerId: string | null } | undefined> {
  const [row] = await db.select({ email: appUser.email, name: appUser.fullName, lineManagerId: appUser.lineManagerId }).from(appUser).where(eq(appUser.id, id));
  return row;
}

/** An active user's e-mail address. */
export async function findActiveUserEmail(db: DbOrTx, id: string): Promise<{ email: string } | undefined> {
  const [row] = await db.select({ email: appUser.email }).from(appUser).where(and(eq(appUser.id, id), eq(appUser.active, true)));
  return row;
}

/** E-mail addresses of the active users with a role. */
export async function activeEmailsWithRole(db: DbOrTx, role: string): Promise<{ email: string }[]> {
  return db.select({ email: appUser.email }).from(appUser).where(and(eq(appUser.active, true), eq(appUser.role, role)));
}

// Single sign-on and two-factor -------------------------------------------------------------

/** The user an identity provider's subject was recorded for. */
export async function findUserByOidcSubject(db: DbOrTx, subject: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(appUser).where(eq(appUser.oidcSubject, subject));
  return user;
}

/** Records the identity provider's subject for a user (the first single sign-on matched by e-mail). */
export async function setOidcSubject(db: DbOrTx, id: string, subject: string): Promise<void> {
  await db.update(appUser).set({ oidcSubject: subject, version: sql`${appUser.version} + 1`, updatedAt: new Date() }).where(and(eq(appUser.id, id), isNull(appUser.oidcSubject)));
}

/** Turns on two-factor sign-in with a (sealed) secret, or off (null). */
export async function setTotp(db: DbOrTx, id: string, sealedSecret: string | null, lastStep: number | null): Promise<boolean> {
  const rows = await db
    .update(appUser)
    .set({ totpSecret: sealedSecret, totpEnabledAt: sealedSecret ? new Date() : null, totpLastStep: lastStep, version: sql`${appUser.version} + 1`, updatedAt: new Date() })
    .where(eq(appUser.id, id))
    .returning({ id: appUser.id });
  return rows.length > 0;
}

/**
 * Records the time step of a code just accepted, only if it is later than the last one: false when
 * another request used this or a later step first (a code is accepted once).
 */
export async function useTotpStep(db: DbOrTx, id: string, step: number): Promise<boolean> {
  const rows = await db
    .update(appUser)
    .set({ totpLastStep: step })
    .where(and(eq(appUser.id, id), or(isNull(appUser.totpLastStep), sql`${appUser.totpLastStep} < ${step}`)))
    .returning({ id: appUser.id });
  return rows.length > 0;
}
