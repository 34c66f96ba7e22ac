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
  SESSION_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_CHILDREN: z.coerce.number().int().min(0).max(200_000).default(400),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
});

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string;
  logLevel: string;
  seedChildren: number;
  cookieSecure: boolean | 'auto';
  trustProxy: boolean;
  /** Demo sign-ins work only outside production. */
  allowDemoAccounts: boolean;
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
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    seedChildren: e.SEED_CHILDREN,
    cookieSecure:
      e.COOKIE_SECURE === 'true' ? true : e.COOKIE_SECURE === 'false' ? false : e.COOKIE_SECURE === 'auto' ? 'auto' : e.NODE_ENV === 'production' ? true : 'auto',
    trustProxy: e.TRUST_PROXY === 'true',
    allowDemoAccounts: e.NODE_ENV !== 'production',
  };
}
