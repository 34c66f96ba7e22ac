/**
 * A real OpenID Connect provider (the oidc-provider package) in this process, on 127.0.0.1 at a random
 * port, for single sign-on tests: one public client using the authorisation code flow with PKCE, a few
 * accounts with e-mail claims, and the package's own development login page (any password). Consent is
 * taken as given. `signInAt` walks its login page over HTTP as a browser would.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export type Account = { email?: string; email_verified?: boolean };

export type TestProvider = {
  issuer: string;
  clientId: string;
  /** Follows an authorisation URL through the login page as `accountId`; returns where the provider sends the browser back to. */
  signInAt: (authorisationUrl: string, accountId: string) => Promise<URL>;
  close: () => Promise<void>;
};

export async function startProvider(opts: { redirectUris: string[]; accounts: Record<string, Account>; clientId?: string }): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = opts.clientId ?? 'hearth-test';
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, token_endpoint_auth_method: 'none', redirect_uris: opts.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [jwk] },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The ID token carries the claims (not only the user-info endpoint).
    conformIdTokenClaims: false,
    async findAccount(_ctx, id) {
      const account = opts.accounts[id] ?? {};
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grantId = session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());

  async function signInAt(authorisationUrl: string, accountId: string): Promise<URL> {
    const jar = new Map<string, string>();
    const send = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const c of res.headers.getSetCookie()) {
        const [pair = ''] = c.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return res;
    };
    let url = authorisationUrl;
    for (let hop = 0; hop < 10; hop++) {
      const res = await send(url);
      const location = res.headers.get('location');
      if (location) {
        const next = new URL(location, url);
        if (!next.href.startsWith(issuer)) return next;
        url = next.href;
        continue;
      }
      const page = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      if (!action) throw new Error(`the provider showed no form (${res.status}): ${page.slice(0, 300)}`);
      const posted = await send(new URL(action.replace(/&amp;/g, '&'), url).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login: accountId, password: 'any password' }).toString(),
      });
      const after = posted.headers.get('location');
      if (!after) throw new Error(`the login form was not accepted (${posted.status})`);
      url = new URL(after, url).href;
    }
    throw new Error('too many redirects at the provider');
  }

  return {
    issuer,
    clientId,
    signInAt,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
