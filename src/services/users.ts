import { and, asc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../data/db.ts';
import { appUser, organisation, team } from '../data/schema.ts';
import { likePattern, updateVersioned } from '../data/repositories/versioned.ts';
import { writeAudit } from '../audit/writer.ts';
import { isRole, type Role } from '../domain/access/index.ts';
import { NewUserInput, UserInput, wouldCreateManagerCycle } from '../domain/records/user.ts';
import type { Ctx } from './context.ts';
import { hashPassword } from './auth.ts';
import { NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';

export const LIST_LIMIT = 500;
export const DUPLICATE_EMAIL = 'A user with this email address already exists';

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

export type User = {
  id: string;
  fullName: string;
  email: string;
  role: Role;
  organisationId: string;
  teamId: string | null;
  lineManagerId: string | null;
  active: boolean;
  /** Social Work England registration number (SW…), or null. */
  sweNumber: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};
export type UserListRow = User & { organisationName: string; teamName: string | null; lineManagerName: string | null };
export type UserFilter = {
  q?: string | undefined;
  role?: Role | undefined;
  teamId?: string | undefined;
  organisationId?: string | undefined;
  active?: boolean | undefined;
};

const manager = alias(appUser, 'line_manager');

function asUser<T extends { role: string }>(row: T): T & { role: Role } {
  if (!isRole(row.role)) throw new Error(`Unknown role ${row.role}`);
  return row as T & { role: Role };
}

export function createUserService(db: Db) {
  function listQuery(tx: DbOrTx) {
    return tx
      .select({ ...publicColumns, organisationName: organisation.name, teamName: team.name, lineManagerName: manager.fullName })
      .from(appUser)
      .innerJoin(organisation, eq(organisation.id, appUser.organisationId))
      .leftJoin(team, eq(team.id, appUser.teamId))
      .leftJoin(manager, eq(manager.id, appUser.lineManagerId));
  }

  async function list(ctx: Ctx, filter: UserFilter = {}): Promise<{ items: UserListRow[]; truncated: boolean }> {
    const where: SQL[] = [];
    if (filter.q) {
      const p = likePattern(filter.q);
      where.push(or(ilike(appUser.fullName, p), ilike(appUser.email, p)) as SQL);
    }
    if (filter.role) where.push(eq(appUser.role, filter.role));
    if (filter.teamId) where.push(eq(appUser.teamId, filter.teamId));
    if (filter.organisationId) where.push(eq(appUser.organisationId, filter.organisationId));
    if (filter.active !== undefined) where.push(eq(appUser.active, filter.active));
    return db.transaction(async (tx) => {
      const rows = await listQuery(tx)
        .where(and(...where))
        .orderBy(asc(appUser.fullName), asc(appUser.email))
        .limit(LIST_LIMIT + 1);
      const truncated = rows.length > LIST_LIMIT;
      const items = rows.slice(0, LIST_LIMIT).map(asUser);
      await writeAudit(tx, ctx, { action: 'user.listed', subjectType: 'user', details: { filter, count: items.length, truncated } });
      return { items, truncated };
    });
  }

  async function get(ctx: Ctx, id: string) {
    return db.transaction(async (tx) => {
      const [row] = await listQuery(tx).where(eq(appUser.id, id));
      if (!row) throw new NotFoundError('User');
      const reports = await tx
        .select({ id: appUser.id, fullName: appUser.fullName, role: appUser.role, active: appUser.active })
        .from(appUser)
        .where(eq(appUser.lineManagerId, id))
        .orderBy(asc(appUser.fullName));
      await writeAudit(tx, ctx, { action: 'user.viewed', subjectType: 'user', subjectId: id });
      return { ...asUser(row), reports: reports.map(asUser) };
    });
  }

  async function create(ctx: Ctx, raw: unknown): Promise<User> {
    const input = parseInput(NewUserInput, raw);
    const { password, ...values } = input;
    const passwordHash = password ? await hashPassword(password) : null;
    return db.transaction(async (tx) => {
      await checkRelations(tx, null, values, null);
      const [row] = await tx
        .insert(appUser)
        .values({ ...values, passwordHash })
        .returning(publicColumns)
        .catch(rethrowDuplicateEmail);
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, ctx, {
        action: 'user.created',
        subjectType: 'user',
        subjectId: row.id,
        details: { role: row.role, organisationId: row.organisationId, teamId: row.teamId, passwordSet: passwordHash !== null },
      });
      return asUser(row);
    });
  }

  async function update(ctx: Ctx, id: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(UserInput, raw);
    await db.transaction(async (tx) => {
      const [current] = await tx.select({ lineManagerId: appUser.lineManagerId, role: appUser.role, active: appUser.active }).from(appUser).where(eq(appUser.id, id));
      if (!current) throw new NotFoundError('User');
      if (ctx.actor?.userId === id) {
        const errors = [];
        if (!input.active) errors.push({ field: 'active', message: 'You cannot deactivate your own account. Ask another administrator to do it.' });
        if (input.role !== current.role) errors.push({ field: 'role', message: 'You cannot change your own role. Ask another administrator to do it.' });
        if (errors.length) throw new ValidationError(errors);
      }
      await checkRelations(tx, id, input, current.lineManagerId);
      const result = await updateVersioned(tx, appUser, id, version, input).catch(rethrowDuplicateEmail);
      if (result === 'missing') throw new NotFoundError('User');
      if (result === 'stale') throw new StaleRecordError('User');
      await writeAudit(tx, ctx, {
        action: 'user.updated',
        subjectType: 'user',
        subjectId: id,
        details: { fields: Object.keys(input), ...(current.active !== input.active ? { active: input.active } : {}), ...(current.role !== input.role ? { role: input.role } : {}) },
      });
    });
  }

  /** Users for select lists (line managers, social workers…): active ones by default. */
  async function options(opts: { roles?: readonly Role[]; includeInactive?: boolean } = {}) {
    const where: SQL[] = [];
    if (!opts.includeInactive) where.push(eq(appUser.active, true));
    if (opts.roles?.length) where.push(inArray(appUser.role, [...opts.roles]));
    const rows = await db
      .select({ id: appUser.id, fullName: appUser.fullName, email: appUser.email, role: appUser.role, active: appUser.active })
      .from(appUser)
      .where(and(...where))
      .orderBy(asc(appUser.fullName), asc(appUser.email));
    return rows.map(asUser);
  }

  return { list, get, create, update, options };
}

/**
 * The rules that need the database: the e-mail is not taken, the team belongs to the
 * organisation, and the line manager exists, is active (when newly chosen) and makes no loop.
 */
async function checkRelations(
  tx: DbOrTx,
  id: string | null,
  input: Pick<UserInput, 'email' | 'organisationId' | 'teamId' | 'lineManagerId'>,
  currentManagerId: string | null,
) {
  const errors: { field: string; message: string }[] = [];
  const clash = await tx
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(sql`lower(${appUser.email}) = ${input.email.toLowerCase()}`, id ? ne(appUser.id, id) : undefined));
  if (clash.length) errors.push({ field: 'email', message: DUPLICATE_EMAIL });

  const [org] = await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, input.organisationId));
  if (!org) errors.push({ field: 'organisationId', message: 'Select an organisation from the list' });
  const [t] = await tx.select({ organisationId: team.organisationId }).from(team).where(eq(team.id, input.teamId));
  if (!t) errors.push({ field: 'teamId', message: 'Select a team from the list' });
  else if (org && t.organisationId !== input.organisationId) errors.push({ field: 'teamId', message: 'Select a team in the chosen organisation' });

  if (input.lineManagerId) {
    const [m] = await tx.select({ active: appUser.active }).from(appUser).where(eq(appUser.id, input.lineManagerId));
    if (!m) errors.push({ field: 'lineManagerId', message: 'Select a line manager from the list' });
    else if (id !== null && input.lineManagerId === id) errors.push({ field: 'lineManagerId', message: 'A person cannot be their own line manager' });
    else if (!m.active && input.lineManagerId !== currentManagerId) errors.push({ field: 'lineManagerId', message: 'Select an active member of staff as line manager' });
    else if (id !== null) {
      const all = await tx.select({ id: appUser.id, lineManagerId: appUser.lineManagerId }).from(appUser);
      const managerOf = new Map(all.map((u) => [u.id, u.lineManagerId]));
      if (wouldCreateManagerCycle(id, input.lineManagerId, managerOf)) {
        errors.push({ field: 'lineManagerId', message: 'This line manager is managed (directly or further up) by this person. Choose someone else.' });
      }
    }
  }
  if (errors.length) throw new ValidationError(errors);
}

/** A race past the e-mail check still meets the unique index: report it the same way. */
function rethrowDuplicateEmail(err: unknown): never {
  const codeOf = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined);
  const cause = err && typeof err === 'object' && 'cause' in err ? (err as { cause: unknown }).cause : undefined;
  if (codeOf(err) === '23505' || codeOf(cause) === '23505') throw new ValidationError([{ field: 'email', message: DUPLICATE_EMAIL }]);
  throw err;
}
