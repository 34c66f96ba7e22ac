/**
 * Two-factor sign-in (TOTP, RFC 6238) and single sign-on: who must give a code, and what an identity
 * provider's claims may match. Pure rules; the codes themselves are checked by the auth service with
 * a TOTP library. Recorded in docs/adr/0013-single-sign-on-and-two-factor.md.
 */
import type { Role } from './index.ts';

/** Codes are six digits, one every 30 seconds; one step either side is accepted for clock drift. */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DRIFT_STEPS = 1;

export type TwoFactorPolicy = {
  /** Single sign-on is configured: the identity provider is where strong authentication belongs. */
  singleSignOn: boolean;
  /** ADMIN_TWO_FACTOR: whether administrators signing in with a password must use codes. */
  adminTwoFactor: 'required' | 'optional';
};

export type PasswordSignInStanding = { role: Role; isDemo: boolean; twoFactorEnrolled: boolean };

/**
 * What happens after a correct password: someone enrolled in two-factor gives a code; an administrator
 * who is not must enrol before doing anything else, when single sign-on is not configured and the
 * requirement is not switched off; demo accounts (refused in production) are never made to enrol.
 */
export function afterCorrectPassword(u: PasswordSignInStanding, policy: TwoFactorPolicy): 'signed-in' | 'code' | 'enrol' {
  if (u.twoFactorEnrolled) return 'code';
  if (mustEnrolTwoFactor(u, policy)) return 'enrol';
  return 'signed-in';
}

/** Whether this person, signed in with a password, must enrol in two-factor before going on. */
export function mustEnrolTwoFactor(u: PasswordSignInStanding, policy: TwoFactorPolicy): boolean {
  return !u.twoFactorEnrolled && u.role === 'administrator' && !u.isDemo && !policy.singleSignOn && policy.adminTwoFactor === 'required';
}

/** A code as typed (spaces and dashes allowed, as authenticator apps show them), or null when it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code) ? code : null;
}

/** The claims Hearth reads from an ID token or user-info answer. */
export type IdentityClaims = { sub: string; email?: unknown; email_verified?: unknown };

/**
 * The e-mail address a provider vouches for, or null: a provider that says the address is not verified
 * (email_verified false) is not believed; one that says nothing (Microsoft Entra ID) is.
 */
export function vouchedEmail(claims: IdentityClaims): string | null {
  if (typeof claims.email !== 'string' || !claims.email.includes('@')) return null;
  if (claims.email_verified === false || claims.email_verified === 'false') return null;
  return claims.email.trim().toLowerCase();
}
