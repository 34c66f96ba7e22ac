import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Db } from '../data/db.ts';
import * as users from '../data/repositories/users.ts';
import { writeAudit } from '../audit/writer.ts';
import { isRole } from '../domain/access/index.ts';
import { newPasswordProblems, type PasswordChange } from '../domain/access/passwords.ts';
import { TOKEN_MAX_DAYS, TOKEN_SCOPE_LABELS, isTokenScope, type TokenScope } from '../domain/access/tokens.ts';
import type { Actor, Ctx } from './context.ts';
import { NotFoundError, ValidationError } from './errors.ts';

/** argon2id with OWASP's recommended minimums (19 MiB, 2 iterations). */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

type UserRow = users.UserRow;

export function toActor(u: Pick<UserRow, 'id' | 'fullName' | 'email' | 'role' | 'organisationId' | 'teamId'>): Actor {
  if (!isRole(u.role)) throw new Error(`Unknown role ${u.role}`);
  return { userId: u.id, name: u.fullName, email: u.email, role: u.role, organisationId: u.organisationId, teamId: u.teamId };
}

/** What a new token is given unless its creator chooses: how many days it lasts, and its scope. */
export type TokenChoice = { days?: unknown; scope?: unknown };

const DEFAULT_TOKEN_DAYS = 90;

export function createAuthService(db: Db, opts: { allowDemoAccounts: boolean; apiTokenDays?: number | undefined }) {
  const defaultDays = opts.apiTokenDays ?? DEFAULT_TOKEN_DAYS;
  /**
   * Checks an e-mail and password. Always spends one argon2 verification so that a wrong e-mail and a
   * wrong password take the same time. Demo accounts are refused in production.
   */
  async function signIn(email: string, password: string, correlationId?: string): Promise<Actor | null> {
    const user = await users.findUserByEmail(db, email);
    const hash = user?.passwordHash ?? (await (dummyHash ??= hashPassword('not-a-real-password')));
    const ok = await argon2.verify(hash, password).catch(() => false);
    const allowed = ok && user !== undefined && user.active && user.passwordHash !== null && (!user.isDemo || opts.allowDemoAccounts);
    await db.transaction(async (tx) => {
      if (allowed && user) {
        await writeAudit(tx, { actor: toActor(user), correlationId }, { action: 'auth.sign-in', subjectType: 'session', subjectId: user.id });
      } else {
        const reason = !user ? 'unknown e-mail' : !ok ? 'wrong password' : !user.active ? 'account inactive' : 'demo account refused in production';
        await writeAudit(tx, { actor: null, correlationId }, { action: 'auth.sign-in-failed', subjectType: 'session', subjectId: user?.id ?? null, details: { reason } });
      }
    });
    return allowed && user ? toActor(user) : null;
  }

  async function actorForUser(userId: string): Promise<Actor | null> {
    const user = await users.findUser(db, userId);
    if (!user || !user.active || (user.isDemo && !opts.allowDemoAccounts)) return null;
    return toActor(user);
  }

  async function signOut(ctx: Ctx): Promise<void> {
    if (!ctx.actor) return;
    await db.transaction((tx) => writeAudit(tx, ctx, { action: 'auth.sign-out', subjectType: 'session', subjectId: ctx.actor?.userId ?? null }));
  }

  /**
   * Changes the signed-in person's own password once they have given their current one, and ends their
   * other sessions (a password changed because it was seen by someone should shut that someone out).
   * `keepSessionId` is the session they are using.
   */
  async function changePassword(ctx: Ctx, input: PasswordChange, keepSessionId: string): Promise<{ otherSessionsEnded: number }> {
    const actor = ctx.actor;
    if (!actor) throw new NotFoundError('Signed-in user');
    const problems = newPasswordProblems(input, actor.email);
    const user = await users.findUser(db, actor.userId);
    if (!user || !user.active) throw new NotFoundError('Signed-in user');
    // One argon2 verification whether or not the rest is right, so that no answer says more sooner.
    const currentOk = Boolean(input.currentPassword) && user.passwordHash !== null && (await argon2.verify(user.passwordHash, input.currentPassword).catch(() => false));
    if (input.currentPassword && !currentOk) problems.unshift({ field: 'currentPassword', message: 'Your current password is not right' });
    if (problems.length) throw new ValidationError(problems);
    const hash = await hashPassword(input.newPassword);
    return db.transaction(async (tx) => {
      await users.setPasswordHash(tx, user.id, hash);
      const otherSessionsEnded = await users.deleteOtherSessions(tx, user.id, keepSessionId);
      await writeAudit(tx, ctx, { action: 'auth.password-changed', subjectType: 'user', subjectId: user.id, details: { otherSessionsEnded } });
      return { otherSessionsEnded };
    });
  }

  // Personal access tokens -------------------------------------------------------------------
  const TOKEN_PREFIX = 'hth_';
  const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

  /**
   * Creates a token for a user; returns the secret once (only its SHA-256 hash is stored) and when it
   * expires. It lasts `days` (API_TOKEN_DAYS unless chosen; 1 to 366) and reads only or also writes.
   */
  async function createToken(ctx: Ctx, userEmail: string, name: string, choice: TokenChoice = {}): Promise<{ id: string; token: string; expiresAt: Date; scope: TokenScope }> {
    const errors: { field: string; message: string }[] = [];
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) errors.push({ field: 'name', message: 'Enter a name for the token of 100 characters or fewer' });
    const daysText = choice.days === undefined || choice.days === '' ? String(defaultDays) : String(choice.days).trim();
    const days = /^\d{1,3}$/.test(daysText) ? Number(daysText) : NaN;
    if (!(days >= 1 && days <= TOKEN_MAX_DAYS)) errors.push({ field: 'days', message: `Enter how many days the token lasts, a whole number from 1 to ${TOKEN_MAX_DAYS}` });
    const scope = choice.scope === undefined || choice.scope === '' ? 'read_write' : choice.scope;
    if (!isTokenScope(scope)) errors.push({ field: 'scope', message: `Select what the token may do: ${Object.values(TOKEN_SCOPE_LABELS).join(' or ').toLowerCase()}` });
    const user = await users.findUserByEmail(db, userEmail);
    if (!user || !user.active) errors.push({ field: 'user', message: 'Enter the e-mail address of an active user' });
    if (errors.length || !user || !isTokenScope(scope)) throw new ValidationError(errors);
    const secret = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + days * 86_400_000);
    return db.transaction(async (tx) => {
      const row = await users.insertApiToken(tx, { userId: user.id, name: trimmed, tokenHash: sha256(secret), tokenPrefix: secret.slice(0, 10), expiresAt, scope });
      await writeAudit(tx, ctx, { action: 'token.created', subjectType: 'token', subjectId: row.id, details: { userId: user.id, name: trimmed, days, scope } });
      return { id: row.id, token: secret, expiresAt, scope };
    });
  }

  /** Who a bearer token acts as, and what it may do; null when it is unknown, revoked, expired or its user may not sign in. */
  async function resolveToken(secret: string): Promise<{ actor: Actor; scope: TokenScope } | null> {
    if (!secret.startsWith(TOKEN_PREFIX)) return null;
    const row = await users.findLiveToken(db, sha256(secret));
    if (!row || !row.user.active || (row.user.isDemo && !opts.allowDemoAccounts) || !isTokenScope(row.scope)) return null;
    await users.touchApiToken(db, row.tokenId);
    return { actor: toActor(row.user), scope: row.scope };
  }

  /** How many demo accounts can sign in now (none in production): start-up warns of them. */
  async function usableDemoAccounts(): Promise<number> {
    return opts.allowDemoAccounts ? users.countActiveDemoUsers(db) : 0;
  }

  async function listTokens(ctx: Ctx) {
    return db.transaction(async (tx) => {
      const rows = await users.listApiTokens(tx);
      await writeAudit(tx, ctx, { action: 'token.listed', subjectType: 'token', details: { count: rows.length } });
      return rows;
    });
  }

  async function revokeToken(ctx: Ctx, id: string): Promise<void> {
    await db.transaction(async (tx) => {
      if (!(await users.revokeApiToken(tx, id))) throw new NotFoundError('Active token');
      await writeAudit(tx, ctx, { action: 'token.revoked', subjectType: 'token', subjectId: id });
    });
  }

  return { signIn, signOut, changePassword, actorForUser, createToken, resolveToken, listTokens, revokeToken, usableDemoAccounts };
}
