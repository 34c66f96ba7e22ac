import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Db } from '../data/db.ts';
import * as users from '../data/repositories/users.ts';
import { writeAudit } from '../audit/writer.ts';
import { isRole } from '../domain/access/index.ts';
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

export function createAuthService(db: Db, opts: { allowDemoAccounts: boolean }) {
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

  // Personal access tokens -------------------------------------------------------------------
  const TOKEN_PREFIX = 'hth_';
  const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

  /** Creates a token for a user; returns the secret once. Only its SHA-256 hash is stored. */
  async function createToken(ctx: Ctx, userEmail: string, name: string): Promise<{ id: string; token: string }> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) throw new ValidationError([{ field: 'name', message: 'Enter a name for the token of 100 characters or fewer' }]);
    const user = await users.findUserByEmail(db, userEmail);
    if (!user || !user.active) throw new ValidationError([{ field: 'user', message: 'Enter the e-mail address of an active user' }]);
    const secret = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
    return db.transaction(async (tx) => {
      const row = await users.insertApiToken(tx, { userId: user.id, name: trimmed, tokenHash: sha256(secret), tokenPrefix: secret.slice(0, 10) });
      await writeAudit(tx, ctx, { action: 'token.created', subjectType: 'token', subjectId: row.id, details: { userId: user.id, name: trimmed } });
      return { id: row.id, token: secret };
    });
  }

  async function actorForToken(secret: string): Promise<Actor | null> {
    if (!secret.startsWith(TOKEN_PREFIX)) return null;
    const row = await users.findLiveToken(db, sha256(secret));
    if (!row || !row.user.active || (row.user.isDemo && !opts.allowDemoAccounts)) return null;
    await users.touchApiToken(db, row.tokenId);
    return toActor(row.user);
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

  return { signIn, signOut, actorForUser, createToken, actorForToken, listTokens, revokeToken };
}
