/**
 * The OpenID Connect relying party (openid-client): the authorisation code flow with PKCE, a state and
 * a nonce. It only talks to the provider; which member of staff the claims are is the auth service's
 * decision (signInWithIdentity). The provider's metadata is discovered once and kept.
 */
import * as oidc from 'openid-client';
import type { OidcConfig } from '../config.ts';
import type { IdentityClaims } from '../domain/access/two-factor.ts';

/** What the browser's session keeps between leaving for the provider and coming back. */
export type OidcChecks = { state: string; nonce: string; verifier: string };

export class OidcUnavailableError extends Error {}
export class OidcRefusedError extends Error {}

export function createOidcRelyingParty(cfg: OidcConfig) {
  let discovered: Promise<oidc.Configuration> | undefined;

  function configuration(): Promise<oidc.Configuration> {
    discovered ??= (async () => {
      const issuer = new URL(cfg.issuerUrl);
      // Plain http is refused in production by the configuration; elsewhere (a local provider) it is allowed.
      const options = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {};
      return cfg.clientSecret
        ? oidc.discovery(issuer, cfg.clientId, cfg.clientSecret, undefined, options)
        : oidc.discovery(issuer, cfg.clientId, undefined, oidc.None(), options);
    })();
    // A provider that could not be reached is asked again next time.
    discovered.catch(() => (discovered = undefined));
    return discovered;
  }

  /** Where to send the browser, and the checks to keep in its session. */
  async function start(): Promise<{ url: string; checks: OidcChecks }> {
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch (err) {
      throw new OidcUnavailableError(`The identity provider could not be reached: ${(err as Error).message}`);
    }
    const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: cfg.redirectUrl,
      scope: cfg.scopes,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, checks };
  }

  /**
   * Exchanges the code the provider sent back (the callback's query string) for tokens, checking the
   * state, the PKCE verifier, the ID token's signature, issuer, audience and nonce. Returns its claims.
   */
  async function finish(query: string, checks: OidcChecks): Promise<IdentityClaims> {
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch (err) {
      throw new OidcUnavailableError(`The identity provider could not be reached: ${(err as Error).message}`);
    }
    const current = new URL(cfg.redirectUrl);
    current.search = query;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims || typeof claims.sub !== 'string' || !claims.sub) throw new OidcRefusedError('The identity provider sent no subject');
      return { sub: claims.sub, email: claims.email, email_verified: claims.email_verified };
    } catch (err) {
      if (err instanceof OidcRefusedError) throw err;
      const e = err as { code?: string; error?: string; message?: string };
      throw new OidcRefusedError(e.error ?? e.code ?? e.message ?? 'refused');
    }
  }

  return { start, finish, label: cfg.label, matchClaim: cfg.matchClaim };
}
export type OidcRelyingParty = ReturnType<typeof createOidcRelyingParty>;
