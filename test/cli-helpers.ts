/**
 * Running the project's commands in tests: a command on the embedded database in a directory, and
 * another process holding that directory as the running server does.
 */
import path from 'node:path';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type Result = { code: number | null; stdout: string; stderr: string };

/** The environment of a command on the embedded database in `dataDir` (no DATABASE_URL). */
export function embeddedEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  return env;
}

/**
 * Runs a command as `npm run` does (scripts/command.mjs: the build in dist/ when it is current, else
 * src/ with tsx) with arguments, and collects its output. `name` is the file in src/cli/ without ".ts".
 */
export function runScript(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'command.mjs'), name, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Another process holding the embedded database, as the running server does. */
export async function holdDataDir(dir: string): Promise<ChildProcessWithoutNullStreams> {
  const dbModule = path.join(ROOT, 'src/data/db.ts');
  const code = `
    const { openDatabase } = await import(${JSON.stringify(dbModule)});
    const database = await openDatabase({ dataDir: process.env.DATA_DIR, holder: 'npm start (server)' });
    console.log('ready');
    process.stdin.resume();
    process.stdin.on('end', async () => { await database.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, env: embeddedEnv(dir) });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    child.on('close', (c) => reject(new Error(`holder exited with ${c}: ${err}`)));
  });
  return child;
}

/** Lets the holding process close the database and exit. */
export async function release(child: ChildProcessWithoutNullStreams): Promise<void> {
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await closed;
  clearTimeout(timer);
}
