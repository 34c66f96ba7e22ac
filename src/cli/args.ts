/**
 * Shared plumbing for the command-line tools (npm run seed, npm run token:create): strict option
 * parsing, exit codes (0 done, 1 refused or failed, 2 bad usage) and a description of the database.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DataDirBusyError } from '../data/data-dir-lock.ts';
import type { Config } from '../config.ts';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Wrong or missing arguments: the command prints the message and its usage and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `--name value` options strictly: unknown options and stray arguments are usage errors. */
export function parseOptions<const O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** A whole number option within [min, max], or undefined when not given. */
export function integerOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < min || Number(trimmed) > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return Number(trimmed);
}

/** A required text option: present and not blank. */
export function requiredText(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${name} is required`);
  return value.trim();
}

/** Where the command is working, for its messages (never shows a password). */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `the embedded database in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `the PostgreSQL database ${url.pathname.replace(/^\//, '') || '(default)'} on ${url.hostname}${url.port ? `:${url.port}` : ''}`;
  } catch {
    return 'the PostgreSQL database in DATABASE_URL';
  }
}

/**
 * Runs a command's main function and turns its outcome into an exit code: usage errors → 2 with
 * the usage text; a busy embedded database or any other failure → 1 with a clear message.
 */
export async function runCommand(usage: string, main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${usage}`);
      process.exitCode = EXIT_USAGE;
    } else if (err instanceof DataDirBusyError) {
      console.error(err.message);
      process.exitCode = EXIT_FAILED;
    } else {
      console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = EXIT_FAILED;
    }
  }
}
