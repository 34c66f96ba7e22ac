/**
 * `npm run build`, also run at install (`postinstall`): what `npm start` runs from.
 *
 * 1. Compiles src/ to JavaScript in dist/ with tsconfig.build.json (emit only: `npm run typecheck`
 *    checks the types), and copies every file of src/ that is not TypeScript (views, public files,
 *    migrations, data) beside it, so paths computed from import.meta.url hold in dist/ as in src/.
 * 2. Makes dist/pgdata-template: an empty embedded database, initialised and migrated, that a first
 *    start copies instead of running PostgreSQL's initdb, and the same as one archive (pgdata.tar) that
 *    an in-memory database (each test file's) loads instead (src/data/pglite-template.ts).
 * 3. Records a fingerprint of the sources in dist/build.json; `npm start` (scripts/start.mjs) rebuilds
 *    when src/ no longer matches it.
 *
 * Everything is made in a directory beside dist/ and swapped in at the end, so a failed build leaves
 * the previous one, and one build runs at a time (dist.lock). `--if-possible` (at install) only says so
 * and succeeds when TypeScript is not installed (`npm ci --omit=dev`): `npm start` then runs src/ with
 * tsx. `--if-stale` (`npm start`) builds only if dist/ does not match the sources.
 *
 * Plain JavaScript, so that it runs with Node alone.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const SRC = path.join(ROOT, 'src');
const STAMP = 'build.json';
/** Besides src/: what else decides what the build makes. */
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];

const isTest = (file) => file.endsWith('.test.ts');

/** Every file under src/ (relative, sorted), tests left out. */
function sourceFiles() {
  return fs
    .readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(SRC, path.join(e.parentPath ?? e.path, e.name)))
    .filter((f) => !isTest(f))
    .sort();
}

/** SHA-256 over the names and contents of the sources and the build's settings. */
export function sourceFingerprint() {
  const hash = crypto.createHash('sha256');
  for (const file of sourceFiles()) hash.update(`src/${file}\0`).update(fs.readFileSync(path.join(SRC, file))).update('\0');
  for (const file of INPUTS) hash.update(`${file}\0`).update(fs.readFileSync(path.join(ROOT, file))).update('\0');
  return hash.digest('hex');
}

/** Whether dist/ was built from the sources as they are now. */
export function isBuildCurrent() {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(DIST, STAMP), 'utf8'));
    return stamp.sources === sourceFingerprint();
  } catch {
    return false;
  }
}

/** The TypeScript compiler's entry, or null when TypeScript is not installed. */
export function typescriptCompiler() {
  try {
    return createRequire(path.join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

async function makeTemplate(out) {
  const { openMigratedDatabase } = await import(pathToFileURL(path.join(out, 'data', 'migrate.js')).href);
  const { currentManifest, writeManifest, writeMemoryImage } = await import(pathToFileURL(path.join(out, 'data', 'pglite-template.js')).href);
  const dir = path.join(out, 'pgdata-template');
  const manifest = currentManifest();
  // Starts from the previous build's template when it is still good, so only new migrations run.
  const database = await openMigratedDatabase({ dataDir: dir, holder: 'npm run build' });
  await database.close();
  fs.rmSync(path.join(dir, 'hearth.lock'), { force: true });
  await writeMemoryImage(dir);
  writeManifest(dir, manifest);
}

export async function build({ log = (line) => console.log(line) } = {}) {
  const tsc = typescriptCompiler();
  if (!tsc) throw new Error('TypeScript is not installed (npm ci installs it; it is a development dependency)');
  const started = Date.now();
  const sources = sourceFingerprint();
  const out = path.join(ROOT, `dist.building-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  try {
    const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out], { cwd: ROOT, stdio: 'inherit' });
    if (compiled.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${compiled.status ?? compiled.signal})`);
    for (const file of sourceFiles()) {
      if (file.endsWith('.ts')) continue;
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.copyFileSync(path.join(SRC, file), path.join(out, file));
    }
    try {
      await makeTemplate(out);
    } catch (err) {
      // Not fatal: a first start then runs initdb itself.
      fs.rmSync(path.join(out, 'pgdata-template'), { recursive: true, force: true });
      log(`build: no database template (${err instanceof Error ? err.message : String(err)}); a first start will create the database itself`);
    }
    fs.writeFileSync(path.join(out, STAMP), `${JSON.stringify({ sources, builtAt: new Date().toISOString() }, null, 2)}\n`);
    const old = path.join(ROOT, `dist.old-${process.pid}`);
    if (fs.existsSync(DIST)) fs.renameSync(DIST, old);
    fs.renameSync(out, DIST);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (err) {
    fs.rmSync(out, { recursive: true, force: true });
    throw err;
  }
  log(`build: dist/ made from src/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The pid of a live process holding the build lock, or null (a lock left by a dead process is taken). */
function lockHolder(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8'));
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return err?.code === 'EPERM' ? -1 : null;
  }
}

/** One build at a time in this directory (two `npm start`s on changed sources would both build). */
async function withBuildLock(fn) {
  const file = path.join(ROOT, 'dist.lock');
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err?.code !== 'EEXIST') throw err;
      if (lockHolder(file) === null) fs.rmSync(file, { force: true });
      else await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  if (args.includes('--if-possible') && !typescriptCompiler()) {
    console.log('build: TypeScript is not installed, so dist/ is not built; npm start will run src/ with tsx');
  } else {
    try {
      await withBuildLock(async () => {
        // --if-stale (npm start): another process may have just built it.
        if (args.includes('--if-stale') && isBuildCurrent()) return;
        await build();
      });
    } catch (err) {
      console.error(`build: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    }
  }
}
