import crypto from 'node:crypto';
import argon2 from 'argon2';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Db } from '../data/db.ts';
import * as users from '../data/repositories/users.ts';
import { writeAudit } from '../audit/writer.ts';
import { isRole } from '../domain/access/index.ts';
import { newPasswordProblems, type PasswordChange } from '../domain/access/passwords.ts';
import { TOKEN_MAX_DAYS, TOKEN_SCOPE_LABELS, isTokenScope, type TokenScope } from '../domain/access/tokens.ts';
import {
  TOTP_DIGITS,
  TOTP_DRIFT_STEPS,
  TOTP_PERIOD_SECONDS,
  afterCorrectPassword,
  normaliseCode,
  vouchedEmail,
  type IdentityClaims,
  type TwoFactorPolicy,
} from '../domain/access/two-factor.ts';
import { secretBox } from './secret-box.ts';
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

/** The development key for sealed secrets when none is given (the configuration's session secret is, in the server). */
const DEVELOPMENT_SECRET_KEY = 'hearth-development-session-secret-not-for-production';

export type AuthOptions = {
  allowDemoAccounts: boolean;
  apiTokenDays?: number | undefined;
  /** Seals TOTP secrets at rest (the session secret). */
  secretKey?: string | undefined;
  /** Who must use two-factor codes (unset: administrators must, as without single sign-on). */
  twoFactor?: TwoFactorPolicy | undefined;
  /** How a staff record is matched to an identity provider's claims (OIDC_MATCH_CLAIM). */
  oidcMatchClaim?: 'email' | 'sub' | undefined;
  /** The time now in milliseconds (tests fix it to make TOTP codes for a known moment). */
  clock?: (() => number) | undefined;
};

/** The outcome of a correct password: signed in, or a code is still needed, or enrolment is. */
export type PasswordSignIn = { actor: Actor; next: 'signed-in' | 'code' | 'enrol' };

/** Why a single sign-on was refused, in words for the person refused (and the audit). */
export type IdentityRefusal = { refused: 'unknown' | 'inactive' | 'demo' | 'linked-elsewhere' | 'no-email' };

export function createAuthService(db: Db, opts: AuthOptions) {
  const defaultDays = opts.apiTokenDays ?? DEFAULT_TOKEN_DAYS;
  const box = secretBox(opts.secretKey ?? DEVELOPMENT_SECRET_KEY);
  const policy: TwoFactorPolicy = opts.twoFactor ?? { singleSignOn: false, adminTwoFactor: 'required' };
  const now = opts.clock ?? Date.now;
  const ISSUER = 'Hearth';

  /**
   * Checks an e-mail and password. Always spends one argon2 verification so that a wrong e-mail and a
   * wrong password take the same time. Demo accounts are refused in production. Someone enrolled in
   * two-factor is not signed in yet (next: 'code'): the sign-in is audited when their code is right.
   */
  async function signIn(email: string, password: string, correlationId?: string): Promise<PasswordSignIn | null> {
    const user = await users.findUserByEmail(db, email);
    const hash = user?.passwordHash ?? (await (dummyHash ??= hashPassword('not-a-real-password')));
    const ok = await argon2.verify(hash, password).catch(() => false);
    const allowed = ok && user !== undefined && user.active && user.passwordHash !== null && (!user.isDemo || opts.allowDemoAccounts);
    const next = allowed && user ? afterCorrectPassword({ role: toActor(user).role, isDemo: user.isDemo, twoFactorEnrolled: user.totpSecret !== null }, policy) : null;
    if (next === 'code') return user ? { actor: toActor(user), next } : null;
    await db.transaction(async (tx) => {
      if (allowed && user) {
        await writeAudit(tx, { actor: toActor(user), correlationId }, { action: 'auth.sign-in', subjectType: 'session', subjectId: user.id, details: { method: 'password' } });
      } else {
        const reason = !user ? 'unknown e-mail' : !ok ? 'wrong password' : !user.active ? 'account inactive' : 'demo account refused in production';
        await writeAudit(tx, { actor: null, correlationId }, { action: 'auth.sign-in-failed', subjectType: 'session', subjectId: user?.id ?? null, details: { method: 'password', reason } });
      }
    });
    return allowed && user && next ? { actor: toActor(user), next } : null;
  }

  /** The 30-second step a code is right for, now, or null (checked with otplib, one step of drift either way). */
  async function codeStep(sealed: string, typed: string, afterStep: number | null): Promise<number | null> {
    const secret = box.open(sealed);
    const code = normaliseCode(typed);
    if (!secret || !code) return null;
    const result = await verifyTotp({
      secret,
      token: code,
      epoch: Math.floor(now() / 1000),
      period: TOTP_PERIOD_SECONDS,
      digits: TOTP_DIGITS,
      epochTolerance: TOTP_DRIFT_STEPS * TOTP_PERIOD_SECONDS,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    }).catch(() => ({ valid: false as const }));
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  /**
   * The second step of a password sign-in: the code from the person's authenticator app. Right, and not
   * used before, it signs them in (audited 'auth.sign-in', method 'password and code'); wrong, it is a
   * failed sign-in.
   */
  async function verifySignInCode(userId: string, typed: string, correlationId?: string): Promise<Actor | null> {
    const user = await users.findUser(db, userId);
    const usable = user && user.active && user.totpSecret && (!user.isDemo || opts.allowDemoAccounts);
    const step = usable && user.totpSecret ? await codeStep(user.totpSecret, typed, user.totpLastStep) : null;
    return db.transaction(async (tx) => {
      if (user && usable && step !== null && (await users.useTotpStep(tx, user.id, step))) {
        await writeAudit(tx, { actor: toActor(user), correlationId }, { action: 'auth.sign-in', subjectType: 'session', subjectId: user.id, details: { method: 'password and code' } });
        return toActor(user);
      }
      const reason = !user ? 'unknown user' : !usable ? 'account inactive or not enrolled' : 'wrong code';
      await writeAudit(tx, { actor: null, correlationId }, { action: 'auth.sign-in-failed', subjectType: 'session', subjectId: user?.id ?? null, details: { method: 'password and code', reason } });
      return null;
    });
  }

  /**
   * A new secret for the signed-in person to put in their authenticator app: the secret (sealed, for
   * their session to keep until they confirm it), and what they are shown once (the secret in groups
   * of four and the otpauth:// URI).
   */
  function newTwoFactorSecret(actor: Actor): { sealed: string; secret: string; uri: string } {
    const secret = generateSecret();
    return { sealed: box.seal(secret), secret, uri: generateURI({ issuer: ISSUER, label: actor.email, secret, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS }) };
  }

  /** The secret and URI of a sealed, not yet confirmed secret (shown again while enrolling), or null. */
  function openPendingSecret(actor: Actor, sealed: string): { secret: string; uri: string } | null {
    const secret = box.open(sealed);
    return secret ? { secret, uri: generateURI({ issuer: ISSUER, label: actor.email, secret, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS }) } : null;
  }

  /** Turns on two-factor sign-in once the person has typed a right code for their new secret. */
  async function confirmTwoFactor(ctx: Ctx, sealed: string, typed: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw new NotFoundError('Signed-in user');
    const code = normaliseCode(typed);
    if (!code) throw new ValidationError([{ field: 'code', message: typed.trim() ? `Enter the ${TOTP_DIGITS}-digit code from your authenticator app` : 'Enter the code from your authenticator app' }]);
    const step = await codeStep(sealed, code, null);
    if (step === null) throw new ValidationError([{ field: 'code', message: 'The code is not right: check the time on your phone is correct, and enter the code the app shows now' }]);
    await db.transaction(async (tx) => {
      if (!(await users.setTotp(tx, actor.userId, sealed, step))) throw new NotFoundError('Signed-in user');
      await writeAudit(tx, ctx, { action: 'auth.two-factor-enrolled', subjectType: 'user', subjectId: actor.userId });
    });
  }

  /** Whether a user has two-factor sign-in turned on. */
  async function twoFactorEnrolled(userId: string): Promise<boolean> {
    const user = await users.findUser(db, userId);
    return Boolean(user?.totpSecret);
  }

  /**
   * An administrator turns off another person's two-factor sign-in (a lost phone): they enrol again.
   * Audited with who did it. Their own is not reset this way (a stolen administrator session must not
   * be able to take the second factor off).
   */
  async function resetTwoFactor(ctx: Ctx, userId: string): Promise<void> {
    if (!ctx.actor) throw new NotFoundError('Signed-in user');
    if (ctx.actor.userId === userId) throw new ValidationError([{ field: 'form', message: 'Another administrator must reset your own two-factor sign-in' }]);
    const user = await users.findUser(db, userId);
    if (!user) throw new NotFoundError('Member of staff');
    if (!user.totpSecret) throw new ValidationError([{ field: 'form', message: `${user.fullName} does not use two-factor sign-in` }]);
    await db.transaction(async (tx) => {
      await users.setTotp(tx, userId, null, null);
      await writeAudit(tx, ctx, { action: 'auth.two-factor-reset', subjectType: 'user', subjectId: userId });
    });
  }

  /**
   * Single sign-on: finds the member of staff the identity provider vouches for, by the subject recorded
   * at an earlier sign-in, or (OIDC_MATCH_CLAIM email) by the e-mail claim without case, recording the
   * subject. Unknown and inactive staff are refused. Audited either way (method 'oidc').
   */
  async function signInWithIdentity(claims: IdentityClaims, correlationId?: string): Promise<Actor | IdentityRefusal> {
    const bySubject = await users.findUserByOidcSubject(db, claims.sub);
    const email = vouchedEmail(claims);
    const byEmail = !bySubject && opts.oidcMatchClaim !== 'sub' && email ? await users.findUserByEmail(db, email) : undefined;
    const user = bySubject ?? byEmail;
    const refusal: IdentityRefusal['refused'] | null = !user
      ? opts.oidcMatchClaim !== 'sub' && !email
        ? 'no-email'
        : 'unknown'
      : byEmail && byEmail.oidcSubject !== null && byEmail.oidcSubject !== claims.sub
        ? 'linked-elsewhere'
        : !user.active
          ? 'inactive'
          : user.isDemo && !opts.allowDemoAccounts
            ? 'demo'
            : null;
    return db.transaction(async (tx) => {
      if (user && refusal === null) {
        const linked = byEmail !== undefined && byEmail.oidcSubject === null;
        if (linked) await users.setOidcSubject(tx, user.id, claims.sub);
        await writeAudit(tx, { actor: toActor(user), correlationId }, { action: 'auth.sign-in', subjectType: 'session', subjectId: user.id, details: { method: 'oidc', matchedBy: bySubject ? 'subject' : 'email', linked } });
        return toActor(user);
      }
      await writeAudit(tx, { actor: null, correlationId }, { action: 'auth.sign-in-failed', subjectType: 'session', subjectId: user?.id ?? null, details: { method: 'oidc', reason: refusal } });
      return { refused: refusal ?? 'unknown' };
    });
  }

  /** A single sign-on that failed before Hearth saw whose it was (state mismatch, provider refused): audited. */
  async function identityFailed(reason: string, correlationId?: string): Promise<void> {
    await db.transaction((tx) => writeAudit(tx, { actor: null, correlationId }, { action: 'auth.sign-in-failed', subjectType: 'session', subjectId: null, details: { method: 'oidc', reason: reason.slice(0, 200) } }));
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

  return {
    signIn,
    verifySignInCode,
    newTwoFactorSecret,
    openPendingSecret,
    confirmTwoFactor,
    twoFactorEnrolled,
    resetTwoFactor,
    signInWithIdentity,
    identityFailed,
    signOut,
    changePassword,
    actorForUser,
    createToken,
    resolveToken,
    listTokens,
    revokeToken,
    usableDemoAccounts,
  };
}
