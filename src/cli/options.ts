/**
 * What `npm run seed` and `npm run token:create` accept: their usage text and the parsing of their
 * arguments, apart from running them, so that every refusal of bad arguments is tested in-process.
 * A parse failure is a UsageError: the command prints it with the usage and exits with 2.
 */
import { integerOption, parseOptions, requiredText } from './args.ts';

export const MAX_CHILDREN = 200_000;

export const SEED_USAGE = `Usage: npm run seed -- [--children N] [--reset] [--seed S]

Loads the demo authority (South Gloucestershire; every person synthetic) into the database named by
DATABASE_URL or, without it, into the embedded database in DATA_DIR (default ./data). Stop the server
first when it uses the same DATA_DIR.

  --children N   how many children in care to generate, 0 to ${MAX_CHILDREN} (default SEED_CHILDREN, 400)
  --reset        replace the records already there (the audit log is kept)
  --seed S       seed of the generator, for the same data again (default fixed; random with --reset)
  --help         show this help`;

export type SeedOptions = { help: true } | { help: false; children: number | undefined; seed: number | undefined; reset: boolean };

export function seedOptions(argv: string[]): SeedOptions {
  const args = parseOptions(argv, {
    children: { type: 'string' },
    reset: { type: 'boolean' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) return { help: true };
  return {
    help: false,
    children: integerOption(args.children, '--children', 0, MAX_CHILDREN),
    seed: integerOption(args.seed, '--seed', 0, 2 ** 32 - 1),
    reset: args.reset === true,
  };
}

export const TOKEN_USAGE = `Usage: npm run token:create -- --user EMAIL --name NAME [--days N] [--scope read|read-write]

Creates an API token for the user with that e-mail address and prints it once. Send it as
"Authorization: Bearer <token>". Uses DATABASE_URL or, without it, the embedded database in
DATA_DIR (stop the server first when it uses the same DATA_DIR).

  --user EMAIL   e-mail address of an active user
  --name NAME    what the token is for, up to 100 characters (for example "Nightly export")
  --days N       how many days it lasts (1 to 366; API_TOKEN_DAYS, 90 unless set, if not given)
  --scope SCOPE  read (only reads) or read-write (reads and changes; the default)
  --help         show this help`;

export type TokenOptions = { help: true } | { help: false; email: string; name: string; days: string | undefined; scope: string | undefined };

export function tokenOptions(argv: string[]): TokenOptions {
  const args = parseOptions(argv, {
    user: { type: 'string', short: 'u' },
    name: { type: 'string', short: 'n' },
    days: { type: 'string' },
    scope: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) return { help: true };
  const scope = args.scope === undefined ? undefined : args.scope === 'read-write' ? 'read_write' : args.scope;
  return { help: false, email: requiredText(args.user, '--user EMAIL'), name: requiredText(args.name, '--name NAME'), days: args.days, scope };
}
