import type { Db, DbOrTx } from '../data/db.ts';
import * as users from '../data/repositories/users.ts';
import { organisationExists, findTeamOrganisation } from '../data/repositories/organisations.ts';
import { writeAudit } from '../audit/writer.ts';
import { keepReadable } from './readable.ts';
import { mapPage, readPage, type Listed, type Paging } from './paging.ts';
import { isRole, type Role } from '../domain/access/index.ts';
import { NewUserInput, UserInput, wouldCreateManagerCycle } from '../domain/records/user.ts';
import type { Ctx } from './context.ts';
import { hashPassword } from './auth.ts';
import { isUniqueViolation, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';

export const DUPLICATE_EMAIL = 'A user with this email address already exists';

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

function asUser<T extends { role: string }>(row: T): T & { role: Role } {
  if (!isRole(row.role)) throw new Error(`Unknown role ${row.role}`);
  return row as T & { role: Role };
}

export function createUserService(db: Db) {
  /**
   * One page of the staff matching a filter, by name, and how many match in all (the list page and
   * the API: the first 500 unless a page and size are asked for). A page past the last shows the last.
   */
  async function list(ctx: Ctx, filter: UserFilter = {}, paging: Paging = {}): Promise<Listed<UserListRow>> {
    return db.transaction(async (tx) => {
      const listed = await readPage(
        paging,
        () => users.countUsers(tx, filter),
        (limit, offset) => users.listUsers(tx, filter, limit, offset),
      );
      const page = await mapPage(listed, (rows) => rows.map(asUser));
      await writeAudit(tx, ctx, { action: 'user.listed', subjectType: 'user', details: { filter, count: page.items.length, total: page.total, page: page.page, truncated: page.truncated } });
      return page;
    });
  }

  async function get(ctx: Ctx, id: string) {
    return db.transaction(async (tx) => {
      const row = await users.findUserListRow(tx, id);
      if (!row) throw new NotFoundError('User');
      const reports = await users.directReports(tx, id);
      await writeAudit(tx, ctx, { action: 'user.viewed', subjectType: 'user', subjectId: id });
      return { ...asUser(row), reports: reports.map(asUser) };
    });
  }

  /** The worker's caseload (children in care allocated to them, households they supervise); the children shown are audited by id. */
  async function caseload(ctx: Ctx, id: string) {
    return db.transaction(async (tx) => {
      const all = await users.caseloadOf(tx, id);
      // Only the children the viewer may read (caseload access).
      const load = { ...all, children: await keepReadable(tx, ctx, all.children, (c) => c.id) };
      await writeAudit(tx, ctx, { action: 'child.listed', subjectType: 'user', subjectId: id, details: { purpose: 'caseload', count: load.children.length }, childIds: load.children.map((c) => c.id) });
      return load;
    });
  }

  async function create(ctx: Ctx, raw: unknown): Promise<User> {
    const input = parseInput(NewUserInput, raw);
    const { password, ...values } = input;
    const passwordHash = password ? await hashPassword(password) : null;
    return db.transaction(async (tx) => {
      await checkRelations(tx, null, values, null);
      const row = await users.insertUser(tx, { ...values, passwordHash }).catch(rethrowDuplicateEmail);
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
      const current = await users.findUserStanding(tx, id);
      if (!current) throw new NotFoundError('User');
      if (ctx.actor?.userId === id) {
        const errors = [];
        if (!input.active) errors.push({ field: 'active', message: 'You cannot deactivate your own account. Ask another administrator to do it.' });
        if (input.role !== current.role) errors.push({ field: 'role', message: 'You cannot change your own role. Ask another administrator to do it.' });
        if (errors.length) throw new ValidationError(errors);
      }
      await checkRelations(tx, id, input, current.lineManagerId);
      const result = await users.updateUser(tx, id, version, input).catch(rethrowDuplicateEmail);
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
    const rows = await users.userOptions(db, opts);
    return rows.map(asUser);
  }

  return { list, get, caseload, create, update, options };
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
  if (await users.emailTaken(tx, input.email, id)) errors.push({ field: 'email', message: DUPLICATE_EMAIL });

  const org = await organisationExists(tx, input.organisationId);
  if (!org) errors.push({ field: 'organisationId', message: 'Select an organisation from the list' });
  const t = await findTeamOrganisation(tx, input.teamId);
  if (!t) errors.push({ field: 'teamId', message: 'Select a team from the list' });
  else if (org && t.organisationId !== input.organisationId) errors.push({ field: 'teamId', message: 'Select a team in the chosen organisation' });

  if (input.lineManagerId) {
    const m = await users.findUserActive(tx, input.lineManagerId);
    if (!m) errors.push({ field: 'lineManagerId', message: 'Select a line manager from the list' });
    else if (id !== null && input.lineManagerId === id) errors.push({ field: 'lineManagerId', message: 'A person cannot be their own line manager' });
    else if (!m.active && input.lineManagerId !== currentManagerId) errors.push({ field: 'lineManagerId', message: 'Select an active member of staff as line manager' });
    else if (id !== null) {
      const all = await users.lineManagers(tx);
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
  if (isUniqueViolation(err)) throw new ValidationError([{ field: 'email', message: DUPLICATE_EMAIL }]);
  throw err;
}
