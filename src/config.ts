import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Validated at boot: a bad value stops the service with a
 * clear message. Development defaults are safe; production requires real secrets.
 */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_CHILDREN: z.coerce.number().int().min(0).max(200_000).default(400),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).optional(),
  TRUST_PROXY: z.string().default('false'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  API_TOKEN_DAYS: z.coerce.number().int().min(1).max(366).default(90),
  SMTP_URL: z.string().optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_SECURE: z.enum(['true', 'false']).optional(),
  MAIL_FROM: z.string().min(3).default('Hearth <no-reply@hearth.test>'),
  PUBLIC_URL: z.string().url().optional(),
  EMAIL_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(15_000),
  AGREEMENT_CHASE_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),
  /** Local setting: working days from a concern about a placement to its Placement Support Meeting (docs/rules/placement-support-meeting.md). */
  PSM_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  REVIEW_FEEDBACK_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(5),
  EARLY_PERMANENCE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  OIDC_ISSUER_URL: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.string().url().optional(),
  OIDC_SCOPES: z.string().default('openid email profile'),
  OIDC_MATCH_CLAIM: z.enum(['email', 'sub']).default('email'),
  OIDC_LABEL: z.string().min(1).max(60).default('Sign in with your organisation account'),
  LOCAL_SIGN_IN: z.enum(['true', 'false']).default('true'),
  ADMIN_TWO_FACTOR: z.enum(['required', 'optional']).default('required'),
  /** Read each template again on every page, so an edited template shows without a restart (`npm run dev`). */
  RELOAD_TEMPLATES: z.enum(['true', 'false']).default('false'),
});

/** Single sign-on through an OpenID Connect provider (authorisation code flow with PKCE). */
export type OidcConfig = {
  issuerUrl: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret: string | undefined;
  /** Where the provider sends people back: OIDC_REDIRECT_URL, or PUBLIC_URL + /auth/oidc/callback. */
  redirectUrl: string;
  scopes: string;
  /**
   * How a staff record is found. 'email': by the subject recorded at an earlier sign-in, else by the
   * e-mail claim (without case), recording the subject; 'sub': only by a recorded subject.
   */
  matchClaim: 'email' | 'sub';
  /** The sign-in button's text. */
  label: string;
};

/** An SMTP relay to send e-mail through. */
export type SmtpConfig = {
  host: string;
  port: number;
  /** TLS from the start (usually port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
};

/** E-mail: over SMTP when a relay is configured, otherwise kept in the service's outbox. */
export type MailConfig = {
  from: string;
  smtp: SmtpConfig | null;
};

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The tables' owner, who runs the migrations; unset: DATABASE_URL's role does (development). */
  migrationDatabaseUrl: string | undefined;
  sessionSecret: string;
  logLevel: string;
  seedChildren: number;
  cookieSecure: boolean | 'auto';
  /** The reverse proxies whose X-Forwarded-For is believed (addresses, CIDR ranges or proxy-addr's names), or none. */
  trustProxy: string[] | false;
  /** A signed-in session ends after this long without a request, and this long after sign-in whatever happens. */
  session: { idleMs: number; absoluteMs: number };
  /** How long a new API token lasts unless its creator says otherwise (days). */
  apiTokenDays: number;
  /** Whether the session secret is the development default (start-up warns of it). */
  usingDevelopmentSecret: boolean;
  /** Demo sign-ins work only outside production. */
  allowDemoAccounts: boolean;
  mail: MailConfig;
  /** The address people reach Hearth at, for links in e-mails (no trailing slash). */
  publicUrl: string;
  /** How often the server sends waiting SMTP messages, and chases unanswered agreement requests. */
  background: { emailDeliveryEveryMs: number; agreementChaseEveryMs: number };
  /** Timescales the authority sets where the procedures give none in numbers (passed to the domain's local settings at start-up). */
  localTimescales: { psmWorkingDays: number; reviewFeedbackWorkingDays: number; earlyPermanenceWorkingDays: number };
  /** Single sign-on, when OIDC_ISSUER_URL and OIDC_CLIENT_ID are set. */
  oidc: OidcConfig | null;
  /** Whether e-mail and password sign-in is offered (LOCAL_SIGN_IN; only false with single sign-on). */
  localSignIn: boolean;
  /** Whether administrators signing in with a password must use two-factor codes (ADMIN_TWO_FACTOR). */
  adminTwoFactor: 'required' | 'optional';
  /**
   * Whether templates are read again on every page (RELOAD_TEMPLATES, set by `npm run dev`). Off
   * otherwise, whatever NODE_ENV: compiling them on every page made the accessibility statement 13
   * times slower to serve (108 against 1,414 pages a second).
   */
  reloadTemplates: boolean;
};

const DEV_SESSION_SECRET = 'hearth-development-session-secret-not-for-production';

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new Error('Invalid configuration:\n  SESSION_SECRET: required in production (at least 32 characters)');
  }
  if (e.MIGRATION_DATABASE_URL && !e.DATABASE_URL) {
    throw new Error('Invalid configuration:\n  MIGRATION_DATABASE_URL: set DATABASE_URL too (the service\'s own role); the embedded database has one role');
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const oidc = oidcConfig(e, publicUrl);
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (typeof trustProxy === 'string') throw new Error(`Invalid configuration:\n  TRUST_PROXY: ${trustProxy}`);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    seedChildren: e.SEED_CHILDREN,
    publicUrl,
    cookieSecure:
      e.COOKIE_SECURE === 'true' ? true : e.COOKIE_SECURE === 'false' ? false : e.COOKIE_SECURE === 'auto' ? 'auto' : e.NODE_ENV === 'production' ? true : 'auto',
    trustProxy,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    apiTokenDays: e.API_TOKEN_DAYS,
    usingDevelopmentSecret: !e.SESSION_SECRET,
    allowDemoAccounts: e.NODE_ENV !== 'production',
    mail: mailConfig(e),
    background: { emailDeliveryEveryMs: e.EMAIL_DELIVERY_INTERVAL_MS, agreementChaseEveryMs: e.AGREEMENT_CHASE_INTERVAL_MS },
    localTimescales: { psmWorkingDays: e.PSM_WORKING_DAYS, reviewFeedbackWorkingDays: e.REVIEW_FEEDBACK_WORKING_DAYS, earlyPermanenceWorkingDays: e.EARLY_PERMANENCE_WORKING_DAYS },
    oidc,
    localSignIn: e.LOCAL_SIGN_IN === 'true',
    adminTwoFactor: e.ADMIN_TWO_FACTOR,
    reloadTemplates: e.RELOAD_TEMPLATES === 'true',
  };
}

/** OIDC_*: single sign-on, or null when OIDC_ISSUER_URL is not set. */
function oidcConfig(e: z.output<typeof Env>, publicUrl: string): OidcConfig | null {
  const problems: string[] = [];
  if (!e.OIDC_ISSUER_URL) {
    if (e.OIDC_CLIENT_ID || e.OIDC_CLIENT_SECRET || e.OIDC_REDIRECT_URL) problems.push('OIDC_ISSUER_URL: required when OIDC_CLIENT_ID, OIDC_CLIENT_SECRET or OIDC_REDIRECT_URL is set');
    if (e.LOCAL_SIGN_IN === 'false') problems.push('LOCAL_SIGN_IN: may be false only when single sign-on is configured (OIDC_ISSUER_URL), or nobody could sign in');
  } else {
    if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required with OIDC_ISSUER_URL');
    if (e.NODE_ENV === 'production' && !e.OIDC_ISSUER_URL.startsWith('https://')) problems.push('OIDC_ISSUER_URL: must be https:// in production');
    if (!e.OIDC_SCOPES.split(/\s+/).includes('openid')) problems.push('OIDC_SCOPES: must include openid');
    if (e.OIDC_MATCH_CLAIM === 'email' && !e.OIDC_SCOPES.split(/\s+/).includes('email')) problems.push('OIDC_SCOPES: must include email when OIDC_MATCH_CLAIM is email');
  }
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  if (!e.OIDC_ISSUER_URL || !e.OIDC_CLIENT_ID) return null;
  return {
    issuerUrl: e.OIDC_ISSUER_URL,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    redirectUrl: e.OIDC_REDIRECT_URL ?? `${publicUrl}/auth/oidc/callback`,
    scopes: e.OIDC_SCOPES.trim().split(/\s+/).join(' '),
    matchClaim: e.OIDC_MATCH_CLAIM,
    label: e.OIDC_LABEL.trim(),
  };
}

/** The names proxy-addr (Fastify's) knows for ranges of private addresses. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: "false" (or empty), or a comma-separated list of the proxies in front of Hearth as
 * addresses, CIDR ranges (10.0.0.0/8, fd00::/8) or the names loopback, linklocal and uniquelocal.
 * Trusting every address ("true", "*", 0.0.0.0/0) would let any client choose the address that rate
 * limits and the audit see, so it is refused. Returns the list, false, or what is wrong.
 */
export function parseTrustProxy(value: string): string[] | false | string {
  const text = value.trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true' || text === '*') return 'give the addresses or CIDR ranges of your reverse proxies (for example 10.0.0.5 or 10.0.0.0/24), not "true": trusting every address lets any client choose its own';
  const entries = text.split(',').map((x) => x.trim()).filter(Boolean);
  for (const entry of entries) {
    if (PROXY_NAMES.has(entry)) continue;
    const [address = '', prefix, extra] = entry.split('/');
    const family = net.isIP(address);
    if (!family || extra !== undefined) return `"${entry}" is not an address, a CIDR range or one of ${[...PROXY_NAMES].join(', ')}`;
    if (prefix === undefined) continue;
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) return `"${entry}": the range's prefix length must be 0 to ${family === 4 ? 32 : 128}`;
    if (bits === 0) return `"${entry}" is every address: give the range your reverse proxies are in`;
  }
  return entries;
}

const MAIL_FROM = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

/** SMTP_URL (smtp:// or smtps://) or SMTP_HOST and friends; neither means the outbox. */
function mailConfig(e: z.output<typeof Env>): MailConfig {
  const problems: string[] = [];
  if (!MAIL_FROM.test(e.MAIL_FROM.trim())) problems.push('MAIL_FROM: give an address, for example "Hearth <no-reply@example.org>"');
  let smtp: SmtpConfig | null = null;
  if (e.SMTP_URL && (e.SMTP_HOST || e.SMTP_PORT || e.SMTP_USER || e.SMTP_PASSWORD || e.SMTP_SECURE)) {
    problems.push('SMTP_URL: set SMTP_URL or SMTP_HOST (with SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_SECURE), not both');
  } else if (e.SMTP_URL) {
    let url: URL | undefined;
    try {
      url = new URL(e.SMTP_URL);
    } catch {
      problems.push('SMTP_URL: not a URL (for example smtp://user:password@mail.example.org:587)');
    }
    if (url) {
      const secure = url.protocol === 'smtps:';
      if (url.protocol !== 'smtp:' && !secure) problems.push('SMTP_URL: must start with smtp:// or smtps://');
      else if (!url.hostname) problems.push('SMTP_URL: needs a host name');
      else if (Boolean(url.username) !== Boolean(url.password)) problems.push('SMTP_URL: give both a user name and a password, or neither');
      else
        smtp = {
          host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: url.port ? Number(url.port) : secure ? 465 : 587,
          secure,
          user: url.username ? decodeURIComponent(url.username) : undefined,
          password: url.password ? decodeURIComponent(url.password) : undefined,
        };
    }
  } else if (e.SMTP_HOST) {
    const secure = e.SMTP_SECURE === 'true';
    if (Boolean(e.SMTP_USER) !== Boolean(e.SMTP_PASSWORD)) problems.push('SMTP_USER: set SMTP_USER and SMTP_PASSWORD together');
    smtp = { host: e.SMTP_HOST, port: e.SMTP_PORT ?? (secure ? 465 : 587), secure, user: e.SMTP_USER, password: e.SMTP_PASSWORD };
  } else if (e.SMTP_PORT || e.SMTP_USER || e.SMTP_PASSWORD || e.SMTP_SECURE) {
    problems.push('SMTP_HOST: required when SMTP_PORT, SMTP_USER, SMTP_PASSWORD or SMTP_SECURE is set');
  }
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return { from: e.MAIL_FROM.trim(), smtp };
}
